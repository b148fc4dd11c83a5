import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize

/// Where a topic was found: the topic and the token ranges that are its evidence.
public struct TopicHit: Sendable, Equatable {
    public var topic: Int
    /// Index of the sentence in `NormalizedText.sentences`.
    public var sentence: Int
    /// Token ranges of the words that matched (empty for a rule made only of exclusions).
    public var evidence: [Range<Int>]
}

/// Finds the topics of each sentence of a normalized text. Terms are indexed by their first word's id,
/// so a sentence is only checked against the terms one of its words can start.
public struct TopicMatcher: Sendable {
    public let taxonomy: Taxonomy
    let normalizer: Normalizer
    /// Each topic's rule, its terms numbered.
    let compiled: [CompiledRule]
    /// How many terms there are, and whether each is exact, by number.
    let termCount: Int
    let termExact: [Bool]

    indirect enum CompiledRule: Sendable {
        case term(Int)
        case any([CompiledRule])
        case all([CompiledRule])
        case not(CompiledRule)
        case near(CompiledRule, CompiledRule, distance: Int)
    }

    /// `vocabulary`: the word numbering shared with the other matchers a text is read by (see `TermVocabulary`).
    public init(taxonomy: Taxonomy, normalizer: Normalizer, slot: String? = nil, slotWords: Set<String> = [],
                vocabulary: TermVocabulary = TermVocabulary()) {
        self.taxonomy = taxonomy
        self.normalizer = normalizer
        self.vocabulary = vocabulary
        self.slot = slot
        self.slotWords = slotWords
        // Numbered on from the vocabulary's words, so that its ids are the shared ones: numbered apart and mapped
        // after, the topic matcher's words were hashed twice.
        let base = vocabulary.words()
        var numbering = TermNumbering(capacity: taxonomy.topics.reduce(0) { $0 + Self.termCount($1.rule) }, from: base.ids)
        compiled = taxonomy.topics.enumerated().map { numbering.compile($0.element.rule, topic: $0.offset) }
        termCount = numbering.count
        self.termExact = numbering.exact
        let topicsOfTerm = FlatTable(lists: termCount, pairs: numbering.termTopics)

        // The same terms as numbers, for the matching loop: every word of every term (and the slot's words)
        // gets an id, each term is a run of ids, and a word id leads to the terms it starts. The ids are the
        // vocabulary's, shared with the other matchers; the tables below are sized by the largest of this matcher's.
        let slotWordLocal = slotWords.map { numbering.id($0) }
        let slotLocal = slot.map { numbering.id($0) }
        let shared = vocabulary.register(numbering.ids, base: base)
        let words = shared.map { shared in numbering.words.map { shared[Int($0)] } } ?? numbering.words
        let starts = numbering.starts
        let slotWordIDs = shared.map { shared in slotWordLocal.map { shared[Int($0)] } } ?? slotWordLocal
        let slotID = slotLocal.map { local in shared.map { $0[Int(local)] } ?? local } ?? -2
        let idCount = shared.map { Int($0.max() ?? -1) + 1 } ?? numbering.ids.count
        self.idCount = UInt32(idCount)
        // Terms that open with the slot are tried only where it can match (a number or a slot word).
        let slotFirst = (0..<termCount).filter { words[Int(starts[$0])] == slotID }
        var isSlotWord = [Bool](repeating: false, count: idCount)
        for word in slotWordIDs { isSlotWord[Int(word)] = true }
        // A term of one word is found by that word. A longer one is found by two adjacent words (a pair): a common
        // word opens hundreds of terms, and a pair only the few that go on with the next word of the text. The pair is
        // the one whose rarer word is the rarest (`PairChoice`), and it is looked for from that word, so that the walk
        // does nothing at the commonest words: found by their first two words, terms had `la`, `de`, `me` and `no`
        // start pairs, and two tokens in three tried one.
        // Those whose second word is the slot are found by their first word.
        // Each table's lists are gathered as (list, term) pairs and laid out once (`FlatTable(lists:pairs:)`): a list
        // per word id, appended to, cost an allocation at each growth and a release per list.
        var oneWordTerms: [FlatTable.Pair] = []
        var slotSecondTerms: [FlatTable.Pair] = []
        var opensLonger = [Bool](repeating: false, count: idCount)
        var pairTerms: [FlatTable.Pair] = []
        var pairGroups: [UInt64: Int32] = [:]
        var pairStarts = [Int32](repeating: -1, count: termCount)
        var choice = PairChoice(numbering, normalizer)
        for number in 0..<termCount where words[Int(starts[number])] != slotID {
            let start = Int(starts[number])
            let first = words[start]
            if starts[number + 1] - starts[number] == 1 {
                oneWordTerms.append((first, Int32(number)))
                continue
            }
            opensLonger[Int(first)] = true
            if words[start + 1] == slotID {
                slotSecondTerms.append((first, Int32(number)))
                continue
            }
            let (offset, fromSecond) = choice.pair(numbering.words[start..<Int(starts[number + 1])]) {
                words[start + $0] != slotID && words[start + $0 + 1] != slotID
            }
            pairStarts[number] = Int32(offset)
            let pair = Self.pairKey(words[start + offset], words[start + offset + 1], fromSecond: fromSecond)
            if let group = pairGroups[pair] { pairTerms.append((group, Int32(number))) } else {
                let group = Int32(pairGroups.count)
                pairGroups[pair] = group
                pairTerms.append((group, Int32(number)))
            }
        }
        // A topic whose rule is any of some terms, and none of others (every pack topic), is decided from the
        // terms found alone: each (term, topic) pair says whether the term is evidence or an exclusion.
        var simple = [Bool](repeating: false, count: compiled.count)
        var roles: [FlatTable.Pair] = []
        func terms(_ rule: CompiledRule) -> [Int]? {
            switch rule {
            case .term(let number): return [number]
            case .any(let rules):
                var out: [Int] = []
                for rule in rules {
                    guard case .term(let number) = rule else { return nil }
                    out.append(number)
                }
                return out
            default: return nil
            }
        }
        for (topic, rule) in compiled.enumerated() {
            var positive: [Int]?
            var excluded: [Int] = []
            if let any = terms(rule) {
                positive = any
            } else if case .all(let parts) = rule, parts.count == 2, let any = terms(parts[0]), case .not(let inner) = parts[1], let none = terms(inner) {
                positive = any
                excluded = none
            }
            guard let positive else { continue }
            simple[topic] = true
            for number in positive { roles.append((Int32(number), Int32(topic * 2))) }
            for number in excluded { roles.append((Int32(number), Int32(topic * 2 + 1))) }
        }
        // Terms of the other rules lead to their topics, which are then evaluated.
        for number in 0..<termCount {
            for item in topicsOfTerm.range(number) where !simple[Int(topicsOfTerm.items[item])] {
                roles.append((Int32(number), topicsOfTerm.items[item] * 2))
            }
        }
        // Those that go on with a word are found by that word, among the next token's ids: tried one by one, the 26
        // signal terms that open with a count were tried at every `un` and `una`.
        var slotFirstBySecond: [FlatTable.Pair] = []
        var slotFirstOthers: [Int32] = []
        for number in slotFirst {
            let start = Int(starts[number])
            if starts[number + 1] - starts[number] > 1, words[start + 1] != slotID {
                slotFirstBySecond.append((words[start + 1], Int32(number)))
            } else {
                slotFirstOthers.append(Int32(number))
            }
        }
        ancestors = Self.ancestors(of: taxonomy.topics.map(\.id))
        hasAncestors = ancestors.contains { !$0.isEmpty }
        isParent = Self.parents(ancestors)
        numbered = Numbered(termWords: words, termStarts: starts, oneWordTerms: FlatTable(lists: idCount, pairs: oneWordTerms),
                            opensLonger: opensLonger, termsByPair: PackedTable(pairGroups.map { ($0.key, $0.value) }),
                            pairGroups: pairGroups.map { ($0.key, $0.value) },
                            pairTerms: FlatTable(lists: pairGroups.count, pairs: pairTerms), pairStarts: pairStarts,
                            slotSecondTerms: FlatTable(lists: idCount, pairs: slotSecondTerms), slotID: slotID,
                            isSlotWord: isSlotWord,
                            slotFirstBySecond: FlatTable(lists: idCount, pairs: slotFirstBySecond),
                            slotFirstOthers: slotFirstOthers, roles: FlatTable(lists: termCount, pairs: roles), simple: simple)
        // The ids whose leads the walk acts on mark the tokens it visits (a slot word's is read where a slot is tried).
        let leads = numbered.leads
        vocabulary.lead(leads.indices.compactMap { leads[$0].subtracting(.slotWord).isEmpty ? nil : Int32($0) })
    }

