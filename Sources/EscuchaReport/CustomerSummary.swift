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
        var groups: [String: [FeedbackRecord]] = [:]
        var order: [String] = []
        for record in records {
            guard let key = Triage.complainant(record) else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        return order.map { key in
            // Undated mentions sort first: the latest class is the latest dated one.
            let mentions = groups[key]!.sorted { ($0.timestamp?.secondsSinceEpoch ?? .min, $0.id) < ($1.timestamp?.secondsSinceEpoch ?? .min, $1.id) }
            let classed = mentions.filter { $0.value != nil }
            var trend = classed.count > 1 ? "same" : "single"
            if classed.count > 1 {
                let latest = rank(classed[classed.count - 1].value!), before = rank(classed[classed.count - 2].value!)
                trend = latest < before ? "worse" : latest > before ? "better" : "same"
            }
            var topicCounts: [String: Int] = [:]
            var signals: [String: Int] = [:]
            var channels: [String: Int] = [:]
            for mention in mentions {
                for topic in Set(mention.topics.map(\.id)) { topicCounts[topic, default: 0] += 1 }
                for signal in mention.signals { signals[signal, default: 0] += 1 }
                channels[mention.channel, default: 0] += 1
            }
            let dated = mentions.compactMap(\.timestamp)
            return CustomerSummary(
                key: key, customer: mentions.first?.customer, handle: mentions.first?.customer == nil ? mentions.first?.author : nil,
                mentions: mentions.count, channels: channels,
                negativeMentions: mentions.filter { $0.value == .detractor || $0.compound < 0 }.count,
                first: dated.min(), last: dated.max(), latestClass: classed.last?.value, latestBasis: classed.last?.basis, trend: trend,
                topics: topicCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map { ($0.key, $0.value) },
                signals: signals)
        }.sorted { $0.negativeMentions != $1.negativeMentions ? $0.negativeMentions > $1.negativeMentions : $0.key < $1.key }
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
