/// UTF-8 validation on raw bytes, with an ASCII fast path eight bytes at a time.
public enum UTF8Validation {
    public enum Result: Equatable, Sendable {
        case valid
        /// An ill-formed sequence starts at this offset.
        case invalid(at: Int)
        /// Valid, except that the last `count` bytes start a sequence cut by the end of the buffer (for
        /// chunked input: carry them over to the next chunk).
        case truncated(count: Int)
    }

    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result { check(bytes).result }

    /// The bytes as a `String`, the same as `String(decoding: bytes, as: UTF8.self)` (ill-formed sequences become
    /// U+FFFD), but checked once, here, eight ASCII bytes at a time: `String(decoding:)` checks a byte at a time (about
    /// 9 instructions a byte, 9 M per MB of texts read by lines), and `String(copying:)` of a checked span does not check
    /// again. Bytes that are not valid UTF-8 take `String(decoding:)`'s way, which repairs them.
    public static func string(decoding bytes: UnsafeBufferPointer<UInt8>) -> String {
        if #available(macOS 26, *), case (.valid, let isASCII) = check(bytes) {
            // Safe: `check` has just found every sequence well formed; the ASCII mark is the one `String(decoding:)` sets.
            return String(copying: unsafe UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `validate`'s answer, and whether every byte was ASCII.
    private static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (result: Result, isASCII: Bool) {
        guard let base = bytes.baseAddress else { return (.valid, true) }
        let count = bytes.count
        var index = 0
        var isASCII = true
        while index < count {
            // Skip ASCII eight bytes at a time, then straight to the first byte that is not (byte by byte, each ASCII
            // byte before it loaded its eight again).
            while index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let high = word & 0x8080_8080_8080_8080
                if high != 0 {
                    index += high.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 { index += 1; continue }
            isASCII = false
            let length: Int
            var minSecond: UInt8 = 0x80
            var maxSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F  // no UTF-16 surrogates
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
            default: return (.invalid(at: index), false)
            }
            for offset in 1..<length {
                guard index + offset < count else { return (.truncated(count: count - index), false) }
                let byte = base[index + offset]
                let low: UInt8 = offset == 1 ? minSecond : 0x80
                let high: UInt8 = offset == 1 ? maxSecond : 0xBF
                guard byte >= low, byte <= high else { return (.invalid(at: index), false) }
            }
            index += length
        }
        return (.valid, isASCII)
    }

    public static func validate(_ bytes: some Collection<UInt8>) -> Result {
        if let result = bytes.withContiguousStorageIfAvailable({ validate($0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { validate($0) }
    }

    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool { validate(bytes) == .valid }

    /// Counts well-formed multi-byte sequences and ill-formed bytes: text that is UTF-8 with a few stray
    /// Latin-1 bytes has many of the first and few of the second; Windows-1252 Spanish has none of the first.
    public static func census(_ bytes: UnsafeBufferPointer<UInt8>) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0
        var invalid = 0
        var index = 0
        while index < bytes.count {
            let rest = UnsafeBufferPointer(rebasing: bytes[index...])
            switch validate(rest) {
            case .valid:
                multiByte += rest.reduce(0) { $0 + ($1 >= 0xC2 && $1 <= 0xF4 ? 1 : 0) }
                return (multiByte, invalid)
            case .truncated:
                return (multiByte, invalid)
            case .invalid(let offset):
                multiByte += rest[0..<offset].reduce(0) { $0 + ($1 >= 0xC2 && $1 <= 0xF4 ? 1 : 0) }
                invalid += 1
                index += offset + 1
            }
        }
        return (multiByte, invalid)
    }

    /// The bytes with every ill-formed sequence replaced by U+FFFD.
    public static func repairing(_ bytes: [UInt8]) -> [UInt8] {
        guard validate(bytes) != .valid else { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