    /// Every term of every topic, numbered in the order first met, as runs of word ids (a word's id is its key's, also
    /// numbered as first met). A value the initializer passes `inout`: the local function it replaces captured these
    /// tables, which boxed them and checked every access to them for exclusivity, and it keyed terms by a string of
    /// their keys joined, made and hashed for every term.
    struct TermNumbering {
        var ids: [String: Int32] = [:]
        /// Each term's word ids, one run after another, and where each run starts (one more than the terms).
        var words: [Int32] = []
        var starts: [Int32] = [0]
        var exact: [Bool] = []
        /// Each term and a topic whose rule names it, once per topic, in the order met (laid out by term with
        /// `FlatTable(lists:pairs:)`): a list of topics per term cost an allocation and its growth for each term.
        var termTopics: [FlatTable.Pair] = []
        /// The topic each term was last paired with.
        private var lastTopic: [Int32] = []
        private var numbers: [Signature: Int] = [:]
        /// The term being read, as word ids (room kept from term to term).
        private var reading: [Int32] = []

        /// A term's word ids and whether it is exact. Up to three ids below 2^20 (nearly every term) are packed in
        /// `packed` with the flag and the count, and `longer` is nil: an array of ids per term cost an allocation, and
        /// hashing it more than the term's words had.
        struct Signature: Hashable {
            var packed: UInt64
            var longer: [Int32]?

            init(_ ids: [Int32], exact: Bool) {
                if ids.count <= 3, ids.allSatisfy({ $0 < 1 << 20 }) {
                    packed = (exact ? 1 : 0) | UInt64(ids.count) << 1
                    for (index, id) in ids.enumerated() { packed |= UInt64(id) << (3 + 20 * UInt64(index)) }
                    longer = nil
                } else {
                    packed = exact ? 1 : 0
                    longer = ids
                }
            }
        }

        var count: Int { exact.count }

        /// Tables sized for `capacity` terms (and as many words): grown as terms came, they were hashed again at
        /// every doubling.
        /// `known`: the words numbered already (the vocabulary's), which keep their ids.
        init(capacity: Int, from known: [String: Int32] = [:]) {
            ids = known
            ids.reserveCapacity(known.count + capacity)
            numbers.reserveCapacity(capacity)
        }

        mutating func id(_ key: String) -> Int32 {
            if let known = ids[key] { return known }
            let next = Int32(ids.count)
            ids[key] = next
            return next
        }

        mutating func compile(_ rule: TopicRule, topic: Int) -> CompiledRule {
            switch rule {
            case .term(let termWords, let isExact):
                reading.removeAll(keepingCapacity: true)
                for word in termWords { reading.append(id(Folding.key(word))) }
                let signature = Signature(reading, exact: isExact)
                let number: Int
                if let existing = numbers[signature] { number = existing } else {
                    number = exact.count
                    numbers[signature] = number
                    words += reading
                    starts.append(Int32(words.count))
                    exact.append(isExact)
                    lastTopic.append(-1)
                }
                if lastTopic[number] != Int32(topic) {
                    lastTopic[number] = Int32(topic)
                    termTopics.append((Int32(number), Int32(topic)))
                }
                return .term(number)
            case .any(let rules): return .any(rules.map { compile($0, topic: topic) })
            case .all(let rules): return .all(rules.map { compile($0, topic: topic) })
            case .not(let rule): return .not(compile(rule, topic: topic))
            case .near(let a, let b, let distance): return .near(compile(a, topic: topic), compile(b, topic: topic), distance: distance)
            }
        }
    }

    /// How many terms a rule names, repeats included.
    static func termCount(_ rule: TopicRule) -> Int {
        switch rule {
        case .term: 1
        case .any(let rules), .all(let rules): rules.reduce(0) { $0 + termCount($1) }
        case .not(let rule): termCount(rule)
        case .near(let a, let b, _): termCount(a) + termCount(b)
        }
    }

    /// Each topic's ancestors by number, in order: the topics whose id is its id up to one of its dots
    /// (`billing` for `billing.wrong_charge`). Looked up by those prefixes, not by testing every pair of
    /// topics, which cost more than the rest of loading the taxonomy.
    static func ancestors(of ids: [String]) -> [[Int32]] {
        // Without a dot anywhere (signals, emotions) no topic has ancestors.
        guard ids.contains(where: { $0.utf8.contains(UInt8(ascii: ".")) }) else { return [[Int32]](repeating: [], count: ids.count) }
        var numbers: [String: [Int32]] = [:]
        for (number, id) in ids.enumerated() { numbers[id, default: []].append(Int32(number)) }
        return ids.map { id in
            var found: [Int32] = []
            // In an ASCII id (every pack's and rule file's) the dots are found on the bytes: walking the Characters of
            // every id cost more than the lookups. Elsewhere a dot with a combining mark is not a dot, as before.
            if id.utf8.allSatisfy({ $0 < 0x80 }) {
                for dot in id.utf8.indices where id.utf8[dot] == UInt8(ascii: ".") { found += numbers[String(id[..<dot])] ?? [] }
            } else {
                for dot in id.indices where id[dot] == "." { found += numbers[String(id[..<dot])] ?? [] }
            }
            return found.sorted()
        }
    }

    /// Two adjacent word ids as one key of `Numbered.termsByPair`, and whether the pair is looked for from its second
    /// word (bit 31 of the low half: a word id that opens a pair is not negative).
    @inline(__always)
    static func pairKey(_ first: Int32, _ second: Int32, fromSecond: Bool = false) -> UInt64 {
        UInt64(UInt32(first)) << 32 | UInt64(UInt32(second)) | (fromSecond ? 1 << 31 : 0)
    }

