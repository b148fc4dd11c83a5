import ArgumentParser
import Foundation
import EscuchaCore
import EscuchaIngest
import EscuchaReport

/// Reads scored JSON Lines (what `escucha scan` writes to documents.jsonl) into records, line by line.
/// A line that is not a scored document stops the command with its line number: a queue built on part
/// of the input would hide customers.
enum ScoredInput {
    static func records(_ paths: [String], _ each: (FeedbackRecord) throws -> Void) throws {
        for path in paths {
            let stream: LineStream
            do { stream = try LineStream(path: path) } catch {
                Console.error("escucha: cannot read \(path): \(error)")
                throw ExitStatus.unreadableInput
            }
            var line = 0
            while let next = stream.next() {
                line += 1
                // No limit is set, so every line comes whole.
                guard case .text(let text) = next else { continue }
                let bytes = Array(text.utf8)
                guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
                guard let value = try? JSONParser.parse(bytes), let record = FeedbackRecord(json: value) else {
                    Console.error("escucha: \(path):\(line): not a scored document (expected a line of documents.jsonl written by `escucha scan`)")
                    throw ExitStatus.usage
                }
                try each(record)
            }
        }
    }
}

/// `escucha triage`: the detractors of scored documents, highest priority first.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "The detractor queue from scored documents (documents.jsonl of a scan), highest priority first.",
        discussion: """
        Priority 0–100 = 100 × (0.40 severity + 0.20 customer value + 0.15 recency + 0.15 reach + 0.10 repeat \
        complaints); README § Triage explains each part. Filters combine: every one given must hold.
        """)

    @Argument(help: "Scored JSON Lines files (documents.jsonl).")
    var files: [String]

    @Option(help: "Output: table, csv or jsonl.")
    var format: String = "table"

    @Option(help: "Keep documents about this topic (or its subtopics); repeatable.")
    var topic: [String] = []
    @Option(help: "Keep documents with this signal (churn, legal, urgency, effort, repeat_contact, not_recommend); repeatable.")
    var signal: [String] = []
    @Option(help: "Keep customers of this segment; repeatable.")
    var segment: [String] = []
    @Option(help: "Keep this channel (prefix: `survey` keeps every survey); repeatable.")
    var channel: [String] = []
    @Option(help: "Keep documents dated on or after this day (YYYY-MM-DD or ISO 8601).")
    var since: String?
    @Option(help: "Keep documents dated before this day (YYYY-MM-DD or ISO 8601).")
    var until: String?
    @Option(help: "Rows to write (default: all).")
    var limit: Int?
    @Flag(help: "Mask customer ids, emails and phone numbers.")
    var maskPersonalData = false

    func validate() throws {
        guard ["table", "csv", "jsonl"].contains(format) else { throw ValidationError("--format must be table, csv or jsonl") }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp(iso8601: value) == nil { throw ValidationError("\(name) '\(value)' is not a date: write YYYY-MM-DD") }
        }
    }

    func run() throws {
        let filter = TriageFilter(topics: topic, signals: signal, segments: segment, channels: channel,
                                  since: since.flatMap { Timestamp(iso8601: $0) }, until: until.flatMap { Timestamp(iso8601: $0) })
        var accumulator = ReportAccumulator(store: try DetractorSpill(), filter: filter)
        try ScoredInput.records(files) { try accumulator.add($0) }
        let queue = accumulator.queue().prefix(limit ?? Int.max)
        let output = TriageOutput(masker: maskPersonalData ? PersonalDataMasker() : nil)
        switch format {
        case "csv", "jsonl":
            let out = OutputFile(standardOutput: ())
            try ReportFiles.writeQueue(queue, from: accumulator, as: output, csv: format == "csv" ? out : nil,
                                       jsonLines: format == "jsonl" ? out : nil)
        default:
            // A table is for reading: the whole queue is shown, as asked.
            print(output.table(try accumulator.rows(queue), width: Console.terminalWidth), terminator: "")
            print("\(queue.count) detractors")
        }
    }
}

/// `escucha report`: the NPS report (HTML, Markdown, JSON) from scored documents.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The NPS report from scored documents (documents.jsonl of a scan): report.html, report.md, report.json.",
        discussion: "Also writes triage.csv, triage.jsonl and customers.jsonl, as `escucha scan` does.")

    @Argument(help: "Scored JSON Lines files (documents.jsonl).")
    var files: [String]

    @Option(name: [.customShort("o"), .customLong("out")], help: "The output folder.")
    var out: String = "escucha-report"

    @Flag(help: "Mask customer ids, emails and phone numbers.")
    var maskPersonalData = false

    func run() throws {
        var accumulator = ReportAccumulator(store: try DetractorSpill())
        try ScoredInput.records(files) { try accumulator.add($0) }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        let files = try ReportFiles.write(accumulator, folder: folder, masker: maskPersonalData ? PersonalDataMasker() : nil)
        print(files.summary(show: 5))
        print("report: \(folder)/report.html (also report.md, report.json, triage.csv, triage.jsonl, customers.jsonl)")
    }
}
