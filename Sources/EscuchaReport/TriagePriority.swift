import Foundation
import EscuchaCore

/// The triage priority of a detractor's document, 0–100, and the parts it is made of.
///
/// priority = 100 × (0.40 severity + 0.20 value + 0.15 recency + 0.15 reach + 0.10 repeat)
///
/// - severity (0–1): how bad it is. The larger of the text's negativity (−compound) and the stated
///   score's depth (NPS 0 → 1, NPS 6 → 0; one star → 1, three → 0), plus 0.40 for a legal threat, 0.35
///   for churn intent or urgency/safety, 0.15 for effort or repeat contact, 0.10 for telling others
///   not to buy; capped at 1. Severity weighs most: a complaint team's first duty is to the worst cases.
/// - value (0–1): the customer's value as a percentile among the linked customers of the run (unknown
///   or unlinked: 0). High-value customers are the costliest to lose.
/// - recency (0–1): e^(−days/30), days counted back from the newest document of the run, so that an
///   old export triages the same way today as on the day it was taken. Undated: 0.
/// - reach (0–1): log10(1 + followers + 10 × (likes + reposts)) / 6, capped at 1: a post seen by a
///   million people (6 orders of magnitude) is at the top; a survey answer has no reach.
/// - repeat (0–1): the same customer's other negative mentions in the run, a third each, capped at 1:
///   a customer who complains again has been failed twice.
public struct TriagePriority: Sendable, Equatable {
    public var severity: Double
    public var value: Double
    public var recency: Double
    public var reach: Double
    public var repeats: Double

    public static let weights = (severity: 0.40, value: 0.20, recency: 0.15, reach: 0.15, repeats: 0.10)
    public static let signalSeverity: [String: Double] = [
        "legal": 0.40, "churn": 0.35, "urgency": 0.35, "effort": 0.15, "repeat_contact": 0.15, "not_recommend": 0.10,
    ]
    /// Days for recency to fall to 1/e.
    public static let recencyDays = 30.0

    public init(severity: Double, value: Double, recency: Double, reach: Double, repeats: Double) {
        self.severity = severity
        self.value = value
        self.recency = recency
        self.reach = reach
        self.repeats = repeats
    }

    public var total: Double {
        let w = Self.weights
        return 100 * (w.severity * severity + w.value * value + w.recency * recency + w.reach * reach + w.repeats * repeats)
    }

    public static func severity(of record: FeedbackRecord) -> Double {
        // A stated depth is 0 outside detraction (NPS 6 and up, three stars and up).
        let depth = max(-record.compound, record.stated?.depth ?? 0, 0)
        let bonus = record.signals.reduce(0) { $0 + (signalSeverity[$1] ?? 0) }
        return min(1, depth + bonus)
    }

    public static func reach(of record: FeedbackRecord) -> Double {
        let audience = Double(record.followers ?? 0) + 10 * Double((record.likes ?? 0) + (record.reposts ?? 0))
        guard audience > 0 else { return 0 }
        return min(1, log10(1 + audience) / 6)
    }

    public static func recency(of timestamp: Timestamp?, newest: Timestamp?) -> Double {
        guard let timestamp, let newest else { return 0 }
        let days = max(0, Double(newest.secondsSinceEpoch - timestamp.secondsSinceEpoch) / 86_400)
        return exp(-days / recencyDays)
    }
}

