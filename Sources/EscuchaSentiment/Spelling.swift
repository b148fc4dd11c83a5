import Foundation
import Synchronization
import EscuchaCore
import EscuchaNormalize

/// Opinion words the customer misspelled by one letter: `exelente` is `excelente`, `horrbile` is `horrible`,
/// `organziado` is `organizado` (`pesimoo` is repaired earlier, as elongation). Reviews and tweets are typed
/// fast on phones, and a lexicon that misses a typo misses the opinion. See docs/decisions/0006.
///
/// Only a word that is not Spanish (`OpinionLookup` asks the system word list, `WordList`) is repaired, only
/// to an opinion word, only when one edit reaches it (a letter left out or added, two neighbours swapped,
/// or in longer words a neighbouring key struck; any other changed letter is as often another word), with
/// the first letter kept, and only when every
/// word that close has the same entry: an unknown word near two different opinions is left alone. Short
/// words (under `minimumLength` letters) are left alone too, since one letter turns them into too many
/// others. A capitalised word is repaired only where a sentence or clause opens (`ProperNames`): elsewhere
/// it is mostly a name.
struct SpellingRepair: Sendable {
    static let minimumLength = 7
    /// A changed letter is repaired from this length on, and only between neighbouring keys.
    static let minimumSubstitutionLength = 8

    /// The candidates' keys as UTF-8 (accents folded: an accent is not a typo) and their entries.
    private let words: [[UInt8]]
    private let entries: [ValenceEntry]
    /// The hash of a candidate's key and of each of its one-byte deletions → candidates (symmetric delete;
    /// a hash collision only adds a candidate that the edit check then refuses). Bytes, not characters: the
    /// keys are ASCII but for `ñ`, and an edit inside its two bytes is simply never within one edit.
    /// An open-addressing table of the hashes (`hashes`, with the first node of each in `heads`, -1 for an
    /// empty slot) and their candidates in the order they were added, chained through `numbers` and `next`:
    /// a dictionary of arrays cost an array per hash, built at the first typo of every run.
    private let hashes: [UInt64]
    private let heads: [Int32]
    private let numbers: [Int32]
    private let next: [Int32]

    /// `candidates` have distinct keys (`OpinionLookup.spellingCandidates` keeps one term a key): a set to refuse
    /// repeated ones cost 5 M instructions at the first typo of a run.
    init(candidates: [(key: String, entry: ValenceEntry)]) {
        var words: [[UInt8]] = []
        var entries: [ValenceEntry] = []
        var pairs: [(hash: UInt64, number: Int32)] = []
        // A key and each of its deletions: one pair each (growing the array as it filled copied it a dozen times).
        var pairCount = 0
        for (key, _) in candidates where key.utf8.count >= Self.minimumLength { pairCount += key.utf8.count + 1 }
        pairs.reserveCapacity(pairCount)
        for (key, entry) in candidates where key.utf8.count >= Self.minimumLength {
            let number = Int32(words.count)
            let bytes = Array(key.utf8)
            words.append(bytes)
            entries.append(entry)
            Self.forEachVariant(of: bytes) { pairs.append(($0, number)) }
        }
        var capacity = 16
        while capacity < 2 * pairs.count { capacity <<= 1 }
        var hashes = [UInt64](repeating: 0, count: capacity)
        var heads = [Int32](repeating: -1, count: capacity)
        var tails = [Int32](repeating: -1, count: capacity)
        // Each pair is one node at most: the nodes are written through buffers, as the slots are (writing each array's
        // element checked that array's uniqueness every time, 60,000 pairs at the first typo of every run).
        var numbers = [Int32](repeating: 0, count: pairs.count), next = [Int32](repeating: -1, count: pairs.count)
        var nodes = 0
        hashes.withUnsafeMutableBufferPointer { hashes in
            heads.withUnsafeMutableBufferPointer { heads in
                tails.withUnsafeMutableBufferPointer { tails in
                    numbers.withUnsafeMutableBufferPointer { numbers in
                        next.withUnsafeMutableBufferPointer { next in
                            for (hash, number) in pairs {
                                var slot = Self.slot(hash, capacity)
                                while heads[slot] >= 0, hashes[slot] != hash { slot = (slot + 1) & (capacity - 1) }
                                let node = Int32(nodes)
                                if heads[slot] < 0 {
                                    hashes[slot] = hash
                                    heads[slot] = node
                                } else {
                                    // A word whose variants share a hash (`aa` less either `a`) is listed once under it.
                                    let tail = Int(tails[slot])
                                    if numbers[tail] == number { continue }
                                    next[tail] = node
                                }
                                tails[slot] = node
                                numbers[nodes] = number
                                nodes += 1
                            }
                        }
                    }
                }
            }
        }
        numbers.removeLast(pairs.count - nodes)
        next.removeLast(pairs.count - nodes)
        self.words = words
        self.entries = entries
        self.hashes = hashes
        self.heads = heads
        self.numbers = numbers
        self.next = next
    }

