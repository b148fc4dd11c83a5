import Foundation
import EscuchaTestSupport
import Testing
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment
@testable import EscuchaTopics

let analyzer: SentimentAnalyzer = try! SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")

func topics(_ rules: [(String, String)], _ text: String) throws -> [String] {
    let taxonomy = Taxonomy(topics: try rules.map { Topic(id: $0.0, label: $0.0, description: "", rule: try TopicRuleParser.parse($0.1), pack: "test") })
    let matcher = TopicMatcher(taxonomy: taxonomy, normalizer: analyzer.normalizer)
    return matcher.match(analyzer.normalizer.normalize(text)).map { taxonomy.topics[$0.topic].id }
}

@Suite struct TopicRuleTests {
    @Test func parsesEachForm() throws {
        #expect(try TopicRuleParser.parse("precio") == .term(words: ["precio"], exact: false))
        #expect(try TopicRuleParser.parse("=OCU") == .term(words: ["ocu"], exact: true))
        #expect(try TopicRuleParser.parse("precio OR \"me cobraron\"") == .any([.term(words: ["precio"], exact: false), .term(words: ["me", "cobraron"], exact: false)]))
        #expect(try TopicRuleParser.parse("cobro AND indebido") == .all([.term(words: ["cobro"], exact: false), .term(words: ["indebido"], exact: false)]))
        #expect(try TopicRuleParser.parse("llamar NEAR/3 veces") == .near(.term(words: ["llamar"], exact: false), .term(words: ["veces"], exact: false), distance: 3))
        #expect(try TopicRuleParser.parse("cuenta AND NOT \"cuenta bancaria\"")
                == .all([.term(words: ["cuenta"], exact: false), .not(.term(words: ["cuenta", "bancaria"], exact: false))]))
        // AND binds tighter than OR; parentheses group.
        #expect(try TopicRuleParser.parse("a OR b AND c") == .any([.term(words: ["a"], exact: false), .all([.term(words: ["b"], exact: false), .term(words: ["c"], exact: false)])]))
        #expect(try TopicRuleParser.parse("(a OR b) AND c") == .all([.any([.term(words: ["a"], exact: false), .term(words: ["b"], exact: false)]), .term(words: ["c"], exact: false)]))
    }

    @Test func badRulesSayWhereAndWhat() {
        func message(_ rule: String) -> String? {
            do { _ = try TopicRuleParser.parse(rule); return nil } catch { return error.description }
        }
        #expect(message("") == "column 1: the rule is empty")
        #expect(message("precio AND") == "column 11: expected a word, a phrase in quotes, NOT or '(' but the rule ends")
        #expect(message("(precio OR tarifa") == "column 18: expected ')' to close the '('")
        #expect(message("\"me cobraron") == "column 1: a phrase in quotes is not closed")
        #expect(message("llamar NEAR/x veces") == "column 8: expected NEAR/n with n from 1 to 50, found 'NEAR/x'")
        #expect(message("precio tarifa") == "column 8: expected OR, AND, NEAR/n or the end of the rule, found 'tarifa'")
        #expect(message("AND precio") == "column 1: expected a word, a phrase in quotes, NOT or '(', found AND")
    }

    @Test func aUserFileNamesTheLineOfABadRule() throws {
        let scratch = TemporaryFolder("escucha-topics")
        let file = scratch.file("mis-temas.tsv")
        try "topic\tlabel\trule\nprecio\tPrecio\tprecio OR tarifa\nbaja\tBaja\t\"dar de baja\" AND (\n".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            _ = try Taxonomy.loadRules(file: file)
            Issue.record("a bad rule was accepted")
        } catch {
            #expect(error.description == "\(file):3: rule column 20: expected a word, a phrase in quotes, NOT or '(' but the rule ends")
        }
        try "topic\tlabel\trule\nPrecio\tPrecio\tprecio\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try Taxonomy.loadRules(file: file) }
    }

    @Test func sectorWordsAreOneWordOfOneKnownSector() throws {
        let scratch = TemporaryFolder("escucha-sectors")
        try FileManager.default.createDirectory(atPath: scratch.file("topics"), withIntermediateDirectories: true)
        let file = scratch.file("topics/sectors.tsv")
        func failure(_ rows: String) throws -> String? {
            try ("sector\tword\tnote\n" + rows).write(toFile: file, atomically: true, encoding: .utf8)
            do { _ = try Taxonomy.loadSectorWords(directory: scratch.path, packs: Taxonomy.packs) } catch { return error.description }
            return nil
        }
        #expect(try failure("hotel\thabitación\t\nairline\tvuelo\t\n") == nil)
        #expect(try failure("hotel\thabitación\t\ncine\tbutaca\t\n")
                == "\(file):3: sector must be one of telecom, banking, ecommerce, restaurant, hotel, airline, found 'cine'")
        #expect(try failure("restaurant\tmenú del día\t\n") == "\(file):2: a sector word is one lowercase word, found 'menú del día'")
        #expect(try failure("hotel\tpiscina\t\nrestaurant\tpiscina\t\n")
                == "\(file):3: 'piscina' is already a word of hotel: a word tells one sector")
        // Only the packs loaded keep their words.
        _ = try failure("hotel\thabitación\t\nairline\tvuelo\t\n")
        #expect(try Taxonomy.loadSectorWords(directory: scratch.path, packs: ["general", "hotel"]) == ["hotel": ["habitación"]])
    }
}

