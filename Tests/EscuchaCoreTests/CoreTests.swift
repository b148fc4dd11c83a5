import Testing
@testable import EscuchaCore

@Suite("Timestamp")
struct TimestampTests {
    @Test("civil dates round-trip through days since the epoch")
    func civilRoundTrip() {
        for (year, month, day, days) in [(1970, 1, 1, 0), (2000, 2, 29, 11016), (2024, 3, 21, 19803), (1969, 12, 31, -1)] {
            #expect(CivilDate.daysFromCivil(year: year, month: month, day: day) == Int64(days))
            let back = CivilDate.civilFromDays(Int64(days))
            #expect(back.year == year && back.month == month && back.day == day)
        }
    }

    @Test("ISO 8601 keeps the offset the time was written in")
    func iso8601() {
        #expect(Timestamp(year: 2024, month: 3, day: 21, hour: 14, minute: 5, utcOffsetSeconds: 3600)?.iso8601 == "2024-03-21T14:05:00+01:00")
        #expect(Timestamp(year: 2024, month: 3, day: 21, hour: 14, minute: 5)?.iso8601 == "2024-03-21T14:05:00Z")
        #expect(Timestamp(year: 2024, month: 1, day: 2, hour: 3, utcOffsetSeconds: -16200)?.iso8601 == "2024-01-02T03:00:00-04:30")
        let madrid = Timestamp(year: 2024, month: 3, day: 21, hour: 14, minute: 5, utcOffsetSeconds: 3600)!
        #expect(madrid.secondsSinceEpoch == 1_711_026_300)
    }

