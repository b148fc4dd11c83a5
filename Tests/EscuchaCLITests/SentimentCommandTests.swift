import EscuchaTestSupport
import Foundation
import Testing

@Suite("escucha score, explain and eval")
struct SentimentCommandTests {
    /// The team's gold set must stay at or above this macro-F1. Raise it as the model improves; the
    /// issue's goal is 0.85 (README, "Sentiment").
    static let goldFloor = 0.86

    @Test("ESCUCHA_LEXICONS: a language's folder or the one above it; a folder without lexicons stops, never falls back")
    func lexiconsFromTheEnvironment() throws {
        let language = try run(["score", "--lines", "--sentiment-only"], input: "muy bueno\n", environment: ["ESCUCHA_LEXICONS": "lexicons/es"])
        #expect(language.status == 0 && language.stdout.contains("\"label\":\"pos\""))
        let parent = try run(["score", "--lines", "--sentiment-only"], input: "muy bueno\n", environment: ["ESCUCHA_LEXICONS": "lexicons/"])
        #expect(parent.status == 0 && parent.stdout.contains("\"label\":\"pos\""))
        let missing = try run(["score", "--lines", "--sentiment-only"], input: "muy bueno\n", environment: ["ESCUCHA_LEXICONS": "/nonexistent/lexicons"])
        #expect(missing.status == 3)
        #expect(missing.stdout.isEmpty && missing.stderr.contains("/nonexistent/lexicons/es/vocabulary.tsv"))
    }

