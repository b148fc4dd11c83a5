import Foundation
import EscuchaClassify
import EscuchaCore
import EscuchaReport

/// The files built from scored records, shared by `escucha scan` and `escucha report`: the triage
/// queue (CSV and JSON Lines), the per-customer view and the report (HTML, Markdown, JSON). Records
/// arrive one at a time in a `ReportAccumulator`; the queue's rows are read back from its store as
/// they are written, so no output is built whole in memory.
struct ReportFiles {
    var report: NPSReport
    var triage: TriageOutput
    var queueLength: Int
    /// The first rows of the queue, for the printed summary.
    var head: [TriageRow]

    static func write<Store: DetractorStore>(_ accumulator: ReportAccumulator<Store>, folder: String, masker: PersonalDataMasker?,
                                             show: Int = 5) throws -> ReportFiles {
        let queue = accumulator.queue()
        let report = try accumulator.report(queue: queue)
        let triage = TriageOutput(masker: masker)
        let head = try accumulator.rows(queue.prefix(max(show, 0)))
        let files = ReportFiles(report: report, triage: triage, queueLength: queue.count, head: head)
        let csv = try OutputFile(creating: "\(folder)/triage.csv")
        let jsonLines = try OutputFile(creating: "\(folder)/triage.jsonl")
        try writeQueue(queue, from: accumulator, as: triage, csv: csv, jsonLines: jsonLines)
        try files.write(customers: accumulator.customerSummaries(), folder: folder)
        return files
    }

    /// The queue's rows as CSV (with its header) and JSON Lines, each row read back from the store as it is
    /// written: a queue of any length is never held. Either output may be left out.
    static func writeQueue<Store: DetractorStore>(_ queue: some Sequence<(location: Int, priority: TriagePriority, otherComplaints: Int)>,
                                                  from accumulator: ReportAccumulator<Store>, as triage: TriageOutput,
                                                  csv: OutputFile?, jsonLines: OutputFile?) throws {
        csv?.write(TriageOutput.csvHeaderLine)
        var writer = JSONWriter()
        for (index, entry) in queue.enumerated() {
            let row = try accumulator.row(entry)
            csv?.write(triage.csvLine(row, rank: index + 1))
            if let jsonLines {
                writer.reset()
                triage.jsonLine(row, rank: index + 1, to: &writer)
                jsonLines.write(writer.bytes)
            }
        }
        try csv?.finish()
        try jsonLines?.finish()
    }

    func write(customers: [CustomerSummary], folder: String) throws {
        func save(_ name: String, _ bytes: [UInt8]) throws {
            let file = try OutputFile(creating: "\(folder)/\(name)")
            file.write(bytes)
            try file.finish()
        }
        try save("customers.jsonl", CustomerSummary.jsonLines(customers, masked: triage.masker != nil))
        let generated = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).iso8601
        try save("report.html", Array(ReportHTML(report: report, triage: triage, generated: String(generated.prefix(10))).render().utf8))
        let summary = ReportSummary(report: report, triage: triage)
        try save("report.md", Array(summary.markdown().utf8))
        try save("report.json", summary.json())
    }

    /// What the scan prints: NPS with margins, link rate, drivers and the head of the queue.
    func summary(show: Int) -> String {
        let overall = report.overall
        var out = "NPS declarado \(overall.stated.formatted) · inferido \(overall.inferred.formatted) · total \(overall.all.formatted)\n"
        let documents = report.links.reduce(0) { $0 + $1.documents }, linked = report.links.reduce(0) { $0 + $1.linked }
        if linked > 0 || report.linkMethods.isEmpty == false {
            out += String(format: "linked to a customer: %d of %d documents (%.0f%%)", linked, documents, documents == 0 ? 0 : 100 * Double(linked) / Double(documents))
            out += " · " + report.linkMethods.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            var rows: [[String]] = [["source", "documents", "linked", "rate"]]
            for link in report.links where link.linked > 0 || link.channel.hasPrefix("survey") {
                rows.append([link.channel, String(link.documents), String(link.linked), String(format: "%.0f%%", 100 * Double(link.linked) / Double(max(link.documents, 1)))])
            }
            rows.append(["total", String(documents), String(linked), String(format: "%.0f%%", 100 * Double(linked) / Double(max(documents, 1)))])
            out += IngestSummary.align(rows, numericFrom: 1) + "\n"
        }
        if !report.detractorDrivers.isEmpty {
            out += "detractor drivers: " + report.detractorDrivers.prefix(3).map { "\($0.label) " + String(format: "%+.1f", $0.impact) }.joined(separator: " · ") + "\n"
        }
        if !report.praiseDrivers.isEmpty {
            out += "praise drivers:    " + report.praiseDrivers.prefix(3).map { "\($0.label) " + String(format: "%+.1f", $0.impact) }.joined(separator: " · ") + "\n"
        }
        switch queueLength {
        case 0: out += "\ntriage: no detractors\n"
        case 1: out += "\ntriage: 1 detractor:\n"
        default: out += "\ntriage: \(queueLength) detractors; the first \(min(show, queueLength)):\n"
        }
        if queueLength > 0 { out += triage.table(head, limit: show, width: Console.terminalWidth) }
        return out
    }
}
