import Synchronization
import EscuchaCore
import EscuchaNormalize

/// The positions of a text's tokens that may name a sector (`TermVocabulary.Marks.namesSector`), written in place as the
/// text's word ids are read and kept after them, for the sector gate (`TopicAnalyzer.analyze`), which reads only these:
/// it read the packs of every token of nearly every text. Its room is kept from text to text (it only grows), and only
/// the first `count` of it are positions: copied out into an array of their own, they cost about 200 instructions a text.
public struct SectorWords: Sendable {
    var room: [Int32] = []
    public internal(set) var count = 0

    public init() {}

    /// Every position below `count`: for hits found without a list.
    init(every count: Int) {
        room = Array(0..<Int32(truncatingIfNeeded: count))
        self.count = count
    }

    /// The positions, in order.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
        try room.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }
}

/// The words of the terms of every matcher built with it (topics, signals, emotions), numbered in one space, and
/// each surface's ids in that space. Shared, a new surface's ids are worked out once for all the matchers and kept
/// in one slot of its forms; with a numbering per matcher each worked them out and claimed a slot of its own.
public final class TermVocabulary: Sendable {
    /// The words so far and the surfaces' ids worked out with them. Words numbered after a surface's ids were read
    /// start a new generation (a new slot key and table), so that no surface keeps ids that miss one; ids are never
    /// renumbered, so a later generation's ids are good for every matcher built before it.
    final class Generation: Sendable {
        let ids: [String: Int32]
        /// By id, its marks (`mark`): a surface with an id that leads or names a sector is marked so in its inline ids
        /// (`InlineIDs`), and the walk visits only the tokens that lead, the sector gate only those that may name one.
        let marks: [Marks]
        /// The marks of every mention: a mention's sectors are read from its key (`@iberia`), not from its ids.
        let mentionMarks: Marks
        let attachmentKey: AttachmentKey
        let fallback: ThreadLocal<IdentityTable<TokenForms, WordIDs>>

        init(ids: [String: Int32], marks: [Marks], mentionMarks: Marks) {
            self.ids = ids
            self.marks = marks
            self.mentionMarks = mentionMarks
            attachmentKey = AttachmentKey()
            fallback = ThreadLocal { IdentityTable<TokenForms, WordIDs>() }
        }

        /// The same slot and table with more words or marks: nothing was read with the fewer.
        init(ids: [String: Int32], marks: [Marks], mentionMarks: Marks, unused earlier: Generation) {
            self.ids = ids
            self.marks = marks
            self.mentionMarks = mentionMarks
            attachmentKey = earlier.attachmentKey
            fallback = earlier.fallback
        }

        /// This generation with other words or marks: its slot and table kept when no text was read with it (`read`).
        func with(ids: [String: Int32]? = nil, marks: [Marks]? = nil, mentionMarks: Marks? = nil, read: Bool) -> Generation {
            let ids = ids ?? self.ids, marks = marks ?? self.marks, mentionMarks = mentionMarks ?? self.mentionMarks
            return read ? Generation(ids: ids, marks: marks, mentionMarks: mentionMarks)
                : Generation(ids: ids, marks: marks, mentionMarks: mentionMarks, unused: self)
        }

        /// The marks of a token with these ids and kind.
        func marks(_ ids: [Int32], kind: TokenKind) -> Marks {
            var found: Marks = kind == .mention ? mentionMarks : []
            for id in ids where UInt32(bitPattern: id) < UInt32(marks.count) { found.formUnion(marks[Int(id)]) }
            return found
        }
    }

    /// What a stage reads a token for.
    struct Marks: OptionSet, Sendable {
        let rawValue: UInt8
        /// Leads some matcher's walk to try terms.
        static let leads = Marks(rawValue: 1)
        /// May name a sector (`TopicAnalyzer.packsByID`).
        static let namesSector = Marks(rawValue: 2)
    }

    private let state: Mutex<(generation: Generation, read: Bool)>

    public init() {
        state = Mutex((Generation(ids: [:], marks: [], mentionMarks: []), false))
    }

    /// The words numbered so far (a generation to number on from, and to hand back to `register`), not marking it read.
    func words() -> Generation { state.withLock { $0.generation } }

