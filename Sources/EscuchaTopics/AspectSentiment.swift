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
        for contribution in sentiment.contributions {
            let position = contribution.tokens.lowerBound
            guard let sentence = text.sentences.firstIndex(where: { $0.tokens.contains(position) }) else { continue }
            let part = segment(of: position, in: text.sentences[sentence].tokens, text)
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
                          value: (values[index] * 1000).rounded() / 1000, label: SentimentScore.label(for: values[index] / (values[index] * values[index] + SentimentScore.alpha).squareRoot()))
        }
    }

    /// The part of the sentence holding `position`, between cuts.
    static func segment(of position: Int, in sentence: Range<Int>, _ text: NormalizedText) -> Range<Int> {
        var start = sentence.lowerBound
        var end = sentence.upperBound
        var index = sentence.lowerBound
        while index < sentence.upperBound {
            let key = text.tokens[index].key
            let pair = index + 1 < sentence.upperBound ? key + " " + text.tokens[index + 1].key : ""
            if cuts.contains(key) || cuts.contains(pair) {
                if index <= position { start = index } else { end = index; break }
            }
            index += 1
        }
        return start..<end
    }
}
