import EscuchaNormalize

/// Where a topic was found: the topic and the token ranges that are its evidence.
public struct TopicHit: Sendable, Equatable {
    public var topic: Int
    /// Index of the sentence in `NormalizedText.sentences`.
    public var sentence: Int
    /// Token ranges of the words that matched (empty for a rule made only of exclusions).
    public var evidence: [Range<Int>]
}

/// Finds the topics of each sentence of a normalized text. Terms are indexed by their first word's key,
/// so a sentence is only checked against the topics one of its words can start.
public struct TopicMatcher: Sendable {
    public let taxonomy: Taxonomy
    let normalizer: Normalizer
    /// First-word key → topics with a term starting with it.
    private let index: [String: [Int]]
    /// A placeholder word in terms (`{n}`) that matches any number, or any of `slotWords`.
    let slot: String?
    let slotWords: Set<String>

    public init(taxonomy: Taxonomy, normalizer: Normalizer, slot: String? = nil, slotWords: Set<String> = []) {
        self.taxonomy = taxonomy
        self.normalizer = normalizer
        self.slot = slot
        self.slotWords = slotWords
        var index: [String: [Int]] = [:]
        for (topic, entry) in taxonomy.topics.enumerated() {
            for term in entry.rule.terms {
                let key = Folding.key(term.words[0])
                if index[key]?.last != topic { index[key, default: []].append(topic) }
            }
        }
        self.index = index
    }

    /// The keys a token answers to: its spelling, its lemma, and the infinitives it may conjugate.
    static func keys(_ token: Token, _ normalizer: Normalizer) -> [String] {
        var keys = [token.key]
        let lemma = Folding.key(token.lemma)
        if lemma != token.key { keys.append(lemma) }
        if token.kind == .word, !token.normalized.contains(" ") {
            for (candidate, rule) in normalizer.lemmaCandidates(of: token.normalized)
            where rule == "conjugation" || rule == "irregular" || rule == "enclitic" || rule == "participle" || rule == "number" {
                let key = Folding.key(candidate)
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }

    public func match(_ text: NormalizedText) -> [TopicHit] {
        var hits: [TopicHit] = []
        let tokenKeys = text.tokens.map { $0.kind == .word || $0.kind == .hashtag ? Self.keys($0, normalizer) : [$0.key] }
        for (sentenceIndex, sentence) in text.sentences.enumerated() {
            var candidates: [Int] = []
            for position in sentence.tokens {
                for key in tokenKeys[position] {
                    for topic in index[key] ?? [] where !candidates.contains(topic) { candidates.append(topic) }
                }
            }
            var sentenceHits: [TopicHit] = []
            for topic in candidates.sorted() {
                if let evidence = evaluate(taxonomy.topics[topic].rule, in: sentence.tokens, text, tokenKeys), !evidence.isEmpty {
                    sentenceHits.append(TopicHit(topic: topic, sentence: sentenceIndex, evidence: Self.distinct(evidence)))
                }
            }
            // The most specific topic wins: `billing` is dropped where `billing.wrong_charge` is found.
            let ids = sentenceHits.map { taxonomy.topics[$0.topic].id }
            hits += sentenceHits.filter { hit in
                let id = taxonomy.topics[hit.topic].id
                return !ids.contains { $0.hasPrefix(id + ".") }
            }
        }
        return hits
    }

    /// Evidence without repeats or spans inside longer ones (`me doy de baja` holds `doy de baja`), in text order.
    static func distinct(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = Set(ranges).sorted { ($0.lowerBound, -$0.count) < ($1.lowerBound, -$1.count) }
        var out: [Range<Int>] = []
        for range in sorted where !out.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
            out.append(range)
        }
        return out
    }

    /// The evidence of a rule in a token range, or nil when the rule does not hold there.
    func evaluate(_ rule: TopicRule, in range: Range<Int>, _ text: NormalizedText, _ keys: [[String]]) -> [Range<Int>]? {
        switch rule {
        case .term(let words, let exact):
            let wanted = words.map { Folding.key($0) }
            var found: [Range<Int>] = []
            var start = range.lowerBound
            while start + wanted.count <= range.upperBound {
                var matched = true
                for (offset, word) in wanted.enumerated() {
                    let tokenKeys = keys[start + offset]
                    if let slot, word == slot {
                        if text.tokens[start + offset].kind == .number || slotWords.contains(tokenKeys[0]) { continue }
                        matched = false
                        break
                    }
                    if exact ? tokenKeys.first != word : !tokenKeys.contains(word) { matched = false; break }
                }
                if matched { found.append(start..<start + wanted.count) }
                start += 1
            }
            return found.isEmpty ? nil : found
        case .any(let rules):
            let found = rules.compactMap { evaluate($0, in: range, text, keys) }
            return found.isEmpty ? nil : found.flatMap { $0 }
        case .all(let rules):
            var found: [Range<Int>] = []
            for rule in rules {
                guard let evidence = evaluate(rule, in: range, text, keys) else { return nil }
                found += evidence
            }
            return found
        case .not(let rule):
            return evaluate(rule, in: range, text, keys) == nil ? [] : nil
        case .near(let left, let right, let distance):
            guard let a = evaluate(left, in: range, text, keys), let b = evaluate(right, in: range, text, keys) else { return nil }
            var best: (Range<Int>, Range<Int>, Int)?
            for x in a {
                for y in b {
                    let gap = x.lowerBound < y.lowerBound ? y.lowerBound - x.upperBound : x.lowerBound - y.upperBound
                    if gap <= distance, gap < (best?.2 ?? Int.max) { best = (x, y, gap) }
                }
            }
            return best.map { [$0.0, $0.1] }
        }
    }
}
