/// Converts UTF-8 offsets of one text to UTF-16 offsets, for offsets asked in increasing order: one pass
/// over the bytes whatever the number of tokens.
struct UTF16Offsets {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var byteIndex = 0
    private var unitIndex = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Moves to byte `target` whose offset the caller knows (a memoized surface's length), without counting.
    mutating func skip(to target: Int, offset: Int) {
        byteIndex = target
        unitIndex = offset
    }

    @inline(__always)
    mutating func offset(at target: Int) -> Int {
        // Most tokens start right after the last one or after one ASCII byte (a space): counted here, without the loops of
        // `count(to:)` (about 14 instructions a token).
        if target == byteIndex { return unitIndex }
        if target == byteIndex + 1, bytes[byteIndex] < 0x80 {
            byteIndex = target
            unitIndex += 1
            return unitIndex
        }
        return count(to: target)
    }

    private mutating func count(to target: Int) -> Int {
        if target < byteIndex {
            byteIndex = 0
            unitIndex = 0
        }
        // Eight bytes at a time: every byte but a continuation byte (10xxxxxx) starts a character, one
        // UTF-16 unit each, and a four-byte lead (11110xxx) starts a surrogate pair, one unit more.
        if let base = bytes.baseAddress {
            let high: UInt64 = 0x8080_8080_8080_8080
            while byteIndex + 8 <= target {
                let word = UnsafeRawPointer(base + byteIndex).loadUnaligned(as: UInt64.self)
                let continuation = word & ~(word << 1) & high
                let fourByteLead = word & (word << 1) & (word << 2) & (word << 3) & high
                unitIndex += 8 - continuation.nonzeroBitCount + fourByteLead.nonzeroBitCount
                byteIndex += 8
            }
        }
        while byteIndex < target {
            let byte = bytes[byteIndex]
            if byte & 0xC0 != 0x80 { unitIndex += byte >= 0xF0 ? 2 : 1 }
            byteIndex += 1
        }
        return unitIndex
    }
}
