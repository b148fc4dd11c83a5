import EscuchaText

/// A strict JSON parser (RFC 8259) over UTF-8 bytes. Hand-written because Foundation's
/// `JSONSerialization` boxes every value and runs at a fraction of the 100 MB/s ingest target, and
/// because errors must name the byte offset.
public struct JSONParser {
    public struct Failure: Error, Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// The input ended inside a value.
            case truncated
            /// Something other than JSON at `offset`.
            case syntax
            /// A string with bytes that are not UTF-8.
            case invalidUTF8
            /// Nesting deeper than `maximumDepth`.
            case tooDeep
        }

        public var kind: Kind
        /// Byte offset of the problem from the start of the parsed input.
        public var offset: Int
        public var message: String
    }

    /// Deeper nesting is refused rather than risking the stack on hostile input.
    public static let maximumDepth = 512

    /// Parses exactly one JSON value (surrounded by optional whitespace).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var parser = Cursor(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw Failure(kind: .syntax, offset: parser.index, message: "unexpected data after the JSON value")
        }
        return value
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure>? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(Failure) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        if let result { return try result.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer throws(Failure) in try parse(buffer) }
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var scratch: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        func fail(_ kind: Failure.Kind, _ message: String) -> Failure {
            Failure(kind: kind, offset: index, message: message)
        }

        func truncated() -> Failure { fail(.truncated, "the JSON ends in the middle of a value") }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard index < bytes.count else { throw truncated() }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw fail(.syntax, "expected a JSON value, found \(Self.describe(bytes[index]))")
            }
        }

        static func describe(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { throw truncated() }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
                throw fail(.syntax, "expected '\(word)'")
            }
            index += length
        }

        mutating func number() throws(Failure) -> String {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits(_ cursor: inout Cursor) -> Int {
                let from = cursor.index
                while cursor.index < cursor.bytes.count, cursor.bytes[cursor.index] &- 0x30 < 10 { cursor.index += 1 }
                return cursor.index - from
            }
            guard index < bytes.count else { throw truncated() }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits(&self) == 0 {
                throw fail(.syntax, "a number needs digits")
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits(&self) > 0 else { throw index >= bytes.count ? truncated() : fail(.syntax, "a number needs digits after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw index >= bytes.count ? truncated() : fail(.syntax, "a number needs digits in its exponent") }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        mutating func string() throws(Failure) -> String {
            index += 1  // opening quote
            let start = index
            // Fast path: no escapes, ASCII or valid UTF-8 checked once at the end.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return try Self.validated(slice, at: start)
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail(.syntax, "a control character inside a string must be escaped") }
                index += 1
            }
            guard index < bytes.count else { throw truncated() }
            // Slow path with escapes.
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return try scratch.withUnsafeBufferPointer { buffer throws(Failure) in try Self.validated(buffer, at: start) }
                }
                if byte < 0x20 { throw fail(.syntax, "a control character inside a string must be escaped") }
                if byte != UInt8(ascii: "\\") {
                    scratch.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { throw truncated() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scratch.append(0x22)
                case UInt8(ascii: "\\"): scratch.append(0x5C)
                case UInt8(ascii: "/"): scratch.append(0x2F)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must pair with a low one; a lone one becomes U+FFFD.
                        if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                Self.appendUTF8(0xFFFD, to: &scratch)
                                scalar = low
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    if (0xD800...0xDFFF).contains(scalar) { scalar = 0xFFFD }
                    Self.appendUTF8(scalar, to: &scratch)
                default:
                    index -= 1
                    throw fail(.syntax, "unknown escape \\\(Self.describe(escape))")
                }
            }
            throw truncated()
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw truncated() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x57
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x37
                default: throw fail(.syntax, "\\u needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
            switch scalar {
            case 0..<0x80: out.append(UInt8(scalar))
            case 0x80..<0x800:
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            case 0x800..<0x10000:
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            default:
                out.append(UInt8(0xF0 | (scalar >> 18)))
                out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }

        static func validated(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Failure) -> String {
            // Our validator (ASCII eight bytes at a time) then the stdlib's specialized decoding path: about
            // twice as fast as the generic `String(validating:as:)`.
            switch UTF8Validation.validate(slice) {
            case .valid: return String(decoding: slice, as: UTF8.self)
            default: throw Failure(kind: .invalidUTF8, offset: offset, message: "a string holds bytes that are not UTF-8")
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw fail(.tooDeep, "nested deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            var values: [JSONValue] = []
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(values) }
            while true {
                skipWhitespace()
                values.append(try value(depth: depth))
                skipWhitespace()
                guard index < bytes.count else { throw truncated() }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(values)
                default: throw fail(.syntax, "expected ',' or ']' in an array, found \(Self.describe(bytes[index]))")
                }
            }
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= JSONParser.maximumDepth else { throw fail(.tooDeep, "nested deeper than \(JSONParser.maximumDepth) levels") }
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw truncated() }
                guard bytes[index] == UInt8(ascii: "\"") else {
                    throw fail(.syntax, "expected a member name in quotes, found \(Self.describe(bytes[index]))")
                }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count else { throw truncated() }
                guard bytes[index] == UInt8(ascii: ":") else { throw fail(.syntax, "expected ':' after a member name") }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth)))
                skipWhitespace()
                guard index < bytes.count else { throw truncated() }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(members)
                default: throw fail(.syntax, "expected ',' or '}' in an object, found \(Self.describe(bytes[index]))")
                }
            }
        }
    }
}
