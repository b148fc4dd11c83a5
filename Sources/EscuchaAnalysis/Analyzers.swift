import Foundation
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment
import EscuchaTopics

/// Every analysis of one text, loaded once and shared by all threads: the sentiment model, and the topics,
/// signals and emotions where they are loaded. A command, a store or a server holds one and calls `analyze`.
public struct Analyzers: Sendable {
    public let sentiment: SentimentAnalyzer
    public var topics: TopicAnalyzer? { heldTopics?.value }
    public var signals: SignalDetector? {
        get { heldSignals?.value }
        set { heldSignals = newValue.map(Held.init) }
    }
    public var emotions: EmotionDetector? {
        get { heldEmotions?.value }
        set { heldEmotions = newValue.map(Held.init) }
    }
    /// The topic, signal and emotion matchers as one (see `SharedMatch`), when all three are there.
    public var shared: SharedMatch?

    // The optional analyzers are held by reference: they are read for every text, and reaching into one stored inline
    // (a struct of about 500 bytes) copied it by `memcpy` to ask whether it is there, then again to call it.
    private let heldTopics: Held<TopicAnalyzer>?
    private var heldSignals: Held<SignalDetector>?
    private var heldEmotions: Held<EmotionDetector>?

    /// One analyzer, shared by the copies of `Analyzers` that hold it.
    private final class Held<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    public init(sentiment: SentimentAnalyzer, topics: TopicAnalyzer?, signals: SignalDetector? = nil,
                emotions: EmotionDetector? = nil, shared: SharedMatch? = nil) {
        self.sentiment = sentiment
        heldTopics = topics.map(Held.init)
        heldSignals = signals.map(Held.init)
        heldEmotions = emotions.map(Held.init)
        self.shared = shared
    }

    /// What to load from a lexicon folder.
    public struct Selection: Sendable {
        /// A taxonomy of the user's own (`Taxonomy.loadRules`), in place of the built-in packs.
        public var topicsFile: String?
        /// The built-in packs to load; nil: every pack the folder has.
        public var packs: [String]?
        /// The sentiment model alone: no topics, signals or emotions.
        public var sentimentOnly: Bool
        /// Sentiment lexicons the user adds to Escucha's (`PluginLexicon`).
        public var plugins: [PluginLexicon]

        public init(topicsFile: String? = nil, packs: [String]? = nil, sentimentOnly: Bool = false, plugins: [PluginLexicon] = []) {
            self.topicsFile = topicsFile
            self.packs = packs
            self.sentimentOnly = sentimentOnly
            self.plugins = plugins
        }
    }

    /// The analyzers of a lexicon folder (`lexicons/es`). Throws the lexicon's error, naming the file and line,
    /// when a file is invalid.
    public static func load(lexicons folder: String, _ selection: Selection = Selection()) throws -> Analyzers {
        let sentiment = try SentimentAnalyzer(lexiconDirectory: folder, plugins: selection.plugins)
        if selection.sentimentOnly { return Analyzers(sentiment: sentiment, topics: nil) }
        let taxonomy = try selection.topicsFile.map { try Taxonomy.loadRules(file: $0) }
            ?? Taxonomy.load(directory: folder, packs: selection.packs ?? TopicAnalyzer.packsPresent(in: folder))
        // One numbering of the three matchers' words: a surface's ids are worked out once for all of them.
        let vocabulary = TermVocabulary()
        let signals = FileManager.default.fileExists(atPath: "\(folder)/signals/signals.tsv")
            ? try SignalDetector(directory: folder, normalizer: sentiment.normalizer, vocabulary: vocabulary) : nil
        let emotions = FileManager.default.fileExists(atPath: "\(folder)/emotions.tsv")
            ? try EmotionDetector(directory: folder, normalizer: sentiment.normalizer, vocabulary: vocabulary) : nil
        let topicAnalyzer = taxonomy.topics.isEmpty ? nil : TopicAnalyzer(taxonomy: taxonomy, normalizer: sentiment.normalizer, vocabulary: vocabulary)
        return Analyzers(sentiment: sentiment, topics: topicAnalyzer, signals: signals, emotions: emotions,
                         shared: SharedMatch(topicAnalyzer?.matcher, signals?.matcher, emotions?.matcher))
    }

    public struct Result {
        public var text: NormalizedText
        public var sentiment: SentimentAnalysis
        public var topics: [TopicAnalysis]
        public var signals: [SignalHit]
        public var emotions: [EmotionScore]
        /// The sentiment of the writer's headline (`Document.headline`), scored apart from the text.
        public var headline: SentimentAnalysis?
    }

