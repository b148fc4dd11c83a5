import Foundation
import EscuchaTestSupport
import EscuchaLexicon
import EscuchaNormalize
@testable import EscuchaSentiment

let normalizer: Normalizer = try! Normalizer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
let key: @Sendable (String) -> String = { Folding.key(Folding.fold($0)) }

func table(_ name: String, _ columns: [String], _ rows: [String], uniqueKey: Bool = true) throws -> TSVTable {
    try TSVTable.parse(([columns.joined(separator: "\t")] + rows).joined(separator: "\n"), file: name, columns: columns, uniqueKey: uniqueKey)
}

/// A small lexicon with hand-chosen valences, so each rule's arithmetic can be checked by hand; the
/// modifiers are the real ones (their weights are part of the model).
let ruleAnalyzer: SentimentAnalyzer = {
    let adjectives = [
        "bueno\t2", "malo\t-2.5", "mal\t-2.5", "bien\t2", "excelente\t3.5", "amable\t2.5", "pésimo\t-3.5", "caro\t-1.5", "rico\t2.5",
        "lento\t-1.5", "genial\t3", "correcto\t1", "mejor\t2", "peor\t-2.5", "resuelto\t1.5", "perfecto\t3.5", "rápido\t1.5",
    ].map { $0 + "\tgeneral\tall\t" }
    let nouns = ["problema\t-1.5", "queja\t-1.5", "desastre\t-3"].map { $0 + "\tgeneral\tall\t" }
    let verbs = ["tardar\t-1", "gustar\t1.5", "funcionar\t1", "recomendar\t2", "encantar\t3"].map { $0 + "\tgeneral\tall\t" }
    let expressions = ["tomar el pelo\t-3", "de lujo\t3", "qué bien\t2"].map { $0 + "\tgeneral\tall\t" }
    let modifiers = try! TSVTable.load("\(repositoryRoot)/lexicons/es/sentiment/modifiers.tsv", columns: SentimentLexicon.modifierColumns, uniqueKey: false)
    let lexicon = try! SentimentLexicon(
        valence: [
            table("adjectives.tsv", SentimentLexicon.valenceColumns, adjectives),
            table("nouns.tsv", SentimentLexicon.valenceColumns, nouns),
            table("verbs.tsv", SentimentLexicon.valenceColumns, verbs),
            table("expressions.tsv", SentimentLexicon.valenceColumns, expressions),
        ],
        emoji: table("emoji.tsv", SentimentLexicon.emojiColumns, ["😡\t-3.5\tenraged face\t", "👏\t2\tclapping hands\t", "🙃\t-0.5\tupside-down face\t"]),
        emoticons: table("emoticons.tsv", SentimentLexicon.emoticonColumns, [":)\t1.5\t"]),
        modifiers: modifiers, key: key)
    var analyzer = SentimentAnalyzer(normalizer: normalizer, lexicon: lexicon)
    // The text-wide balance rules are tested on their own (BalanceTests), so that each rule's arithmetic
    // here is that rule's alone.
    analyzer.disabledRules = ["negativity", "repetition"]
    return analyzer
}()

let balancedAnalyzer: SentimentAnalyzer = {
    var analyzer = ruleAnalyzer
    analyzer.disabledRules = []
    return analyzer
}()

/// The contributions of a text as (words, value) pairs, values rounded to 3 decimals.
func values(_ text: String, _ analyzer: SentimentAnalyzer = ruleAnalyzer) -> [String: Double] {
    var out: [String: Double] = [:]
    for contribution in analyzer.analyze(text).contributions { out[contribution.text] = contribution.value }
    return out
}

func rules(_ text: String, _ words: String, _ analyzer: SentimentAnalyzer = ruleAnalyzer) -> [String] {
    analyzer.analyze(text).contributions.first { $0.text == words }?.rules.map(\.rule) ?? []
}

let fullAnalyzer: SentimentAnalyzer = try! SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
