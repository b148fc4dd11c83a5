import Foundation
import EscuchaCore
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
    /// Each topic's rule, its terms numbered.
    private let compiled: [CompiledRule]
    /// Every term's keys and whether it is exact, by number.
    private let termKeys: [[String]]
    private let termExact: [Bool]
    /// First-word key → the terms starting with it; terms starting with the slot are tried everywhere.
    private let termsByFirstKey: [String: [Int]]
    private let slotFirstTerms: [Int]
    /// Term number → the topics whose rule uses it.
    private let topicsOfTerm: [[Int]]

    indirect enum CompiledRule: Sendable {
        case term(Int)
        case any([CompiledRule])
        case all([CompiledRule])
        case not(CompiledRule)
        case near(CompiledRule, CompiledRule, distance: Int)
    }

    public init(taxonomy: Taxonomy, normalizer: Normalizer, slot: String? = nil, slotWords: Set<String> = []) {
        self.taxonomy = taxonomy
        self.normalizer = normalizer
        self.slot = slot
        self.slotWords = slotWords
        var termKeys: [[String]] = []
        var termExact: [Bool] = []
        var numbers: [String: Int] = [:]
        var topicsOfTerm: [[Int]] = []
        func compile(_ rule: TopicRule, topic: Int) -> CompiledRule {
            switch rule {
            case .term(let words, let exact):
                let keys = words.map { Folding.key($0) }
                let signature = (exact ? "=" : "") + keys.joined(separator: " ")
                let number: Int
                if let existing = numbers[signature] { number = existing } else {
                    number = termKeys.count
                    numbers[signature] = number
                    termKeys.append(keys)
                    termExact.append(exact)
                    topicsOfTerm.append([])
                }
                if topicsOfTerm[number].last != topic { topicsOfTerm[number].append(topic) }
                return .term(number)
            case .any(let rules): return .any(rules.map { compile($0, topic: topic) })
            case .all(let rules): return .all(rules.map { compile($0, topic: topic) })
            case .not(let rule): return .not(compile(rule, topic: topic))
            case .near(let a, let b, let distance): return .near(compile(a, topic: topic), compile(b, topic: topic), distance: distance)
            }
        }
        compiled = taxonomy.topics.enumerated().map { compile($0.element.rule, topic: $0.offset) }
        var byFirst: [String: [Int]] = [:]
        var slotFirst: [Int] = []
        for (number, keys) in termKeys.enumerated() {
            if let slot, keys[0] == slot { slotFirst.append(number) } else { byFirst[keys[0], default: []].append(number) }
        }
        self.termKeys = termKeys
        self.termExact = termExact
        self.topicsOfTerm = topicsOfTerm
        termsByFirstKey = byFirst
        slotFirstTerms = slotFirst
    }

    /// A placeholder word in terms (`{n}`) that matches any number, or any of `slotWords`.
    let slot: String?
    let slotWords: Set<String>

    /// Keys of each surface, computed once per thread (the morphology behind them is the costly part).
    private let keyCache = ThreadLocal { IdentityTable<TokenForms, KeyList>() }

    final class KeyList {
        let keys: [String]
        init(_ keys: [String]) { self.keys = keys }
    }

    /// The terms a surface can start, per thread (a pointer lookup instead of hashing its keys again).
    private let startCache = ThreadLocal { IdentityTable<TokenForms, TermList>() }

    final class TermList {
        let terms: [Int]
        init(_ terms: [Int]) { self.terms = terms }
    }

    /// The keys of every token of a text; compute once and share between matchers.
    public func keys(of text: NormalizedText) -> [[String]] {
        let cache = keyCache.value
        return text.tokens.map { token in
            token.kind == .word || token.kind == .hashtag
                ? cache.value(for: token.forms) { KeyList(Self.keys(token, normalizer)) }.keys
                : [token.key]
        }
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

    public func match(_ text: NormalizedText, keys precomputed: [[String]]? = nil) -> [TopicHit] {
        var hits: [TopicHit] = []
        let tokenKeys = precomputed ?? keys(of: text)
        for (sentenceIndex, sentence) in text.sentences.enumerated() {
            // Every term found in the sentence, by number, in one pass over its words.
            var found: [Int: [Range<Int>]] = [:]
            let starts = startCache.value
            for position in sentence.tokens {
                let token = text.tokens[position]
                let terms: [Int]
                if token.kind == .word || token.kind == .hashtag {
                    terms = starts.value(for: token.forms) {
                        TermList(tokenKeys[position].flatMap { termsByFirstKey[$0] ?? [] })
                    }.terms
                } else {
                    terms = tokenKeys[position].flatMap { termsByFirstKey[$0] ?? [] }
                }
                for term in terms where matches(term, at: position, sentence, text, tokenKeys) {
                    found[term, default: []].append(position..<position + termKeys[term].count)
                }
                for term in slotFirstTerms where matches(term, at: position, sentence, text, tokenKeys) {
                    found[term, default: []].append(position..<position + termKeys[term].count)
                }
            }
            guard !found.isEmpty else { continue }
            var candidates = Set<Int>()
            for term in found.keys { candidates.formUnion(topicsOfTerm[term]) }
            var sentenceHits: [TopicHit] = []
            for topic in candidates.sorted() {
                if let evidence = evaluate(compiled[topic], found), !evidence.isEmpty {
                    sentenceHits.append(TopicHit(topic: topic, sentence: sentenceIndex, evidence: Self.distinct(evidence)))
                }
            }
            // The most specific topic wins where both speak of the same thing: `billing` (`la factura`) is
            // dropped where `billing.wrong_charge` (`me cobraron de más`) is found near it. Evidence of the
            // parent far from every child's is an aspect of its own (`la comida muy buena y con varios menús`).
            // The parent keeps the evidence of its own, if any.
            hits += sentenceHits.compactMap { hit in
                let id = taxonomy.topics[hit.topic].id
                let children = sentenceHits.filter { taxonomy.topics[$0.topic].id.hasPrefix(id + ".") }
                guard !children.isEmpty else { return hit }
                var own = hit
                own.evidence = hit.evidence.filter { range in
                    children.allSatisfy { child in child.evidence.allSatisfy { Self.gap(range, $0) > Self.sameAspectDistance } }
                }
                return own.evidence.isEmpty ? nil : own
            }
        }
        return hits
    }

    private func matches(_ term: Int, at start: Int, _ sentence: Sentence, _ text: NormalizedText, _ keys: [[String]]) -> Bool {
        let wanted = termKeys[term]
        guard start + wanted.count <= sentence.tokens.upperBound else { return false }
        for (offset, word) in wanted.enumerated() {
            let tokenKeys = keys[start + offset]
            if let slot, word == slot {
                if text.tokens[start + offset].kind == .number || slotWords.contains(tokenKeys[0]) { continue }
                return false
            }
            if termExact[term] ? tokenKeys.first != word : !tokenKeys.contains(word) { return false }
        }
        return true
    }

    /// Tokens between two evidence spans up to which a parent topic's evidence counts as part of its child's.
    static let sameAspectDistance = 3

    static func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.lowerBound < b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
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

    /// The evidence of a rule given the terms found in the sentence, or nil when the rule does not hold.
    func evaluate(_ rule: CompiledRule, _ found: [Int: [Range<Int>]]) -> [Range<Int>]? {
        switch rule {
        case .term(let number):
            return found[number]
        case .any(let rules):
            var evidence: [Range<Int>] = []
            var any = false
            for rule in rules {
                if let more = evaluate(rule, found) { evidence += more; any = true }
            }
            return any ? evidence : nil
        case .all(let rules):
            var evidence: [Range<Int>] = []
            for rule in rules {
                guard let more = evaluate(rule, found) else { return nil }
                evidence += more
            }
            return evidence
        case .not(let rule):
            return evaluate(rule, found) == nil ? [] : nil
        case .near(let left, let right, let distance):
            guard let a = evaluate(left, found), let b = evaluate(right, found) else { return nil }
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
