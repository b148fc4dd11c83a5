import Testing
@testable import EscuchaSentiment

/// The rule context's storage kept between texts: cue entries shared by term, rule and value (`CueEntries`), and the
/// contribution index rebuilt in a storage an earlier text left longer (`ContributionIndex.build`).
@Suite struct RuleScratchTests {
    @Test func cueEntriesAreSharedOnlyForTheSameTermRuleAndValue() {
        let first = RuleContext.Working.cue(unit: 0, term: "no … llegó", rule: "unmet expectation", cue: "no", value: -1.5)
        let again = RuleContext.Working.cue(unit: 3, term: "no … " + "llegó", rule: "unmet expectation", cue: "no", value: -1.5)
        #expect(first.opinion === again.opinion)
        #expect(again.unit == 3 && again.value == -1.5 && again.rules.count == 1)
        let otherValue = RuleContext.Working.cue(unit: 0, term: "no … llegó", rule: "unmet expectation", cue: "no", value: -2)
        #expect(otherValue.opinion !== first.opinion && otherValue.valence == -2)
        #expect(otherValue.opinion.entryJSON == OpinionLookup.Found(entry: ValenceEntry(term: "no … llegó", valence: -2, list: "rule", line: 0),
                                                                     match: "unmet expectation", intensity: []).entryJSON)
        let otherRule = RuleContext.Working.cue(unit: 0, term: "no … llegó", rule: "deprivation", cue: "no", value: -2)
        #expect(otherRule.match == "deprivation" && otherRule.list == "rule" && otherRule.termID == nil)
        // Canonically equal, other bytes: its own entry, whose JSON writes its own bytes.
        let decomposed = RuleContext.Working.cue(unit: 0, term: "no … llego\u{301}", rule: "deprivation", cue: "no", value: -2)
        #expect(Array(decomposed.term.utf8) == Array("no … llego\u{301}".utf8))
    }

    /// Past its limit the table starts over: a term kept before is made again, then kept, and each term still finds its own.
    @Test func cueEntriesStartOverPastTheirLimit() {
        let entries = CueEntries()
        let first = entries.found(term: "t0", rule: "r", value: 1)
        #expect(entries.found(term: "t0", rule: "r", value: 1) === first)
        for number in 1...CueEntries.limit { _ = entries.found(term: "t\(number)", rule: "r", value: 1) }
        let again = entries.found(term: "t0", rule: "r", value: 1)
        #expect(again !== first && again.entry.term == "t0")
        #expect(entries.found(term: "t0", rule: "r", value: 1) === again)
        let last = entries.found(term: "t\(CueEntries.limit)", rule: "r", value: 1)
        #expect(last.entry.term == "t\(CueEntries.limit)" && entries.found(term: "t\(CueEntries.limit)", rule: "r", value: 1) === last)
        #expect(entries.found(term: "t0", rule: "other", value: 1).match == "other")
    }

    @Test func cueTermsCompareByTheirBytes() {
        #expect(CueTerm(term: "para nada") == CueTerm(term: "para " + "nada"))
        #expect(CueTerm(term: "para nada") != CueTerm(term: "para nadie"))
        #expect(CueTerm(term: "llegó") != CueTerm(term: "llego\u{301}"))
    }

    /// A storage left longer by an earlier text, its header cleared as `RuleScratch.keep` leaves it, holds no index
    /// until one is built in it, and then the same one as a new storage.
    @Test func indexBuiltInALongerStorage() {
        let units = (0..<4).map { Unit(tokens: $0..<$0 + 1, key: .empty, facts: KeyFacts(), isWord: true) }
        func made(_ unit: Int) -> RuleContext.Working {
            .init(unit: unit, opinion: OpinionLookup.Found(entry: ValenceEntry(term: "t", valence: 1, list: "l", line: 0), match: "m", intensity: []))
        }
        var context = RuleContext(units: units, sentenceOf: [0, 0, 0, 0], clauseOf: [0, 0, 0, 0], sentences: [0..<4],
                                  contributions: [made(3), made(1), made(3)], shouting: false)
        context.sharedIndexStorage = Array(repeating: 7, count: 40)
        ContributionIndex.clear(&context.sharedIndexStorage)
        #expect(!ContributionIndex.holds(context.sharedIndexStorage, units: 4, contributions: 3))
        #expect(Array(context.contributionIndex().contributions(of: 0..<4)) == [1, 0, 2])
        #expect(context.sharedIndexStorage.count == 40)
        #expect(Array(context.contributionIndex().contributions(of: 3..<4)) == [0, 2])
        #expect(Array(ContributionIndex(context).contributions(of: 0..<4)) == [1, 0, 2])
    }

    /// The context is kept whole between texts: the first text gets a new one; the next gets the same arrays back, emptied
    /// with their room, except those it overwrites whole (`sentenceOf`, `clauseOf`), which keep their length.
    @Test func contextKeptWholeBetweenTexts() {
        var scratch = RuleScratch()
        var context = scratch.take(shouting: true)
        #expect(context.shouting && context.units.isEmpty && context.sentenceOf.isEmpty && context.contributions.isEmpty)
        context.units = (0..<3).map { Unit(tokens: $0..<$0 + 1, key: .empty, facts: KeyFacts(), isWord: true) }
        context.sentenceOf = [0, 0, 1]
        context.clauseOf = [0, 1, 2]
        context.sentences = [0..<2, 2..<3]
        context.contributions = [.init(unit: 1, opinion: OpinionLookup.Found(entry: ValenceEntry(term: "t", valence: 1, list: "l", line: 0),
                                                                             match: "m", intensity: []))]
        _ = context.contributionIndex()
        let room = context.units.capacity
        scratch.keep(context)
        let again = scratch.take(shouting: false)
        #expect(!again.shouting && again.units.isEmpty && again.sentences.isEmpty && again.contributions.isEmpty)
        #expect(again.units.capacity == room && again.sentenceOf == [0, 0, 1] && again.clauseOf == [0, 1, 2])
        #expect(!again.sharedIndexStorage.isEmpty && !ContributionIndex.holds(again.sharedIndexStorage, units: 3, contributions: 1))
        // While a text holds it, another (nested) text gets a new one.
        #expect(scratch.take(shouting: false).units.capacity == 0)
    }
}
