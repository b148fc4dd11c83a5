import EscuchaCore

/// Streams the elements of one array inside a JSON document without parsing the rest: the root array
/// (`path: []`), or an array member such as `data` (`["data"]`) or `includes.users`
/// (`["includes", "users"]`). Only structure is tracked (depth, strings, member names), so memory stays
/// one element plus a chunk, whatever the file size.
///
/// Along the way it notes the root object's members whose values are arrays (`topLevelArrays`), which is
/// how a JSON export's shape is recognised.
public final class JSONArrayScanner: RecordScanner {
    public let path: [String]
    public let maximumRecordBytes: Int
    /// Names of the root object's members that hold arrays, in order of appearance.
    public private(set) var topLevelArrays: [String] = []
    /// Names of all the root object's members.
    public private(set) var topLevelMembers: [String] = []
    /// Whether the document's root is an array (nil until the first byte is seen).
    public private(set) var rootIsArray: Bool?
    /// Set when the structure is broken (not just truncated): the scanner stops there.
    public private(set) var structuralError: String?

    private let window: StreamWindow

    private struct Level {
        var isArray: Bool
        var expectingKey: Bool
        var key: [UInt8]
    }

    private var stack: [Level] = []
    private var position = 0
    private var line = 1
    private var elementStart: Int?
    private var elementLine = 1
    private var elementIsScalar = false
    private var recordIndex = 0
    private var finished = false
    private var inString = false
    private var stringIsKey = false
    private var stringStart = 0
    private var escaped = false
    private var skippingOversized = false

    public init(file: DecodedFile, path: [String], maximumRecordBytes: Int) {
        self.window = StreamWindow(file: file)
        self.path = path
        self.maximumRecordBytes = maximumRecordBytes
    }

    /// True when the innermost container is the target array.
    private var insideTarget: Bool {
        guard stack.count == path.count + 1, stack[stack.count - 1].isArray else { return false }
        for (depth, name) in path.enumerated() {
            let level = stack[depth]
            guard !level.isArray, level.key.elementsEqual(name.utf8) else { return false }
        }
        return true
    }

    /// Hands over bytes the caller already read from the file (to sniff its format).
    public func prime(with bytes: [UInt8]) {
        window.buffer.append(contentsOf: bytes)
    }

    public func nextBatch(targetBytes: Int) -> RecordBatch? {
        guard !finished else { return nil }
        var batch = RecordBatch()
        while batch.storage.count < targetBytes, !finished {
            if position >= window.buffer.count {
                let stringKeep = inString ? stringStart : position
                let keep = skippingOversized ? min(position, stringKeep) : min(elementStart ?? position, stringKeep)
                let (shift, gotData) = window.refill(keepFrom: keep)
                position -= shift
                if let start = elementStart { elementStart = start - shift }
                stringStart -= shift
                guard gotData else {
                    finishAtEnd(into: &batch)
                    break
                }
            }
            scan(into: &batch, targetBytes: targetBytes)
            if let start = elementStart, !skippingOversized, position - start > maximumRecordBytes {
                batch.rejects.append(Reject(
                    location: window.locate(line: elementLine, offset: window.bufferOffset + start, index: recordIndex),
                    reason: .recordTooLarge,
                    message: "the element is longer than \(maximumRecordBytes) bytes (--max-record-bytes); it was skipped",
                    snippet: Reject.snippet(window.buffer[start..<(start + RejectReason.snippetLimit)])))
                recordIndex += 1
                skippingOversized = true
            }
        }
        return batch.isEmpty && finished ? nil : batch
    }

    private func scan(into batch: inout RecordBatch, targetBytes: Int) {
        let count = window.buffer.count
        while position < count, batch.storage.count < targetBytes {
            let byte = window.buffer[position]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if stringIsKey, stack.count <= path.count + 1 {
                        stack[stack.count - 1].key = Array(window.buffer[(stringStart + 1)..<position])
                    }
                    if stringIsKey, stack.count == 1, !stack[0].isArray {
                        topLevelMembers.append(String(decoding: stack[0].key, as: UTF8.self))
                    }
                } else if byte == 0x0A {
                    line += 1
                }
                position += 1
                continue
            }
            switch byte {
            case 0x0A:
                line += 1
            case 0x20, 0x09, 0x0D:
                break
            case UInt8(ascii: "\""):
                let isKey = stack.last.map { !$0.isArray && $0.expectingKey } ?? false
                if !isKey { startElementIfNeeded(scalar: true) }
                inString = true
                stringIsKey = isKey
                stringStart = position
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isArray = byte == UInt8(ascii: "[")
                if rootIsArray == nil { rootIsArray = isArray }
                startElementIfNeeded(scalar: false)
                if stack.count == 1, !stack[0].isArray, isArray {
                    topLevelArrays.append(String(decoding: stack[0].key, as: UTF8.self))
                }
                stack.append(Level(isArray: isArray, expectingKey: !isArray, key: []))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if elementIsScalar { endElement(at: position, into: &batch) }
                guard let closed = stack.popLast(), closed.isArray == (byte == UInt8(ascii: "]")) else {
                    structuralError = "unbalanced '\(Character(Unicode.Scalar(byte)))' at line \(line)"
                    finished = true
                    return
                }
                if insideTarget, elementStart != nil { endElement(at: position + 1, into: &batch) }
                if stack.isEmpty {
                    // The root value is complete; anything after it but whitespace is ignored.
                    position += 1
                    finished = true
                    return
                }
            case UInt8(ascii: ","):
                if elementIsScalar { endElement(at: position, into: &batch) }
                if var top = stack.last, !top.isArray {
                    top.expectingKey = true
                    stack[stack.count - 1] = top
                }
            case UInt8(ascii: ":"):
                if var top = stack.last, !top.isArray {
                    top.expectingKey = false
                    stack[stack.count - 1] = top
                }
            default:
                if rootIsArray == nil { rootIsArray = false }
                startElementIfNeeded(scalar: true)
            }
            position += 1
        }
    }

    private func startElementIfNeeded(scalar: Bool) {
        guard elementStart == nil, insideTarget else { return }
        elementStart = position
        elementLine = line
        elementIsScalar = scalar
    }

    private func endElement(at end: Int, into batch: inout RecordBatch) {
        guard let start = elementStart else { return }
        elementStart = nil
        elementIsScalar = false
        if skippingOversized {
            skippingOversized = false
            return
        }
        var stop = end
        while stop > start, [0x20, 0x0A, 0x0D, 0x09].contains(window.buffer[stop - 1]) { stop -= 1 }
        window.buffer.withUnsafeBufferPointer { bytes in
            batch.append(UnsafeBufferPointer(rebasing: bytes[start..<stop]), line: elementLine,
                         offset: window.bufferOffset + start, index: recordIndex)
        }
        recordIndex += 1
    }

    private func finishAtEnd(into batch: inout RecordBatch) {
        finished = true
        guard !stack.isEmpty else { return }
        if let start = elementStart, !skippingOversized {
            batch.rejects.append(Reject(
                location: window.locate(line: elementLine, offset: window.bufferOffset + start, index: recordIndex),
                reason: .truncatedJSON,
                message: "the file ends in the middle of this element: the export was cut short",
                snippet: Reject.snippet(window.buffer[start..<min(window.buffer.count, start + RejectReason.snippetLimit)])))
            recordIndex += 1
        } else {
            structuralError = "the file ends before the JSON document is closed (\(stack.count) open brackets)"
        }
        elementStart = nil
    }

    /// Whether the file ended cut short (an open bracket at the end).
    public var endedTruncated: Bool { finished && !stack.isEmpty }
}