    /// Where a hash's probe starts in a table of `capacity` slots (a power of two).
    private static func slot(_ hash: UInt64, _ capacity: Int) -> Int { PackedTable.slot(hash, capacity - 1) }

    /// The first node of the candidates listed under `hash`, or -1.
    private func firstNode(_ hash: UInt64) -> Int32 {
        var slot = Self.slot(hash, hashes.count)
        while heads[slot] >= 0 {
            if hashes[slot] == hash { return heads[slot] }
            slot = (slot + 1) & (hashes.count - 1)
        }
        return -1
    }

    /// The entry of the one opinion word within one edit of `key`, or nil.
    func repair(_ key: String) -> (word: String, entry: ValenceEntry)? {
        let bytes = Array(key.utf8)
        guard bytes.count >= Self.minimumLength else { return nil }
        var found: (word: String, entry: ValenceEntry)?
        var ambiguous = false
        Self.forEachVariant(of: bytes) { hash in
            var node = firstNode(hash)
            while node >= 0, !ambiguous {
                let number = numbers[Int(node)]
                node = next[Int(node)]
                let word = words[Int(number)], entry = entries[Int(number)]
                // Typos keep the first letter; a word that differs there is another word (`preventa`, `reventa`).
                guard word.first == bytes.first, Self.withinOneEdit(bytes, word) else { continue }
                if let previous = found, previous.entry.term != entry.term { ambiguous = true }
                if found == nil { found = (String(decoding: word, as: UTF8.self), entry) }
            }
        }
        return ambiguous ? nil : found
    }

    /// The hashes of `bytes` and of each of its one-byte deletions, in that order (FNV-1a, skipping one position).
    /// FNV-1a reads the bytes in order, so each deletion's hash goes on from the state the bytes before it left: half the
    /// steps of hashing every deletion from the start (the table hashes every deletion of 5,000 words at the first typo).
    static func forEachVariant(of bytes: [UInt8], _ body: (UInt64) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var whole = fnvBasis
            for byte in bytes { whole = fnvStep(whole, byte) }
            body(whole ^ UInt64(count))
            var prefix = fnvBasis
            for skipped in 0..<count {
                var hash = prefix
                var position = skipped + 1
                while position < count {
                    hash = fnvStep(hash, bytes[position])
                    position += 1
                }
                body(hash ^ UInt64(count - 1))
                prefix = fnvStep(prefix, bytes[skipped])
            }
        }
    }

    private static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always)
    private static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// One insertion, deletion, substitution or transposition of neighbours turns `a` into `b`.
    static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return false }
        if abs(a.count - b.count) > 1 { return false }
        var start = 0
        while start < min(a.count, b.count), a[start] == b[start] { start += 1 }
        if a.count == b.count {
            guard start + 1 < a.count else { return a.count >= minimumSubstitutionLength && Keyboard.likelySlip(a[start], b[start]) }
            if a[start] == b[start + 1] && a[start + 1] == b[start] && a[(start + 2)...] == b[(start + 2)...] { return true }
            // A neighbouring key struck instead (`recomemdado`, `expectacular`): only in longer words, where one
            // changed letter rarely makes another word the word list lacks.
            return a.count >= minimumSubstitutionLength && Keyboard.likelySlip(a[start], b[start]) && a[(start + 1)...] == b[(start + 1)...]
        }
        let (longer, shorter) = a.count > b.count ? (a, b) : (b, a)
        return longer[(start + 1)...] == shorter[start...]
    }
}

/// Which letters sit next to each other on a Spanish QWERTY keyboard, phones' included: a changed letter
/// is a typo when the finger slipped to a neighbour (`n`/`m`, `s`/`x`), and more often another word otherwise.
enum Keyboard {
    static let rows: [[UInt8]] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"].map { Array($0.utf8) }

