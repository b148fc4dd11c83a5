#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether `needle` occurs in these bytes: `memchr` to each candidate first byte, then `memcmp`.
    public func contains(bytes needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = needle.count
        guard length > 0, count >= length, let base = baseAddress, let wanted = needle.baseAddress else { return length == 0 }
        var offset = 0
        while offset <= count - length {
            guard let hit = memchr(base + offset, Int32(wanted[0]), count - length - offset + 1) else { return false }
            let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + position, wanted, length) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}
