import EscuchaCore
/// The units of a text with where each sits (sentence, clause), and the contributions being built.
/// Each rule reads the units and changes contributions, recording what it did.
struct RuleContext {
    var units: [Unit]
    /// Sentence index of each unit. It may be longer than `units`: the places past them are an earlier text's, left
    /// there so that the array is only ever lengthened (`RuleScratch`); read it by unit, never whole.
    var sentenceOf: [Int]
    /// Clause index of each unit; clauses never cross sentences. As long as `sentenceOf`, and read like it.
    var clauseOf: [Int]
    /// Unit ranges of each sentence.
    var sentences: [Range<Int>]
    var contributions: [Working]
    /// Which units negate and which repeat a negation (`Negation.roles`); the units do not change once the
    /// rules run, so this is found once for all the rules that ask.
    var negators = UnitSet(count: 0)
    var concord = UnitSet(count: 0)
    /// The modifier kinds of all units together (`ModifierSet.mask`), taken as the units are read: the rules (and the
    /// steps before them) that scan every unit for one kind return at once from a text with none. They take kinds away,
    /// never add them, so a kind missing here is missing from every unit later.
    var modifierKinds: UInt32 = 0

    /// The keywords and lists of all units together, taken as the units are read (`KeyFactsUnion`).
    var keyFacts = KeyFactsUnion()
    /// The traits of all units together that some rules scan for, taken as the units are read (`TraitSummary`).
    var traitSummary = TraitSummary()
    /// Whether any unit has a question mark (an exclamation mark), taken as the units are read: the rules that look for
    /// the sentences that ask (exclaim) pass a text with none without reading its units. A unit's marks never change.
    var asks = false
    var exclaims = false
    /// The whole text is in capitals: then capitals are the writer's habit, not emphasis.
    /// (Beside the other flags, no padding: the context is moved whole about 15 times a text, and past 128 bytes those
    /// moves became calls to `memcpy`.)
    var shouting: Bool
    /// The storage of the index the rules share (`contributionIndex()`), lent by `RuleScratch`. Its own array, not a
    /// `ContributionIndex?`: eight bytes more, not sixteen (see `shouting`). Not private: a private property would make
    /// the memberwise initializer private.
    var sharedIndexStorage: [Int] = []

    /// The summaries of the units, taken as they were read (`UnitSums`; passed whole, the sums were copied).
    mutating func summarize(keyFacts: KeyFactsUnion, modifierKinds: UInt32, traits: TraitSummary, asks: Bool, exclaims: Bool) {
        self.keyFacts = keyFacts
        self.modifierKinds = modifierKinds
        traitSummary = traits
        self.asks = asks
        self.exclaims = exclaims
    }

    /// Which units negate and which repeat a negation (`Negation.roles`).
    mutating func setRoles(_ roles: (negators: UnitSet, concord: UnitSet)) {
        (negators, concord) = roles
    }

    /// Whether some unit may have `kind` (false: surely none has).
    /// Inlined: called out of line (about 78,000 calls per MB of texts), each call first copied the whole context to the
    /// stack to pass it, about 30 instructions for a test of one bit.
    @inline(__always)
    func mayHave(_ kind: ModifierKind) -> Bool { modifierKinds & (1 << kind.bit) != 0 }
    /// Whether some unit may be `word` (false: surely none is).
    @inline(__always)
    func mayHave(_ word: Keyword) -> Bool { keyFacts.mayHave(word) }
    /// Whether some unit may belong to `list` (false: surely none does).
    @inline(__always)
    func mayHave(_ list: KeyLists) -> Bool { keyFacts.mayHave(list) }

    /// A contribution under construction: the unit it comes from, the entry it refers to and its value so far.
    struct Working {
        var unit: Int
        /// The lexicon entry found (shared with its unit and every other unit that reads it), or a cue's own (`cue`).
        /// One reference instead of copies of the entry's three strings and its JSON: each copy retained and released
        /// them, once more for the `Contribution` made of it, four bridge objects a contribution.
        var opinion: OpinionLookup.Found
        var value: Double
        var rules: [AppliedRule] = []
        /// Set by the negation rule, read by the rules that refine it (concord, comparatives).
        var negatedBy: Int?

        /// The lexicon entry it matched (`pésimo`) or the cue (`sin luz`).
        var term: String { opinion.entry.term }
        /// The lexicon list, or `rule` for a cue.
        var list: String { opinion.entry.list }
        /// How the token reached the entry, or the rule that made a cue.
        var match: String { opinion.match }
        var valence: Double { opinion.entry.valence }
        /// The entry's `ValenceEntry.termID`: how `Balance` tells repeated terms without comparing strings. Nil for a cue.
        var termID: Int32? { opinion.entry.termID }

