import Foundation
import Testing
import EscuchaTestSupport
import EscuchaCore
@testable import EscuchaIngest

@Suite("Malformed input")
struct MalformedInputTests {
    static let result = ingest([corpus("malformed")])

    /// For each file: the reject reasons with the line they point at, in order, and the accepted count.
    @Test("each bad file gives exactly the expected rejects and keeps its good records", arguments: [
        ("empty.csv", [RejectReason.emptyFile], [nil], 0),
        ("whitespace-only.jsonl", [.emptyFile], [nil], 0),
        ("image-named.csv", [.binaryFile], [nil], 0),
        ("binary-blob.json", [.binaryFile], [nil], 0),
        ("scalar-root.json", [.unknownFormat], [1], 0),
        ("no-text-column.csv", [.csvNoTextColumn], [1], 0),
        ("not-a-forum.html", [.noPosts], [nil], 0),
        ("truncated-array.json", [.truncatedJSON], [12], 2),
        ("truncated-x-export.json", [.truncatedJSON], [9], 1),
        ("unbalanced-quote.csv", [.csvUnbalancedQuote], [3], 4),
        ("unterminated-quote-at-end.csv", [.csvUnbalancedQuote], [3], 1),
        ("field-count.csv", [.csvFieldCount, .csvFieldCount], [3, 4], 3),
        ("one-bad-byte.csv", [.invalidUTF8], [4], 3),
        ("bad-ratings.jsonl", [.invalidRating, .invalidRating, .invalidRating, .invalidRating], [1, 2, 3, 5], 3),
        ("bad-scores.csv", [.invalidScore, .invalidScore, .invalidScore, .invalidScore, .invalidScore, .invalidScore, .emptyRecord],
         [3, 4, 5, 6, 7, 8, 9], 3),
        ("broken-lines.jsonl", [.truncatedJSON, .unexpectedJSONShape, .invalidJSON, .invalidJSON, .emptyRecord, .invalidJSON,
                                .unexpectedJSONShape, .invalidUTF8], [2, 4, 5, 7, 9, 11, 12, 13], 4),
    ])
    func file(name: String, reasons: [RejectReason], lines: [Int?], accepted: Int) throws {
        let rejects = Self.result.rejects(name)
        #expect(rejects.map(\.reason) == reasons)
        #expect(rejects.map(\.location.line) == lines)
        #expect(Self.result.documents(name).count == accepted)
        let report = try #require(Self.result.report(name))
        #expect(report.reconciles)
        #expect(report.rejected == reasons.count)
        #expect(rejects.allSatisfy { !$0.message.isEmpty })
    }

    @Test("a stray quote does not swallow the rows after it")
    func strayQuote() {
        let texts = Self.result.documents("unbalanced-quote.csv").map(\.text)
        #expect(texts == ["Muy contenta con la compra", "Llegó rápido", "Mala atención; tardaron \"una eternidad\"", "Normalito"])
        #expect(Self.result.rejects("unbalanced-quote.csv").first?.snippet == "2;03/03/2024;1;\"Me cobraron dos veces y no devuelven")
    }

    @Test("rejects carry the raw snippet and byte offset")
    func snippets() throws {
        let reject = try #require(Self.result.rejects("broken-lines.jsonl").first)
        #expect(reject.snippet == #"{"id":"bad-1","text":"falta la llave de cierre""#)
        #expect(reject.location.byteOffset == 131)
        #expect(Self.result.rejects("binary-blob.json").first?.message.contains("binary") == true)
        #expect(Self.result.rejects("image-named.csv").first?.message == "this is a PNG image, not a text export")
    }

    @Test("lone surrogates in JSON escapes become U+FFFD and are flagged")
    func surrogates() throws {
        let document = try #require(Self.result.documents("broken-lines.jsonl").first(where: { $0.text.hasPrefix("surrogate") }))
        #expect(document.text == "surrogate suelto \u{FFFD} reemplazado")
        #expect(document.flags.contains(.replacementCharacters))
    }

    @Test("ratings and scores: valid forms accepted, never clamped")
    func validForms() {
        #expect(Self.result.documents("bad-ratings.jsonl").map(\.rating) == [4.5, 4, nil])
        #expect(Self.result.documents("bad-scores.csv").map(\.scores) == [
            SurveyScores(nps: 10, ces: 2, csat: 5), SurveyScores(nps: 3), SurveyScores(nps: 9, ces: 1, csat: 4),
        ])
    }
}

@Suite("Encodings")
struct EncodingCorpusTests {
    static let result = ingest([corpus("encodings")])
    static let expectedTexts = [
        "¡Atención de diez! El envío llegó en 24 h, gracias a Begoña.",
        "Pésimo: me cobraron 49,90 € de más y nadie responde “ya lo miramos”…",
        "Bien, aunque la app falla — a veces.",
    ]

