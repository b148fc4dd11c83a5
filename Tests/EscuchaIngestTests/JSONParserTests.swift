import Testing
@testable import EscuchaIngest

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("parses objects in member order and keeps number lexemes")
    func values() throws {
        let value = try parse(#"{"id": 1771234567890123456, "b": [true, null, -1.5e3], "a": "x"}"#)
        #expect(value == .object([("id", .number("1771234567890123456")),
                                  ("b", .array([.bool(true), .null, .number("-1.5e3")])), ("a", .string("x"))]))
    }

    @Test("decodes escapes, surrogate pairs, and turns lone surrogates into U+FFFD")
    func escapes() throws {
        #expect(try parse(#""a\"b\\c\/d\n\u00f1\ud83d\ude00""#) == .string("a\"b\\c/d\nñ😀"))
        #expect(try parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
        #expect(try parse(#""\udc00""#) == .string("\u{FFFD}"))
    }

    @Test("tells truncation from syntax errors, with offsets")
    func errors() {
        #expect(throws: JSONParser.Failure(kind: .truncated, offset: 9, message: "the JSON ends in the middle of a value")) {
            try parse(#"{"a": [1,"#)
        }
        #expect(performing: { try parse(#"{"a" 1}"#) }, throws: { ($0 as? JSONParser.Failure)?.kind == .syntax && ($0 as? JSONParser.Failure)?.offset == 5 })
        #expect(performing: { try parse("[1,]") }, throws: { ($0 as? JSONParser.Failure)?.kind == .syntax })
        #expect(performing: { try parse("01") }, throws: { ($0 as? JSONParser.Failure)?.kind == .syntax })
        #expect(performing: { try parse("\"tab\there\"") }, throws: { ($0 as? JSONParser.Failure)?.kind == .syntax })
        #expect(performing: { try JSONParser.parse([0x22, 0xFF, 0x22]) }, throws: { ($0 as? JSONParser.Failure)?.kind == .invalidUTF8 })
        #expect(performing: { try parse("[1] 2") }, throws: { ($0 as? JSONParser.Failure)?.kind == .syntax })
    }

    @Test("refuses nesting deep enough to threaten the stack")
    func depth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(performing: { try parse(deep) }, throws: { ($0 as? JSONParser.Failure)?.kind == .tooDeep })
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? parse(fine)) != nil)
    }
}
