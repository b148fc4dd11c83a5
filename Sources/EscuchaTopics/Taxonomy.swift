import EscuchaCore
import Foundation
import EscuchaLexicon

/// One topic: a stable id (`customer_service.waiting_time`), the Spanish label a report shows, and its rule.
/// Its fields are kept in one object: a topic is copied into each topic found in a text (`TopicAnalysis`), and held as
/// five fields, every copy retained (and every copy freed released) the four strings and the rule one by one.
public struct Topic: Sendable, Equatable {
    private final class Fields: Sendable {
        let id: String
        let label: String
        let description: String
        let rule: TopicRule
        let pack: String
        /// `"topic":…,"label":…` as JSON (`TopicAnalysis.writeJSON`), encoded once rather than for every hit.
        let idAndLabelJSON: [UInt8]

        init(id: String, label: String, description: String, rule: TopicRule, pack: String) {
            self.id = id
            self.label = label
            self.description = description
            self.rule = rule
            self.pack = pack
            idAndLabelJSON = TopicAnalysis.idAndLabelJSON(id: id, label: label)
        }
    }

    private let fields: Fields

    public init(id: String, label: String, description: String, rule: TopicRule, pack: String) {
        fields = Fields(id: id, label: label, description: description, rule: rule, pack: pack)
    }

    public var id: String { fields.id }
    public var label: String { fields.label }
    public var description: String { fields.description }
    public var rule: TopicRule { fields.rule }
    /// The pack it comes from (`general`, `telecom`, `restaurant`…) or the user's file name.
    public var pack: String { fields.pack }
    var idAndLabelJSON: [UInt8] { fields.idAndLabelJSON }
    /// The same bytes lent to `body`: the array `idAndLabelJSON` returns is retained and released (twice for every
    /// topic hit written, about 1.2 M instructions a MB of texts).
    func withIDAndLabelJSON<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { fields.idAndLabelJSON.withUnsafeBufferPointer(body) }

    public static func == (a: Topic, b: Topic) -> Bool {
        a.fields === b.fields
            || a.id == b.id && a.label == b.label && a.description == b.description && a.rule == b.rule && a.pack == b.pack
    }

    /// `a.b.c` → [`a`, `a.b`, `a.b.c`].
    public var lineage: [String] {
        let parts = id.split(separator: ".")
        return parts.indices.map { parts[...$0].joined(separator: ".") }
    }
}

/// Topics loaded from the packs of `lexicons/es/topics/` or from a user's rule file.
public struct Taxonomy: Sendable {
    public private(set) var topics: [Topic]
    /// The words that tell each sector pack's sector (`topics/sectors.tsv`), for the packs loaded: see
    /// `TopicAnalyzer.sectorEvidence`. Empty for a user's taxonomy.
    public private(set) var sectorWords: [String: Set<String>]

    public init(topics: [Topic], sectorWords: [String: Set<String>] = [:]) {
        self.topics = topics
        self.sectorWords = sectorWords
    }

    public static let packs = ["general", "telecom", "banking", "ecommerce", "restaurant", "hotel", "airline"]

    /// Loads packs from `directory/topics/`: `<pack>-taxonomy.tsv` (topic, label, description) and
    /// `<pack>.tsv` (topic, term, match, note), where match is `lemma`, `exact` or `exclude`. A topic's
    /// rule is any of its terms, and none of its exclusions.
    public static func load(directory: String, packs: [String] = packs) throws(LexiconError) -> Taxonomy {
        var topics: [Topic] = []
        var seen: [String: String] = [:]
        for pack in packs {
            let definitions = try TSVTable.load("\(directory)/topics/\(pack)-taxonomy.tsv", columns: ["topic", "label", "description"])
            let terms = try TSVTable.load("\(directory)/topics/\(pack).tsv", columns: ["topic", "term", "match", "note"], uniqueKey: false)
            var positive: [String: [TopicRule]] = [:]
            var negative: [String: [TopicRule]] = [:]
            // Each topic defined, by its row's number: the duplicate check keys a term by that number.
            var defined: [String: Int32] = [:]
            for row in definitions.rows {
                let id = row[0]
                guard isValidID(id) else {
                    throw LexiconError(file: definitions.file, line: row.line, message: "a topic id is lowercase words joined by dots, found '\(id)'")
                }
                if let previous = seen[id] { throw LexiconError(file: definitions.file, line: row.line, message: "topic '\(id)' is already defined in \(previous)") }
                seen[id] = "\(definitions.file):\(row.line)"
                defined[id] = Int32(defined.count)
            }
            for row in definitions.rows {
                let parent = row[0].split(separator: ".").dropLast().joined(separator: ".")
                if !parent.isEmpty, seen[parent] == nil {
                    throw LexiconError(file: definitions.file, line: row.line, message: "the parent topic '\(parent)' is not defined")
                }
            }
            // Keyed by the topic's number, the term and its match, not one string made of them (an interpolation per
            // row) nor the topic's id (three strings hashed per row), and sized once.
            var pairs: Set<TermKey> = []
            pairs.reserveCapacity(terms.rows.count)
            // A pack lists a topic's terms together: a row with the previous row's topic is known to be defined, and its
            // rules are gathered in locals, stored under the topic when another topic's row comes (the rules of a topic
            // listed again later are appended to its first ones, in row order as before). Hashing the topic's id for
            // each row cost more than the rest of reading it.
            var topic = "", topicNumber: Int32 = 0
            var topicPositive: [TopicRule] = [], topicNegative: [TopicRule] = []
            func storeTopic() {
                if !topicPositive.isEmpty { positive[topic, default: []] += topicPositive }
                if !topicNegative.isEmpty { negative[topic, default: []] += topicNegative }
                topicPositive.removeAll()
                topicNegative.removeAll()
            }
            for row in terms.rows {
                let (id, term, match) = (row[0], row[1], row[2])
                if id != topic {
                    guard let number = defined[id] else {
                        throw LexiconError(file: terms.file, line: row.line, message: "topic '\(id)' is not defined in \(pack)-taxonomy.tsv")
                    }
                    storeTopic()
                    topic = id
                    topicNumber = number
                }
                guard !term.isEmpty, term.isPlainLowercase || term == term.lowercased() else {
                    throw LexiconError(file: terms.file, line: row.line, message: "the term must be lowercase and not empty")
                }
                // An unknown match is reported before any duplicate: its first row stops the loading, so no row with it
                // can repeat an earlier one.
                guard let kind = TermKey.Match(rawValue: match) else {
                    throw LexiconError(file: terms.file, line: row.line, message: "match must be lemma, exact or exclude, found '\(match)'")
                }
                guard pairs.insert(TermKey(topic: topicNumber, term: term, match: kind)).inserted else {
                    throw LexiconError(file: terms.file, line: row.line, message: "duplicate term '\(term)' for topic '\(id)'")
                }
                let words = term.wordsSplitOnSpaces()
                switch kind {
                case .lemma: topicPositive.append(.term(words: words, exact: false))
                case .exact: topicPositive.append(.term(words: words, exact: true))
                case .exclude: topicNegative.append(.term(words: words, exact: false))
                }
            }
            storeTopic()
            for row in definitions.rows {
                let id = row[0]
                guard let any = positive[id] else { continue }  // a parent without terms of its own
                var rule: TopicRule = any.count == 1 ? any[0] : .any(any)
                if let excluded = negative[id] { rule = .all([rule, .not(excluded.count == 1 ? excluded[0] : .any(excluded))]) }
                topics.append(Topic(id: id, label: row[1], description: row[2], rule: rule, pack: pack))
            }
        }
        return Taxonomy(topics: topics, sectorWords: try loadSectorWords(directory: directory, packs: packs))
    }

