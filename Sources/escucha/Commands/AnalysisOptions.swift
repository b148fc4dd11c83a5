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

/// The topic, signal and emotion matchers combined (`TopicMatcher(combining:)`): a text's tokens are walked once for the
/// three, where each walked them all. Made only when all three are there, and when they can be combined. A class:
/// the matcher is a large value, and `Analyzers` (copied for every text) held a copy of it inline.
final class SharedMatch: Sendable {
    let matcher: TopicMatcher
    /// Where the signals' topics and the emotions' start among the combined matcher's (the topics' start at 0).
    let signalsStart: Int
    let emotionsStart: Int

    init?(_ topics: TopicMatcher?, _ signals: TopicMatcher?, _ emotions: TopicMatcher?) {
        guard let topics, let signals, let emotions, let matcher = TopicMatcher(combining: [topics, signals, emotions]) else { return nil }
        self.matcher = matcher
        signalsStart = topics.taxonomy.topics.count
        emotionsStart = signalsStart + signals.taxonomy.topics.count
    }

    /// Each part's hits, numbered as its own matcher numbers its topics. Hits of one part only (most texts) are
    /// handed back as they are; otherwise each list is made at its size (counted first): appended to as they came,
    /// the lists grew one allocation at a time.
    func match(_ text: NormalizedText) -> (topics: [TopicHit], signals: [TopicHit], emotions: [TopicHit]) {
        var hits = matcher.match(text)
        var signalCount = 0, emotionCount = 0
        for index in hits.indices {
            if hits[index].topic >= emotionsStart { emotionCount += 1 } else if hits[index].topic >= signalsStart { signalCount += 1 }
        }
        if signalCount == 0 && emotionCount == 0 { return (hits, [], []) }
        if signalCount == hits.count || emotionCount == hits.count {
            let start = signalCount == hits.count ? signalsStart : emotionsStart
            for index in hits.indices { hits[index].topic -= start }
            return signalCount == hits.count ? ([], hits, []) : ([], [], hits)
        }
        var topics: [TopicHit] = [], signals: [TopicHit] = [], emotions: [TopicHit] = []
        topics.reserveCapacity(hits.count - signalCount - emotionCount)
        signals.reserveCapacity(signalCount)
        emotions.reserveCapacity(emotionCount)
        for index in hits.indices {
            var hit = hits[index]
            if hit.topic >= emotionsStart {
                hit.topic -= emotionsStart
                emotions.append(hit)
            } else if hit.topic >= signalsStart {
                hit.topic -= signalsStart
                signals.append(hit)
            } else {
                topics.append(hit)
            }
        }
        return (topics, signals, emotions)
    }
}
