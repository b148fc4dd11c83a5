import Testing
@testable import EscuchaSentiment

/// `ContributionIndex` lays contributions out by unit with a counting sort in one array: each unit's
/// contributions in the order the rules made them, whatever order the units were met in.
@Suite struct ContributionIndexTests {
    @Test func contributionsByUnitInTheOrderTheyWereMade() {
        let units = (0..<5).map { Unit(tokens: $0..<$0 + 1, key: .empty, facts: KeyFacts(), isWord: true) }
        let madeFor = [3, 1, 3, 0, 1, 4]
        let context = RuleContext(units: units, sentenceOf: Array(repeating: 0, count: 5), clauseOf: Array(repeating: 0, count: 5),
                                  sentences: [0..<5], contributions: madeFor.map {
                                      .init(unit: $0, opinion: OpinionLookup.Found(entry: ValenceEntry(term: "t", valence: 1, list: "l", line: 0),
                                                                                   match: "m", intensity: []))
                                  }, shouting: false)
        let index = ContributionIndex(context)
        #expect(Array(index.contributions(of: 0..<5)) == [3, 1, 4, 0, 2, 5])
        #expect(Array(index.contributions(of: 1..<2)) == [1, 4])
        #expect(Array(index.contributions(of: 2..<3)).isEmpty)
        // Ranges past either end are cut to the units there are.
        #expect(Array(index.contributions(of: 3..<9)) == [0, 2, 5])
        #expect(Array(index.contributions(of: -2..<1)) == [3])
    }

    /// The index the rules share (`RuleContext.contributionIndex()`) holds while contributions only change value, and is
    /// made again after one is appended.
    @Test func sharedIndexFollowsAppendedContributions() {
        let units = (0..<3).map { Unit(tokens: $0..<$0 + 1, key: .empty, facts: KeyFacts(), isWord: true) }
        func made(_ unit: Int) -> RuleContext.Working {
            .init(unit: unit, opinion: OpinionLookup.Found(entry: ValenceEntry(term: "t", valence: 1, list: "l", line: 0), match: "m", intensity: []))
        }
        var context = RuleContext(units: units, sentenceOf: [0, 0, 0], clauseOf: [0, 0, 0], sentences: [0..<3], contributions: [made(2)], shouting: false)
        #expect(Array(context.contributionIndex().contributions(of: 0..<3)) == [0])
        context.contributions[0].apply("test", cue: nil, to: 3)
        #expect(Array(context.contributionIndex().contributions(of: 0..<3)) == [0])
        var cues = [made(0)]
        context.add(&cues)
        #expect(cues.isEmpty)  // the buffer given back empty, for the next rule's cues
        #expect(Array(context.contributionIndex().contributions(of: 0..<3)) == [1, 0])
        context.contributions.append(made(1))
        #expect(Array(context.contributionIndex().contributions(of: 0..<3)) == [1, 2, 0])
    }

    @Test func noContributions() {
        let units = (0..<3).map { Unit(tokens: $0..<$0 + 1, key: .empty, facts: KeyFacts(), isWord: true) }
        let context = RuleContext(units: units, sentenceOf: [0, 0, 0], clauseOf: [0, 0, 0], sentences: [0..<3], contributions: [], shouting: false)
        #expect(Array(ContributionIndex(context).contributions(of: 0..<3)).isEmpty)
    }
}
