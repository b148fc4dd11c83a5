/// FNV-1a, 64 bits: stable across runs and platforms (Swift's `Hasher` is seeded per process), fast,
/// and good enough to name documents; not for security.
public struct ContentHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* Self.prime
        }
        // A separator so that ("ab","c") and ("a","bc") differ.
        state ^= 0xff
        state = state &* Self.prime
    }

    public mutating func combine(_ string: String) {
        string.withUTF8Bytes { combine($0) }
    }

    public var value: UInt64 { state }

    public var hexDigest: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place for native strings (no copy, no retain of a
    /// mutable copy, unlike `var copy = s; copy.withUTF8`), through a temporary array otherwise.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try withCopiedUTF8Bytes(body)
    }

    /// `withUTF8Bytes`'s way for a string without contiguous UTF-8 (a bridged one), out of line: written inline, its
    /// copy of the bytes made every caller retain the string around the call, the fast way too (a retain and a release
    /// of about 30 instructions for each of the 120,000 strings a MB of texts writes with `JSONWriter.Run.string`).
    @usableFromInline @inline(never)
    func withCopiedUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try Array(utf8).withUnsafeBufferPointer(body)
    }
}
