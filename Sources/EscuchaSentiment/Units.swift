import EscuchaNormalize

/// A token, or a run of tokens read together (an expression, a multiword modifier), as the rules see it.
struct Unit {
    var tokens: Range<Int>
    /// The lexicon entry this unit expresses, if it is an opinion.
    var opinion: OpinionLookup.Found?
    /// What the unit does to others: boosters, negators, contrast words… with their weights.
    var modifiers: [ModifierKind: Double] = [:]
    /// Punctuation that ends a clause, or a word that does.
    var breaksClause = false
    var questionMarks = 0
    var exclamationMarks = 0
    /// The words as folded, for cues in explanations and for the rules that look at particular words.
    var key: String
    var isWord: Bool
    /// Emoji and emoticons, which may form a sentence of their own.
    var isSymbolic = false

    func has(_ kind: ModifierKind) -> Bool { modifiers[kind] != nil }
}

/// Reads a normalized text into units: longest phrase first, then single words, emoji and marks.
struct UnitReader {
    let lexicon: SentimentLexicon
    let lookup: OpinionLookup
    let cache: OpinionCache

    static let clausePunctuation: Set<UInt8> = Set(",;:.!?()[]\"".utf8)

    func read(_ text: NormalizedText, tokens range: Range<Int>) -> [Unit] {
        var units: [Unit] = []
        var index = range.lowerBound
        let tokens = text.tokens
        while index < range.upperBound {
            let token = tokens[index]
            switch token.kind {
            case .word:
                if let unit = phrase(at: index, in: text, end: range.upperBound) {
                    units.append(unit)
                    index = unit.tokens.upperBound
                    continue
                }
                units.append(word(token, at: index))
            case .hashtag:
                units.append(hashtag(token, at: index))
            case .emoji:
                var unit = Unit(tokens: index..<index + 1, key: token.key, isWord: false, isSymbolic: true)
                if let entry = lexicon.emoji[token.key] { unit.opinion = .init(entry: entry, match: "emoji", intensity: []) }
                if let cues = lexicon.modifiers[token.key] { unit.modifiers = cues }
                units.append(unit)
            case .emoticon:
                var unit = Unit(tokens: index..<index + 1, key: token.surface, isWord: false, isSymbolic: true)
                if let entry = lexicon.emoticons[token.surface] ?? lexicon.emoticons[token.surface.lowercased()] {
                    unit.opinion = .init(entry: entry, match: "emoticon", intensity: [])
                }
                if let cues = lexicon.modifiers[token.surface] { unit.modifiers = cues }
                units.append(unit)
            case .laughter:
                var unit = Unit(tokens: index..<index + 1, key: token.key, isWord: false)
                if lexicon.laughterValence != 0 {
                    unit.opinion = .init(entry: ValenceEntry(term: "jaja", valence: lexicon.laughterValence, list: "modifiers", line: 0),
                                         match: "laughter", intensity: [])
                }
                units.append(unit)
            case .punctuation:
                var unit = Unit(tokens: index..<index + 1, key: token.surface, isWord: false)
                for byte in token.surface.utf8 {
                    if Self.clausePunctuation.contains(byte) { unit.breaksClause = true }
                    if byte == UInt8(ascii: "?") { unit.questionMarks += 1 }
                    if byte == UInt8(ascii: "!") { unit.exclamationMarks += 1 }
                }
                // ¿ ¡ … — – open or end a clause too.
                if token.surface.hasPrefix("¿") || token.surface.hasPrefix("¡") || token.surface.hasPrefix("…")
                    || token.surface.hasPrefix("—") || token.surface.hasPrefix("–") {
                    unit.breaksClause = true
                    if token.surface.hasPrefix("¿") { unit.questionMarks += 1 }
                }
                units.append(unit)
            default:
                // Mentions, links, numbers, personal data: no opinion, but they separate words.
                units.append(Unit(tokens: index..<index + 1, key: "", isWord: false))
            }
            index += 1
        }
        return units
    }

