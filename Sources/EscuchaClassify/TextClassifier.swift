import EscuchaCore
import EscuchaSentiment
import EscuchaTopics

/// Infers promoter, passive or detractor from what a customer wrote: the sentiment's compound and the
/// signals a customer's loyalty shows in (intent to leave, legal threats, not recommending; recommending).
///
/// The thresholds are calibrated, not chosen: `escucha calibrate` measures them on documents that
/// carry both a stated class and text (the demo surveys and star-rated reviews) and
/// `docs/calibration.md` records the table the defaults come from.
public struct TextClassifier: Sendable, Equatable {
    /// Compound at or below this is a detractor (unless the opinion is mixed, below).
    public var detractorAtMost: Double
    /// Compound at or above this is a promoter.
    public var promoterAtLeast: Double
    /// A text whose praise is at least this share of its opinion (positive ÷ (positive + negative)) is
    /// mixed (`Bien la atención, pero caro`)...
    public var mixedPositiveShare: Double
    /// ...and stays passive unless its compound falls to this: "good, but" is the passive's sentence.
    public var mixedDetractorAtMost: Double
    /// A headline (a review's title) whose compound reaches this, either way, is the writer's verdict: at or below
    /// its negative it makes a detractor of a text that is not clear praise (`Decepcionante`: a mild or mixed text
    /// under it is a polite complaint); at or above it, a passive of a text that complains (`Vista estupenda`
    /// over a page about the crowds: the writer liked the place).
    public var headlineVerdictAtLeast: Double

    /// Calibrated with `escucha calibrate` on the demo surveys and reviews and on 1–2 against 4–5 star
    /// reviews (`docs/calibration.md` has the tables): the detractor threshold with the highest recall
    /// whose precision stays at or above 0.7 on the surveys, the middle of the −0.15…−0.05 plateau where
    /// every such threshold scores the same (a complaint team would rather see a passive than miss a detractor).
    /// The headline's verdict: the best of the sweep on 1–2 against 4–5 star reviews, where 0.25 and 0.35 each lose a detractor.
    public static let calibrated = TextClassifier(detractorAtMost: -0.10, promoterAtLeast: 0.55, mixedPositiveShare: 0.15, mixedDetractorAtMost: -0.8,
                                                  headlineVerdictAtLeast: 0.30)

    public init(detractorAtMost: Double, promoterAtLeast: Double, mixedPositiveShare: Double = 0.2, mixedDetractorAtMost: Double = -1,
                headlineVerdictAtLeast: Double = .infinity) {
        self.detractorAtMost = detractorAtMost
        self.promoterAtLeast = promoterAtLeast
        self.mixedPositiveShare = mixedPositiveShare
        self.mixedDetractorAtMost = mixedDetractorAtMost
        self.headlineVerdictAtLeast = headlineVerdictAtLeast
    }

    /// Signals that make a customer a detractor whatever the sentiment says: who is leaving, suing or
    /// telling others not to buy does not recommend.
    public static let detractorSignals: Set<SignalKind> = [.churn, .legal, .notRecommend]
    /// Signals of a failed experience (effort, repeat contact, urgency): a detractor unless the text is
    /// clearly positive (`tuve que llamar dos veces, pero me lo solucionaron genial`).
    public static let frictionSignals: Set<SignalKind> = [.effort, .repeatContact, .urgency]

    /// Answers that say nothing (`-`, `sin comentarios`, `nada`, `n/a`): no class is inferred from them.
    public static let nonAnswers: Set<String> = ["", "-", "--", ".", "..", "...", "n/a", "na", "n.a.", "nada", "ninguno", "ninguna", "no",
                                                 "sin comentarios", "sin comentario", "ningún comentario", "ningun comentario", "no sé", "no se",
                                                 "nada que añadir", "nada que agregar", "ns/nc", "x", "ok"]

    /// Whether `document` has text a class can be inferred from: not a record of scores alone, not a
    /// non-answer.
    public static func canInfer(from document: Document) -> Bool {
        !document.flags.contains(.noText) && !isNonAnswer(document.text)
    }

    public static func isNonAnswer(_ text: String) -> Bool {
        guard text.utf8.count <= 24 else { return false }
        var folded = text.lowercased()
        while let last = folded.last, last == "." || last == "!" || last == " " || last == "\n" { folded.removeLast() }
        while let first = folded.first, first == " " || first == "\n" { folded.removeFirst() }
        return nonAnswers.contains(folded)
    }

    public struct Inference: Sendable, Equatable {
        public var value: CustomerClass
        /// What decided it, for explanations: `compound -0.62 ≤ -0.05`, `signal churn`.
        public var reasons: [String]