    @Test("score: one object per input line, in order, with the documented names")
    func scoreLines() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let input = scratch.file("texts.txt")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let texts = (0..<5000).map { $0 % 3 == 0 ? "Excelente atención, muy amables \($0)" : $0 % 3 == 1 ? "Pésimo servicio, nunca llegó \($0)" : "Llegó el martes \($0)" }
        try (texts.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(["score", "--lines", input])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 5000)
        // Two batches, scored on one thread and on several (the next batch read while the last is written): the same bytes.
        for jobs in ["1", "2", "3"] {
            #expect(try run(["score", "--lines", "--jobs", jobs, input]).stdout == result.stdout)
        }
        for (index, line) in lines.enumerated() where index % 250 == 0 || index == 4999 {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["line"] as? Int == index + 1)
            #expect(object?["text"] as? String == texts[index])
            let sentiment = object?["sentiment"] as? [String: Any]
            let expected = index % 3 == 0 ? "pos" : index % 3 == 1 ? "neg" : "neu"
            #expect(sentiment?["label"] as? String == expected)
            #expect((sentiment?["compound"] as? Double).map { (-1...1).contains($0) } == true)
        }
    }

    @Test("score: the same input gives the same output in every run (no choice hangs on a dictionary's per-process order)")
    func scoreIsDeterministic() throws {
        let gold = "\(repositoryRoot)/corpora/gold/sentiment.jsonl"
        let outputs = try (0..<3).map { _ in try run(["score", gold]).stdout }
        #expect(outputs[0].utf8.count > 100_000)
        for output in outputs.dropFirst() { #expect(output == outputs[0]) }
    }

    @Test("score: a line past --max-record-bytes is an error in its place; long lines under it, CRLF and a last line without a break are read")
    func scoreLongLines() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let input = scratch.file("long-lines.txt")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // 150 kB spans three of the reader's 64 kB chunks; 300 kB is past the limit set below.
        let spanning = Array(repeating: "el servicio excelente", count: 7_000).joined(separator: " ")
        let tooLong = String(repeating: "a", count: 300_000)
        try ("Pésimo servicio\r\n" + spanning + "\n" + tooLong + "\nMuy amables").write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(["score", "--lines", "--sentiment-only", "--no-contributions", "--max-record-bytes", "200000", input])
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 3, 4])
        #expect(objects[0]["text"] as? String == "Pésimo servicio")
        #expect((objects[1]["text"] as? String)?.utf8.count == spanning.utf8.count)
        #expect(objects[2]["error"] as? String == "the line is 300000 bytes, longer than --max-record-bytes 200000: not scored")
        #expect(objects[3]["text"] as? String == "Muy amables")
        #expect(result.stderr.contains("scored 3, not scored 1"))
    }

    @Test("score: lines across the reader's 64 kB chunks keep their text: a character cut by a chunk's end, CRLF, and invalid bytes repaired in their own line only")
    func scoreLinesAcrossChunks() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let input = scratch.file("chunks.txt")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var bytes: [UInt8] = []
        var expected: [String] = []
        func add(_ text: String, raw: [UInt8]? = nil, crlf: Bool = false) {
            bytes += raw ?? Array(text.utf8)
            bytes += crlf ? [0x0D, 0x0A] : [0x0A]
            expected.append(text)
        }
        var number = 0
        // Lines up to just before the first chunk's end, then one whose `ñ` (two bytes) is cut by it.
        while bytes.count < 65_400 { add("Atención número \(number), muy amables", crlf: number % 7 == 0); number += 1 }
        let cut = "x" + String(repeating: "a", count: 65_535 - bytes.count - 1) + "ñ y el servicio excelente"
        #expect(bytes.count + Array(cut.utf8).firstIndex(of: 0xC3)! == 65_535)
        add(cut)
        // In the second chunk a line with an invalid byte, between valid ones; then a valid third chunk.
        while bytes.count < 100_000 { add("Pésimo servicio \(number)"); number += 1 }
        add("hola \u{FFFD} mal", raw: Array("hola ".utf8) + [0xFF] + Array(" mal".utf8))
        while bytes.count < 200_000 { add("Llegó el martes \(number)", crlf: number % 5 == 0); number += 1 }
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let result = try run(["score", "--lines", "--sentiment-only", "--no-contributions", input])
        #expect(result.status == 0)
        let texts = try result.stdout.split(separator: "\n").map { try (JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["text"] as? String }
        #expect(texts.count == expected.count)
        #expect(texts == expected.map { Optional($0) })
    }

    @Test("score: documents come back whole with sentiment added; bad lines say why and keep their place")
    func scoreDocuments() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let input = scratch.file("documents.jsonl")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
        {"id":"a","text":"Me encantó, volveremos","extra":{"keep":true}}
        not json
        {"id":"b","sin_texto":1}
        {"id":"c","text":"escribidme a ana@example.com, fatal todo"}

        """.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(["score", input])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix(#"{"id":"a","text":"Me encantó, volveremos","extra":{"keep":true},"sentiment":{"compound":"#))
        #expect(lines[1] == #"{"line":2,"error":"not a JSON object (use --lines for plain text)"}"#)
        #expect(lines[2] == #"{"line":3,"error":"the document has no \"text\" member"}"#)
        #expect(result.stderr.contains("documents.jsonl:2: not a JSON object"))
        #expect(result.stderr.contains("scored 2, not scored 2"))
        let masked = try run(["score", "--mask-personal-data", "--no-contributions", input])
        #expect(masked.stdout.contains("[EMAIL]") && !masked.stdout.contains("ana@example.com"))
        #expect(!masked.stdout.contains("contributions"))
    }

    @Test("explain: the words, rules and values behind the score")
    func explain() throws {
        let result = try run(["explain", "No me gustó nada, pero el camarero fue muy amable."])
        #expect(result.status == 0)
        #expect(result.stdout.contains("sentiment: pos"))
        #expect(result.stdout.contains("negation (no)"))
        #expect(result.stdout.contains("concord (nada)"))
        #expect(result.stdout.contains("booster (muy)"))
        #expect(result.stdout.contains("contrast (pero)"))
    }

    @Test("eval: the gold set stays above its floor, and the JSON has the documented members")
    func evalGold() throws {
        let result = try run(["eval", "--format", "json", "corpora/gold/sentiment.jsonl"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["file"] as? String == "corpora/gold/sentiment.jsonl")
        #expect(object?["n"] as? Int == 900)
        let macroF1 = object?["macro_f1"] as? Double ?? 0
        #expect(macroF1 >= Self.goldFloor, "macro-F1 \(macroF1) fell below the floor \(Self.goldFloor)")
        #expect(object?["accuracy"] is Double)
        let confusion = object?["confusion"] as? [String: [String: Int]]
        #expect(confusion?.values.reduce(0) { $0 + $1.values.reduce(0, +) } == 900)
        let table = try run(["eval", "corpora/gold/sentiment.jsonl"])
        #expect(table.stdout.contains("gold \\ predicted"))
        #expect(table.stdout.contains("macro-F1"))
    }

    @Test("eval: unknown rules are usage errors; labels come from stars when missing")
    func evalInputs() throws {
        let scratch = TemporaryFolder("escucha-cli")
        #expect(try run(["eval", "--without", "nonsense", "corpora/gold/sentiment.jsonl"]).status == 2)
        let input = scratch.file("stars.jsonl")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
        {"text":"Horrible, nunca más","stars":1}
        {"text":"Excelente, lo recomiendo","stars":5}
        {"text":"sin etiqueta"}

        """.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--format", "json", input])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["n"] as? Int == 2)
        #expect(object?["skipped"] as? Int == 1)
        #expect(object?["accuracy"] as? Double == 1)
    }
}

