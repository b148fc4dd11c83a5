import EscuchaLexicon
import EscuchaSentiment

/// Maps topics to an evaluation's aspect categories (SemEval's `FOOD#QUALITY`…): a TSV file with the header
/// `topic	category`, where a topic id also covers its descendants, and the topic `*` names the category of a
/// sentence that has an opinion but no mapped topic (SemEval's `RESTAURANT#GENERAL`).
public struct AspectMapping: Sendable {
    public var rows: [(topic: String, category: String)]
    public var fallback: String?

    public static func load(_ path: String) throws(LexiconError) -> AspectMapping {
        let table = try TSVTable.load(path, columns: ["topic", "category"], uniqueKey: false)
        var rows: [(String, String)] = []
        var fallback: String?
        for row in table.rows {
            if row.fields[0] == "*" { fallback = row.fields[1] } else { rows.append((row.fields[0], row.fields[1])) }
        }
        // The most specific topic first: `restaurant.food.prices` before `restaurant.food`.
        rows.sort { $0.0.count > $1.0.count }
        return AspectMapping(rows: rows, fallback: fallback)
    }

    public func category(of topic: String) -> String? {
        rows.first { topic == $0.topic || topic.hasPrefix($0.topic + ".") }?.category
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

    public init() {}

    /// One sentence: the gold aspects (category, polarity as `positive`/`negative`/`neutral`) and what was found.
    public mutating func add(gold: [(category: String, polarity: String)], topics: [TopicAnalysis], sentenceLabel: SentimentLabel,
                             sentenceCompound: Double = 0, mapping: AspectMapping) {
        sentences += 1
        // SemEval's aspects are targets of opinions: in a sentence without any opinion, topics named are not
        // aspects (`pedimos vino y pescado`).
        var predicted: [String: Double] = [:]
        let mapped = topics.compactMap { topic in mapping.category(of: topic.topic.id).map { ($0, topic.value) } }
        let opinionated = sentenceLabel != .neu || mapped.contains { $0.1 != 0 }
        for (category, value) in mapped where opinionated {
            predicted[category, default: 0] += value
        }
        if predicted.isEmpty, sentenceLabel != .neu, let fallback = mapping.fallback { predicted[fallback] = 0 }
        let goldCategories = Set(gold.map(\.category))
        truePositives += goldCategories.intersection(predicted.keys).count
        falsePositives += Set(predicted.keys).subtracting(goldCategories).count
        falseNegatives += goldCategories.subtracting(predicted.keys).count
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
            if label == expected { polarityCorrect += 1 }
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
