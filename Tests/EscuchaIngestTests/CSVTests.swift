import Testing
@testable import EscuchaIngest

@Suite("CSV fields and dialects")
struct CSVTests {
    func split(_ text: String, _ dialect: CSVDialect = .comma) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { CSVFields.split($0, dialect: dialect) }
    }

    @Test("RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes")
    func quoting() {
        #expect(split(#"1,"Hola, ""mundo""","línea 1"# + "\nlínea 2\"") == ["1", "Hola, \"mundo\"", "línea 1\nlínea 2"])
        #expect(split("a,,c,") == ["a", "", "c", ""])
        #expect(split("a;b;\"c;d\"", .semicolon) == ["a", "b", "c;d"])
        #expect(split("solo\r") == ["solo"])
        #expect(split("") == [""])
    }

    @Test("a quote inside an unquoted field is literal, as Excel reads it")
    func literalQuotes() {
        #expect(split(#"3,me dijo "espere" y nada,5"#) == ["3", "me dijo \"espere\" y nada", "5"])
        #expect(split(#""abc"def,x"#) == ["abcdef", "x"])
    }

    @Test("the separator is sniffed from the header, outside quotes")
    func sniff() {
        #expect(CSVDialect.sniff(headerLine: Array("id;fecha;\"a,b\";texto".utf8)) == .semicolon)
        #expect(CSVDialect.sniff(headerLine: Array("id,fecha,texto".utf8)) == .comma)
        #expect(CSVDialect.sniff(headerLine: Array("id\tfecha\ttexto".utf8)) == .tab)
        #expect(CSVDialect.sniff(headerLine: Array("texto".utf8)) == .comma)
    }
}

@Suite("Column mapping")
struct ColumnMappingTests {
    @Test("Spanish and English headers find their roles")
    func headers() {
        let header = ["ID Reseña", "Fecha", "Cliente", "Email", "Producto", "Valoración", "Título", "Comentario"]
        let columns = ResolvedColumns(header: header, kind: .review, mapping: FieldMapping())
        #expect(columns.roles == [.id, .date, .authorName, .email, nil, .rating, .title, .text])
    }

    @Test("surveys: scores by keyword, every open question is a text answer, delivery channel is passed through")
    func survey() {
        let header = ["ID respuesta", "ID cliente", "Fecha", "canal", "Probabilidad de recomendar (0-10)",
                      "Satisfacción (1-5)", "¿Por qué?", "que_mejorarias", "Esfuerzo percibido"]
        let columns = ResolvedColumns(header: header, kind: .survey, mapping: FieldMapping())
        #expect(columns.roles == [.id, .customerID, .date, nil, .nps, .csat, .text, .text, .ces])
    }

    @Test("explicit mappings win and stop guessing for their role")
    func overrides() throws {
        var mapping = FieldMapping()
        try mapping.add(assignment: "text=Observaciones internas")
        try mapping.add(assignment: "rating = Nota final")
        let columns = ResolvedColumns(header: ["Comentario", "Observaciones internas", "Nota final", "Puntuación"],
                                      kind: .review, mapping: mapping)
        #expect(columns.roles == [nil, .text, .rating, nil])
        #expect(throws: MappingError.unknownRole("texto")) { try mapping.add(assignment: "texto=X") }
        #expect(throws: MappingError.malformed("text")) { try mapping.add(assignment: "text") }
    }

    @Test("mapping files are JSON objects of role to column names")
    func mappingFile() throws {
        let mapping = try FieldMapping.parse(json: Array(#"{"text": "Opinión", "rating": ["Nota", "Stars"]}"#.utf8), file: "m.json")
        #expect(mapping.overrides == [.text: ["Opinión"], .rating: ["Nota", "Stars"]])
        #expect(throws: MappingError.self) { try FieldMapping.parse(json: Array(#"{"texto": "x"}"#.utf8), file: "m.json") }
        #expect(throws: MappingError.self) { try FieldMapping.parse(json: Array("[1]".utf8), file: "m.json") }
    }

    @Test("names are normalized without accents, parentheses or punctuation")
    func normalize() {
        #expect(FieldName.normalize("NPS (0-10)") == "nps")
        #expect(FieldName.normalize("¿Por qué?") == "porque")
        #expect(FieldName.normalize("public_metrics.like_count") == "publicmetrics.likecount")
        #expect(FieldName.normalize("Valoración") == "valoracion")
    }
}

@Suite("Value parsing")
struct ValueParsingTests {
    @Test("ratings")
    func ratings() {
        #expect(ValueParsing.rating("4") == 4)
        #expect(ValueParsing.rating("4,5") == 4.5)
        #expect(ValueParsing.rating("4/5") == 4)
        #expect(ValueParsing.rating("3 estrellas") == 3)
        #expect(ValueParsing.rating("★★★★☆") == 4)
        #expect(ValueParsing.rating("8/10") == nil)
        #expect(ValueParsing.rating("cinco") == nil)
    }

    @Test("scores are whole numbers only")
    func scores() {
        #expect(ValueParsing.score("9") == .some(9))
        #expect(ValueParsing.score(" 10 ") == .some(10))
        #expect(ValueParsing.score("9.0") == .some(9))
        #expect(ValueParsing.score("") == .some(nil))
        #expect(ValueParsing.score("8,5") == nil)
        #expect(ValueParsing.score("nueve") == nil)
    }

    @Test("counts with Spanish thousands and abbreviations")
    func counts() {
        #expect(ValueParsing.count("1234") == 1234)
        #expect(ValueParsing.count("1.234") == 1234)
        #expect(ValueParsing.count("1,2K") == 1200)
        #expect(ValueParsing.count("12 mil") == 12000)
        #expect(ValueParsing.count("1.5M") == 1_500_000)
        #expect(ValueParsing.count("muchos") == nil)
    }
}
