import Foundation

/// The language data the normalizer uses, loaded from `lexicons/es/` and validated.
public struct NormalizationLexicons: Sendable {
    /// Word forms with their Zipf frequency, keyed by the folded form (lowercase, accents kept).
    public var vocabulary: [String: Double]
    /// The same words by matching key (accents folded, ñ kept) → the most frequent spelling.
    public var vocabularyByKey: [String: String]
    /// Irregular and stem-changing forms → lemma.
    public var lemmas: [String: String]
    /// SMS and chat spellings → expansion, with where it applies.
    public var sms: [String: SMSEntry]
    /// Abbreviations that end in a period and do not end a sentence (folded, with their period).
    public var abbreviations: Set<String>
    /// ASCII emoticons → meaning.
    public var emoticons: [String: String]
    /// Feminine form → masculine lemma, for adjectives and person nouns (one lexeme in two genders).
    public var masculine: [String: String]

    public struct SMSEntry: Sendable, Equatable {
        public var expansion: String
        public var condition: SMSCondition
    }

    public enum SMSCondition: String, Sendable {
        /// Unambiguous anywhere it stands as a token.
        case always
        /// Only as a whole token between words (`x` for `por`, `d` for `de`).
        case standalone
        /// Not when a digit follows (`2 x 1`).
        case notBeforeDigit = "not_before_digit"
        /// Not when written with an initial capital (a name or an initial).
        case neverInitialCapital = "never_initial_capital"
    }

    public init(vocabulary: [String: Double] = [:], lemmas: [String: String] = [:], sms: [String: SMSEntry] = [:],
                abbreviations: Set<String> = [], emoticons: [String: String] = [:], masculine: [String: String] = [:],
                key: (String) -> String = { $0 }) {
        self.masculine = masculine
        self.vocabulary = vocabulary
        self.lemmas = lemmas
        self.sms = sms
        self.abbreviations = abbreviations
        self.emoticons = emoticons
        var byKey: [String: String] = [:]
        byKey.reserveCapacity(vocabulary.count)
        for (word, zipf) in vocabulary {
            let matching = key(word)
            // The commoner spelling; between equally common ones the first in code point order, so that the
            // choice does not hang on the dictionary's (per-process) iteration order.
            // Set first and put back when the one there wins: one lookup for a new key, as nearly every key is.
            if let existing = byKey.updateValue(word, forKey: matching), let existingZipf = vocabulary[existing],
               existingZipf > zipf || existingZipf == zipf && existing.unicodeScalars.lexicographicallyPrecedes(word.unicodeScalars) {
                byKey[matching] = existing
            }
        }
        vocabularyByKey = byKey
    }

    /// Loads and validates the files of a lexicon folder (`lexicons/es`). `key` turns a word into its
    /// matching key (the normalizer's accent folding).
    public static func load(directory: String, key: (String) -> String) throws(LexiconError) -> NormalizationLexicons {
        let vocabularyTable = try TSVTable.load("\(directory)/vocabulary.tsv", columns: ["word", "zipf"])
        var vocabulary: [String: Double] = [:]
        vocabulary.reserveCapacity(vocabularyTable.rows.count)
        for row in vocabularyTable.rows {
            guard let zipf = row.decimal(1), (0...8).contains(zipf) else {
                throw LexiconError(file: vocabularyTable.file, line: row.line, message: "zipf must be a number from 0 to 8, found '\(row[1])'")
            }
            vocabulary[row[0]] = zipf
        }
        let lemmaTable = try TSVTable.load("\(directory)/lemmas.tsv", columns: ["form", "lemma", "note"])
        var lemmas: [String: String] = [:]
        lemmas.reserveCapacity(lemmaTable.rows.count)
        for row in lemmaTable.rows {
            guard !row[1].isEmpty else { throw LexiconError(file: lemmaTable.file, line: row.line, message: "the lemma is empty") }
            lemmas[row[0]] = row[1]
        }
        let smsTable = try TSVTable.load("\(directory)/sms.tsv", columns: ["abbreviation", "expansion", "condition"])
        var sms: [String: SMSEntry] = [:]
        for row in smsTable.rows {
            guard let condition = SMSCondition(rawValue: row[2]) else {
                throw LexiconError(file: smsTable.file, line: row.line,
                                   message: "unknown condition '\(row[2])'; expected always, standalone, not_before_digit or never_initial_capital")
            }
            guard !row[1].isEmpty else { throw LexiconError(file: smsTable.file, line: row.line, message: "the expansion is empty") }
            sms[row[0].lowercased()] = SMSEntry(expansion: row[1], condition: condition)
        }
        let abbreviationTable = try TSVTable.load("\(directory)/abbreviations.tsv", columns: ["abbreviation", "expansion"])
        let abbreviations = Set(abbreviationTable.rows.map { $0[0].lowercased() })
        let emoticonTable = try TSVTable.load("\(directory)/emoticons.tsv", columns: ["emoticon", "meaning"])
        let emoticons = Dictionary(emoticonTable.rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        let genderedTable = try TSVTable.load("\(directory)/gendered.tsv", columns: ["masculine", "feminine", "kind"])
        var masculine: [String: String] = [:]
        masculine.reserveCapacity(genderedTable.rows.count)
        for row in genderedTable.rows {
            guard ["adjective", "person"].contains(row[2]) else {
                throw LexiconError(file: genderedTable.file, line: row.line, message: "kind must be adjective or person, found '\(row[2])'")
            }
            masculine[row[1]] = row[0]
        }
        return NormalizationLexicons(vocabulary: vocabulary, lemmas: lemmas, sms: sms, abbreviations: abbreviations,
                                     emoticons: emoticons, masculine: masculine, key: key)
    }
}

/// Where the lexicons are when nobody says: `$ESCUCHA_LEXICONS`, then `lexicons/` beside or above the
/// executable (a build inside the repository), then `lexicons/` in the current folder.
public enum LexiconLocator {
    public static func defaultDirectory(language: String = "es") -> String? {
        var candidates: [String] = []
        if let environment = ProcessInfo.processInfo.environment["ESCUCHA_LEXICONS"], !environment.isEmpty {
            return environmentDirectory(environment, language: language)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("lexicons").path)
            folder.deleteLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/lexicons")
        for candidate in candidates {
            let directory = candidate.hasSuffix("/\(language)") ? candidate : "\(candidate)/\(language)"
            if FileManager.default.fileExists(atPath: "\(directory)/vocabulary.tsv") { return directory }
        }
        return nil
    }

    /// The folder `$ESCUCHA_LEXICONS` names: a language's folder itself (it holds `vocabulary.tsv`) or the folder
    /// above it. A folder that holds neither is still the answer, so that loading fails naming the file it
    /// missed: a user who set the variable never gets the checkout's lexicons in its place without a word.
    static func environmentDirectory(_ path: String, language: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if FileManager.default.fileExists(atPath: "\(trimmed)/vocabulary.tsv") { return trimmed }
        return trimmed.hasSuffix("/\(language)") ? trimmed : "\(trimmed)/\(language)"
    }
}