    /// Which pair of a term's adjacent words it is found by. A pair is looked for from its rarer word, at every token
    /// with that word among its ids, so the pair whose rarer word is the rarest is chosen, then the one whose other word
    /// is, then the first; on a tie the pair is looked for from its first word. Rarity is the word's Zipf frequency in
    /// the normalizer's vocabulary (0 for a word it does not list): an estimate for general Spanish, good for ranking.
    struct PairChoice {
        private var keys: [String] = []
        private var zipf: [Double] = []
        private let lexicons: NormalizationLexicons

        init(_ numbering: TermNumbering, _ normalizer: Normalizer) {
            lexicons = normalizer.lexicons
            keys = [String](repeating: "", count: numbering.ids.count)
            for (key, id) in numbering.ids { keys[Int(id)] = key }
            zipf = [Double](repeating: -1, count: keys.count)
        }

        /// A local word id's frequency, looked up once.
        private mutating func frequency(_ id: Int32) -> Double {
            if zipf[Int(id)] < 0 {
                let key = keys[Int(id)]
                zipf[Int(id)] = lexicons.vocabulary[lexicons.vocabularyByKey[key] ?? key] ?? 0
            }
            return zipf[Int(id)]
        }

        /// The offset of the pair's first word in `words` (a term's local word ids) and whether it is looked for from its
        /// second word, among the offsets `allowed` accepts (neither word the slot; the first pair always is).
        mutating func pair(_ words: ArraySlice<Int32>, allowed: (Int) -> Bool) -> (offset: Int, fromSecond: Bool) {
            var best = (offset: 0, fromSecond: false)
            var bestCost = (Double.infinity, Double.infinity)
            for offset in 0..<words.count - 1 where allowed(offset) {
                let first = frequency(words[words.startIndex + offset]), second = frequency(words[words.startIndex + offset + 1])
                let cost = (min(first, second), max(first, second))
                if cost < bestCost {
                    best = (offset, second < first)
                    bestCost = cost
                }
            }
            return best
        }
    }

    /// Lists of lists as one array and the offsets into it (no array to retain per lookup).
    struct FlatTable: Sendable {
        let items: [Int32]
        let offsets: [Int32]

        init(items: [Int32], offsets: [Int32]) {
            self.items = items
            self.offsets = offsets
        }

        init(_ lists: [[Int32]]) {
            var items: [Int32] = []
            var offsets: [Int32] = [0]
            for list in lists {
                items += list
                offsets.append(Int32(items.count))
            }
            self.items = items
            self.offsets = offsets
        }

        /// An item of list `list`.
        typealias Pair = (list: Int32, item: Int32)

        /// `lists` lists, each with the items of its pairs in the order given: counted, then written in place.
        init(lists: Int, pairs: [Pair]) {
            var offsets = [Int32](repeating: 0, count: lists + 1)
            for pair in pairs { offsets[Int(pair.list) + 1] += 1 }
            for index in 0..<lists { offsets[index + 1] += offsets[index] }
            var items = [Int32](repeating: 0, count: pairs.count)
            var next = offsets
            for pair in pairs {
                items[Int(next[Int(pair.list)])] = pair.item
                next[Int(pair.list)] += 1
            }
            self.items = items
            self.offsets = offsets
        }

        @inline(__always)
        func range(_ index: Int) -> Range<Int> { Int(offsets[index])..<Int(offsets[index + 1]) }
    }

    /// The terms as numbers (see `init`).
    struct Numbered: Sendable {
        let termWords: [Int32]
        let termStarts: [Int32]
        /// Terms of one word, by its id.
        let oneWordTerms: FlatTable
        /// Whether a word id opens terms of more than one word.
        let opensLonger: [Bool]
        /// Terms of more than one word, by the pair of adjacent words each is found by (`pairKey`): a group of `pairTerms`.
        let termsByPair: PackedTable
        /// The same groups as a list (`TopicMatcher(combining:)` merges them).
        let pairGroups: [(key: UInt64, group: Int32)]
        let pairTerms: FlatTable
        /// By term, the offset of the first word of the pair it is found by (-1 for a term not found by a pair).
        let pairStarts: [Int32]
        /// Terms whose second word is the slot, by their first word's id.
        let slotSecondTerms: FlatTable
        /// The slot's id, or -2 when there is no slot (no word id is negative but -1, an unknown word).
        let slotID: Int32
        let isSlotWord: [Bool]
        /// The terms that open with the slot: those that go on with a word, by that word's id, and the others.
        let slotFirstBySecond: FlatTable
        let slotFirstOthers: [Int32]
        /// Per term, `topic * 2` where it is evidence of the topic (or part of a rule that is not simple), and
        /// `topic * 2 + 1` where it excludes the topic.
        let roles: FlatTable
        /// Topics decided from their terms alone, without evaluating the rule.
        let simple: [Bool]
        /// What each word id can start or be, from the tables above (see `Leads`).
        let leads: [Leads]
        /// By index in `pairTerms.items`, a third word of the term next to its pair: the word after the pair, or where
        /// there is none (or it is the slot) the word before it; `anyThird` when neither is there. Most terms of a pair's
        /// group are not found where the pair is (nine tries in ten fail, on the third word): told from that token's ids
        /// here, a failed try costs a few loads, not `matchLength`.
        let pairThirds: [Third]
        static let anyThird: Int32 = -1
        /// By pair group, the bits `1 << (id & 63)` of its terms' third words after the pair and before it, or all bits
        /// after when a term has none to tell (`anyThird`): most groups found have no term whose third word the token
        /// after or before the pair has, passed with two tests.
        let groupThirds: [(after: UInt64, before: UInt64)]
        /// By word id, the bits (`thirdBit`) of the second words of the pairs looked for from it (`Leads.pairFirst`): a
        /// next token none of whose ids has one of them has no pair with it, told by one test.
        let pairSeconds: [UInt64]
        /// By word id, the bits of the first words of the pairs looked for from it as their second (`Leads.pairSecond`),
        /// for the token before.
        let pairFirsts: [UInt64]

        /// A term's third word (`pairThirds`) and whether it comes after the pair or before it.
        struct Third {
            var word: Int32
            var after: Bool
        }

        /// A word's bit in a 64-bit set of words (words that share their id's low six bits share it).
        @inline(__always)
        static func thirdBit(_ id: Int32) -> UInt64 { 1 << UInt64(UInt32(bitPattern: id) & 63) }
    }

    /// What a word id can start, or be, in one byte: the matching loop reads it for each of a token's ids and goes on
    /// at once when it is empty, where it read two offsets of `oneWordTerms` and `opensLonger`.
    struct Leads: OptionSet {
        let rawValue: UInt8
        /// Opens terms of one word (`oneWordTerms`).
        static let oneWord = Leads(rawValue: 1)
        /// Is the first word of pairs looked for from it (`termsByPair`): the next token may hold their second word.
        static let pairFirst = Leads(rawValue: 2)
        /// Is the second word of pairs looked for from it: the token before may hold their first word.
        static let pairSecond = Leads(rawValue: 32)
        /// Is the second word of terms that open with the slot (`slotFirstBySecond`).
        static let slotFirstSecond = Leads(rawValue: 4)
        /// Opens terms whose second word is the slot (`slotSecondTerms`).
        static let slotSecond = Leads(rawValue: 8)
        /// Is one of the slot's words (`isSlotWord`).
        static let slotWord = Leads(rawValue: 16)
    }

