import Foundation
import Testing
import EscuchaLexicon
import EscuchaTestSupport
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

    /// `TSVTable.decimal` reads plain decimals itself: it must give `Double`'s answer, bit for bit, on every field
    /// of the lexicons it reads and on the shapes it leaves to `Double`.
    @Test func decimalReadsFieldsAsDoubleDoes() throws {
        var fields = ["0", "-0", "4", "-4", "4.", ".5", "-.5", "+1", "1e3", "1.5e-2", "nan", "inf", "-", "", " 1", "1 ", "1.2.3",
                      "0.1", "0.3", "2.675", "-3.14159", "123456789012345", "1234567890123456", "0.000000000000001", "9.999999999999999"]
        let valence = ((try? FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/lexicons/es/sentiment/valence")) ?? []).map { "sentiment/valence/\($0)" }
        for path in ["vocabulary.tsv", "emotions.tsv", "sentiment/modifiers.tsv"] + valence {
            let text = try TSVTable.text(of: "\(repositoryRoot)/lexicons/es/\(path)")
            // Every field but the first (the words), numbers or not.
            fields += text.split(separator: "\n").flatMap { line in line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map(String.init) }
        }
        #expect(fields.count > 20_000)
        for field in fields {
            #expect(TSVTable.decimal(field)?.bitPattern == Double(field)?.bitPattern, "\(field)")
        }
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

    /// Keys are compared as bytes while every key is below U+0300, and as `String`s (canonical equivalence) from the
    /// first that is not: a spelling with a combining accent repeats the precomposed one, whichever comes first.
    @Test func repeatedKeysAreFoundAsBytesAndAsCanonicalEquivalents() throws {
        let columns = ["term", "valence"]
        #expect(error { _ = try TSVTable.parse("term\tvalence\nbueno\t2\nmalo\t-2\nbueno\t1\n", file: "v.tsv", columns: columns) }
                == "v.tsv:4: duplicate term 'bueno' (first at line 2)")
        #expect(error { _ = try TSVTable.parse("term\tvalence\nfrío\t-1\nfri\u{301}o\t-1\n", file: "v.tsv", columns: columns) }
                == "v.tsv:3: duplicate term 'fri\u{301}o' (first at line 2)")
        #expect(error { _ = try TSVTable.parse("term\tvalence\nfri\u{301}o\t-1\nfrío\t-1\n", file: "v.tsv", columns: columns) }
                == "v.tsv:3: duplicate term 'frío' (first at line 2)")
        #expect(error { _ = try TSVTable.parse("term\tvalence\nmañana\t1\n\u{212A}\t1\nK\t1\n", file: "v.tsv", columns: columns) }
                == "v.tsv:4: duplicate term 'K' (first at line 3)")
        let distinct = try TSVTable.parse("term\tvalence\nfrío\t-1\nfrio\t-1\nfría\t-1\n", file: "v.tsv", columns: columns)
        #expect(distinct.rows.map { $0[0] } == ["frío", "frio", "fría"])
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

@Suite struct SpellingRepairTests {
    let repair = SpellingRepair(candidates: [
        ("excelente", ValenceEntry(term: "excelente", valence: 3.5, list: "adjectives", line: 1)),
        ("horrible", ValenceEntry(term: "horrible", valence: -3.5, list: "adjectives", line: 2)),
        ("reventa", ValenceEntry(term: "reventa", valence: -1, list: "nouns", line: 3)),
        ("agradable", ValenceEntry(term: "agradable", valence: 2.5, list: "adjectives", line: 4)),
        ("agradables", ValenceEntry(term: "agradable", valence: 2.5, list: "adjectives", line: 4)),
        ("cansado", ValenceEntry(term: "cansado", valence: -1.5, list: "adjectives", line: 5)),
        ("casado", ValenceEntry(term: "casado", valence: 1, list: "adjectives", line: 6)),
        ("excedente", ValenceEntry(term: "excedente", valence: -1, list: "nouns", line: 7)),
    ])

    @Test func oneLetterLeftOutAddedOrSwappedIsRepaired() {
        #expect(repair.repair("exelente")?.word == "excelente")  // left out
        #expect(repair.repair("excellente")?.word == "excelente")  // added
        #expect(repair.repair("horrbile")?.word == "horrible")  // swapped
        #expect(repair.repair("agradabe")?.entry.term == "agradable")  // two candidates, one entry
        #expect(repair.repair("excelemte")?.word == "excelente")  // a neighbouring key: m for n
        #expect(repair.repair("horrinle")?.word == "horrible")  // n for b, also neighbours
        #expect(repair.repair("excelentw")?.word == "excelente")  // the last letter too
    }

