import EscuchaClassify
import EscuchaCore

/// Where the detractors of a run are kept until the queue is sorted: in memory for small runs and tests,
/// in a file for a scan (the command line's spill file), so that a run's memory does not grow with all of
/// its documents.
public protocol DetractorStore {
    /// Keeps a record; returns where it is.
    mutating func keep(_ record: FeedbackRecord) throws -> Int
    func record(at location: Int) throws -> FeedbackRecord
}

/// Records in an array.
public struct InMemoryDetractors: DetractorStore {
    public private(set) var records: [FeedbackRecord] = []
    public init() {}
    public mutating func keep(_ record: FeedbackRecord) -> Int {
        records.append(record)
        return records.count - 1
    }
    public func record(at location: Int) -> FeedbackRecord { records[location] }
}

/// Everything the NPS report, the triage queue and the customer view need, gathered one record at a
/// time: counts by group, the drivers' counts, each customer's running summary, and the detractors
/// (kept in a `DetractorStore`, with what their priority needs). No other record is kept, so a run's
/// memory grows with its detractors, its customers and its groups, not with its documents.
public struct ReportAccumulator<Store: DetractorStore> {
    public private(set) var store: Store
    let filter: TriageFilter

    // NPS
    var overall = NPSBreakdown(key: "total")
    var groups: [NPSReport.Dimension: [String: NPSBreakdown]] = [:]
    /// Both period groupings: which one the report shows depends on the span, known at the end.
    var weeks: [String: NPSBreakdown] = [:]
    var months: [String: NPSBreakdown] = [:]
    var earliest: Timestamp?
    var latest: Timestamp?
    var undated = 0
    var links: [String: (documents: Int, linked: Int)] = [:]
    var methods: [String: Int] = [:]
    var labels: [String: String] = [:]
    // Drivers
    var classedTotal = NPSCount()
    var byTopic: [String: NPSCount] = [:]
    var negativeByTopic: [String: Int] = [:]
    // Triage
    struct Candidate {
        var location: Int
        var id: String
        var timestamp: Timestamp?
        var severity: Double
        var reach: Double
        var customerValue: Double?
        var complainant: String?
    }
    var candidates: [Candidate] = []
    var candidateSignals: [String: Int] = [:]
    var complaints: [String: Int] = [:]
    var customerValues: [String: Double] = [:]
    // Customers
    var customers = CustomerSummary.Builder()

    public init(store: Store, filter: TriageFilter = TriageFilter()) {
        self.store = store
        self.filter = filter
    }

    public mutating func add(_ record: FeedbackRecord) throws {
        overall.add(record)
        func add(_ dimension: NPSReport.Dimension, _ key: String) {
            groups[dimension, default: [:]][key, default: NPSBreakdown(key: key)].add(record)
        }
        add(.channel, record.channel)
        add(.kind, record.kind.rawValue)
        var roots = Set<String>()
        for topic in record.topics where roots.insert(topic.root).inserted { add(.topic, topic.root) }
        for topic in record.topics where labels[topic.id] == nil { labels[topic.id] = topic.label }
        if let segment = record.customer?.segment { add(.segment, segment) }
        if let region = record.customer?.region { add(.region, region) }
        if let time = record.timestamp {
            let week = NPSReport.periodKey(time, .week), month = NPSReport.periodKey(time, .month)
            weeks[week, default: NPSBreakdown(key: week)].add(record)
            months[month, default: NPSBreakdown(key: month)].add(record)
            if earliest.map({ time < $0 }) ?? true { earliest = time }
            if latest.map({ time > $0 }) ?? true { latest = time }
        } else {
            undated += 1
        }
        links[record.channel, default: (0, 0)].documents += 1
        if let customer = record.customer {
            links[record.channel, default: (0, 0)].linked += 1
            methods[customer.method, default: 0] += 1
            if let value = customer.value { customerValues[customer.id] = value }
        }
        if let value = record.value {
            classedTotal.add(value)
            var seen = Set<String>()
            for topic in record.topics where seen.insert(topic.id).inserted {
                byTopic[topic.id, default: NPSCount()].add(value)
                if topic.value < 0 { negativeByTopic[topic.id, default: 0] += 1 }
            }
        }
        customers.add(record)
        guard record.value == .detractor else { return }
        let complainant = Triage.complainant(record)
        if let complainant { complaints[complainant, default: 0] += 1 }
        guard filter.accepts(record) else { return }
        let location = try store.keep(record)
        candidates.append(Candidate(location: location, id: record.id, timestamp: record.timestamp, severity: TriagePriority.severity(of: record),
                                    reach: TriagePriority.reach(of: record), customerValue: record.customer?.value, complainant: complainant))
        for signal in record.signals { candidateSignals[signal, default: 0] += 1 }
    }

