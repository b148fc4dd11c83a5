import EscuchaAnalysis
import EscuchaCore
import EscuchaIngest
import EscuchaTopics

/// The sector of each input file, found before a scan analyses it: a first pass reads every file, normalizes
/// each text and counts the documents that name each sector (`SectorTally`). Only `escucha scan` does it (it
/// reads files; `escucha score` streams), and only with several sector packs loaded. The pass costs one more
/// ingest and normalization of the input, a few percent of a scan.
enum SourceSectors {
    /// Each file's sector, as the pack bit `TopicAnalyzer.analyze(…sourceSectors:)` takes; files without one are absent.
    static func find(arguments: IngestArguments, analyzer: Analyzers) throws -> [String: UInt64] {
        guard let topics = analyzer.topics, topics.gatesSectors else { return [:] }
        let normalizer = analyzer.sentiment.normalizer
        var tallies: [String: SectorTally] = [:]
        _ = try IngestEngine(options: arguments.options()).run(files: arguments.inputFiles().files, transform: { documents -> SectorTally in
            var tally = SectorTally()
            for index in documents.indices { tally.add(topics.sectorsNamed(in: normalizer.normalize(documents[index].text))) }
            return tally
        }, emit: { output in tallies[output.file, default: SectorTally()].merge(output.payload) })
        return tallies.compactMapValues { tally in
            let bit = tally.dominant
            return bit == 0 ? nil : bit
        }
    }
}
