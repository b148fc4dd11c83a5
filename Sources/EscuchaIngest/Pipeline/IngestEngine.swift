import Dispatch
import Foundation
import Synchronization
import EscuchaCore
import EscuchaText

/// What happened to one input file.
public struct FileReport: Sendable, Equatable {
    public var path: String
    public var format: FileFormat?
    /// The kind its documents were read as (nil when the file could not be read, or was a profile export).
    public var kind: DocumentKind?
    public var encoding: String?
    /// For forum pages: which selectors found the posts.
    public var engine: String?
    /// True for a CRM export of customer profiles found among the inputs: not feedback, not counted.
    public var isCustomerProfiles = false
    public var read = 0
    public var accepted = 0
    public var rejected = 0

    /// read = accepted + rejected, always: nothing is lost silently.
    public var reconciles: Bool { read == accepted + rejected }
}

/// The result of one unit of parallel work, after the caller's transform.
public struct IngestBatchOutput<Payload: Sendable>: Sendable {
    public var file: String
    public var payload: Payload
    public var rejects: [Reject]
    public var read: Int
    public var accepted: Int
    /// The kinds of the documents in this batch.
    public var kinds: Set<DocumentKind>
}

/// Reads input files into documents on all cores, keeping output in input order.
///
/// Files are cut into batches (about `batchBytes` each) on the calling thread; batches are decoded, and
/// then passed through the caller's `transform` (scoring, serializing), on worker threads, a window of
/// `workers × 2` batches at a time; results are handed to `emit` in input order on the calling thread.
/// Memory is bounded by the window, whatever the input size.
public struct IngestEngine: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions) {
        self.options = options
    }

    public func run<Payload: Sendable>(
        files: [String],
        transform: @escaping @Sendable ([Document]) -> Payload,
        emit: (IngestBatchOutput<Payload>) throws -> Void
    ) rethrows -> [FileReport] {
        let workers = options.workers > 0 ? options.workers : ProcessInfo.processInfo.activeProcessorCount
        var planner = UnitPlanner(files: files, options: options)
        var reports: [String: FileReport] = [:]
        var kinds: [String: Set<DocumentKind>] = [:]
        while true {
            var units: [WorkUnit] = []
            while units.count < workers * 2, let unit = planner.next() { units.append(unit) }
            guard !units.isEmpty else { break }
            let results = Self.parallelMap(units, workers: workers) { unit in
                let outcome = unit.work()
                return IngestBatchOutput(file: unit.file, payload: transform(outcome.documents), rejects: outcome.rejects,
                                         read: outcome.read, accepted: outcome.documents.count,
                                         kinds: Self.kinds(outcome.documents))
            }
            for (unit, result) in zip(units, results) {
                var report = reports[unit.file] ?? planner.reports[unit.file] ?? FileReport(path: unit.file)
                report.read += result.read
                report.accepted += result.accepted
                report.rejected += result.rejects.count
                kinds[unit.file, default: []].formUnion(result.kinds)
                if let engine = unit.info.engine { report.engine = engine }
                if let encoding = unit.info.encoding { report.encoding = encoding }
                reports[unit.file] = report
                try emit(result)
            }
        }
        // Files that produced no unit of work (profile exports) still get a report.
        return planner.order.map { file in
            var report = reports[file] ?? planner.reports[file] ?? FileReport(path: file)
            if let base = planner.reports[file] {
                report.format = base.format
                report.kind = base.kind
                report.encoding = report.encoding ?? base.encoding
                report.isCustomerProfiles = base.isCustomerProfiles
            }
            // The kind of what was actually read wins when all documents agree.
            if let found = kinds[file], found.count == 1 { report.kind = found.first }
            return report
        }
    }

    static func kinds(_ documents: [Document]) -> Set<DocumentKind> {
        var kinds = Set<DocumentKind>()
        for index in documents.indices where !kinds.contains(documents[index].kind) { kinds.insert(documents[index].kind) }
        return kinds
    }

    /// Runs `body` over `items` on up to `workers` threads; results in input order.
    static func parallelMap<T, R>(_ items: [T], workers: Int, _ body: @escaping @Sendable (T) -> R) -> [R] {
        if items.count == 1 || workers == 1 { return items.map(body) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // Release the results before the memory: deallocating alone would leak every payload.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let shared = results
        nonisolated(unsafe) let input = items
        // Items taken in turn by `workers` threads: `concurrentPerform` alone would use every core, whatever `--jobs` says.
        let taken = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, items.count)) { _ in
            while case let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue, index < input.count {
                shared[index] = body(input[index])
            }
        }
        return results.map { $0! }
    }
}

/// The decoded content of one unit: documents, rejects, and how many records that was.
struct UnitOutcome: Sendable {
    var documents: [Document] = []
    var rejects: [Reject] = []
    var read = 0
}

/// What a worker learns about a file that the planner could not know (a forum page's engine and
/// encoding are found when the page is parsed).
final class UnitInfoBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storedEngine: String?
    private var storedEncoding: String?
    var engine: String? {
        get { lock.lock(); defer { lock.unlock() }; return storedEngine }
        set { lock.lock(); storedEngine = newValue; lock.unlock() }
    }
    var encoding: String? {
        get { lock.lock(); defer { lock.unlock() }; return storedEncoding }
        set { lock.lock(); storedEncoding = newValue; lock.unlock() }
    }
}

struct WorkUnit: Sendable {
    var file: String
    var work: @Sendable () -> UnitOutcome
    var info = UnitInfoBox()
}

extension IngestEngine {
    /// Whether `path` is a CSV export of customer profiles rather than feedback: it has a column that
    /// identifies a customer (id, email, phone, handle) and none with text, a rating or a score. The same
    /// test the planner applies, so that a scan can load such a file as profiles before it starts.
    public static func isCustomerProfileExport(_ path: String, options: IngestOptions) -> Bool {
        guard options.kind == nil, FileFormat.fromExtension(path) == .csv,
              let decoded = try? DecodedFile(path: path, isHTML: false) else { return false }
        let header = CSVHeader(head: CSVScanner.peekHeader(decoded), path: path)
        return ResolvedColumns(header: header.names, kind: .review, mapping: options.mapping).describeCustomerProfiles
    }
}
