import EscuchaCore

/// The Net Promoter classes.
public enum CustomerClass: String, Sendable, CaseIterable, Comparable {
    case promoter, passive, detractor

    /// Detractors first: the order complaint teams read in.
    public static func < (lhs: CustomerClass, rhs: CustomerClass) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int { self == .detractor ? 0 : self == .passive ? 1 : 2 }

    /// Spanish labels for reports.
    public var label: String {
        switch self {
        case .promoter: return "promotor"
        case .passive: return "pasivo"
        case .detractor: return "detractor"
        }
    }
}

/// What a class was taken from.
public enum ClassBasis: String, Sendable, CaseIterable {
    /// The customer's own answer to the recommendation question (NPS 0–10), or a CSAT score when the
    /// survey asked no NPS question.
    case score
    /// A star rating.
    case rating
    /// Inferred from what the customer wrote.
    case text
}

/// A class with where it came from: stated by the customer (score or rating) or inferred from the text.
public struct StatedClass: Sendable, Equatable {
    public var value: CustomerClass
    public var basis: ClassBasis
    /// The number it came from, as the customer gave it (`3` on 0–10, `4.5` stars).
    public var from: Double
    /// The scale of `from`.
    public var scale: Scale

    public enum Scale: String, Sendable, CaseIterable {
        /// 0–10, the recommendation question.
        case nps
        /// 1–5 satisfaction.
        case csat
        /// 1–5 stars.
        case stars
    }

    public init(value: CustomerClass, basis: ClassBasis, from: Double, scale: Scale) {
        self.value = value
        self.basis = basis
        self.from = from
        self.scale = scale
    }

    /// How deep into detraction the stated number is, 0–1: NPS 0 → 1, NPS 6 and above → 0; one star
    /// (or CSAT 1) → 1, three and above → 0.
    public var depth: Double {
        switch scale {
        case .nps: return max(0, 6 - from) / 6
        case .csat, .stars: return max(0, 3 - from) / 2
        }
    }

    /// NPS: 0–6 detractor, 7–8 passive, 9–10 promoter (the definition of the Net Promoter Score).
    public static func fromNPS(_ score: Int) -> StatedClass {
        StatedClass(value: score <= 6 ? .detractor : score <= 8 ? .passive : .promoter, basis: .score, from: Double(score), scale: .nps)
    }

    /// Stars on 1–5 put on the 0–10 scale linearly (1 → 0, 3 → 5, 5 → 10) and classed like NPS: 1–3.5
    /// detractor (3.5 is 6.25), 4–4.5 passive, 5 promoter. Three stars is 5 out of 10: below the passives' 7, as
    /// customers who give three stars rarely recommend.
    public static func fromStars(_ stars: Double, basis: ClassBasis = .rating) -> StatedClass {
        let onTen = (stars - 1) * 2.5
        return StatedClass(value: onTen < 7 ? .detractor : onTen < 9 ? .passive : .promoter, basis: basis, from: stars,
                           scale: basis == .rating ? .stars : .csat)
    }

    /// The class a document states, if any: NPS first, then CSAT (same mapping as stars), then a rating.
    /// A customer effort score says how hard something was, not whether they would recommend: it is
    /// not a class.
    public static func of(_ document: Document) -> StatedClass? {
        if let nps = document.scores.nps { return fromNPS(nps) }
        if let csat = document.scores.csat { return fromStars(Double(csat), basis: .score) }
        if let rating = document.rating { return fromStars(rating) }
        return nil
    }
}