    @Test func changedLettersFirstLettersShortWordsAndAmbiguityAreLeftAlone() {
        #expect(repair.repair("excelerte") == nil)  // r is far from n: as often another word as a typo
        #expect(repair.repair("cansaso") == nil)  // a neighbouring key, but under eight letters
        #expect(repair.repair("preventa") == nil)  // typos keep the first letter
        #expect(repair.repair("cansdo") == nil)  // under seven letters
        #expect(repair.repair("caminado") == nil)  // within one edit of nothing listed
        #expect(repair.repair("exceente") == nil)  // one edit from two different entries: ambiguous
        #expect(repair.repair("excelente") == nil)  // the word itself is no typo
        #expect(SpellingRepair.withinOneEdit(Array("casado".utf8), Array("cansado".utf8)))
        #expect(SpellingRepair.withinOneEdit(Array("horrbile".utf8), Array("horrible".utf8)))
        #expect(!SpellingRepair.withinOneEdit(Array("hrorbile".utf8), Array("horrible".utf8)))
        #expect(Keyboard.adjacent(UInt8(ascii: "s"), UInt8(ascii: "x")) && Keyboard.adjacent(UInt8(ascii: "v"), UInt8(ascii: "b")))
        #expect(!Keyboard.adjacent(UInt8(ascii: "d"), UInt8(ascii: "t")) && !Keyboard.adjacent(UInt8(ascii: "a"), UInt8(ascii: "a")))
    }

    /// With the system's Spanish word list (CI installs Debian's wspanish), typos of opinion words are read
    /// and rare words are not taken for typos.
    @Test func typosInTextWhereTheWordListIsInstalled() throws {
        guard WordList.load(environment: ProcessInfo.processInfo.environment) != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must install wspanish")
            return
        }
        let found = fullAnalyzer.analyze("Muy recomnedado, un lugar exelente").contributions
        #expect(found.map(\.term) == ["recomendado", "excelente"])
        #expect(found.map(\.match) == ["spelling", "spelling"])
        #expect(fullAnalyzer.analyze("la vista es expectacular").contributions.map(\.term) == ["espectacular"])
        // A letter that sounds the same (`j` for `g`, `s` for `c`) is a typo too.
        #expect(fullAnalyzer.analyze("un hotel acojedor").contributions.map(\.term) == ["acogedor"])
        #expect(fullAnalyzer.analyze("fue imprecionante").contributions.map(\.term) == ["impresionante"])
        // Words Escucha's vocabulary lacks but Spanish has: no repair.
        #expect(fullAnalyzer.analyze("la fachada y el interior, con respecto al precio").contributions.allSatisfy { $0.match != "spelling" })
        // A capitalised word is repaired where a sentence or clause opens, not inside one, where it is mostly a name.
        #expect(fullAnalyzer.analyze("Exelente servicio").contributions.map(\.term) == ["excelente"])
        #expect(fullAnalyzer.analyze("Buen hotel. Invreíble vista").contributions.map(\.term) == ["buen", "increíble"])
        #expect(fullAnalyzer.analyze("fuimos con Amabile al hotel").contributions.isEmpty)
        // A `vosotros` imperative of a listed verb is a word, not a typo (`regalad` is not `regalado`).
        #expect(fullAnalyzer.analyze("regalad entradas a todos").contributions.isEmpty)
        // A typo in a plural or a feminine reaches the masculine singular the lexicon lists; a feminine only an
        // adjective's, and neither a verb's (`reventaores` is no form of `reventar`).
        #expect(fullAnalyzer.analyze("una experiencia extraodinaria").contributions.map(\.term) == ["extraordinario"])
        #expect(fullAnalyzer.analyze("los camareros son exelentes").contributions.map(\.term) == ["excelente"])
        #expect(fullAnalyzer.analyze("una habitación acojedora").contributions.map(\.term) == ["acogedor"])
        #expect(fullAnalyzer.analyze("unos reventaores de fiestas").contributions.isEmpty)
    }
}
