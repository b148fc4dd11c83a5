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
    public func match(_ text: NormalizedText) -> (topics: [TopicHit], signals: [TopicHit], emotions: [TopicHit]) {
        let hits = matcher.matchParts(text, secondStart: signalsStart, thirdStart: emotionsStart)
        return (hits.first, hits.second, hits.third)
    }
}
