import EscuchaClassify
import EscuchaCore
import EscuchaIngest
import EscuchaReport
import EscuchaSentiment
import EscuchaTestSupport
import Foundation
import Testing

@Suite("NPS arithmetic")
struct NPSTests {
    @Test("score and 95% margin against hand-computed cases")
    func handComputed() throws {
        // 50 promoters, 30 passives, 20 detractors: NPS 30; p=.5, d=.2, variance .5+.2−.3² = .61,
        // margin 1.96 × √(.61/100) × 100 = 15.308.
        let count = NPSCount(promoters: 50, passives: 30, detractors: 20)
        #expect(count.score == 30)
        #expect(abs(try #require(count.marginOfError) - 15.308) < 0.001)
        #expect(count.formatted == "+30 ±15 (n=100)")
        // All detractors: −100 with no variance.
        #expect(NPSCount(detractors: 4).score == -100 && NPSCount(detractors: 4).marginOfError == 0)
        // 1 promoter, 1 detractor: NPS 0; variance 1, margin 1.96 × √(1/2) × 100 = 138.59.
        #expect(abs(try #require(NPSCount(promoters: 1, detractors: 1).marginOfError) - 138.593) < 0.001)
        #expect(NPSCount(promoters: 1).marginOfError == nil && NPSCount().score == nil && NPSCount().formatted == "—")
    }

    @Test("stated classes: NPS bands, stars and CSAT mapped linearly")
    func stated() {
        #expect((0...10).map { StatedClass.fromNPS($0).value } == Array(repeating: .detractor, count: 7) + [.passive, .passive, .promoter, .promoter])
        #expect([1, 2, 3, 3.5, 4, 4.5, 5].map { StatedClass.fromStars($0).value } == [.detractor, .detractor, .detractor, .detractor, .passive, .passive, .promoter])
        #expect(StatedClass.fromNPS(0).depth == 1 && StatedClass.fromNPS(3).depth == 0.5 && StatedClass.fromStars(2).depth == 0.5)
        var document = Document(id: DocumentID("d"), kind: .survey, channel: "survey:x", text: "ok", rating: 5, scores: SurveyScores(nps: 6, csat: 5),
                                location: SourceLocation(file: "f", record: 0))
        #expect(StatedClass.of(document)?.value == .detractor && StatedClass.of(document)?.scale == .nps)
        document.scores.nps = nil
        #expect(StatedClass.of(document)?.scale == .csat && StatedClass.of(document)?.basis == .score)
        document.scores = SurveyScores(ces: 7)
        #expect(StatedClass.of(document)?.scale == .stars)
        document.rating = nil
        #expect(StatedClass.of(document) == nil)  // effort is not loyalty
    }

    @Test("ISO weeks and months")
    func periods() throws {
        let monday = try #require(Timestamp(iso8601: "2024-01-01T10:00:00Z"))
        #expect(NPSReport.periodKey(monday, .week) == "2024-W01" && NPSReport.periodKey(monday, .month) == "2024-01")
        #expect(NPSReport.periodKey(try #require(Timestamp(iso8601: "2021-01-03T10:00:00+01:00")), .week) == "2020-W53")
        #expect(NPSReport.periodKey(try #require(Timestamp(iso8601: "2024-12-30")), .week) == "2025-W01")
        #expect(Timestamp(iso8601: "2024-02-30") == nil && Timestamp(iso8601: "ayer") == nil)
    }
}

@Suite("Text classifier")
struct ClassifierTests {
    let classifier = TextClassifier(detractorAtMost: -0.40, promoterAtLeast: 0.55, mixedPositiveShare: 0.15, mixedDetractorAtMost: -0.8)

