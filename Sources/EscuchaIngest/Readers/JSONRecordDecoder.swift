import EscuchaCore
import EscuchaText

/// A user of an X/Twitter API v2 export (`includes.users[]`).
public struct XUser: Sendable, Equatable {
    public var username: String?
    public var name: String?
    public var followers: Int?
}

/// Decodes JSON records of every supported shape into documents:
/// - the generic shape (reviews, social posts, survey answers; members found by name, see `FieldRole`);
/// - X/Twitter API v2 tweets (`data[]` elements, authors from `includes.users`), and whole v2 response
///   pages as JSON Lines (what twarc2 writes);
/// - Facebook Graph API comments (`message`, `from`, `created_time`, `like_count`) and whole pages.
struct JSONRecordDecoder: Sendable {
    var context: RecordContext
    var mapping: FieldMapping
    /// Authors of tweets, when the file is a single v2 response whose `includes.users` was read first.
    var users: [String: XUser]
    /// Set when the kind was forced with `--kind`.
    var forcedKind: DocumentKind?
    /// The file's stem, for default channel names (`reviews:app-resenas`).
    var stem: String
    var forcedChannel: String?
    /// JSON Pointer prefix of the array the records come from (`/data`), nil for JSON Lines.
    var arrayPointer: String?

    /// Per-batch cache of resolved member names (the same keys repeat on every record).
    final class Cache {
        var columns: [[String]: ResolvedColumns] = [:]
    }

