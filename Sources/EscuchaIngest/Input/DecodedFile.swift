#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscuchaCore
import EscuchaText

/// A file opened for streaming, read as UTF-8 whatever its encoding: the encoding is decided once from
/// the first 64 KiB (`EncodingDetector`), then every chunk is passed through or transcoded with ICU.
/// Constant memory: only one chunk is held.
public final class DecodedFile {
    public let path: String
    public let size: Int
    public let decision: EncodingDetector.Decision
    /// Bytes ICU could not decode (they became U+FFFD), for files that were transcoded.
    public var substitutions: Int64 { transcoder?.substitutions ?? 0 }

    /// Size of each read from disk.
    public static let chunkSize = 1 << 20

    private let descriptor: Int32
    private var transcoder: Transcoder?
    private var sample: [UInt8]
    private var sampleConsumed = false
    private var atEnd = false
    private var raw: [UInt8]

    /// Opens `path` and decides its encoding. Throws a file-level reject for what cannot be read as text.
    public init(path: String, isHTML: Bool) throws(Reject) {
        let location = SourceLocation(file: path, record: 0)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Reject(location: location, reason: .unreadableFile,
                         message: "cannot open the file: \(String(cString: strerror(errno))). Check the path and its permissions.")
        }
        var info = stat()
        fstat(descriptor, &info)
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw Reject(location: location, reason: .unreadableFile, message: "not a regular file")
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int(info.st_size)
        self.raw = [UInt8](repeating: 0, count: Self.chunkSize)
        self.sample = []
        sample = Self.readRaw(descriptor, max: EncodingDetector.sampleSize)
        if sample.isEmpty {
            close(descriptor)
            throw Reject(location: location, reason: .emptyFile, message: "the file is empty")
        }
        let isComplete = sample.count >= size
        var decided = sample.withUnsafeBufferPointer {
            EncodingDetector().detect(sample: $0, isComplete: isComplete, isHTML: isHTML)
        }
        if let problem = Self.binaryProblem(sample, decision: decided) {
            close(descriptor)
            throw Reject(location: location, reason: .binaryFile, message: problem,
                         snippet: Reject.snippet(sample.prefix(16).map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: ".") }))
        }
        if !decided.isUTF8 {
            if let transcoder = Transcoder(charset: decided.encoding) {
                self.transcoder = transcoder
            } else {
                decided = EncodingDetector.Decision(encoding: "windows-1252", bomLength: 0, basis: "default")
                self.transcoder = Transcoder(charset: "windows-1252")
            }
        }
        self.decision = decided
        if decided.bomLength > 0 { sample.removeFirst(decided.bomLength) }
    }

    deinit { close(descriptor) }

    /// Whether the file had to be transcoded to UTF-8.
    public var isTranscoded: Bool { transcoder != nil }

    /// Appends the next decoded UTF-8 bytes to `buffer`. Returns false at the end of the file.
    public func read(into buffer: inout [UInt8]) -> Bool {
        if !sampleConsumed {
            sampleConsumed = true
            append(sample, into: &buffer)
            sample = []
            return true
        }
        guard !atEnd else { return false }
        let count = raw.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, Self.chunkSize) }
        if count <= 0 {
            atEnd = true
            if let transcoder {
                transcoder.convert([], into: &buffer, flush: true)
            }
            return false
        }
        raw.withUnsafeBufferPointer { chunk in
            let slice = UnsafeBufferPointer(rebasing: chunk[0..<count])
            if let transcoder {
                transcoder.convert(slice, into: &buffer, flush: false)
            } else {
                buffer.append(contentsOf: slice)
            }
        }
        return true
    }

    /// Reads the whole decoded file (for formats that need it all at once, such as HTML pages).
    public func readAll(limit: Int) -> [UInt8]? {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(min(size + size / 4, limit))
        while read(into: &buffer) {
            if buffer.count > limit { return nil }
        }
        return buffer
    }

    private func append(_ bytes: [UInt8], into buffer: inout [UInt8]) {
        if let transcoder {
            transcoder.convert(bytes, into: &buffer, flush: false)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private static func readRaw(_ descriptor: Int32, max: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max)
        var filled = 0
        while filled < max {
            let count = out.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, max - filled) }
            if count <= 0 { break }
            filled += count
        }
        out.removeLast(max - filled)
        return out
    }

    /// Why the sample is not text, or nil. NUL bytes mean binary unless the encoding is UTF-16/32;
    /// well-known magic numbers get a specific hint.
    static func binaryProblem(_ sample: [UInt8], decision: EncodingDetector.Decision) -> String? {
        if decision.encoding.hasPrefix("UTF-16") || decision.encoding.hasPrefix("UTF-32") { return nil }
        let magic: [([UInt8], String)] = [
            ([0x1F, 0x8B], "a gzip file: decompress it first (gunzip)"),
            ([0x50, 0x4B, 0x03, 0x04], "a zip archive (or an .xlsx workbook): extract it, or export the sheet as CSV"),
            ([0x25, 0x50, 0x44, 0x46], "a PDF document, not a text export"),
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image, not a text export"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image, not a text export"),
            ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document (.xls/.doc): export it as CSV"),
            ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65], "an SQLite database, not a text export"),
        ]
        for (prefix, message) in magic where sample.starts(with: prefix) { return "this is \(message)" }
        let controls = sample.prefix(8192).reduce(0) { count, byte in
            count + ((byte == 0 || (byte < 0x09) || (byte > 0x0D && byte < 0x20 && byte != 0x1B)) ? 1 : 0)
        }
        if sample.prefix(8192).contains(0) || controls * 20 > min(sample.count, 8192) {
            return "the file holds binary data (NUL or control bytes), not text"
        }
        return nil
    }
}
