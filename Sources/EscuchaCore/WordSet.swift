/// A set of words (the rules' and matchers' word lists) whose `contains` reads a word's bytes instead of
/// hashing it with SipHash: the rules ask such sets about nearly every token, and `Set<String>.contains`
/// costs hundreds of instructions a time.
///
/// Words of up to 16 ASCII bytes (nearly all keys: accents are folded away) are held packed in two machine
/// words in a small open-addressing table, and a word asked about that is as short and ASCII is found by
/// comparing those. Comparing bytes gives `String`'s answer because the members are NFC, like every literal
/// and lexicon form in Escucha (decision 0004): an NFC string that is not ASCII is never canonically equal to
/// one that is, and ASCII strings are equal only byte for byte. Any other word asked about (longer, or not
/// ASCII, like `año`) can only equal a member the table does not hold, unless its NFC form is ASCII, which
/// takes one of the three characters whose canonical form is ASCII (U+037E `;`, U+1FEF `` ` ``, U+212A `K`):
/// such a word is looked up in the whole `Set<String>`, any other among the members outside the table (by
/// `==`, one at a time when they are few, as they are: `aun así`), so the answer is always `Set<String>`'s.
public struct WordSet: Sendable, ExpressibleByArrayLiteral, Sequence {
    /// The words, as a plain set (iteration, and the words the table does not hold).
    public let strings: Set<String>
    private let table: [Entry]
    private let mask: Int
    /// The members the table does not hold (not ASCII, or longer than 16 bytes), and as a set when many.
    private let others: [String]
    private let otherSet: Set<String>?

    private struct Entry: Sendable {
        var low: UInt64
        var high: UInt64
        /// The word's length in bytes, or -1 for an empty slot.
        var length: Int
    }

    public init(_ words: some Sequence<String>) {
        strings = Set(words)
        var size = 8
        while size < 4 * strings.count { size <<= 1 }
        var table = [Entry](repeating: Entry(low: 0, high: 0, length: -1), count: size)
        var others: [String] = []
        for word in strings {
            guard let (low, high, length) = Self.packed(word) else {
                others.append(word)
                continue
            }
            var index = Self.slot(low, high, length) & (size - 1)
            while table[index].length >= 0 { index = (index + 1) & (size - 1) }
            table[index] = Entry(low: low, high: high, length: length)
        }
        self.table = table
        mask = size - 1
        self.others = others
        otherSet = others.count > 4 ? Set(others) : nil
    }

    public init(arrayLiteral words: String...) { self.init(words) }

    public var count: Int { strings.count }
    public var isEmpty: Bool { strings.isEmpty }
    public func makeIterator() -> Set<String>.Iterator { strings.makeIterator() }
    public func union(_ other: some Sequence<String>) -> WordSet { WordSet(strings.union(other)) }

    public func contains(_ word: String) -> Bool {
        guard let (low, high, length) = Self.packed(word) else {
            if Self.mayHaveASCIICanonicalForm(word) { return strings.contains(word) }
            // Not ASCII in NFC (or ASCII and longer than 16 bytes): no member of the table can equal it.
            if let otherSet { return otherSet.contains(word) }
            return others.contains(word)
        }
        return tableContains(low, high, length)
    }

    /// `contains(String(decoding: bytes, as: UTF8.self))` for valid UTF-8, without making the string when the bytes
    /// are ASCII and at most 16 (a lexicon's column of codes: `general`, `ES`), which the table answers alone.
    public func contains(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (low, high, length) = Self.packed(utf8: bytes) else { return contains(String(decoding: bytes, as: UTF8.self)) }
        return tableContains(low, high, length)
    }

    @inline(__always)
    private func tableContains(_ low: UInt64, _ high: UInt64, _ length: Int) -> Bool {
        var index = Self.slot(low, high, length) & mask
        return table.withUnsafeBufferPointer { entries in
            while entries[index].length >= 0 {
                if entries[index].length == length, entries[index].low == low, entries[index].high == high { return true }
                index = (index + 1) & mask
            }
            return false
        }
    }

    /// A word of at most 16 ASCII bytes as two little-endian words (zero-padded) and its length; nil otherwise.
    @inline(__always)
    private static func packed(_ word: String) -> (UInt64, UInt64, Int)? {
        let found: (UInt64, UInt64, Int)?? = word.utf8.withContiguousStorageIfAvailable { packed(utf8: $0) }
        return found ?? nil
    }

    @inline(__always)
    private static func packed(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, Int)? {
        guard bytes.count <= 16, let base = bytes.baseAddress else { return bytes.isEmpty ? (0, 0, 0) : nil }
        // One copy of at most 16 bytes into two zeroed words (little-endian: byte i lands at bit 8i), then
        // one test for a byte of 0x80 or above.
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        let low = UInt64(littleEndian: words.0), high = UInt64(littleEndian: words.1)
        return (low | high) & 0x8080_8080_8080_8080 == 0 ? (low, high, bytes.count) : nil
    }

    /// Whether the word holds U+037E, U+1FEF or U+212A (UTF-8 `CD BE`, `E1 BF AF`, `E2 84 AA`): the only
    /// characters that are not ASCII but whose canonical decomposition is (`;`, `` ` ``, `K`). A word without
    /// them that is not ASCII has a form in NFC that is not ASCII either.
    static func mayHaveASCIICanonicalForm(_ word: String) -> Bool {
        // On the string's own buffer: iterating a `String.UTF8View` costs tens of instructions a byte.
        if let found = word.utf8.withContiguousStorageIfAvailable({ mayHaveASCIICanonicalForm(utf8: $0) }) { return found }
        return Array(word.utf8).withUnsafeBufferPointer { mayHaveASCIICanonicalForm(utf8: $0) }
    }

    static func mayHaveASCIICanonicalForm(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            switch bytes[index] {
            case 0xCD where bytes[index + 1] == 0xBE: return true
            case 0xE1 where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xAF: return true
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA: return true
            default: index += 1
            }
        }
        return false
    }

    @inline(__always)
    private static func slot(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
        var x = (low &* 0x9E37_79B9_7F4A_7C15) ^ high ^ UInt64(length)
        x = (x ^ (x >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: x ^ (x >> 32))
    }
}

extension WordSet {
    /// The words that put the writer or the reader in a sentence (`me`, `nos`, `te`, `usted`): a sentence with one
    /// tells the visit, not a story (the sentiment's narration and the urgency signal both ask).
    public static let writerAndReader: WordSet = ["me", "mi", "mis", "nos", "nuestro", "nuestra", "nuestros", "nuestras", "yo", "nosotros",
                                                  "nosotras", "te", "tu", "tus", "os", "usted", "ustedes", "vosotros", "conmigo", "contigo"]
}