    let numbered: Numbered
    /// Each topic's ancestors in the taxonomy (`billing` for `billing.wrong_charge`), by number.
    let ancestors: [[Int32]]
    let hasAncestors: Bool
    /// Whether each topic is some topic's ancestor: only a parent's hit can give way to a child's in its sentence.
    let isParent: [Bool]

    static func parents(_ ancestors: [[Int32]]) -> [Bool] {
        var parents = [Bool](repeating: false, count: ancestors.count)
        for list in ancestors { for topic in list { parents[Int(topic)] = true } }
        return parents
    }

    /// Per-thread working arrays for one sentence, indexed by term and by topic; a stamp says whether an
    /// entry belongs to the current sentence, so nothing is cleared between sentences.
    struct Scratch {
        var termStamp: [UInt32]
        var termRanges: [[Range<Int>]]
        var topics: [TopicState]
        var topicEvidence: [[Range<Int>]]
        /// The terms found in the sentence, the first `touchedCount` (at most every term once: stamped).
        var touched: [Int32]
        var stamp: UInt32 = 0
        /// A sentence's candidate topics, the first of them (at most every topic once: stamped).
        var candidates: [Int]

        static let severalTerms: Int32 = -2

        /// A topic's state in the sentence, in one element: three arrays written one by one checked each its uniqueness.
        struct TopicState {
            var stamp: UInt32 = 0
            /// A simple topic's evidence: the one term whose ranges it is (most topics are found by one term),
            /// `severalTerms` when gathered in `topicEvidence`, or -1 for none yet.
            var term: Int32 = -1
            var excluded = false
            /// Whether the topic is a hit of the sentence (a child's hit finds its parent's by this, not by a search).
            var hit = false
        }

        init(terms: Int, topics: Int) {
            termStamp = [UInt32](repeating: 0, count: terms)
            termRanges = [[Range<Int>]](repeating: [], count: terms)
            touched = [Int32](repeating: 0, count: terms)
            candidates = [Int](repeating: 0, count: topics)
            self.topics = [TopicState](repeating: TopicState(), count: topics)
            topicEvidence = [[Range<Int>]](repeating: [], count: topics)
        }
    }

    private let scratch = ThreadLocal { ScratchBox() }

    /// Scratch is sized by the matcher that uses it; the box holds it until the first use on a thread.
    final class ScratchBox {
        var scratch: Scratch?

        /// The scratch, leaving the box empty (its arrays stay uniquely held by the caller).
        func take() -> Scratch? {
            var taken: Scratch?
            swap(&taken, &scratch)
            return taken
        }
    }

    /// A placeholder word in terms (`{n}`) that matches any number, or any of `slotWords`.
    let slot: String?
    let slotWords: Set<String>

    /// The keys a token answers to: those of `keys(_:_:)` for words and hashtags, its own key otherwise.
    static func matchKeys(_ token: Token, _ normalizer: Normalizer) -> [String] {
        token.kind == .word || token.kind == .hashtag ? keys(token, normalizer) : [token.key]
    }

    /// The keys a token answers to: its spelling, its lemma, and the infinitives it may conjugate
    /// (`Normalizer.surfaceKeys`, worked out once per surface for every matcher).
    static func keys(_ token: Token, _ normalizer: Normalizer) -> [String] {
        normalizer.surfaceKeys(token).keys
    }

    /// The vocabulary the terms' words are numbered in, and one more than the largest id when this matcher was built:
    /// an id at or above it (a later matcher's word) starts none of its terms.
    public let vocabulary: TermVocabulary
    let idCount: UInt32

    /// Whether an id is one of this matcher's words (not -1, an unknown word, nor another matcher's).
    @inline(__always)
    private func isOwn(_ id: Int32) -> Bool { UInt32(bitPattern: id) < idCount }

    public func match(_ text: NormalizedText) -> [TopicHit] {
        var lists = HitLists(secondStart: .max, thirdStart: .max)
        vocabulary.withIDs(of: text, normalizer: normalizer) { match(text, ids: $0, into: &lists) }
        return lists.first
    }

    /// The same, and the tokens that may name a sector in `sectorWords` (see `SectorWords`).
    func match(_ text: NormalizedText, sectorWords: inout SectorWords) -> [TopicHit] {
        var lists = HitLists(secondStart: .max, thirdStart: .max)
        vocabulary.withIDs(of: text, normalizer: normalizer, sectorWords: &sectorWords) { match(text, ids: $0, into: &lists) }
        return lists.first
    }

    /// The hits of a combined matcher (`SharedMatch`), each in the list of its part: the topics before `lists`'
    /// `secondStart`, those from it, and those from its `thirdStart`, each numbered from its part's start.
    /// `lists`: empty lists, made with their parts' starts, whose room the hits are appended into. In place: a list
    /// passed by value was held twice while the hits were appended, and copied into new room at the first.
    /// `sectorWords`: given the tokens that may name a sector, for the sector gate.
    func matchParts(_ text: NormalizedText, into lists: inout HitLists, sectorWords: inout SectorWords) {
        vocabulary.withIDs(of: text, normalizer: normalizer, sectorWords: &sectorWords) { match(text, ids: $0, into: &lists) }
    }

    /// A text's hits in a list for each part of the matcher (one part but for a combined matcher). Each hit goes into
    /// its part's list as it is found: the text's list split after, each hit was copied again, and the list freed.
    struct HitLists {
        /// Where the second and third parts start among the topics (`Int.max` for none).
        let secondStart: Int
        let thirdStart: Int
        var first: [TopicHit] = []
        var second: [TopicHit] = []
        var third: [TopicHit] = []

        init(secondStart: Int, thirdStart: Int) {
            self.secondStart = secondStart
            self.thirdStart = thirdStart
        }

        /// How many hits each list holds, to read and change those appended since (`topic(_:since:)`, `setEvidence`).
        var counts: (Int, Int, Int) { (first.count, second.count, third.count) }

        func count(since mark: (Int, Int, Int)) -> Int { first.count - mark.0 + second.count - mark.1 + third.count - mark.2 }

        /// The topic of the `index`th hit appended since `mark`, as the matcher numbers its topics. The parts' topics
        /// follow one another, and hits are appended in topic order, so those hits are each list's in turn.
        func topic(_ index: Int, since mark: (Int, Int, Int)) -> Int {
            if index < first.count - mark.0 { return first[mark.0 + index].topic }
            let index = index - (first.count - mark.0)
            if index < second.count - mark.1 { return second[mark.1 + index].topic + secondStart }
            return third[mark.2 + index - (second.count - mark.1)].topic + thirdStart
        }

        /// The evidence of the `index`th hit appended since `mark` (see `topic(_:since:)`).
        func evidence(_ index: Int, since mark: (Int, Int, Int)) -> [Range<Int>] {
            if index < first.count - mark.0 { return first[mark.0 + index].evidence }
            let index = index - (first.count - mark.0)
            if index < second.count - mark.1 { return second[mark.1 + index].evidence }
            return third[mark.2 + index - (second.count - mark.1)].evidence
        }