    private func word(_ token: Token, at index: Int) -> Unit {
        var unit = Unit(tokens: index..<index + 1, key: token.key, isWord: true)
        unit.opinion = cache.find(token.forms, lookup)
        if let cues = modifiers(token) {
            unit.modifiers = cues
            if cues[.boundary] != nil { unit.breaksClause = true }
            if cues[.neutral] != nil { unit.opinion = nil }
        }
        // Owed actions are listed as infinitives: `llegó`, `contestan` find `llegar`, `contestar`.
        if let weight = cache.expected(token.forms, lexicon: lexicon, normalizer: lookup.normalizer) {
            unit.modifiers[.expected] = weight
        }
        return unit
    }

    /// Modifiers by spelling, or by key when the modifier's spelling has accents the customer left out.
    private func modifiers(_ token: Token) -> [ModifierKind: Double]? {
        if let cues = lexicon.modifiers[token.normalized] { return cues }
        if token.key != token.normalized { return nil }
        return lexicon.modifiersByKey[token.key]
    }

    /// The longest expression or modifier phrase starting at `index`, over consecutive word tokens;
    /// each word matches by spelling, key or lemma.
    private func phrase(at index: Int, in text: NormalizedText, end: Int) -> Unit? {
        let first = text.tokens[index]
        var candidates = lexicon.phrases.byFirstWord[first.key] ?? []
        let lemmaKey = Folding.key(first.lemma)
        if lemmaKey != first.key, let more = lexicon.phrases.byFirstWord[lemmaKey] { candidates += more }
        // `merece la pena` starts `merecer la pena`: expressions list their verb in the infinitive.
        for infinitive in cache.infinitives(first.forms, lookup.normalizer) where infinitive != lemmaKey && infinitive != first.key {
            if let more = lexicon.phrases.byFirstWord[Folding.key(infinitive)] { candidates += more }
        }
        guard !candidates.isEmpty else { return nil }
        var best: (length: Int, payloads: [PhraseIndex.Payload])?
        for phrase in candidates {
            let length = phrase.words.count
            if let best, best.length > length { continue }
            guard index + length <= end else { continue }
            var matched = true
            for (offset, word) in phrase.words.enumerated() {
                let token = text.tokens[index + offset]
                // Scores written in digits are words of a phrase too (`un 10`).
                if token.kind == .number, token.surface == word { continue }
                guard token.kind == .word, Self.matches(word, token) || isInfinitive(word) && cache.infinitives(token.forms, lookup.normalizer).contains(word)
                else { matched = false; break }
            }
            guard matched else { continue }
            if let current = best, current.length == length {
                best = (length, current.payloads + [phrase.payload])
            } else {
                best = (length, [phrase.payload])
            }
        }
        guard let best else { return nil }
        // A neutral phrase (`buenos días`, `a lo mejor`) wins over an expression of its own length.
        let payloads = best.payloads.contains(.modifier(.neutral, 1)) ? best.payloads.filter { if case .expression = $0 { return false }; return true } : best.payloads
        let range = index..<index + best.length
        var unit = Unit(tokens: range, key: text.tokens[range].map(\.key).joined(separator: " "), isWord: true)
        for payload in payloads {
            switch payload {
            case .expression(let entry):
                unit.opinion = .init(entry: entry, match: "expression", intensity: [])
                // `no funciona bien`: an expression that opens with a negator negates what follows it too.
                if let negator = lexicon.modifiers[text.tokens[index].normalized]?[.negator] { unit.modifiers[.negator] = negator }
                if let concord = lexicon.modifiers[text.tokens[index].normalized]?[.concord] { unit.modifiers[.concord] = concord }
            case .modifier(let kind, let weight):
                unit.modifiers[kind] = weight
                if kind == .boundary { unit.breaksClause = true }
            }
        }
        return unit
    }

    private func isInfinitive(_ word: String) -> Bool { word.hasSuffix("ar") || word.hasSuffix("er") || word.hasSuffix("ir") }

    /// A phrase word matches a token by spelling or lemma; by key only when the phrase word has accents
    /// the customer may have left out (so `si` does not match `sí`).
    static func matches(_ word: String, _ token: Token) -> Bool {
        if token.normalized == word || token.folded == word { return true }
        // Lemmas match inflection (`tomaron` for `tomar`), not derivation: `perito` is not `pero`.
        let derived = token.steps.contains { $0 == "diminutive" || $0 == "augmentative" }
        if !derived, token.lemma == word { return true }
        let wordKey = Folding.key(word)
        guard wordKey != word else { return false }
        return token.key == wordKey || !derived && Folding.key(token.lemma) == wordKey
    }

