import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaTopics

/// The options every analysing command shares: which lexicons, which topics.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "The lexicon folder (default: lexicons/es of this checkout, or $ESCUCHA_LEXICONS).")
    var lexicons: String?

    @Option(help: "A topic taxonomy of your own (TSV: topic, label, rule); replaces the built-in packs.")
    var topics: String?

    @Option(help: "Built-in topic packs to use, comma-separated (default: all present: \(Taxonomy.packs.joined(separator: ","))).")
    var packs: String?

    @Flag(help: "Sentiment only: no topics, signals or emotions (several times faster).")
    var sentimentOnly = false

    func validate() throws {
        if let packs {
            for pack in packs.split(separator: ",").map(String.init) where !Taxonomy.packs.contains(pack) {
                throw ValidationError("unknown pack '\(pack)'; expected some of \(Taxonomy.packs.joined(separator: ", "))")
            }
        }
    }

    /// The analyzers, kept until the process exits (`ProcessLifetime`).
    func analyzers() throws -> Analyzers {
        let selection = Analyzers.Selection(topicsFile: topics, packs: packs.map { $0.split(separator: ",").map(String.init) },
                                            sentimentOnly: sentimentOnly)
        let analyzers = try LexiconOptions.load(lexicons) { try Analyzers.load(lexicons: $0, selection) }
        ProcessLifetime.keep(analyzers)
        return analyzers
    }
}