    @Test("every encoding reads back to the same Spanish text", arguments: [
        ("windows-1252.csv", "windows-1252"), ("utf8-bom-crlf.csv", "UTF-8"), ("excel-unicode-utf16le.tsv", "UTF-16LE"),
        ("utf16be-bom.csv", "UTF-16BE"), ("mojibake.csv", "UTF-8"),
    ])
    func csv(file: String, encoding: String) throws {
        let documents = Self.result.documents(file)
        #expect(documents.map(\.text) == Self.expectedTexts)
        #expect(documents.map(\.rating) == [5, 1, 4])
        #expect(Self.result.report(file)?.encoding == encoding)
        #expect(documents.first?.timestamp?.iso8601 == "2024-03-21T00:00:00+01:00")
    }

    @Test("mojibake is repaired and flagged; clean files are not flagged")
    func mojibakeFlag() {
        #expect(Self.result.documents("mojibake.csv").allSatisfy { $0.flags.contains(.mojibakeRepaired) })
        #expect(Self.result.documents("utf8-bom-crlf.csv").allSatisfy { $0.flags.isEmpty })
        #expect(Self.result.documents("windows-1252.csv").allSatisfy { $0.flags == [.transcoded] })
    }

    @Test("HTML: valid UTF-8 wins over a lying meta tag; a Latin-1 meta tag means Windows-1252")
    func html() {
        #expect(Self.result.documents("meta-lies-utf8.html").map(\.text)
                == ["La atención fue estupenda, ¡gracias! Precio: 30 €.", "Tardaron muchísimo en contestar… no repetiré."])
        #expect(Self.result.documents("latin1-declared.html").first?.text == "“La atención fue estupenda, ¡gracias!” Precio: 30 €.")
        #expect(Self.result.report("latin1-declared.html")?.encoding == "windows-1252")
    }
}

@Suite("Nothing is lost")
struct ReconciliationTests {
    @Test("read = accepted + rejected on every file under corpora/, and in total")
    func everyFile() {
        let result = ingest([corpus("")])
        #expect(result.reports.count >= 38)
        for report in result.reports {
            #expect(report.reconciles, "\(report.path): \(report.read) ≠ \(report.accepted) + \(report.rejected)")
            if !report.isCustomerProfiles { #expect(report.read > 0, "\(report.path) read nothing") }
        }
        let read = result.reports.reduce(0) { $0 + $1.read }
        #expect(read == result.documents.count + result.rejects.count)
    }

    @Test("output is the same in the same order whatever the number of workers")
    func deterministic() {
        let one = ingest([corpus("demo")], workers: 1)
        let four = ingest([corpus("demo")], workers: 4)
        #expect(one.documents == four.documents)
        #expect(one.rejects == four.rejects)
    }
}

@Suite("Mutated corpora")
struct MutatedCorporaTests {
    /// Every demo, malformed and encoding file, damaged four ways (bytes flipped, cut short, quotes and
    /// brackets inserted, chunks shuffled): ingest must not crash, must reconcile every file, and must
    /// give the same output whatever the number of workers.
    @Test("damaged copies of every corpus file are read without a crash and reconcile")
    func damaged() throws {
        let folder = TemporaryFolder()
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
        let files = InputWalker.expand([corpus("")]).files
        var written = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), !data.isEmpty else { continue }
            let name = (file as NSString).lastPathComponent
            for mode in 0..<4 {
                var bytes = Array(data)
                switch mode {
                case 0: for _ in 0..<max(1, bytes.count / 200) { bytes[random(bytes.count)] = UInt8(random(256)) }
                case 1: bytes = Array(bytes.prefix(random(bytes.count)))
                case 2:
                    let inserts: [[UInt8]] = [Array("\"".utf8), [0x0A], Array("{".utf8), Array("[".utf8),
                                              Array("<div class=\"post\">".utf8), [0xFF, 0xFE], [0x00]]
                    for _ in 0..<max(1, bytes.count / 300) { bytes.insert(contentsOf: inserts[random(inserts.count)], at: random(bytes.count + 1)) }
                default:
                    var chunks = stride(from: 0, to: bytes.count, by: 97).map { Array(bytes[$0..<min($0 + 97, bytes.count)]) }
                    for index in chunks.indices.reversed() { chunks.swapAt(index, random(index + 1)) }
                    bytes = chunks.flatMap { $0 }
                }
                folder.write("\(mode)-\(name)", bytes)
                written += 1
            }
        }
        #expect(written > 100)
        let one = ingest([folder.path], workers: 1)
        let four = ingest([folder.path], workers: 4)
        for report in one.reports { #expect(report.reconciles, "\(report.path)") }
        #expect(one.documents == four.documents)
        #expect(one.rejects == four.rejects)
        #expect(one.rejects.count > 100)
    }
}
