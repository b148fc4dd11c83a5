import EscuchaCore

/// Cuts a decoded CSV stream into records: a record ends at a line feed outside quotes. A quote opens a
/// quoted field only at the start of a field (as in `CSVFields`).
///
/// Recovery, so one bad record never swallows the rest of the file: when the file ends inside a quoted
/// field, or a quoted field grows past `maximumRecordBytes`, the record's first physical line is rejected
/// as `csv_unbalanced_quote` and scanning resumes on the next line. A record longer than the limit
/// without quotes is rejected as `record_too_large` and skipped to its end.
public final class CSVScanner: RecordScanner {
    public let dialect: CSVDialect
    public let maximumRecordBytes: Int
    private let window: StreamWindow

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var position = 0          // scan position in window.buffer
    private var recordStart = 0       // start of the current record in window.buffer
    private var recordLine = 1        // line where the current record starts
    private var line = 1              // line at `position`
    /// The header line is record -1, so that data records count from 0.
    private var recordIndex = -1
    private var state = State.fieldStart
    private var skippingOversized = false
    private var finished = false
    /// Fields seen so far in the current record, and how many the header has (known after line 1).
    private var fieldsInRecord = 1
    private var expectedFields: Int?

    public init(file: DecodedFile, dialect: CSVDialect, maximumRecordBytes: Int) {
        self.window = StreamWindow(file: file)
        self.dialect = dialect
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// Reads the header line's bytes to sniff the dialect without consuming anything.
    public static func peekHeader(_ file: DecodedFile) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < 1 << 16, !bytes.contains(UInt8(ascii: "\n")) {
            if !file.read(into: &bytes) { break }
        }
        return bytes
    }

    /// Lets the caller hand over bytes it already read from the file (the peeked header).
    public func prime(with bytes: [UInt8]) {
        window.buffer.append(contentsOf: bytes)
    }

    public func nextBatch(targetBytes: Int) -> RecordBatch? {
        guard !finished else { return nil }
        var batch = RecordBatch()
        let separator = dialect.separator
        while batch.storage.count < targetBytes {
            if position >= window.buffer.count {
                let keep = skippingOversized ? position : recordStart
                let (shift, gotData) = window.refill(keepFrom: keep)
                position -= shift
                recordStart -= shift
                guard gotData else {
                    finishAtEnd(into: &batch)
                    if finished { break } else { continue }
                }
            }
            // Hot loop over the bytes in the buffer.
            let available = window.buffer.count
            let ended: Bool = window.buffer.withUnsafeBufferPointer { bytes in
                while position < available {
                    let byte = bytes[position]
                    switch state {
                    case .quoted:
                        // Jump to the next quote, counting line feeds on the way.
                        while position < available, bytes[position] != UInt8(ascii: "\"") {
                            if bytes[position] == 0x0A { line += 1 }
                            position += 1
                        }
                        if position < available { state = .quoteInQuoted; position += 1 }
                        continue
                    case .quoteInQuoted:
                        if byte == UInt8(ascii: "\"") { state = .quoted; position += 1; continue }
                        state = byte == separator ? .fieldStart : (byte == 0x0A ? .fieldStart : .unquoted)
                        if byte == 0x0A { return true }
                        if byte == separator { fieldsInRecord += 1 }
                        position += 1
                    case .fieldStart:
                        if byte == UInt8(ascii: "\"") { state = .quoted; position += 1; continue }
                        if byte == 0x0A { return true }
                        if byte == separator { fieldsInRecord += 1 }
                        state = byte == separator ? .fieldStart : .unquoted
                        position += 1
                    case .unquoted:
                        // Jump to the next separator or line feed.
                        while position < available, bytes[position] != separator, bytes[position] != 0x0A { position += 1 }
                        if position < available {
                            if bytes[position] == 0x0A { return true }
                            fieldsInRecord += 1
                            state = .fieldStart
                            position += 1
                        }
                    }
                }
                return false
            }
            if ended {
                // A record that spans lines and does not have the header's number of fields is almost
                // always a stray opening quote that swallowed the following rows: reject its first line
                // and read the rows after it on their own.
                if let expected = expectedFields, line > recordLine, fieldsInRecord != expected, !skippingOversized {
                    rejectFirstLineAndResume(reason: .csvUnbalancedQuote, into: &batch,
                                             message: "a quote opens a field that is never closed on this line, and the rows it would swallow do not fit the header's \(expected) fields. The line was rejected and reading went on from the next line.")
                    continue
                }
                if expectedFields == nil { expectedFields = fieldsInRecord }
                completeRecord(end: position, into: &batch)
                position += 1
                line += 1
                recordStart = position
                recordLine = line
                state = .fieldStart
                fieldsInRecord = 1
            } else if position - recordStart > maximumRecordBytes, !skippingOversized {
                if state == .quoted || state == .quoteInQuoted {
                    rejectFirstLineAndResume(reason: .csvUnbalancedQuote, into: &batch,
                                             message: "a quoted field runs past \(maximumRecordBytes) bytes: its closing quote is probably missing. The record's first line was rejected and reading went on from the next line.")
                } else {
                    batch.rejects.append(Reject(
                        location: window.locate(line: recordLine, offset: window.bufferOffset + recordStart, index: recordIndex),
                        reason: .recordTooLarge,
                        message: "the record is longer than \(maximumRecordBytes) bytes (--max-record-bytes); it was skipped",
                        snippet: snippet(from: recordStart)))
                    recordIndex += 1
                    skippingOversized = true
                }
            }
        }
        return batch.isEmpty && finished ? nil : batch
    }

