extension String {
    /// `split(separator: " ").map(String.init)`, cut on the bytes when that gives the same words: the lexicon
    /// loaders split thousands of terms at every start, and splitting on Characters walks grapheme clusters.
    ///
    /// A space between ASCII bytes (or at either end) is a Character of its own, since no ASCII character
    /// extends a cluster or prefixes one; the words between such spaces are then the same bytes either way.
    /// A space next to any other byte (`a\u{301}`-like marks after it) is left to the Character split.
    public func wordsSplitOnSpaces() -> [String] {
        let cut: [String]?? = utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            let count = bytes.count
            var spaces = 0
            for index in 0..<count where bytes[index] == 0x20 {
                if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < count && bytes[index + 1] >= 0x80 { return nil }
                spaces += 1
            }
            // One word is the string itself, and more fill an array made once: growing it as words came doubled the
            // cost of splitting, for the 12,000 terms split at every start.
            if spaces == 0 { return count == 0 ? [] : [self] }
            var words: [String] = []
            words.reserveCapacity(spaces + 1)
            var start = 0
            for index in 0...count where index == count || bytes[index] == 0x20 {
                // Empty pieces (runs of spaces, spaces at the ends) are left out, as `split` leaves them out.
                if index > start { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return words
        }
        if let cut = cut ?? nil { return cut }
        return split(separator: " ").map(String.init)
    }
}
