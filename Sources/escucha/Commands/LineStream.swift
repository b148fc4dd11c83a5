import Foundation
import EscuchaText
import Synchronization

/// Lines of a file or stdin, read one buffer at a time: a corpus is never loaded whole, and neither is a
/// line longer than `maximumBytes`: its bytes are counted as they pass and only its length is kept.
final class LineStream {
    /// One line: its text without the line break (and a trailing CR), or, past the limit, its length.
    enum Line {
        /// Most lines are lent from the string of the chunk they were read in (`chunkText`): no line has storage of its own.
        case text(Substring)
        case tooLong(bytes: Int)
    }

    let source: String
    let maximumBytes: Int
    private let file: UnsafeMutablePointer<FILE>
    private let owns: Bool
    private let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: LineStream.chunkSize)
    private var start = 0, end = 0
    private var exhausted = false
    /// The part of a line that spans chunks.
    private var pending: [UInt8] = []
    /// The chunk's whole lines as one string, checked once (`lend`): a line found in it is handed out as a slice of it,
    /// where a string made for each line cost an allocation, a copy and, once the line was scored, a free (about 800
    /// instructions a line). Empty when the chunk's bytes are not valid UTF-8: each line then repairs its own.
    private var chunkText = ""
    /// Where `chunkText` starts and ends in the chunk.
    private var textStart = 0, textEnd = 0
    private(set) var lineNumber = 0
    static let chunkSize = 1 << 16

    /// Opens `path`, or stdin for `nil` or `-`.
    init(path: String?, maximumBytes: Int = .max) throws {
        self.maximumBytes = maximumBytes
        if let path, path != "-" {
            guard let file = fopen(path, "rb") else {
                Console.error("escucha: cannot read \(path)")
                throw ExitStatus.unreadableInput
            }
            self.file = file
            source = path
            owns = true
        } else {
            // A stream of our own over descriptor 0 (the C `stdin` global is shared mutable state).
            guard let input = fdopen(STDIN_FILENO, "rb") else { throw ExitStatus.unreadableInput }
            file = input
            source = "<stdin>"
            owns = false
        }
    }

    deinit {
        chunk.deallocate()
        if owns { fclose(file) }
    }

    /// The next line, or nil at the end.
    func next() -> Line? {
        var length = 0
        while true {
            if start == end {
                guard refill(midLine: length > 0) else {
                    // The last line, without a line break.
                    guard length > 0 else { return nil }
                    return finish(length)
                }
            }
            let available = end - start
            if let found = memchr(chunk + start, 0x0A, available) {
                let count = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - (chunk + start)
                length += count
                if length <= maximumBytes {
                    // The common case: the whole line in this chunk (nothing before it was counted, so nothing is pending),
                    // made into a string without a copy of its own. Told by the count, `pending` is not touched: each access
                    // to it, a class's array, is checked for exclusivity at run time (with emptying it every line, about 170
                    // instructions a line).
                    if length == count {
                        let text = lent(start, count) ?? Substring(Self.text(UnsafeBufferPointer(start: chunk + start, count: count)))
                        start += count + 1
                        lineNumber += 1
                        return .text(text)
                    }
                    pending.append(contentsOf: UnsafeBufferPointer(start: chunk + start, count: count))
                }
                start += count + 1
                return finish(length)
            }
            length += available
            if length <= maximumBytes { pending.append(contentsOf: UnsafeBufferPointer(start: chunk + start, count: available)) }
            start = end
        }
    }

    /// A line that spanned chunks, made of `pending`, which is left empty for the next.
    private func finish(_ length: Int) -> Line {
        lineNumber += 1
        defer { pending.removeAll(keepingCapacity: true) }
        guard length <= maximumBytes else { return .tooLong(bytes: length) }
        return .text(Substring(pending.withUnsafeBufferPointer { Self.text($0) }))
    }

    /// `midLine`: the chunk goes on with a line begun in the one before, whose end is not lent from `chunkText`.
    private func refill(midLine: Bool) -> Bool {
        guard !exhausted else { return false }
        let count = fread(chunk, 1, Self.chunkSize, file)
        if count < Self.chunkSize { exhausted = true }
        start = 0
        end = count
        lend(midLine: midLine)
        return count > 0
    }

    /// Makes `chunkText` of the chunk's whole lines: from the first line that starts in it (a character cut by the chunk's
    /// start would make the rest invalid) to its last line break.
    private func lend(midLine: Bool) {
        chunkText = ""
        textStart = 0
        textEnd = 0
        // The last line break, sought from the end: a line or two back (Glibc's `memrchr` is not in Swift's module).
        var lastBreak = end - 1
        while lastBreak >= 0, chunk[lastBreak] != 0x0A { lastBreak -= 1 }
        guard lastBreak >= 0 else { return }
        var first = 0
        if midLine, let found = memchr(chunk, 0x0A, end) {
            first = UnsafeMutablePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - chunk + 1
        }
        guard first <= lastBreak else { return }
        let bytes = UnsafeBufferPointer(start: chunk + first, count: lastBreak + 1 - first)
        var text = UTF8Validation.string(decoding: bytes)
        // Repaired bytes would move every later line's offsets: such a chunk's lines are made one by one.
        let unchanged = text.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
        guard unchanged else { return }
        chunkText = text
        textStart = first
        textEnd = lastBreak + 1
    }

    /// The line of `count` bytes at `at` in the chunk (its CRs dropped) as a slice of `chunkText`, if it lies there.
    @inline(__always)
    private func lent(_ at: Int, _ count: Int) -> Substring? {
        guard at >= textStart, at + count < textEnd else { return nil }
        var count = count
        while count > 0, chunk[at + count - 1] == 0x0D { count -= 1 }
        // Both ends are at line breaks or a CR, so they fall between characters' scalars, as a slice's must. Sliced as UTF-8
        // (`chunkText[from..<to]` looked for the scalars' boundaries again, about 190 instructions a line).
        let utf8 = chunkText.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: at - textStart)
        return Substring(utf8[from..<utf8.index(from, offsetBy: count)])
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var count = bytes.count
        while count > 0, bytes[count - 1] == 0x0D { count -= 1 }
        return UTF8Validation.string(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]))
    }
}