    /// The queue's order: each detractor's place in the store with its priority, highest first.
    public func queue() -> TriageQueue {
        let sortedValues = customerValues.values.sorted()
        func percentile(_ value: Double) -> Double {
            guard sortedValues.count > 1 else { return sortedValues.isEmpty ? 0 : 1 }
            let below = sortedValues.partitioningIndex { $0 >= value }
            return Double(below) / Double(sortedValues.count - 1)
        }
        var priorities: [TriagePriority] = []
        var others: [Int32] = []
        priorities.reserveCapacity(candidates.count)
        others.reserveCapacity(candidates.count)
        for candidate in candidates {
            let repeats = candidate.complainant.map { (complaints[$0] ?? 1) - 1 } ?? 0
            priorities.append(TriagePriority(severity: candidate.severity, value: candidate.customerValue.map(percentile) ?? 0,
                                             recency: TriagePriority.recency(of: candidate.timestamp, newest: latest),
                                             reach: candidate.reach, repeats: min(1, Double(repeats) / 3)))
            others.append(Int32(repeats))
        }
        // Indices sorted, not rows: a queue of many detractors is sorted in four bytes each.
        var order = (0..<Int32(candidates.count)).map { $0 }
        order.sort { left, right in
            let (l, r) = (Int(left), Int(right))
            return Triage.ranksBefore((priorities[l], candidates[l].timestamp, candidates[l].id), (priorities[r], candidates[r].timestamp, candidates[r].id))
        }
        return TriageQueue(order: order, locations: candidates.map { Int32($0.location) }, priorities: priorities, others: others)
    }

    /// A row of `queue()` with its record, read back from the store.
    public func row(_ entry: (location: Int, priority: TriagePriority, otherComplaints: Int)) throws -> TriageRow {
        TriageRow(record: try store.record(at: entry.location), priority: entry.priority, otherComplaints: entry.otherComplaints)
    }

    /// The rows of `queue()` (or a part of it) with their records.
    public func rows(_ queue: some Sequence<(location: Int, priority: TriagePriority, otherComplaints: Int)>) throws -> [TriageRow] {
        try queue.map(row)
    }

    /// The report, with the head of the queue (`head` rows) for its triage section.
    public func report(queue: TriageQueue, head: Int = NPSReport.triageHead,
                       period: NPSReport.Period? = nil) throws -> NPSReport {
        let period = self.period(period)
        return NPSReport(overall: overall, groups: groups(for: period), period: period, undated: undated, links: links, methods: methods,
                         triageHead: try rows(queue.prefix(head)), triageCount: queue.count, triageSignals: candidateSignals,
                         drivers: drivers(labels: labels), topicLabels: labels)
    }

    /// The period given, or weeks for up to three months of data (about twelve points) and months beyond.
    func period(_ given: NPSReport.Period?) -> NPSReport.Period {
        let span = (latest?.secondsSinceEpoch ?? 0) - (earliest?.secondsSinceEpoch ?? 0)
        return given ?? (span > 92 * 86_400 ? .month : .week)
    }

    /// The groups by dimension, the periods being weeks or months.
    func groups(for period: NPSReport.Period) -> [NPSReport.Dimension: [String: NPSBreakdown]] {
        var groups = self.groups
        let periods = period == .week ? weeks : months
        if !periods.isEmpty { groups[.period] = periods }
        return groups
    }

    func drivers(labels: [String: String]) -> [Driver] {
        guard let overall = classedTotal.score else { return [] }
        return byTopic.compactMap { topic, count -> Driver? in
            guard count.n >= NPSReport.minimumDriverMentions else { return nil }
            let rest = NPSCount(promoters: classedTotal.promoters - count.promoters, passives: classedTotal.passives - count.passives,
                                detractors: classedTotal.detractors - count.detractors)
            guard let without = rest.score else { return nil }
            return Driver(topic: topic, label: labels[topic] ?? topic, count: count, impact: overall - without,
                          negativeMentions: negativeByTopic[topic] ?? 0)
        }.sorted { $0.topic < $1.topic }
    }

    /// One summary per customer, most negative mentions first.
    public func customerSummaries() -> [CustomerSummary] { customers.summaries() }
}

/// The triage queue in order: each detractor's place in its store, its priority and its other complaints.
public struct TriageQueue: RandomAccessCollection {
    let order: [Int32]
    let locations: [Int32]
    let priorities: [TriagePriority]
    let others: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    public subscript(position: Int) -> (location: Int, priority: TriagePriority, otherComplaints: Int) {
        let index = Int(order[position])
        return (Int(locations[index]), priorities[index], Int(others[index]))
    }
}
