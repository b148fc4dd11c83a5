import Foundation

/// Writing to the terminal: messages on stderr, and a progress line only when stderr is a terminal.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Columns for tables: $COLUMNS when set, else 160 (wide enough for a snippet, fine in a pipe).
    static var terminalWidth: Int {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.map { max($0, 80) } ?? 160
    }
}

/// A progress line redrawn in place at most a few times a second; silent when stderr is not a terminal
/// (CI logs, pipes) so that nothing but the summary reaches them.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool = Console.stderrIsTerminal) {
        self.enabled = enabled
    }

    func update(files: Int, totalFiles: Int, records: Int, rejected: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.25 else { return }
        lastDraw = Date()
        drawn = true
        let line = "\r\u{1B}[2Kescucha: \(files)/\(totalFiles) files · \(records) records · \(rejected) rejected"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

/// A buffered byte writer over a file descriptor (stdout or a created file). Errors are kept and reported
/// once, as exit status 4.
final class OutputFile {
    let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private(set) var failure: String?

    static let flushThreshold = 1 << 20

    init(standardOutput: ()) {
        path = "<stdout>"
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Creates (or truncates) `path`, making its folder if needed.
    init(creating path: String, appending: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_CREAT | (appending ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            Console.error("escucha: cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitStatus.outputFailed
        }
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = true
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    deinit {
        flush()
        if ownsDescriptor { close(descriptor) }
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    /// Writes `bytes` as they are, after what is buffered: for many bytes at once (a slice of scored lines), which
    /// copied into the buffer first cost a copy of every byte.
    func write(unbuffered bytes: UnsafeRawBufferPointer) {
        flush()
        if failure == nil { writeAll(bytes) }
    }

    func flush() {
        guard !buffer.isEmpty, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = "cannot write \(path): \(String(cString: strerror(errno)))"
                return
            }
            offset += written
        }
    }

    /// Flushes and throws exit status 4 if anything failed.
    func finish() throws {
        flush()
        if let failure {
            Console.error("escucha: \(failure)")
            throw ExitStatus.outputFailed
        }
    }
}
