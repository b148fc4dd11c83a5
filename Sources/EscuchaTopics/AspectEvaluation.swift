import EscuchaLexicon
import EscuchaSentiment

/// Maps topics to an evaluation's aspect categories (SemEval's `FOOD#QUALITY`…): a TSV file with the header
/// `topic	category` or `topic	category	with`, where a topic id also covers its descendants, and the topic `*`
/// names the category of a sentence that has an opinion but no mapped topic (SemEval's `RESTAURANT#GENERAL`).
/// A row with `with` applies only when a topic under that id is found in the same sentence: it says whose
/// attribute a topic is (a price said of the food is `FOOD#PRICES`; of nothing named, `RESTAURANT#PRICES`).
/// A signal can be mapped too, as `signal.recommend`: a recommendation is an opinion of the whole place.
public struct AspectMapping: Sendable {
    public struct Row: Sendable, Equatable {
        public var topic: String
        public var category: String
        public var with: String?
    }

    public var rows: [Row]
    public var fallback: String?

    public static func load(_ path: String) throws(LexiconError) -> AspectMapping {
        // Two columns or three: the header says which.
        let text = try TSVTable.text(of: path)
        let header = text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        let columns = header?.split(separator: "\t").count == 3 ? ["topic", "category", "with"] : ["topic", "category"]
        let table = try TSVTable.parse(text, file: path, columns: columns, uniqueKey: false)
        var rows: [Row] = []
        var fallback: String?
        for row in table.rows {
            let with = row.count > 2 && !row[2].isEmpty ? row[2] : nil
            if row[0] == "*" { fallback = row[1] } else { rows.append(Row(topic: row[0], category: row[1], with: with)) }
        }
        return AspectMapping(rows: rows, fallback: fallback)
    }

    public init(rows: [Row], fallback: String?) {
        // Conditional rows first, then the most specific topic first: `restaurant.food.prices` before `restaurant.food`.
        self.rows = rows.enumerated().sorted { lhs, rhs in
            ((lhs.element.with == nil ? 1 : 0), -lhs.element.topic.count, lhs.offset) < ((rhs.element.with == nil ? 1 : 0), -rhs.element.topic.count, rhs.offset)
        }.map(\.element)
        self.fallback = fallback
    }

    /// The category of a topic found in a sentence together with the topics `found` (ids).
    public func category(of topic: String, among found: [String] = []) -> String? {
        rows.first { row in
            Self.covers(row.topic, topic) && (row.with.map { with in found.contains { Self.covers(with, $0) } } ?? true)
        }?.category
    }

    static func covers(_ ancestor: String, _ topic: String) -> Bool {
        topic == ancestor || topic.hasPrefix(ancestor + ".")
    }

    /// The packs the mapping's topics come from (`restaurant.food` → `restaurant`).
    public var packs: [String] {
        var out: [String] = []
        for row in rows {
            let pack = String(row.topic.split(separator: ".").first ?? "")
            if Taxonomy.packs.contains(pack), !out.contains(pack) { out.append(pack) }
        }
        return out
    }
}

/// Aspect-category detection (micro F1 over sentence × category pairs) and aspect polarity accuracy (each
/// gold aspect's polarity against the sentiment of the topics mapped to its category, or the sentence's
/// when none was found), as the SemEval-2016 task measures them.
public struct AspectEvaluation: Sendable, Equatable {
    public private(set) var truePositives = 0
    public private(set) var falsePositives = 0
    public private(set) var falseNegatives = 0
    public private(set) var polarityCorrect = 0
    public private(set) var polarityTotal = 0
    public private(set) var sentences = 0
    /// The same counts per category, and per category the aspects and polarities right.
    public private(set) var categories: [String: CategoryCounts] = [:]

    public struct CategoryCounts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public var polarityCorrect = 0
        public var polarityTotal = 0

