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
    /// The first bytes of `cuts`: `a`, `e`, `m`, `n`, `p`, `s`, `;`.
    static let cutInitials = ByteSet(cuts.strings.compactMap { $0.utf8.first })

    /// Bytes as bits: a test is a shift and a mask, not a hash.
    struct ByteSet: Sendable {
        private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                let bit = UInt64(1) << UInt64(byte & 63)
                switch byte >> 6 {
                case 0: bits.0 |= bit
                case 1: bits.1 |= bit
                case 2: bits.2 |= bit
                default: bits.3 |= bit
                }
            }
        }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            let word: UInt64
            switch byte >> 6 {
            case 0: word = bits.0
            case 1: word = bits.1
            case 2: word = bits.2
            default: word = bits.3
            }
            return word & (1 << UInt64(byte & 63)) != 0
        }
    }

    public static func assign(_ hits: [TopicHit], taxonomy: Taxonomy, text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        // No hit, no topic to give a value: the tables below would all stay empty.
        if hits.isEmpty { return [] }
        var values = Array(repeating: 0.0, count: hits.count)
        // All evidence in one array, by sentence and then where it starts: a long text must not cost each
        // contribution a walk over every sentence and every piece of evidence, and a table per sentence cost an
        // array per sentence of every text.
        var entries: [Evidence] = []
        for (index, hit) in hits.enumerated() where text.sentences.indices.contains(hit.sentence) {
            for range in hit.evidence { entries.append(Evidence(range: range, hit: index, sentence: hit.sentence)) }
        }
        entries.sort { ($0.sentence, $0.range.lowerBound, $0.hit) < ($1.sentence, $1.range.lowerBound, $1.hit) }
        // The sentence last read (contributions come in text order): its evidence, the longest piece of it, and its
        // cut positions, found only for sentences with evidence.
        var current = -1
        var evidence = 0..<0
        var longest = 0
        var cuts: [Int] = []
        var best: [Int] = []
        // By index: iterating copied each contribution (retaining its strings and rules).
        for contributionIndex in sentiment.contributions.indices {
            let position = sentiment.contributions[contributionIndex].tokens.lowerBound
            guard let sentence = Self.sentence(containing: position, text.sentences) else { continue }
            if sentence != current {
                current = sentence
                let start = entries.partitioningIndex { $0.sentence >= sentence }
                evidence = start..<entries[start...].partitioningIndex { $0.sentence > sentence }
                guard !evidence.isEmpty else { continue }  // no topic for the contribution to go to
                longest = entries[evidence].map { $0.range.count }.max() ?? 0
                cuts = cutPositions(in: text.sentences[sentence].tokens, text)
            }
            guard !evidence.isEmpty else { continue }
            let range = text.sentences[sentence].tokens
            let cutBefore = cuts.partitioningIndex { $0 > position }
            let part = (cutBefore > 0 ? cuts[cutBefore - 1] : range.lowerBound)..<(cutBefore < cuts.count ? cuts[cutBefore] : range.upperBound)
            // The evidence that starts in the part, and the first of it that starts after the contribution.
            let pieces = entries[evidence]
            let first = pieces.partitioningIndex { $0.range.lowerBound >= part.lowerBound }
            let end = pieces.partitioningIndex { $0.range.lowerBound >= part.upperBound }
            let after = max(first, min(end, pieces.partitioningIndex { $0.range.lowerBound > position }))
            // Distance to evidence after: its start minus the contribution's end (negative when they overlap),
            // least for the evidence that starts first. Before: zero when it covers the contribution's start,
            // else the gap; evidence is at most `longest` long, so the walk back stops once none can be nearer.
            var bestDistance = Int.max
            best.removeAll(keepingCapacity: true)
            func consider(_ distance: Int, _ hit: Int, _ best: inout [Int]) {
                if distance < bestDistance {
                    bestDistance = distance
                    best.removeAll(keepingCapacity: true)
                    best.append(hit)
                } else if distance == bestDistance, !best.contains(hit) {
                    best.append(hit)
                }
            }
            var index = after - 1
            while index >= first, position - pieces[index].range.lowerBound - longest <= bestDistance {
                let piece = pieces[index].range
                consider(piece.contains(position) ? 0 : max(0, position - piece.upperBound), pieces[index].hit, &best)
                index -= 1
            }
            var next = after
            while next < end, pieces[next].range.lowerBound == pieces[after].range.lowerBound {
                consider(pieces[next].range.lowerBound - sentiment.contributions[contributionIndex].tokens.upperBound, pieces[next].hit, &best)
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
        var sentence: Int
    }

    /// The sentence whose tokens hold `position` (sentences are in order and do not overlap).
    static func sentence(containing position: Int, _ sentences: [Sentence]) -> Int? {
        let index = sentences.partitioningIndex { $0.tokens.upperBound > position }
        return index < sentences.count && sentences[index].tokens.contains(position) ? index : nil
    }

    /// Where a sentence is cut: contrast words (one or two words) and `;`.
    static func cutPositions(in sentence: Range<Int>, _ text: NormalizedText) -> [Int] {
        var positions: [Int] = []
        // Read in place, and most words passed on their first byte: every cut (`pero`, `aunque`, `mientras`, `;`, and
        // the two-word ones) starts with one of `cutInitials`.
        text.tokens.withUnsafeBufferPointer { tokens in
            for index in sentence {
                let forms = Unmanaged.passUnretained(tokens[index].forms)
                guard let first = forms._withUnsafeGuaranteedRef({ $0.key.utf8.first }), cutInitials.contains(first) else { continue }
                let key = tokens[index].key
                if cuts.contains(key) { positions.append(index); continue }
                // The two-word cuts start with one of these (`sin embargo`, `no obstante`, `aun así`, `en cambio`): other
                // keys are passed on their length and bytes, with no pair built.
                if index + 1 < sentence.upperBound, key.isKey("sin") || key.isKey("no") || key.isKey("aun") || key.isKey("en"),
                   cuts.contains(key + " " + tokens[index + 1].key) {
                    positions.append(index)
                }
            }
        }
        return positions
    }
}