        public init(value: CustomerClass, reasons: [String]) {
            self.value = value
            self.reasons = reasons
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// The class of a text read as `ClassEvidence` says, with its signals.
    public func infer(_ evidence: ClassEvidence, signals: [SignalKind]) -> Inference {
        infer(compound: evidence.compound, positive: evidence.positive, negative: evidence.negative, signals: signals, lukewarm: evidence.lukewarm,
              headline: evidence.headline)
    }

    /// `positive` and `negative` are the sentiment's shares (0–1); `lukewarm`, that every opinion is a so-so
    /// word (`ClassEvidence.lukewarm`); `headline`, the compound of a review's title.
    public func infer(compound: Double, positive: Double, negative: Double, signals: [SignalKind], lukewarm: Bool = false,
                      headline: Double? = nil) -> Inference {
        let praise = positive + negative > 0 ? positive / (positive + negative) : 0
        var seen = Set<SignalKind>()
        let unique = signals.filter { seen.insert($0).inserted }
        // Leaving and legal threats make a detractor whatever else is said; not recommending, only where the
        // rest is not clear praise: `todo delicioso (las tortas no las recomiendo)` judges one dish, not the place,
        // and so does `no vale la pena subir al monumento` under the title `Excelente vista`.
        let praisingHeadline = headline.map { $0 >= headlineVerdictAtLeast } ?? false
        let leaving = unique.filter {
            Self.detractorSignals.contains($0) && ($0 != .notRecommend || compound < promoterAtLeast && !praisingHeadline)
        }
        if !leaving.isEmpty {
            return Inference(value: .detractor, reasons: leaving.map { "signal \($0.rawValue)" })
        }
        let friction = unique.filter { Self.frictionSignals.contains($0) }
        if !friction.isEmpty, compound < promoterAtLeast {
            return Inference(value: .detractor, reasons: friction.map { "signal \($0.rawValue)" } + ["compound \(Self.format(compound)) < \(Self.format(promoterAtLeast))"])
        }
        // Signals aside, a headline with a clear verdict says how the text is meant: reviewers sum up in the title
        // and describe in the text, often politely (`Esperaba más` over a list of what there is to see).
        if let headline {
            if headline <= -headlineVerdictAtLeast, compound < promoterAtLeast {
                return Inference(value: .detractor, reasons: ["title compound \(Self.format(headline)) ≤ \(Self.format(-headlineVerdictAtLeast))",
                                                              "compound \(Self.format(compound)) < \(Self.format(promoterAtLeast))"])
            }
            if headline >= headlineVerdictAtLeast, compound <= detractorAtMost {
                return Inference(value: .passive, reasons: ["compound \(Self.format(compound)) ≤ \(Self.format(detractorAtMost))",
                                                            "title compound \(Self.format(headline)) ≥ \(Self.format(headlineVerdictAtLeast))"])
            }
        }
        // `Normal. Ni fu ni fa`, `normalito`: lukewarm words are how passives answer.
        if lukewarm {
            return Inference(value: .passive, reasons: ["only lukewarm words (|valence| ≤ \(Self.format(ClassEvidence.lukewarmValence)))"])
        }
        if compound <= detractorAtMost {
            if praise >= mixedPositiveShare, compound > mixedDetractorAtMost {
                return Inference(value: .passive, reasons: ["compound \(Self.format(compound)) ≤ \(Self.format(detractorAtMost))",
                                                            "mixed: praise \(Self.format(praise)) of the opinion ≥ \(Self.format(mixedPositiveShare)) and compound > \(Self.format(mixedDetractorAtMost))"])
            }
            return Inference(value: .detractor, reasons: ["compound \(Self.format(compound)) ≤ \(Self.format(detractorAtMost))"])
        }
        if unique.contains(.recommend) {
            return Inference(value: .promoter, reasons: ["signal recommend"])
        }
        if compound >= promoterAtLeast {
            return Inference(value: .promoter, reasons: ["compound \(Self.format(compound)) ≥ \(Self.format(promoterAtLeast))"])
        }
        return Inference(value: .passive, reasons: ["compound \(Self.format(compound)) between \(Self.format(detractorAtMost)) and \(Self.format(promoterAtLeast))"])
    }
}

/// A document's class: stated, inferred, or both. A stated class is never overwritten; it is the
/// effective one whenever it exists.
public struct Classification: Sendable, Equatable {
    public var stated: StatedClass?
    /// Nil when the document has no text to infer from.
    public var inferred: TextClassifier.Inference?

    public init(stated: StatedClass?, inferred: TextClassifier.Inference?) {
        self.stated = stated
        self.inferred = inferred
    }

    /// A document's classes: stated from its score or rating, inferred from its text where it has some.
    public init(document: Document, score: SentimentScore, signals: [SignalKind], classifier: TextClassifier) {
        self.init(document: document, evidence: ClassEvidence(compound: score.compound, positive: score.positive, negative: score.negative),
                  signals: signals, classifier: classifier)
    }

    /// The same from the document's sentiment analysis, read as `ClassEvidence` says.
    /// A text the model did not score (not Spanish: `sentiment.language`) gives no inferred class.
    /// `headline`: the sentiment of the document's headline (`Document.headline`), scored apart, where it has one.
    public init(document: Document, sentiment: SentimentAnalysis, headline: SentimentAnalysis? = nil, signals: [SignalKind], classifier: TextClassifier) {
        guard sentiment.language == nil else {
            self.init(stated: StatedClass.of(document), inferred: nil)
            return
        }
        self.init(document: document, evidence: ClassEvidence(document: document, sentiment: sentiment, headline: headline), signals: signals,
                  classifier: classifier)
    }

    public init(document: Document, evidence: ClassEvidence, signals: [SignalKind], classifier: TextClassifier) {
        self.init(stated: StatedClass.of(document),
                  inferred: TextClassifier.canInfer(from: document)
                      ? classifier.infer(evidence, signals: signals) : nil)
    }

    public var value: CustomerClass? { stated?.value ?? inferred?.value }
    public var basis: ClassBasis? { stated?.basis ?? (inferred == nil ? nil : .text) }
}
