import EscuchaTestSupport
import Foundation
import Testing
import EscuchaCore
@testable import EscuchaIngest

@Suite("Forum pages")
struct ForumTests {
    struct ExpectedPost: Decodable {
        var author: String
        var date: String
        var first_words: String
    }

    static let expected: [String: [ExpectedPost]] = {
        let data = FileManager.default.contents(atPath: "\(repositoryRoot)/Tests/EscuchaIngestTests/Fixtures/forums-expected.json")!
        return try! JSONDecoder().decode([String: [ExpectedPost]].self, from: data)
    }()

    static let result = ingest([corpus("demo/forums")])

    @Test("each page gives its posts in order, with author and first words as written",
          arguments: ["phpbb-fibranet-cortes.html", "vbulletin-electrohogar-garantia.html", "discourse-aerosol-equipaje.html",
                      "xenforo-bancaplus-fraude.html", "foro-generico-hotel-roto.html", "phpbb-latin1-modaya-devoluciones.html"])
    func page(file: String) throws {
        let posts = Self.result.documents(file)
        let expected = try #require(Self.expected[file])
        #expect(posts.count == expected.count)
        for (post, wanted) in zip(posts, expected) {
            #expect(post.author.name == wanted.author)
            #expect(post.text.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ") == wanted.first_words)
            #expect(post.timestamp != nil)
        }
    }

    @Test("quotes, signatures, scripts and navigation stay out of the bodies")
    func noQuotesOrSignatures() {
        for post in Self.result.documents {
            #expect(!post.text.contains("escribió:"))
            #expect(!post.text.contains("dijo:"))
            #expect(!post.text.contains("Originalmente publicado por"))
            #expect(!post.text.contains("</div>"))
            #expect(!post.text.contains("gtag("))
        }
    }

    @Test("the Windows-1252 page without a declaration decodes its typographic characters")
    func windows1252() throws {
        let posts = Self.result.documents("vbulletin-electrohogar-garantia.html")
        let first = try #require(posts.first)
        #expect(first.location.encoding == "windows-1252")
        #expect(first.flags.contains(.transcoded))
        #expect(first.text.contains("479 €"))
        #expect(first.text.contains("“E21”"))
        #expect(!posts.contains { $0.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } })
    }

    @Test("the page declaring ISO-8859-1 is read as Windows-1252")
    func latin1Declared() throws {
        let posts = Self.result.documents("phpbb-latin1-modaya-devoluciones.html")
        #expect(posts.first?.text.contains("187,97 €") == true)
        #expect(posts.first?.text.contains("“Devolución recibida”") == true)
    }

    @Test("broken markup: unclosed posts do not swallow each other; the truncated last post is kept")
    func brokenMarkup() throws {
        let posts = Self.result.documents("foro-generico-hotel-roto.html")
        #expect(posts.count == 8)
        for (post, next) in zip(posts, posts.dropFirst()) {
            #expect(!post.text.contains(next.text.prefix(30)))
        }
        #expect(posts.last?.text.hasSuffix("al hacer la reser") == true)
        #expect(!posts.contains { $0.text.contains("pésimo\")") || $0.text.contains("function") })
    }

    @Test("channel from the page's address, ids from the post element, XPath to the post")
    func identity() throws {
        let post = try #require(Self.result.documents("phpbb-fibranet-cortes.html").first)
        #expect(post.channel == "forum:www.fororedes.example.ar")
        #expect(post.id.rawValue == "forum:www.fororedes.example.ar//viewtopic.php?t=48213#p612345")
        #expect(post.url == "https://www.fororedes.example.ar/viewtopic.php?t=48213#p612345")
        #expect(post.location.path?.hasPrefix("/html/body") == true)
        #expect(post.timestamp?.iso8601 == "2024-03-15T01:47:00Z")
        #expect(Self.result.report("phpbb-fibranet-cortes.html")?.engine == "phpbb")
        #expect(Self.result.report("foro-generico-hotel-roto.html")?.engine == "generic")
        #expect(Self.result.report("xenforo-bancaplus-fraude.html")?.engine == "xenforo")
    }

    @Test("user-supplied XPath selectors replace the presets")
    func userSelectors() throws {
        var options = IngestOptions(dates: ExportDateParser(reference: demoReference))
        options.forumSelectors = ForumSelectors(name: "user", post: "//div[@class='comment']",
                                                author: ".//*[@class='comment-author']", date: ".//*[@class='comment-date']",
                                                body: ".//*[@class='comment-text']", exclude: [".//blockquote"])
        let result = ingest([corpus("demo/forums/foro-generico-hotel-roto.html")], options: options)
        #expect(result.report("foro-generico-hotel-roto.html")?.engine == "user")
        // The unquoted `class=comment` is the same attribute to an HTML parser.
        #expect(result.documents.count == 8)
        #expect(ForumSelectorValidation.isValid("//div[@class='x']"))
        #expect(!ForumSelectorValidation.isValid("//div[@class='x'"))
    }
}