        /// Whether some hit appended since `mark` whose ancestors hold `parent` has a range at most `distance` tokens from
        /// `range` (`gap`), or overlapping it.
        func hasChildEvidence(of parent: Int32, since mark: (Int, Int, Int), ancestors: [[Int32]], near range: Range<Int>,
                              within distance: Int) -> Bool {
            for other in 0..<count(since: mark) where ancestors[topic(other, since: mark)].contains(parent) {
                if evidence(other, since: mark).contains(where: { TopicMatcher.gap(range, $0) <= distance }) { return true }
            }
            return false
        }

        /// Sets the evidence of the `index`th hit appended since `mark`, or removes the hit when `evidence` is empty (the
        /// others keep their order, and the indices of those before it).
        mutating func setEvidence(_ index: Int, since mark: (Int, Int, Int), _ evidence: [Range<Int>]) {
            if index < first.count - mark.0 { return Self.setEvidence(&first, mark.0 + index, evidence) }
            let index = index - (first.count - mark.0)
            if index < second.count - mark.1 { return Self.setEvidence(&second, mark.1 + index, evidence) }
            Self.setEvidence(&third, mark.2 + index - (second.count - mark.1), evidence)
        }

        private static func setEvidence(_ list: inout [TopicHit], _ index: Int, _ evidence: [Range<Int>]) {
            if evidence.isEmpty { list.remove(at: index) } else { list[index].evidence = evidence }
        }

        @inline(__always)
        mutating func append(_ hit: consuming TopicHit) {
            if hit.topic >= thirdStart {
                Self.append(hit, from: thirdStart, to: &third)
            } else if hit.topic >= secondStart {
                Self.append(hit, from: secondStart, to: &second)
            } else {
                Self.append(hit, from: 0, to: &first)
            }
        }

        /// Appended into room for several made at the first: growing from one hit cost an allocation at each doubling.
        @inline(__always)
        private static func append(_ hit: consuming TopicHit, from start: Int, to list: inout [TopicHit]) {
            if list.isEmpty { list.reserveCapacity(TopicMatcher.hitRoom) }
            hit.topic -= start
            list.append(hit)
        }
    }

