/// Converts UTF-8 offsets of one text to UTF-16 offsets, for offsets asked in increasing order: one pass
/// over the bytes whatever the number of tokens.
struct UTF16Offsets {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var byteIndex = 0
    private var unitIndex = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func offset(at target: Int) -> Int {
        if target < byteIndex {
            byteIndex = 0
            unitIndex = 0
        }
        while byteIndex < target {
            let byte = bytes[byteIndex]
            if byte & 0xC0 != 0x80 { unitIndex += byte >= 0xF0 ? 2 : 1 }
            byteIndex += 1
        }
        return unitIndex
    }
}
