import Foundation
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// Topics with their sentiment for a text already normalized and scored.
public struct TopicAnalyzer: Sendable {
    public let matcher: TopicMatcher
    public var taxonomy: Taxonomy { matcher.taxonomy }

    let gatesSectors: Bool
    /// Words of each sector pack's terms that no general-pack term uses (`paella`, `maleta`, `fibra`).
    let anchors: [String: Set<String>]
    /// One bit for each pack with anchors.
    let packBits: [String: UInt64]
    /// The packs each surface anchors: attached to its forms, or per thread.
    private let anchorCache = ThreadLocal { IdentityTable<TokenForms, PackMask>() }
    private let attachmentKey = AttachmentKey()

    final class PackMask {
        let mask: UInt64
        init(_ mask: UInt64) { self.mask = mask }
    }

    public init(taxonomy: Taxonomy, normalizer: Normalizer) {
        matcher = TopicMatcher(taxonomy: taxonomy, normalizer: normalizer)
        gatesSectors = Set(taxonomy.topics.map(\.pack)).filter { Taxonomy.packs.dropFirst().contains($0) }.count > 1
        var words: [String: Set<String>] = [:]
        for topic in taxonomy.topics {
            for term in topic.rule.terms where !term.exact {
                words[topic.pack, default: []].formUnion(term.words.map { Folding.key($0) })
            }
        }
        let general = words["general"] ?? []
        anchors = words.filter { $0.key != "general" }.mapValues { $0.subtracting(general) }
        var bits: [String: UInt64] = [:]
        for (index, name) in anchors.keys.sorted().prefix(64).enumerated() { bits[name] = 1 << UInt64(index) }
        packBits = bits
    }

    /// The packs of `directory/topics/` that are present (all of `Taxonomy.packs` by default).
    public static func packsPresent(in directory: String) -> [String] {
        Taxonomy.packs.filter { FileManager.default.fileExists(atPath: "\(directory)/topics/\($0)-taxonomy.tsv") }
    }

    /// With several sector packs loaded, a sector pack speaks only when the text is about its sector: at
    /// least `sectorEvidence` of its words that the general pack does not use (`la paella … el mesero`,
    /// `la maleta … el vuelo`; `comida` alone is not a hotel review). The general pack, user taxonomies and
    /// a sector pack chosen alone (`--packs restaurant`) always speak.
    public static let sectorEvidence = 2

    public func analyze(_ text: NormalizedText, sentiment: SentimentAnalysis) -> [TopicAnalysis] {
        var hits = matcher.match(text)
        guard gatesSectors else { return AspectSentiment.assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment) }
        var evidence: [String: Set<Int>] = [:]
        for hit in hits {
            for range in hit.evidence { evidence[taxonomy.topics[hit.topic].pack, default: []].formUnion(range) }
        }
        var spoken: [String: Bool] = [:]
        let cache = anchorCache.value
        var masks: [UInt64]?
        hits.removeAll { hit in
            let pack = taxonomy.topics[hit.topic].pack
            guard anchors[pack] != nil, let bit = packBits[pack] else { return false }
            if let known = spoken[pack] { return !known }
            // Which sectors each word anchors, worked out once per surface.
            if masks == nil {
                masks = text.tokens.map { token in
                    guard token.kind == .word else { return 0 }
                    if let attached = token.forms.attachment(attachmentKey) { return Unmanaged<PackMask>.fromOpaque(attached).takeUnretainedValue().mask }
                    return cache.value(for: token.forms) {
                        let keys = TopicMatcher.keys(token, matcher.normalizer)
                        var mask: UInt64 = 0
                        for (name, words) in anchors where keys.contains(where: words.contains) { mask |= packBits[name] ?? 0 }
                        let packs = PackMask(mask)
                        token.forms.attach(packs, attachmentKey)
                        return packs
                    }.mask
                }
            }
            let count = masks!.lazy.filter { $0 & bit != 0 }.count
            // Two words of the sector, or one and evidence on two words.
            spoken[pack] = count >= Self.sectorEvidence || count >= 1 && (evidence[pack]?.count ?? 0) >= Self.sectorEvidence
            return !spoken[pack]!
        }
        return AspectSentiment.assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment)
    }
}

extension TopicAnalysis {
    /// The `topics` array of the documents schema: one object per topic hit.
    public static func writeJSON(_ topics: [TopicAnalysis], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(topics, text: text, to: &writer, evidence: \.evidence) { topic, writer in
            writer.member("topic", topic.topic.id)
            writer.member("label", topic.topic.label)
            writer.member("sentence", topic.sentence)
            writer.key("sentiment")
            writer.beginObject()
            writer.key("value"); writer.double(topic.value)
            writer.member("label", topic.label.rawValue)
            writer.endObject()
        }
    }
}

extension SignalHit {
    /// The `signals` array of the documents schema.
    public static func writeJSON(_ signals: [SignalHit], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(signals, text: text, to: &writer, evidence: \.evidence) { signal, writer in
            writer.member("signal", signal.signal.rawValue)
            writer.member("sentence", signal.sentence)
        }
    }
}

extension EmotionScore {
    /// The `emotions` array of the documents schema, strongest first.
    public static func writeJSON(_ emotions: [EmotionScore], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(emotions, text: text, to: &writer, evidence: \.evidence) { emotion, writer in
            writer.member("emotion", emotion.emotion.rawValue)
            writer.key("strength"); writer.double(emotion.strength)
        }
    }
}

/// Evidence spans as `{text, utf8, utf16}` objects.
enum EvidenceJSON {
    /// An array of objects, each with its own members and then its `evidence`.
    static func writeArray<Item>(_ items: [Item], text: NormalizedText, to writer: inout JSONWriter, evidence: (Item) -> [Range<Int>],
                                 members: (Item, inout JSONWriter) -> Void) {
        writer.beginArray()
        for item in items {
            writer.beginObject()
            members(item, &writer)
            writer.key("evidence")
            write(evidence(item), text: text, to: &writer)
            writer.endObject()
        }
        writer.endArray()
    }

    static func write(_ ranges: [Range<Int>], text: NormalizedText, to writer: inout JSONWriter) {
        writer.beginArray()
        // The text's own UTF-8, not a copy of it: a long text has many pieces of evidence.
        var source = text.text
        source.withUTF8 { utf8 in
            for range in ranges {
                let first = text.tokens[range.lowerBound]
                let last = text.tokens[range.upperBound - 1]
                writer.beginObject()
                writer.member("text", String(decoding: UnsafeBufferPointer(rebasing: utf8[first.utf8.lowerBound..<last.utf8.upperBound]), as: UTF8.self))
                writer.key("utf8"); writer.beginArray(); writer.int(first.utf8.lowerBound); writer.int(last.utf8.upperBound); writer.endArray()
                writer.key("utf16"); writer.beginArray(); writer.int(first.utf16.lowerBound); writer.int(last.utf16.upperBound); writer.endArray()
                writer.endObject()
            }
        }
        writer.endArray()
    }
}
