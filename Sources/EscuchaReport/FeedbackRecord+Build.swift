import EscuchaClassify
import EscuchaCore
import EscuchaIngest

/// Where a document's score came from, as UTF-8 byte ranges into its text: what the snippet is cut
/// from. Filled from the analysis while scanning, or from the JSON a scan wrote.
public struct ScoreEvidence: Sendable {
    public var sentences: [(range: Range<Int>, compound: Double)] = []
    public var contributions: [(range: Range<Int>, value: Double)] = []
    public var signals: [(name: String, ranges: [Range<Int>])] = []

    public init() {}
}

extension FeedbackRecord {
    /// `@handle` when the author has one, else the name.
    public static func authorLabel(handle: String?, name: String?) -> String? {
        if let handle, !handle.isEmpty { return "@" + handle }
        return name
    }

    /// Signal names in order of first evidence, each once.
    static func signalNames(_ signals: [(name: String, ranges: [Range<Int>])]) -> [String] {
        var seen = Set<String>()
        return signals.sorted { ($0.ranges.first?.lowerBound ?? .max) < ($1.ranges.first?.lowerBound ?? .max) }
            .map(\.name).filter { seen.insert($0).inserted }
    }

    /// Fills `signals` and `snippet` from the evidence; call after the classes are set.
    public mutating func attach(_ evidence: ScoreEvidence, text: String) {
        signals = Self.signalNames(evidence.signals)
        let negative = value == .detractor || (value == nil && compound < 0)
        // The evidence that explains a detractor: signals that make one, then any.
        let drivers = evidence.signals.filter { negative ? TriagePriority.signalSeverity[$0.name] != nil : ["recommend", "staff_praise"].contains($0.name) }
        snippet = Snippet.pick(text: text, sentences: evidence.sentences, contributions: evidence.contributions,
                               evidence: drivers.flatMap(\.ranges), negative: negative)
    }

    /// A record from one line of scored JSON Lines (what `escucha scan` and `escucha score` write).
    /// Nil when the line is not a scored document.
    public init?(json: JSONValue) {
        guard let id = json["id"]?.scalarText, let kindText = json["kind"]?.scalarText, let kind = DocumentKind(rawValue: kindText),
              let channel = json["channel"]?.scalarText, let sentiment = json["sentiment"],
              let compound = sentiment["compound"]?.scalarText.flatMap(Double.init) else { return nil }
        let text = json["text"]?.scalarText ?? ""
        self.init(id: id, kind: kind, channel: channel, compound: compound)
        timestamp = json["timestamp"]?.scalarText.flatMap { Timestamp(iso8601: $0) }
        author = Self.authorLabel(handle: json["author"]?["handle"]?.scalarText, name: json["author"]?["name"]?.scalarText)
        if let reach = json["reach"] {
            followers = reach["followers"]?.scalarText.flatMap { Int($0) }
            likes = reach["likes"]?.scalarText.flatMap { Int($0) }
            reposts = reach["reposts"]?.scalarText.flatMap { Int($0) }
        }
        if let stated = json["class"]?["stated"], let value = stated["value"]?.scalarText.flatMap(CustomerClass.init(rawValue:)),
           let basis = stated["basis"]?.scalarText.flatMap(ClassBasis.init(rawValue:)),
           let scale = stated["scale"]?.scalarText.flatMap(StatedClass.Scale.init(rawValue:)),
           let from = stated["from"]?.scalarText.flatMap(Double.init) {
            self.stated = StatedClass(value: value, basis: basis, from: from, scale: scale)
        }
        if let inferred = json["class"]?["inferred"], let value = inferred["value"]?.scalarText.flatMap(CustomerClass.init(rawValue:)) {
            self.inferred = TextClassifier.Inference(value: value, reasons: inferred["reasons"]?.arrayValue?.compactMap(\.scalarText) ?? [])
        }
        if let link = json["link"], let customerID = link["customer_id"]?.scalarText, let method = link["method"]?.scalarText {
            customer = LinkedCustomer(id: customerID, name: link["name"]?.scalarText, method: method, segment: link["segment"]?.scalarText,
                                      region: link["region"]?.scalarText, value: link["value"]?.scalarText.flatMap(Double.init),
                                      optOut: link["opt_out"] == .bool(true))
        }
        topics = (json["topics"]?.arrayValue ?? []).compactMap { topic in
            guard let id = topic["topic"]?.scalarText else { return nil }
            return TopicMention(id: id, label: topic["label"]?.scalarText ?? id,
                                value: topic["sentiment"]?["value"]?.scalarText.flatMap(Double.init) ?? 0)
        }
        var evidence = ScoreEvidence()
        func range(_ value: JSONValue?) -> Range<Int>? {
            guard let pair = value?.arrayValue, pair.count == 2, let low = pair[0].scalarText.flatMap({ Int($0) }),
                  let high = pair[1].scalarText.flatMap({ Int($0) }), low <= high else { return nil }
            return low..<high
        }
        evidence.sentences = (sentiment["sentences"]?.arrayValue ?? []).compactMap { sentence in
            guard let range = range(sentence["utf8"]), let compound = sentence["compound"]?.scalarText.flatMap(Double.init) else { return nil }
            return (range, compound)
        }
        evidence.contributions = (sentiment["contributions"]?.arrayValue ?? []).compactMap { contribution in
            guard let range = range(contribution["utf8"]), let value = contribution["value"]?.scalarText.flatMap(Double.init) else { return nil }
            return (range, value)
        }
        evidence.signals = (json["signals"]?.arrayValue ?? []).compactMap { signal in
            guard let name = signal["signal"]?.scalarText else { return nil }
            return (name, (signal["evidence"]?.arrayValue ?? []).compactMap { range($0["utf8"]) })
        }
        attach(evidence, text: text)
    }
}