    @Test("signals, thresholds, mixed opinions and non-answers")
    func rules() {
        #expect(classifier.infer(compound: 0.6, positive: 0.5, negative: 0, signals: [.churn]).value == .detractor)
        #expect(classifier.infer(compound: 0.6, positive: 0.5, negative: 0, signals: [.churn]).reasons == ["signal churn"])
        // Not recommending makes a detractor unless the rest is clear praise (it judged one item).
        #expect(classifier.infer(compound: 0.2, positive: 0.3, negative: 0.1, signals: [.notRecommend]).value == .detractor)
        #expect(classifier.infer(compound: 0.9, positive: 0.6, negative: 0.05, signals: [.notRecommend]).value == .promoter)
        #expect(classifier.infer(compound: 0.9, positive: 0.6, negative: 0.05, signals: [.churn]).value == .detractor)
        #expect(classifier.infer(compound: 0.0, positive: 0, negative: 0, signals: [.effort]).value == .detractor)
        #expect(classifier.infer(compound: 0.7, positive: 0.5, negative: 0.1, signals: [.effort]).value == .promoter)
        #expect(classifier.infer(compound: -0.5, positive: 0, negative: 0.4, signals: []).value == .detractor)
        // "Bien la atención, pero carísimo": praise is a fifth of the opinion, not negative enough to detract.
        #expect(classifier.infer(compound: -0.5, positive: 0.08, negative: 0.30, signals: []).value == .passive)
        #expect(classifier.infer(compound: -0.9, positive: 0.08, negative: 0.30, signals: []).value == .detractor)
        #expect(classifier.infer(compound: 0.2, positive: 0.2, negative: 0, signals: [.recommend]).value == .promoter)
        #expect(classifier.infer(compound: 0.3, positive: 0.2, negative: 0, signals: []).value == .passive)
        #expect(TextClassifier.isNonAnswer("Sin comentarios.") && TextClassifier.isNonAnswer("-") && !TextClassifier.isNonAnswer("nada bien"))
        // Only lukewarm words: a passive, whatever the compound; a signal still decides first.
        #expect(classifier.infer(compound: -0.5, positive: 0, negative: 1, signals: [], lukewarm: true).value == .passive)
        #expect(classifier.infer(compound: -0.5, positive: 0, negative: 1, signals: [.churn], lukewarm: true).value == .detractor)
    }

    @Test("lukewarm words are how passives answer")
    func lukewarmAnswers() throws {
        let analyzer = try SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
        func evidence(_ text: String) -> ClassEvidence {
            let document = Document(id: DocumentID("s"), kind: .survey, channel: "survey:x", text: text, scores: SurveyScores(nps: 7),
                                    location: SourceLocation(file: "f", record: 0))
            return ClassEvidence(document: document, sentiment: analyzer.analyze(text))
        }
        #expect(evidence("Normal. Ni fu ni fa").lukewarm && evidence("normalito").lukewarm && evidence("regular").lukewarm)
        #expect(!evidence("regular, y encima caro").lukewarm && !evidence("Sin más").lukewarm)
        // The writer's own verdict that the sides weigh the same, whatever the rest leans.
        #expect(evidence("Ni bien ni mal. Funciona, pero tampoco me sorprende nada.").lukewarm)
        let classification = Classification(document: Document(id: DocumentID("s"), kind: .survey, channel: "survey:x", text: "normalito",
                                                               location: SourceLocation(file: "f", record: 0)),
                                            sentiment: analyzer.analyze("normalito"), signals: [], classifier: .calibrated)
        #expect(classification.inferred?.value == .passive)
    }

