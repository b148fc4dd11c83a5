import EscuchaClassify
import EscuchaCore

/// NPS counted three ways for one group of documents: from stated classes only, from inferred classes
/// of documents that state none, and from the effective class of all.
public struct NPSBreakdown: Sendable, Equatable {
    public var key: String
    public var stated = NPSCount()
    public var inferred = NPSCount()
    public var documents = 0
    public var compoundSum = 0.0

    public init(key: String) { self.key = key }

    public var all: NPSCount { stated + inferred }
    public var meanCompound: Double { documents == 0 ? 0 : compoundSum / Double(documents) }

    mutating func add(_ record: FeedbackRecord) {
        documents += 1
        compoundSum += record.compound
        if let stated = record.stated { self.stated.add(stated.value) } else if let inferred = record.inferred { self.inferred.add(inferred.value) }
    }
}

/// A topic's pull on NPS: how many points the overall NPS moves when its documents are left out.
/// Negative impact: the topic drags NPS down (a detractor driver); positive: it lifts it (a praise driver).
public struct Driver: Sendable, Equatable {
    public var topic: String
    public var label: String
    public var count: NPSCount
    /// NPS(all) − NPS(all but this topic's documents), in points.
    public var impact: Double
    public var negativeMentions: Int
}

/// What `escucha report` shows: NPS overall and by channel, kind, topic, segment, region and period,
/// the drivers, volume and sentiment over time, links, and the head of the triage queue.
public struct NPSReport: Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case channel, kind, topic, segment, region, period

        public var label: String {
            switch self {
            case .channel: return "Canal"
            case .kind: return "Tipo de fuente"
            case .topic: return "Tema"
            case .segment: return "Segmento"
            case .region: return "Región"
            case .period: return "Periodo"
            }
        }
    }

    public enum Period: String, Sendable { case week, month }

    public var overall: NPSBreakdown
    public var breakdowns: [Dimension: [NPSBreakdown]]
    public var detractorDrivers: [Driver]
    public var praiseDrivers: [Driver]
    public var period: Period
    /// Documents per source (channel) and how many were linked to a customer.
    public var links: [(channel: String, documents: Int, linked: Int)]
    public var linkMethods: [String: Int]
    public var triage: [TriageRow]
    public var triageSignals: [String: Int]
    public var undated: Int

    /// Smallest group a driver is computed for: below it the impact is noise.
    public static let minimumDriverMentions = 5

    public init(records: [FeedbackRecord], triage: [TriageRow], topicLabels: [String: String] = [:], period: Period? = nil) {
        var overall = NPSBreakdown(key: "total")
        var groups: [Dimension: [String: NPSBreakdown]] = [:]
        let dated = records.compactMap(\.timestamp)
        let span = (dated.max()?.secondsSinceEpoch ?? 0) - (dated.min()?.secondsSinceEpoch ?? 0)
        // Weeks for up to three months of data (about twelve points), months beyond.
        let period = period ?? (span > 92 * 86_400 ? .month : .week)
        var links: [String: (Int, Int)] = [:]
        var methods: [String: Int] = [:]
        var undated = 0
        for record in records {
            overall.add(record)
            func add(_ dimension: Dimension, _ key: String) {
                groups[dimension, default: [:]][key, default: NPSBreakdown(key: key)].add(record)
            }
            add(.channel, record.channel)
            add(.kind, record.kind.rawValue)
            var roots = Set<String>()
            for topic in record.topics where roots.insert(topic.root).inserted { add(.topic, topic.root) }
            if let segment = record.customer?.segment { add(.segment, segment) }
            if let region = record.customer?.region { add(.region, region) }
            if let time = record.timestamp { add(.period, Self.periodKey(time, period)) } else { undated += 1 }
            links[record.channel, default: (0, 0)].0 += 1
            if let customer = record.customer {
                links[record.channel, default: (0, 0)].1 += 1
                methods[customer.method, default: 0] += 1
            }
        }
        self.overall = overall
        self.period = period
        self.undated = undated
        var breakdowns: [Dimension: [NPSBreakdown]] = [:]
        for (dimension, byKey) in groups {
            breakdowns[dimension] = dimension == .period
                ? byKey.values.sorted { $0.key < $1.key }
                : byKey.values.sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.key < $1.key }
        }
        if var topics = breakdowns[.topic] {
            for index in topics.indices { topics[index].key = topicLabels[topics[index].key].map { "\($0) (\(topics[index].key))" } ?? topics[index].key }
            breakdowns[.topic] = topics
        }
        self.breakdowns = breakdowns
        self.links = links.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.channel < $1.channel }
        self.linkMethods = methods
        self.triage = triage
        var signals: [String: Int] = [:]
        for row in triage { for signal in row.record.signals { signals[signal, default: 0] += 1 } }
        self.triageSignals = signals
        let drivers = Self.drivers(records, labels: topicLabels)
        detractorDrivers = drivers.filter { $0.impact < 0 }.sorted { $0.impact < $1.impact }
        praiseDrivers = drivers.filter { $0.impact > 0 }.sorted { $0.impact > $1.impact }
    }

    /// `2024-03` or ISO week `2024-W11`, in the document's own time zone.
    public static func periodKey(_ time: Timestamp, _ period: Period) -> String {
        let civil = time.civil
        switch period {
        case .month:
            return String(format: "%04d-%02d", civil.year, civil.month)
        case .week:
            // ISO 8601: a week belongs to the year of its Thursday. 1970-01-01 (day 0) was a Thursday.
            let days = CivilDate.daysFromCivil(year: civil.year, month: civil.month, day: civil.day)
            let weekday = Int(((days + 3) % 7 + 7) % 7) + 1
            let thursday = days - Int64(weekday) + 4
            let year = CivilDate.civilFromDays(thursday).year
            let week = Int(thursday - CivilDate.daysFromCivil(year: year, month: 1, day: 1)) / 7 + 1
            return String(format: "%04d-W%02d", year, week)
        }
    }

    static func drivers(_ records: [FeedbackRecord], labels: [String: String]) -> [Driver] {
        var total = NPSCount()
        var byTopic: [String: NPSCount] = [:]
        var negative: [String: Int] = [:]
        for record in records {
            guard let value = record.value else { continue }
            total.add(value)
            var seen = Set<String>()
            for topic in record.topics where seen.insert(topic.id).inserted {
                byTopic[topic.id, default: NPSCount()].add(value)
                if topic.value < 0 { negative[topic.id, default: 0] += 1 }
            }
        }
        guard let overall = total.score else { return [] }
        return byTopic.compactMap { topic, count -> Driver? in
            guard count.n >= minimumDriverMentions else { return nil }
            let rest = NPSCount(promoters: total.promoters - count.promoters, passives: total.passives - count.passives,
                                detractors: total.detractors - count.detractors)
            guard let without = rest.score else { return nil }
            return Driver(topic: topic, label: labels[topic] ?? topic, count: count, impact: overall - without,
                          negativeMentions: negative[topic] ?? 0)
        }.sorted { $0.topic < $1.topic }
    }
}
