import EscuchaCore
import EscuchaText

/// Opens the input files one after the other on the calling thread and cuts them into units of work.
/// Scanners (which hold file handles and buffers) never leave this thread; units carry only values.
struct UnitPlanner {
    let files: [String]
    let options: IngestOptions
    /// Files in the order they were opened.
    private(set) var order: [String] = []
    /// What the planner learned of each file when opening it.
    private(set) var reports: [String: FileReport] = [:]

    private var nextFile = 0
    private var current: Current?

    private struct Current {
        var file: String
        var scanner: any RecordScanner
        var decode: @Sendable (RecordBatch) -> UnitOutcome
        /// Called once the scanner is done: a file-level problem found at the end (broken JSON structure).
        var finish: () -> Reject?
        /// Records and scanner rejects seen so far (a CSV header line not counted).
        var seen = 0
        var encoding: String
    }

    init(files: [String], options: IngestOptions) {
        self.files = files
        self.options = options
    }

    mutating func next() -> WorkUnit? {
        while true {
            if var active = current {
                if let batch = active.scanner.nextBatch(targetBytes: options.batchBytes) {
                    active.seen += batch.items.filter { $0.index >= 0 }.count + batch.rejects.count
                    current = active
                    let decode = active.decode
                    return WorkUnit(file: active.file, work: { decode(batch) })
                }
                current = nil
                if let problem = active.finish() { return Self.rejectUnit(active.file, problem) }
                if active.seen == 0 {
                    // Nothing at all (only blank lines, or a header): say so rather than skip in silence.
                    return Self.rejectUnit(active.file, Reject(
                        location: SourceLocation(file: active.file, record: 0, encoding: active.encoding),
                        reason: .emptyFile, message: "the file holds no records (only blank lines, or only a header)"))
                }
            }
            guard nextFile < files.count else { return nil }
            let file = files[nextFile]
            nextFile += 1
            order.append(file)
            if let unit = open(file) { return unit }
        }
    }

    static func rejectUnit(_ file: String, _ reject: Reject) -> WorkUnit {
        WorkUnit(file: file, work: { UnitOutcome(documents: [], rejects: [reject], read: 1) })
    }

    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    private func context(_ file: String, kind: DocumentKind, decoded: DecodedFile) -> RecordContext {
        RecordContext(file: file, kind: kind,
                      channel: options.channel ?? "\(kind.channelPrefix):\(Self.stem(file))",
                      encoding: decoded.decision.encoding, transcoded: decoded.isTranscoded, dates: options.dates)
    }

    /// Sets `current` for a streamed file, or returns a one-shot unit (HTML pages, unreadable files).
    private mutating func open(_ file: String) -> WorkUnit? {
        var format = FileFormat.fromExtension(file)
        if format == .html { return htmlUnit(file) }
        let decoded: DecodedFile
        do { decoded = try DecodedFile(path: file, isHTML: false) } catch {
            reports[file] = FileReport(path: file, format: format)
            return Self.rejectUnit(file, error)
        }
        var head: [UInt8] = []
        _ = decoded.read(into: &head)
        if format == nil || format == .json {
            let sniffed = FileFormat.sniff(head.prefix(1 << 16))
            if format == nil || (sniffed == .jsonLines && Self.hasSecondRecord(head)) { format = sniffed }
        }
        guard let format else { return nil }
        if format == .html {
            return htmlUnit(file)
        }
        var report = FileReport(path: file, format: format, encoding: decoded.decision.encoding)
        defer { reports[file] = report }
        switch format {
        case .csv:
            return openCSV(file, decoded: decoded, head: head, report: &report)
        case .jsonLines:
            let scanner = JSONLinesScanner(file: decoded, maximumRecordBytes: options.maximumRecordBytes)
            scanner.prime(with: head)
            report.kind = options.kind
            start(file, scanner: scanner, decoder: jsonDecoder(file, decoded: decoded, users: [:], pointer: nil))
            return nil
        case .json:
            return openJSON(file, decoded: decoded, head: head, report: &report)
        case .html:
            return nil
        }
    }

