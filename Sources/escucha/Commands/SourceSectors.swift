import EscuchaCore
import EscuchaIngest
import EscuchaTopics

/// The sector of each input file, found before a scan analyses it: a first pass reads every file, normalizes
/// each text and counts the documents that name each sector (`SectorTally`). Only `escucha scan` does it (it
/// reads files; `escucha score` streams), and only with several sector packs loaded. The pass costs one more
/// ingest and normalization of the input, a few percent of a scan.
enum SourceSectors {
    struct Found {
        var bits: [String: UInt64] = [:]
        var names: [String: String] = [:]
    }

    static func find(arguments: IngestArguments, analyzer: Analyzers) throws -> Found {
        guard let topics = analyzer.topics, topics.gatesSectors else { return Found() }
        let normalizer = analyzer.sentiment.normalizer
        var tallies: [String: SectorTally] = [:]
        _ = try IngestEngine(options: arguments.options()).run(files: arguments.inputFiles().files, transform: { documents -> SectorTally in
            var tally = SectorTally()
            for index in documents.indices { tally.add(topics.sectorsNamed(in: normalizer.normalize(documents[index].text))) }
            return tally
        }, emit: { output in tallies[output.file, default: SectorTally()].merge(output.payload) })
        var found = Found()
        for (file, tally) in tallies {
            let bit = tally.dominant
            guard bit != 0, let name = topics.sector(ofBit: bit.trailingZeroBitCount) else { continue }
            found.bits[file] = bit
            found.names[file] = name
        }
        return found
    }
}