    /// Documents from one record, or a reject. `read` is how many records this counts as (a v2 page
    /// counts each of its tweets).
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, item: RecordBatch.Item, cache: Cache) -> (documents: [Document], rejects: [Reject], read: Int) {
        let location = context.location(line: item.line, offset: item.offset, record: item.index,
                                        path: arrayPointer.map { "\($0)/\(item.index)" })
        func failure(_ reason: RejectReason, _ message: String) -> ([Document], [Reject], Int) {
            ([], [Reject(location: location, reason: reason, message: message, snippet: Reject.snippet(bytes))], 1)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            switch error.kind {
            case .truncated: return failure(.truncatedJSON, "the JSON record is cut short (\(error.message), byte \(error.offset) of the record)")
            case .invalidUTF8: return failure(.invalidUTF8, "\(error.message) (byte \(error.offset) of the record); re-export the file as UTF-8")
            default: return failure(.invalidJSON, "not valid JSON: \(error.message) at byte \(error.offset) of the record")
            }
        }
        guard case .object(let members) = value else {
            return failure(.unexpectedJSONShape, "expected a JSON object for each record, found \(Self.describeKind(value))")
        }
        // A whole API response page (JSON Lines of pages).
        if let data = value["data"]?.arrayValue, members.count > 1 || data.first?.isObject == true {
            return decodePage(value, data: data, location: location)
        }
        if forcedKind == nil || forcedKind == .social {
            if value["author_id"] != nil, value["text"] != nil {
                return wrap(decodeTweet(value, users: users, location: location))
            }
            if value["message"] != nil, value["from"] != nil || value["created_time"] != nil {
                return wrap(decodeFacebookComment(value, location: location))
            }
        }
        return wrap(decodeGeneric(members, location: location, cache: cache, snippet: { Reject.snippet(bytes) }))
    }

    private func wrap(_ result: Result<Document, Reject>) -> ([Document], [Reject], Int) {
        switch result {
        case .success(let document): return ([document], [], 1)
        case .failure(let reject): return ([], [reject], 1)
        }
    }

    static func describeKind(_ value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        }
    }

    // MARK: Pages

    private func decodePage(_ page: JSONValue, data: [JSONValue], location: SourceLocation) -> ([Document], [Reject], Int) {
        var pageUsers = users
        for user in page["includes"]?["users"]?.arrayValue ?? [] {
            if let id = user["id"]?.scalarText { pageUsers[id] = Self.xUser(user) }
        }
        var documents: [Document] = []
        var rejects: [Reject] = []
        for (index, element) in data.enumerated() {
            var elementLocation = location
            elementLocation.path = "/data/\(index)"
            let result: Result<Document, Reject>
            if element["author_id"] != nil {
                result = decodeTweet(element, users: pageUsers, location: elementLocation)
            } else if element["message"] != nil {
                result = decodeFacebookComment(element, location: elementLocation)
            } else if case .object(let members) = element {
                result = decodeGeneric(members, location: elementLocation, cache: Cache(), snippet: { element.compactJSON })
            } else {
                result = .failure(Reject(location: elementLocation, reason: .unexpectedJSONShape,
                                         message: "expected an object in data[], found \(Self.describeKind(element))",
                                         snippet: String(element.compactJSON.prefix(RejectReason.snippetLimit))))
            }
            switch result {
            case .success(let document): documents.append(document)
            case .failure(let reject): rejects.append(reject)
            }
        }
        return (documents, rejects, max(data.count, documents.count + rejects.count))
    }

    static func xUser(_ user: JSONValue) -> XUser {
        XUser(username: user["username"]?.scalarText, name: user["name"]?.scalarText,
              followers: user["public_metrics"]?["followers_count"]?.scalarText.flatMap { Int($0) })
    }

    // MARK: X/Twitter API v2

    func decodeTweet(_ tweet: JSONValue, users: [String: XUser], location: SourceLocation) -> Result<Document, Reject> {
        guard let rawText = tweet["text"]?.scalarText, let id = tweet["id"]?.scalarText else {
            return .failure(Reject(location: location, reason: .unexpectedJSONShape,
                                   message: "a tweet needs 'id' and 'text'", snippet: String(tweet.compactJSON.prefix(RejectReason.snippetLimit))))
        }
        var flags: [DocumentFlag] = context.transcoded ? [.transcoded] : []
        var text = EntityEscapes.unescaped(rawText)  // the v2 API escapes `&`, `<` and `>` in tweet text
        if let repaired = MojibakeRepair.repair(text) {
            text = repaired
            flags.append(.mojibakeRepaired)
        }
        let authorID = tweet["author_id"]?.scalarText
        let user = authorID.flatMap { users[$0] }
        let metrics = tweet["public_metrics"]
        func metric(_ name: String) -> Int? { metrics?[name]?.scalarText.flatMap { Int($0) } }
        let rawDate = tweet["created_at"]?.scalarText
        let timestamp = rawDate.flatMap { context.dates.parse($0) }
        if rawDate != nil, timestamp == nil { flags.append(.unparsedDate) }
        let channel = forcedChannel ?? "twitter"
        let handled: Set<String> = ["id", "text", "author_id", "created_at", "lang", "public_metrics"]
        guard case .object(let members) = tweet else { preconditionFailure("checked by the caller") }
        return .success(Document(
            id: DocumentID.fromSource(channel: channel, sourceID: id), kind: .social, channel: channel,
            author: Author(name: user?.name, handle: user?.username, platformID: authorID),
            timestamp: timestamp, timestampRaw: rawDate, text: text,
            reach: Reach(followers: user?.followers, likes: metric("like_count"),
                         reposts: metric("retweet_count").map { $0 + (metric("quote_count") ?? 0) },
                         replies: metric("reply_count"), views: metric("impression_count")),
            url: user?.username.map { "https://x.com/\($0)/status/\(id)" },
            language: tweet["lang"]?.scalarText, location: location, flags: flags,
            fields: members.filter { !handled.contains($0.key) }.map { Field(name: $0.key, value: $0.value.fieldValue) }))
    }

    // MARK: Facebook Graph API

    func decodeFacebookComment(_ comment: JSONValue, location: SourceLocation) -> Result<Document, Reject> {
        var flags: [DocumentFlag] = context.transcoded ? [.transcoded] : []
        var text = comment["message"]?.scalarText?.trimmingSpaces() ?? ""
        guard !text.isEmpty else {
            return .failure(Reject(location: location, reason: .emptyRecord,
                                   message: "the comment has no text (a sticker, photo or deleted comment)",
                                   snippet: String(comment.compactJSON.prefix(RejectReason.snippetLimit))))
        }
        if let repaired = MojibakeRepair.repair(text) {
            text = repaired
            flags.append(.mojibakeRepaired)
        }
        let rawDate = comment["created_time"]?.scalarText
        let timestamp = rawDate.flatMap { context.dates.parse($0) }
        if rawDate != nil, timestamp == nil { flags.append(.unparsedDate) }
        let channel = forcedChannel ?? "facebook"
        let sourceID = comment["id"]?.scalarText
        let handled: Set<String> = ["id", "message", "created_time", "from", "like_count", "comment_count", "permalink_url"]
        guard case .object(let members) = comment else { preconditionFailure("checked by the caller") }
        return .success(Document(
            id: sourceID.map { DocumentID.fromSource(channel: channel, sourceID: $0) }
                ?? DocumentID.fromContent(channel: channel, source: context.file, position: location.record, text: text),
            kind: .social, channel: channel,
            author: Author(name: comment["from"]?["name"]?.scalarText, platformID: comment["from"]?["id"]?.scalarText),
            timestamp: timestamp, timestampRaw: rawDate, text: text,
            reach: Reach(likes: comment["like_count"]?.scalarText.flatMap { Int($0) },
                         replies: comment["comment_count"]?.scalarText.flatMap { Int($0) }),
            url: comment["permalink_url"]?.scalarText, location: location, flags: flags,
            fields: members.filter { !handled.contains($0.key) }.map { Field(name: $0.key, value: $0.value.fieldValue) }))
    }

    // MARK: Generic records

    func decodeGeneric(_ members: [(key: String, value: JSONValue)], location: SourceLocation, cache: Cache,
                       snippet: () -> String) -> Result<Document, Reject> {
        var names: [String] = []
        var values: [JSONValue] = []
        var topLevel: [Int] = []
        names.reserveCapacity(members.count + 4)
        for (index, member) in members.enumerated() {
            if case .object(let children) = member.value {
                for child in children {
                    if case .object(let grandchildren) = child.value {
                        for grandchild in grandchildren {
                            names.append("\(member.key).\(child.key).\(grandchild.key)")
                            values.append(grandchild.value)
                            topLevel.append(index)
                        }
                    } else {
                        names.append("\(member.key).\(child.key)")
                        values.append(child.value)
                        topLevel.append(index)
                    }
                }
            } else {
                names.append(member.key)
                values.append(member.value)
                topLevel.append(index)
            }
        }
        let columns: ResolvedColumns
        if let cached = cache.columns[names] {
            columns = cached
        } else {
            columns = ResolvedColumns(header: names, kind: forcedKind ?? .review, mapping: mapping)
            cache.columns[names] = columns
        }
        var recordContext = context
        let kind = forcedKind ?? Self.inferKind(columns)
        recordContext.kind = kind
        recordContext.channel = forcedChannel ?? "\(kind.channelPrefix):\(stem)"
        return DocumentBuilder.build(
            DocumentBuilder.Input(names: names, values: .json(values), topLevel: topLevel, topMembers: members),
            columns: columns, context: recordContext, location: location, snippet: snippet)
    }

    /// Scores make a survey answer, a rating a review, social metrics or a handle a post.
    static func inferKind(_ columns: ResolvedColumns) -> DocumentKind {
        if columns.hasScores { return .survey }
        if columns.hasRating { return .review }
        let social: Set<FieldRole> = [.handle, .followers, .likes, .reposts, .replies, .views, .platformID]
        if columns.roles.contains(where: { $0.map(social.contains) ?? false }) { return .social }
        return .review
    }
}

extension DocumentKind {
    /// Default channel prefix for documents whose source names no channel.
    public var channelPrefix: String {
        switch self {
        case .review: return "reviews"
        case .social: return "social"
        case .forum: return "forum"
        case .survey: return "survey"
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
