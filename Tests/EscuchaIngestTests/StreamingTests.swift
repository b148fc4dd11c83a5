import Foundation
import Testing
import EscuchaTestSupport
import EscuchaCore
@testable import EscuchaIngest

/// Files larger than the 1 MiB read chunk, so that records, quoted fields, strings and multi-byte
/// characters are cut at chunk boundaries.
@Suite("Streaming across chunks")
struct StreamingTests {
    func options(maximumRecordBytes: Int = 8 << 20) -> IngestOptions {
        IngestOptions(dates: ExportDateParser(reference: demoReference), maximumRecordBytes: maximumRecordBytes)
    }

    @Test("a 3 MB CSV with quoted line breaks: every row, every text intact")
    func largeCSV() {
        let folder = TemporaryFolder()
        var text = "id;valoración;comentario\r\n"
        for index in 0..<20_000 {
            let comment = index % 3 == 0 ? "\"Línea uno; con \"\"comillas\"\"\nlínea dos nº \(index) ñ€\"" : "Sin comillas nº \(index) – bien"
            text += "\(index);\(index % 5 + 1);\(comment)\r\n"
        }
        let file = folder.write("grande.csv", text)
        let result = ingest([file], options: options())
        #expect(result.documents.count == 20_000)
        #expect(result.rejects.isEmpty)
        #expect(result.documents[9_999].text == "Línea uno; con \"comillas\"\nlínea dos nº 9999 ñ€")
        #expect(result.documents[10_000].text == "Sin comillas nº 10000 – bien")
        #expect(result.documents[19_999].location.line == 1 + 19_999 + 6_667 + 1)
        #expect(result.documents.map(\.location.record) == Array(0..<20_000))
    }

    @Test("a 4 MB JSON array whose strings hold brackets and escaped quotes")
    func largeJSONArray() {
        let folder = TemporaryFolder()
        var text = "[\n"
        for index in 0..<25_000 {
            text += (index == 0 ? "" : ",\n") + #"{"id": "r\#(index)", "rating": \#(index % 5 + 1), "texto": "dijo \"[no]\" y {nada} \\ \#(index) 😀"}"#
        }
        text += "\n]\n"
        let result = ingest([folder.write("grande.json", text)], options: options())
        #expect(result.documents.count == 25_000)
        #expect(result.rejects.isEmpty)
        #expect(result.documents[24_999].text == "dijo \"[no]\" y {nada} \\ 24999 😀")
        #expect(result.documents[24_999].location.path == "/24999")
        #expect(result.documents[24_999].location.line == 25_001)
    }

    @Test("a 3 MB Windows-1252 file and a UTF-16 file decode identically across chunks")
    func legacyEncodings() throws {
        let folder = TemporaryFolder()
        var text = "id,rating,text\n"
        for index in 0..<30_000 { text += "\(index),4,“Atención” nº \(index): € ñ ü …\n" }
        let cp1252 = text.unicodeScalars.map { scalar -> UInt8 in
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
            return UInt8(0x80 + Windows1252Table.high.firstIndex(of: scalar.value)!)
        }
        let utf16: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let latin = ingest([folder.write("latin.csv", cp1252)], options: options())
        let wide = ingest([folder.write("wide.csv", utf16)], options: options())
        #expect(latin.documents.count == 30_000)
        #expect(wide.documents.count == 30_000)
        #expect(latin.report("latin.csv")?.encoding == "windows-1252")
        #expect(wide.report("wide.csv")?.encoding == "UTF-16LE")
        #expect(latin.documents.map(\.text) == wide.documents.map(\.text))
        #expect(latin.documents[29_999].text == "“Atención” nº 29999: € ñ ü …")
    }

    @Test("an oversized line is rejected without being held, its neighbours kept")
    func oversizedLine() {
        let folder = TemporaryFolder()
        let huge = #"{"id":"big","text":""# + String(repeating: "a", count: 3 << 20) + #""}"#
        let text = #"{"id":"1","text":"antes"}"# + "\n" + huge + "\n" + #"{"id":"2","text":"después"}"# + "\n"
        let result = ingest([folder.write("lineas.jsonl", text)], options: options(maximumRecordBytes: 1 << 20))
        #expect(result.documents.map(\.text) == ["antes", "después"])
        #expect(result.rejects.map(\.reason) == [.recordTooLarge])
        #expect(result.rejects.first?.location.line == 2)
        #expect(result.documents.last?.location.line == 3)
    }

    @Test("an oversized CSV row, and a quote left open over megabytes, are rejected and reading goes on")
    func oversizedCSV() {
        let folder = TemporaryFolder()
        var text = "id,text\n1,antes\n2," + String(repeating: "x", count: 2 << 20) + "\n3,en medio\n4,\"abierta y nunca cerrada\n"
        for index in 5..<60_000 { text += "\(index),fila \(index)\n" }
        let result = ingest([folder.write("filas.csv", text)], options: options(maximumRecordBytes: 1 << 20))
        #expect(result.rejects.map(\.reason) == [.recordTooLarge, .csvUnbalancedQuote])
        #expect(result.rejects.map(\.location.line) == [3, 5])
        #expect(result.documents.count == 2 + 59_995)
        #expect(result.documents.last?.text == "fila 59999")
        #expect(result.report("filas.csv")?.reconciles == true)
    }

    @Test("an oversized element inside a JSON array is skipped, the array goes on")
    func oversizedElement() {
        let folder = TemporaryFolder()
        let text = #"[{"id":"1","texto":"uno","rating":5},{"id":"2","texto":""# + String(repeating: "y", count: 3 << 20)
            + #"","rating":1},{"id":"3","texto":"tres","rating":3}]"#
        let result = ingest([folder.write("arr.json", text)], options: options(maximumRecordBytes: 1 << 20))
        #expect(result.documents.map(\.text) == ["uno", "tres"])
        #expect(result.rejects.map(\.reason) == [.recordTooLarge])
    }
}

enum Windows1252Table {
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
