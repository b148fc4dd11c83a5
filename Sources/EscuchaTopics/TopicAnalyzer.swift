import Foundation
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// Topics with their sentiment for a text already normalized and scored.
public struct TopicAnalyzer: Sendable {
    public let matcher: TopicMatcher
    public var taxonomy: Taxonomy { matcher.taxonomy }

    public init(taxonomy: Taxonomy, normalizer: Normalizer) {
        matcher = TopicMatcher(taxonomy: taxonomy, normalizer: normalizer)
    }

    /// The packs of `directory/topics/` that are present (all of `Taxonomy.packs` by default).
    public static func packsPresent(in directory: String) -> [String] {
        Taxonomy.packs.filter { FileManager.default.fileExists(atPath: "\(directory)/topics/\($0)-taxonomy.tsv") }
    }

    public func analyze(_ text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        AspectSentiment.assign(matcher.match(text), taxonomy: taxonomy, text: text, sentiment: sentiment)
    }
}

extension TopicAnalysis {
    /// The `topics` array of the documents schema: one object per topic hit.
    public static func writeJSON(_ topics: [TopicAnalysis], text: NormalizedText, to writer: inout JSONWriter) {
        writer.beginArray()
        let utf8 = topics.isEmpty ? [] : Array(text.text.utf8)
        for topic in topics {
            writer.beginObject()
            writer.member("topic", topic.topic.id)
            writer.member("label", topic.topic.label)
            writer.member("sentence", topic.sentence)
            writer.key("sentiment")
            writer.beginObject()
            writer.key("value"); writer.double(topic.value)
            writer.member("label", topic.label.rawValue)
            writer.endObject()
            writer.key("evidence")
            writer.beginArray()
            for range in topic.evidence {
                let first = text.tokens[range.lowerBound]
                let last = text.tokens[range.upperBound - 1]
                let bytes = utf8[first.utf8.lowerBound..<last.utf8.upperBound]
                writer.beginObject()
                writer.member("text", String(decoding: bytes, as: UTF8.self))
                writer.key("utf8"); writer.beginArray(); writer.int(first.utf8.lowerBound); writer.int(last.utf8.upperBound); writer.endArray()
                writer.key("utf16"); writer.beginArray(); writer.int(first.utf16.lowerBound); writer.int(last.utf16.upperBound); writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }
}
