import ArgumentParser
import Foundation
import EscuchaCore
import EscuchaSentiment

/// `escucha scan`: the main job. It ingests into an output folder, scores each document's sentiment and
/// prints the summary; classification and reports join it as they are built.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan folders of exports: documents, rejects and a summary in an output folder.",
        discussion: "Writes OUT/documents.jsonl, OUT/rejects.jsonl and OUT/summary.json, and prints the summary.")

    @OptionGroup var input: IngestArguments

    @Option(name: [.customShort("o"), .customLong("out")], help: "The output folder.")
    var out: String = "escucha-out"

    @OptionGroup var analysis: AnalysisOptions

    func run() throws {
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        let documentsPath = "\(folder)/documents.jsonl"
        let rejectsPath = "\(folder)/rejects.jsonl"
        let documents = try OutputFile(creating: documentsPath)
        // The rejects file always exists after a scan, empty when nothing was rejected, so that pipelines
        // never pick up a stale one.
        try OutputFile(creating: rejectsPath).finish()
        let analyzer = try analysis.analyzers()
        let result = try IngestRun(arguments: input, analyzer: analyzer).execute(documents: documents, rejectsPath: rejectsPath)
        let summary = try OutputFile(creating: "\(folder)/summary.json")
        summary.write(IngestSummary.json(result))
        try summary.finish()
        print(IngestSummary.table(result, rejectsPath: rejectsPath))
        if !result.sentiment.isEmpty { print(result.sentiment.table() + "\n") }
        print("documents: \(documentsPath)\nsummary:   \(folder)/summary.json")
        let rejected = result.reports.reduce(0) { $0 + $1.rejected }
        if input.strict, rejected > 0 { throw ExitStatus.rejectsUnderStrict }
    }
}