    /// The shared id of each word of a matcher's numbering (`local`, ids 0..<count), numbering the words not known
    /// yet. Nil when the local ids are the shared ones: the numbering went on from `base`, the words then, and no
    /// other matcher numbered words since.
    func register(_ local: [String: Int32], base: Generation) -> [Int32]? {
        state.withLock { state in
            if state.generation === base, local.count >= base.ids.count {
                if local.count > base.ids.count {
                    state.generation = state.generation.with(ids: local, read: state.read)
                    state.read = false
                }
                return nil
            }
            var known = state.generation.ids
            var ids = [Int32](repeating: 0, count: local.count)
            for (key, id) in local {
                if let shared = known[key] { ids[Int(id)] = shared; continue }
                let shared = Int32(known.count)
                known[key] = shared
                ids[Int(id)] = shared
            }
            if known.count != state.generation.ids.count {
                state.generation = state.generation.with(ids: known, read: state.read)
                state.read = false
            }
            return ids
        }
    }

    /// Marks word ids that lead a matcher's walk to try terms (see `Generation.marks`).
    func lead(_ ids: [Int32]) { mark(ids, .leads) }

    /// Gives word ids, and with `mentions` every mention, mark `mark` (see `Generation.marks`); a new generation when
    /// texts were read with marks that miss one.
    func mark(_ ids: [Int32], _ mark: Marks, mentions: Bool = false) {
        state.withLock { state in
            let generation = state.generation
            var marks = generation.marks
            for id in ids where !(Int(id) < marks.count && marks[Int(id)].contains(mark)) {
                if Int(id) >= marks.count { marks += [Marks](repeating: [], count: Int(id) + 1 - marks.count) }
                marks[Int(id)].insert(mark)
            }
            let mentionMarks = mentions ? generation.mentionMarks.union(mark) : generation.mentionMarks
            guard marks != generation.marks || mentionMarks != generation.mentionMarks else { return }
            state.generation = generation.with(marks: marks, mentionMarks: mentionMarks, read: state.read)
            state.read = false
        }
    }

    /// The generation texts are read with now.
    func current() -> Generation {
        state.withLock { state in
            state.read = true
            return state.generation
        }
    }

    /// The word ids of a surface: first its own key's id (-1 when no term has that word), then the ids of its
    /// lemma and the infinitives it may conjugate that some term has.
    final class WordIDs {
        let ids: [Int32]
        init(_ ids: [Int32]) { self.ids = ids }
    }

    /// Up to three word ids below 2^20 in one machine word, so that reading a token's ids touches nothing
    /// but its forms: bit 0 set, the count in bits 1–2, then each id plus one (the own key's may be -1) in
    /// 20 bits, and bit 63 set when the token leads (`Marks.leads`). Bit 62, the third id's last bit, is set for a
    /// surface of fewer ids that may name a sector (`Marks.namesSector`); one of three ids that may is not inline. A
    /// third id of 2^19 - 1 or more reads as naming one too: a token the sector gate reads for nothing.
    enum InlineIDs {
        static let width: UInt = 20
        static let mask: UInt = (1 << 20) - 1

        static func bits(_ ids: [Int32], leads: Bool = false, namesSector: Bool = false) -> UInt? {
            guard ids.count <= 3, ids.allSatisfy({ $0 >= -1 && UInt($0 + 1) <= mask }), !(namesSector && ids.count == 3) else { return nil }
            var bits: UInt = 1 | UInt(ids.count) << 1 | (leads ? 1 << 63 : 0) | (namesSector ? 1 << 62 : 0)
            for (index, id) in ids.enumerated() { bits |= UInt(id + 1) << (3 + width * UInt(index)) }
            return bits
        }

        @inline(__always)
        static func count(_ bits: UInt) -> Int { Int((bits >> 1) & 3) }

        /// 1 when one of the ids leads, else 0.
        @inline(__always)
        static func leads(_ bits: UInt) -> Int { Int(bits >> 63) }

        /// 1 when the surface may name a sector (or has a third id of 2^19 - 1 or more), else 0.
        @inline(__always)
        static func namesSector(_ bits: UInt) -> Int { Int((bits >> 62) & 1) }

        @inline(__always)
        static func id(_ bits: UInt, _ index: Int) -> Int32 { Int32((bits >> (3 + width * UInt(index))) & mask) - 1 }

        static func append(_ bits: UInt, to ids: inout [Int32]) {
            for index in 0..<count(bits) { ids.append(id(bits, index)) }
        }
    }