@Suite struct TopicMatchingTests {
    @Test func termsMatchInflectionsAndPhrasesMatchConjugations() throws {
        let rules = [("price", "precio OR caro OR \"cobrar de más\""), ("churn", "\"dar de baja\"")]
        #expect(try topics(rules, "Los precios subieron otra vez") == ["price"])
        #expect(try topics(rules, "Me cobraron de más") == ["price"])
        #expect(try topics(rules, "Mañana me doy de baja") == ["churn"])
        #expect(try topics(rules, "Llegó el martes").isEmpty)
    }

    @Test func theSpecificTopicWinsOnlyWhereBothSpeakOfTheSameThing() throws {
        let rules = [("billing", "factura OR cobro"), ("billing.wrong_charge", "\"cobrar de más\""),
                     ("food", "comida"), ("food.menu", "menú OR carta")]
        // `factura` is two words from `cobraron de más`: the same complaint, the specific topic only.
        #expect(try topics(rules, "Me cobraron de más en la factura") == ["billing.wrong_charge"])
        // `comida` is far from `menú`: two aspects of the same sentence, both kept.
        #expect(try topics(rules, "La comida muy buena y con varios menús para elegir") == ["food", "food.menu"])
        #expect(try topics(rules, "Buena carta de comida") == ["food.menu"])
    }

    @Test func allNotNearAndExact() throws {
        let rules = [("billing", "cobro AND indebido"), ("bill", "cuenta AND NOT \"cuenta bancaria\""),
                     ("effort", "llamar NEAR/3 veces"), ("consumer", "=OCU")]
        #expect(try topics(rules, "Un cobro indebido en la factura") == ["billing"])
        #expect(try topics(rules, "Un cobro normal").isEmpty)
        #expect(try topics(rules, "La cuenta llegó rápido") == ["bill"])
        #expect(try topics(rules, "Mi cuenta bancaria está bloqueada").isEmpty)
        #expect(try topics(rules, "Tuve que llamar cinco veces") == ["effort"])
        #expect(try topics(rules, "Llamé al banco y tras muchas, muchas veces").isEmpty)
        #expect(try topics(rules, "Voy a ir a la OCU") == ["consumer"])
    }