    /// 26×26 bits: `neighbours[a] & (1 << b)` for ASCII lowercase letters.
    static let neighbours: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 26)
        for (row, keys) in rows.enumerated() {
            for (column, key) in keys.enumerated() {
                // Rows are staggered: a key touches the one before and after it, the two above it (same column and
                // the next) and the two below it (the previous column and the same).
                var near: [(Int, Int)] = [(row, column - 1), (row, column + 1)]
                near += [(row - 1, column), (row - 1, column + 1), (row + 1, column - 1), (row + 1, column)]
                for (r, c) in near where rows.indices.contains(r) && rows[r].indices.contains(c) {
                    table[Int(key - 0x61)] |= 1 << UInt32(rows[r][c] - 0x61)
                }
            }
        }
        return table
    }()

    /// A changed letter the writer likely meant as the other: a neighbouring key, or a letter that sounds the same
    /// in Spanish (`acojedor`, `amavilidad`, `desepción`, `deliziosa`).
    static func likelySlip(_ a: UInt8, _ b: UInt8) -> Bool { adjacent(a, b) || soundAlike(a, b) }

    /// Pairs of letters Spanish spelling confuses because they sound alike: `b`/`v`; `g`/`j` and `c`/`s`/`z` (seseo)
    /// before `e` and `i`, and `y`/`i`.
    static func soundAlike(_ a: UInt8, _ b: UInt8) -> Bool {
        let pair = a < b ? (a, b) : (b, a)
        switch pair {
        case (UInt8(ascii: "b"), UInt8(ascii: "v")), (UInt8(ascii: "g"), UInt8(ascii: "j")), (UInt8(ascii: "c"), UInt8(ascii: "s")),
             (UInt8(ascii: "c"), UInt8(ascii: "z")), (UInt8(ascii: "s"), UInt8(ascii: "z")), (UInt8(ascii: "i"), UInt8(ascii: "y")):
            return true
        default:
            return false
        }
    }

    static func adjacent(_ a: UInt8, _ b: UInt8) -> Bool {
        guard a >= 0x61, a <= 0x7A, b >= 0x61, b <= 0x7A else { return false }
        return neighbours[Int(a - 0x61)] & (1 << UInt32(b - 0x61)) != 0
    }
}

/// Spanish words beyond Escucha's vocabulary, so that a rare word (`fachada`, `respecto`, `limitado`) is
/// never taken for a typo: the system's Spanish word list (Debian's `wspanish`, `/usr/share/dict/spanish`,
/// or `$ESCUCHA_WORDLIST`), by key. Without one, typos are not repaired: Escucha's own vocabulary lists the
/// words of customer feedback, not all of Spanish, and a word it lacks is far more often rare than misspelled.
struct WordList: Sendable {
    static let defaultPath = "/usr/share/dict/spanish"
    let keys: WordKeys

    static func load(environment: [String: String]) -> WordList? {
        let path = environment["ESCUCHA_WORDLIST"] ?? defaultPath
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let keys = WordKeys(lines: [UInt8](data))
        return keys.isEmpty ? nil : WordList(keys: keys)
    }

    /// The list holds infinitives, not every form: a `vosotros` imperative is a word when its verb is listed
    /// (`regalad`, `felicitad`: the infinitive's `r` becomes `d`), not a typo of `regalado`. Pronouns attached
    /// to a `tú` form (`relajate`) are left to the repair: `-ate`, `-ete` are as often `-ante`, `-ente` typed
    /// short (`sorprendete`, `alucinate`).
    func isImperative(_ key: String) -> Bool {
        (key.hasSuffix("ad") || key.hasSuffix("ed") || key.hasSuffix("id")) && keys.contains(String(key.dropLast()) + "r")
    }
}

/// The word list's keys by their UTF-8 bytes: the list's own text, each line's key written over the line, and an
/// open-addressing table of the words' numbers, instead of a `Set<String>` that hashed each of the list's 86k words
/// with SipHash at the first typo of every run. Equal bytes are equal keys here as they are for strings: the list's
/// keys and the words asked about are NFC (folded forms and their matching keys), and NFC text is canonically equal
/// only to itself.
struct WordKeys: Sendable {
    /// The list's text with each line's key over its start (a key of lowercase letters is never longer than its line),
    /// then the keys that folding made longer than their line.
    private let bytes: [UInt8]
    /// Each word's start in `bytes` (high 32 bits) and length (low 32 bits).
    private let spans: [UInt64]
    /// Each slot holds a word's number plus one, or 0 when empty; at most half are used.
    private let slots: [Int32]

