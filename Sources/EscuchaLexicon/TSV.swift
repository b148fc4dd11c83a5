import Foundation

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
        var seen: [String: Int] = [:]
        // Lines and fields are cut on bytes: a tab or line feed is never part of another UTF-8 character,
        // and cutting on Characters would keep `\r\n` (one Character) from ending a line.
        var utf8 = text.utf8[...]
        var lineNumber = 0
        while !utf8.isEmpty {
            lineNumber += 1
            let end = utf8.firstIndex(of: 0x0A) ?? utf8.endIndex
            var line = utf8[..<end]
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
            if line.last == 0x0D { line = line.dropLast() }
            if line.first == UInt8(ascii: "#") || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
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
                  !first.properties.isWhitespace, !last.properties.isWhitespace else {
                throw LexiconError(file: file, line: lineNumber, message: "the \(expected[0]) is empty or has surrounding spaces")
            }
            if uniqueKey {
                if let previous = seen[key] {
                    throw LexiconError(file: file, line: lineNumber, message: "duplicate \(expected[0]) '\(key)' (first at line \(previous))")
                }
                seen[key] = lineNumber
            }
            rows.append(Row(line: lineNumber, fields: fields))
        }
        guard let columns = header else { throw LexiconError(file: file, line: nil, message: "no header line") }
        return TSVTable(file: file, columns: columns, rows: rows)
    }
}
