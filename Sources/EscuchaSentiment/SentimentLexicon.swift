import Foundation
import EscuchaLexicon

/// One rated word, expression, emoji or emoticon, and where it was rated (for explanations and errors).
public struct ValenceEntry: Sendable, Equatable {
    /// As written in the lexicon (`pésimo`, `tomar el pelo`, `😡`).
    public var term: String
    /// −4 … +4.
    public var valence: Double
    /// Which list it comes from: the file's name without `.tsv` (`adjectives`, `expressions`, `emoji`).
    public var list: String
    public var line: Int
}

/// What a modifier word does; see `lexicons/es/sentiment/modifiers.tsv` for each kind's weight.
public enum ModifierKind: String, Sendable, CaseIterable {
    case booster, dampener, negator, concord
    case contrastAfter = "contrast_after", contrastBefore = "contrast_before"
    case expectation, irrealis, boundary, rhetorical, sarcasm, deprivation, expected, suggestion, neutral, laughter
}

/// The sentiment lexicons of `lexicons/es/sentiment/`, validated when loaded.
///
/// - `valence/*.tsv`: words and multiword expressions (`term valence domain region note`); a term with a
///   space is an expression. A term may appear in one file only.
/// - `emoji.tsv` (`emoji valence name note`) and `emoticons.tsv` (`emoticon valence note`).
/// - `modifiers.tsv` (`term kind weight note`): boosters, negators, contrast words… for the rules.
public struct SentimentLexicon: Sendable {
    /// Single words by their folded spelling (accents as written in the lexicon).
    public private(set) var words: [String: ValenceEntry] = [:]
    /// The same by accent-insensitive key, for customers who leave accents out.
    public private(set) var wordsByKey: [String: ValenceEntry] = [:]
    /// Emoji without variation selectors or skin tones.
    public private(set) var emoji: [String: ValenceEntry] = [:]
    /// Emoticons exactly as typed, and lowercased.
    public private(set) var emoticons: [String: ValenceEntry] = [:]
    /// Multiword expressions and modifiers, by their first word.
    public private(set) var phrases = PhraseIndex()
    /// Single-word modifiers: key → kind → weight.
    public private(set) var modifiers: [String: [ModifierKind: Double]] = [:]
    /// Single-word modifiers spelled with accents, by key: for customers who leave accents out.
    public private(set) var modifiersByKey: [String: [ModifierKind: Double]] = [:]
    /// The valence of a laughter token.
    public private(set) var laughterValence: Double = 0

    public static let domains: Set<String> = ["general", "service", "telecom", "banking", "ecommerce", "retail", "travel",
                                              "restaurant", "hotel", "social"]
    public static let regions: Set<String> = ["all", "ES", "MX", "AR", "CO", "CL", "PE", "VE", "UY", "CU", "EC", "CR", "BO",
                                              "PY", "GT", "DO", "PR", "HN", "SV", "NI", "PA", "LATAM"]

    public init() {}