        init(unit: Int, opinion: OpinionLookup.Found, rules: [AppliedRule] = []) {
            self.unit = unit
            self.opinion = opinion
            self.value = opinion.entry.valence
            self.rules = rules
        }

        /// A contribution a rule makes of its own (a cue, not a lexicon word): `rule` names both how it
        /// matched and the rule applied, from 0 to `value`. Its entry is made here, its JSON encoded with it (as a
        /// lexicon entry's is when found): the same bytes the writer wrote for a cue.
        /// The entry is this thread's for the same term, rule and value when one was made before (`CueEntries`).
        static func cue(unit: Int, term: String, rule: String, cue: String?, value: Double) -> Working {
            var working = Working(unit: unit, opinion: cueEntries.value.found(term: term, rule: rule, value: value))
            working.record(AppliedRule(rule: rule, cue: cue, from: 0, to: value))
            return working
        }

        mutating func apply(_ rule: String, cue: String?, to newValue: Double) {
            guard newValue != value else { return }
            record(AppliedRule(rule: rule, cue: cue, from: value, to: newValue))
            value = newValue
        }

        /// The first rule makes room for two: about two changed contributions in five meet a second rule (negation
        /// then intensity, a cue then balance), and growing the array from one to two allocated and moved it again.
        private mutating func record(_ rule: AppliedRule) {
            if rules.isEmpty { rules.reserveCapacity(2) }
            rules.append(rule)
        }
    }

    func cue(_ unit: Int) -> String { units[unit].key }

    /// The contributions by unit, made when a rule first asks and shared by the rules after it (intensity, irrealis,
    /// contrast, questions, sarcasm… each made its own: an array, about 1,100 instructions to make and free, several
    /// times a text). Contributions are only ever appended, never removed, moved or given another unit, so an index
    /// made for as many contributions as there are now still holds; after an append it is made again.
    /// Its storage is this thread's, kept between texts at its length (`RuleScratch`) and rebuilt in place: a new array
    /// each time cost about 4,700 allocations per MB of texts.
    /// Not inlined: inlined into the rules that ask (irrealis, post-nominal…), it made them lose inlining of their own
    /// (about +1.7 M per MB measured, in `Irrealis.apply` alone).
    @inline(never)
    mutating func contributionIndex() -> ContributionIndex {
        if !ContributionIndex.holds(sharedIndexStorage, units: units.count, contributions: contributions.count) {
            // From the two fields, not `self`: passing the whole context here copied it.
            ContributionIndex.build(&sharedIndexStorage, contributions, unitCount: units.count)
        }
        return ContributionIndex(storage: sharedIndexStorage, unitCount: units.count)
    }

    /// Appends the cues a rule made (`cues`, left empty with its room): most rules make none for most texts, and appending
    /// an empty array still cost about 50 instructions (a dozen times a text).
    mutating func add(_ cues: inout [Working]) {
        if !cues.isEmpty {
            contributions += cues
            cues.empty()
        }
    }

    /// Whether the contributions already stand in text order (by unit, never decreasing), so that a stable sort
    /// by unit would leave them where they are: most texts, whose rules added no cue before an earlier unit.
    func contributionsInUnitOrder() -> Bool {
        var index = 1
        while index < contributions.count {
            if contributions[index].unit < contributions[index - 1].unit { return false }
            index += 1
        }
        return true
    }

    /// Whether a negator stands before `unit` in its clause, within `limit` units.
    func isNegated(_ unit: Int, limit: Int = Negation.scope) -> Bool {
        before(unit, limit: limit).contains { negators.contains($0) }
    }

    /// The nearest unit before `unit` that is not an object pronoun (`que me lo devolvieron` → `que`), or -1.
    func skippingPronouns(before unit: Int) -> Int {
        var previous = unit - 1
        while previous >= 0, units[previous].facts.lists.contains(.clitic) { previous -= 1 }
        return previous
    }

    /// The nearest unit after `unit` that is not an object pronoun (`no te lo pierdas` → `pierdas`), or the count of units.
    func skippingPronouns(after unit: Int) -> Int {
        var next = unit + 1
        while next < units.count, units[next].facts.lists.contains(.clitic) { next += 1 }
        return next
    }

    /// The indices of the units that have `kind` (or `other`), in order: for a rule that reads only those. The context
    /// must not change while they are read (the sequence holds the units as they were).
    func units(with kind: ModifierKind, or other: ModifierKind? = nil) -> UnitsWithKinds {
        UnitsWithKinds(units: units, mask: 1 << UInt32(kind.bit) | (other.map { 1 << UInt32($0.bit) } ?? 0))
    }

