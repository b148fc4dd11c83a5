/// Where a document or a reject came from, precise enough to open the file and find it.
public struct SourceLocation: Sendable, Equatable {
    /// The path as given on the command line (or found when walking a folder).
    public var file: String
    /// 1-based line where the record starts (CSV, JSON Lines, JSON); nil for HTML.
    public var line: Int?
    /// 0-based index of the record within its file, in reading order.
    public var record: Int
    /// Byte offset of the record's start in the decoded UTF-8 stream (equal to the file offset for
    /// UTF-8 files without a BOM; after the BOM otherwise).
    public var byteOffset: Int?
    /// Where inside the record the document sits: the post element's XPath for HTML, a JSON Pointer
    /// (`/data/3`) for documents taken from inside a JSON record.
    public var path: String?
    /// The encoding the file was read as: `UTF-8`, `UTF-16LE`, `windows-1252`…
    public var encoding: String

    public init(file: String, line: Int? = nil, record: Int, byteOffset: Int? = nil, path: String? = nil,
                encoding: String = "UTF-8") {
        self.file = file
        self.line = line
        self.record = record
        self.byteOffset = byteOffset
        self.path = path
        self.encoding = encoding
    }
}
