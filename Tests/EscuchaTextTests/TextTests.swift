import Testing
@testable import EscuchaText

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    @Test("accepts UTF-8, finds the first bad byte, tells truncation apart, makes strings as String(decoding:) does")
    func validation() {
        #expect(UTF8Validation.validate(Array("ñandú 😀 ok, más texto ascii largo".utf8)) == .valid)
        #expect(UTF8Validation.validate([0x61, 0x62, 0xF3, 0x6E]) == .invalid(at: 2))
        #expect(UTF8Validation.validate([0x61, 0xE2, 0x82]) == .truncated(count: 2))
        #expect(UTF8Validation.validate([0xED, 0xA0, 0x80]) == .invalid(at: 0))  // a UTF-16 surrogate
        #expect(UTF8Validation.validate([0xC0, 0xAF]) == .invalid(at: 0))  // overlong
        // A bad byte inside a run of eight, found where the run's ASCII ends.
        #expect(UTF8Validation.validate(Array("abcdefgh".utf8) + [0x61, 0x62, 0x63, 0xF3, 0x6E, 0x6F, 0x70, 0x71]) == .invalid(at: 11))
        // `string(decoding:)` makes what `String(decoding:)` makes, repairs included.
        let samples: [[UInt8]] = [[], Array("ascii only, longer than sixteen bytes".utf8), Array("ñandú 😀 ok, más".utf8),
                                  Array("abcdefghijk".utf8) + [0xF3, 0x6E], [0x61, 0xE2, 0x82], [0xED, 0xA0, 0x80, 0x61]]
        for bytes in samples {
            let made = bytes.withUnsafeBufferPointer { UTF8Validation.string(decoding: $0) }
            #expect(made == String(decoding: bytes, as: UTF8.self))
            #expect(Array(made.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
    }

    @Test("census counts multi-byte sequences and stray bytes")
    func census() {
        let bytes: [UInt8] = Array("atención ".utf8) + [0xE9] + Array(" año".utf8)
        let result = bytes.withUnsafeBufferPointer { UTF8Validation.census($0) }
        #expect(result.multiByte == 2)
        #expect(result.invalid == 1)
    }
}

@Suite("Windows-1252 and mojibake")
struct MojibakeTests {
    @Test("Windows-1252 decodes the 0x80–0x9F block to typographic characters")
    func decode() {
        #expect(Windows1252.decode([0x80, 0x20, 0x93, 0x61, 0x94, 0x85, 0xF1]) == "€ “a”…ñ")
    }

    @Test("repairs UTF-8 read as Windows-1252, once or twice over")
    func repair() {
        #expect(MojibakeRepair.repair("atenciÃ³n pÃ©sima, Â¿quÃ© pasa?") == "atención pésima, ¿qué pasa?")
        #expect(MojibakeRepair.repair("me cobraron 10 â‚¬ â€œde mÃ¡sâ€\u{9D}") == "me cobraron 10 € “de más”")
        #expect(MojibakeRepair.repair("atenciÃƒÂ³n") == "atención")
    }

    @Test("leaves correct text alone, even next to broken text")
    func unambiguous() {
        #expect(MojibakeRepair.repair("atención, año, ñandú, pingüino") == nil)
        #expect(MojibakeRepair.repair("Ã\u{BA}ltima vez y además") == "última vez y además")
        #expect(MojibakeRepair.repair("Ãrbol") == nil)  // Ã followed by ASCII is not a UTF-8 sequence
    }
}

@Suite("Encoding detection")
struct EncodingDetectorTests {
    func detect(_ bytes: [UInt8], html: Bool = false) -> EncodingDetector.Decision {
        bytes.withUnsafeBufferPointer { EncodingDetector().detect(sample: $0, isComplete: true, isHTML: html) }
    }