    /// A text's word ids, flattened: `ids[starts[i]..<starts[i + 1]]` for token `i`, the first its own key's; and the
    /// tokens that lead, in order (`Marks.leads`).
    /// Valid inside the `withIDs` call that made it.
    struct TextIDs {
        let ids: UnsafeBufferPointer<Int32>
        let starts: UnsafeBufferPointer<Int32>
        let leading: UnsafeBufferPointer<Int32>
    }

    /// Room for a text's ids, kept per thread across texts (their counts only grow).
    final class Room {
        var ids: [Int32] = []
        var starts: [Int32] = []
        var leading: [Int32] = []
        var sectorWords: [Int32] = []
    }

    private let room = ThreadLocal { Room() }

    /// Runs `body` with the word ids of `text`'s tokens.
    func withIDs<R>(of text: NormalizedText, normalizer: Normalizer, _ body: (TextIDs) -> R) -> R {
        let box = room.value
        var sectorWords = SectorWords()
        swap(&sectorWords.room, &box.sectorWords)
        let result = withIDs(of: text, normalizer: normalizer, sectorWords: &sectorWords, body)
        swap(&sectorWords.room, &box.sectorWords)
        return result
    }

    /// The same, and the tokens that may name a sector listed in `sectorWords` (`SharedMatch.Hits.sectorWords`).
    func withIDs<R>(of text: NormalizedText, normalizer: Normalizer, sectorWords: inout SectorWords, _ body: (TextIDs) -> R) -> R {
        let generation = current()
        // The thread's room moved out for the text (and back at the end): a text read inside `body` gets its own.
        let box = room.value
        var ids: [Int32] = [], starts: [Int32] = [], leading: [Int32] = []
        swap(&ids, &box.ids)
        swap(&starts, &box.starts)
        swap(&leading, &box.leading)
        let counts = Self.fill(text, normalizer, generation, &ids, &starts, &leading, &sectorWords.room)
        sectorWords.count = counts.sectorWords
        let result = ids.withUnsafeBufferPointer { ids in
            starts.withUnsafeBufferPointer { starts in
                leading.withUnsafeBufferPointer { leading in
                    body(TextIDs(ids: ids, starts: starts, leading: UnsafeBufferPointer(rebasing: leading[0..<counts.leading])))
                }
            }
        }
        swap(&ids, &box.ids)
        swap(&starts, &box.starts)
        swap(&leading, &box.leading)
        return result
    }

    /// Fills the arrays for the text, growing them as needed. Written through pointers: an append per id checked the
    /// array's uniqueness and capacity, and reading a token's forms retained them.
    /// Returns how many tokens lead (the first of `leading`), and how many may name a sector (of `sectorWords`).
    private static func fill(_ text: NormalizedText, _ normalizer: Normalizer, _ generation: Generation, _ ids: inout [Int32],
                             _ starts: inout [Int32], _ leading: inout [Int32], _ sectorWords: inout [Int32])
        -> (leading: Int, sectorWords: Int) {
        let tokenCount = text.tokens.count
        if starts.count < tokenCount + 1 { starts = [Int32](repeating: 0, count: max(tokenCount + 1, 2 * starts.count)) }
        if leading.count < tokenCount { leading = [Int32](repeating: 0, count: max(tokenCount, 2 * leading.count)) }
        if sectorWords.count < tokenCount { sectorWords = [Int32](repeating: 0, count: max(tokenCount, 2 * sectorWords.count)) }
        // Most surfaces have at most three ids (`InlineIDs`); a text with more is filled again with more room.
        var room = max(ids.count, 3 * tokenCount)
        while true {
            if ids.count < room { ids = [Int32](repeating: 0, count: room) }
            let filled = ids.withUnsafeMutableBufferPointer { out in
                starts.withUnsafeMutableBufferPointer { starts in
                    leading.withUnsafeMutableBufferPointer { leading in
                        sectorWords.withUnsafeMutableBufferPointer { sectorWords in
                            text.tokens.withUnsafeBufferPointer { tokens in
                                fill(tokens, normalizer, generation, into: out, starts: starts, leading: leading, sectorWords: sectorWords)
                            }
                        }
                    }
                }
            }
            if let filled { return filled }
            room *= 2
        }
    }

