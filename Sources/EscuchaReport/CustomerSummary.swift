import EscuchaClassify
import EscuchaCore

/// Everything a run says about one customer: all mentions across channels, the latest class and its
/// trend, negative mentions, topics and signals, first and last contact. Linked documents group by
/// customer; unlinked social posts group by handle on their network, so a frequent complainer who is
/// not in the CRM still shows up as one person.
public struct CustomerSummary: Sendable {
    public var key: String
    public var customer: LinkedCustomer?
    public var handle: String?
    public var mentions: Int
    public var channels: [String: Int]
    public var negativeMentions: Int
    public var first: Timestamp?
    public var last: Timestamp?
    public var latestClass: CustomerClass?
    public var latestBasis: ClassBasis?
    /// `worse`, `better`, `same` (latest class against the one before), or `single` for one classed mention.
    public var trend: String
    public var topics: [(id: String, count: Int)]
    public var signals: [String: Int]

    static func rank(_ value: CustomerClass) -> Int { value == .detractor ? 0 : value == .passive ? 1 : 2 }

    public static func build(_ records: [FeedbackRecord]) -> [CustomerSummary] {
        var builder = Builder()
        for record in records { builder.add(record) }
        return builder.summaries()
    }

    /// Summaries built one record at a time: per customer, counts and the few mentions that decide the
    /// summary (the earliest, the last two classed ones), not every mention.
    struct Builder {
        /// A mention's place in time order: undated first, then by time, then by document id.
        typealias Order = (time: Int64, id: String)

        struct State {
            var earliest: (order: Order, customer: LinkedCustomer?, author: String?)
            var mentions = 0
            var channels: [String: Int] = [:]
            var negative = 0
            var first: Timestamp?
            var last: Timestamp?
            var latest: (order: Order, value: CustomerClass, basis: ClassBasis?)?
            var before: (order: Order, value: CustomerClass, basis: ClassBasis?)?
            var classed = 0
            var topics: [String: Int] = [:]
            var signals: [String: Int] = [:]
        }

        var states: [String: State] = [:]

        static func precedes(_ lhs: Order, _ rhs: Order) -> Bool { (lhs.time, lhs.id) < (rhs.time, rhs.id) }

        mutating func add(_ record: FeedbackRecord) {
            guard let key = Triage.complainant(record) else { return }
            let order: Order = (record.timestamp?.secondsSinceEpoch ?? .min, record.id)
            var state = states[key] ?? State(earliest: (order, record.customer, record.author))
            // Equal places keep the order of arrival, as a stable sort would.
            if Self.precedes(order, state.earliest.order) { state.earliest = (order, record.customer, record.author) }
            state.mentions += 1
            state.channels[record.channel, default: 0] += 1
            if record.value == .detractor || record.compound < 0 { state.negative += 1 }
            if let time = record.timestamp {
                if state.first.map({ time < $0 }) ?? true { state.first = time }
                if state.last.map({ time > $0 }) ?? true { state.last = time }
            }
            if let value = record.value {
                state.classed += 1
                let mention = (order, value, record.basis)
                if let latest = state.latest, Self.precedes(order, latest.order) {
                    if state.before.map({ !Self.precedes(order, $0.order) }) ?? true { state.before = mention }
                } else {
                    state.before = state.latest
                    state.latest = mention
                }
            }
            for topic in Set(record.topics.map(\.id)) { state.topics[topic, default: 0] += 1 }
            for signal in record.signals { state.signals[signal, default: 0] += 1 }
            states[key] = state
        }

        func summaries() -> [CustomerSummary] {
            states.map { key, state in
                var trend = state.classed > 1 ? "same" : "single"
                if let latest = state.latest, let before = state.before, state.classed > 1 {
                    let now = rank(latest.value), then = rank(before.value)
                    trend = now < then ? "worse" : now > then ? "better" : "same"
                }
                return CustomerSummary(
                    key: key, customer: state.earliest.customer, handle: state.earliest.customer == nil ? state.earliest.author : nil,
                    mentions: state.mentions, channels: state.channels, negativeMentions: state.negative,
                    first: state.first, last: state.last, latestClass: state.latest?.value, latestBasis: state.latest?.basis, trend: trend,
                    topics: state.topics.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map { ($0.key, $0.value) },
                    signals: state.signals)
            }.sorted { $0.negativeMentions != $1.negativeMentions ? $0.negativeMentions > $1.negativeMentions : $0.key < $1.key }
        }
    }

    /// One JSON object per customer (`customers.jsonl`); ids masked on request.
    public static func jsonLines(_ summaries: [CustomerSummary], masked: Bool) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: summaries.count * 400)
        for summary in summaries {
            writer.beginObject()
            if let customer = summary.customer {
                writer.member("customer_id", masked ? PersonalDataMasker.idMask : customer.id)
                writer.member("name", customer.name)
                writer.member("segment", customer.segment)
                writer.member("region", customer.region)
                writer.member("value", customer.value)
                writer.key("opt_out"); writer.bool(customer.optOut)
            } else {
                writer.member("handle", summary.handle)
                writer.member("network", String(summary.key.prefix { $0 != ":" }))
            }
            writer.key("mentions"); writer.int(summary.mentions)
            writer.key("channels")
            writer.beginObject()
            for (channel, n) in summary.channels.sorted(by: { $0.key < $1.key }) { writer.key(channel); writer.int(n) }
            writer.endObject()
            writer.key("negative_mentions"); writer.int(summary.negativeMentions)
            writer.member("first_contact", summary.first?.iso8601)
            writer.member("last_contact", summary.last?.iso8601)
            writer.member("latest_class", summary.latestClass?.rawValue)
            writer.member("latest_basis", summary.latestBasis?.rawValue)
            writer.member("trend", summary.trend)
            writer.key("topics")
            writer.beginArray()
            for topic in summary.topics {
                writer.beginObject(); writer.member("topic", topic.id); writer.key("mentions"); writer.int(topic.count); writer.endObject()
            }
            writer.endArray()
            writer.key("signals")
            writer.beginObject()
            for (signal, n) in summary.signals.sorted(by: { $0.key < $1.key }) { writer.key(signal); writer.int(n) }
            writer.endObject()
            writer.endObject()
            writer.newline()
        }
        return writer.bytes
    }
}
