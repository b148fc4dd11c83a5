import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaClassify
import EscuchaCore
import EscuchaReport
import EscuchaSentiment

/// `escucha scan`: the main job. It ingests into an output folder, scores, classes and links each
/// document, and writes the triage queue, the per-customer view and the NPS report beside them.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan folders of exports: scored documents, rejects, triage queue and NPS report in an output folder.",
        discussion: """
        Writes OUT/documents.jsonl, OUT/rejects.jsonl, OUT/summary.json, OUT/customers.jsonl, OUT/triage.csv, \
        OUT/triage.jsonl, OUT/report.html, OUT/report.md and OUT/report.json, and prints the summary.
        """)

    @OptionGroup var input: IngestArguments

    @Option(name: [.customShort("o"), .customLong("out")], help: "The output folder.")
    var out: String = "escucha-out"

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var customers: CustomerOptions

    @Option(help: "Rows of the triage queue printed at the end.")
    var show: Int = 5

    func run() throws {
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        let documentsPath = "\(folder)/documents.jsonl"
        let rejectsPath = "\(folder)/rejects.jsonl"
        let masker: PersonalDataMasker? = input.maskPersonalData ? PersonalDataMasker() : nil
        let profiles = try customers.load(inputs: try input.inputFiles().files, options: try input.options())
        let documents = try OutputFile(creating: documentsPath)
        // The rejects file always exists after a scan, empty when nothing was rejected, so that pipelines
        // never pick up a stale one. Profile rejects go first, then the documents'.
        let rejects = try OutputFile(creating: rejectsPath)
        var rejectWriter = JSONWriter()
        for reject in profiles.rejects { reject.writeJSON(to: &rejectWriter, masker: masker); rejectWriter.newline() }
        rejects.write(rejectWriter.bytes)
        try rejects.finish()
        let analyzer = try analysis.analyzers()
        var run = IngestRun(arguments: input, analyzer: analyzer)
        run.sourceSectors = try SourceSectors.find(arguments: input, analyzer: analyzer)
        run.linker = profiles.linker
        run.classifier = customers.classifier
        // The report's counts are kept as documents arrive; only the detractors are kept, on disk.
        var accumulator = ReportAccumulator(store: try DetractorSpill())
        run.onRecords = { records in for record in records { try accumulator.add(record) } }
        run.appendRejects = true
        let result = try run.execute(documents: documents, rejectsPath: rejectsPath)
        let summary = try OutputFile(creating: "\(folder)/summary.json")
        summary.write(IngestSummary.json(result))
        try summary.finish()

        let outputs = try ReportFiles.write(accumulator, folder: folder, masker: masker, show: show)
        print(IngestSummary.table(result, rejectsPath: rejectsPath))
        if !profiles.files.isEmpty {
            let kept = profiles.linker?.profiles.count ?? 0
            print("customer profiles: \(kept) from \(profiles.files.joined(separator: ", ")) (read \(profiles.read) = \(kept) profiles + \(profiles.rejects.count) rejected)")
        }
        if !result.sentiment.isEmpty { print(result.sentiment.table() + "\n") }
        print(outputs.summary(show: show))
        print("""
        documents: \(documentsPath)
        rejects:   \(rejectsPath)
        triage:    \(folder)/triage.csv (also triage.jsonl)
        customers: \(folder)/customers.jsonl
        report:    \(folder)/report.html (also report.md, report.json)
        """)
        let rejected = result.reports.reduce(0) { $0 + $1.rejected }
        if input.strict, rejected > 0 { throw ExitStatus.rejectsUnderStrict }
    }
}
