import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lexicon file could not be used: which file, which line, what was expected.
public struct LexiconError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Escucha's lexicon format: UTF-8 text; `#` comment lines (the documentation of the file); one header
/// line naming the columns; then one entry per line, fields separated by tabs. Blank lines are ignored.
/// Loading validates: the header must name the expected columns, every line must have that many
/// fields, the key column must not be empty or repeated.
public struct TSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public var file: String
    public var columns: [String]
    public var rows: [Row]

    public static func load(_ path: String, columns expected: [String], uniqueKey: Bool = true) throws(LexiconError) -> TSVTable {
        try parse(try text(of: path), file: path, columns: expected, uniqueKey: uniqueKey)
    }

    /// A lexicon file's text, for a caller that must look at it before parsing (which columns it has).
    public static func text(of path: String) throws(LexiconError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LexiconError(file: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LexiconError(file: path, line: nil, message: "not UTF-8")
        }
        return text
    }

    public static func parse(_ text: String, file: String, columns expected: [String], uniqueKey: Bool = true) throws(LexiconError) -> TSVTable {
        var header: [String]?
        var rows: [Row] = []
        let lines = Self.lines(of: text)
        var seen: [String: Int] = [:]
        if uniqueKey { seen.reserveCapacity(lines.count) }
        rows.reserveCapacity(lines.count)
        for (lineNumber, fields) in lines {
            guard header != nil else {
                guard fields == expected else {
                    throw LexiconError(file: file, line: lineNumber,
                                       message: "expected the header \(expected.joined(separator: "<TAB>")), found \(fields.joined(separator: "<TAB>"))")
                }
                header = fields
                continue
            }
            guard fields.count == expected.count else {
                throw LexiconError(file: file, line: lineNumber,
                                   message: "expected \(expected.count) tab-separated fields (\(expected.joined(separator: ", "))), found \(fields.count)")
            }
            let key = fields[0]
            guard let first = key.unicodeScalars.first, let last = key.unicodeScalars.last,
                  !Self.isWhitespace(first), !Self.isWhitespace(last) else {
                throw LexiconError(file: file, line: lineNumber, message: "the \(expected[0]) is empty or has surrounding spaces")
            }
            // One lookup: the line is recorded, and a key seen before fails the load.
            if uniqueKey, let previous = seen.updateValue(lineNumber, forKey: key) {
                throw LexiconError(file: file, line: lineNumber, message: "duplicate \(expected[0]) '\(key)' (first at line \(previous))")
            }
            rows.append(Row(line: lineNumber, fields: fields))
        }
        guard let columns = header else { throw LexiconError(file: file, line: nil, message: "no header line") }
        return TSVTable(file: file, columns: columns, rows: rows)
    }

    /// Unicode whitespace, answered without the property tables for ASCII (nearly every key's ends).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isWhitespace }
        return scalar == " " || (0x09...0x0D).contains(scalar.value)
    }

    /// The numbered lines that are neither comments nor blank, cut into fields. Lines and fields are cut on
    /// bytes: a tab or line feed is never part of another UTF-8 character, and cutting on Characters would
    /// keep `\r\n` (one Character) from ending a line. Read from the string's buffer by offset: walking a
    /// `Substring.UTF8View` by index cost hundreds of instructions a byte, at every start of the program.
    static func lines(of text: String) -> [(number: Int, fields: [String])] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [(number: Int, fields: [String])] = []
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                lineNumber += 1
                // `memchr` finds the line feed (and below, the tabs) a word at a time: these files are read at every
                // start of the program.
                var end = Self.offset(of: 0x0A, in: bytes, from: start) ?? bytes.count
                let lineStart = start
                start = end < bytes.count ? end + 1 : end
                if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                if line.first == UInt8(ascii: "#") || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                // The tabs are found twice, with no array of them: once to size the fields array (one allocation
                // per line, not one per field added), once to cut it.
                var tabs = 0
                var from = 0
                while from < line.count, let tab = Self.offset(of: 0x09, in: line, from: from) {
                    tabs += 1
                    from = tab + 1
                }
                var fields: [String] = []
                fields.reserveCapacity(tabs + 1)
                var fieldStart = 0
                while fieldStart < line.count, let tab = Self.offset(of: 0x09, in: line, from: fieldStart) {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[fieldStart..<tab]), as: UTF8.self))
                    fieldStart = tab + 1
                }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[fieldStart...]), as: UTF8.self))
                out.append((lineNumber, fields))
            }
            return out
        }
    }

    /// A field read as a number, exactly as `Double(text)` reads it. A plain decimal (`4.53`, `-1.5`: at most 15
    /// digits) is its digits as an integer divided by a power of ten, both exact in a `Double`, so the one rounding
    /// is the correctly rounded value `Double(text)` gives; `Double(text)` cost hundreds of instructions a field,
    /// 30k fields at every start. Anything else is left to `Double(text)`.
    public static func decimal(_ text: String) -> Double? {
        let fast: Double?? = text.utf8.withContiguousStorageIfAvailable { bytes -> Double? in
            let negative = bytes.first == UInt8(ascii: "-")
            var index = negative ? 1 : 0
            let start = index
            var mantissa: UInt64 = 0, digits = 0, fraction = 0, sawPoint = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x30 && byte <= 0x39 {
                    mantissa = mantissa * 10 + UInt64(byte - 0x30)
                    digits += 1
                    if sawPoint { fraction += 1 }
                } else if byte == UInt8(ascii: "."), !sawPoint, index > start {
                    sawPoint = true
                } else {
                    return nil
                }
                index += 1
            }
            guard digits > 0, digits <= 15, !sawPoint || fraction > 0 else { return nil }
            let value = Double(mantissa) / powersOfTen[fraction]
            return negative ? -value : value
        }
        if let fast = fast ?? nil { return fast }
        return Double(text)
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The offset of the first `byte` in `bytes` at or after `start` (which is below `bytes.count`), or nil.
    static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
