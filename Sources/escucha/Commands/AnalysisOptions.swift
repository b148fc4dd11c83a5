import ArgumentParser
import Foundation
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment
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
        let sentiment = try LexiconOptions.analyzer(lexicons)
        if sentimentOnly {
            ProcessLifetime.keep(sentiment)
            return Analyzers(sentiment: sentiment, topics: nil)
        }
        let taxonomy: Taxonomy = try LexiconOptions.load(lexicons) { folder in
            if let topics { return try Taxonomy.loadRules(file: topics) }
            let chosen = packs.map { $0.split(separator: ",").map(String.init) } ?? TopicAnalyzer.packsPresent(in: folder)
            return try Taxonomy.load(directory: folder, packs: chosen)
        }
        // One numbering of the three matchers' words: a surface's ids are worked out once for all of them.
        let vocabulary = TermVocabulary()
        let (signals, emotions): (SignalDetector?, EmotionDetector?) = try LexiconOptions.load(lexicons) { folder in
            let signals = FileManager.default.fileExists(atPath: "\(folder)/signals/signals.tsv")
                ? try SignalDetector(directory: folder, normalizer: sentiment.normalizer, vocabulary: vocabulary) : nil
            let emotions = FileManager.default.fileExists(atPath: "\(folder)/emotions.tsv")
                ? try EmotionDetector(directory: folder, normalizer: sentiment.normalizer, vocabulary: vocabulary) : nil
            return (signals, emotions)
        }
        let topicAnalyzer = taxonomy.topics.isEmpty ? nil : TopicAnalyzer(taxonomy: taxonomy, normalizer: sentiment.normalizer, vocabulary: vocabulary)
        let analyzers = Analyzers(sentiment: sentiment, topics: topicAnalyzer, signals: signals, emotions: emotions,
                                  shared: SharedMatch(topicAnalyzer?.matcher, signals?.matcher, emotions?.matcher))
        ProcessLifetime.keep(analyzers)
        return analyzers
    }
}

/// The analysis of one text, as the `sentiment` and `topics` members of an object being written.
struct Analyzers: Sendable {
    let sentiment: SentimentAnalyzer
    let topics: TopicAnalyzer?
    var signals: SignalDetector? = nil
    var emotions: EmotionDetector? = nil
    /// The topic, signal and emotion matchers as one (see `SharedMatch`), when all three are there.
    var shared: SharedMatch? = nil

    struct Result {
        var text: NormalizedText
        var sentiment: SentimentAnalysis
        var topics: [TopicAnalysis]
        var signals: [SignalHit]
        var emotions: [EmotionScore]
        /// The sentiment of the writer's headline (`Document.headline`), scored apart from the text.
        var headline: SentimentAnalysis? = nil
    }

    /// `sourceSectors`: the sector of the text's source, as `TopicAnalyzer.analyze` takes it. `headline`: a review's
    /// title, whose sentiment is scored on its own (topics, signals and emotions come from the text).
    func analyze(_ text: String, headline: String? = nil, sourceSectors: UInt64 = 0) -> Result {
        let normalized = sentiment.normalizer.normalize(text)
        let scored = sentiment.analyze(normalized)
        // The three matchers' hits found in one walk over the tokens (`SharedMatch`), when they share one.
        let found = shared?.match(normalized)
        return Result(text: normalized, sentiment: scored,
                      topics: topics?.analyze(normalized, sentiment: scored, sourceSectors: sourceSectors, found: found?.topics) ?? [],
                      signals: signals?.detect(normalized, sentiment: scored, found: found?.signals) ?? [],
                      emotions: emotions?.detect(normalized, found: found?.emotions) ?? [],
                      headline: headline.map { sentiment.analyze($0) })
    }

    /// Writes `"sentiment": {…}, "topics": […]` into the object the writer is in.
    func writeMembers(_ result: Result, contributions: Bool, to writer: inout JSONWriter) {
        writer.key("sentiment")
        result.sentiment.writeJSON(to: &writer, contributions: contributions)
        if let headline = result.headline {
            writer.key("title_sentiment")
            headline.writeJSON(to: &writer, contributions: contributions)
        }
        if topics != nil {
            writer.key("topics")
            TopicAnalysis.writeJSON(result.topics, text: result.text, to: &writer)
        }
        if signals != nil {
            writer.key("signals")
            SignalHit.writeJSON(result.signals, text: result.text, to: &writer)
        }
        if emotions != nil {
            writer.key("emotions")
            EmotionScore.writeJSON(result.emotions, text: result.text, to: &writer)
        }
    }
}