/// Work on a stream of lines in ordered batches: each batch is split across all cores, and the results
/// are handed back in input order, so memory stays flat however long the input (two batches at most are held).
/// With more than one worker, the next batch is read and the last one's results handed back while the workers
/// score the current one: reading and writing are serial, and done between batches they left the cores idle.
/// With one worker everything runs on the calling thread, so `--jobs 1` measures one core.
enum OrderedBatches {
    static let batchSize = 4096

    /// One result per line.
    static func run<Input: Sendable, Output: Sendable>(workers requested: Int? = nil, lines: () -> (line: Input, number: Int)?,
                                                       transform: @Sendable @escaping (Input, Int) -> Output,
                                                       emit: (Output) throws -> Void) throws {
        try runSlices(workers: requested, lines: lines, transform: { slice in slice.map { transform($0.0, $0.1) } },
                      emit: { outputs in for output in outputs { try emit(output) } })
    }

    /// One result per slice, a run of consecutive lines that one thread works on: `score` writes a slice's JSON into
    /// one buffer, where a buffer per line cost an allocation, a copy and a free for every line.
    static func runSlices<Input: Sendable, Output: Sendable>(workers requested: Int? = nil, lines: () -> (line: Input, number: Int)?,
                                                             transform: @Sendable @escaping (ArraySlice<(Input, Int)>) -> Output,
                                                             emit: (Output) throws -> Void) throws {
        let workers = max(requested ?? ProcessInfo.processInfo.activeProcessorCount, 1)
        func read() -> [(Input, Int)] {
            var batch: [(Input, Int)] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let next = lines() { batch.append((next.line, next.number)) }
            return batch
        }
        if workers == 1 {
            while case let batch = read(), !batch.isEmpty {
                let slices = sliceCount(batch.count, workers: 1)
                for slice in 0..<slices { try emit(transform(batch[range(of: slice, slices, in: batch.count)])) }
            }
            return
        }
        var running: Scoring<Output>?
        // A batch in flight is waited for even when `emit` throws: its workers write into memory freed after it.
        defer { running?.finish() }
        while case let batch = read(), !batch.isEmpty {
            let done = running
            running = Scoring(batch, workers: workers, transform: transform)
            try done?.emit(emit)
        }
        if let done = running {
            running = nil
            try done.emit(emit)
        }
    }

    /// Slices of about a hundred lines (256 with one worker), taken in turn by the workers: a slice of long texts left
    /// last keeps one core busy while the others wait.
    static func sliceCount(_ lines: Int, workers: Int) -> Int { min(workers * 16, lines) }

    /// The lines of slice `slice` of `slices` in a batch of `count`.
    static func range(of slice: Int, _ slices: Int, in count: Int) -> Range<Int> {
        (count * slice / slices)..<(count * (slice + 1) / slices)
    }

    /// One batch being scored on the global queue, its slices' results in a buffer of its own.
    private final class Scoring<Output: Sendable> {
        let results: SendableBuffer<Output?>
        let group = DispatchGroup()
        private var finished = false

        init<Input: Sendable>(_ batch: [(Input, Int)], workers: Int, transform: @Sendable @escaping (ArraySlice<(Input, Int)>) -> Output) {
            // `concurrentPerform` alone would use every core, whatever `--jobs` says: `workers` threads take the slices.
            let slices = OrderedBatches.sliceCount(batch.count, workers: workers)
            let buffer = UnsafeMutableBufferPointer<Output?>.allocate(capacity: slices)
            buffer.initialize(repeating: nil)
            let results = SendableBuffer(buffer)
            self.results = results
            DispatchQueue.global().async(group: group) {
                let taken = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: min(workers, slices)) { _ in
                    while case let slice = taken.wrappingAdd(1, ordering: .relaxed).oldValue, slice < slices {
                        results.buffer[slice] = transform(batch[OrderedBatches.range(of: slice, slices, in: batch.count)])
                    }
                }
            }
        }

        deinit { finish() }

        /// Waits for the batch and hands its results back in order.
        func emit(_ emit: (Output) throws -> Void) throws {
            group.wait()
            defer { finish() }
            // Each result moved out as it is handed back: a writer it holds is then free for another slice at once.
            for index in results.buffer.indices { try emit(results.buffer[index].take()!) }
        }

        /// Waits for the workers, then frees the results.
        func finish() {
            guard !finished else { return }
            finished = true
            group.wait()
            results.buffer.deinitialize()
            results.buffer.deallocate()
        }
    }
}

/// Each concurrent slice writes its own indices only.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

extension LineStream.Line: Sendable {}
