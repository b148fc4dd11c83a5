/// The documents JSON Lines schema (`docs/schema/documents.schema.json`). Members are written in a fixed order;
/// absent values are omitted rather than written as null.
extension Document {
    /// Version of the documents schema; bumped on any change a consumer could notice.
    public static let schemaVersion = "1.4"

    /// Writes the document as one JSON object. Members are written as literal fragments with their
    /// commas (this runs for every document; the generic writer's bookkeeping cost 6% of ingest time on
    /// short survey rows). `writer` must be at the top level.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.fragment("{\"schema_version\":\"1.4\",\"id\":")
        writer.string(id.rawValue)
        writer.fragment(",\"kind\":")
        writer.string(kind.rawValue)
        writer.fragment(",\"channel\":")
        writer.string(channel)
        if !author.isEmpty {
            var object = FragmentObject(",\"author\":{", &writer)
            object.member("\"name\":", author.name, &writer)
            object.member("\"handle\":", author.handle, &writer)
            object.member("\"email\":", author.email, &writer)
            object.member("\"phone\":", author.phone, &writer)
            object.member("\"customer_id\":", author.customerID?.rawValue, &writer)
            object.member("\"platform_id\":", author.platformID, &writer)
            writer.fragment("}")
        }
        if let timestamp {
            writer.fragment(",\"timestamp\":")
            writer.timestamp(timestamp)
        }
        if let timestampRaw {
            writer.fragment(",\"timestamp_raw\":")
            writer.string(timestampRaw)
        }
        if let title {
            writer.fragment(",\"title\":")
            writer.string(title)
        }
        writer.fragment(",\"text\":")
        writer.string(text)
        if let rating {
            writer.fragment(",\"rating\":")
            writer.double(rating)
        }
        if !scores.isEmpty {
            var object = FragmentObject(",\"scores\":{", &writer)
            object.member("\"nps\":", scores.nps, &writer)
            object.member("\"ces\":", scores.ces, &writer)
            object.member("\"csat\":", scores.csat, &writer)
            writer.fragment("}")
        }
        if !reach.isEmpty {
            var object = FragmentObject(",\"reach\":{", &writer)
            object.member("\"followers\":", reach.followers, &writer)
            object.member("\"likes\":", reach.likes, &writer)
            object.member("\"reposts\":", reach.reposts, &writer)
            object.member("\"replies\":", reach.replies, &writer)
            object.member("\"views\":", reach.views, &writer)
            writer.fragment("}")
        }
        if let url {
            writer.fragment(",\"url\":")
            writer.string(url)
        }
        if let language {
            writer.fragment(",\"language\":")
            writer.string(language)
        }
        writer.fragment(",\"source\":")
        location.writeJSON(to: &writer)
        if !flags.isEmpty {
            writer.fragment(",\"flags\":")
            writer.beginArray()
            for flag in flags { writer.string(flag.rawValue) }
            writer.endArray()
        }
        if !fields.isEmpty {
            writer.fragment(",\"fields\":")
            writer.beginObject()
            Self.write(fields, to: &writer)
            writer.endObject()
        }
        writer.fragment("}")
    }
}

/// A nested object written as fragments: it places the commas between the optional members it is given.
private struct FragmentObject {
    private var first = true

    init(_ opening: StaticString, _ writer: inout JSONWriter) { writer.fragment(opening) }

    mutating func member(_ name: StaticString, _ value: String?, _ writer: inout JSONWriter) {
        guard let value else { return }
        separate(name, &writer)
        writer.string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?, _ writer: inout JSONWriter) {
        guard let value else { return }
        separate(name, &writer)
        writer.int(value)
    }

    private mutating func separate(_ name: StaticString, _ writer: inout JSONWriter) {
        if !first { writer.fragment(",") }
        first = false
        writer.fragment(name)
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
    /// Version of the rejects schema (`docs/schema/rejects.schema.json`), independent of the documents'.
    public static let schemaVersion = "1.0"

    /// One line of `rejects.jsonl`.
    public func writeJSON(to writer: inout JSONWriter, masker: PersonalDataMasker? = nil) {
        writer.beginObject()
        writer.member("schema_version", Reject.schemaVersion)
        writer.key("source")
        location.writeJSON(to: &writer)
        writer.member("reason", reason.rawValue)
        writer.member("message", message)
        writer.member("snippet", masker.map { $0.mask(text: snippet) } ?? snippet)
        writer.endObject()
    }
}