    @Test func eachTopicGetsTheSentimentOfItsOwnClause() throws {
        let rules = [("food", "comida OR plato"), ("service", "servicio OR camarero")]
        let taxonomy = Taxonomy(topics: try rules.map { Topic(id: $0.0, label: $0.0, description: "", rule: try TopicRuleParser.parse($0.1), pack: "test") })
        let matcher = TopicMatcher(taxonomy: taxonomy, normalizer: analyzer.normalizer)
        func aspects(_ text: String) -> [String: SentimentLabel] {
            let normalized = analyzer.normalizer.normalize(text)
            let result = AspectSentiment.assign(matcher.match(normalized), taxonomy: taxonomy, text: normalized, sentiment: analyzer.analyze(normalized))
            return Dictionary(result.map { ($0.topic.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(aspects("La comida buenísima pero el servicio lentísimo") == ["food": .pos, "service": .neg])
        #expect(aspects("La comida estaba deliciosa y el camarero fue muy grosero") == ["food": .pos, "service": .neg])
        #expect(aspects("El servicio, pésimo; la comida, excelente") == ["food": .pos, "service": .neg])
        #expect(aspects("Pedimos un plato de pasta") == ["food": .neu])
    }
}

@Suite("Word ids stored inline")
struct InlineIDsTests {
    @Test("up to three ids below 2^20 round-trip, the unknown word (-1) included; more or larger ones do not fit")
    func roundTrip() {
        for ids: [Int32] in [[-1], [0], [-1, 7], [12, 0, 1_048_574], [1_048_573, -1, 3]] {
            let bits = TermVocabulary.InlineIDs.bits(ids)
            #expect(bits != nil && bits! & 1 == 1)
            var read: [Int32] = []
            TermVocabulary.InlineIDs.append(bits!, to: &read)
            #expect(read == ids)
        }
        #expect(TermVocabulary.InlineIDs.bits([1, 2, 3, 4]) == nil)
        #expect(TermVocabulary.InlineIDs.bits([1_048_575]) == nil)
    }

    @Test("a surface of one or two ids that may name a sector says so in bit 62; one of three ids that may is not inline")
    func namesSector() {
        for ids: [Int32] in [[-1], [5], [1_048_574, 9]] {
            let marked = TermVocabulary.InlineIDs.bits(ids, leads: true, namesSector: true)!
            let plain = TermVocabulary.InlineIDs.bits(ids)!
            #expect(TermVocabulary.InlineIDs.namesSector(marked) == 1 && TermVocabulary.InlineIDs.namesSector(plain) == 0)
            #expect(TermVocabulary.InlineIDs.leads(marked) == 1)
            var read: [Int32] = []
            TermVocabulary.InlineIDs.append(marked, to: &read)
            #expect(read == ids)
        }
        #expect(TermVocabulary.InlineIDs.bits([1, 2, 3], namesSector: true) == nil)
        #expect(TermVocabulary.InlineIDs.namesSector(TermVocabulary.InlineIDs.bits([1, 2, 3])!) == 0)
    }
}

@Suite("Nearness of a parent topic's evidence to its children's")
struct ChildEvidenceTests {
    /// The bisection answers as the definition does: some child span within `sameAspectDistance` by `gap`.
    @Test func agreesWithTheDefinitionOnEveryCase() {
        var generator = SplitMix(seed: 20261122)  // seeded: a failure can be replayed
        for _ in 0..<500 {
            let children = (0..<Int.random(in: 1...12, using: &generator)).map { _ -> Range<Int> in
                let start = Int.random(in: 0..<60, using: &generator)
                return start..<start + Int.random(in: 1...6, using: &generator)
            }
            let near = TopicMatcher.ChildEvidence(children)
            for start in 0..<66 {
                for length in 1...5 {
                    let range = start..<start + length
                    let expected = children.contains { TopicMatcher.gap(range, $0) <= TopicMatcher.sameAspectDistance }
                    #expect(near.isNear(range, within: TopicMatcher.sameAspectDistance) == expected, "\(range) \(children)")
                }
            }
        }
    }
}

@Suite("Sector packs stored inline")
struct InlinePacksTests {
    @Test("masks below 2^31 round-trip with the lowest bit set; larger ones do not fit")
    func roundTrip() {
        for (mask, distinctive): (UInt64, UInt64) in [(0, 0), (1, 0), (0b101_0110, 0b100), ((1 << 31) - 1, (1 << 31) - 1)] {
            let bits = TopicAnalyzer.InlinePacks.bits(mask, distinctive)
            #expect(bits != nil && bits! & 1 == 1)
            let read = TopicAnalyzer.InlinePacks.packs(bits!)
            #expect(read.mask == mask && read.distinctive == distinctive)
        }
        #expect(TopicAnalyzer.InlinePacks.bits(1 << 31, 0) == nil)
        #expect(TopicAnalyzer.InlinePacks.bits(0, 1 << 31) == nil)
    }
}

@Suite("Word shapes")
struct WordShapesTests {
    @Test("hold exactly their words' first bytes and lengths; every contrast cut's words have the cut shapes")
    func members() {
        let words = ["a", "pero", "sin", "así", ";", "\u{FF}x"]
        let shapes = AspectSentiment.Shapes(words)
        for byte in UInt8.min...UInt8.max {
            for count in 0..<70 {
                let expected = words.contains { $0.utf8.first == byte && $0.utf8.count == count }
                #expect(shapes.contains(first: byte, count: count) == expected)
            }
        }
        for cut in AspectSentiment.cuts.strings {
            let parts = cut.split(separator: " ").map(String.init)
            #expect(AspectSentiment.cutFirstShapes.contains(first: parts[0].utf8.first!, count: parts[0].utf8.count))
            if parts.count > 1 { #expect(AspectSentiment.cutSecondShapes.contains(first: parts[1].utf8.first!, count: parts[1].utf8.count)) }
        }
    }
}
