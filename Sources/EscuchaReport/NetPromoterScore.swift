import EscuchaClassify

/// Promoters, passives and detractors counted, with the Net Promoter Score and its margin of error.
///
/// NPS = 100 × (p − d), with p and d the promoter and detractor shares. Each answer is +1, 0 or −1,
/// so the variance of one answer is p + d − (p − d)²; the 95% margin of error of the mean is
/// 1.96 × √(variance / n), × 100 in NPS points. With fewer than two answers there is no margin.
public struct NPSCount: Sendable, Equatable {
    public var promoters = 0
    public var passives = 0
    public var detractors = 0

    public init(promoters: Int = 0, passives: Int = 0, detractors: Int = 0) {
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
    }

    public var n: Int { promoters + passives + detractors }

    public mutating func add(_ value: CustomerClass) {
        switch value {
        case .promoter: promoters += 1
        case .passive: passives += 1
        case .detractor: detractors += 1
        }
    }

    public static func + (lhs: NPSCount, rhs: NPSCount) -> NPSCount {
        NPSCount(promoters: lhs.promoters + rhs.promoters, passives: lhs.passives + rhs.passives, detractors: lhs.detractors + rhs.detractors)
    }

    /// −100…100; nil for no answers.
    public var score: Double? {
        guard n > 0 else { return nil }
        return 100 * Double(promoters - detractors) / Double(n)
    }

    /// Half-width of the 95% confidence interval, in NPS points; nil below two answers.
    public var marginOfError: Double? {
        guard n >= 2 else { return nil }
        let p = Double(promoters) / Double(n), d = Double(detractors) / Double(n)
        let variance = p + d - (p - d) * (p - d)
        return 100 * 1.96 * (variance / Double(n)).squareRoot()
    }

    /// `+12 ±9 (n=80)`, or `—` for no answers.
    public var formatted: String {
        guard let score else { return "—" }
        let margin = marginOfError.map { String(format: " ±%.0f", $0) } ?? ""
        return String(format: "%+.0f", score) + margin + " (n=\(n))"
    }
}
