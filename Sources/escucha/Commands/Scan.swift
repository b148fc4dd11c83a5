import ArgumentParser
import Foundation
import EscuchaCore

/// `escucha scan`: the main job. For now it ingests into an output folder and prints the summary;
/// scoring, classification and reports join it as they are built.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan folders of exports: documents, rejects and a summary in an output folder.",
        discussion: "Writes OUT/documents.jsonl, OUT/rejects.jsonl and OUT/summary.json, and prints the summary.")

    @OptionGroup var input: IngestArguments

    @Option(name: [.customShort("o"), .customLong("out")], help: "The output folder.")
    var out: String = "escucha-out"

    func run() throws {
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        let documentsPath = "\(folder)/documents.jsonl"
        let rejectsPath = "\(folder)/rejects.jsonl"
        let documents = try OutputFile(creating: documentsPath)
        // The rejects file always exists after a scan, empty when nothing was rejected, so that pipelines
        // never pick up a stale one.
        try OutputFile(creating: rejectsPath).finish()
        let result = try IngestRun(arguments: input).execute(documents: documents, rejectsPath: rejectsPath)
        let summary = try OutputFile(creating: "\(folder)/summary.json")
        summary.write(IngestSummary.json(result))
        try summary.finish()
        print(IngestSummary.table(result, rejectsPath: rejectsPath))
        print("documents: \(documentsPath)\nsummary:   \(folder)/summary.json")
        let rejected = result.reports.reduce(0) { $0 + $1.rejected }
        if input.strict, rejected > 0 { throw ExitStatus.rejectsUnderStrict }
    }
}
