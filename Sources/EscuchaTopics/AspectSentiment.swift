import EscuchaCore
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
    static let cuts: WordSet = ["pero", "aunque", "mientras", "sin embargo", "no obstante", "aun así", "en cambio", ";"]

    public static func assign(_ hits: [TopicHit], taxonomy: Taxonomy, text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        // No hit, no topic to give a value: the tables below (three arrays a text) would all stay empty.
        if hits.isEmpty { return [] }
        var values = Array(repeating: 0.0, count: hits.count)
        // Cut positions of each sentence, and its topics' evidence by where it starts, found once: a long
        // text must not cost each contribution a walk over every sentence and every piece of evidence.
        // Cuts only matter where a sentence has evidence, so they are found on first need.
        var cutsBySentence = [[Int]?](repeating: nil, count: text.sentences.count)
        var evidenceBySentence = Array(repeating: [Evidence](), count: text.sentences.count)
        for (index, hit) in hits.enumerated() where evidenceBySentence.indices.contains(hit.sentence) {
            for range in hit.evidence { evidenceBySentence[hit.sentence].append(Evidence(range: range, hit: index)) }
        }
        for sentence in evidenceBySentence.indices {
            evidenceBySentence[sentence].sort { ($0.range.lowerBound, $0.hit) < ($1.range.lowerBound, $1.hit) }
        }
        let longest = evidenceBySentence.map { $0.map { $0.range.count }.max() ?? 0 }  // a closure: a key path is applied at run time
        // By index: iterating copied each contribution (retaining its strings and rules).
        for contributionIndex in sentiment.contributions.indices {
            let position = sentiment.contributions[contributionIndex].tokens.lowerBound
            guard let sentence = Self.sentence(containing: position, text.sentences) else { continue }
            let evidence = evidenceBySentence[sentence]
            guard !evidence.isEmpty else { continue }  // no topic for the contribution to go to
            let range = text.sentences[sentence].tokens
            let cuts = cutsBySentence[sentence] ?? cutPositions(in: range, text)
            cutsBySentence[sentence] = cuts
            let cutBefore = cuts.partitioningIndex { $0 > position }
            let part = (cutBefore > 0 ? cuts[cutBefore - 1] : range.lowerBound)..<(cutBefore < cuts.count ? cuts[cutBefore] : range.upperBound)
            // The evidence that starts in the part, and the first of it that starts after the sentiment.contributions[contributionIndex].
            let first = evidence.partitioningIndex { $0.range.lowerBound >= part.lowerBound }
            let end = evidence.partitioningIndex { $0.range.lowerBound >= part.upperBound }
            let after = max(first, min(end, evidence.partitioningIndex { $0.range.lowerBound > position }))
            // Distance to evidence after: its start minus the contribution's end (negative when they overlap),
            // least for the evidence that starts first. Before: zero when it covers the contribution's start,
            // else the gap; evidence is at most `longest` long, so the walk back stops once none can be nearer.
            var bestDistance = Int.max
            var best: [Int] = []
            func consider(_ distance: Int, _ hit: Int) {
                if distance < bestDistance { bestDistance = distance; best = [hit] }
                else if distance == bestDistance, !best.contains(hit) { best.append(hit) }
            }
            var index = after - 1
            while index >= first, position - evidence[index].range.lowerBound - longest[sentence] <= bestDistance {
                let piece = evidence[index].range
                consider(piece.contains(position) ? 0 : max(0, position - piece.upperBound), evidence[index].hit)
                index -= 1
            }
            var next = after
            while next < end, evidence[next].range.lowerBound == evidence[after].range.lowerBound {
                consider(evidence[next].range.lowerBound - sentiment.contributions[contributionIndex].tokens.upperBound, evidence[next].hit)
                next += 1
            }
            for hit in best { values[hit] += sentiment.contributions[contributionIndex].value }
        }
        return hits.enumerated().map { index, hit in
            TopicAnalysis(topic: taxonomy.topics[hit.topic], sentence: hit.sentence, evidence: hit.evidence,
                          value: (values[index] * 1000).rounded() / 1000, label: SentimentScore.label(for: SentimentScore.compound(sum: values[index])))
        }
    }

    struct Evidence {
        var range: Range<Int>
        var hit: Int
    }

    /// The sentence whose tokens hold `position` (sentences are in order and do not overlap).
    static func sentence(containing position: Int, _ sentences: [Sentence]) -> Int? {
        let index = sentences.partitioningIndex { $0.tokens.upperBound > position }
        return index < sentences.count && sentences[index].tokens.contains(position) ? index : nil
    }

    /// Where a sentence is cut: contrast words (one or two words) and `;`.
    static func cutPositions(in sentence: Range<Int>, _ text: NormalizedText) -> [Int] {
        var positions: [Int] = []
        for index in sentence {
            let key = text.tokens[index].key
            if cuts.contains(key) { positions.append(index); continue }
            // The two-word cuts start with one of these (`sin embargo`, `no obstante`, `aun así`, `en cambio`): other keys
            // are passed on their length and bytes, with no pair built.
            if index + 1 < sentence.upperBound, key.isKey("sin") || key.isKey("no") || key.isKey("aun") || key.isKey("en"),
               cuts.contains(key + " " + text.tokens[index + 1].key) {
                positions.append(index)
            }
        }
        return positions
    }
}
