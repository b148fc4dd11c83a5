import Testing
import EscuchaCore
import EscuchaTestSupport
import EscuchaClassify
import EscuchaCustomers
import EscuchaIngest
@testable import EscuchaAnalysis

/// The library's whole analysis of a document, as a store or a server would call it: no command line involved.
@Suite struct DocumentScorerTests {
    static let analyzers = try! Analyzers.load(lexicons: "\(repositoryRoot)/lexicons/es")

    static let profiles = [
        CustomerProfile(id: CustomerID("C-7"), email: "lucia.perez@example.com", segment: "premium"),
        CustomerProfile(id: CustomerID("C-8"), email: "otro@example.com"),
    ]

    static func review(_ text: String, title: String? = nil, rating: Double? = nil, email: String? = nil) -> Document {
        Document(id: DocumentID("r1"), kind: .review, channel: "reviews:app", author: Author(name: "Lucía", email: email),
                 title: title, text: text, rating: rating, location: SourceLocation(file: "reviews.csv", record: 1))
    }

    @Test func loadsWhatTheFolderHasOrOnlyTheSentiment() throws {
        #expect(Self.analyzers.topics != nil && Self.analyzers.signals != nil && Self.analyzers.emotions != nil && Self.analyzers.shared != nil)
        let sentimentOnly = try Analyzers.load(lexicons: "\(repositoryRoot)/lexicons/es", .init(sentimentOnly: true))
        #expect(sentimentOnly.topics == nil && sentimentOnly.signals == nil && sentimentOnly.emotions == nil)
        let restaurants = try Analyzers.load(lexicons: "\(repositoryRoot)/lexicons/es", .init(packs: ["general", "restaurant"]))
        let found = restaurants.analyze("La comida buenísima pero el servicio lentísimo").topics.map { "\($0.topic.id) \($0.label.rawValue)" }
        #expect(found == ["restaurant.food pos", "restaurant.service.speed neg"])
    }

    @Test func aFolderWithoutLexiconsIsAnError() {
        #expect(throws: (any Error).self) { try Analyzers.load(lexicons: "\(repositoryRoot)/corpora") }
    }

    @Test func scoresClassifiesAndLinksADocument() {
        let scorer = DocumentScorer(analyzers: Self.analyzers, linker: CustomerLinker(profiles: Self.profiles))
        let document = Self.review("Llegó tarde y roto. Me doy de baja y me cambio a la competencia.", title: "Fatal",
                                   email: " Lucia.Perez@Example.com ")
        let scored = scorer.score(document)
        #expect(scored.analysis.sentiment.score.label == .neg)
        #expect(scored.analysis.headline?.score.label == .neg)
        #expect(scored.analysis.signals.map(\.signal.rawValue).contains("churn"))
        #expect(scored.classification.value == .detractor)
        #expect(scored.classification.basis == .text)
        #expect(scored.link == CustomerLink(profile: 0, method: .email))
    }

    @Test func aStatedRatingIsKeptBesideTheInferredClass() {
        let scorer = DocumentScorer(analyzers: Self.analyzers)
        let scored = scorer.score(Self.review("Todo perfecto, lo recomiendo.", rating: 2))
        #expect(scored.classification.value == .detractor)
        #expect(scored.classification.basis == .rating)
        #expect(scored.classification.inferred?.value == .promoter)
        #expect(scored.link == nil)
    }

    @Test func writesTheDocumentWithItsMembersAndMasksOnRequest() throws {
        let scorer = DocumentScorer(analyzers: Self.analyzers, linker: CustomerLinker(profiles: Self.profiles))
        let document = Self.review("Pésimo. Escribidme a lucia.perez@example.com o al 612 345 678.", title: "Mal",
                                   email: "lucia.perez@example.com")
        let scored = scorer.score(document)
        var writer = JSONWriter()
        scorer.writeJSON(document, scored, masker: nil, to: &writer)
        let plain = String(decoding: writer.bytes, as: UTF8.self)
        guard case .object(let members) = try JSONParser.parse(writer.bytes) else { Issue.record("not an object"); return }
        #expect(Array(members.map(\.key).suffix(7)) == ["sentiment", "title_sentiment", "topics", "signals", "emotions", "class", "link"])
        #expect(plain.contains("lucia.perez@example.com"))

        writer.reset()
        scorer.writeJSON(document, scored, masker: PersonalDataMasker(), to: &writer)
        let masked = String(decoding: writer.bytes, as: UTF8.self)
        #expect(!masked.contains("lucia.perez@example.com") && !masked.contains("612 345 678") && !masked.contains("C-7"))
        #expect(masked.contains("\"method\":\"email\""))
    }
}
