import ArgumentParser
import Foundation
import EscuchaCore

/// `escucha ingest`: read exports, write documents as JSON Lines.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read exports (CSV, JSON, JSON Lines, saved forum HTML) and write one JSON document per line.",
        discussion: "The counts per file go to stderr; documents go to stdout or -o FILE.")

    @OptionGroup var input: IngestArguments

    @Option(name: .shortAndLong, help: "Write documents here instead of stdout.")
    var output: String?

    @Option(help: "Write rejected records here (JSON Lines); created only when something is rejected.")
    var rejects: String = "rejects.jsonl"

    func run() throws {
        let documents = try output.map { try OutputFile(creating: $0) } ?? OutputFile(standardOutput: ())
        let result = try IngestRun(arguments: input).execute(documents: documents, rejectsPath: rejects)
        Console.error(IngestSummary.table(result, rejectsPath: rejects))
        let rejected = result.reports.reduce(0) { $0 + $1.rejected }
        if input.strict, rejected > 0 { throw ExitStatus.rejectsUnderStrict }
    }
}
