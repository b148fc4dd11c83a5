import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaLexicon
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

    @Option(name: .customLong("add-lexicon"), help: ArgumentHelp(
        "A sentiment lexicon of your own to add, as FORMAT:FILE (repeatable); it adds the words Escucha's lexicon lacks.",
        discussion: "FORMAT: \(PluginLexicon.Format.allCases.map(\.rawValue).joined(separator: ", ")) (vader_lexicon.txt, AFINN, the NRC Emotion Lexicon, ElhPolar, ML-SentiCon's XML, or term TAB valence on -4..4).",
        valueName: "format:file"))
    var addLexicon: [String] = []

    func validate() throws {
        if let packs {
            for pack in packs.split(separator: ",").map(String.init) where !Taxonomy.packs.contains(pack) {
                throw ValidationError("unknown pack '\(pack)'; expected some of \(Taxonomy.packs.joined(separator: ", "))")
            }
        }
    }

    /// The analyzers, kept until the process exits (`ProcessLifetime`).
    func analyzers() throws -> Analyzers {
        let analyzers = try LexiconOptions.load(lexicons) { folder in
            let selection = Analyzers.Selection(topicsFile: topics, packs: packs.map { $0.split(separator: ",").map(String.init) },
                                                sentimentOnly: sentimentOnly, plugins: try addLexicon.map { try PluginLexicon.load(spec: $0) })
            return try Analyzers.load(lexicons: folder, selection)
        }
        for plugin in analyzers.sentiment.lexicon.plugins {
            Console.error("escucha: \(plugin.file): added \(plugin.added), kept Escucha's own rating of \(plugin.kept), skipped \(plugin.skipped) (no usable rating)")
        }
        ProcessLifetime.keep(analyzers)
        return analyzers
    }
}
