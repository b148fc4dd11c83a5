import EscuchaClassify
import EscuchaCore
import EscuchaIngest

/// A record as one compact JSON array and back, exactly (`FeedbackRecord(spilled:)` of `spill()` is equal
/// to the record): how a scan keeps its detractors on disk until the queue is sorted. Positional, private
/// to a run: not a format for pipelines (documents.jsonl is that).
extension FeedbackRecord {
    public func spill(to writer: inout JSONWriter) {
        func optional(_ value: String?) { if let value { writer.string(value) } else { writer.null() } }
        func optional(_ value: Double?) { if let value { writer.double(value) } else { writer.null() } }
        func optional(_ value: Int?) { if let value { writer.int(value) } else { writer.null() } }
        writer.beginArray()
        writer.string(id)
        writer.string(kind.rawValue)
        writer.string(channel)
        if let timestamp {
            writer.beginArray(); writer.int64(timestamp.secondsSinceEpoch); writer.int(Int(timestamp.utcOffsetSeconds)); writer.endArray()
        } else {
            writer.null()
        }
        optional(author)
        writer.double(compound)
        if let stated {
            writer.beginArray()
            writer.string(stated.value.rawValue); writer.string(stated.basis.rawValue); writer.double(stated.from); writer.string(stated.scale.rawValue)
            writer.endArray()
        } else {
            writer.null()
        }
        if let inferred {
            writer.beginArray()
            writer.string(inferred.value.rawValue)
            writer.beginArray(); for reason in inferred.reasons { writer.string(reason) }; writer.endArray()
            writer.endArray()
        } else {
            writer.null()
        }
        writer.beginArray()
        for topic in topics { writer.beginArray(); writer.string(topic.id); writer.string(topic.label); writer.double(topic.value); writer.endArray() }
        writer.endArray()
        writer.beginArray(); for signal in signals { writer.string(signal) }; writer.endArray()
        optional(followers)
        optional(likes)
        optional(reposts)
        if let customer {
            writer.beginArray()
            writer.string(customer.id); optional(customer.name); writer.string(customer.method); optional(customer.segment)
            optional(customer.region); optional(customer.value); writer.bool(customer.optOut)
            writer.endArray()
        } else {
            writer.null()
        }
        writer.beginArray()
        writer.string(snippet.text)
        writer.beginArray()
        for mark in snippet.marks { writer.beginArray(); writer.int(mark.lowerBound); writer.int(mark.upperBound); writer.endArray() }
        writer.endArray()
        writer.endArray()
        writer.endArray()
    }

    public init?(spilled json: JSONValue) {
        guard case .array(let fields) = json, fields.count == 15,
              let id = fields[0].string, let kind = fields[1].string.flatMap(DocumentKind.init(rawValue:)), let channel = fields[2].string,
              let compound = fields[5].double else { return nil }
        var timestamp: Timestamp?
        if case .array(let parts) = fields[3], parts.count == 2, let seconds = parts[0].int.map(Int64.init), let offset = parts[1].int {
            timestamp = Timestamp(secondsSinceEpoch: seconds, utcOffsetSeconds: Int32(offset))
        }
        var stated: StatedClass?
        if case .array(let parts) = fields[6], parts.count == 4, let value = parts[0].string.flatMap(CustomerClass.init(rawValue:)),
           let basis = parts[1].string.flatMap(ClassBasis.init(rawValue:)), let from = parts[2].double,
           let scale = parts[3].string.flatMap(StatedClass.Scale.init(rawValue:)) {
            stated = StatedClass(value: value, basis: basis, from: from, scale: scale)
        }
        var inferred: TextClassifier.Inference?
        if case .array(let parts) = fields[7], parts.count == 2, let value = parts[0].string.flatMap(CustomerClass.init(rawValue:)),
           case .array(let reasons) = parts[1] {
            inferred = TextClassifier.Inference(value: value, reasons: reasons.compactMap(\.string))
        }
        guard case .array(let topicItems) = fields[8], case .array(let signalItems) = fields[9] else { return nil }
        let topics = topicItems.compactMap { item -> TopicMention? in
            guard case .array(let parts) = item, parts.count == 3, let id = parts[0].string, let label = parts[1].string, let value = parts[2].double
            else { return nil }
            return TopicMention(id: id, label: label, value: value)
        }
        var customer: LinkedCustomer?
        if case .array(let parts) = fields[13], parts.count == 7, let customerID = parts[0].string, let method = parts[2].string,
           case .bool(let optOut) = parts[6] {
            customer = LinkedCustomer(id: customerID, name: parts[1].string, method: method, segment: parts[3].string, region: parts[4].string,
                                      value: parts[5].double, optOut: optOut)
        }
        guard case .array(let snippetParts) = fields[14], snippetParts.count == 2, let text = snippetParts[0].string,
              case .array(let markItems) = snippetParts[1] else { return nil }
        let marks = markItems.compactMap { item -> Range<Int>? in
            guard case .array(let bounds) = item, bounds.count == 2, let lower = bounds[0].int, let upper = bounds[1].int, lower <= upper else { return nil }
            return lower..<upper
        }
        self.init(id: id, kind: kind, channel: channel, timestamp: timestamp, author: fields[4].string, compound: compound, stated: stated,
                  inferred: inferred, topics: topics, signals: signalItems.compactMap(\.string), followers: fields[10].int, likes: fields[11].int,
                  reposts: fields[12].int, customer: customer, snippet: Snippet(text: text, marks: marks))
    }
}

private extension JSONValue {
    var string: String? { if case .string(let text) = self { return text } else { return nil } }
    var double: Double? { if case .number(let text) = self { return Double(text) } else { return nil } }
    var int: Int? { if case .number(let text) = self { return Int(text) } else { return nil } }
}