        public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        /// Sentences whose gold aspects include the category.
        public var support: Int { truePositives + falseNegatives }
        public var polarityAccuracy: Double { polarityTotal == 0 ? 0 : Double(polarityCorrect) / Double(polarityTotal) }
    }

    public init() {}

    /// One sentence: the gold aspects (category, polarity as `positive`/`negative`/`neutral`) and what was found.
    public mutating func add(gold: [(category: String, polarity: String)], topics: [TopicAnalysis], signals: [SignalKind] = [],
                             sentenceLabel: SentimentLabel, sentenceCompound: Double = 0, mapping: AspectMapping) {
        sentences += 1
        // SemEval's aspects are targets of opinions: in a sentence without any opinion, topics named are not
        // aspects (`pedimos vino y pescado`).
        var predicted: [String: Double] = [:]
        let found = topics.map(\.topic.id)
        var mapped = topics.compactMap { topic in mapping.category(of: topic.topic.id, among: found).map { ($0, topic.value) } }
        for signal in Set(signals) {
            guard let category = mapping.category(of: "signal." + signal.rawValue, among: found) else { continue }
            mapped.append((category, signal.polarity))
        }
        let opinionated = sentenceLabel != .neu || mapped.contains { $0.1 != 0 }
        for (category, value) in mapped where opinionated {
            predicted[category, default: 0] += value
        }
        if predicted.isEmpty, sentenceLabel != .neu, let fallback = mapping.fallback { predicted[fallback] = 0 }
        let goldCategories = Set(gold.map(\.category))
        truePositives += goldCategories.intersection(predicted.keys).count
        falsePositives += Set(predicted.keys).subtracting(goldCategories).count
        falseNegatives += goldCategories.subtracting(predicted.keys).count
        for category in goldCategories.union(predicted.keys) {
            switch (goldCategories.contains(category), predicted[category] != nil) {
            case (true, true): categories[category, default: CategoryCounts()].truePositives += 1
            case (false, true): categories[category, default: CategoryCounts()].falsePositives += 1
            case (true, false): categories[category, default: CategoryCounts()].falseNegatives += 1
            case (false, false): break
            }
        }
        for aspect in gold where aspect.polarity != "conflict" {
            polarityTotal += 1
            let label: SentimentLabel
            if let value = predicted[aspect.category], value != 0 {
                label = value > 0 ? .pos : .neg
            } else if sentenceLabel == .neu, sentenceCompound != 0 {
                // An aspect is an opinion's target: a faint lean of the sentence is still its polarity.
                label = sentenceCompound > 0 ? .pos : .neg
            } else {
                label = sentenceLabel
            }
            let expected: SentimentLabel = aspect.polarity == "positive" ? .pos : aspect.polarity == "negative" ? .neg : .neu
            categories[aspect.category, default: CategoryCounts()].polarityTotal += 1
            if label == expected {
                polarityCorrect += 1
                categories[aspect.category, default: CategoryCounts()].polarityCorrect += 1
            }
        }
    }

    public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var polarityAccuracy: Double { polarityTotal == 0 ? 0 : Double(polarityCorrect) / Double(polarityTotal) }
}

/// Per-signal precision and recall over texts: a text is a true positive for a signal when both the gold
/// labels and the detector have it.
public struct SignalEvaluation: Sendable, Equatable {
    public private(set) var counts: [SignalKind: (tp: Int, fp: Int, fn: Int)] = [:]
    public private(set) var texts = 0

    public init() {}

    public static func == (lhs: SignalEvaluation, rhs: SignalEvaluation) -> Bool {
        lhs.texts == rhs.texts && SignalKind.allCases.allSatisfy { lhs.counts[$0]?.tp == rhs.counts[$0]?.tp
            && lhs.counts[$0]?.fp == rhs.counts[$0]?.fp && lhs.counts[$0]?.fn == rhs.counts[$0]?.fn }
    }

    public mutating func add(gold: Set<SignalKind>, found: Set<SignalKind>) {
        texts += 1
        for kind in SignalKind.allCases {
            var count = counts[kind] ?? (0, 0, 0)
            switch (gold.contains(kind), found.contains(kind)) {
            case (true, true): count.tp += 1
            case (false, true): count.fp += 1
            case (true, false): count.fn += 1
            case (false, false): break
            }
            counts[kind] = count
        }
    }

    public func precision(_ kind: SignalKind) -> Double {
        let c = counts[kind] ?? (0, 0, 0)
        return c.tp + c.fp == 0 ? 0 : Double(c.tp) / Double(c.tp + c.fp)
    }

    public func recall(_ kind: SignalKind) -> Double {
        let c = counts[kind] ?? (0, 0, 0)
        return c.tp + c.fn == 0 ? 0 : Double(c.tp) / Double(c.tp + c.fn)
    }

    public func support(_ kind: SignalKind) -> Int { (counts[kind]?.tp ?? 0) + (counts[kind]?.fn ?? 0) }
}