    @Test("byte order marks win")
    func boms() {
        #expect(detect([0xEF, 0xBB, 0xBF, 0x61]) == .init(encoding: "UTF-8", bomLength: 3, basis: "bom"))
        #expect(detect([0xFF, 0xFE, 0x61, 0x00]) == .init(encoding: "UTF-16LE", bomLength: 2, basis: "bom"))
        #expect(detect([0xFE, 0xFF, 0x00, 0x61]) == .init(encoding: "UTF-16BE", bomLength: 2, basis: "bom"))
    }

    @Test("valid UTF-8 is trusted over a meta tag that says otherwise")
    func metaLies() {
        let page = Array("<meta charset=\"iso-8859-1\"><p>Atención</p>".utf8)
        #expect(detect(page, html: true).encoding == "UTF-8")
    }

    @Test("a Latin-1 meta tag means Windows-1252, as browsers read it")
    func metaLatin1() {
        var page = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>".utf8)
        page += [0x93, 0x41, 0x74, 0x65, 0x6E, 0x63, 0x69, 0xF3, 0x6E, 0x94]
        #expect(detect(page, html: true) == .init(encoding: "windows-1252", bomLength: 0, basis: "meta"))
    }

    @Test("undeclared Spanish Latin-1 text is detected as Windows-1252")
    func undeclared() {
        let text = "La atención fue pésima, el técnico no vino y tuve que llamar cinco veces. ¿Qué hacéis con mi dinero? Ñoño."
        let decision = detect(Array(Windows1252.encode(text)))
        #expect(decision.encoding == "windows-1252")
        #expect(decision.basis == "detector" || decision.basis == "default")
    }

    @Test("WHATWG labels")
    func labels() {
        #expect(EncodingDetector.browserLabel("ISO-8859-1") == "windows-1252")
        #expect(EncodingDetector.browserLabel(" US-ASCII ") == "windows-1252")
        #expect(EncodingDetector.browserLabel("utf8") == "UTF-8")
        #expect(EncodingDetector.browserLabel("latin9") == "ISO-8859-15")
    }

    @Test("the prescan finds both meta forms")
    func prescan() {
        let first = Array("<html><head><META CHARSET='windows-1252'>".utf8)
        let second = Array(#"<meta http-equiv="content-type" content="text/html;charset=utf-8" />"#.utf8)
        #expect(first.withUnsafeBufferPointer { HTMLCharsetPrescan.declaredCharset($0) } == "windows-1252")
        #expect(second.withUnsafeBufferPointer { HTMLCharsetPrescan.declaredCharset($0) } == "utf-8")
    }
}

@Suite("ICU transcoding")
struct TranscoderTests {
    @Test("streams UTF-16LE to UTF-8 across chunk boundaries that split a character")
    func utf16Chunks() throws {
        let text = "¡Hola! 👨‍👩‍👧 señal pésima"
        let bytes = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let transcoder = try #require(Transcoder(charset: "UTF-16LE"))
        var output: [UInt8] = []
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            transcoder.convert(Array(bytes[chunk..<min(chunk + 3, bytes.count)]), into: &output, flush: false)
        }
        transcoder.convert([], into: &output, flush: true)
        #expect(String(decoding: output, as: UTF8.self) == text)
        #expect(transcoder.substitutions == 0)
    }

    @Test("Windows-1252 through ICU matches our table")
    func windows1252() throws {
        let bytes: [UInt8] = [0x80, 0x93, 0xE1, 0xF1, 0x85]
        let transcoder = try #require(Transcoder(charset: "windows-1252"))
        var output: [UInt8] = []
        transcoder.convert(bytes, into: &output, flush: true)
        #expect(String(decoding: output, as: UTF8.self) == Windows1252.decode(bytes))
    }

    @Test("an unknown charset is refused, the system ICU answers")
    func unknown() {
        #expect(Transcoder(charset: "no-such-charset-xyz") == nil)
        #expect(ICU.version.split(separator: ".").count >= 2)
    }
}

extension Windows1252 {
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { byte(for: $0.value) ?? UInt8(ascii: "?") }
    }
}
