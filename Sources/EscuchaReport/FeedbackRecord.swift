import EscuchaClassify
import EscuchaCore

/// What the triage queue and the NPS report need to know about one scored document: a small value
/// built either while scanning or from a line of scored JSON Lines, so that `escucha triage` and
/// `escucha report` give the same answers as the scan that wrote the file.
public struct FeedbackRecord: Sendable, Equatable {
    public var id: String
    public var kind: DocumentKind
    public var channel: String
    public var timestamp: Timestamp?
    /// `@handle` or the author's name, for rows of unlinked documents.
    public var author: String?
    public var compound: Double
    public var stated: StatedClass?
    public var inferred: TextClassifier.Inference?
    public var topics: [TopicMention]
    /// Signal names (`churn`, `legal`…), each once, in order of first evidence.
    public var signals: [String]
    public var followers: Int?
    public var likes: Int?
    public var reposts: Int?
    public var customer: LinkedCustomer?
    /// The sentence that drives the score, with its driving phrases.
    public var snippet: Snippet

    public init(id: String, kind: DocumentKind, channel: String, timestamp: Timestamp? = nil, author: String? = nil, compound: Double,
                stated: StatedClass? = nil, inferred: TextClassifier.Inference? = nil, topics: [TopicMention] = [], signals: [String] = [],
                followers: Int? = nil, likes: Int? = nil, reposts: Int? = nil, customer: LinkedCustomer? = nil,
                snippet: Snippet = Snippet(text: "", marks: [])) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.timestamp = timestamp
        self.author = author
        self.compound = compound
        self.stated = stated
        self.inferred = inferred
        self.topics = topics
        self.signals = signals
        self.followers = followers
        self.likes = likes
        self.reposts = reposts
        self.customer = customer
        self.snippet = snippet
    }

    public var classification: Classification { Classification(stated: stated, inferred: inferred) }
    public var value: CustomerClass? { stated?.value ?? inferred?.value }
    public var basis: ClassBasis? { classification.basis }
}

public struct TopicMention: Sendable, Equatable {
    public var id: String
    public var label: String
    /// The topic's own sentiment (the aspect value).
    public var value: Double

    public init(id: String, label: String, value: Double) {
        self.id = id
        self.label = label
        self.value = value
    }

    /// `service.waiting_time` → `service`.
    public var root: String { id.split(separator: ".").first.map(String.init) ?? id }
}

/// The customer a document is linked to, with what triage and the report break down by.
public struct LinkedCustomer: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var method: String
    public var segment: String?
    public var region: String?
    public var value: Double?
    public var optOut: Bool

    public init(id: String, name: String? = nil, method: String, segment: String? = nil, region: String? = nil, value: Double? = nil,
                optOut: Bool = false) {
        self.id = id
        self.name = name
        self.method = method
        self.segment = segment
        self.region = region
        self.value = value
        self.optOut = optOut
    }
}

/// A sentence with the phrases that drove its score marked, as byte ranges into `text`.
public struct Snippet: Sendable, Equatable {
    public var text: String
    public var marks: [Range<Int>]

    public init(text: String, marks: [Range<Int>]) {
        self.text = text
        self.marks = marks
    }

    /// Longest snippet kept, in bytes: one sentence reads in a row; longer ones are cut at a space.
    public static let limit = 280

    /// The sentence that explains the class: for a negative document the most negative sentence, for a
    /// positive one the most positive; marks are the contributions that pushed the same way and the
    /// signals' evidence inside it. `sentences` and ranges are UTF-8 byte offsets into `text`.
    public static func pick(text: String, sentences: [(range: Range<Int>, compound: Double)], contributions: [(range: Range<Int>, value: Double)],
                            evidence: [Range<Int>], negative: Bool) -> Snippet {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return Snippet(text: "", marks: []) }
        let sign: Double = negative ? -1 : 1
        var chosen = sentences.max { lhs, rhs in
            let left = lhs.compound * sign, right = rhs.compound * sign
            return left != right ? left < right : lhs.range.lowerBound > rhs.range.lowerBound
        }?.range ?? 0..<bytes.count
        // A sentence with the signal evidence wins over a slightly more negative one without it.
        if let signal = evidence.first, !chosen.contains(signal.lowerBound),
           let holder = sentences.first(where: { $0.range.contains(signal.lowerBound) }) {
            chosen = holder.range
        }
        chosen = chosen.clamped(to: 0..<bytes.count)
        var marks = contributions.filter { ($0.value < 0) == negative && $0.value != 0 }.map(\.range) + evidence
        marks = marks.filter { $0.lowerBound >= chosen.lowerBound && $0.upperBound <= chosen.upperBound }
            .map { ($0.lowerBound - chosen.lowerBound)..<($0.upperBound - chosen.lowerBound) }
            .sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for mark in marks {
            if let last = merged.last, mark.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, mark.upperBound)
            } else {
                merged.append(mark)
            }
        }
        var slice = Array(bytes[chosen])
        if slice.count > limit {
            var cut = limit
            while cut > limit / 2, slice[cut] != 0x20 { cut -= 1 }
            while cut > 0, slice[cut] & 0xC0 == 0x80 { cut -= 1 }
            slice = Array(slice[..<cut]) + Array("…".utf8)
            merged = merged.filter { $0.upperBound <= cut }
        }
        // One line in a table or a CSV cell: line breaks become spaces (same length, marks stay put).
        slice = slice.map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }
        // Trim leading and trailing whitespace, shifting the marks.
        var start = 0
        while start < slice.count, slice[start] == 0x20 || slice[start] == 0x0A || slice[start] == 0x0D || slice[start] == 0x09 { start += 1 }
        var end = slice.count
        while end > start, slice[end - 1] == 0x20 || slice[end - 1] == 0x0A || slice[end - 1] == 0x0D || slice[end - 1] == 0x09 { end -= 1 }
        let trimmed = String(decoding: slice[start..<end], as: UTF8.self)
        let shifted = merged.compactMap { range -> Range<Int>? in
            let lower = max(range.lowerBound - start, 0), upper = min(range.upperBound - start, end - start)
            return lower < upper ? lower..<upper : nil
        }
        return Snippet(text: trimmed, marks: shifted)
    }

    /// The snippet with its marks written `**like this**`, for terminals, CSV and Markdown.
    public var marked: String { rendered(open: "**", close: "**", escape: { $0 }) }

    /// The snippet with each piece passed through `escape` and marks wrapped in `open`/`close`.
    public func rendered(open: String, close: String, escape: (String) -> String) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var position = 0
        for mark in marks where mark.lowerBound >= position && mark.upperBound <= bytes.count {
            out += escape(String(decoding: bytes[position..<mark.lowerBound], as: UTF8.self))
            out += open + escape(String(decoding: bytes[mark], as: UTF8.self)) + close
            position = mark.upperBound
        }
        out += escape(String(decoding: bytes[position...], as: UTF8.self))
        return out
    }
}

