import Foundation
import EscuchaTestSupport
import EscuchaCore
@testable import EscuchaIngest

func corpus(_ relative: String) -> String { "\(repositoryRoot)/corpora/\(relative)" }

/// The reference time the demo corpora's relative dates (`hace 2 días`, `ayer`) were written against.
let demoReference = Timestamp(year: 2024, month: 6, day: 28, hour: 12)!

struct IngestResult {
    var documents: [Document]
    var rejects: [Reject]
    var reports: [FileReport]

    func report(_ suffix: String) -> FileReport? { reports.first(where: { $0.path.hasSuffix(suffix) }) }
    func documents(_ suffix: String) -> [Document] { documents.filter { $0.location.file.hasSuffix(suffix) } }
    func rejects(_ suffix: String) -> [Reject] { rejects.filter { $0.location.file.hasSuffix(suffix) } }
}

func ingest(_ paths: [String], options: IngestOptions? = nil, workers: Int = 2) -> IngestResult {
    var settings = options ?? IngestOptions(dates: ExportDateParser(reference: demoReference, zone: TimeZoneRule("Europe/Madrid")!))
    settings.workers = workers
    let files = InputWalker.expand(paths).files
    var documents: [Document] = []
    var rejects: [Reject] = []
    let reports = IngestEngine(options: settings).run(files: files, transform: { $0 }, emit: { output in
        documents.append(contentsOf: output.payload)
        rejects.append(contentsOf: output.rejects)
    })
    return IngestResult(documents: documents, rejects: rejects, reports: reports)
}
