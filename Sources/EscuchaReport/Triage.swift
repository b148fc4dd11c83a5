import EscuchaClassify
import EscuchaCore

/// One detractor in the queue, with its priority and the parts it is made of.
public struct TriageRow: Sendable, Equatable {
    public var record: FeedbackRecord
    public var priority: TriagePriority
    /// The customer's other negative mentions in the run.
    public var otherComplaints: Int
}

/// What to keep in the queue. Every condition given must hold; topics and channels match by prefix
/// (`service` keeps `service.waiting_time`; `survey` keeps `survey:nps-movilnet-2024t1`).
public struct TriageFilter: Sendable, Equatable {
    public var topics: [String] = []
    public var signals: [String] = []
    public var segments: [String] = []
    public var channels: [String] = []
    public var since: Timestamp?
    public var until: Timestamp?

    public init(topics: [String] = [], signals: [String] = [], segments: [String] = [], channels: [String] = [],
                since: Timestamp? = nil, until: Timestamp? = nil) {
        self.topics = topics
        self.signals = signals
        self.segments = segments
        self.channels = channels
        self.since = since
        self.until = until
    }

    public func accepts(_ record: FeedbackRecord) -> Bool {
        if !topics.isEmpty, !record.topics.contains(where: { topic in topics.contains { topic.id == $0 || topic.id.hasPrefix($0 + ".") } }) { return false }
        if !signals.isEmpty, !record.signals.contains(where: signals.contains) { return false }
        if !segments.isEmpty {
            guard let segment = record.customer?.segment?.lowercased(), segments.contains(where: { $0.lowercased() == segment }) else { return false }
        }
        if !channels.isEmpty, !channels.contains(where: record.channel.hasPrefix) { return false }
        if let since { guard let time = record.timestamp, time >= since else { return false } }
        if let until { guard let time = record.timestamp, time < until else { return false } }
        return true
    }
}

/// The triage queue: the documents whose class is detractor (stated, or inferred where nothing was
/// stated), highest priority first.
public enum Triage {
    /// Who a complaint is from, for counting repeats: the linked customer, else the handle on its network.
    static func complainant(_ record: FeedbackRecord) -> String? {
        if let customer = record.customer { return "customer:" + customer.id }
        if let author = record.author, author.hasPrefix("@") { return record.channel + ":" + author.lowercased() }
        return nil
    }

    public static func queue(_ records: [FeedbackRecord], filter: TriageFilter = TriageFilter()) -> [TriageRow] {
        var accumulator = ReportAccumulator(store: InMemoryDetractors(), filter: filter)
        for record in records { try! accumulator.add(record) }  // an in-memory store does not throw
        return try! accumulator.rows(accumulator.queue())
    }

    /// The queue's order: priority (to a tenth) first, then the newest, then the document id.
    static func ranksBefore(_ lhs: (priority: TriagePriority, timestamp: Timestamp?, id: String),
                            _ rhs: (priority: TriagePriority, timestamp: Timestamp?, id: String)) -> Bool {
        let left = (lhs.priority.total * 10).rounded(), right = (rhs.priority.total * 10).rounded()
        if left != right { return left > right }
        let leftTime = lhs.timestamp?.secondsSinceEpoch ?? .min, rightTime = rhs.timestamp?.secondsSinceEpoch ?? .min
        if leftTime != rightTime { return leftTime > rightTime }
        return lhs.id < rhs.id
    }
}