    /// Units of the same clause after `unit`, nearest first, up to `limit` of them.
    func after(_ unit: Int, limit: Int) -> Range<Int> {
        var end = unit + 1
        while end < units.count, end - unit <= limit, clauseOf[end] == clauseOf[unit], !units[end].breaksClause {
            end += 1
        }
        return (unit + 1)..<end
    }

    /// Units of the same clause before `unit`, nearest first, up to `limit` of them (a reversed range: no
    /// array is made, this runs for every contribution).
    func before(_ unit: Int, limit: Int) -> ReversedCollection<Range<Int>> {
        var start = unit
        while start > 0, unit - start < limit, clauseOf[start - 1] == clauseOf[unit], !units[start - 1].breaksClause {
            start -= 1
        }
        return (start..<unit).reversed()
    }
}

/// This thread's cue entries (`CueEntries`).
private let cueEntries = ThreadLocal { CueEntries() }

/// The entries of the cues made on this thread, by term, kept for the texts after: a cue's entry is its term, rule and
/// value with the list `rule`, and most cues recur (`no … llegó`, `para nada`), where making each one's entry, encoding its
/// JSON and freeing it again cost about 2,200 instructions a cue. An entry is immutable, so sharing it changes no output.
final class CueEntries {
    /// An open-addressing table of the kept entries, probed by the key's own byte hash: a `Dictionary` hashed that hash
    /// again (SipHash, about 570 instructions a lookup, some 2,400 lookups per MB of texts).
    private var table = Table()
    /// Entries kept at most: past it the table starts over (the terms hold customers' words, so they do not stay few).
    static let limit = 1 << 13

    /// The entry of a cue: the one kept for `term` when its rule and value are these (the value compared by its bits,
    /// as the JSON writes them), else a new one, kept in its place.
    func found(term: String, rule: String, value: Double) -> OpinionLookup.Found {
        table.found(CueTerm(term: term), rule: rule, value: value)
    }

    /// The slots: twice the limit, so that a probe stays short. Each slot holds its key (term and byte hash) through its
    /// entry, whose term is the key's.
    private struct Table {
        private var hashes: [UInt64] = []
        private var entries: [OpinionLookup.Found?] = []
        private var count = 0
        private static let slotBits = 14

        mutating func found(_ key: CueTerm, rule: String, value: Double) -> OpinionLookup.Found {
            if entries.isEmpty {
                hashes = Array(repeating: 0, count: 1 << Self.slotBits)
                entries = Array(repeating: nil, count: 1 << Self.slotBits)
            }
            let mask = (1 << Self.slotBits) - 1
            // The byte hash's high bits after a multiply: FNV's low bits alone spread short terms poorly.
            let home = Int(truncatingIfNeeded: (key.bytesHash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.slotBits))
            var slot = home
            while let kept = entries[slot] {
                if hashes[slot] == key.bytesHash, CueTerm.sameBytes(kept.entry.term, key.term) {
                    if kept.entry.valence.bitPattern == value.bitPattern, kept.match == rule { return kept }
                    break
                }
                slot = (slot + 1) & mask
            }
            if count >= CueEntries.limit {
                // Start over, as the dictionary did: the key then takes its home slot.
                for index in entries.indices { entries[index] = nil }
                count = 0
                slot = home
            }
            let found = OpinionLookup.Found(entry: ValenceEntry(term: key.term, valence: value, list: "rule", line: 0), match: rule, intensity: [])
            // A key kept with another rule or value is replaced in its slot; a new one takes the empty slot its probe met.
            if entries[slot] == nil { count += 1 }
            hashes[slot] = key.bytesHash
            entries[slot] = found
            return found
        }
    }
}

/// A cue's term as a key, hashed and compared by its UTF-8 bytes: the bytes are what its JSON writes, and a `String`'s
/// own hash and `==` normalize a term that is not ASCII (a cue's `…` is not) before comparing. The bytes are hashed once,
/// when the key is made: a dictionary compares the key with each one it meets on its probe, and a stored hash turns most
/// of those away without reading a byte.
struct CueTerm: Hashable {
    let term: String
    /// FNV-1a over the term's bytes (`CueEntries` probes by it).
    let bytesHash: UInt64

    init(term: String) {
        self.term = term
        // FNV-1a, 64 bits, over the bytes in place: a few instructions a byte; the dictionary's own hasher mixes it again.
        var bytes = term
        bytesHash = bytes.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(bytesHash) }

    static func == (lhs: CueTerm, rhs: CueTerm) -> Bool {
        lhs.bytesHash == rhs.bytesHash && sameBytes(lhs.term, rhs.term)
    }

    /// Whether two strings hold the same UTF-8 bytes.
    static func sameBytes(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        var left = left, right = right
        return left.withUTF8 { left in
            right.withUTF8 { right in
                var index = 0
                while index < left.count, left[index] == right[index] { index += 1 }
                return index == left.count
            }
        }
    }
}