    private func snippet(from start: Int) -> String {
        Reject.snippet(window.buffer[start..<min(window.buffer.count, start + RejectReason.snippetLimit)])
    }

    private func completeRecord(end: Int, into batch: inout RecordBatch) {
        if skippingOversized {
            skippingOversized = false
            return
        }
        var stop = end
        if stop > recordStart, window.buffer[stop - 1] == 0x0D { stop -= 1 }
        // Blank lines are not records.
        if stop == recordStart { return }
        window.buffer.withUnsafeBufferPointer { bytes in
            batch.append(UnsafeBufferPointer(rebasing: bytes[recordStart..<stop]), line: recordLine,
                         offset: window.bufferOffset + recordStart, index: recordIndex)
        }
        recordIndex += 1
    }

    /// Rejects the current record's first physical line and rescans from the line after it.
    private func rejectFirstLineAndResume(reason: RejectReason, into batch: inout RecordBatch, message: String) {
        var lineEnd = recordStart
        while lineEnd < window.buffer.count, window.buffer[lineEnd] != 0x0A { lineEnd += 1 }
        var contentEnd = lineEnd
        if contentEnd > recordStart, window.buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        batch.rejects.append(Reject(
            location: window.locate(line: recordLine, offset: window.bufferOffset + recordStart, index: recordIndex),
            reason: reason, message: message,
            snippet: Reject.snippet(window.buffer[recordStart..<min(contentEnd, recordStart + RejectReason.snippetLimit)])))
        recordIndex += 1
        position = min(lineEnd + 1, window.buffer.count)
        recordStart = position
        recordLine += 1
        line = recordLine
        state = .fieldStart
        fieldsInRecord = 1
        if lineEnd >= window.buffer.count { finished = window.exhausted }
    }

    private func finishAtEnd(into batch: inout RecordBatch) {
        if recordStart < window.buffer.count {
            if state == .quoted {
                rejectFirstLineAndResume(reason: .csvUnbalancedQuote, into: &batch,
                                         message: "the file ends inside a quoted field: a closing quote is missing. The record's first line was rejected and reading went on from the next line.")
                if recordStart < window.buffer.count { return }  // more lines to rescan
            } else {
                completeRecord(end: window.buffer.count, into: &batch)
                recordStart = window.buffer.count
            }
        }
        finished = true
    }
}
