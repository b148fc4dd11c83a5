import EscuchaCore

extension SentimentAnalysis {
    /// The `sentiment` object of the documented schema (`docs/schema/scored.schema.json`): compound, label,
    /// proportions, per-sentence scores and, unless `contributions` is false, every contribution with its rules.
    public func writeJSON(to writer: inout JSONWriter, contributions includeContributions: Bool = true) {
        writer.beginObject()
        Self.writeScore(score, to: &writer)
        writer.member("language", language)
        writer.key("sentences")
        writer.beginArray()
        for sentence in sentences {
            writer.beginObject()
            Self.writeRange("utf8", sentence.utf8, to: &writer)
            Self.writeRange("utf16", sentence.utf16, to: &writer)
            writer.key("compound"); writer.double(SentimentAnalyzer.rounded(sentence.score.compound))
            writer.member("label", sentence.score.label.rawValue)
            writer.endObject()
        }
        writer.endArray()
        if includeContributions {
            writer.key("contributions")
            writer.beginArray()
            for contribution in contributions {
                writer.beginObject()
                writer.member("text", contribution.text)
                writer.member("term", contribution.term)
                writer.member("list", contribution.list)
                writer.member("match", contribution.match)
                writer.key("valence"); writer.double(contribution.valence)
                writer.key("value"); writer.double(contribution.value)
                Self.writeRange("utf8", contribution.utf8, to: &writer)
                Self.writeRange("utf16", contribution.utf16, to: &writer)
                writer.key("rules")
                writer.beginArray()
                for rule in contribution.rules {
                    writer.beginObject()
                    writer.member("rule", rule.rule)
                    writer.member("cue", rule.cue)
                    writer.key("from"); writer.double(SentimentAnalyzer.rounded(rule.from))
                    writer.key("to"); writer.double(SentimentAnalyzer.rounded(rule.to))
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
    }

    static func writeScore(_ score: SentimentScore, to writer: inout JSONWriter) {
        writer.key("compound"); writer.double(SentimentAnalyzer.rounded(score.compound))
        writer.member("label", score.label.rawValue)
        writer.key("positive"); writer.double(SentimentAnalyzer.rounded(score.positive))
        writer.key("neutral"); writer.double(SentimentAnalyzer.rounded(score.neutral))
        writer.key("negative"); writer.double(SentimentAnalyzer.rounded(score.negative))
    }

    static func writeRange(_ name: StaticString, _ range: Range<Int>, to writer: inout JSONWriter) {
        writer.key(name)
        writer.beginArray(); writer.int(range.lowerBound); writer.int(range.upperBound); writer.endArray()
    }
}
