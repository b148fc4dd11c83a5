#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscuchaCore

/// Cuts a JSON Lines stream at line feeds. Blank lines are not records; a line longer than
/// `maximumRecordBytes` is rejected as `record_too_large` and skipped without being held in memory.
public final class JSONLinesScanner: RecordScanner {
    public let maximumRecordBytes: Int
    private let window: StreamWindow
    private var position = 0
    private var recordStart = 0
    private var line = 1
    private var recordIndex = 0
    private var skipping = false
    private var finished = false

    public init(file: DecodedFile, maximumRecordBytes: Int) {
        self.window = StreamWindow(file: file)
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// Hands over bytes the caller already read from the file (to sniff its format).
    public func prime(with bytes: [UInt8]) {
        window.buffer.append(contentsOf: bytes)
    }

    public func nextBatch(targetBytes: Int) -> RecordBatch? {
        guard !finished else { return nil }
        var batch = RecordBatch()
        while batch.storage.count < targetBytes {
            if position >= window.buffer.count {
                let (shift, gotData) = window.refill(keepFrom: skipping ? position : recordStart)
                position -= shift
                recordStart -= shift
                guard gotData else {
                    if !skipping, recordStart < window.buffer.count { complete(end: window.buffer.count, into: &batch) }
                    finished = true
                    break
                }
            }
            let found: Bool = window.buffer.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return false }
                let remaining = bytes.count - position
                if let hit = memchr(base + position, 0x0A, remaining) {
                    position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    return true
                }
                position = bytes.count
                return false
            }
            if found {
                if skipping {
                    skipping = false
                } else {
                    complete(end: position, into: &batch)
                }
                position += 1
                line += 1
                recordStart = position
            } else if !skipping, position - recordStart > maximumRecordBytes {
                batch.rejects.append(Reject(
                    location: window.locate(line: line, offset: window.bufferOffset + recordStart, index: recordIndex),
                    reason: .recordTooLarge,
                    message: "the line is longer than \(maximumRecordBytes) bytes (--max-record-bytes); it was skipped",
                    snippet: Reject.snippet(window.buffer[recordStart..<(recordStart + RejectReason.snippetLimit)])))
                recordIndex += 1
                skipping = true
            }
        }
        return batch.isEmpty && finished ? nil : batch
    }

    private func complete(end: Int, into batch: inout RecordBatch) {
        var stop = end
        if stop > recordStart, window.buffer[stop - 1] == 0x0D { stop -= 1 }
        // Skip lines of only whitespace.
        var first = recordStart
        while first < stop, [0x20, 0x09].contains(window.buffer[first]) { first += 1 }
        guard first < stop else { return }
        window.buffer.withUnsafeBufferPointer { bytes in
            batch.append(UnsafeBufferPointer(rebasing: bytes[recordStart..<stop]), line: line,
                         offset: window.bufferOffset + recordStart, index: recordIndex)
        }
        recordIndex += 1
    }
}
