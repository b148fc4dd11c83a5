import EscuchaCore
import EscuchaSentiment

/// The sentiment a class is inferred from. It is the document's own, except in an answer to an improvement
/// question (`¿Qué mejorarías?`, `sugerencias`): there a praise word names what is missing (`envíos más
/// rápidos`, `mejor atención`), so it does not count as praise. Nothing else changes, and the document's
/// `sentiment` stays as the model scored it.
public struct ClassEvidence: Sendable, Equatable {
    public var compound: Double
    /// Positive and negative opinion, as shares (only their ratio and the compound decide a class).
    public var positive: Double
    public var negative: Double
    /// Every opinion in the text is a lukewarm word (`regular`, `normalito`, `ni fu ni fa`, `aceptable`), or the
    /// writer says the sides weigh the same (`ni bien ni mal`): the passive's own vocabulary, whatever side of zero
    /// the compound falls.
    public var lukewarm: Bool
    /// The compound of the writer's headline (a review's title: `Document.headline`), where there is one and it
    /// was scored.
    public var headline: Double?

    /// Words rated this close to zero, or closer, say "so-so".
    public static let lukewarmValence = 0.5

    public init(compound: Double, positive: Double, negative: Double, lukewarm: Bool = false, headline: Double? = nil) {
        self.compound = compound
        self.positive = positive
        self.negative = negative
        self.lukewarm = lukewarm
        self.headline = headline
    }

    /// `headline`: the sentiment of the document's headline, scored apart; one the model did not score (not Spanish)
    /// says nothing, and neither does praise over an ironic text (`Genial` over `…Comodísimo todo 🙃`): read alone,
    /// a title cannot show its irony, which the text shows.
    public init(document: Document, sentiment: SentimentAnalysis, headline: SentimentAnalysis?) {
        self.init(document: document, sentiment: sentiment)
        if let headline, headline.language == nil, headline.score.compound <= 0 || !sentiment.readsAsIrony {
            self.headline = headline.score.compound
        }
    }

    public init(document: Document, sentiment: SentimentAnalysis) {
        let score = sentiment.score
        // So-so words only, or the writer's verdict that the sides weigh the same (`Ni bien ni mal. Funciona, pero…`).
        let lukewarm = !sentiment.contributions.isEmpty && sentiment.contributions.allSatisfy { abs($0.valence) <= Self.lukewarmValence }
            || sentiment.statesEvenVerdict
        let spans = Self.improvementAnswers(of: document)
        let inside = { (range: Range<Int>) in spans.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound } }
        guard !spans.isEmpty, sentiment.contributions.contains(where: { $0.value > 0 && inside($0.utf8) }) else {
            self.init(compound: score.compound, positive: score.positive, negative: score.negative, lukewarm: lukewarm)
            return
        }
        var positive = 0.0
        var negative = 0.0
        for contribution in sentiment.contributions {
            if contribution.value > 0, !inside(contribution.utf8) { positive += contribution.value }
            if contribution.value < 0 { negative -= contribution.value }
        }
        let sum = positive - negative
        let total = positive + negative
        self.init(compound: SentimentScore.compound(sum: sum),
                  positive: total > 0 ? positive / total : 0, negative: total > 0 ? negative / total : 0, lukewarm: lukewarm)
    }

    /// Words in a question that asks what to improve.
    static let improvementCues = ["mejor", "sugeren", "sugier", "cambiar", "falta", "improv", "suggest", "better"]

    /// UTF-8 ranges, in the document's text, of its answers to improvement questions. A survey's text is
    /// its answers joined by blank lines, in order (`fields.answers` keeps them by question).
    static func improvementAnswers(of document: Document) -> [Range<Int>] {
        guard let answers = document.fields.first(where: { $0.name == "answers" }), case .object(let list) = answers.value else { return [] }
        let text = Array(document.text.utf8)
        var out: [Range<Int>] = []
        var offset = 0
        for answer in list {
            guard case .string(let value) = answer.value else { return [] }
            let bytes = Array(value.utf8)
            // The answers must be the text's parts, in order; otherwise (a repaired encoding) nothing is assumed.
            guard offset + bytes.count <= text.count, text[offset..<offset + bytes.count].elementsEqual(bytes) else { return [] }
            let question = answer.name.lowercased()
            if improvementCues.contains(where: { question.contains($0) }) { out.append(offset..<offset + bytes.count) }
            offset += bytes.count + 2
        }
        return out
    }
}