    @Test("a review's title is its writer's verdict")
    func headlineVerdicts() throws {
        let analyzer = try SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
        func review(_ title: String?, _ text: String, kind: DocumentKind = .review) -> Document {
            Document(id: DocumentID("r"), kind: kind, channel: "reviews:x", title: title, text: text, rating: 2, location: SourceLocation(file: "f", record: 0))
        }
        func inferred(_ document: Document) -> TextClassifier.Inference? {
            Classification(document: document, sentiment: analyzer.analyze(document.text), headline: document.headline.map { analyzer.analyze($0) },
                           signals: [], classifier: .calibrated).inferred
        }
        // Only a review's own title, trimmed; a forum post's title is its thread's.
        #expect(review("  Decepcionante \n", "x").headline == "Decepcionante")
        #expect(review(" ", "x").headline == nil && review("Decepcionante", "x", kind: .forum).headline == nil)
        // A polite text under a complaining title: the title says how it is meant.
        let polite = "Tiene algunas obras del artista y el edificio está bien cuidado."
        #expect(inferred(review(nil, polite))?.value == .passive)
        #expect(inferred(review("Esperaba más", polite)) == TextClassifier.Inference(value: .detractor, reasons: ["title compound -0.45 ≤ -0.30", "compound 0.46 < 0.55"]))
        // A complaint about the crowds under a praising title: the writer liked the place.
        let crowds = "Hay demasiada gente y las colas son eternas."
        #expect(inferred(review(nil, crowds))?.value == .detractor)
        #expect(inferred(review("Vista espectacular", crowds))?.value == .passive)
        // Praise over an ironic text is irony too: the title alone cannot show it.
        let ironic = "Genial, ahora para entrar necesito la huella, el SMS y el PIN. Comodísimo todo 🙃"
        #expect(inferred(review("Genial", ironic))?.value == .detractor)
        // A title with no verdict leaves the text to decide.
        #expect(inferred(review("Museo de la ciudad", crowds))?.value == .detractor)
        // Not recommending one part (`no vale la pena subir`) under a praising title judges that part, not the place.
        let classifier = TextClassifier.calibrated
        #expect(classifier.infer(compound: -0.3, positive: 0.3, negative: 0.7, signals: [.notRecommend], headline: 0.6).value == .passive)
        #expect(classifier.infer(compound: -0.3, positive: 0.3, negative: 0.7, signals: [.notRecommend], headline: 0.0).value == .detractor)
        // Leaving and legal threats decide whatever the title says.
        #expect(classifier.infer(compound: 0.2, positive: 0.5, negative: 0.5, signals: [.churn], headline: 0.8).value == .detractor)
    }

    @Test("praise words in an answer to an improvement question name what is missing")
    func improvementAnswers() throws {
        let analyzer = try SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
        let comment = "Cuatro días esperando la SIM nueva y mientras tanto sin teléfono."
        func document(question: String, answer: String) -> Document {
            Document(id: DocumentID("s"), kind: .survey, channel: "survey:x", text: comment + "\n\n" + answer, scores: SurveyScores(nps: 4),
                     location: SourceLocation(file: "f", record: 0),
                     fields: [Field(name: "answers", value: .object([Field(name: "comentario", value: .string(comment)),
                                                                     Field(name: question, value: .string(answer))]))])
        }
        let asked = document(question: "¿Qué mejorarías?", answer: "envíos más rápidos")
        let sentiment = analyzer.analyze(asked.text)
        #expect(sentiment.score.positive > 0)  // the model reads `rápidos` as praise…
        let evidence = ClassEvidence(document: asked, sentiment: sentiment)
        #expect(evidence.positive == 0 && evidence.negative == 1)  // …the class does not
        #expect(evidence.compound < sentiment.score.compound)
        let classification = Classification(document: asked, sentiment: sentiment, signals: [], classifier: .calibrated)
        #expect(classification.inferred?.value == .detractor)
        #expect(classification.stated?.value == .detractor)
        // Another question's answer is read as written.
        let other = document(question: "comentario_adicional", answer: "envíos más rápidos")
        let plain = ClassEvidence(document: other, sentiment: analyzer.analyze(other.text))
        #expect(plain == ClassEvidence(compound: sentiment.score.compound, positive: sentiment.score.positive, negative: sentiment.score.negative))
    }
}

