import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize

public enum EmotionKind: String, Sendable, CaseIterable {
    case anger, frustration, disappointment, worry, joy, trust, surprise
}

/// An emotion of a text: its strength (the sum of its words' weights) and the words.
public struct EmotionScore: Sendable, Equatable {
    public var emotion: EmotionKind
    public var strength: Double
    public var evidence: [Range<Int>]
}

/// Emotions from `lexicons/es/emotions.tsv` (`term	emotion	weight	note`), matched by lemma like topics;
/// a negated emotion word (`no estoy enfadado`) does not count.
public struct EmotionDetector: Sendable {
    public let matcher: TopicMatcher
    let entries: [(emotion: EmotionKind, weight: Double)]

    public init(directory: String, normalizer: Normalizer, vocabulary: TermVocabulary = TermVocabulary()) throws(LexiconError) {
        let table = try TSVTable.load("\(directory)/emotions.tsv", columns: ["term", "emotion", "weight", "note"], uniqueKey: false)
        var topics: [Topic] = []
        var entries: [(EmotionKind, Double)] = []
        // Keyed by the term and its emotion, not a string made of them (an interpolation per row), and sized once.
        var seen: Set<EntryKey> = []
        seen.reserveCapacity(table.rows.count)
        for row in table.rows {
            guard let emotion = EmotionKind(rawValue: row[1]) else {
                throw LexiconError(file: table.file, line: row.line,
                                   message: "unknown emotion '\(row[1])'; expected one of \(EmotionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let weight = row.decimal(2), weight > 0, weight <= 3 else {
                throw LexiconError(file: table.file, line: row.line, message: "the weight must be a number above 0 and at most 3, found '\(row[2])'")
            }
            guard seen.insert(EntryKey(term: row[0], emotion: emotion)).inserted else {
                throw LexiconError(file: table.file, line: row.line, message: "duplicate '\(row[0])' for \(row[1])")
            }
            let words = row[0].wordsSplitOnSpaces()
            topics.append(Topic(id: "e\(topics.count)", label: row[0], description: "", rule: .term(words: words, exact: false), pack: "emotions"))
            entries.append((emotion, weight))
        }
        self.entries = entries
        matcher = TopicMatcher(taxonomy: Taxonomy(topics: topics), normalizer: normalizer, vocabulary: vocabulary)
    }

    struct EntryKey: Hashable {
        var term: String
        var emotion: EmotionKind
    }

    /// `found`: `matcher`'s hits, found by a matcher that combines it with others (`TopicMatcher(combining:)`).
    public func detect(_ text: NormalizedText, found: [TopicHit]? = nil) -> [EmotionScore] {
        var room: [EmotionScore] = []
        return detect(text, found: found, room: &room)
    }

    /// The same, the list made in `room`: an empty list whose room is kept from an earlier result (`Analyzers.Room`).
    public func detect(_ text: NormalizedText, found: [TopicHit]?, room: inout [EmotionScore]) -> [EmotionScore] {
        let hits = found ?? matcher.match(text)
        if hits.isEmpty { return [] }
        // By the emotion's place in `allCases`: a dictionary of seven kinds hashed each of them at every hit. In room on
        // the stack: `Array(repeating:count:)` looked its storage's type up at run time (about 650 instructions a text).
        return withUnsafeTemporaryAllocation(of: EmotionScore?.self, capacity: EmotionKind.allCases.count) { scores in
            scores.initialize(repeating: nil)
            for hit in hits {
                // The hit's evidence itself where none of it is negated (nearly always), and an emotion's first evidence
                // taken as it is: filtered and appended to an empty list, each was a new array.
                let evidence = hit.evidence.contains { isNegated($0, text) } ? hit.evidence.filter { !isNegated($0, text) } : hit.evidence
                guard !evidence.isEmpty else { continue }
                let (emotion, weight) = entries[hit.topic]
                let index = EmotionKind.allCases.firstIndex(of: emotion)!
                if scores[index] == nil {
                    scores[index] = EmotionScore(emotion: emotion, strength: 0, evidence: evidence)
                } else {
                    scores[index]!.evidence += evidence
                }
                scores[index]!.strength += weight * Double(evidence.count)
            }
            // The scores moved out of the room, which is left uninitialized: copied out, each was retained, and the room
            // then destroyed through the generic `swift_arrayDestroy` (about 400 instructions a text).
            var found: [EmotionScore] = []
            swap(&found, &room)
            for index in scores.indices {
                if let score = scores.moveElement(from: index) { found.append(score) }
            }
            // Sorted in place, to keep the room (`sorted` is the same stable sort, on a copy).
            if found.count > 1 { found.sort { $0.strength > $1.strength } }
            return found
        }
    }

    /// Words that may stand between a negator and the emotion word (`no me siento`, `no estoy muy`).
    static let beforeNegated: WordSet = ["me", "te", "se", "nos", "estoy", "estamos", "estaba", "quedé", "quede", "siento", "muy"]

    func isNegated(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        // Read in place, each key unretained, and the word lists in locals (as `SignalDetector.isNegated`).
        let negators = SignalDetector.negators, beforeNegated = Self.beforeNegated
        return text.tokens.withUnsafeBufferPointer { tokens in
            var index = range.lowerBound - 1
            var steps = 0
            while index >= 0, steps < 3 {
                let key = Unmanaged.passUnretained(tokens[index].forms)._withUnsafeGuaranteedRef { $0.key }
                if negators.contains(key) { return true }
                guard beforeNegated.contains(key) else { return false }
                index -= 1
                steps += 1
            }
            return false
        }
    }
}