/// The contributions of each run of units, by unit then in the order they were made, found without a walk
/// over all of them. Valid while no contribution is added or moved (values may change).
struct ContributionIndex {
    /// One array, made once (each array a text allocates costs an allocation and a metadata lookup, and rules
    /// make a few indexes per text): a header of the unit count plus one and the contribution count it was made for
    /// (`holds`), then `starts` in the next `unitCount + 1` places, where `order[starts[u]..<starts[u + 1]]` are the
    /// contributions of unit `u`, then `order`. It may be longer than that (storage lent from an earlier text).
    fileprivate let storage: [Int]
    private let unitCount: Int
    private static let header = 2

    /// How long the storage of an index of `contributions` contributions of `units` units is, at least.
    static func storageCount(units: Int, contributions: Int) -> Int { header + units + 1 + contributions }

    /// Whether `storage` is an index made for these counts (a storage given back with its length keeps its header
    /// cleared: `RuleScratch.keep`).
    static func holds(_ storage: [Int], units: Int, contributions: Int) -> Bool {
        storage.count >= storageCount(units: units, contributions: contributions) && storage[0] == units + 1 && storage[1] == contributions
    }

    /// Marks `storage` as no index, keeping its length.
    static func clear(_ storage: inout [Int]) {
        if !storage.isEmpty { storage[0] = 0 }
    }

    /// An index made before, from its storage (`RuleContext.contributionIndex()`).
    fileprivate init(storage: [Int], unitCount: Int) {
        self.storage = storage
        self.unitCount = unitCount
    }

    init(_ context: RuleContext) {
        var storage: [Int] = []
        Self.build(&storage, context.contributions, unitCount: context.units.count)
        self.init(storage: storage, unitCount: context.units.count)
    }

    /// Makes the index of `contributions` in `storage`, in place, lengthened if it is short. Reads only the
    /// contributions' units, by index: taking the whole context, or iterating the contributions, copied the context or
    /// each contribution (retaining their arrays and strings).
    static func build(_ storage: inout [Int], _ contributions: [RuleContext.Working], unitCount: Int) {
        // A counting sort: each unit's contributions are counted, given their place, and laid down in the
        // order they were made. Laying them down moves each unit's start to the next unit's; one shift back
        // restores the starts.
        let needed = storageCount(units: unitCount, contributions: contributions.count)
        if storage.count < needed { storage.append(contentsOf: repeatElement(0, count: needed - storage.count)) }
        let startBase = header, orderBase = header + unitCount + 1
        storage.withUnsafeMutableBufferPointer { storage in
            storage[0] = unitCount + 1
            storage[1] = contributions.count
            UnsafeMutableBufferPointer(rebasing: storage[startBase..<orderBase]).update(repeating: 0)
            for index in contributions.indices { storage[startBase + contributions[index].unit + 1] += 1 }
            for position in startBase..<startBase + unitCount { storage[position + 1] += storage[position] }
            for index in contributions.indices {
                let start = startBase + contributions[index].unit
                storage[orderBase + storage[start]] = index
                storage[start] += 1
            }
            var position = startBase + unitCount
            while position > startBase {
                storage[position] = storage[position - 1]
                position -= 1
            }
            storage[startBase] = 0
        }
    }

    /// The first contribution made of `unit`, if any.
    func first(of unit: Int) -> Int? { contributions(of: unit..<unit + 1).first }

    func contributions(of units: Range<Int>) -> ArraySlice<Int> {
        let lower = min(max(units.lowerBound, 0), unitCount), upper = min(max(units.upperBound, lower), unitCount)
        let startBase = Self.header, orderBase = Self.header + unitCount + 1
        return storage[orderBase + storage[startBase + lower]..<orderBase + storage[startBase + upper]]
    }
}

/// The indices of the units that have one of the modifier kinds of `mask` (`RuleContext.units(with:or:)`). The scan for the
/// next one is a function of its own, a tight loop of a few instructions a unit: written as a rule's `for … where` over
/// every unit, the test ran with the rule's own loop state carried through each unit (about 20 instructions a unit).
struct UnitsWithKinds: Sequence, IteratorProtocol {
    let units: [Unit]
    let mask: UInt32
    private var position = 0

    init(units: [Unit], mask: UInt32) {
        self.units = units
        self.mask = mask
    }

    mutating func next() -> Int? {
        position = Self.first(in: units, mask: mask, from: position)
        guard position < units.count else { return nil }
        position += 1
        return position - 1
    }

    @inline(never)
    private static func first(in units: [Unit], mask: UInt32, from start: Int) -> Int {
        var index = start
        while index < units.count, units[index].modifiers.mask & mask == 0 { index += 1 }
        return index
    }
}
