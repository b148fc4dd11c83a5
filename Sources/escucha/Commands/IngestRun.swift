import Foundation
import EscuchaCore
import EscuchaIngest
import EscuchaSentiment
import EscuchaAnalysis
import EscuchaClassify
import EscuchaCustomers
import EscuchaReport

/// One pass of ingest shared by `escucha ingest` and `escucha scan`: documents to one output, rejects to
/// another, with a progress line, and the per-file reports for the summary.
struct IngestRun {
    var arguments: IngestArguments
    /// When set (`escucha scan`), each document gets its `sentiment` and `topics` members.
    var analyzer: Analyzers?
    /// When set, each analysed document is linked to a customer profile (`link`).
    var linker: CustomerLinker? = nil
    /// Classes each analysed document (`class`).
    var classifier: TextClassifier = .calibrated
    /// Receives a `FeedbackRecord` per analysed document, in input order, for the triage queue and the
    /// report (on the writer thread: nothing is collected here).
    var onRecords: (([FeedbackRecord]) throws -> Void)? = nil
    /// Append to the rejects file rather than replace it (the scan has written the profiles' rejects).
    var appendRejects = false
    /// The sector of each input file (`SourceSectors`), as pack bits: its texts get that sector's topics.
    var sourceSectors: [String: UInt64] = [:]

    struct Result {
        var reports: [FileReport]
        var skipped: [String]
        var seconds: Double
        var inputBytes: Int
        /// Documents by kind and sentiment label (empty when nothing was scored).
        var sentiment: SentimentTally = SentimentTally()
        /// The sector each input file was found to be about (`escucha scan`).
        var sectors: [String: String] = [:]
    }

    /// A worker's output: the serialized documents and what their sentiment was.
    struct Batch: Sendable {
        var bytes: [UInt8]
        var tally: SentimentTally
        var records: [FeedbackRecord]
    }

    /// `documents` receives JSON Lines; `rejects` is created on the first reject (nil path: never written).
    func execute(documents: OutputFile, rejectsPath: String?) throws -> Result {
        let options = try arguments.options()
        let listing = try arguments.inputFiles()
        let masker: PersonalDataMasker? = arguments.maskPersonalData ? PersonalDataMasker() : nil
        let started = Date()
        var rejectsFile: OutputFile?
        var rejectWriter = JSONWriter(reservingCapacity: 4096)
        let progress = ProgressLine()
        var filesSeen = Set<String>()
        var records = 0
        var rejected = 0
        let engine = IngestEngine(options: options)
        let analyzer = self.analyzer
        var tally = SentimentTally()
        let collectRecords = onRecords != nil
        // The workers take the scorer, not `self`.
        let scorer = analyzer.map { DocumentScorer(analyzers: $0, classifier: classifier, linker: linker, sourceSectors: sourceSectors) }
        let reports = try engine.run(files: listing.files, transform: { documents -> Batch in
            // Serializing on the worker threads keeps the writer thread free.
            var writer = JSONWriter(reservingCapacity: documents.count * 700)
            var batchTally = SentimentTally()
            // By index, and without `??`: a `for document in` loop or `a ?? b` copies each document, and a
            // copy retains and releases its twenty reference-counted fields.
            var records: [FeedbackRecord] = []
            var scratch = JSONWriter(reservingCapacity: 0)
            for index in documents.indices {
                guard let scorer else {
                    if let masker { masker.mask(documents[index]).writeJSON(to: &writer) } else { documents[index].writeJSON(to: &writer) }
                    writer.newline()
                    continue
                }
                let start = writer.count
                let scored = scorer.score(documents[index])
                scorer.writeJSON(documents[index], scored, masker: masker, to: &writer)
                batchTally.add(documents[index].kind, scored.analysis.sentiment.score)
                if collectRecords {
                    // The record is read back from the document's JSON, unmasked, so that `escucha triage`
                    // and `escucha report` on the file give exactly what the scan gives.
                    if masker == nil {
                        if let record = Self.record(writer.written[start...]) { records.append(record) }
                    } else {
                        scratch.reset()
                        scorer.writeJSON(documents[index], scored, masker: nil, to: &scratch)
                        if let record = Self.record(scratch.written) { records.append(record) }
                    }
                }
                writer.newline()
            }
            return Batch(bytes: writer.bytes, tally: batchTally, records: records)
        }, emit: { output in
            documents.write(output.payload.bytes)
            tally.merge(output.payload.tally)
            if !output.payload.records.isEmpty { try onRecords?(output.payload.records) }
            if !output.rejects.isEmpty {
                if rejectsFile == nil, let rejectsPath { rejectsFile = try OutputFile(creating: rejectsPath, appending: appendRejects) }
                rejectWriter.reset()
                for reject in output.rejects {
                    reject.writeJSON(to: &rejectWriter, masker: masker)
                    rejectWriter.newline()
                }
                rejectsFile?.write(rejectWriter.bytes)
            }
            filesSeen.insert(output.file)
            records += output.read
            rejected += output.rejects.count
            progress.update(files: filesSeen.count, totalFiles: listing.files.count, records: records, rejected: rejected)
        })
        progress.finish()
        try documents.finish()
        try rejectsFile?.finish()
        // The size of what was read: a symbolic link's target, not the link.
        let bytes = listing.files.reduce(0) { total, path in
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            return total + ((try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0)
        }
        return Result(reports: reports, skipped: listing.skipped, seconds: Date().timeIntervalSince(started), inputBytes: bytes,
                      sentiment: tally,
                      sectors: sourceSectors.compactMapValues { analyzer?.topics?.sector(ofBit: $0.trailingZeroBitCount) })
    }

    static func record(_ bytes: ArraySlice<UInt8>) -> FeedbackRecord? {
        guard let value = try? JSONParser.parse(bytes) else { return nil }
        return FeedbackRecord(json: value)
    }
}

/// Documents counted by kind and label, with the sum of their compounds (for the mean).
struct SentimentTally: Sendable {
    var counts: [DocumentKind: [SentimentLabel: Int]] = [:]
    var compoundSums: [DocumentKind: Double] = [:]

