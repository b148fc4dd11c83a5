import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// What a complaint team acts on, found in a text with its evidence: intent to leave, legal threats,
/// effort, urgency, repeat contact, recommendation, praise of staff.
public enum SignalKind: String, Sendable, CaseIterable {
    case churn, legal, effort, urgency
    case repeatContact = "repeat_contact"
    case recommend
    case notRecommend = "not_recommend"
    case staffPraise = "staff_praise"
}

public struct SignalHit: Sendable, Equatable {
    public var signal: SignalKind
    public var sentence: Int
    public var evidence: [Range<Int>]
}

/// Signals from `lexicons/es/signals/signals.tsv` (`signal	term	match	note`; match `lemma`, `exact`, or
/// `pattern`, a phrase whose `{n}` stands for a number: `llamar {n} veces`).
///
/// A signal is not raised when the writer negates it right before (`no pienso darme de baja`, `no voy a
/// denunciar`): a negator, with only pronouns and intent verbs between it and the evidence, cancels it.
/// A negator inside the term (`no lo recomiendo`) is part of the evidence and cancels nothing. Praise of
/// staff counts only in a sentence whose sentiment is positive.
public struct SignalDetector: Sendable {
    let matcher: TopicMatcher
    let kinds: [SignalKind]

    public static let numberWords: Set<String> = ["un", "una", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
                                                  "diez", "once", "doce", "quince", "veinte", "treinta", "cien", "mil", "varias", "varios",
                                                  "muchas", "muchos", "mil", "tantas", "tantos", "enésima", "tercera", "cuarta", "quinta"]
    static let between: Set<String> = ["me", "te", "se", "nos", "os", "lo", "la", "le", "les", "los", "las", "pienso", "pensamos",
                                       "voy", "vamos", "a", "quiero", "queremos", "tengo", "intención", "de", "ni", "siquiera"]
    static let negators: Set<String> = ["no", "nunca", "jamas", "tampoco", "ni"]

    public init(directory: String, normalizer: Normalizer) throws(LexiconError) {
        let table = try TSVTable.load("\(directory)/signals/signals.tsv", columns: ["signal", "term", "match", "note"], uniqueKey: false)
        var rules: [SignalKind: [TopicRule]] = [:]
        for row in table.rows {
            guard let kind = SignalKind(rawValue: row.fields[0]) else {
                throw LexiconError(file: table.file, line: row.line,
                                   message: "unknown signal '\(row.fields[0])'; expected one of \(SignalKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let words = row.fields[1].split(separator: " ").map(String.init)
            guard !words.isEmpty else { throw LexiconError(file: table.file, line: row.line, message: "the term is empty") }
            switch row.fields[2] {
            case "lemma", "pattern": rules[kind, default: []].append(.term(words: words, exact: false))
            case "exact": rules[kind, default: []].append(.term(words: words, exact: true))
            default: throw LexiconError(file: table.file, line: row.line, message: "match must be lemma, exact or pattern, found '\(row.fields[2])'")
            }
        }
        kinds = SignalKind.allCases.filter { rules[$0] != nil }
        let topics = kinds.map { Topic(id: $0.rawValue, label: $0.rawValue, description: "", rule: .any(rules[$0]!), pack: "signals") }
        matcher = TopicMatcher(taxonomy: Taxonomy(topics: topics), normalizer: normalizer, slot: "{n}", slotWords: Self.numberWords)
    }

    public func detect(_ text: NormalizedText, sentiment: SentimentAnalysis) -> [SignalHit] {
        var out: [SignalHit] = []
        for hit in matcher.match(text) {
            let kind = kinds[hit.topic]
            let evidence = hit.evidence.filter { !isNegated($0, text) }
            guard !evidence.isEmpty else { continue }
            if kind == .staffPraise, sentiment.sentences[hit.sentence].score.label != .pos { continue }
            out.append(SignalHit(signal: kind, sentence: hit.sentence, evidence: evidence))
        }
        return out
    }

    func isNegated(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        if Self.negators.contains(text.tokens[range.lowerBound].key) { return false }  // the term carries its negation
        var index = range.lowerBound - 1
        var steps = 0
        while index >= 0, steps < 5 {
            let key = text.tokens[index].key
            if Self.negators.contains(key) { return true }
            guard Self.between.contains(key) || text.tokens[index].kind != .word && text.tokens[index].kind != .punctuation else { return false }
            index -= 1
            steps += 1
        }
        return false
    }
}