@Suite("Triage")
struct TriageTests {
    static func record(_ id: String, compound: Double, nps: Int? = nil, signals: [String] = [], day: Int = 20, followers: Int? = nil,
                       customer: LinkedCustomer? = nil, author: String? = nil, channel: String = "twitter") -> FeedbackRecord {
        var record = FeedbackRecord(id: id, kind: .social, channel: channel, timestamp: Timestamp(year: 2024, month: 6, day: day), author: author,
                                    compound: compound, stated: nps.map(StatedClass.fromNPS),
                                    inferred: TextClassifier.Inference(value: compound <= -0.4 ? .detractor : .passive, reasons: []),
                                    signals: signals, followers: followers, customer: customer)
        record.snippet = Snippet(text: "Me cobran de más, escribidme a ana@correo.es", marks: [3..<9])
        return record
    }

    @Test("priority: severity, value, recency, reach and repeats, each part as documented")
    func parts() throws {
        let gold = LinkedCustomer(id: "C-1", name: "Ana", method: "email", segment: "premium", value: 9000)
        let small = LinkedCustomer(id: "C-2", method: "handle", segment: "particular", value: 100)
        let records = [
            Self.record("legal-gold", compound: -0.5, signals: ["legal"], day: 20, customer: gold),
            Self.record("mild-small", compound: -0.45, day: 20, customer: small),
            Self.record("old-loud", compound: -0.6, day: 1, followers: 99_999, author: "@famoso"),
            Self.record("passive", compound: 0.1, day: 20),
            Self.record("stated-promoter", compound: -0.9, nps: 9, day: 20),
            Self.record("gold-again", compound: -0.45, day: 10, customer: gold),
        ]
        let queue = Triage.queue(records)
        #expect(queue.map(\.record.id) == ["legal-gold", "gold-again", "old-loud", "mild-small"])
        let first = queue[0].priority
        // severity .5 + .4 legal = .9; value: top of two customers = 1; recency: newest = 1; reach 0; one other complaint = 1/3.
        #expect(abs(first.severity - 0.9) < 1e-9 && first.value == 1 && first.recency == 1 && first.reach == 0 && abs(first.repeats - 1.0 / 3) < 1e-9)
        #expect(abs(first.total - 100 * (0.4 * 0.9 + 0.2 + 0.15 + 0.1 / 3)) < 1e-9)
        let loud = try #require(queue.first { $0.record.id == "old-loud" }).priority
        #expect(abs(loud.reach - 5.0 / 6) < 1e-9 && abs(loud.recency - exp(-19.0 / 30)) < 1e-9)
        // A stated promoter stays out of the queue, however negative the text.
        #expect(!queue.contains { $0.record.id == "stated-promoter" })
        // Filters.
        #expect(Triage.queue(records, filter: TriageFilter(signals: ["legal"])).map(\.record.id) == ["legal-gold"])
        #expect(Triage.queue(records, filter: TriageFilter(segments: ["PARTICULAR"])).map(\.record.id) == ["mild-small"])
        #expect(Triage.queue(records, filter: TriageFilter(since: Timestamp(year: 2024, month: 6, day: 5))).count == 3)
        #expect(Triage.queue(records, filter: TriageFilter(channels: ["survey"])).isEmpty)
    }

    @Test("outputs mark the driving phrases and mask ids, emails and phones")
    func masking() {
        let customer = LinkedCustomer(id: "C-77", name: "Ana Gómez", method: "email", segment: "premium", value: 10)
        let queue = Triage.queue([Self.record("d1", compound: -0.8, customer: customer)])
        let plain = TriageOutput()
        #expect(plain.csv(queue).contains("C-77") && plain.csv(queue).contains("Me **cobran** de más, escribidme a ana@correo.es"))
        let masked = TriageOutput(masker: PersonalDataMasker())
        for text in [masked.csv(queue), masked.table(queue), String(decoding: masked.jsonLines(queue), as: UTF8.self)] {
            #expect(!text.contains("C-77") && !text.contains("ana@correo.es"))
            #expect(text.contains("[ID]") && text.contains("[EMAIL]") && text.contains("**cobran**"))
        }
    }

