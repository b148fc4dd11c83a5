/// The documents JSON Lines schema (`docs/documents.schema.json`). Members are written in a fixed order;
/// absent values are omitted rather than written as null.
extension Document {
    /// Version of the documents schema; bumped on any change a consumer could notice.
    public static let schemaVersion = "1.0"

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("schema_version", Self.schemaVersion)
        writer.member("id", id.rawValue)
        writer.member("kind", kind.rawValue)
        writer.member("channel", channel)
        if !author.isEmpty {
            writer.key("author")
            writer.beginObject()
            writer.member("name", author.name)
            writer.member("handle", author.handle)
            writer.member("email", author.email)
            writer.member("phone", author.phone)
            writer.member("customer_id", author.customerID?.rawValue)
            writer.member("platform_id", author.platformID)
            writer.endObject()
        }
        if let timestamp {
            writer.key("timestamp")
            writer.timestamp(timestamp)
        }
        writer.member("timestamp_raw", timestampRaw)
        writer.member("title", title)
        writer.member("text", text)
        writer.member("rating", rating)
        if !scores.isEmpty {
            writer.key("scores")
            writer.beginObject()
            writer.member("nps", scores.nps)
            writer.member("ces", scores.ces)
            writer.member("csat", scores.csat)
            writer.endObject()
        }
        if !reach.isEmpty {
            writer.key("reach")
            writer.beginObject()
            writer.member("followers", reach.followers)
            writer.member("likes", reach.likes)
            writer.member("reposts", reach.reposts)
            writer.member("replies", reach.replies)
            writer.member("views", reach.views)
            writer.endObject()
        }
        writer.member("url", url)
        writer.member("language", language)
        writer.key("source")
        location.writeJSON(to: &writer)
        if !flags.isEmpty {
            writer.key("flags")
            writer.beginArray()
            for flag in flags { writer.string(flag.rawValue) }
            writer.endArray()
        }
        if !fields.isEmpty {
            writer.key("fields")
            writer.beginObject()
            Self.write(fields, to: &writer)
            writer.endObject()
        }
        writer.endObject()
    }
}

extension Document {
    static func write(_ fields: [Field], to writer: inout JSONWriter) {
        for field in fields {
            writer.key(field.name)
            switch field.value {
            case .string(let value): writer.string(value)
            case .number(let lexeme): writer.raw(lexeme)
            case .bool(let value): writer.bool(value)
            case .null: writer.null()
            case .json(let json): writer.raw(json)
            case .object(let nested):
                writer.beginObject()
                write(nested, to: &writer)
                writer.endObject()
            }
        }
    }
}

extension SourceLocation {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("file", file)
        writer.member("line", line)
        writer.key("record")
        writer.int(record)
        writer.member("offset", byteOffset)
        writer.member("path", path)
        writer.member("encoding", encoding)
        writer.endObject()
    }
}

extension Reject {
    /// One line of `rejects.jsonl`.
    public func writeJSON(to writer: inout JSONWriter, masker: PersonalDataMasker? = nil) {
        writer.beginObject()
        writer.member("schema_version", Document.schemaVersion)
        writer.key("source")
        location.writeJSON(to: &writer)
        writer.member("reason", reason.rawValue)
        writer.member("message", message)
        writer.member("snippet", masker.map { $0.mask(text: snippet) } ?? snippet)
        writer.endObject()
    }
}
