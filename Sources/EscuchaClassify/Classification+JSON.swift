import EscuchaCore

extension Classification {
    /// The `class` member of a scored document (`docs/schema/documents.schema.json`): the effective class
    /// and its basis, then the stated and inferred classes each when present.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("value", value?.rawValue)
        writer.member("basis", basis?.rawValue)
        if let stated {
            writer.key("stated")
            writer.beginObject()
            writer.member("value", stated.value.rawValue)
            writer.member("basis", stated.basis.rawValue)
            writer.member("scale", stated.scale.rawValue)
            writer.key("from"); writer.double(stated.from)
            writer.endObject()
        }
        if let inferred {
            writer.key("inferred")
            writer.beginObject()
            writer.member("value", inferred.value.rawValue)
            writer.key("reasons")
            writer.beginArray()
            for reason in inferred.reasons { writer.string(reason) }
            writer.endArray()
            writer.endObject()
        }
        writer.endObject()
    }
}
