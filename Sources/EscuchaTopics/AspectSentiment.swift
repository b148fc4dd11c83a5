import EscuchaNormalize
import EscuchaSentiment

/// A topic of a text with its own sentiment: `la comida buenísima pero el servicio lentísimo` gives food +,
/// service −.
public struct TopicAnalysis: Sendable, Equatable {
    public var topic: Topic
    public var sentence: Int
    public var evidence: [Range<Int>]
    /// The sum of the contributions that belong to this topic (see `AspectSentiment`).
    public var value: Double
    public var label: SentimentLabel
}

/// Gives each topic hit the sentiment of its own part of the sentence. A sentence is cut at contrast
/// words (`pero`, `aunque`, `sin embargo`, `mientras que`) and at `;`; within a part, each contribution of
/// the sentiment model goes to the nearest topic evidence (`la comida buenísima y el servicio lento`:
/// `buenísima` to food, `lento` to service). A topic with no contribution of its own is neutral.
public enum AspectSentiment {
    static let cuts: Set<String> = ["pero", "aunque", "mientras", "sin embargo", "no obstante", "aun así", "en cambio", ";"]

    public static func assign(_ hits: [TopicHit], taxonomy: Taxonomy, text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        var values = Array(repeating: 0.0, count: hits.count)
        // Cut positions of each sentence, found once.
        let cutsBySentence = text.sentences.map { cutPositions(in: $0.tokens, text) }
        for contribution in sentiment.contributions {
            let position = contribution.tokens.lowerBound
            guard let sentence = text.sentences.firstIndex(where: { $0.tokens.contains(position) }) else { continue }
            let range = text.sentences[sentence].tokens
            let cuts = cutsBySentence[sentence]
            let part = (cuts.last { $0 <= position } ?? range.lowerBound)..<(cuts.first { $0 > position } ?? range.upperBound)
            var best: [Int] = []
            var bestDistance = Int.max
            for (index, hit) in hits.enumerated() where hit.sentence == sentence {
                for range in hit.evidence where part.contains(range.lowerBound) {
                    let distance = range.contains(position) ? 0
                        : range.lowerBound > position ? range.lowerBound - contribution.tokens.upperBound : position - range.upperBound
                    if distance < bestDistance { bestDistance = distance; best = [index] }
                    else if distance == bestDistance, !best.contains(index) { best.append(index) }
                }
            }
            for index in best { values[index] += contribution.value }
        }
        return hits.enumerated().map { index, hit in
            TopicAnalysis(topic: taxonomy.topics[hit.topic], sentence: hit.sentence, evidence: hit.evidence,
                          value: (values[index] * 1000).rounded() / 1000, label: SentimentScore.label(for: SentimentScore.compound(sum: values[index])))
        }
    }

    /// Where a sentence is cut: contrast words (one or two words) and `;`.
    static func cutPositions(in sentence: Range<Int>, _ text: NormalizedText) -> [Int] {
        var positions: [Int] = []
        for index in sentence {
            let key = text.tokens[index].key
            if cuts.contains(key) { positions.append(index); continue }
            // The two-word cuts start with one of these (`sin embargo`, `no obstante`, `aun así`, `en cambio`).
            if index + 1 < sentence.upperBound, ["sin", "no", "aun", "en"].contains(key),
               cuts.contains(key + " " + text.tokens[index + 1].key) {
                positions.append(index)
            }
        }
        return positions
    }
}