    var isEmpty: Bool { counts.isEmpty }

    mutating func add(_ kind: DocumentKind, _ score: SentimentScore) {
        counts[kind, default: [:]][score.label, default: 0] += 1
        compoundSums[kind, default: 0] += score.compound
    }

    mutating func merge(_ other: SentimentTally) {
        for (kind, labels) in other.counts {
            for (label, count) in labels { counts[kind, default: [:]][label, default: 0] += count }
        }
        for (kind, sum) in other.compoundSums { compoundSums[kind, default: 0] += sum }
    }

    /// The table printed by `escucha scan`: labels per kind, in the order kinds are documented.
    func table() -> String {
        var rows: [[String]] = [["sentiment", "documents", "pos", "neu", "neg", "mean compound"]]
        var total: [SentimentLabel: Int] = [:]
        var totalSum = 0.0
        for kind in DocumentKind.allCases {
            guard let labels = counts[kind] else { continue }
            let n = labels.values.reduce(0, +)
            rows.append([kind.rawValue, String(n)] + SentimentLabel.allCases.map { String(labels[$0] ?? 0) }
                        + [String(format: "%+.2f", (compoundSums[kind] ?? 0) / Double(max(n, 1)))])
            for (label, count) in labels { total[label, default: 0] += count }
            totalSum += compoundSums[kind] ?? 0
        }
        let n = total.values.reduce(0, +)
        rows.append(["total", String(n)] + SentimentLabel.allCases.map { String(total[$0] ?? 0) } + [String(format: "%+.2f", totalSum / Double(max(n, 1)))])
        return IngestSummary.align(rows, numericFrom: 1)
    }
}

/// The per-file and total counts, as a table for people and as JSON for pipelines.
enum IngestSummary {
    static func table(_ result: IngestRun.Result, rejectsPath: String?) -> String {
        // A scan that found sources' sectors shows them (`SourceSectors`); an ingest has none.
        let sectors = !result.sectors.isEmpty
        var rows: [[String]] = [["file", "kind", "format", "encoding"] + (sectors ? ["sector"] : []) + ["read", "accepted", "rejected"]]
        for report in result.reports where !report.isCustomerProfiles {
            let kind = report.kind?.rawValue ?? (report.accepted > 0 ? "mixed" : "-")
            let format = report.format?.rawValue ?? "-"
            rows.append([report.path, report.engine.map { "\(kind) (\($0))" } ?? kind, format, report.encoding ?? "-"]
                        + (sectors ? [result.sectors[report.path] ?? "-"] : [])
                        + [String(report.read), String(report.accepted), String(report.rejected)])
        }
        let counted = result.reports.filter { !$0.isCustomerProfiles }
        let read = counted.reduce(0) { $0 + $1.read }
        let accepted = counted.reduce(0) { $0 + $1.accepted }
        let rejected = counted.reduce(0) { $0 + $1.rejected }
        rows.append(["total", "", "", ""] + (sectors ? [""] : []) + [String(read), String(accepted), String(rejected)])
        var out = align(rows, numericFrom: sectors ? 5 : 4)
        let balance = read == accepted + rejected ? "reconciles" : "DOES NOT RECONCILE"
        out += "\nrecords read \(read) = accepted \(accepted) + rejected \(rejected) (\(balance))\n"
        for report in result.reports where report.isCustomerProfiles {
            out += "\(report.path): a customer profile export (not feedback); it is not read as documents\n"
        }
        if !result.skipped.isEmpty {
            out += "skipped \(result.skipped.count) file(s) that are not an input format: \(result.skipped.prefix(5).joined(separator: ", "))\(result.skipped.count > 5 ? ", …" : "")\n"
        }
        if rejected > 0, let rejectsPath { out += "rejects: \(rejectsPath)\n" }
        let megabytes = Double(result.inputBytes) / 1_000_000
        out += String(format: "%.1f MB in %.2f s\n", megabytes, result.seconds)
        return out
    }