    private static func hasSecondRecord(_ head: [UInt8]) -> Bool {
        guard let newline = head.firstIndex(of: 0x0A) else { return false }
        return head[(newline + 1)...].contains(where: { $0 == UInt8(ascii: "{") })
    }

    private mutating func start(_ file: String, scanner: any RecordScanner, decoder: JSONRecordDecoder,
                                finish: @escaping () -> Reject? = { nil }) {
        current = Current(file: file, scanner: scanner, decode: { batch in decoder.decodeBatch(batch) }, finish: finish,
                          encoding: decoder.context.encoding)
    }

    private func jsonDecoder(_ file: String, decoded: DecodedFile, users: [String: XUser], pointer: String?) -> JSONRecordDecoder {
        JSONRecordDecoder(context: context(file, kind: options.kind ?? .review, decoded: decoded), mapping: options.mapping,
                          users: users, forcedKind: options.kind, stem: Self.stem(file), forcedChannel: options.channel,
                          arrayPointer: pointer)
    }

    // MARK: CSV

    private mutating func openCSV(_ file: String, decoded: DecodedFile, head: [UInt8], report: inout FileReport) -> WorkUnit? {
        var headerBytes = head
        if !headerBytes.contains(0x0A) { headerBytes += CSVScanner.peekHeader(decoded) }
        let csvHeader = CSVHeader(head: headerBytes, path: file)
        let (dialect, header, firstLineEnd) = (csvHeader.dialect, csvHeader.names, csvHeader.lineEnd)
        var columns = ResolvedColumns(header: header, kind: options.kind ?? .review, mapping: options.mapping)
        let kind = options.kind ?? JSONRecordDecoder.inferKind(columns)
        if kind == .survey, options.kind == nil {
            columns = ResolvedColumns(header: header, kind: .survey, mapping: options.mapping)
        }
        report.kind = kind
        let location = SourceLocation(file: file, line: 1, record: 0, byteOffset: 0, encoding: decoded.decision.encoding)
        if !columns.hasText, !columns.hasRating, !columns.hasScores {
            if options.kind == nil, columns.describeCustomerProfiles {
                report.isCustomerProfiles = true
                report.kind = nil
                return nil
            }
            return Self.rejectUnit(file, Reject(
                location: location, reason: .csvNoTextColumn,
                message: "no column holds the text, a rating or a score. Columns: \(header.joined(separator: ", ")). Name the text column with --map text=COLUMN.",
                snippet: Reject.snippet(headerBytes[0..<firstLineEnd])))
        }
        let scanner = CSVScanner(file: decoded, dialect: dialect, maximumRecordBytes: options.maximumRecordBytes)
        scanner.prime(with: headerBytes)
        let decoder = CSVRecordDecoder(context: context(file, kind: kind, decoded: decoded), columns: columns, dialect: dialect)
        current = Current(file: file, scanner: scanner, decode: { batch in decoder.decodeBatch(batch) }, finish: { nil },
                          encoding: decoded.decision.encoding)
        return nil
    }

    // MARK: JSON documents

