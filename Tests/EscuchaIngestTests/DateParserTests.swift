import Testing
import EscuchaCore
@testable import EscuchaIngest

@Suite("Export dates")
struct DateParserTests {
    let madrid = ExportDateParser(reference: Timestamp(year: 2024, month: 6, day: 28, hour: 12)!, zone: TimeZoneRule("Europe/Madrid")!)
    let utc = ExportDateParser(reference: Timestamp(year: 2024, month: 6, day: 28, hour: 12)!)

    @Test("ISO 8601 in its export variants", arguments: [
        ("2024-03-21T14:05:00+01:00", "2024-03-21T14:05:00+01:00"),
        ("2024-03-21T13:05:00Z", "2024-03-21T13:05:00Z"),
        ("2024-03-21T14:05:00.000Z", "2024-03-21T14:05:00Z"),
        ("2024-03-21T14:05:00+0000", "2024-03-21T14:05:00Z"),
        ("2024-03-04T22:18:00-0300", "2024-03-04T22:18:00-03:00"),
        ("2024-05-02 09:30", "2024-05-02T09:30:00Z"),
        ("2024-05-02", "2024-05-02T00:00:00Z"),
    ])
    func iso(raw: String, expected: String) {
        #expect(utc.parse(raw)?.iso8601 == expected)
    }

    @Test("day-first numeric dates take the zone's offset, summer time included", arguments: [
        ("21/03/2024 14:05", "2024-03-21T14:05:00+01:00"),
        ("02/04/2024, 19:32", "2024-04-02T19:32:00+02:00"),
        ("21-03-24", "2024-03-21T00:00:00+01:00"),
        ("21.03.2024 14:05:33", "2024-03-21T14:05:33+01:00"),
        ("03/21/2024", "2024-03-21T00:00:00+01:00"),
    ])
    func numeric(raw: String, expected: String) {
        #expect(madrid.parse(raw)?.iso8601 == expected)
    }

    @Test("month names, Spanish and English", arguments: [
        ("3 mar. 2024", "2024-03-03T00:00:00Z"),
        ("15 de abril de 2024", "2024-04-15T00:00:00Z"),
        ("Jue 21 Mar, 2024 14:05", "2024-03-21T14:05:00Z"),
        ("Mar 09 Ene, 2024 10:05", "2024-01-09T10:05:00Z"),
        ("21 de marzo de 2024,  2:05pm", "2024-03-21T14:05:00Z"),
        ("6 de mayo de 2024, 12:14 a. m.", "2024-05-06T00:14:00Z"),
        ("Mar 21, 2024", "2024-03-21T00:00:00Z"),
        ("1 sept. 2024", "2024-09-01T00:00:00Z"),
        ("Wed Oct 10 20:19:24 +0000 2018", "2018-10-10T20:19:24Z"),
    ])
    func named(raw: String, expected: String) {
        #expect(utc.parse(raw)?.iso8601 == expected)
    }

    @Test("relative dates count back from the reference time", arguments: [
        ("hace 2 días", "2024-06-26T12:00:00Z"),
        ("hace 3 h", "2024-06-28T09:00:00Z"),
        ("hace una semana", "2024-06-21T12:00:00Z"),
        ("hace 5 min", "2024-06-28T11:55:00Z"),
        ("ayer", "2024-06-27T00:00:00Z"),
        ("Ayer, 21:40", "2024-06-27T21:40:00Z"),
        ("Hoy, 09:15", "2024-06-28T09:15:00Z"),
        ("anteayer", "2024-06-26T00:00:00Z"),
        ("2 days ago", "2024-06-26T12:00:00Z"),
    ])
    func relative(raw: String, expected: String) {
        #expect(utc.parse(raw)?.iso8601 == expected)
    }

    @Test("epochs and things that are not dates")
    func others() {
        #expect(utc.parse("1711029900")?.iso8601 == "2024-03-21T14:05:00Z")
        #expect(utc.parse("1711029900000")?.iso8601 == "2024-03-21T14:05:00Z")
        #expect(utc.parse("31/02/2024") == nil)
        #expect(utc.parse("pronto") == nil)
        #expect(utc.parse("") == nil)
    }

    @Test("month-first exports")
    func monthFirst() {
        let us = ExportDateParser(reference: Timestamp(secondsSinceEpoch: 0), dayFirst: false)
        #expect(us.parse("03/04/2024")?.iso8601 == "2024-03-04T00:00:00Z")
        #expect(utc.parse("03/04/2024")?.iso8601 == "2024-04-03T00:00:00Z")
    }
}