    /// A hashtag's opinion is that of its words (`#PésimoServicio` is `pésimo`), with a negation inside it
    /// (`#NuncaMás`, `#NoRecomiendo`) applied.
    private func hashtag(_ token: Token, at index: Int) -> Unit {
        var unit = Unit(tokens: index..<index + 1, key: token.key, isWord: false)
        let segments = token.segments
        guard !segments.isEmpty else { return unit }
        if segments.count > 1, let phrases = lexicon.phrases.byFirstWord[Folding.key(segments[0])] {
            for phrase in phrases where phrase.words.count == segments.count
                && zip(phrase.words, segments).allSatisfy({ Folding.key($0) == Folding.key($1) }) {
                if case .expression(let entry) = phrase.payload {
                    unit.opinion = .init(entry: entry, match: "hashtag", intensity: [])
                    return unit
                }
            }
        }
        var total = 0.0
        var negated = false
        var terms: [String] = []
        for segment in segments {
            let key = Folding.key(segment)
            if lexicon.modifiers[segment]?[.negator] != nil || lexicon.modifiersByKey[key]?[.negator] != nil {
                negated = true
                continue
            }
            if let found = lookup.entry(for: segment) {
                total += negated ? Negation.shifted(found.valence, weight: 1) : found.valence
                terms.append(found.term)
            }
        }
        if total != 0 {
            let entry = ValenceEntry(term: (negated ? "no " : "") + terms.joined(separator: " "), valence: total, list: "hashtag", line: 0)
            unit.opinion = .init(entry: entry, match: "hashtag", intensity: [])
        }
        return unit
    }
}

/// Opinion lookups remembered per thread by the token's shared forms (a surface is analysed once).
final class OpinionCache: @unchecked Sendable {
    private var found: [ObjectIdentifier: (forms: TokenForms, result: OpinionLookup.Found?)] = [:]
    private var owed: [ObjectIdentifier: (forms: TokenForms, weight: Double?)] = [:]

    private var verbs: [ObjectIdentifier: (forms: TokenForms, infinitives: [String])] = [:]

    /// Infinitives a word form may conjugate (`merece` → `merecer`), for expressions written with their
    /// verb in the infinitive: the token's lemma settles on the vocabulary's reading, which for a form the
    /// vocabulary lists is the form itself.
    func infinitives(_ forms: TokenForms, _ normalizer: Normalizer) -> [String] {
        let id = ObjectIdentifier(forms)
        if let hit = verbs[id] { return hit.infinitives }
        var out: [String] = []
        if !forms.normalized.contains(" ") {
            for (candidate, rule) in normalizer.lemmaCandidates(of: forms.normalized)
            where rule == "conjugation" || rule == "enclitic" || rule == "irregular" {
                out.append(candidate)
            }
        }
        if verbs.count >= Self.limit { verbs.removeAll(keepingCapacity: true) }
        verbs[id] = (forms, out)
        return out
    }

    /// The weight of an owed action (`llegar`) that a word form conjugates, if any.
    func expected(_ forms: TokenForms, lexicon: SentimentLexicon, normalizer: Normalizer) -> Double? {
        let id = ObjectIdentifier(forms)
        if let hit = owed[id] { return hit.weight }
        var weight = lexicon.modifiers[forms.lemma]?[.expected]
        if weight == nil, !forms.normalized.contains(" ") {
            for (candidate, rule) in normalizer.lemmaCandidates(of: forms.normalized) where rule == "conjugation" || rule == "enclitic" || rule == "irregular" {
                if let listed = lexicon.modifiers[candidate]?[.expected] { weight = listed; break }
            }
        }
        if owed.count >= Self.limit { owed.removeAll(keepingCapacity: true) }
        owed[id] = (forms, weight)
        return weight
    }
    static let limit = 200_000

    func find(_ forms: TokenForms, _ lookup: OpinionLookup) -> OpinionLookup.Found? {
        let id = ObjectIdentifier(forms)
        if let hit = found[id] { return hit.result }
        let result = lookup.find(forms)
        if found.count >= Self.limit { found.removeAll(keepingCapacity: true) }
        // The forms are kept alive with the entry, so the identifier cannot be reused by another object.
        found[id] = (forms, result)
        return result
    }
}