    /// The keys of a word list, one word a line. Most lines are lowercase ASCII, their own key, and most others
    /// lowercase Latin-1 (`acción`, `año`), whose key drops their vowels' accents: both are read where they lie, with
    /// no string made (building the list's 86k keys one by one cost 40 M instructions at the first typo of a run).
    /// Such a line (lowercase ASCII letters and `C3 A0`–`C3 BF` but `÷`) is its own folding, and its matching key, as
    /// `Folding.key(Folding.fold(line))` makes it, is its bytes with each accented vowel made plain (`Folding.baseVowel`).
    /// One pass over each line finds its end, tells whether it is such a line, writes its key over it and hashes the key
    /// (a pass for each cost 27 M instructions at the first typo of every run).
    init(lines: [UInt8]) {
        var text = lines
        var spans: [UInt64] = [], hashes: [UInt64] = []
        spans.reserveCapacity(text.count / 8)
        hashes.reserveCapacity(text.count / 8)
        var unusual: [String] = []
        text.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var start = 0
            while start < count {
                // The key and its hash (`Self.hash`), byte by byte up to the line's end.
                var read = start, write = start
                var hash = Self.basis
                var latin = true
                while read < count {
                    let byte = base[read]
                    if byte >= 0x61 && byte <= 0x7A {
                        base[write] = byte
                        hash = Self.step(hash, byte)
                        read += 1
                        write += 1
                        continue
                    }
                    if byte == 0x0A { break }
                    guard byte == 0xC3, read + 1 < count, base[read + 1] >= 0xA0, base[read + 1] <= 0xBF, base[read + 1] != 0xB7 else {
                        latin = false
                        break
                    }
                    let next = base[read + 1]
                    if let vowel = Folding.baseVowel(latin1Continuation: next) {
                        base[write] = vowel
                        hash = Self.step(hash, vowel)
                        write += 1
                    } else {
                        base[write] = byte
                        base[write + 1] = next
                        hash = Self.step(Self.step(hash, byte), next)
                        write += 2
                    }
                    read += 2
                }
                if latin {
                    if read > start {
                        spans.append(UInt64(start) << 32 | UInt64(write - start))
                        hashes.append(Self.mixed(hash))
                    }
                    start = read + 1
                    continue
                }
                // Any other line is folded as a string, from the list's own bytes (this one's may be written over).
                var end = count
                if let found = memchr(base + read, 0x0A, count - read) {
                    end = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                }
                unusual.append(lines[start..<end].withUnsafeBufferPointer { Folding.key(Folding.fold(String(decoding: $0, as: UTF8.self))) })
                start = end + 1
            }
        }
        for key in unusual {
            spans.append(UInt64(text.count) << 32 | UInt64(key.utf8.count))
            let bytes = Array(key.utf8)
            hashes.append(bytes.withUnsafeBufferPointer { Self.hash($0) })
            text.append(contentsOf: bytes)
        }
        var size = 16
        while size < 2 * spans.count { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        text.withUnsafeBufferPointer { text in
            slots.withUnsafeMutableBufferPointer { slots in
                for number in spans.indices {
                    let word = Self.word(spans[number], in: text)
                    // A word goes to the first empty slot of its probe, unless listed already.
                    var slot = Int(truncatingIfNeeded: hashes[number]) & (size - 1)
                    while slots[slot] != 0 {
                        if Self.equal(Self.word(spans[Int(slots[slot]) - 1], in: text), word) { break }
                        slot = (slot + 1) & (size - 1)
                    }
                    if slots[slot] == 0 { slots[slot] = Int32(number + 1) }
                }
            }
        }
        bytes = text
        self.spans = spans
        self.slots = slots
    }

    var isEmpty: Bool { spans.isEmpty }

    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { word in
            bytes.withUnsafeBufferPointer { text in
                var slot = Int(truncatingIfNeeded: Self.hash(word)) & (slots.count - 1)
                while slots[slot] != 0 {
                    if Self.equal(Self.word(spans[Int(slots[slot]) - 1], in: text), word) { return true }
                    slot = (slot + 1) & (slots.count - 1)
                }
                return false
            }
        }
    }

    private static func word(_ span: UInt64, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(span >> 32)..<Int(span >> 32) + Int(span & 0xFFFF_FFFF)])
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// FNV-1a, with its bits mixed so that the table's low bits spread.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = basis
        for byte in word { hash = step(hash, byte) }
        return mixed(hash)
    }

    private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    @inline(__always)
    private static func mixed(_ hash: UInt64) -> UInt64 { (hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9 ^ (hash >> 32) }
}

/// The repair table, built the first time an unknown word needs it (most texts never do) and then shared.
final class SpellingRepairCache: Sendable {
    private let table = Mutex<SpellingRepair?>(nil)
    private let wordList = Mutex<WordList??>(nil)

    /// The system word list, read once (nil when there is none).
    func words() -> WordList? {
        wordList.withLock { list in
            if let list { return list }
            let loaded = WordList.load(environment: ProcessInfo.processInfo.environment)
            list = .some(loaded)
            return loaded
        }
    }

    func repair(_ key: String, building: () -> SpellingRepair) -> (word: String, entry: ValenceEntry)? {
        let repair = table.withLock { table in
            if let table { return table }
            let built = building()
            table = built
            return built
        }
        return repair.repair(key)
    }
}