    /// `sourceSectors`: the sector of the text's source, as `TopicAnalyzer.analyze` takes it. `headline`: a review's
    /// title, whose sentiment is scored on its own (topics, signals and emotions come from the text).
    public func analyze(_ text: String, headline: String? = nil, sourceSectors: UInt64 = 0) -> Result {
        var room = Room()
        return analyze(text, headline: headline, sourceSectors: sourceSectors, room: &room)
    }

    /// The lists of results given back (`recycle`), emptied with their room kept, for the next `analyze` to fill: made per
    /// text, each of a result's lists (topics, signals, emotions, the sentiment's: `SentimentAnalysis.Room`) cost an
    /// allocation and a free. Held by the caller (a thread-local lookup for each list cost more than it saved); a result a
    /// caller keeps simply keeps its lists.
    public struct Room {
        var topics: [TopicAnalysis] = []
        var signals: [SignalHit] = []
        var emotions: [EmotionScore] = []
        /// The shared matcher's hit lists (`SharedMatch.match(_:room:)`), read by the analyzers and given back at once.
        var hits = SharedMatch.Hits()
        /// The sentiment analysis's own arrays and its contributions' rule lists.
        var sentiment = SentimentAnalysis.Room()

        public init() {}

        /// Room larger than this is not kept: one long text should not hold memory for the rest of the run.
        static let keptCapacity = 256
    }

    /// The same, the result's lists made in `room`'s (see `Room`).
    public func analyze(_ text: String, headline: String? = nil, sourceSectors: UInt64 = 0, room: inout Room) -> Result {
        let normalized = sentiment.normalizer.normalize(text)
        let scored = sentiment.analyze(normalized, room: &room.sentiment)
        // The three matchers' hits found in one walk over the tokens (`SharedMatch`), when they share one.
        var found = shared?.match(normalized, room: &room.hits)
        let result = Result(text: normalized, sentiment: scored,
                            topics: heldTopics?.value.analyze(normalized, sentiment: scored, sourceSectors: sourceSectors,
                                                              found: found?.topics, sectorWords: found?.sectorWords, room: &room.topics) ?? [],
                            signals: heldSignals?.value.detect(normalized, sentiment: scored, found: found?.signals, room: &room.signals) ?? [],
                            emotions: heldEmotions?.value.detect(normalized, found: found?.emotions, room: &room.emotions) ?? [],
                            headline: headline.map { sentiment.analyze($0) })
        // The hit lists are read: their room kept for the next text (freed per text, about 5 M instructions per MB).
        if found != nil {
            found!.topics.giveRoom(to: &room.hits.topics, upTo: Room.keptCapacity)
            found!.signals.giveRoom(to: &room.hits.signals, upTo: Room.keptCapacity)
            found!.emotions.giveRoom(to: &room.hits.emotions, upTo: Room.keptCapacity)
            // Written over by the next match: swapped back as it is.
            swap(&found!.sectorWords, &room.hits.sectorWords)
        }
        return result
    }

    /// Gives a result's tokens back to this thread's normalizer and its lists to `room` for the next text: for a caller
    /// done with the result (each scored line, once written).
    public func recycle(_ result: inout Result, into room: inout Room) {
        sentiment.normalizer.recycle(&result.text)
        room.sentiment.recycle(&result.sentiment)
        result.topics.giveRoom(to: &room.topics, upTo: Room.keptCapacity)
        result.signals.giveRoom(to: &room.signals, upTo: Room.keptCapacity)
        result.emotions.giveRoom(to: &room.emotions, upTo: Room.keptCapacity)
    }

    /// Writes `"sentiment": {…}, "topics": […]` into the object the writer is in.
    public func writeMembers(_ result: Result, contributions: Bool, to writer: inout JSONWriter) {
        writer.key("sentiment")
        result.sentiment.writeJSON(to: &writer, contributions: contributions)
        if let headline = result.headline {
            writer.key("title_sentiment")
            headline.writeJSON(to: &writer, contributions: contributions)
        }
        if heldTopics != nil {
            writer.key("topics")
            TopicAnalysis.writeJSON(result.topics, text: result.text, to: &writer)
        }
        if heldSignals != nil {
            writer.key("signals")
            SignalHit.writeJSON(result.signals, text: result.text, to: &writer)
        }
        if heldEmotions != nil {
            writer.key("emotions")
            EmotionScore.writeJSON(result.emotions, text: result.text, to: &writer)
        }
    }
}
