import Foundation
import Testing
import EscuchaCore
@testable import EscuchaIngest

@Suite("Demo corpora")
struct DemoCorpusTests {
    static let demo = ingest([corpus("demo")])

    @Test("every demo file is read with the expected kind, format, encoding and counts", arguments: [
        ("forums/discourse-aerosol-equipaje.html", DocumentKind.forum, FileFormat.html, "UTF-8", 8, 8),
        ("forums/foro-generico-hotel-roto.html", .forum, .html, "UTF-8", 8, 8),
        ("forums/phpbb-fibranet-cortes.html", .forum, .html, "UTF-8", 11, 11),
        ("forums/phpbb-latin1-modaya-devoluciones.html", .forum, .html, "windows-1252", 8, 8),
        ("forums/vbulletin-electrohogar-garantia.html", .forum, .html, "windows-1252", 9, 9),
        ("forums/xenforo-bancaplus-fraude.html", .forum, .html, "UTF-8", 9, 9),
        ("reviews/app-resenas.jsonl", .review, .jsonLines, "UTF-8", 65, 65),
        ("reviews/google-reviews-latam.csv", .review, .csv, "UTF-8", 65, 65),
        ("reviews/tienda-online-es.csv", .review, .csv, "UTF-8", 85, 85),
        ("social/facebook-comentarios-bancaplus.json", .social, .json, "UTF-8", 45, 44),
        ("social/menciones-marcas.jsonl", .social, .jsonLines, "UTF-8", 222, 222),
        ("social/x-api-v2-movilnet-p2.jsonl", .social, .jsonLines, "UTF-8", 20, 20),
        ("social/x-api-v2-movilnet.json", .social, .json, "UTF-8", 100, 100),
        ("surveys/encuesta-banco-austral.csv", .survey, .csv, "UTF-8", 95, 95),
        ("surveys/nps-movilnet-2024t1.csv", .survey, .csv, "UTF-8", 125, 125),
    ])
    func files(file: String, kind: DocumentKind, format: FileFormat, encoding: String, read: Int, accepted: Int) throws {
        let report = try #require(Self.demo.report(file))
        #expect(report.kind == kind)
        #expect(report.format == format)
        #expect(report.encoding == encoding)
        #expect(report.read == read)
        #expect(report.accepted == accepted)
        #expect(report.reconciles)
    }

    @Test("the demo corpora meet the issue's sizes: 200 reviews, 300 social posts, 6 forum pages, 200 surveys")
    func sizes() {
        let byKind = Dictionary(grouping: Self.demo.documents, by: \.kind).mapValues(\.count)
        #expect(byKind[.review, default: 0] >= 200)
        #expect(byKind[.social, default: 0] >= 300)
        #expect(byKind[.survey, default: 0] >= 200)
        #expect(Set(Self.demo.documents(".html").map(\.location.file)).count >= 6)
    }

    @Test("the customer profile export is recognised and not read as feedback")
    func profiles() throws {
        let report = try #require(Self.demo.report("demo/customers.csv"))
        #expect(report.isCustomerProfiles)
        #expect(report.read == 0)
        #expect(Self.demo.documents("customers.csv").isEmpty)
    }

    @Test("a Spanish Excel review: BOM, semicolons, CRLF, quoted line breaks, day-first dates")
    func spanishExcel() throws {
        let documents = Self.demo.documents("tienda-online-es.csv")
        let first = try #require(documents.first)
        #expect(first.id.rawValue == "reviews:tienda-online-es/R-2024-00017")
        #expect(first.channel == "reviews:tienda-online-es")
        #expect(first.author == Author(name: "Fernando G.", email: "fgarcia.madrid@gmail.com"))
        #expect(first.timestamp?.iso8601 == "2024-01-09T10:12:00+01:00")
        #expect(first.title == "Publicidad engañosa en las rebajas")
        #expect(first.rating == 1)
        #expect(first.fields == [Field(name: "Producto", value: .string("ElectroHogar - Cafetera superautomática Barista Pro"))])
        #expect(first.location == SourceLocation(file: corpus("demo/reviews/tienda-online-es.csv"), line: 2, record: 0, byteOffset: 72))
        // Comments with line breaks inside quotes stay one record; line numbers keep counting physical lines.
        let multiline = documents.filter { $0.text.contains("\n") }
        #expect(multiline.count >= 6)
        for (previous, next) in zip(documents, documents.dropFirst()) {
            let breaks = (previous.text + (previous.title ?? "")).filter { $0 == "\n" }.count
            #expect(next.location.line! == previous.location.line! + 1 + breaks)
        }
    }

