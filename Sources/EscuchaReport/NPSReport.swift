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
    /// The head of the triage queue (the rows the report shows), and how long the whole queue is.
    public var triage: [TriageRow]
    public var triageCount: Int
    public var triageSignals: [String: Int]
    public var undated: Int

    /// Smallest group a driver is computed for: below it the impact is noise.
    public static let minimumDriverMentions = 5
    /// Rows of the queue a report keeps: the HTML shows 15, the Markdown 10.
    public static let triageHead = 15

    /// The report of records in memory, with a queue built from them (or none).
    public init(records: [FeedbackRecord], triage: [TriageRow], topicLabels: [String: String] = [:], period: Period? = nil) {
        var accumulator = ReportAccumulator(store: InMemoryDetractors())
        for record in records { try! accumulator.add(record) }  // an in-memory store does not throw
        var signals: [String: Int] = [:]
        for row in triage { for signal in row.record.signals { signals[signal, default: 0] += 1 } }
        let period = accumulator.period(period)
        self.init(overall: accumulator.overall, groups: accumulator.groups(for: period), period: period, undated: accumulator.undated,
                  links: accumulator.links, methods: accumulator.methods, triageHead: triage, triageCount: triage.count,
                  triageSignals: signals, drivers: accumulator.drivers(labels: topicLabels), topicLabels: topicLabels)
    }

    init(overall: NPSBreakdown, groups: [Dimension: [String: NPSBreakdown]], period: Period, undated: Int,
         links: [String: (documents: Int, linked: Int)], methods: [String: Int], triageHead: [TriageRow], triageCount: Int,
         triageSignals: [String: Int], drivers: [Driver], topicLabels: [String: String]) {
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
        self.links = links.map { ($0.key, $0.value.documents, $0.value.linked) }.sorted { $0.channel < $1.channel }
        self.linkMethods = methods
        self.triage = triageHead
        self.triageCount = triageCount
        self.triageSignals = triageSignals
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
}