    private mutating func openJSON(_ file: String, decoded: DecodedFile, head: [UInt8], report: inout FileReport) -> WorkUnit? {
        let first = head.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) })
        let location = SourceLocation(file: file, line: 1, record: 0, byteOffset: 0, encoding: decoded.decision.encoding)
        let finish: (JSONArrayScanner) -> () -> Reject? = { scanner in
            {
                guard let problem = scanner.structuralError else { return nil }
                return Reject(location: location, reason: scanner.endedTruncated ? .truncatedJSON : .invalidJSON,
                              message: "the JSON document is broken: \(problem). Records before that point were read.")
            }
        }
        if first == UInt8(ascii: "[") {
            let scanner = JSONArrayScanner(file: decoded, path: [], maximumRecordBytes: options.maximumRecordBytes)
            scanner.prime(with: head)
            report.kind = options.kind
            start(file, scanner: scanner, decoder: jsonDecoder(file, decoded: decoded, users: [:], pointer: ""), finish: finish(scanner))
            return nil
        }
        guard first == UInt8(ascii: "{") else {
            return Self.rejectUnit(file, Reject(location: location, reason: .unknownFormat,
                                                message: "a .json file that starts with neither '{' nor '['",
                                                snippet: Reject.snippet(head.prefix(RejectReason.snippetLimit))))
        }
        // A root object: a first pass finds its arrays and, for X API v2 exports, the users.
        guard let probeFile = try? DecodedFile(path: file, isHTML: false) else { return nil }
        let probe = JSONArrayScanner(file: probeFile, path: ["includes", "users"], maximumRecordBytes: options.maximumRecordBytes)
        var users: [String: XUser] = [:]
        while let batch = probe.nextBatch(targetBytes: options.batchBytes) {
            batch.storage.withUnsafeBufferPointer { storage in
                for item in batch.items {
                    if let user = try? JSONParser.parse(UnsafeBufferPointer(rebasing: storage[item.range])),
                       let id = user["id"]?.scalarText {
                        users[id] = JSONRecordDecoder.xUser(user)
                    }
                }
            }
        }
        let preferred = ["data", "reviews", "items", "results", "posts", "comments", "responses", "records", "entries",
                         "tweets", "statuses", "opiniones", "resenas", "respuestas"]
        guard let key = preferred.first(where: probe.topLevelArrays.contains) ?? probe.topLevelArrays.first else {
            // No array: the object is a single record.
            let scanner = WholeFileScanner(file: decoded, head: head, maximumRecordBytes: options.maximumRecordBytes)
            start(file, scanner: scanner, decoder: jsonDecoder(file, decoded: decoded, users: users, pointer: nil))
            return nil
        }
        report.kind = options.kind ?? (probe.topLevelMembers.contains("includes") || key == "data" ? .social : nil)
        let scanner = JSONArrayScanner(file: decoded, path: [key], maximumRecordBytes: options.maximumRecordBytes)
        scanner.prime(with: head)
        start(file, scanner: scanner, decoder: jsonDecoder(file, decoded: decoded, users: users, pointer: "/\(key)"),
              finish: finish(scanner))
        return nil
    }

    // MARK: HTML

    private mutating func htmlUnit(_ file: String) -> WorkUnit {
        reports[file] = FileReport(path: file, format: .html, kind: .forum)
        let reader = ForumPageReader(userSelectors: options.forumSelectors)
        let options = self.options
        let info = UnitInfoBox()
        return WorkUnit(file: file, work: {
            ForumFileDecoder(options: options, reader: reader).decode(file: file, info: info)
        }, info: info)
    }
}

/// For a JSON file that is one object: the whole file is one record.
final class WholeFileScanner: RecordScanner {
    private let file: DecodedFile
    private var head: [UInt8]
    private let maximumRecordBytes: Int
    private var done = false

    init(file: DecodedFile, head: [UInt8], maximumRecordBytes: Int) {
        self.file = file
        self.head = head
        self.maximumRecordBytes = maximumRecordBytes
    }

    func nextBatch(targetBytes: Int) -> RecordBatch? {
        guard !done else { return nil }
        done = true
        var bytes = head
        while bytes.count <= maximumRecordBytes, file.read(into: &bytes) {}
        var batch = RecordBatch()
        if bytes.count > maximumRecordBytes {
            batch.rejects.append(Reject(location: SourceLocation(file: file.path, line: 1, record: 0, byteOffset: 0, encoding: file.decision.encoding),
                                        reason: .recordTooLarge, message: "the JSON object is larger than \(maximumRecordBytes) bytes and holds no array of records",
                                        snippet: Reject.snippet(bytes.prefix(RejectReason.snippetLimit))))
        } else {
            bytes.withUnsafeBufferPointer { batch.append($0, line: 1, offset: 0, index: 0) }
        }
        return batch
    }
}