    /// The topics of `text`, given its word ids in `vocabulary`, into `hits`' lists; read here when they are another
    /// vocabulary's.
    private func match(_ text: NormalizedText, ids textIDs: TermVocabulary.TextIDs, into hits: inout HitLists) {
        // The tables in a local, retained once for the call: read through `self`, each read of one retained and
        // released it.
        let numbered = self.numbered
        // The bound in a local too: read through `self` at every id (2 M instructions on 1 MB).
        let idCount = self.idCount
        let leads = numbered.leads, isParent = self.isParent
        let hasSlotFirstOthers = !numbered.slotFirstOthers.isEmpty
        // The table in a local: closures that read `self.ancestors` copied the whole matcher (retaining each of its
        // tables) for every sentence with two hits or more.
        let ancestors = self.ancestors
        func isOwn(_ id: Int32) -> Bool { UInt32(bitPattern: id) < idCount }
        let box = scratch.value
        // This thread's scratch is moved out of its box for the text and back at the end: in a local, its arrays are
        // not checked for exclusivity at run time at every access, as a class's stored arrays are; moved, not copied
        // (a copy retained and released each of its arrays, twice a call).
        var work = box.take() ?? Scratch(terms: termCount, topics: compiled.count)
        if work.termStamp.count != termCount { work = Scratch(terms: termCount, topics: compiled.count) }
        // Each token's word ids, flattened for the text: ids[idStarts[i]..<idStarts[i + 1]], the first its own key's.
        let ids = textIDs.ids, idStarts = textIDs.starts, leading = textIDs.leading
        // The next of the tokens that lead, across the sentences (they follow one another).
        var nextLeading = 0
        // Read through a buffer: a slot term's test of a token's kind through `text.tokens` retained and released the array.
        text.tokens.withUnsafeBufferPointer { tokens in
            // The per-term and per-topic tables through buffers for the whole text: each term found (about 38,000 per MB)
            // wrote its stamp and its ranges, and then its topics' states, through the arrays, each write checking again
            // that the array was unique (a call).
            work.termStamp.withUnsafeMutableBufferPointer { termStamp in
            work.termRanges.withUnsafeMutableBufferPointer { termRanges in
            work.topics.withUnsafeMutableBufferPointer { topicStates in
            // The sentence's terms found are counted into room for every term, which each is once at most: appended, each
            // checked the list's uniqueness and room, and the list was emptied for each sentence (a call when it held several).
            work.touched.withUnsafeMutableBufferPointer { touched in
            // The same for the sentence's candidate topics.
            work.candidates.withUnsafeMutableBufferPointer { candidateRoom in
            // Each id's leads read without a bounds check: `isOwn` has checked the id against `idCount`, the table's size
            // (checked below). Checked at each read, three reads a token cost about 1.7 M instructions per MB. The same for
            // the pairs' second words.
            leads.withUnsafeBufferPointer { leads in
            numbered.pairSeconds.withUnsafeBufferPointer { pairSeconds in
            numbered.pairFirsts.withUnsafeBufferPointer { pairFirsts in
                precondition(leads.count == Int(idCount) && pairSeconds.count == Int(idCount) && pairFirsts.count == Int(idCount),
                             "one lead per word id")
                for (sentenceIndex, sentence) in text.sentences.enumerated() {
                    // Every term found in the sentence, by number, in one pass over its words.
                    work.stamp &+= 1
                    if work.stamp == 0 {  // the stamps wrapped: start them again
                        for index in termStamp.indices { termStamp[index] = 0 }
                        for index in topicStates.indices { topicStates[index].stamp = 0 }
                        work.stamp = 1
                    }
                    let stamp = work.stamp
                    var touchedCount = 0
                    // `touchedCount` is passed to these as `inout`, never captured: a local variable a local function captures (and
                    // one turned into a closure value, as `found` was) is boxed, and every access to it checked at run time.
                    func record(_ term: Int32, _ range: Range<Int>, _ touchedCount: inout Int) {
                        let index = Int(term)
                        if termStamp[index] != stamp {
                            termStamp[index] = stamp
                            touched[touchedCount] = term
                            touchedCount += 1
                            // Most terms were found once in their last sentence too: that range is overwritten (`setOnly`), one
                            // access to the term's ranges where emptying them and appending were two, each checking that both
                            // arrays were unique.
                            termRanges[index].setOnly(range)
                        } else {
                            termRanges[index].append(range)
                        }
                    }
                    // `known`: how many of a term's first words the table it came from has matched already; an exact term's
                    // words are checked from its first all the same (the table matched any of a token's ids, not its own).
                    func tryTerms(_ table: FlatTable, _ group: Int, at position: Int, known: Int, _ touchedCount: inout Int) {
                        for index in table.range(group) {
                            let term = table.items[index]
                            if let length = matchLength(term, at: position, sentence.tokens.upperBound, tokens, ids, idStarts,
                                                        known: 0..<(termExact[Int(term)] ? 0 : known)) {
                                record(term, position..<position + length, &touchedCount)
                            }
                        }
                    }
                    // A pair's group, the pair found at `position` and the next token: its terms of three words or more
                    // tried only where the token after the pair, or the one before it, has their third word among its ids
                    // (none outside the sentence). A term starts where its pair does less the pair's offset in it.
                    // Positions are token indices, far from overflowing: `&+` spares the overflow checks, which the compiler
                    // hoisted into every token's step (about 10 instructions a token, where one token in nine tries a pair).
                    func tryPairTerms(_ group: Int, at position: Int, _ touchedCount: inout Int) {
                        let afterIDs = position &+ 2 < sentence.tokens.upperBound
                            ? Int(idStarts[position &+ 2])..<Int(idStarts[position &+ 3]) : 0..<0
                        let beforeIDs = position > sentence.tokens.lowerBound
                            ? Int(idStarts[position &- 1])..<Int(idStarts[position]) : 0..<0
                        let thirds = numbered.groupThirds[group]
                        // All bits after: a term of the group has no third word to tell.
                        if thirds.after != ~0 {
                            var after: UInt64 = 0, before: UInt64 = 0
                            for slot in afterIDs { after |= Numbered.thirdBit(ids[slot]) }
                            for slot in beforeIDs { before |= Numbered.thirdBit(ids[slot]) }
                            if thirds.after & after == 0 && thirds.before & before == 0 { return }
                        }
                        for index in numbered.pairTerms.range(group) {
                            let third = numbered.pairThirds[index]
                            if third.word != Numbered.anyThird,
                               !(third.after ? afterIDs : beforeIDs).contains(where: { ids[$0] == third.word }) { continue }
                            let term = numbered.pairTerms.items[index]
                            let pairStart = Int(numbered.pairStarts[Int(term)])
                            let start = position &- pairStart
                            guard start >= sentence.tokens.lowerBound else { continue }
                            if let length = matchLength(term, at: start, sentence.tokens.upperBound, tokens, ids, idStarts,
                                                        known: termExact[Int(term)] ? 0..<0 : pairStart..<pairStart &+ 2) {
                                record(term, start..<start + length, &touchedCount)
                            }
                        }
                    }
                    // Whether the token at `position` can be the slot: a number, or one of the slot's words.
                    func isSlot(_ position: Int) -> Bool {
                        let own = Int(idStarts[position])
                        return tokens[position].kind == .number || isOwn(ids[own]) && leads[Int(ids[own])].contains(.slotWord)
                    }
                    // Where the token before can be the slot; each id of the token once, so that no term is recorded twice at
                    // one position. Not inlined, so that the walk keeps nothing for it at every token.
                    @inline(never)
                    func trySlotFirst(_ word: Int32, _ slot: Int, _ own: Int, at position: Int, _ touchedCount: inout Int) {
                        guard position > sentence.tokens.lowerBound, isSlot(position - 1), !ids[own..<slot].contains(word) else { return }
                        tryTerms(numbered.slotFirstBySecond, Int(word), at: position - 1, known: 0, &touchedCount)
                    }
                    // Only the tokens one of whose ids leads (`TermVocabulary.TextIDs.leading`): at the others, every id was
                    // read and its leads found empty (about 40 instructions a token, for four tokens in five).
                    while nextLeading < leading.count, Int(leading[nextLeading]) < sentence.tokens.lowerBound { nextLeading &+= 1 }
                    while nextLeading < leading.count, Int(leading[nextLeading]) < sentence.tokens.upperBound {
                        let position = Int(leading[nextLeading])
                        nextLeading &+= 1
                        let own = Int(idStarts[position])
                        let end = Int(idStarts[position + 1])
                        let hasNext = position + 1 < sentence.tokens.upperBound
                        for slot in own..<end {
                            let word = ids[slot]
                            guard isOwn(word) else { continue }
                            let wordLeads = leads[Int(word)]
                            if wordLeads.isEmpty { continue }
                            // A one-word term found by its word holds unless it is exact and the word is not the token's own:
                            // `matchLength` would only check that word again.
                            if wordLeads.contains(.oneWord) {
                                for index in numbered.oneWordTerms.range(Int(word)) {
                                    let term = numbered.oneWordTerms.items[index]
                                    if slot == own || !termExact[Int(term)] { record(term, position..<position + 1, &touchedCount) }
                                }
                            }
                            // Terms that open with the slot and go on with this word (`{n} veces`): found at their second word (a
                            // few nouns), not at their first, for which every token was tested for a number or a slot word (about
                            // 11 instructions a token).
                            if wordLeads.contains(.slotFirstSecond) { trySlotFirst(word, slot, own, at: position, &touchedCount) }
                            // Pairs looked for from their second word, with the token before.
                            if wordLeads.contains(.pairSecond), position > sentence.tokens.lowerBound {
                                let firsts = pairFirsts[Int(word)]
                                for previousSlot in Int(idStarts[position &- 1])..<own {
                                    let previous = ids[previousSlot]
                                    guard isOwn(previous), firsts & Numbered.thirdBit(previous) != 0,
                                          let group = numbered.termsByPair.value(Self.pairKey(previous, word, fromSecond: true))
                                    else { continue }
                                    tryPairTerms(Int(group), at: position &- 1, &touchedCount)
                                }
                            }
                            guard hasNext else { continue }
                            if wordLeads.contains(.pairFirst) {
                                let seconds = pairSeconds[Int(word)]
                                for nextSlot in end..<Int(idStarts[position &+ 2]) {
                                    let next = ids[nextSlot]
                                    guard isOwn(next), seconds & Numbered.thirdBit(next) != 0,
                                          let group = numbered.termsByPair.value(Self.pairKey(word, next)) else { continue }
                                    tryPairTerms(Int(group), at: position, &touchedCount)
                                }
                            }
                            if wordLeads.contains(.slotSecond) { tryTerms(numbered.slotSecondTerms, Int(word), at: position, known: 1, &touchedCount) }
                        }
                    }
                    // The other terms that open with the slot (none in the packs: a rule's own `{n}`) can only start at a
                    // number or one of the slot's words, which need not lead.
                    if hasSlotFirstOthers {
                        for position in sentence.tokens where isSlot(position) {
                            for term in numbered.slotFirstOthers {
                                if let length = matchLength(term, at: position, sentence.tokens.upperBound, tokens, ids, idStarts, known: 0..<0) {
                                    record(term, position..<position + length, &touchedCount)
                                }
                            }
                        }
                    }
                    guard touchedCount > 0 else { continue }
                    var candidateCount = 0
                    for term in touched[0..<touchedCount] {
                        for index in numbered.roles.range(Int(term)) {
                            let role = Int(numbered.roles.items[index])
                            let topic = role >> 1
                            if topicStates[topic].stamp != stamp {
                                topicStates[topic] = Scratch.TopicState(stamp: stamp)
                                candidateRoom[candidateCount] = topic
                                candidateCount += 1
                            }
                            if role & 1 == 1 {
                                topicStates[topic].excluded = true
                            } else if numbered.simple[topic] {
                                // The first term's ranges are the evidence as they are; gathered into `topicEvidence` (emptied,
                                // then appended to) only from a second term on. Gathered for every topic, they cost about
                                // 200 instructions a topic found.
                                let first = topicStates[topic].term
                                if first == -1 {
                                    topicStates[topic].term = term
                                } else {
                                    if first != Scratch.severalTerms {
                                        work.topicEvidence[topic].removeAll(keepingCapacity: true)
                                        work.topicEvidence[topic] += termRanges[Int(first)]
                                        topicStates[topic].term = Scratch.severalTerms
                                    }
                                    work.topicEvidence[topic] += termRanges[Int(term)]
                                }
                            }
                        }
                    }
                    // Most sentences have one candidate: sorting one is still a call.
                    var candidates = UnsafeMutableBufferPointer(rebasing: candidateRoom[0..<candidateCount])
                    if candidates.count > 1 { candidates.sort() }
                    // A sentence's hits go into `hits` as they are found. Only where a parent topic is among them, and something
                    // else too, are they read again to give way to its children (below): gathered in an array of the
                    // sentence's first, each hit was copied (retained) twice, and emptying the array released each again.
                    let mark = hits.counts
                    var parentFound = false
                    for topic in candidates {
                        let evidence: [Range<Int>]?
                        if numbered.simple[topic] {
                            let term = topicStates[topic].term
                            evidence = topicStates[topic].excluded ? nil : term == -1 ? []
                                : term == Scratch.severalTerms ? work.topicEvidence[topic] : termRanges[Int(term)]
                        } else {
                            evidence = evaluate(compiled[topic]) { termStamp[$0] == stamp ? termRanges[$0] : nil }
                        }
                        if let evidence, !evidence.isEmpty {
                            if isParent[topic] { parentFound = true }
                            topicStates[topic].hit = true
                            // One range (most evidence) is its own distinct evidence: told here, the call and a retain are saved.
                            hits.append(TopicHit(topic: topic, sentence: sentenceIndex, evidence: evidence.count == 1 ? evidence : Self.distinct(evidence)))
                        }
                    }
                    // The most specific topic wins where both speak of the same thing: `billing` (`la factura`) is
                    // dropped where `billing.wrong_charge` (`me cobraron de más`) is found near it. Evidence of the
                    // parent far from every child's is an aspect of its own (`la comida muy buena y con varios menús`).
                    // The parent keeps the evidence of its own, if any.
                    // Hits are appended one by one (`HitLists.append`): appending a sentence's array took the generic path
                    // (about 1,000 instructions).
                    // A topic that is no topic's parent has no children (most hits), and a lone hit none in its sentence. The
                    // hits are changed only where one of them is a child of another.
                    guard parentFound else { continue }
                    let found = hits.count(since: mark)
                    guard found > 1 else { continue }
                    // Whether a hit has an ancestor among the hits: each hit's ancestors looked up in the sentence's topic states
                    // (a hit's state is this sentence's), where each parent hit searched every hit's ancestors.
                    let hasChild = (0..<found).contains { child in
                        ancestors[hits.topic(child, since: mark)].contains { topicStates[Int($0)].stamp == stamp && topicStates[Int($0)].hit }
                    }
                    guard hasChild else { continue }
                    // Each parent's new evidence worked out first, from the hits as found, then set in place (a parent left
                    // with none removed): the other hits stay where they are. Taken out of the lists and appended again,
                    // each hit of the sentence was copied and retained twice, about 1,000 instructions a sentence.
                    var parents: [(index: Int, evidence: [Range<Int>])] = []
                    for index in 0..<found {
                        let topic = Int32(hits.topic(index, since: mark))
                        guard isParent[Int(topic)] else { continue }
                        // Every hit has evidence: a parent has children here exactly when their evidence is not empty.
                        var childRanges = 0
                        for other in 0..<found where ancestors[hits.topic(other, since: mark)].contains(topic) {
                            childRanges += hits.evidence(other, since: mark).count
                        }
                        guard childRanges > 0 else { continue }
                        let evidence = hits.evidence(index, since: mark)
                        // Most parents have a range or two, and their children a few: compared pair by pair, nothing is gathered,
                        // sorted or allocated, and a parent that keeps all its evidence is left as it is. Gathered into
                        // `ChildEvidence` (three arrays) for every parent, they cost about 2,500 instructions each, 6 M per MB.
                        // Many (a long sentence can have thousands) are bisected.
                        if evidence.count * childRanges <= Self.pairwiseRanges {
                            var near: UInt64 = 0
                            for (position, range) in evidence.enumerated()
                            where hits.hasChildEvidence(of: topic, since: mark, ancestors: ancestors, near: range, within: Self.sameAspectDistance) {
                                near |= 1 << UInt64(position)
                            }
                            guard near != 0 else { continue }
                            var kept: [Range<Int>] = []
                            for (position, range) in evidence.enumerated() where near & (1 << UInt64(position)) == 0 { kept.append(range) }
                            parents.append((index, kept))
                        } else {
                            var children: [Range<Int>] = []
                            for other in 0..<found where ancestors[hits.topic(other, since: mark)].contains(topic) {
                                children += hits.evidence(other, since: mark)
                            }
                            let near = ChildEvidence(children)
                            parents.append((index, evidence.filter { !near.isNear($0, within: Self.sameAspectDistance) }))
                        }
                    }
                    // From the last: a removed hit moves only those after it.
                    for parent in parents.reversed() { hits.setEvidence(parent.index, since: mark, parent.evidence) }
                }
            } } } } } } } }
        }
        box.scratch = consume work
    }

