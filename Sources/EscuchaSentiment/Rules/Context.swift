import EscuchaCore
/// The units of a text with where each sits (sentence, clause), and the contributions being built.
/// Each rule reads the units and changes contributions, recording what it did.
struct RuleContext {
    var units: [Unit]
    /// Sentence index of each unit.
    var sentenceOf: [Int]
    /// Clause index of each unit; clauses never cross sentences.
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
    /// The storage of the index the rules share (`contributionIndex()`), or empty. Its own array, not a
    /// `ContributionIndex?`: eight bytes more, not sixteen (see `shouting`). Not private: a private property would make
    /// the memberwise initializer private.
    var sharedIndexStorage: [Int] = []

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
        static func cue(unit: Int, term: String, rule: String, cue: String?, value: Double) -> Working {
            let entry = ValenceEntry(term: term, valence: value, list: "rule", line: 0)
            var working = Working(unit: unit, opinion: OpinionLookup.Found(entry: entry, match: rule, intensity: []))
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
    mutating func contributionIndex() -> ContributionIndex {
        if !sharedIndexStorage.isEmpty, sharedIndexStorage.count == ContributionIndex.storageCount(units: units.count, contributions: contributions.count) {
            return ContributionIndex(storage: sharedIndexStorage, unitCount: units.count)
        }
        // From the two fields, not `self`: passing the whole context here copied it.
        let index = ContributionIndex(contributions, unitCount: units.count)
        sharedIndexStorage = index.storage
        return index
    }

    /// Appends the cues a rule made: most rules make none for most texts, and appending an empty array still cost about
    /// 50 instructions (a dozen times a text).
    mutating func add(_ cues: [Working]) {
        if !cues.isEmpty { contributions += cues }
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

/// The contributions of each run of units, by unit then in the order they were made, found without a walk
/// over all of them. Valid while no contribution is added or moved (values may change).
struct ContributionIndex {
    /// One array, made once (each array a text allocates costs an allocation and a metadata lookup, and rules
    /// make a few indexes per text): `starts` in its first `unitCount + 1` places, where
    /// `order[starts[u]..<starts[u + 1]]` are the contributions of unit `u`, then `order`.
    fileprivate let storage: [Int]
    private let unitCount: Int

    /// How long the storage of an index of `contributions` contributions of `units` units is.
    static func storageCount(units: Int, contributions: Int) -> Int { units + 1 + contributions }

    /// An index made before, from its storage (`RuleContext.contributionIndex()`).
    fileprivate init(storage: [Int], unitCount: Int) {
        self.storage = storage
        self.unitCount = unitCount
    }

    init(_ context: RuleContext) {
        self.init(context.contributions, unitCount: context.units.count)
    }

    /// Reads only the contributions' units, by index: taking the whole context, or iterating the contributions,
    /// copied the context or each contribution (retaining their arrays and strings).
    init(_ contributions: [RuleContext.Working], unitCount: Int) {
        // A counting sort: each unit's contributions are counted, given their place, and laid down in the
        // order they were made. Laying them down moves each unit's start to the next unit's; one shift back
        // restores the starts.
        let orderBase = unitCount + 1
        var storage = [Int](repeating: 0, count: Self.storageCount(units: unitCount, contributions: contributions.count))
        storage.withUnsafeMutableBufferPointer { storage in
            for index in contributions.indices { storage[contributions[index].unit + 1] += 1 }
            for position in 0..<unitCount { storage[position + 1] += storage[position] }
            for index in contributions.indices {
                let unit = contributions[index].unit
                storage[orderBase + storage[unit]] = index
                storage[unit] += 1
            }
            var position = unitCount
            while position > 0 {
                storage[position] = storage[position - 1]
                position -= 1
            }
            storage[0] = 0
        }
        self.storage = storage
        self.unitCount = unitCount
    }

    /// The first contribution made of `unit`, if any.
    func first(of unit: Int) -> Int? { contributions(of: unit..<unit + 1).first }

    func contributions(of units: Range<Int>) -> ArraySlice<Int> {
        let lower = min(max(units.lowerBound, 0), unitCount), upper = min(max(units.upperBound, lower), unitCount)
        let orderBase = unitCount + 1
        return storage[orderBase + storage[lower]..<orderBase + storage[upper]]
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