    @Test("impossible dates are nil, not rolled over")
    func impossibleDates() {
        #expect(Timestamp(year: 2023, month: 2, day: 29) == nil)
        #expect(Timestamp(year: 2024, month: 13, day: 1) == nil)
        #expect(Timestamp(year: 2024, month: 4, day: 31) == nil)
        #expect(Timestamp(year: 2024, month: 2, day: 29) != nil)
    }
}

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("numbers are written digit by digit exactly as Swift prints them: integers, thousandths, and any other double")
    func numbers() {
        func written(_ write: (inout JSONWriter) -> Void) -> String {
            var writer = JSONWriter()
            write(&writer)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        for value in [0, 7, -7, 10, -1_000_000, Int.max, Int.min + 1, Int.min] { #expect(written { $0.int(value) } == String(value)) }
        // Each length of digits at its edges (a power of ten and the number before it).
        var power = 1
        for _ in 0...18 {
            for value in [power - 1, power, -power, -(power - 1), power + 1] { #expect(written { $0.int(value) } == String(value)) }
            if power <= Int.max / 10 { power *= 10 }
        }
        // Every thousandth from -2000 to 2000, and some far out: what `String(value)` gives (without `.0`).
        var mismatches: [Double] = []
        for thousandths in stride(from: -2_000_000, through: 2_000_000, by: 1) {
            let value = Double(thousandths) / 1000
            let expected = value == value.rounded() ? String(Int64(value)) : String(value)
            if written({ $0.double(value) }) != expected { mismatches.append(value) }
        }
        for value in [123_456_789.123, -987_654_321.5, 0.001, -0.001, 0.1 + 0.2, 1.0 / 3, 2.4375, 1e-7, 6.02e23, -0.0] {
            let expected = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            if written({ $0.double(value) }) != expected { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty)
    }

    @Test("the thousandths fast path writes what the general path writes: ties, signs, the limit, near misses")
    func thousandthsFastPath() {
        // The general path as it was before the fast path: libm's rounding, then `String(value)`.
        func reference(_ value: Double) -> String {
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            if abs(value) < 1e9 {
                let scaled = (value * 1000).rounded()
                if scaled / 1000 == value {
                    let text = String(scaled / 1000)
                    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
                }
            }
            return String(value)
        }
        func written(_ value: Double) -> (String, String) {
            var writer = JSONWriter()
            writer.double(value)
            var run = JSONWriter()
            run.appendRun(reserving: JSONWriter.Run.numberRoom) { $0.double(value) }
            return (String(decoding: writer.bytes, as: UTF8.self), String(decoding: run.bytes, as: UTF8.self))
        }
        var values: [Double] = [0, -0.0, 0.0005, -0.0005, 0.0015, 1.0005, -2.4995, 2.5e-4, 0.1 + 0.2, 2.0000000001, -1.95, 1.5 * 1.3,
                                999_999_999.999, -999_999_999.999, 999_999_999.9995, 1e9, -1e9, 1e9 + 0.5, 1e12, 1e15, 1e15 + 1, 9.5e-4,
                                .nan, .infinity, -.infinity, .ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            values.append(Double.random(in: -10...10, using: &random))
            values.append((Double.random(in: -5000...5000, using: &random) * 1000).rounded() / 1000 + Double.random(in: -1e-12...1e-12, using: &random))
        }
        let mismatches = values.filter { value in
            let (plain, run) = written(value)
            return plain != reference(value) || run != reference(value)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("a number rounded to thousandths is written as its rounding would be, past 10^9 (the call of its own) too")
    func roundedToThousandths() {
        let values: [Double] = [0, -0.0, 0.0005, -2.4995, 1.23456, 999_999_999.9994, 999_999_999.9996, 1e9, -1e9, 1e9 + 0.1234,
                                -3.3e11 - 0.0007, 1e15 + 1, 1e20, .nan, .infinity, -.infinity, .greatestFiniteMagnitude]
        for value in values {
            var rounded = JSONWriter()
            rounded.appendRun(reserving: JSONWriter.Run.numberRoom) { $0.double(roundedToThousandths: value) }
            var plain = JSONWriter()
            plain.double((value * 1000).rounded() / 1000)
            #expect(rounded.bytes == plain.bytes, "\(value)")
        }
    }

    @Test("the number table (`JSONWriter.numberWords`) writes each integer and thousandth as the general paths do, and numbers written one after another in a run keep each other's bytes")
    func numberTable() {
        var mismatches: [String] = []
        for number in -20...10_020 {
            var plain = JSONWriter()
            plain.int(number)
            var run = JSONWriter()
            run.appendRun(reserving: JSONWriter.Run.numberRoom) { $0.int(number) }
            if run.bytes != plain.bytes { mismatches.append("int \(number)") }
            for value in [Double(number) / 1000, -Double(number) / 1000] {
                var plain = JSONWriter()
                plain.double((value * 1000).rounded() / 1000)
                var rounded = JSONWriter()
                rounded.appendRun(reserving: JSONWriter.Run.numberRoom) { $0.double(roundedToThousandths: value) }
                var exact = JSONWriter()
                exact.appendRun(reserving: JSONWriter.Run.numberRoom) { $0.double(value) }
                if rounded.bytes != plain.bytes || exact.bytes != plain.bytes { mismatches.append("double \(value)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Each number stores a whole word past its last byte; what follows must overwrite it, and the run ends where
        // its last number does.
        var writer = JSONWriter()
        writer.appendRun(reserving: 8 * JSONWriter.Run.numberRoom) { run in
            run.byte(UInt8(ascii: "["))
            run.int(7)
            run.byte(UInt8(ascii: ","))
            run.double(roundedToThousandths: -0.5)
            run.byte(UInt8(ascii: ","))
            run.int(1234)
            run.byte(UInt8(ascii: ","))
            run.double(9.999)
            run.byte(UInt8(ascii: ","))
            run.int(10_000)
            run.byte(UInt8(ascii: ","))
            run.double(roundedToThousandths: 12.25)
            run.byte(UInt8(ascii: "]"))
            run.int(0)
        }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[7,-0.5,1234,9.999,10000,12.25]0")
    }

    @Test("strings read eight bytes at a time escape exactly what a byte-by-byte reading escapes, at any position")
    func escapingWordAtATime() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pieces = ["a", "Z", "é", "ñ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "“", "”", "…", "€", "\u{2028}",
                      "\u{2029}", "\u{2027}", " ", "😀", "~"]
        var random = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for length in 0..<40 {
            for _ in 0..<200 {
                let text = (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
                var writer = JSONWriter()
                writer.string(text)
                var run = JSONWriter()
                run.appendRun(reserving: JSONWriter.Run.room(for: text)) { $0.string(text) }
                let expected = reference(text)
                if String(decoding: writer.bytes, as: UTF8.self) != expected || String(decoding: run.bytes, as: UTF8.self) != expected {
                    mismatches.append(text)
                }
            }
        }
        // A text long enough to be measured for its room rather than given six bytes a byte.
        let long = (0..<3000).map { _ in pieces.randomElement(using: &random)! }.joined()
        var run = JSONWriter()
        run.appendRun(reserving: JSONWriter.Run.room(for: long)) { $0.string(long) }
        if String(decoding: run.bytes, as: UTF8.self) != reference(long) { mismatches.append(long) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test("escapes what JSON and JavaScript consumers need, keeps the rest as UTF-8")
    func escaping() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("text", "dijo \"hola\"\n\tañadió \\ y\u{2028}fin\u{01}")
        writer.member("rating", 4.5)
        writer.member("stars", 4.0)
        writer.member("absent", nil as String?)
        writer.key("list")
        writer.beginArray()
        writer.int(1)
        writer.bool(false)
        writer.null()
        writer.endArray()
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #"{"text":"dijo \"hola\"\n\tañadió \\ y\u2028fin\u0001","rating":4.5,"stars":4,"list":[1,false,null]}"#)
    }
}

@Suite("PersonalDataMasker")
struct MaskerTests {
    let masker = PersonalDataMasker()

    @Test("masks emails and phone-like digit runs, keeps dates, amounts and short numbers")
    func text() {
        #expect(masker.mask(text: "Escribidme a Lucia.Fer+vip@outlook.es o al +34 612 345 678, gracias")
            == "Escribidme a [EMAIL] o al [PHONE], gracias")
        #expect(masker.mask(text: "El 21/03/2024 pagué 1.234,56 € por 3 meses") == "El 21/03/2024 pagué 1.234,56 € por 3 meses")
        #expect(masker.mask(text: "Mi número es (55) 1234-5678.") == "Mi número es [PHONE].")
        #expect(masker.mask(text: "Tarjeta 4111 1111 1111 1111 bloqueada") == "Tarjeta [PHONE] bloqueada")
        #expect(masker.mask(text: "pedido A123456789B y usuario@dominio") == "pedido A123456789B y usuario@dominio")
    }

    @Test("masks the author's identifiers but not their name or public handle")
    func author() {
        let document = Document(
            id: DocumentID("x/1"), kind: .review, channel: "x",
            author: Author(name: "Lucía", handle: "luciafern", email: "l@x.es", phone: "600000000",
                           customerID: CustomerID("C-10001"), platformID: "99"),
            text: "ok", location: SourceLocation(file: "f", record: 0))
        let masked = masker.mask(document)
        #expect(masked.author == Author(name: "Lucía", handle: "luciafern", email: "[EMAIL]", phone: "[PHONE]",
                                        customerID: CustomerID("[ID]"), platformID: "[ID]"))
    }
}

@Suite("DocumentID")
struct DocumentIDTests {
    @Test("content ids are stable across runs and distinguish position")
    func contentHash() {
        let first = DocumentID.fromContent(channel: "reviews:x", source: "a.csv", position: 0, text: "hola")
        #expect(first.rawValue == DocumentID.fromContent(channel: "reviews:x", source: "a.csv", position: 0, text: "hola").rawValue)
        #expect(first != DocumentID.fromContent(channel: "reviews:x", source: "a.csv", position: 1, text: "hola"))
        var hash = ContentHash()
        hash.combine("")
        #expect(hash.hexDigest.count == 16)
        var known = ContentHash()
        known.combine(Array("a".utf8))
        // FNV-1a of "a" is af63dc4c8601ec8c; then the 0xff separator step.
        let expected: UInt64 = (0xaf63_dc4c_8601_ec8c ^ 0xff) &* 0x0000_0100_0000_01b3
        #expect(known.value == expected)
    }
}

@Suite("IdentityTable")
struct IdentityTableTests {
    final class Box {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test("a table that does not clear itself keeps every value past its limit until its owner clears it")
    func clearsOnlyWhenAsked() {
        let keys = (0..<40).map { Box($0) }
        let table = IdentityTable<Box, Box>(capacityPowerOfTwo: 4, clearsWhenFull: false)  // limit 8
        var made = 0
        for key in keys { _ = table.value(for: key) { made += 1; return Box(key.value * 10) } }
        #expect(made == 40)
        // All 40 are still there: asking again makes nothing new.
        for key in keys { #expect(table.value(for: key) { made += 1; return Box(-1) }.value == key.value * 10) }
        #expect(made == 40)
        table.clearIfFull()
        _ = table.value(for: keys[0]) { made += 1; return Box(0) }
        #expect(made == 41)

        // One that clears itself starts over at its limit.
        let clearing = IdentityTable<Box, Box>(capacityPowerOfTwo: 4)
        var madeAgain = 0
        for key in keys.prefix(9) { _ = clearing.value(for: key) { madeAgain += 1; return Box(0) } }
        _ = clearing.value(for: keys[0]) { madeAgain += 1; return Box(0) }
        #expect(madeAgain == 10)
    }
}
