/// Accuracy, macro-F1, per-class precision, recall and F1, and the confusion matrix of predicted labels
/// against gold labels.
public struct Evaluation: Sendable, Equatable {
    public struct ClassMetrics: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Gold items of the class.
        public var support: Int
    }

    /// `confusion[gold][predicted]`.
    public private(set) var confusion: [SentimentLabel: [SentimentLabel: Int]] = [:]
    public private(set) var count = 0

    public init() {}

    public mutating func add(gold: SentimentLabel, predicted: SentimentLabel) {
        confusion[gold, default: [:]][predicted, default: 0] += 1
        count += 1
    }

    public func cell(_ gold: SentimentLabel, _ predicted: SentimentLabel) -> Int { confusion[gold]?[predicted] ?? 0 }

    public var accuracy: Double {
        count == 0 ? 0 : Double(SentimentLabel.allCases.reduce(0) { $0 + cell($1, $1) }) / Double(count)
    }

    public func metrics(_ label: SentimentLabel) -> ClassMetrics {
        let truePositives = Double(cell(label, label))
        let predicted = Double(SentimentLabel.allCases.reduce(0) { $0 + cell($1, label) })
        let support = SentimentLabel.allCases.reduce(0) { $0 + cell(label, $1) }
        let precision = predicted == 0 ? 0 : truePositives / predicted
        let recall = support == 0 ? 0 : truePositives / Double(support)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return ClassMetrics(precision: precision, recall: recall, f1: f1, support: support)
    }

    /// The mean F1 of the three classes (a class absent from both gold and predictions counts 0, as in
    /// scikit-learn's default).
    public var macroF1: Double {
        SentimentLabel.allCases.reduce(0) { $0 + metrics($1).f1 } / Double(SentimentLabel.allCases.count)
    }

    /// Gold labels as evaluation files write them: `pos`/`neu`/`neg`, the full English words, TASS's
    /// `P`/`N`/`NEU`/`NONE`, or stars (1–2 neg, 3 neu, 4–5 pos) when there is no label.
    public static func goldLabel(_ label: String?, stars: Double?) -> SentimentLabel? {
        if let label {
            switch label.lowercased() {
            case "pos", "positive", "p", "positivo": return .pos
            case "neu", "neutral", "none", "neutro", "mixed": return .neu
            case "neg", "negative", "n", "negativo": return .neg
            default: break
            }
        }
        if let stars, (1...5).contains(stars) { return stars <= 2 ? .neg : stars >= 4 ? .pos : .neu }
        return nil
    }
}
