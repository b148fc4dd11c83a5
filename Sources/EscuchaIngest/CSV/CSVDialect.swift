/// How a CSV file is written: its separator. Quoting is always RFC 4180 (`"` doubled inside quotes).
public struct CSVDialect: Sendable, Equatable {
    public var separator: UInt8

    public init(separator: UInt8) { self.separator = separator }

    public static let comma = CSVDialect(separator: UInt8(ascii: ","))
    public static let semicolon = CSVDialect(separator: UInt8(ascii: ";"))
    public static let tab = CSVDialect(separator: UInt8(ascii: "\t"))

    /// Picks the separator from the header line: the candidate (`,` `;` tab `|`) that occurs most often
    /// outside quotes. Spanish Excel writes `;` because `,` is the decimal mark.
    public static func sniff(headerLine bytes: some Collection<UInt8>) -> CSVDialect {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if byte == UInt8(ascii: "\n") && !inQuotes { break }
            guard !inQuotes, let index = candidates.firstIndex(of: byte) else { continue }
            counts[index] += 1
        }
        let best = counts.indices.max(by: { counts[$0] < counts[$1] }) ?? 0
        return counts[best] == 0 ? .comma : CSVDialect(separator: candidates[best])
    }
}

/// Splits one CSV record (as cut by `CSVScanner`) into field values, unquoting as it goes.
public enum CSVFields {
    /// Fields of `record`. A quote only opens a quoted field at the start of the field; elsewhere it is a
    /// literal character, as Excel reads `dijo "hola"` in an unquoted field.
    public static func split(_ record: UnsafeBufferPointer<UInt8>, dialect: CSVDialect) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(16)
        var scratch: [UInt8] = []
        let separator = dialect.separator
        var index = 0
        let count = record.count
        // A record cut by the scanner has no line terminator; strip a stray CR anyway.
        var end = count
        if end > 0, record[end - 1] == 0x0D { end -= 1 }
        while true {
            if index < end, record[index] == UInt8(ascii: "\"") {
                // Quoted field.
                index += 1
                scratch.removeAll(keepingCapacity: true)
                var runStart = index
                while index < end {
                    if record[index] == UInt8(ascii: "\"") {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: record[runStart..<index]))
                        if index + 1 < end, record[index + 1] == UInt8(ascii: "\"") {
                            scratch.append(UInt8(ascii: "\""))
                            index += 2
                            runStart = index
                            continue
                        }
                        index += 1
                        runStart = index
                        break
                    }
                    index += 1
                }
                if runStart < index, index >= end, runStart <= end {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: record[runStart..<min(index, end)]))
                }
                // Text after the closing quote and before the separator is kept (lenient, like Excel).
                let tailStart = index
                while index < end, record[index] != separator { index += 1 }
                if index > tailStart { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: record[tailStart..<index])) }
                fields.append(String(decoding: scratch, as: UTF8.self))
            } else {
                let start = index
                while index < end, record[index] != separator { index += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: record[start..<index]), as: UTF8.self))
            }
            if index >= end { break }
            index += 1  // separator
            if index == end { fields.append(""); break }
        }
        return fields
    }
}

/// A CSV file's header line: where it ends in the bytes read so far, the file's dialect (tab for
/// `.tsv`, sniffed otherwise) and the column names, trimmed.
public struct CSVHeader: Sendable, Equatable {
    public var dialect: CSVDialect
    public var names: [String]
    /// Offset of the header's line break in `head` (its length when there is none).
    public var lineEnd: Int

    public init(head: [UInt8], path: String) {
        lineEnd = head.firstIndex(of: 0x0A) ?? head.count
        dialect = path.lowercased().hasSuffix(".tsv") ? CSVDialect.tab : CSVDialect.sniff(headerLine: head[0..<lineEnd])
        let end = lineEnd
        let dialect = self.dialect
        names = head.withUnsafeBufferPointer { CSVFields.split(UnsafeBufferPointer(rebasing: $0[0..<end]), dialect: dialect) }
            .map { $0.trimmingSpaces() }
    }
}