@Suite("escucha eval on signals and topics")
struct SignalCommandTests {
    @Test("churn and legal signals on the team's gold set: precision at least 0.9, recall at least 0.8")
    func signalsGold() throws {
        let result = try run(["eval", "--format", "json", "corpora/gold/signals.jsonl"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let signals = object?["signals"] as? [String: [String: Any]]
        for signal in ["churn", "legal"] {
            let precision = signals?[signal]?["precision"] as? Double ?? 0
            let recall = signals?[signal]?["recall"] as? Double ?? 0
            #expect(precision >= 0.9, "\(signal) precision \(precision)")
            #expect(recall >= 0.8, "\(signal) recall \(recall)")
        }
    }

    @Test("explain shows topics with their own sentiment, signals and emotions")
    func explainTopics() throws {
        let result = try run(["explain", "La comida buenísima pero el servicio lentísimo. Si no lo arreglan me doy de baja."])
        #expect(result.status == 0)
        #expect(result.stdout.contains("topics:"))
        #expect(result.stdout.range(of: #"restaurant\.food\S*\s+\S.*\s+pos"#, options: .regularExpression) != nil)
        #expect(result.stdout.range(of: #"restaurant\.service\S*\s+\S.*\s+neg"#, options: .regularExpression) != nil)
        #expect(result.stdout.contains("signals: churn (me doy de baja)"))
        #expect(!result.stdout.contains("hotel."))  // one food word does not make a hotel review
    }

    @Test("--add-lexicon adds a user's lexicon in a public format, says what it added, and a bad line is exit 3 with file and line")
    func addedLexicon() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let vader = scratch.write("vader_lexicon.txt", "zorongo\t3.0\t0.5\t[3, 3, 3]\nmalo\t3.0\t0.5\t[3]\n")
        let ok = try run(["score", "--lines", "--sentiment-only", "--add-lexicon", "vader:\(vader)"], input: "Un servicio zorongo\n")
        #expect(ok.status == 0)
        #expect(ok.stdout.contains(#""term":"zorongo","list":"vader_lexicon""#))
        #expect(ok.stderr.contains("vader_lexicon.txt: added 1, kept Escucha's own rating of 1, skipped 0"))
        let bad = scratch.write("afinn.txt", "zorongo\tmuy\n")
        let failed = try run(["score", "--lines", "--add-lexicon", "afinn:\(bad)"], input: "hola\n")
        #expect(failed.status == 3)
        #expect(failed.stderr.contains("afinn.txt:1: expected term TAB score (-5 to 5)"))
    }

    @Test("a user taxonomy replaces the packs, and a bad rule is exit 3 with file, line and column")
    func userTopics() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let file = scratch.file("temas.tsv")
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "topic\tlabel\trule\nprecio\tPrecio\tprecio OR caro OR \"cobrar de más\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let ok = try run(["score", "--lines", "--topics", file, "--no-contributions"], input: "Me cobraron de más\n")
        #expect(ok.stdout.contains(#""topics":[{"topic":"precio","label":"Precio""#))
        try "topic\tlabel\trule\nprecio\tPrecio\tprecio OR\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try run(["score", "--lines", "--topics", file], input: "hola\n")
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("temas.tsv:2: rule column 10: expected a word"))
    }

    @Test("aspect mapping: a price goes to the entity named with it, a recommendation to the place; per-category metrics")
    func aspectMapping() throws {
        let scratch = TemporaryFolder("escucha-cli")
        // Sentences written for this test in SemEval's format.
        let file = scratch.file("aspectos.jsonl")
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let lines = [
            #"{"text": "La paella estaba riquísima y muy bien de precio.", "label": "pos", "aspects": [{"category": "FOOD#QUALITY", "polarity": "positive"}, {"category": "FOOD#PRICES", "polarity": "positive"}]}"#,
            #"{"text": "Precios razonables, sin sorpresas en la cuenta.", "label": "pos", "aspects": [{"category": "RESTAURANT#PRICES", "polarity": "positive"}]}"#,
            #"{"text": "Las cervezas, carísimas.", "label": "neg", "aspects": [{"category": "DRINKS#PRICES", "polarity": "negative"}]}"#,
            #"{"text": "El camarero fue encantador, lo recomiendo.", "label": "pos", "aspects": [{"category": "SERVICE#GENERAL", "polarity": "positive"}, {"category": "RESTAURANT#GENERAL", "polarity": "positive"}]}"#,
            #"{"text": "La comida fría y el servicio lento: no lo recomiendo.", "label": "neg", "aspects": [{"category": "FOOD#QUALITY", "polarity": "negative"}, {"category": "SERVICE#GENERAL", "polarity": "negative"}, {"category": "RESTAURANT#GENERAL", "polarity": "negative"}]}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try run(["eval", "--format", "json", file])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let categories = try #require(object?["aspect_categories"] as? [String: [String: Any]])
        for category in ["FOOD#PRICES", "RESTAURANT#PRICES", "DRINKS#PRICES", "RESTAURANT#GENERAL", "SERVICE#GENERAL", "FOOD#QUALITY"] {
            #expect(categories[category]?["precision"] as? Double == 1, "\(category)")
            #expect(categories[category]?["recall"] as? Double == 1, "\(category)")
            #expect(categories[category]?["polarity_accuracy"] as? Double == 1, "\(category)")
        }
        #expect(categories["RESTAURANT#GENERAL"]?["support"] as? Int == 2)
        let table = try run(["eval", file])
        #expect(table.stdout.contains("category            precision  recall     F1  support  polarity"))
    }

    @Test("aspect metrics on SemEval 2016 when the public file is present")
    func semevalAspects() throws {
        let path = "\(repositoryRoot)/../shared/eval/semeval16-es-rest-train.jsonl"
        guard FileManager.default.fileExists(atPath: path) else { return }  // public data is not in the repository
        let result = try run(["eval", "--format", "json", path])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["aspect_category_f1"] as? Double ?? 0) >= 0.70)  // the issue's targets
        #expect((object?["aspect_polarity_accuracy"] as? Double ?? 0) >= 0.84)
    }
}
