import EscuchaSentiment
import EscuchaTopics

/// Infers promoter, passive or detractor from what a customer wrote: the sentiment's compound and the
/// signals a customer's loyalty shows in (intent to leave, legal threats, not recommending; recommending).
///
/// The thresholds are calibrated, not chosen: `escucha calibrate` measures them on documents that
/// carry both a stated class and text (the demo surveys and star-rated reviews) and
/// `docs/calibration.md` records the table the defaults come from.
public struct TextClassifier: Sendable, Equatable {
    /// Compound at or below this is a detractor.
    public var detractorAtMost: Double
    /// Compound at or above this is a promoter.
    public var promoterAtLeast: Double

    /// Calibrated on the demo surveys and reviews (`docs/calibration.md`): the highest detractor
    /// threshold whose precision stays at or above 0.7, and the promoter threshold with the best accuracy.
    public static let calibrated = TextClassifier(detractorAtMost: -0.05, promoterAtLeast: 0.55)

    public init(detractorAtMost: Double, promoterAtLeast: Double) {
        self.detractorAtMost = detractorAtMost
        self.promoterAtLeast = promoterAtLeast
    }

    /// Signals that make a customer a detractor whatever the sentiment says: who is leaving, suing or
    /// telling others not to buy does not recommend.
    public static let detractorSignals: Set<SignalKind> = [.churn, .legal, .notRecommend]

    public struct Inference: Sendable, Equatable {
        public var value: CustomerClass
        /// What decided it, for explanations: `compound -0.62 ≤ -0.05`, `signal churn`.
        public var reasons: [String]

        public init(value: CustomerClass, reasons: [String]) {
            self.value = value
            self.reasons = reasons
        }
    }

    public func infer(compound: Double, signals: [SignalKind]) -> Inference {
        let leaving = signals.filter { Self.detractorSignals.contains($0) }
        if !leaving.isEmpty {
            var seen = Set<SignalKind>()
            return Inference(value: .detractor, reasons: leaving.filter { seen.insert($0).inserted }.map { "signal \($0.rawValue)" })
        }
        if compound <= detractorAtMost {
            return Inference(value: .detractor, reasons: [String(format: "compound %.2f ≤ %.2f", compound, detractorAtMost)])
        }
        if signals.contains(.recommend) {
            return Inference(value: .promoter, reasons: ["signal recommend"])
        }
        if compound >= promoterAtLeast {
            return Inference(value: .promoter, reasons: [String(format: "compound %.2f ≥ %.2f", compound, promoterAtLeast)])
        }
        return Inference(value: .passive, reasons: [String(format: "compound %.2f between %.2f and %.2f", compound, detractorAtMost, promoterAtLeast)])
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

    public var value: CustomerClass? { stated?.value ?? inferred?.value }
    public var basis: ClassBasis? { stated?.basis ?? (inferred == nil ? nil : .text) }
}