    /// The number of tokens term `term` covers when it matches at `start` (within the sentence ending at
    /// `end`), or nil. Its words at offsets in `known` are known to match (the pair or first word it was found by).
    @inline(__always)
    private func matchLength(_ term: Int32, at start: Int, _ end: Int, _ tokens: UnsafeBufferPointer<Token>, _ ids: UnsafeBufferPointer<Int32>,
                             _ idStarts: UnsafeBufferPointer<Int32>, known: Range<Int>) -> Int? {
        let first = Int(numbered.termStarts[Int(term)])
        let count = Int(numbered.termStarts[Int(term) + 1]) - first
        guard start + count <= end else { return nil }
        let exact = termExact[Int(term)]
        for offset in 0..<count where !known.contains(offset) {
            let word = numbered.termWords[first + offset]
            let position = start + offset
            let own = Int(idStarts[position])
            if word == numbered.slotID {
                if tokens[position].kind == .number || isOwn(ids[own]) && numbered.isSlotWord[Int(ids[own])] { continue }
                return nil
            }
            if exact {
                if ids[own] != word { return nil }
            } else {
                var found = false
                for slot in own..<Int(idStarts[position + 1]) where ids[slot] == word {
                    found = true
                    break
                }
                if !found { return nil }
            }
        }
        return count
    }

    /// Children's evidence sorted by start, with the furthest end so far: whether a parent's span is near
    /// any of it is two bisections, not a walk over all of it (a long sentence has thousands of spans).
    struct ChildEvidence {
        private let ranges: [Range<Int>]
        private let furthestEnd: [Int]

        init(_ evidence: [Range<Int>]) {
            ranges = evidence.sorted { $0.lowerBound < $1.lowerBound }
            var furthest = Int.min
            furthestEnd = ranges.map { furthest = max(furthest, $0.upperBound); return furthest }
        }

