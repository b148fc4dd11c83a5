import EscuchaTestSupport
import Testing
import EscuchaNormalize
@testable import EscuchaTopics

/// Terms of several words are found by a pair of their adjacent words, looked for from its rarer word: at a later word
/// than the first, and from the pair's second word with the token before. The matcher must find exactly the terms a
/// plain search finds, at a sentence's first and last words too.
@Suite("Terms found by their rarest pair")
struct PairTests {
    /// Common words (`la`, `de`, `no`), content words, verbs matched by lemma, and numbers for the slot.
    static let pool = ["la", "de", "no", "me", "el", "que", "un", "dos", "3", "factura", "facturas", "cobro", "luz",
                       "pagar", "pagué", "paga", "tarde", "llegó", "llegar", "servicio", "atención", "cliente", "horas"]

    /// Each topic's evidence by a plain search: every term tried at every token of each sentence.
    static func expected(_ topics: [[TopicRule]], _ text: NormalizedText, slotWords: Set<String>) -> [TopicHit] {
        var hits: [TopicHit] = []
        for (sentenceIndex, sentence) in text.sentences.enumerated() {
            for (topic, terms) in topics.enumerated() {
                var evidence: [Range<Int>] = []
                for case .term(let words, let exact) in terms {
                    let keys = words.map { Folding.key($0) }
                    for start in sentence.tokens where start + keys.count <= sentence.tokens.upperBound {
                        let matches = keys.indices.allSatisfy { offset in
                            let token = text.tokens[start + offset]
                            if keys[offset] == "{n}" { return token.kind == .number || slotWords.contains(token.key) }
                            return exact ? token.key == keys[offset]
                                : TopicMatcher.matchKeys(token, analyzer.normalizer).contains(keys[offset])
                        }
                        if matches { evidence.append(start..<start + keys.count) }
                    }
                }
                if !evidence.isEmpty { hits.append(TopicHit(topic: topic, sentence: sentenceIndex, evidence: TopicMatcher.distinct(evidence))) }
            }
        }
        return hits
    }

    @Test("random terms and texts: the matcher's hits are the plain search's, in the same order")
    func agreesWithAPlainSearch() {
        var generator = SplitMix(seed: 20261124)  // seeded: a failure can be replayed
        for _ in 0..<60 {
            let topics = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ -> TopicRule in
                    var words = (0..<Int.random(in: 1...4, using: &generator)).map { _ in Self.pool.randomElement(using: &generator)! }
                    if words.count > 1, Int.random(in: 0..<6, using: &generator) == 0 { words[Int.random(in: 0..<words.count, using: &generator)] = "{n}" }
                    return .term(words: words, exact: Int.random(in: 0..<5, using: &generator) == 0)
                }
            }
            let taxonomy = Taxonomy(topics: topics.enumerated().map {
                Topic(id: "t\($0.offset)", label: "t", description: "", rule: .any($0.element), pack: "test")
            })
            let slotWords: Set<String> = ["dos"]
            let matcher = TopicMatcher(taxonomy: taxonomy, normalizer: analyzer.normalizer, slot: "{n}", slotWords: slotWords)
            for _ in 0..<20 {
                let text = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                    (0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.pool.randomElement(using: &generator)! }.joined(separator: " ")
                }.joined(separator: ". ")
                let normalized = analyzer.normalizer.normalize(text)
                #expect(matcher.match(normalized) == Self.expected(topics, normalized, slotWords: slotWords), "\(text) \(topics)")
            }
        }
    }

    @Test("a matcher built after texts were read, with words known already, finds terms at the tokens it alone leads to")
    func leadsMarkedAfterReading() {
        func taxonomy(_ terms: [[String]]) -> Taxonomy {
            Taxonomy(topics: [Topic(id: "t", label: "t", description: "", rule: .any(terms.map { .term(words: $0, exact: false) }), pack: "test")])
        }
        let vocabulary = TermVocabulary()
        let first = TopicMatcher(taxonomy: taxonomy([["la", "factura"]]), normalizer: analyzer.normalizer, vocabulary: vocabulary)
        let text = analyzer.normalizer.normalize("Pagué la factura")
        #expect(first.match(text).map(\.evidence) == [[1..<3]])
        // `la` leads no walk of the first matcher; the second's finds it alone.
        let second = TopicMatcher(taxonomy: taxonomy([["la"]]), normalizer: analyzer.normalizer, vocabulary: vocabulary)
        #expect(second.match(analyzer.normalizer.normalize("Pagué la factura")).map(\.evidence) == [[1..<2]])
        #expect(first.match(text).map(\.evidence) == [[1..<3]])
    }
}
