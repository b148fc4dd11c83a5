import Foundation

/// Lines of a file or stdin, read with `getline` one buffer at a time: a corpus is never loaded whole.
final class LineStream {
    let source: String
    private let file: UnsafeMutablePointer<FILE>
    private let owns: Bool
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private(set) var lineNumber = 0

    /// Opens `path`, or stdin for `nil` or `-`.
    init(path: String?) throws {
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
        free(buffer)
        if owns { fclose(file) }
    }

    /// The next line without its line break (and without a trailing CR), or nil at the end.
    func next() -> String? {
        let count = getline(&buffer, &capacity, file)
        guard count >= 0, let buffer else { return nil }
        lineNumber += 1
        var length = count
        while length > 0, buffer[length - 1] == 0x0A || buffer[length - 1] == 0x0D { length -= 1 }
        return buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}

/// Work on a stream of lines in ordered batches: each batch is split across all cores, and the results
/// are handed back in input order before the next batch is read, so memory stays flat however long the
/// input.
enum OrderedBatches {
    static let batchSize = 4096

    static func run<Output>(workers requested: Int? = nil, lines: () -> (line: String, number: Int)?,
                            transform: @Sendable @escaping (String, Int) -> Output, emit: (Output) throws -> Void) throws {
        let workers = max(requested ?? ProcessInfo.processInfo.activeProcessorCount, 1)
        var batch: [(String, Int)] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            let input = batch
            let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: input.count)
            results.initialize(repeating: nil)
            defer { results.deinitialize(); results.deallocate() }
            let shared = SendableBuffer(results)
            if workers == 1 {
                for index in input.indices { shared.buffer[index] = transform(input[index].0, input[index].1) }
            } else {
                let slices = min(workers * 4, input.count)
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    let range = (input.count * slice / slices)..<(input.count * (slice + 1) / slices)
                    for index in range { shared.buffer[index] = transform(input[index].0, input[index].1) }
                }
            }
            for result in results { try emit(result!) }
            batch.removeAll(keepingCapacity: true)
        }
        while let next = lines() {
            batch.append((next.line, next.number))
            if batch.count == batchSize { try flush() }
        }
        try flush()
    }
}

/// Each concurrent slice writes its own indices only.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
