/// The documents JSON Lines schema (`docs/documents.schema.json`). Members are written in a fixed order;
/// absent values are omitted rather than written as null.
extension Document {
    /// Version of the documents schema; bumped on any change a consumer could notice.
    public static let schemaVersion = "1.0"

    /// Writes the document as one JSON object. Members are written as literal fragments with their
    /// commas (this runs for every document; the generic writer's bookkeeping was a third of ingest time
    /// on short survey rows). `writer` must be at the top level.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.fragment("{\"schema_version\":\"1.0\",\"id\":")
        writer.string(id.rawValue)
        writer.fragment(",\"kind\":")
        writer.string(kind.rawValue)
        writer.fragment(",\"channel\":")
        writer.string(channel)
        if !author.isEmpty {
            writer.fragment(",\"author\":{")
            var first = true
            func member(_ name: StaticString, _ value: String?) {
                guard let value else { return }
                if !first { writer.fragment(",") }
                first = false
                writer.fragment(name)
                writer.string(value)
            }
            member("\"name\":", author.name)
            member("\"handle\":", author.handle)
            member("\"email\":", author.email)
            member("\"phone\":", author.phone)
            member("\"customer_id\":", author.customerID?.rawValue)
            member("\"platform_id\":", author.platformID)
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
            writer.fragment(",\"scores\":{")
            var first = true
            func member(_ name: StaticString, _ value: Int?) {
                guard let value else { return }
                if !first { writer.fragment(",") }
                first = false
                writer.fragment(name)
                writer.int(value)
            }
            member("\"nps\":", scores.nps)
            member("\"ces\":", scores.ces)
            member("\"csat\":", scores.csat)
            writer.fragment("}")
        }
        if !reach.isEmpty {
            writer.fragment(",\"reach\":{")
            var first = true
            func member(_ name: StaticString, _ value: Int?) {
                guard let value else { return }
                if !first { writer.fragment(",") }
                first = false
                writer.fragment(name)
                writer.int(value)
            }
            member("\"followers\":", reach.followers)
            member("\"likes\":", reach.likes)
            member("\"reposts\":", reach.reposts)
            member("\"replies\":", reach.replies)
            member("\"views\":", reach.views)
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
