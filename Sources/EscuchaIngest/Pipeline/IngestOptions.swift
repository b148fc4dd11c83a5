import EscuchaCore

/// Everything a run of ingest can be told. Defaults need no configuration.
public struct IngestOptions: Sendable {
    /// Force every file to be read as this kind (else detected per file).
    public var kind: DocumentKind?
    /// Force the channel name of every document.
    public var channel: String?
    public var mapping: FieldMapping
    public var dates: ExportDateParser
    /// Records (CSV rows, JSON lines or elements) longer than this are rejected, never held in memory.
    public var maximumRecordBytes: Int
    /// HTML pages larger than this are rejected (a saved forum page is rarely over a few megabytes).
    public var maximumHTMLBytes: Int
    /// User-supplied forum selectors, tried before the built-in presets.
    public var forumSelectors: ForumSelectors?
    /// Bytes per unit of parallel work.
    public var batchBytes: Int
    /// Worker threads (defaults to the number of cores).
    public var workers: Int

    public init(kind: DocumentKind? = nil, channel: String? = nil, mapping: FieldMapping = FieldMapping(),
                dates: ExportDateParser, maximumRecordBytes: Int = 8 << 20, maximumHTMLBytes: Int = 64 << 20,
                forumSelectors: ForumSelectors? = nil, batchBytes: Int = 1 << 20, workers: Int = 0) {
        self.kind = kind
        self.channel = channel
        self.mapping = mapping
        self.dates = dates
        self.maximumRecordBytes = maximumRecordBytes
        self.maximumHTMLBytes = maximumHTMLBytes
        self.forumSelectors = forumSelectors
        self.batchBytes = batchBytes
        self.workers = workers
    }
}

/// The container format of an input file.
public enum FileFormat: String, Sendable {
    case csv
    case jsonLines = "jsonl"
    case json
    case html

    /// From the file name; nil when the extension says nothing.
    public static func fromExtension(_ path: String) -> FileFormat? {
        let lowered = path.lowercased()
        guard let dot = lowered.lastIndex(of: "."), !lowered[dot...].contains("/") else { return nil }
        switch lowered[lowered.index(after: dot)...] {
        case "csv", "tsv", "tab": return .csv
        case "jsonl", "ndjson", "jsonlines": return .jsonLines
        case "json": return .json
        case "html", "htm", "xhtml", "shtml": return .html
        default: return nil
        }
    }

    /// From the first bytes of a decoded file.
    static func sniff(_ bytes: some Collection<UInt8>) -> FileFormat {
        guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { return .csv }
        switch first {
        case UInt8(ascii: "<"): return .html
        case UInt8(ascii: "["): return .json
        case UInt8(ascii: "{"):
            // Several top-level objects on their own lines: JSON Lines.
            var depth = 0
            var inString = false
            var escaped = false
            for byte in bytes {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return .jsonLines }
                case 0x0A where depth > 0: return .json
                default: break
                }
            }
            return .json
        default: return .csv
        }
    }
}
