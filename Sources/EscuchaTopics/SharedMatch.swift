import EscuchaNormalize

/// The topic, signal and emotion matchers combined (`TopicMatcher(combining:)`): a text's tokens are walked once for the
/// three, where each walked them all. Made only when all three are there, and when they can be combined. A class:
/// the matcher is a large value, and an analyzer bundle copied for every text would hold a copy of it inline.
public final class SharedMatch: Sendable {
    public let matcher: TopicMatcher
    /// Where the signals' topics and the emotions' start among the combined matcher's (the topics' start at 0).
    public let signalsStart: Int
    public let emotionsStart: Int

    public init?(_ topics: TopicMatcher?, _ signals: TopicMatcher?, _ emotions: TopicMatcher?) {
        guard let topics, let signals, let emotions, let matcher = TopicMatcher(combining: [topics, signals, emotions]) else { return nil }
        self.matcher = matcher
        signalsStart = topics.taxonomy.topics.count
        emotionsStart = signalsStart + signals.taxonomy.topics.count
    }

    /// Each part's hits, numbered as its own matcher numbers its topics: the matcher puts each hit in its part's list
    /// as it finds it (`TopicMatcher.HitLists`).
    public func match(_ text: NormalizedText) -> Hits {
        var room = Hits()
        return match(text, room: &room)
    }

    /// The same, the lists made in `room`'s: empty lists whose room is kept from an earlier text (`Analyzers.Room`
    /// gives them back once the analyzers have read them). Made per text, the three lists cost three allocations and
    /// frees; `room` is left empty.
    public func match(_ text: NormalizedText, room: inout Hits) -> Hits {
        var lists = TopicMatcher.HitLists(secondStart: signalsStart, thirdStart: emotionsStart)
        swap(&lists.first, &room.topics)
        swap(&lists.second, &room.signals)
        swap(&lists.third, &room.emotions)
        var hits = Hits()
        swap(&hits.sectorWords, &room.sectorWords)
        matcher.matchParts(text, into: &lists, sectorWords: &hits.sectorWords)
        swap(&hits.topics, &lists.first)
        swap(&hits.signals, &lists.second)
        swap(&hits.emotions, &lists.third)
        return hits
    }

    /// A text's hits, each list numbered as its part's matcher numbers its topics.
    public struct Hits {
        public var topics: [TopicHit] = []
        public var signals: [TopicHit] = []
        public var emotions: [TopicHit] = []
        /// The text's tokens that may name a sector, listed as their word ids were read: the sector gate reads these
        /// alone (`TopicAnalyzer.analyze(_:sentiment:sourceSectors:found:sectorWords:room:)`).
        public var sectorWords = SectorWords()

        public init() {}
    }
}
