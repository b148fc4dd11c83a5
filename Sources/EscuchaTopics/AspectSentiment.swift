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
    /// The shapes of the words of `cuts`, first (`pero`, `sin` of `sin embargo`) and second (`embargo`): by first byte,
    /// a bit for each length in bytes. A two-word cut's first word (`no`, `en`) is paired with the next only when that one
    /// has a second word's shape (kept per spelling in `SpellingMarks`).
    static let cutFirstShapes = Shapes(cuts.strings.map { $0.split(separator: " ").first.map(String.init) ?? $0 })
    static let cutSecondShapes = Shapes(cuts.strings.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
    /// The first words of the two-word cuts (`sin`, `no`, `aun`, `en`), from `cuts` itself: a cut added there is found.
    static let cutPairFirstWords = WordSet(cuts.strings.compactMap { cut in
        let words = cut.split(separator: " ")
        return words.count > 1 ? String(words[0]) : nil
    })

    /// Words' first bytes and lengths (up to 63 bytes) as bits.
    struct Shapes: Sendable {
        private let lengths: [UInt64]

        init(_ words: [String]) {
            var lengths = [UInt64](repeating: 0, count: 256)
            for word in words { if let first = word.utf8.first, word.utf8.count < 64 { lengths[Int(first)] |= 1 << UInt64(word.utf8.count) } }
            self.lengths = lengths
        }

        /// Whether some word has this first byte and length; false for a word of no such shape, which is none of them.
        @inline(__always)
        func contains(first: UInt8, count: Int) -> Bool { count < 64 && lengths[Int(first)] & (1 << UInt64(count)) != 0 }
    }

    public static func assign(_ hits: [TopicHit], taxonomy: Taxonomy, text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        var room: [TopicAnalysis] = []
        return assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment, room: &room) { _ in true }
    }

    /// The same for the hits of the topics `keep` keeps (by topic index), as if the others were not there (they take no
    /// contribution). Asked by topic, not given the hit: a hit passed to the closure was copied out of its array, its
    /// evidence retained and released, about 60 instructions a hit and a call.
    /// The list is made in `room` (emptied, its room kept: see `Analyzers.Room`), which is left empty.
    static func assign(_ hits: [TopicHit], taxonomy: Taxonomy, text: NormalizedText, sentiment: SentimentAnalysis,
                       room: inout [TopicAnalysis], keeping keep: (_ topic: Int) -> Bool) -> [TopicAnalysis] {
        // No hit, no topic to give a value: the tables below would all stay empty.
        if hits.isEmpty { return [] }
        // Each hit's sum in room on the stack: `Array(repeating:count:)` looked its storage's type up at run time, about
        // 900 instructions a text with topics.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: hits.count) { values in
            values.initialize(repeating: 0)
            addContributions(of: sentiment, to: values, hits: hits, text: text, keeping: keep)
            var analyses: [TopicAnalysis] = []
            swap(&analyses, &room)
            analyses.reserveCapacity(hits.count)
            for index in hits.indices where keep(hits[index].topic) {
                let hit = hits[index]
                analyses.append(TopicAnalysis(topic: taxonomy.topics[hit.topic], sentence: hit.sentence, evidence: hit.evidence,
                                              value: (values[index] * 1000).rounded() / 1000,
                                              label: SentimentScore.label(for: SentimentScore.compound(sum: values[index]))))
            }
            return analyses
        }
    }

    /// Adds each contribution's value to the hits it goes to (see the type's comment), in `values` by hit.
    static func addContributions(of sentiment: SentimentAnalysis, to values: UnsafeMutableBufferPointer<Double>, hits: [TopicHit], text: NormalizedText,
                                 keeping keep: (_ topic: Int) -> Bool) {
        // All evidence in one array, by sentence and then where it starts: a long text must not cost each
        // contribution a walk over every sentence and every piece of evidence, and a table per sentence cost an
        // array per sentence of every text.
        // The working arrays are this thread's, moved out of its room for the text and back at the end (see `Room`).
        let room = Self.room.value
        var entries: [Evidence] = [], cuts: [Int] = [], best: [Int] = []
        swap(&entries, &room.entries)
        swap(&cuts, &room.cuts)
        swap(&best, &room.best)
        defer {
            swap(&entries, &room.entries)
            swap(&cuts, &room.cuts)
            swap(&best, &room.best)
        }
        entries.empty()
        // Room for all of it made at once (counted first): grown as it came, it cost an allocation at each doubling.
        entries.reserveCapacity(hits.reduce(0) { $0 + $1.evidence.count })
        // By index: iterating copied each hit (retaining its evidence).
        for index in hits.indices where text.sentences.indices.contains(hits[index].sentence) && keep(hits[index].topic) {
            let sentence = hits[index].sentence
            // By index too: `for range in` copied the hit's evidence out (a retain and a release a hit).
            for piece in hits[index].evidence.indices {
                entries.append(Evidence(range: hits[index].evidence[piece], hit: index, sentence: sentence))
            }
        }
        entries.sort { ($0.sentence, $0.range.lowerBound, $0.hit) < ($1.sentence, $1.range.lowerBound, $1.hit) }
        // The sentence last read (contributions come in text order): its evidence, the longest piece of it, and its
        // cut positions, found only for sentences with evidence.
        var current = -1
        var evidence = 0..<0
        var longest = 0
        // The sentence's tokens whose cuts were looked for (see `itemSpan`), to look again if a contribution lies past them.
        var covered = 0...0
        // The evidence and the contributions read through buffers: a slice of the evidence per contribution, and reading a
        // contribution in its array, retained and released the arrays (about two releases a contribution).
        entries.withUnsafeBufferPointer { entries in sentiment.contributions.withUnsafeBufferPointer { contributions in
        for contributionIndex in contributions.indices {
            let position = contributions[contributionIndex].tokens.lowerBound
            guard let sentence = Self.sentence(containing: position, text.sentences) else { continue }
            let range = text.sentences[sentence].tokens
            if sentence != current || !covered.contains(position) {
                current = sentence
                let start = entries.partitioningIndex { $0.sentence >= sentence }
                evidence = start..<entries[start...].partitioningIndex { $0.sentence > sentence }
                covered = range.lowerBound...range.upperBound
                guard !evidence.isEmpty else { continue }  // no topic for the contribution to go to
                longest = 0
                for index in evidence { longest = max(longest, entries[index].range.count) }
                covered = itemSpan(UnsafeBufferPointer(rebasing: entries[evidence]), contributions, from: contributionIndex, in: range)
                cutPositions(in: range, text, into: &cuts, lookingAt: covered.lowerBound + 1..<covered.upperBound + 1)
            }
            guard !evidence.isEmpty else { continue }
            let cutBefore = cuts.partitioningIndex { $0 > position }
            let part = (cutBefore > 0 ? cuts[cutBefore - 1] : range.lowerBound)..<(cutBefore < cuts.count ? cuts[cutBefore] : range.upperBound)
            // The evidence that starts in the part, and the first of it that starts after the contribution.
            let pieces = UnsafeBufferPointer(rebasing: entries[evidence])
            let first = pieces.partitioningIndex { $0.range.lowerBound >= part.lowerBound }
            let end = pieces.partitioningIndex { $0.range.lowerBound >= part.upperBound }
            let after = max(first, min(end, pieces.partitioningIndex { $0.range.lowerBound > position }))
            // Distance to evidence after: its start minus the contribution's end (negative when they overlap),
            // least for the evidence that starts first. Before: zero when it covers the contribution's start,
            // else the gap; evidence is at most `longest` long, so the walk back stops once none can be nearer.
            var bestDistance = Int.max
            best.empty()
            func consider(_ distance: Int, _ hit: Int, _ best: inout [Int]) {
                if distance < bestDistance {
                    bestDistance = distance
                    best.empty()
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
                consider(pieces[next].range.lowerBound - contributions[contributionIndex].tokens.upperBound, pieces[next].hit, &best)
                next += 1
            }
            for hit in best { values[hit] += contributions[contributionIndex].value }
        }
        } }
    }

    /// From the first to the last of the sentence's evidence starts and of the positions of the contributions in it from
    /// `first` on (those that follow it in the sentence: contributions come in text order). Only a cut after the first of
    /// these and at or before the last changes which evidence a contribution's part holds: one at or before them all, or
    /// after them all, leaves every evidence start and every contribution on the same side of it. Most sentences with a
    /// topic hold it and an opinion word a few tokens apart, so the rest of the sentence is not read for cuts (each
    /// token's key read and tested, about 45 instructions).
    static func itemSpan(_ evidence: UnsafeBufferPointer<Evidence>, _ contributions: UnsafeBufferPointer<Contribution>, from first: Int,
                         in sentence: Range<Int>) -> ClosedRange<Int> {
        // The evidence is sorted by start.
        var low = evidence[0].range.lowerBound, high = evidence[evidence.count - 1].range.lowerBound
        var index = first
        while index < contributions.count, sentence.contains(contributions[index].tokens.lowerBound) {
            low = min(low, contributions[index].tokens.lowerBound)
            high = max(high, contributions[index].tokens.lowerBound)
            index += 1
        }
        return low...high
    }

    /// Working arrays kept per thread from text to text, emptied with their room kept: made for each text, the evidence,
    /// a sentence's cut positions and the nearest hits cost up to three allocations and frees a text with topics.
    final class Room {
        var entries: [Evidence] = []
        var cuts: [Int] = []
        var best: [Int] = []
    }

    static let room = ThreadLocal { Room() }

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
        cutPositions(in: sentence, text, into: &positions)
        return positions
    }

    /// The same into `positions`, emptied first; only the cuts that start in `lookingAt` (within the sentence; a two-word
    /// cut may end after it) when given.
    static func cutPositions(in sentence: Range<Int>, _ text: NormalizedText, into positions: inout [Int], lookingAt: Range<Int>? = nil) {
        positions.empty()
        // Each word passed on the marks kept with its spelling (`SpellingMarks`): its key was read and tested at each word.
        text.tokens.withUnsafeBufferPointer { tokens in
            for index in lookingAt?.clamped(to: sentence) ?? sentence {
                let marks = SpellingMarks.marks(tokens, index)
                if marks & SpellingMarks.cut != 0 { positions.append(index); continue }
                // The two-word cuts start with one of these (`sin embargo`, `no obstante`, `aun así`, `en cambio`): only
                // then, and when the next word has a second word's shape, is the pair built.
                if marks & SpellingMarks.cutPairFirst != 0, index + 1 < sentence.upperBound,
                   SpellingMarks.marks(tokens, index + 1) & SpellingMarks.cutPairSecond != 0,
                   cuts.contains(tokens[index].key + " " + tokens[index + 1].key) {
                    positions.append(index)
                }
            }
        }
    }

    /// Whether a token's key has one of `shapes`, read in place (its forms unretained).
    @inline(__always)
    static func hasShape(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, _ shapes: Shapes) -> Bool {
        Unmanaged.passUnretained(tokens[index].forms)._withUnsafeGuaranteedRef { forms in
            forms.key.firstUTF8Byte.map { shapes.contains(first: $0, count: forms.key.utf8.count) } ?? false
        }
    }
}

extension String {
    /// The first UTF-8 byte, or nil for an empty string. `utf8.first` is a call to the generic `Collection.first`
    /// (about 25 instructions, asked for every word of some sentences); the view's subscript is inlined.
    @inline(__always)
    var firstUTF8Byte: UInt8? {
        let utf8 = self.utf8
        return utf8.isEmpty ? nil : utf8[utf8.startIndex]
    }
}
