import Testing
import EscuchaLexicon
@testable import EscuchaSentiment

@Suite struct LexiconValidationTests {
    let emoji = try! table("emoji.tsv", SentimentLexicon.emojiColumns, ["😡\t-3.5\tenraged face\t"])
    let emoticons = try! table("emoticons.tsv", SentimentLexicon.emoticonColumns, [":)\t1.5\t"])
    let modifiers = try! table("modifiers.tsv", SentimentLexicon.modifierColumns, ["muy\tbooster\t1.3\t"], uniqueKey: false)

    func load(_ valence: [TSVTable]) throws -> SentimentLexicon {
        try SentimentLexicon(valence: valence, emoji: emoji, emoticons: emoticons, modifiers: modifiers, key: key)
    }

    func error(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func duplicatesAcrossFilesNameBothPlaces() throws {
        let a = try table("a.tsv", SentimentLexicon.valenceColumns, ["bueno\t2\tgeneral\tall\t"])
        let b = try table("b.tsv", SentimentLexicon.valenceColumns, ["malo\t-2\tgeneral\tall\t", "bueno\t2.5\tgeneral\tall\t"])
        #expect(error { _ = try load([a, b]) } == "b.tsv:3: duplicate term 'bueno' (already in a.tsv:2)")
    }

    @Test func valuesOutOfRangeZeroOrNotNumbers() throws {
        for value in ["5", "-4.5", "0", "x"] {
            let bad = try table("v.tsv", SentimentLexicon.valenceColumns, ["bueno\t\(value)\tgeneral\tall\t"])
            #expect(error { _ = try load([bad]) } == "v.tsv:2: the valence must be a number from -4 to 4 other than 0, found '\(value)'")
        }
    }

    @Test func unknownColumnsDomainsRegionsAndKinds() throws {
        #expect(error {
            _ = try TSVTable.parse("term\tvalence\tpolarity\tregion\tnote\n", file: "v.tsv", columns: SentimentLexicon.valenceColumns)
        } == "v.tsv:1: expected the header term<TAB>valence<TAB>domain<TAB>region<TAB>note, found term<TAB>valence<TAB>polarity<TAB>region<TAB>note")
        let domain = try table("v.tsv", SentimentLexicon.valenceColumns, ["bueno\t2\tshopping\tall\t"])
        #expect(error { _ = try load([domain]) }?.hasPrefix("v.tsv:2: unknown domain 'shopping'") == true)
        let region = try table("v.tsv", SentimentLexicon.valenceColumns, ["bueno\t2\tgeneral\tSpain\t"])
        #expect(error { _ = try load([region]) } == "v.tsv:2: unknown region 'Spain'; expected all, LATAM or a country code")
        let kind = try table("modifiers.tsv", SentimentLexicon.modifierColumns, ["muy\tintensifier\t1.3\t"], uniqueKey: false)
        #expect(error {
            _ = try SentimentLexicon(valence: [], emoji: emoji, emoticons: emoticons, modifiers: kind, key: key)
        }?.hasPrefix("modifiers.tsv:2: unknown kind 'intensifier'") == true)
    }

    @Test func windowsLineEndingsAndCommentsAreRead() throws {
        let table = try TSVTable.parse("# a comment\r\nterm\tvalence\r\n\r\nbueno\t2\r\nmalo\t-2", file: "v.tsv", columns: ["term", "valence"])
        #expect(table.rows.map(\.fields) == [["bueno", "2"], ["malo", "-2"]])
        #expect(table.rows.map(\.line) == [4, 5])
        #expect(error { _ = try TSVTable.parse("term\tvalence\n bueno\t2\n", file: "v.tsv", columns: ["term", "valence"]) }
                == "v.tsv:2: the term is empty or has surrounding spaces")
    }

    @Test func theShippedLexiconsLoadAndAreLargeEnough() throws {
        let lexicon = fullAnalyzer.lexicon
        #expect(lexicon.words.count + lexicon.phrases.count >= 8000)
        #expect(lexicon.emoji.count >= 300)
        // Emoji are keyed without variation selectors and skin tones: ❤️ finds ❤.
        #expect(lexicon.emoji[SentimentLexicon.emojiBase("❤️")] != nil)
        #expect(lexicon.emoji[SentimentLexicon.emojiBase("👍🏽")] != nil)
    }
}