    /// Fills `out`, `starts`, `leading` and `sectorWords` for `tokens`; nil when `out` is too small, else how many tokens
    /// lead and how many may name a sector.
    private static func fill(_ tokens: UnsafeBufferPointer<Token>, _ normalizer: Normalizer, _ generation: Generation,
                             into out: UnsafeMutableBufferPointer<Int32>, starts: UnsafeMutableBufferPointer<Int32>,
                             leading: UnsafeMutableBufferPointer<Int32>, sectorWords: UnsafeMutableBufferPointer<Int32>)
        -> (leading: Int, sectorWords: Int)? {
        let key = generation.attachmentKey
        var used = 0
        var leadingCount = 0, sectorCount = 0
        starts[0] = 0
        for index in tokens.indices {
            let forms = Unmanaged.passUnretained(tokens[index].forms)
            let bits = forms._withUnsafeGuaranteedRef { $0.attachedBits(key) }
            if bits != 0 {
                let count = InlineIDs.count(bits)
                guard used + count <= out.count else { return nil }
                for slot in 0..<count { out[used + slot] = InlineIDs.id(bits, slot) }
                used += count
                // Written at every token and kept where it leads, or may name a sector: no branch.
                leading[leadingCount] = Int32(truncatingIfNeeded: index)
                leadingCount &+= InlineIDs.leads(bits)
                sectorWords[sectorCount] = Int32(truncatingIfNeeded: index)
                sectorCount &+= InlineIDs.namesSector(bits)
            } else {
                let attached = forms._withUnsafeGuaranteedRef { $0.attachment(key) }
                let list = attached.map { Unmanaged<WordIDs>.fromOpaque($0).takeUnretainedValue().ids }
                    ?? wordIDs(tokens[index], normalizer, generation)
                guard used + list.count <= out.count else { return nil }
                for id in list {
                    out[used] = id
                    used += 1
                }
                let marks = generation.marks(list, kind: tokens[index].kind)
                if marks.contains(.leads) {
                    leading[leadingCount] = Int32(truncatingIfNeeded: index)
                    leadingCount += 1
                }
                if marks.contains(.namesSector) {
                    sectorWords[sectorCount] = Int32(truncatingIfNeeded: index)
                    sectorCount += 1
                }
            }
            starts[index + 1] = Int32(used)
        }
        return (leadingCount, sectorCount)
    }

    /// The word ids of a token whose forms' slot holds none inline (`InlineIDs`): the object attached, or worked out
    /// now. For a stage that reads a token's ids outside `withIDs` (the sector packs); not inlined, as it is seldom asked.
    @inline(never)
    static func idsNotInline(_ token: Token, _ normalizer: Normalizer, _ generation: Generation) -> [Int32] {
        if let attached = token.forms.attachment(generation.attachmentKey) { return Unmanaged<WordIDs>.fromOpaque(attached).takeUnretainedValue().ids }
        return wordIDs(token, normalizer, generation)
    }

    /// The word ids of a surface from this thread's table, computing them on first sight and attaching them
    /// to the forms: inline when they fit (see `InlineIDs`), as an object otherwise.
    /// Not inlined, and given only what it reads, with no closure: one over a matcher copied it (retaining each of
    /// its tables) for every new surface. The table is filled only when the forms' slot is another stage's.
    @inline(never)
    static func wordIDs(_ token: Token, _ normalizer: Normalizer, _ generation: Generation) -> [Int32] {
        let cache = generation.fallback.value
        if let known = cache.lookup(token.forms) { return known.ids }
        let keys = TopicMatcher.matchKeys(token, normalizer)
        let wordIDs = generation.ids
        var list: [Int32] = [wordIDs[keys[0]] ?? -1]
        for key in keys.dropFirst() { if let id = wordIDs[key] { list.append(id) } }
        // An object only where the ids do not fit inline or the slot is taken (most surfaces need none).
        let marks = generation.marks(list, kind: token.kind)
        if let bits = InlineIDs.bits(list, leads: marks.contains(.leads), namesSector: marks.contains(.namesSector)),
           token.forms.attach(bits: bits, generation.attachmentKey) { return list }
        let ids = WordIDs(list)
        if !token.forms.attach(ids, generation.attachmentKey) { _ = cache.value(for: token.forms) { ids } }
        return list
    }
}
