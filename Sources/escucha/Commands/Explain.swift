import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaSentiment

/// `escucha explain "texto"`: the score of one text, with each word's part in it, for a person.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain the sentiment of one text: which words and rules produced the score.")

    @Argument(help: "The text to explain (quote it).")
    var text: String

    @OptionGroup var analysis: AnalysisOptions

    func run() throws {
        let analyzers = try analysis.analyzers()
        let result = analyzers.analyze(text)
        var out = SentimentExplanation.render(text, result.sentiment)
        if analyzers.topics != nil { out += SentimentExplanation.topics(result) }
        if analyzers.signals != nil || analyzers.emotions != nil { out += SentimentExplanation.signals(result) }
        print(out)
    }
}

enum SentimentExplanation {
    static func render(_ text: String, _ analysis: SentimentAnalysis) -> String {
        let score = analysis.score
        var out = "\(text)\n\n"
        out += "sentiment: \(score.label.rawValue)  compound \(signed(score.compound, 3))"
        out += "  (positive \(percent(score.positive)) · neutral \(percent(score.neutral)) · negative \(percent(score.negative)))\n"
        out += "labels: pos from \(signed(SentimentScore.positiveThreshold, 2)), neg from \(signed(SentimentScore.negativeThreshold, 2)); "
            + "neu when mixed (the weaker side at least \(signed(SentimentScore.mixedMinimum, 1).dropFirst()) and "
            + "\(Int(SentimentScore.mixedShare * 100))% of the stronger, \(signed(SentimentScore.mixedMinimumWithContrast, 1).dropFirst()) "
            + "and \(Int(SentimentScore.mixedShareWithContrast * 100))% with a contrast word), or when the writer's verdict says so\n\n"
        if let language = analysis.language {
            out += "The text reads as another language (\(language)), not Spanish: it is not scored.\n"
        } else if analysis.contributions.isEmpty {
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

    static func topics(_ result: Analyzers.Result) -> String {
        guard !result.topics.isEmpty else { return "\ntopics: none found\n" }
        var rows: [[String]] = [["topic", "label", "sentiment", "value", "evidence"]]
        let utf8 = Array(result.text.text.utf8)
        for topic in result.topics {
            let evidence = topic.evidence.map { range in
                String(decoding: utf8[result.text.tokens[range.lowerBound].utf8.lowerBound..<result.text.tokens[range.upperBound - 1].utf8.upperBound], as: UTF8.self)
            }
            rows.append([topic.topic.id, topic.topic.label, topic.label.rawValue, signed(topic.value, 2), evidence.joined(separator: ", ")])
        }
        return "\ntopics:\n" + IngestSummary.align(rows, numericFrom: 99, totalRow: false) + "\n"
    }

    static func signals(_ result: Analyzers.Result) -> String {
        let utf8 = Array(result.text.text.utf8)
        func words(_ ranges: [Range<Int>]) -> String {
            ranges.map { String(decoding: utf8[result.text.tokens[$0.lowerBound].utf8.lowerBound..<result.text.tokens[$0.upperBound - 1].utf8.upperBound], as: UTF8.self) }
                .joined(separator: ", ")
        }
        var out = "\nsignals: " + (result.signals.isEmpty ? "none" : result.signals.map { "\($0.signal.rawValue) (\(words($0.evidence)))" }.joined(separator: "; "))
        out += "\nemotions: " + (result.emotions.isEmpty ? "none" : result.emotions.map { String(format: "%@ %.1f (%@)", $0.emotion.rawValue, $0.strength, words($0.evidence)) }.joined(separator: "; "))
        return out + "\n"
    }

    static func signed(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        return value > 0 ? "+" + text : text
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}