    @Test("X API v2: authors from includes.users, metrics as reach, tweet URL")
    func xExport() throws {
        let tweet = try #require(Self.demo.documents("x-api-v2-movilnet.json").first)
        #expect(tweet.id.rawValue == "twitter/1805927918056760629")
        #expect(tweet.author == Author(name: "José Manuel Garrido", handle: "jmgarrido", platformID: "1924137701"))
        #expect(tweet.reach == Reach(followers: 135, likes: 1, reposts: 0, replies: 1, views: 140))
        #expect(tweet.url == "https://x.com/jmgarrido/status/1805927918056760629")
        #expect(tweet.timestamp?.iso8601 == "2024-06-26T11:35:42Z")
        #expect(tweet.text.hasSuffix("Kafka trabaja en @Movilnet_ES & cía."))  // &amp; unescaped
        #expect(tweet.location.path == "/data/0")
        #expect(Self.demo.documents("x-api-v2-movilnet.json").allSatisfy { $0.author.handle != nil })
    }

    @Test("Facebook Graph comments: the sticker without text is a reject with its place")
    func facebook() throws {
        let rejects = Self.demo.rejects("facebook-comentarios-bancaplus.json")
        #expect(rejects.map(\.reason) == [.emptyRecord])
        #expect(rejects.first?.location.path == "/data/7")
        #expect(rejects.first?.location.line == 90)
        let comment = try #require(Self.demo.documents("facebook-comentarios-bancaplus.json").first)
        #expect(comment.channel == "facebook")
        #expect(comment.author.name == "Daniela Mendoza Villalobos")
        #expect(comment.reach.likes == 7)
    }

    @Test("generic social posts: handle without @, platform as channel, relative dates resolved")
    func genericSocial() throws {
        let posts = Self.demo.documents("menciones-marcas.jsonl")
        #expect(posts.allSatisfy { !($0.author.handle ?? "").hasPrefix("@") })
        #expect(Set(posts.map(\.channel)) == ["twitter", "instagram", "facebook", "tiktok", "youtube"])
        #expect(posts.allSatisfy { $0.timestamp != nil })
        let relative = posts.filter { ($0.timestampRaw ?? "").hasPrefix("hace") || $0.timestampRaw == "ayer" }
        #expect(!relative.isEmpty)
        #expect(relative.allSatisfy { $0.timestamp! <= demoReference && $0.timestamp! > Timestamp(year: 2024, month: 6, day: 1)! })
    }

    @Test("surveys: scores in range, several answers joined and kept apart")
    func surveys() throws {
        let answers = Self.demo.documents("nps-movilnet-2024t1.csv")
        let second = try #require(answers.dropFirst().first)
        #expect(second.scores == SurveyScores(nps: 3, ces: 6))
        #expect(second.author.customerID == CustomerID("C-20004"))
        #expect(second.text == "llevo 2 semanas sin linea fija y nadie viene\n\nque vengan")
        #expect(second.fields.map(\.name) == ["canal", "answers"])
        let bank = Self.demo.documents("encuesta-banco-austral.csv")
        #expect(bank.allSatisfy { $0.scores.nps != nil && $0.scores.csat != nil })
        #expect(bank.first?.timestamp?.iso8601 == "2024-01-10T00:00:00+01:00")
        #expect(Self.demo.documents(".csv").filter { $0.kind == .survey && $0.flags.contains(.noText) }.count == 7)
    }

    @Test("every demo document has a timestamp and a unique id")
    func timestampsAndIDs() {
        #expect(Self.demo.documents.filter { $0.timestamp == nil }.map(\.id) == [])
        #expect(Set(Self.demo.documents.map(\.id)).count == Self.demo.documents.count)
    }
}