    /// Columns padded to their widest cell, numbers right-aligned, rules under the header and above the
    /// last (total) row.
    static func align(_ rows: [[String]], numericFrom: Int, totalRow: Bool = true) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            if totalRow, index == rows.count - 1 { lines.append(rule) }
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column >= numericFrom ? pad + cell : cell + pad
            }
            lines.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
            if index == 0 { lines.append(rule) }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ result: IngestRun.Result) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("schema_version", Document.schemaVersion)
        if !result.sentiment.isEmpty {
            writer.key("sentiment")
            writer.beginObject()
            for kind in DocumentKind.allCases {
                guard let labels = result.sentiment.counts[kind] else { continue }
                writer.key(kind.rawValue)
                writer.beginObject()
                for label in SentimentLabel.allCases { writer.key(label.rawValue); writer.int(labels[label] ?? 0) }
                writer.endObject()
            }
            writer.endObject()
        }
        writer.key("files")
        writer.beginArray()
        for report in result.reports {
            writer.beginObject()
            writer.member("file", report.path)
            writer.member("format", report.format?.rawValue)
            writer.member("kind", report.kind?.rawValue)
            writer.member("encoding", report.encoding)
            writer.member("forum_engine", report.engine)
            if let sector = result.sectors[report.path] { writer.member("sector", sector) }
            writer.key("customer_profiles")
            writer.bool(report.isCustomerProfiles)
            writer.key("read"); writer.int(report.read)
            writer.key("accepted"); writer.int(report.accepted)
            writer.key("rejected"); writer.int(report.rejected)
            writer.endObject()
        }
        writer.endArray()
        let counted = result.reports.filter { !$0.isCustomerProfiles }
        writer.key("totals")
        writer.beginObject()
        writer.key("read"); writer.int(counted.reduce(0) { $0 + $1.read })
        writer.key("accepted"); writer.int(counted.reduce(0) { $0 + $1.accepted })
        writer.key("rejected"); writer.int(counted.reduce(0) { $0 + $1.rejected })
        writer.endObject()
        writer.key("skipped")
        writer.beginArray()
        for path in result.skipped { writer.string(path) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
