import ArgumentParser
import Foundation
import EscuchaSentiment

/// `escucha explain "texto"`: the score of one text, with each word's part in it, for a person.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain the sentiment of one text: which words and rules produced the score.")

    @Argument(help: "The text to explain (quote it).")
    var text: String

    @Option(help: "The lexicon folder (default: lexicons/es of this checkout, or $ESCUCHA_LEXICONS).")
    var lexicons: String?

    func run() throws {
        let analyzer = try LexiconOptions.analyzer(lexicons)
        print(SentimentExplanation.render(text, analyzer.analyze(text)))
    }
}

enum SentimentExplanation {
    static func render(_ text: String, _ analysis: SentimentAnalysis) -> String {
        let score = analysis.score
        var out = "\(text)\n\n"
        out += "sentiment: \(score.label.rawValue)  compound \(signed(score.compound, 3))"
        out += "  (positive \(percent(score.positive)) · neutral \(percent(score.neutral)) · negative \(percent(score.negative)))\n"
        out += "labels: pos from \(signed(SentimentScore.positiveThreshold, 2)), neg from \(signed(SentimentScore.negativeThreshold, 2))\n\n"
        if analysis.contributions.isEmpty {
            out += "No word of this text is in the sentiment lexicon: it scores 0.\n"
        } else {
            var rows: [[String]] = [["words", "entry", "list", "match", "valence", "rules", "value", "bytes"]]
            for contribution in analysis.contributions {
                let rules = contribution.rules.map { rule in
                    "\(rule.rule)\(rule.cue.map { " (\($0))" } ?? "") \(signed(rule.from, 2))→\(signed(rule.to, 2))"
                }
                rows.append([contribution.text, contribution.term, contribution.list, contribution.match,
                             signed(contribution.valence, 1), rules.isEmpty ? "–" : rules.joined(separator: "; "),
                             signed(contribution.value, 2), "\(contribution.utf8.lowerBound)–\(contribution.utf8.upperBound)"])
            }
            out += IngestSummary.align(rows, numericFrom: 99, totalRow: false) + "\n"
            let sum = analysis.contributions.reduce(0) { $0 + $1.value }
            out += "\nsum \(signed(sum, 2)) → compound = sum / √(sum² + \(Int(SentimentScore.alpha))) = \(signed(score.compound, 3))\n"
        }
        if analysis.sentences.count > 1 {
            out += "\nsentences:\n"
            let bytes = Array(text.utf8)
            for (index, sentence) in analysis.sentences.enumerated() {
                let snippet = String(decoding: bytes[sentence.utf8], as: UTF8.self)
                out += "  \(index + 1). [\(sentence.score.label.rawValue) \(signed(sentence.score.compound, 2))] \(snippet)\n"
            }
        }
        return out
    }

    static func signed(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        return value > 0 ? "+" + text : text
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}