    /// A row of a pack's terms, to find repeats.
    struct TermKey: Hashable {
        enum Match: String { case lemma, exact, exclude }
        /// The topic's number among its pack's definitions.
        var topic: Int32
        var term: String
        var match: Match
    }

    /// `topics/sectors.tsv` (sector, word, note): one word each, in one sector only. A missing file leaves the
    /// sectors to the words of the packs' terms.
    static func loadSectorWords(directory: String, packs: [String]) throws(LexiconError) -> [String: Set<String>] {
        let path = "\(directory)/topics/sectors.tsv"
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let table = try TSVTable.load(path, columns: ["sector", "word", "note"], uniqueKey: false)
        var words: [String: Set<String>] = [:]
        var sectorOf: [String: String] = [:]
        for row in table.rows {
            let (sector, word) = (row[0], row[1])
            guard Self.packs.dropFirst().contains(sector) else {
                throw LexiconError(file: table.file, line: row.line, message: "sector must be one of \(Self.packs.dropFirst().joined(separator: ", ")), found '\(sector)'")
            }
            guard !word.isEmpty, word.isPlainLowercase || word == word.lowercased(), !word.contains(" ") else {
                throw LexiconError(file: table.file, line: row.line, message: "a sector word is one lowercase word, found '\(word)'")
            }
            if let other = sectorOf[word] {
                throw LexiconError(file: table.file, line: row.line, message: "'\(word)' is already a word of \(other): a word tells one sector")
            }
            sectorOf[word] = sector
            if packs.contains(sector) { words[sector, default: []].insert(word) }
        }
        return words
    }

    /// Loads a user's taxonomy: a TSV file with the header `topic	label	rule`, one rule per topic in the
    /// language of `TopicRule`. A bad rule fails with `file:line`, the column and what was expected.
    public static func loadRules(file: String) throws(LexiconError) -> Taxonomy {
        let table = try TSVTable.load(file, columns: ["topic", "label", "rule"])
        var topics: [Topic] = []
        let pack = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        for row in table.rows {
            guard isValidID(row[0]) else {
                throw LexiconError(file: file, line: row.line, message: "a topic id is lowercase words joined by dots, found '\(row[0])'")
            }
            do {
                let rule = try TopicRuleParser.parse(row[2])
                topics.append(Topic(id: row[0], label: row[1], description: "", rule: rule, pack: pack))
            } catch {
                throw LexiconError(file: file, line: row.line, message: "rule \(error)")
            }
        }
        return Taxonomy(topics: topics)
    }

    static func isValidID(_ id: String) -> Bool {
        // An ASCII id is checked on its bytes: splitting it and comparing Characters cost 18,000 instructions an id.
        let ascii: Bool?? = id.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var previous: UInt8 = UInt8(ascii: ".")
            for byte in bytes {
                let allowed = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_")
                guard allowed || byte == UInt8(ascii: ".") && previous != UInt8(ascii: ".") else { return false }
                previous = byte
            }
            return !bytes.isEmpty && previous != UInt8(ascii: ".")
        }
        if let ascii = ascii ?? nil { return ascii }
        return !id.isEmpty && id.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
        }
    }
}