    @Test("customer text in the terminal table cannot move the cursor or reverse the line")
    func printable() {
        #expect(TriageOutput.printable("a\u{202E}b\nc\u{1B}[2J\td") == "a\u{FFFD}b c\u{FFFD}[2J d")
        #expect(TriageOutput.printable("Atención pésima 😡") == "Atención pésima 😡")
        let customer = LinkedCustomer(id: "C-1", name: "Ana\u{1B}[31m", method: "email", segment: nil, value: nil)
        let table = TriageOutput().table(Triage.queue([Self.record("d1", compound: -0.8, customer: customer)]))
        #expect(!table.contains("\u{1B}") && table.contains("Ana\u{FFFD}[31m"))
    }

    @Test("the snippet is the most negative sentence, with its negative contributions marked")
    func snippet() {
        let text = "El envío llegó rápido. Pero la atención fue pésima y nadie contesta.\nSaludos"
        let bytes = Array(text.utf8)
        func range(_ word: String) -> Range<Int> {
            let start = text.range(of: word)!.lowerBound.utf16Offset(in: text)
            let prefix = String(text.utf16.prefix(start))!
            return prefix.utf8.count..<(prefix.utf8.count + word.utf8.count)
        }
        let second = range("Pero la atención fue pésima y nadie contesta.")
        let snippet = Snippet.pick(text: text, sentences: [(0..<23, 0.4), (second, -0.7), (second.upperBound..<bytes.count, 0)],
                                   contributions: [(range("rápido"), 1.5), (range("pésima"), -3.0)], evidence: [], negative: true)
        #expect(snippet.marked == "Pero la atención fue **pésima** y nadie contesta.")
    }
}

@Suite("The report")
struct ReportTests {
    @Test("drivers: the points NPS loses with a topic's documents; stated and inferred kept apart")
    func drivers() {
        var records: [FeedbackRecord] = []
        func add(_ id: String, _ nps: Int?, _ inferred: CustomerClass?, _ topic: String?) {
            records.append(FeedbackRecord(id: id, kind: .survey, channel: "survey:s", compound: 0, stated: nps.map(StatedClass.fromNPS),
                                          inferred: inferred.map { TextClassifier.Inference(value: $0, reasons: []) },
                                          topics: topic.map { [TopicMention(id: $0, label: $0 == "price" ? "Precio" : "Trato", value: 0)] } ?? []))
        }
        for index in 0..<5 { add("p\(index)", 10, nil, "staff") }
        for index in 0..<5 { add("d\(index)", 2, nil, "price") }
        for index in 0..<10 { add("x\(index)", 8, nil, nil) }
        add("t", nil, .detractor, nil)
        let report = NPSReport(records: records, triage: [])
        // Stated: 5 P, 10 passives, 5 D over 20 → 0. Inferred: one detractor → −100.
        #expect(report.overall.stated.score == 0 && report.overall.inferred.score == -100 && report.overall.all.n == 21)
        // All 21: (5 − 6)/21. Without price: (5 − 1)/16 = 25; impact −4.76 − 25 = −29.76.
        #expect(report.detractorDrivers.map(\.topic) == ["price"] && abs(report.detractorDrivers[0].impact - (-100.0 / 21 - 25)) < 1e-9)
        #expect(report.praiseDrivers.map(\.topic) == ["staff"])
    }

