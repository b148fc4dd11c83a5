import EscuchaCore

/// A run of raw records cut from a file, stored in one contiguous buffer so that a worker thread can
/// decode the whole batch without touching the file. Batches are the unit of parallel work.
public struct RecordBatch: Sendable {
    public struct Item: Sendable {
        /// The record's bytes within `storage`.
        public var range: Range<Int>
        /// 1-based line where the record starts.
        public var line: Int
        /// Byte offset of the record in the decoded stream.
        public var offset: Int
        /// 0-based record index within the file.
        public var index: Int
    }

    public var storage: [UInt8] = []
    public var items: [Item] = []
    /// Records the scanner itself rejected (unbalanced quotes, oversized records, truncation), in order
    /// with the items by `location.record`.
    public var rejects: [Reject] = []

    public var isEmpty: Bool { items.isEmpty && rejects.isEmpty }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, offset: Int, index: Int) {
        let start = storage.count
        storage.append(contentsOf: bytes)
        items.append(Item(range: start..<storage.count, line: line, offset: offset, index: index))
    }
}

/// Cuts a decoded file into records, batch by batch, keeping only one record's worth of bytes (plus a
/// chunk) in memory.
public protocol RecordScanner: AnyObject {
    /// The next batch of at least `targetBytes` (fewer at the end), or nil when the file is done.
    func nextBatch(targetBytes: Int) -> RecordBatch?
}

/// The shared machinery of the scanners: a sliding window over the decoded stream.
class StreamWindow {
    let file: DecodedFile
    let location: SourceLocation
    var buffer: [UInt8] = []
    /// Decoded-stream offset of `buffer[0]`.
    var bufferOffset = 0
    var exhausted = false

    init(file: DecodedFile) {
        self.file = file
        self.location = SourceLocation(file: file.path, record: 0, encoding: file.decision.encoding)
        buffer.reserveCapacity(DecodedFile.chunkSize * 2)
    }

    /// Drops bytes before `keepFrom` and reads more. Returns the shift applied to buffer indices (always
    /// to be applied by the caller) and whether new bytes arrived (false at the end of the stream).
    func refill(keepFrom: Int) -> (shift: Int, gotData: Bool) {
        let shift = keepFrom
        if shift > 0 {
            buffer.removeSubrange(0..<shift)
            bufferOffset += shift
        }
        guard !exhausted else { return (shift, false) }
        let before = buffer.count
        while buffer.count == before {
            if !file.read(into: &buffer) {
                exhausted = true
                break
            }
        }
        return (shift, buffer.count > before)
    }

    func locate(line: Int, offset: Int, index: Int) -> SourceLocation {
        var where_ = location
        where_.line = line
        where_.byteOffset = offset
        where_.record = index
        return where_
    }
}