    /// Loads `directory/sentiment/` (the `lexicons/es` folder is the argument). `key` is the normalizer's
    /// accent-insensitive key of a folded word.
    public static func load(directory: String, key: (String) -> String) throws(LexiconError) -> SentimentLexicon {
        let folder = "\(directory)/sentiment"
        let valenceFolder = "\(folder)/valence"
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: valenceFolder).filter { $0.hasSuffix(".tsv") }.sorted()
        } catch {
            throw LexiconError(file: valenceFolder, line: nil, message: "cannot list the folder")
        }
        guard !files.isEmpty else { throw LexiconError(file: valenceFolder, line: nil, message: "no .tsv files") }
        var valence: [TSVTable] = []
        for name in files {
            valence.append(try TSVTable.load("\(valenceFolder)/\(name)", columns: valenceColumns))
        }
        return try SentimentLexicon(
            valence: valence,
            emoji: TSVTable.load("\(folder)/emoji.tsv", columns: emojiColumns),
            emoticons: TSVTable.load("\(folder)/emoticons.tsv", columns: emoticonColumns),
            modifiers: TSVTable.load("\(folder)/modifiers.tsv", columns: modifierColumns, uniqueKey: false),
            key: key)
    }

    public static let valenceColumns = ["term", "valence", "domain", "region", "note"]
    public static let emojiColumns = ["emoji", "valence", "name", "note"]
    public static let emoticonColumns = ["emoticon", "valence", "note"]
    public static let modifierColumns = ["term", "kind", "weight", "note"]

    /// Builds the lexicon from loaded tables (a list is named after its file: `adjectives.tsv` → `adjectives`).
    public init(valence: [TSVTable], emoji emojiTable: TSVTable, emoticons emoticonTable: TSVTable, modifiers modifierTable: TSVTable,
                key: (String) -> String) throws(LexiconError) {
        var lexicon = SentimentLexicon()
        var firstSeen: [String: String] = [:]
        for table in valence {
            let path = table.file
            let list = String((path.split(separator: "/").last ?? Substring(path)).dropLast(path.hasSuffix(".tsv") ? 4 : 0))
            for row in table.rows {
                let term = row.fields[0]
                let valence = try Self.parseValence(row.fields[1], file: path, line: row.line)
                guard term == term.lowercased() else { throw LexiconError(file: path, line: row.line, message: "the term must be lowercase") }
                guard Self.domains.contains(row.fields[2]) else {
                    throw LexiconError(file: path, line: row.line, message: "unknown domain '\(row.fields[2])'; expected one of \(Self.domains.sorted().joined(separator: ", "))")
                }
                guard Self.regions.contains(row.fields[3]) else {
                    throw LexiconError(file: path, line: row.line, message: "unknown region '\(row.fields[3])'; expected all, LATAM or a country code")
                }
                if let previous = firstSeen[term] {
                    throw LexiconError(file: path, line: row.line, message: "duplicate term '\(term)' (already in \(previous))")
                }
                firstSeen[term] = "\(path):\(row.line)"
                let entry = ValenceEntry(term: term, valence: valence, list: list, line: row.line)
                if term.contains(" ") {
                    let words = term.split(separator: " ").map(String.init)
                    lexicon.phrases.add(words: words, firstKey: key(words[0]), payload: .expression(entry))
                } else {
                    lexicon.words[term] = entry
                    let termKey = key(term)
                    // Where two spellings share a key (`papa`, `papá`), the stronger opinion wins the key.
                    if let existing = lexicon.wordsByKey[termKey], abs(existing.valence) >= abs(valence) { continue }
                    lexicon.wordsByKey[termKey] = entry
                }
            }
        }

        let emojiPath = emojiTable.file
        for row in emojiTable.rows {
            let valence = try Self.parseValence(row.fields[1], file: emojiPath, line: row.line)
            let base = Self.emojiBase(row.fields[0])
            if lexicon.emoji[base] != nil {
                throw LexiconError(file: emojiPath, line: row.line, message: "duplicate emoji '\(row.fields[0])' (same without variation selector or skin tone)")
            }
            lexicon.emoji[base] = ValenceEntry(term: row.fields[0], valence: valence, list: "emoji", line: row.line)
        }

        let emoticonPath = emoticonTable.file
        for row in emoticonTable.rows {
            let valence = try Self.parseValence(row.fields[1], file: emoticonPath, line: row.line)
            let entry = ValenceEntry(term: row.fields[0], valence: valence, list: "emoticons", line: row.line)
            lexicon.emoticons[row.fields[0]] = entry
            if lexicon.emoticons[row.fields[0].lowercased()] == nil { lexicon.emoticons[row.fields[0].lowercased()] = entry }
        }

        let modifierPath = modifierTable.file
        var seenModifiers: [String: Int] = [:]
        for row in modifierTable.rows {
            guard let kind = ModifierKind(rawValue: row.fields[1]) else {
                throw LexiconError(file: modifierPath, line: row.line,
                                   message: "unknown kind '\(row.fields[1])'; expected one of \(ModifierKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let weight = Double(row.fields[2]), weight.isFinite, (-4...4).contains(weight) else {
                throw LexiconError(file: modifierPath, line: row.line, message: "the weight must be a number from -4 to 4, found '\(row.fields[2])'")
            }
            let term = row.fields[0]
            if let previous = seenModifiers["\(term)\t\(kind.rawValue)"] {
                throw LexiconError(file: modifierPath, line: row.line, message: "duplicate \(kind.rawValue) '\(term)' (first at line \(previous))")
            }
            seenModifiers["\(term)\t\(kind.rawValue)"] = row.line
            if kind == .laughter {
                lexicon.laughterValence = weight
                continue
            }
            let words = term.split(separator: " ").map(String.init)
            if words.count > 1 {
                lexicon.phrases.add(words: words, firstKey: key(words[0]), payload: .modifier(kind, weight))
            } else {
                // Emoji cues are looked up by their base, like the emoji table.
                let form = term.unicodeScalars.first.map { $0.value > 0x2000 } == true ? Self.emojiBase(term) : term
                lexicon.modifiers[form, default: [:]][kind] = weight
                if key(form) != form { lexicon.modifiersByKey[key(form), default: [:]][kind] = weight }
            }
        }
        lexicon.phrases.sort()
        self = lexicon
    }

    static func parseValence(_ field: String, file: String, line: Int) throws(LexiconError) -> Double {
        guard let value = Double(field), value.isFinite, (-4...4).contains(value), value != 0 else {
            throw LexiconError(file: file, line: line, message: "the valence must be a number from -4 to 4 other than 0, found '\(field)'")
        }
        return value
    }

    /// An emoji without variation selectors and skin-tone modifiers: what it means, not how it is drawn.
    public static func emojiBase(_ emoji: String) -> String {
        let base = String(String.UnicodeScalarView(emoji.unicodeScalars.filter {
            $0.value != 0xFE0F && $0.value != 0xFE0E && !(0x1F3FB...0x1F3FF).contains($0.value)
        }))
        return base.isEmpty ? emoji : base
    }
}

/// Multiword expressions and modifiers, by first word, longest first.
public struct PhraseIndex: Sendable {
    public enum Payload: Sendable, Equatable {
        case expression(ValenceEntry)
        case modifier(ModifierKind, Double)
    }

    public struct Phrase: Sendable {
        public var words: [String]
        public var payload: Payload
    }

    public private(set) var byFirstWord: [String: [Phrase]] = [:]

    /// Indexed by the first word's accent-insensitive key, so `pesimo` finds what `pésimo` starts.
    mutating func add(words: [String], firstKey: String, payload: Payload) {
        byFirstWord[firstKey, default: []].append(Phrase(words: words, payload: payload))
    }

    mutating func sort() {
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    }

    public var count: Int { byFirstWord.values.reduce(0) { $0 + $1.count } }
}
