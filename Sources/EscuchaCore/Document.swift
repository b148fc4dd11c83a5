/// One piece of customer feedback, decoded and mapped from its source, before any analysis.
///
/// Every field keeps what the source said: `text` is the decoded original (no normalization), and
/// `location` points back at the record it came from, so later stages can explain themselves.
public struct Document: Sendable, Equatable {
    public var id: DocumentID
    public var kind: DocumentKind
    /// Where the text was published or collected: `twitter`, `reviews:tienda-online-es`,
    /// `forum:foro.example.com`, `survey:nps-movilnet-2024t1`.
    public var channel: String
    public var author: Author
    public var timestamp: Timestamp?
    /// The date exactly as the source wrote it, kept for audit when it was parsed or not.
    public var timestampRaw: String?
    public var title: String?
    public var text: String
    /// Star rating on a 1–5 scale (halves allowed).
    public var rating: Double?
    public var scores: SurveyScores
    public var reach: Reach
    public var url: String?
    public var language: String?
    public var location: SourceLocation
    public var flags: [DocumentFlag]
    /// Source fields Escucha did not map, in source order.
    public var fields: [Field]

    public init(
        id: DocumentID, kind: DocumentKind, channel: String, author: Author = Author(),
        timestamp: Timestamp? = nil, timestampRaw: String? = nil, title: String? = nil, text: String,
        rating: Double? = nil, scores: SurveyScores = SurveyScores(), reach: Reach = Reach(),
        url: String? = nil, language: String? = nil, location: SourceLocation, flags: [DocumentFlag] = [],
        fields: [Field] = []
    ) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.author = author
        self.timestamp = timestamp
        self.timestampRaw = timestampRaw
        self.title = title
        self.text = text
        self.rating = rating
        self.scores = scores
        self.reach = reach
        self.url = url
        self.language = language
        self.location = location
        self.flags = flags
        self.fields = fields
    }

    /// The writer's own verdict in a line: a review's title (`Decepcionante`, `Volveremos seguro`), read apart from
    /// its text because reviewers put there what they conclude. A forum post's title is its thread's, written by
    /// whoever opened it, so it is not its writer's verdict; other kinds have none.
    public var headline: String? { Self.headline(kind: kind, title: title) }

    public static func headline(kind: DocumentKind?, title: String?) -> String? {
        guard kind == .review, let title else { return nil }
        let scalars = title.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        return String(scalars[first...last])
    }
}

/// A document's stable identifier: the source's own id where it has one (prefixed by the channel so
/// ids from different exports cannot collide), else a content hash of source and text.
public struct DocumentID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// `channel/sourceID` when the source has an id of its own.
    public static func fromSource(channel: String, sourceID: String) -> DocumentID {
        DocumentID("\(channel)/\(sourceID)")
    }

    /// `channel/h:<16 hex digits>`: FNV-1a 64 over the source file name, the record's position and the
    /// text, so two identical texts in one file still get two ids, and re-runs give the same ids.
    public static func fromContent(channel: String, source: String, position: Int, text: String) -> DocumentID {
        var hash = ContentHash()
        hash.combine(source)
        hash.combine(String(position))
        hash.combine(text)
        return DocumentID("\(channel)/h:\(hash.hexDigest)")
    }
}

/// The four kinds of source Escucha reads.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case review, social, forum, survey
}

/// Whatever the source tells about who wrote the text. All of it is personal data: masked on request.
public struct Author: Sendable, Equatable {
    public var name: String?
    /// Social handle without the leading `@`.
    public var handle: String?
    public var email: String?
    public var phone: String?
    public var customerID: CustomerID?
    /// The source platform's own user id (X author_id, Facebook from.id).
    public var platformID: String?

    public init(name: String? = nil, handle: String? = nil, email: String? = nil, phone: String? = nil,
                customerID: CustomerID? = nil, platformID: String? = nil) {
        self.name = name
        self.handle = handle
        self.email = email
        self.phone = phone
        self.customerID = customerID
        self.platformID = platformID
    }

    public var isEmpty: Bool {
        name == nil && handle == nil && email == nil && phone == nil && customerID == nil && platformID == nil
    }
}

/// A customer's id in the CRM export.
public struct CustomerID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// Scores a survey respondent gave. Ranges are checked at ingest: out of range is a reject, never clamped.
public struct SurveyScores: Sendable, Equatable {
    /// Net Promoter question, 0–10.
    public var nps: Int?
    /// Customer Effort Score, 1–7.
    public var ces: Int?
    /// Customer satisfaction, 1–5.
    public var csat: Int?

    public init(nps: Int? = nil, ces: Int? = nil, csat: Int? = nil) {
        self.nps = nps
        self.ces = ces
        self.csat = csat
    }

    public static let npsRange = 0...10
    public static let cesRange = 1...7
    public static let csatRange = 1...5

    public var isEmpty: Bool { nps == nil && ces == nil && csat == nil }
}

/// How far a post travelled, where the source says.
public struct Reach: Sendable, Equatable {
    public var followers: Int?
    public var likes: Int?
    public var reposts: Int?
    public var replies: Int?
    public var views: Int?

    public init(followers: Int? = nil, likes: Int? = nil, reposts: Int? = nil, replies: Int? = nil,
                views: Int? = nil) {
        self.followers = followers
        self.likes = likes
        self.reposts = reposts
        self.replies = replies
        self.views = views
    }

    public var isEmpty: Bool { followers == nil && likes == nil && reposts == nil && replies == nil && views == nil }
}

/// Something ingest noticed about a document and a user may want to know.
public enum DocumentFlag: String, Sendable, Equatable, CaseIterable {
    /// UTF-8 read as Latin-1 somewhere upstream (`atenciÃ³n`), repaired to `atención`.
    case mojibakeRepaired = "mojibake_repaired"
    /// The file was not UTF-8 and was transcoded (its encoding is in `location.encoding`).
    case transcoded
    /// Some bytes could not be decoded and became U+FFFD.
    case replacementCharacters = "replacement_characters"
    /// The date could not be parsed; `timestampRaw` keeps it.
    case unparsedDate = "unparsed_date"
    /// The record has scores or a rating but no text.
    case noText = "no_text"
    /// A forum page ended before this post was closed (a truncated save).
    case truncatedSource = "truncated_source"
}

/// A source field kept as it was, for fields Escucha does not map.
public struct Field: Sendable, Equatable {
    public var name: String
    public var value: FieldValue
    public init(name: String, value: FieldValue) {
        self.name = name
        self.value = value
    }
}

public enum FieldValue: Sendable, Equatable {
    case string(String)
    /// A JSON number as written (ids longer than 2^53 must survive).
    case number(String)
    case bool(Bool)
    case null
    /// Nested JSON (an object or array), kept as its compact source text.
    case json(String)
    /// Named values Escucha groups itself (a survey's answers by question).
    case object([Field])
}