        /// Whether some span is at most `distance` tokens from `range` (`gap`), or overlaps it.
        func isNear(_ range: Range<Int>, within distance: Int) -> Bool {
            let after = ranges.partitioningIndex { $0.lowerBound > range.lowerBound }
            // Starting after it: the gap is from its end to their start, least for the first of them.
            if after < ranges.count, ranges[after].lowerBound - range.upperBound <= distance { return true }
            // Starting at or before it: the gap is from their end to its start, least for the furthest end.
            return after > 0 && range.lowerBound - furthestEnd[after - 1] <= distance
        }
    }

    /// The room a text's hits are given at the first (most texts with any have a few).
    static let hitRoom = 8

    /// Tokens between two evidence spans up to which a parent topic's evidence counts as part of its child's.
    static let sameAspectDistance = 3

    /// Up to how many (parent range, child range) pairs a parent's evidence is compared pair by pair with its
    /// children's, not bisected (`ChildEvidence`); at most 64, one bit per parent range.
    static let pairwiseRanges = 64

    static func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.lowerBound < b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
    }

    /// Evidence without repeats or spans inside longer ones (`me doy de baja` holds `doy de baja`), in text order.
    static func distinct(_ ranges: [Range<Int>]) -> [Range<Int>] {
        // One range (most evidence) is its own answer: no sorted copy and no new array. So are ranges that each start
        // and end after the one before (a term found twice, in text order): sorted they stay as they are, and none is
        // inside another.
        if ranges.count <= 1 { return ranges }
        if zip(ranges, ranges.dropFirst()).allSatisfy({ $0.lowerBound < $1.lowerBound && $0.upperBound < $1.upperBound }) { return ranges }
        var sorted = ranges.sorted { ($0.lowerBound, -$0.count) < ($1.lowerBound, -$1.count) }
        // Every range kept so far starts at or before this one, so it is inside one of them exactly when it
        // ends no later than the furthest end among them. A repeat ends there too: no set is needed.
        // Those kept are moved down in the sorted copy itself: gathered in a new array, each call allocated it (and
        // freed the copy), about 500 instructions.
        var kept = 0
        var furthest = Int.min
        for index in sorted.indices where sorted[index].upperBound > furthest {
            furthest = sorted[index].upperBound
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// The evidence of a rule given the terms found in the sentence, or nil when the rule does not hold.
    func evaluate(_ rule: CompiledRule, _ found: (Int) -> [Range<Int>]?) -> [Range<Int>]? {
        switch rule {
        case .term(let number):
            return found(number)
        case .any(let rules):
            var evidence: [Range<Int>] = []
            var any = false
            for rule in rules {
                if let more = evaluate(rule, found) { evidence += more; any = true }
            }
            return any ? evidence : nil
        case .all(let rules):
            var evidence: [Range<Int>] = []
            for rule in rules {
                guard let more = evaluate(rule, found) else { return nil }
                evidence += more
            }
            return evidence
        case .not(let rule):
            return evaluate(rule, found) == nil ? [] : nil
        case .near(let left, let right, let distance):
            guard let a = evaluate(left, found), let b = evaluate(right, found) else { return nil }
            var best: (Range<Int>, Range<Int>, Int)?
            for x in a {
                for y in b {
                    let gap = x.lowerBound < y.lowerBound ? y.lowerBound - x.upperBound : x.lowerBound - y.upperBound
                    if gap <= distance, gap < (best?.2 ?? Int.max) { best = (x, y, gap) }
                }
            }
            return best.map { [$0.0, $0.1] }
        }
    }
}

extension TopicMatcher.Numbered {
    /// The tables, and each word id's `leads` worked out from them (an initializer in an extension keeps the memberwise one).
    init(termWords: [Int32], termStarts: [Int32], oneWordTerms: TopicMatcher.FlatTable, opensLonger: [Bool],
         termsByPair: PackedTable, pairGroups: [(key: UInt64, group: Int32)], pairTerms: TopicMatcher.FlatTable,
         pairStarts: [Int32], slotSecondTerms: TopicMatcher.FlatTable, slotID: Int32, isSlotWord: [Bool],
         slotFirstBySecond: TopicMatcher.FlatTable, slotFirstOthers: [Int32], roles: TopicMatcher.FlatTable, simple: [Bool]) {
        var leads = [TopicMatcher.Leads](repeating: [], count: opensLonger.count)
        for id in leads.indices {
            if !oneWordTerms.range(id).isEmpty { leads[id].insert(.oneWord) }
            if !slotSecondTerms.range(id).isEmpty { leads[id].insert(.slotSecond) }
            if isSlotWord[id] { leads[id].insert(.slotWord) }
            if !slotFirstBySecond.range(id).isEmpty { leads[id].insert(.slotFirstSecond) }
        }
        var pairSeconds = [UInt64](repeating: 0, count: opensLonger.count)
        var pairFirsts = [UInt64](repeating: 0, count: opensLonger.count)
        for (key, _) in pairGroups {
            let first = Int32(truncatingIfNeeded: key >> 32), second = Int32(truncatingIfNeeded: key & 0x7FFF_FFFF)
            if key & (1 << 31) != 0 {
                leads[Int(second)].insert(.pairSecond)
                pairFirsts[Int(second)] |= Self.thirdBit(first)
            } else {
                leads[Int(first)].insert(.pairFirst)
                pairSeconds[Int(first)] |= Self.thirdBit(second)
            }
        }
        let pairThirds = pairTerms.items.map { term in
            let start = Int(termStarts[Int(term)]), count = Int(termStarts[Int(term) + 1]) - start
            let pair = start + Int(pairStarts[Int(term)])
            if pair + 2 < start + count, termWords[pair + 2] != slotID { return Third(word: termWords[pair + 2], after: true) }
            if pair > start, termWords[pair - 1] != slotID { return Third(word: termWords[pair - 1], after: false) }
            return Third(word: Self.anyThird, after: true)
        }
        let groupThirds = (0..<pairTerms.offsets.count - 1).map { group in
            pairTerms.range(group).reduce((after: UInt64(0), before: UInt64(0))) { bits, index in
                let third = pairThirds[index]
                if third.word == Self.anyThird { return (~0, bits.before) }
                return third.after ? (bits.after | Self.thirdBit(third.word), bits.before) : (bits.after, bits.before | Self.thirdBit(third.word))
            }
        }
        self.init(termWords: termWords, termStarts: termStarts, oneWordTerms: oneWordTerms, opensLonger: opensLonger,
                  termsByPair: termsByPair, pairGroups: pairGroups, pairTerms: pairTerms, pairStarts: pairStarts,
                  slotSecondTerms: slotSecondTerms, slotID: slotID, isSlotWord: isSlotWord, slotFirstBySecond: slotFirstBySecond,
                  slotFirstOthers: slotFirstOthers, roles: roles, simple: simple, leads: leads, pairThirds: pairThirds,
                  groupThirds: groupThirds, pairSeconds: pairSeconds, pairFirsts: pairFirsts)
    }
}

extension TopicMatcher.CompiledRule {
    /// Appends the number of each positive term of the rule (what can be evidence, not an exclusion), in rule order.
    func appendTerms(to numbers: inout [Int]) {
        switch self {
        case .term(let number): numbers.append(number)
        case .any(let rules), .all(let rules): for rule in rules { rule.appendTerms(to: &numbers) }
        case .not: break
        case .near(let a, let b, _):
            a.appendTerms(to: &numbers)
            b.appendTerms(to: &numbers)
        }
    }
}
