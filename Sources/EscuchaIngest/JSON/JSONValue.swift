import EscuchaCore

/// A parsed JSON value. Objects keep member order (the passthrough of unmapped fields preserves it) and
/// numbers keep their lexeme (ids above 2^53 must survive).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The member named `key` of an object (first one, as most parsers do with duplicates).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// Strings as they are, numbers and booleans as their text; nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let lexeme): return lexeme
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// Compact JSON text of this value (used to pass nested source values through unchanged).
    public var compactJSON: String {
        var writer = JSONWriter(reservingCapacity: 64)
        write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .number(let lexeme): writer.raw(lexeme)
        case .string(let text): writer.string(text)
        case .array(let values):
            writer.beginArray()
            for value in values { value.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }

    public var fieldValue: FieldValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let lexeme): return .number(lexeme)
        case .string(let text): return .string(text)
        case .array, .object: return .json(compactJSON)
        }
    }
}
