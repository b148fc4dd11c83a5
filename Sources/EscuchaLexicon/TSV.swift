import Foundation
import EscuchaText
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
    /// One entry: its line number and its fields. A field becomes a `String` only when it is read: the file's bytes
    /// are kept with where each field starts and ends, so that a row costs no array and an unread column (the notes)
    /// no string, at every start of the program.
    public struct Row: Sendable {
        public let line: Int
        @usableFromInline let cells: Cells
        @usableFromInline let first: Int
        public let count: Int

        /// The field in column `index` (0 is the key).
        public subscript(index: Int) -> String { cells.string(first + index) }

        /// The bytes of the field in column `index` (valid UTF-8), for a test that needs no `String` of them. Inlinable,
        /// so that the caller's closure is specialized: called across modules it cost about 200 instructions a field.
        @inlinable
        public func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { cells.withBytes(first + index, body) }

        /// All the fields, in column order.
        public var fields: [String] { (0..<count).map { self[$0] } }

        /// The field in column `index` read as a number, as `TSVTable.decimal` reads it, without making a string
        /// of a plain decimal.
        public func decimal(_ index: Int) -> Double? {
            if let fast = cells.withBytes(first + index, TSVTable.plainDecimal) { return fast }
            return Double(self[index])
        }
    }

    /// The rows of a table, in file order.
    public struct Rows: RandomAccessCollection, Sendable {
        let cells: Cells
        let lines: [Int32]
        let width: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { lines.count }
        public subscript(position: Int) -> Row { Row(line: Int(lines[position]), cells: cells, first: position * width, count: width) }
    }

    /// A file's bytes and each field's byte range in them (start and end, two numbers a field, row after row).
    @usableFromInline
    final class Cells: Sendable {
        @usableFromInline let bytes: [UInt8]
        @usableFromInline let bounds: [Int32]

        init(bytes: [UInt8], bounds: [Int32]) {
            self.bytes = bytes
            self.bounds = bounds
        }

        @inlinable
        func withBytes<R>(_ field: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            let start = Int(bounds[2 * field]), end = Int(bounds[2 * field + 1])
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }

        func string(_ field: Int) -> String { withBytes(field) { String(decoding: $0, as: UTF8.self) } }
    }

    public var file: String
    public var columns: [String]
    public var rows: Rows

    public static func load(_ path: String, columns expected: [String], uniqueKey: Bool = true) throws(LexiconError) -> TSVTable {
        try parse(bytes: try bytes(of: path), file: path, columns: expected, uniqueKey: uniqueKey)
    }

    /// A lexicon file's bytes, checked to be UTF-8 as `text(of:)` checks them. Checked here, eight ASCII bytes at a
    /// time: making a `String` of the file (and then an array of its bytes) cost 10 instructions a byte, 13 M
    /// at every start. A file with a byte-order mark, or not valid, takes `text(of:)`'s way and its answer.
    static func bytes(of path: String) throws(LexiconError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LexiconError(file: path, line: nil, message: "cannot read the file")
        }
        let bytes = [UInt8](data)
        let valid = bytes.withUnsafeBufferPointer { UTF8Validation.validate($0) == .valid }
        guard valid, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return Array(try text(of: path).utf8) }
        return bytes
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
        try parse(bytes: Array(text.utf8), file: file, columns: expected, uniqueKey: uniqueKey)
    }

    /// Parses a file's bytes, which are valid UTF-8.
    static func parse(bytes: [UInt8], file: String, columns expected: [String], uniqueKey: Bool) throws(LexiconError) -> TSVTable {
        var header: [String]?
        var lines: [Int32] = []
        var bounds: [Int32] = []
        var seen = SeenKeys(capacity: 0)
        // Cut on bytes: a tab or line feed is never part of another UTF-8 character, and cutting on Characters would
        // keep `\r\n` (one Character) from ending a line.
        try bytes.withUnsafeBufferPointer { bytes throws(LexiconError) in
            // Sized for one entry per line feed, so that neither the rows nor the seen keys grow as they fill. The line
            // feeds are counted with `memchr`, as they are found below: a test of every byte cost 8 instructions a byte.
            var lineCount = 1
            var from = 0
            while from < bytes.count, let feed = Self.offset(of: 0x0A, in: bytes, from: from) {
                lineCount += 1
                from = feed + 1
            }
            lines.reserveCapacity(lineCount)
            bounds.reserveCapacity(lineCount * 2 * expected.count)
            if uniqueKey { seen = SeenKeys(capacity: lineCount) }
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
                guard header != nil else {
                    let fields = Self.fields(of: line)
                    guard fields == expected else {
                        throw LexiconError(file: file, line: lineNumber,
                                           message: "expected the header \(expected.joined(separator: "<TAB>")), found \(fields.joined(separator: "<TAB>"))")
                    }
                    header = fields
                    continue
                }
                // The fields' bounds are written straight into the table's and taken back if the line is short or long.
                let firstBound = bounds.count
                var fieldStart = 0
                while fieldStart < line.count, let tab = Self.offset(of: 0x09, in: line, from: fieldStart) {
                    bounds.append(Int32(lineStart + fieldStart))
                    bounds.append(Int32(lineStart + tab))
                    fieldStart = tab + 1
                }
                bounds.append(Int32(lineStart + fieldStart))
                bounds.append(Int32(end))
                let fieldCount = (bounds.count - firstBound) / 2
                guard fieldCount == expected.count else {
                    throw LexiconError(file: file, line: lineNumber,
                                       message: "expected \(expected.count) tab-separated fields (\(expected.joined(separator: ", "))), found \(fieldCount)")
                }
                let key = UnsafeBufferPointer(rebasing: bytes[Int(bounds[firstBound])..<Int(bounds[firstBound + 1])])
                guard let first = Self.firstScalar(of: key), let last = Self.lastScalar(of: key),
                      !Self.isWhitespace(first), !Self.isWhitespace(last) else {
                    throw LexiconError(file: file, line: lineNumber, message: "the \(expected[0]) is empty or has surrounding spaces")
                }
                lines.append(Int32(lineNumber))
                // One lookup: the row is recorded, and a key seen before fails the load.
                // The bounds lent as a buffer: passed as the array, they were retained and released for every row.
                if uniqueKey, let previous = bounds.withUnsafeBufferPointer({ seen.insert(row: lines.count - 1, in: bytes, bounds: $0, width: expected.count) }) {
                    throw LexiconError(file: file, line: lineNumber,
                                       message: "duplicate \(expected[0]) '\(String(decoding: key, as: UTF8.self))' (first at line \(lines[previous]))")
                }
            }
        }
        guard let columns = header else { throw LexiconError(file: file, line: nil, message: "no header line") }
        return TSVTable(file: file, columns: columns, rows: Rows(cells: Cells(bytes: bytes, bounds: bounds), lines: lines, width: expected.count))
    }

    /// The rows whose keys were met so far, to find a key met before with neither a `String` made nor SipHash: keys
    /// are hashed from the file's bytes into open addressing over the rows, and compared as bytes. That is `String`
    /// equality (canonical equivalence) for keys whose scalars are all below U+0300, which are in NFC and have no
    /// other spelling; from the first key with a byte from 0xCC up (U+0300 and beyond: combining marks, and the few
    /// characters that are canonically another), every key is compared as a `String`, those before it included.
    struct SeenKeys {
        private var slots: [Int32]
        private let mask: Int
        private var asStrings: [String: Int]?

        init(capacity: Int) {
            var size = 16
            while size < 2 * capacity { size *= 2 }
            slots = [Int32](repeating: -1, count: size)
            mask = size - 1
        }

        /// Records the key of `row` and returns nil, or returns the earlier row with an equal key.
        mutating func insert(row: Int, in bytes: UnsafeBufferPointer<UInt8>, bounds: UnsafeBufferPointer<Int32>, width: Int) -> Int? {
            func key(_ row: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[Int(bounds[2 * row * width])..<Int(bounds[2 * row * width + 1])])
            }
            let bytesKey = key(row)
            // FNV-1a, and whether a byte is 0xCC or above, in one pass over the key.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var high: UInt8 = 0
            for byte in bytesKey {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                high = max(high, byte)
            }
            if asStrings == nil, high >= 0xCC {
                var strings: [String: Int] = [:]
                strings.reserveCapacity(slots.count / 2)
                for earlier in 0..<row { strings[String(decoding: key(earlier), as: UTF8.self)] = earlier }
                asStrings = strings
            }
            if asStrings != nil { return asStrings!.updateValue(row, forKey: String(decoding: bytesKey, as: UTF8.self)) }
            var slot = Int(truncatingIfNeeded: hash ^ hash >> 32) & mask
            while slots[slot] >= 0 {
                let other = key(Int(slots[slot]))
                if other.count == bytesKey.count, memcmp(other.baseAddress!, bytesKey.baseAddress!, other.count) == 0 {
                    return Int(slots[slot])
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(row)
            return nil
        }
    }

    /// A line cut at its tabs (the header).
    static func fields(of line: UnsafeBufferPointer<UInt8>) -> [String] {
        line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) }
    }

    /// The first Unicode scalar of valid UTF-8 bytes, or nil when there are none.
    static func firstScalar(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let lead = bytes.first else { return nil }
        guard lead >= 0x80 else { return Unicode.Scalar(lead) }
        var length = 1
        while length < bytes.count, bytes[length] & 0xC0 == 0x80 { length += 1 }
        return scalar(UnsafeBufferPointer(rebasing: bytes[0..<length]))
    }

    /// The last Unicode scalar of valid UTF-8 bytes, or nil when there are none.
    static func lastScalar(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let final = bytes.last else { return nil }
        guard final >= 0x80 else { return Unicode.Scalar(final) }
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// The scalar one UTF-8 sequence (a lead byte and its continuation bytes) encodes.
    private static func scalar(_ sequence: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var value = UInt32(sequence[0]) & (0xFF >> (sequence.count + 1))
        for byte in sequence.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// Unicode whitespace, answered without the property tables for ASCII (nearly every key's ends).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isWhitespace }
        return scalar == " " || (0x09...0x0D).contains(scalar.value)
    }

    /// A field read as a number, exactly as `Double(text)` reads it. A plain decimal (`4.53`, `-1.5`: at most 15
    /// digits) is its digits as an integer divided by a power of ten, both exact in a `Double`, so the one rounding
    /// is the correctly rounded value `Double(text)` gives; `Double(text)` cost hundreds of instructions a field,
    /// 30k fields at every start. Anything else is left to `Double(text)`.
    public static func decimal(_ text: String) -> Double? {
        let fast: Double?? = text.utf8.withContiguousStorageIfAvailable(plainDecimal)
        if let fast = fast ?? nil { return fast }
        return Double(text)
    }

    /// The value of a plain decimal's bytes, or nil for anything else (left to `Double(text)`).
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
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

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The offset of the first `byte` in `bytes` at or after `start` (which is below `bytes.count`), or nil.
    static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
