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

    /// Each part's hits, numbered as its own matcher numbers its topics. Hits of one part only (most texts) are
    /// handed back as they are; otherwise each list is made at its size (counted first): appended to as they came,
    /// the lists grew one allocation at a time.
    public func match(_ text: NormalizedText) -> (topics: [TopicHit], signals: [TopicHit], emotions: [TopicHit]) {
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