    @Test("the HTML is self-contained: inline charts, nothing to fetch, Spanish labels")
    func selfContained() {
        let records = (0..<12).map { index in
            FeedbackRecord(id: "r\(index)", kind: .review, channel: index % 2 == 0 ? "reviews:a" : "twitter", timestamp: Timestamp(year: 2024, month: 1 + index % 3, day: 5),
                           compound: index % 3 == 0 ? -0.7 : 0.6, stated: StatedClass.fromStars(Double(1 + index % 5)),
                           topics: [TopicMention(id: "delivery", label: "Entrega <y> envío", value: -1)])
        }
        let html = ReportHTML(report: NPSReport(records: records, triage: Triage.queue(records)), triage: TriageOutput(), generated: "2024-06-28").render()
        #expect(html.contains("<html lang=\"es\">") && html.contains("NPS por canal") && html.contains("Cola de detractores"))
        for chart in ["nps", "timeline", "drivers"] { #expect(html.contains("data-chart=\"\(chart)\"")) }
        #expect(html.contains("Entrega &lt;y&gt; envío"))
        for external in ["http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url("] { #expect(!html.contains(external)) }
    }
}

@Suite("Streaming the report")
struct StreamingTests {
    @Test("a record spilled to disk reads back equal, every field set or not")
    func spillRoundTrip() throws {
        var full = FeedbackRecord(
            id: "reviews.csv:12", kind: .review, channel: "survey:nps-movilnet-2024t1",
            timestamp: Timestamp(secondsSinceEpoch: 1_719_000_000, utcOffsetSeconds: -21_600), author: "@señora_ñ", compound: -0.927,
            stated: StatedClass(value: .passive, basis: .rating, from: 4.5, scale: .stars),
            inferred: TextClassifier.Inference(value: .detractor, reasons: ["compound -0.93 ≤ -0.10", "signal churn"]),
            topics: [TopicMention(id: "billing.wrong_charge", label: "Cobro indebido", value: -2.6), TopicMention(id: "price", label: "Precio", value: 0)],
            signals: ["churn", "legal"], followers: 1200, likes: 0, reposts: 3,
            customer: LinkedCustomer(id: "C-7", name: "Ana \"la\" Pérez", method: "email", segment: "premium", region: "Madrid", value: 1234.5, optOut: true))
        full.snippet = Snippet(text: "Me cobraron de más — otra vez 😡", marks: [3..<18, 30..<34])
        let bare = FeedbackRecord(id: "x", kind: .social, channel: "twitter", compound: 0)
        for record in [full, bare] {
            var writer = JSONWriter()
            record.spill(to: &writer)
            let back = FeedbackRecord(spilled: try JSONParser.parse(writer.bytes))
            #expect(back == record)
        }
        #expect(FeedbackRecord(spilled: try JSONParser.parse(Array("[\"x\"]".utf8))) == nil)
    }

    @Test("customer summaries follow time order, not arrival order")
    func customersInTimeOrder() {
        let early = LinkedCustomer(id: "C-1", name: "Ana", method: "email")
        let later = LinkedCustomer(id: "C-1", name: "Ana María", method: "phone")
        let records = [
            TriageTests.record("late-complaint", compound: -0.8, day: 20, customer: later),
            TriageTests.record("first-praise", compound: 0.9, nps: 10, day: 5, customer: early),
            TriageTests.record("middle", compound: 0.1, nps: 8, day: 10, customer: later),
            TriageTests.record("handle", compound: -0.5, author: "@Quejica"),
        ]
        let summaries = CustomerSummary.build(records)
        #expect(summaries.map(\.key) == ["customer:C-1", "twitter:@quejica"])
        let ana = summaries[0]
        #expect(ana.customer?.name == "Ana")  // from the earliest mention
        #expect(ana.mentions == 3 && ana.negativeMentions == 1)
        #expect(ana.latestClass == .detractor && ana.trend == "worse")  // passive (day 10), then detractor (day 20)
        #expect(ana.first == Timestamp(year: 2024, month: 6, day: 5) && ana.last == Timestamp(year: 2024, month: 6, day: 20))
        #expect(summaries[1].handle == "@Quejica" && summaries[1].trend == "single")
    }
}
