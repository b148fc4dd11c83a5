import Foundation
import Synchronization
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize

/// One rated word, expression, emoji or emoticon, and where it was rated (for explanations and errors).
public struct ValenceEntry: Sendable, Equatable {
    /// As written in the lexicon (`pésimo`, `tomar el pelo`, `😡`).
    public var term: String {
        didSet { termID = nil }  // the id named the term as loaded
    }
    /// −4 … +4.
    public var valence: Double
    /// Which list it comes from: the file's name without `.tsv` (`adjectives`, `expressions`, `emoji`).
    public var list: String
    public var line: Int
    /// The term's number among the valence lists' rows (each row's term is unique there: the load fails on a
    /// duplicate), so that two entries with ids have equal terms exactly when their ids are equal; nil for any
    /// other entry (emoji, emoticons, plug-ins, a hashtag's), whose term is compared as a string. `Balance` counts
    /// repeated terms by it: comparing the strings cost about 110 instructions a pair, more with accents.
    var termID: Int32?

    init(term: String, valence: Double, list: String, line: Int, termID: Int32? = nil) {
        self.term = term
        self.valence = valence
        self.list = list
        self.line = line
        self.termID = termID
    }

    /// Equal as written: the id is a shorthand for the term.
    public static func == (lhs: ValenceEntry, rhs: ValenceEntry) -> Bool {
        lhs.term == rhs.term && lhs.valence == rhs.valence && lhs.list == rhs.list && lhs.line == rhs.line
    }
}

/// What a modifier word does; see `lexicons/es/sentiment/modifiers.tsv` for each kind's weight.
public enum ModifierKind: String, Sendable, CaseIterable {
    case booster, dampener, negator, concord
    case contrastAfter = "contrast_after", contrastBefore = "contrast_before"
    case expectation, irrealis, boundary, rhetorical, sarcasm, deprivation, expected, fulfilled, suggestion, neutral, verdict, laughter
    /// A word for what a customer pays (`precio`, `tarifa`, `comisión`): weight 1 for an amount, 2 for a document
    /// of one (`factura`, `cuenta`), which `subir` and `bajar` do not rate (`subir la factura` is uploading it).
    case cost
    /// How high a cost is (`alto`, `elevado`, `bajo`): weight is the opinion it gives beside a cost word.
    case level
    /// A verb that moves a cost (`subir`, `aumentar`, `bajar`): weight is the opinion it gives beside an amount.
    case move
    /// A contest entry's word (`participo`; the hashtags are `ContestEntries.hashtags`): weight scales every contribution.
    case contest

    var bit: Int {
        switch self {
        case .booster: 0
        case .dampener: 1
        case .negator: 2
        case .concord: 3
        case .contrastAfter: 4
        case .contrastBefore: 5
        case .expectation: 6
        case .irrealis: 7
        case .boundary: 8
        case .rhetorical: 9
        case .sarcasm: 10
        case .deprivation: 11
        case .expected: 12
        case .suggestion: 13
        case .neutral: 14
        case .laughter: 15
        case .fulfilled: 16
        case .verdict: 17
        case .cost: 18
        case .level: 19
        case .move: 20
        case .contest: 21
        }
    }
}

/// The kinds a word or phrase has, with their weights. Sixteen bytes: a mask and an immutable weight table
/// that lives for the process (`Weights.interned`), so that copying a set, which every unit of every text
/// carries, counts no reference.
public struct ModifierSet: Sendable, Equatable {
    /// Bit `kind.bit` for each kind held.
    private(set) var mask: UInt32 = 0
    private var storage: Unmanaged<Weights>?

    final class Weights: Sendable {
        let values: [Double]
        init(_ values: [Double]) { self.values = values }

        /// One table per distinct list of weights, never freed: the lexicon's modifiers and the few sets the
        /// word readings derive from them (a word's own kinds with its lemma's) make a few hundred at most.
        /// Keyed by the weights' bits, so that a table is shared only by lists that are the same to the bit
        /// (`-0.0 == 0.0`, yet they print apart).
        private static let tables = Mutex<[[UInt64]: Weights]>([:])

        static func interned(_ values: [Double]) -> Unmanaged<Weights> {
            let bits = values.map(\.bitPattern)
            return tables.withLock { tables in
                if let known = tables[bits] { return Unmanaged.passUnretained(known) }
                let made = Weights(values)
                tables[bits] = made
                return Unmanaged.passUnretained(made)
            }
        }
    }

    public init() {}

    public var isEmpty: Bool { mask == 0 }

    /// Whether the set holds `kind`: `self[kind] != nil` from the mask alone. The subscript also reads the weight (its
    /// table and a bounds check the optimizer must keep), which a rule that only asks whether a unit has a kind, as most
    /// do for every unit, does not need.
    @inline(__always)
    public func contains(_ kind: ModifierKind) -> Bool { mask & (1 << kind.bit) != 0 }

    public subscript(kind: ModifierKind) -> Double? {
        get { mask & (1 << kind.bit) != 0 ? storage!._withUnsafeGuaranteedRef { $0.values[kind.bit] } : nil }
        set {
            if let newValue {
                var values = storage?._withUnsafeGuaranteedRef { $0.values } ?? Array(repeating: 0, count: ModifierKind.allCases.count)
                values[kind.bit] = newValue
                storage = Weights.interned(values)
                mask |= 1 << kind.bit
            } else {
                mask &= ~(1 << kind.bit)
            }
        }
    }

    public static func == (lhs: ModifierSet, rhs: ModifierSet) -> Bool {
        guard lhs.mask == rhs.mask else { return false }
        return ModifierKind.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }
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
    /// Expressions by their term, for a chat spelling the normalizer expands to several words (`hdp`, `tqm`).
    public private(set) var expressionsByTerm: [String: ValenceEntry] = [:]
    /// Emoji without variation selectors or skin tones.
    public private(set) var emoji: [String: ValenceEntry] = [:]
    /// Emoticons exactly as typed, and lowercased.
    public private(set) var emoticons: [String: ValenceEntry] = [:]
    /// Multiword expressions and modifiers, by their first word.
    public private(set) var phrases = PhraseIndex()
    /// Single-word modifiers by spelling, with their kinds and weights.
    public private(set) var modifiers: [String: ModifierSet] = [:]
    /// Single-word modifiers spelled with accents, by key: for customers who leave accents out.
    public private(set) var modifiersByKey: [String: ModifierSet] = [:]
    /// The valence of a laughter token.
    public private(set) var laughterValence: Double = 0
    /// What each added lexicon (`PluginLexicon`) gave, in the order they were added.
    public private(set) var plugins: [PluginSummary] = []

    public struct PluginSummary: Sendable, Equatable {
        public var file: String
        /// Terms Escucha's lexicon lacked, now read with the plug-in's rating.
        public var added: Int
        /// Terms Escucha's lexicon has: its own rating stands (the rules were written with it).
        public var kept: Int
        /// Lines the plug-in had no usable rating on (`PluginLexicon.skipped`).
        public var skipped: Int
    }

    public static let domains: WordSet = ["general", "service", "telecom", "banking", "ecommerce", "retail", "travel",
                                              "restaurant", "hotel", "social"]
    public static let regions: WordSet = ["all", "ES", "MX", "AR", "CO", "CL", "PE", "VE", "UY", "CU", "EC", "CR", "BO",
                                              "PY", "GT", "DO", "PR", "HN", "SV", "NI", "PA", "LATAM"]

    public init() {}

    /// Loads `directory/sentiment/` (the `lexicons/es` folder is the argument). `key` is the normalizer's
    /// accent-insensitive key of a folded word.
    public static func load(directory: String, plugins: [PluginLexicon] = [], key: (String) -> String) throws(LexiconError) -> SentimentLexicon {
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
            plugins: plugins, key: key)
    }

    public static let valenceColumns = ["term", "valence", "domain", "region", "note"]
    public static let emojiColumns = ["emoji", "valence", "name", "note"]
    public static let emoticonColumns = ["emoticon", "valence", "note"]
    public static let modifierColumns = ["term", "kind", "weight", "note"]

    /// Builds the lexicon from loaded tables (a list is named after its file: `adjectives.tsv` → `adjectives`).
    /// `plugins`: lexicons a user adds (`PluginLexicon`); they add the terms Escucha's lists lack and change none it has.
    public init(valence: [TSVTable], emoji emojiTable: TSVTable, emoticons emoticonTable: TSVTable, modifiers modifierTable: TSVTable,
                plugins: [PluginLexicon] = [], key: (String) -> String) throws(LexiconError) {
        var lexicon = SentimentLexicon()
        let rows = valence.reduce(0) { $0 + $1.rows.count }
        // A row is a word or an expression, and which is known only as it is read: each table is sized for every row,
        // so that none is hashed again as it grows (the expressions' grew 21 times, 3.3 M instructions).
        lexicon.words.reserveCapacity(rows)
        lexicon.wordsByKey.reserveCapacity(rows)
        lexicon.expressionsByTerm.reserveCapacity(rows)
        lexicon.phrases.reserveCapacity(rows)
        let tables = valence  // each row's `valence` hides the parameter
        var termID: Int32 = 0
        for table in valence {
            let path = table.file
            let list = String((path.split(separator: "/").last ?? Substring(path)).dropLast(path.hasSuffix(".tsv") ? 4 : 0))
            for row in table.rows {
                let term = row[0]
                let valence = try Self.parseValence(row, file: path)
                // ASCII without capitals, or with Latin-1's lowercase letters, is lowercase as it stands: `lowercased()`
                // is asked only of the rest.
                guard term.isPlainLowercase || term == term.lowercased() else {
                    throw LexiconError(file: path, line: row.line, message: "the term must be lowercase")
                }
                // Domain and region are tested on the row's bytes: a string of each cost more than the test.
                guard row.withBytes(2, { Self.domains.contains(utf8: $0) }) else {
                    throw LexiconError(file: path, line: row.line, message: "unknown domain '\(row[2])'; expected one of \(Self.domains.sorted().joined(separator: ", "))")
                }
                guard row.withBytes(3, { Self.regions.contains(utf8: $0) }) else {
                    throw LexiconError(file: path, line: row.line, message: "unknown region '\(row[3])'; expected all, LATAM or a country code")
                }
                let entry = ValenceEntry(term: term, valence: valence, list: list, line: row.line, termID: termID)
                termID += 1
                // A duplicate is found where the term is stored (words and expressions never share a term): a table
                // of where each term was first seen cost a hash and an insertion per row, for an error.
                if row.withBytes(0, { $0.contains(UInt8(ascii: " ")) }) {
                    guard lexicon.expressionsByTerm.updateValue(entry, forKey: term) == nil else {
                        throw Self.duplicate(term, in: tables, at: path, line: row.line)
                    }
                    lexicon.phrases.add(words: term.wordsSplitOnSpaces(), term: term, key: key, payload: .expression(entry))
                } else {
                    guard lexicon.words.updateValue(entry, forKey: term) == nil else {
                        throw Self.duplicate(term, in: tables, at: path, line: row.line)
                    }
                    let termKey = key(term)
                    // Where two spellings share a key (`papa`, `papá`), the stronger opinion wins the key; one lookup
                    // when the key is new, as it nearly always is.
                    if let existing = lexicon.wordsByKey.updateValue(entry, forKey: termKey), abs(existing.valence) >= abs(valence) {
                        lexicon.wordsByKey[termKey] = existing
                    }
                }
            }
        }

        for plugin in plugins { lexicon.add(plugin, key: key) }

        let emojiPath = emojiTable.file
        for row in emojiTable.rows {
            let valence = try Self.parseValence(row, file: emojiPath)
            let base = Self.emojiBase(row[0])
            if lexicon.emoji[base] != nil {
                throw LexiconError(file: emojiPath, line: row.line, message: "duplicate emoji '\(row[0])' (same without variation selector or skin tone)")
            }
            lexicon.emoji[base] = ValenceEntry(term: row[0], valence: valence, list: "emoji", line: row.line)
        }

        let emoticonPath = emoticonTable.file
        for row in emoticonTable.rows {
            let valence = try Self.parseValence(row, file: emoticonPath)
            let entry = ValenceEntry(term: row[0], valence: valence, list: "emoticons", line: row.line)
            lexicon.emoticons[row[0]] = entry
            if lexicon.emoticons[row[0].lowercased()] == nil { lexicon.emoticons[row[0].lowercased()] = entry }
        }

        let modifierPath = modifierTable.file
        var seenModifiers: [String: Int] = [:]
        for row in modifierTable.rows {
            guard let kind = ModifierKind(rawValue: row[1]) else {
                throw LexiconError(file: modifierPath, line: row.line,
                                   message: "unknown kind '\(row[1])'; expected one of \(ModifierKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let weight = row.decimal(2), weight.isFinite, (-4...4).contains(weight) else {
                throw LexiconError(file: modifierPath, line: row.line, message: "the weight must be a number from -4 to 4, found '\(row[2])'")
            }
            let term = row[0]
            // One string and one lookup per row: the line is recorded, and a pair seen before fails the load.
            if let previous = seenModifiers.updateValue(row.line, forKey: "\(term)\t\(kind.rawValue)") {
                throw LexiconError(file: modifierPath, line: row.line, message: "duplicate \(kind.rawValue) '\(term)' (first at line \(previous))")
            }
            if kind == .laughter {
                lexicon.laughterValence = weight
                continue
            }
            let words = term.wordsSplitOnSpaces()
            if words.count > 1 {
                lexicon.phrases.add(words: words, term: term, key: key, payload: .modifier(kind, weight))
            } else {
                // Emoji cues are looked up by their base, like the emoji table.
                let form = term.unicodeScalars.first.map { $0.value > 0x2000 } == true ? Self.emojiBase(term) : term
                lexicon.modifiers[form, default: ModifierSet()][kind] = weight
                if key(form) != form { lexicon.modifiersByKey[key(form), default: ModifierSet()][kind] = weight }
            }
        }
        lexicon.phrases.seal(negatorKinds: { lexicon.modifiers[$0] ?? ModifierSet() })
        self = lexicon
    }

    /// A user's lexicon: each term Escucha's lists lack, under the plug-in file's name (explanations show it as the list).
    private mutating func add(_ plugin: PluginLexicon, key: (String) -> String) {
        var summary = PluginSummary(file: plugin.file, added: 0, kept: 0, skipped: plugin.skipped)
        let list = plugin.listName
        for item in plugin.entries {
            let entry = ValenceEntry(term: item.term, valence: item.valence, list: list, line: item.line)
            if item.term.utf8.contains(UInt8(ascii: " ")) {
                guard expressionsByTerm[item.term] == nil else { summary.kept += 1; continue }
                expressionsByTerm[item.term] = entry
                phrases.add(words: item.term.wordsSplitOnSpaces(), term: item.term, key: key, payload: .expression(entry))
            } else {
                let termKey = key(item.term)
                guard words[item.term] == nil, wordsByKey[termKey] == nil else { summary.kept += 1; continue }
                words[item.term] = entry
                wordsByKey[termKey] = entry
            }
            summary.added += 1
        }
        plugins.append(summary)
    }

    /// The error for a term listed twice, naming where it was first listed (the first row of the tables with it).
    static func duplicate(_ term: String, in tables: [TSVTable], at path: String, line: Int) -> LexiconError {
        let first = tables.lazy.compactMap { table in table.rows.first { $0[0] == term }.map { (table.file, $0.line) } }.first
        return LexiconError(file: path, line: line, message: "duplicate term '\(term)' (already in \(first?.0 ?? path):\(first?.1 ?? line))")
    }

    /// A row's valence (its second field).
    static func parseValence(_ row: TSVTable.Row, file: String) throws(LexiconError) -> Double {
        guard let value = row.decimal(1), value.isFinite, (-4...4).contains(value), value != 0 else {
            throw LexiconError(file: file, line: row.line, message: "the valence must be a number from -4 to 4 other than 0, found '\(row[1])'")
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

/// Multiword expressions and modifier phrases, as a trie over the words' accent-insensitive keys: reading
/// a text costs one dictionary lookup per word and per step into a phrase, whatever the lexicon's size.
public struct PhraseIndex: Sendable {
    public enum Payload: Sendable, Equatable {
        case expression(ValenceEntry)
        case modifier(ModifierKind, Double)
    }

    /// What a complete phrase is, built once when the lexicon loads.
    public struct Reading: Sendable {
        public var opinion: OpinionLookup.Found?
        public var modifiers: ModifierSet
        public var words: [String]
        /// The words joined, as units and explanations show them. Written as the lexicon writes them, accents kept
        /// (`más o menos`), where a single word's key is folded (`mas`): a rule's word list that names a phrase must list
        /// the accented spelling too (`BalancedVerdict.evenVerdicts`, `LongWait.minimizers`). Folding here would remove
        /// that trap but change the cues every explanation prints.
        public var key: String
    }

    struct Node: Sendable {
        /// The word as the lexicon writes it (the key alone would let `si` match `sí`).
        var word: String
        /// The next child of the same parent under the same key (`si` after `sí`), or -1.
        var sibling: Int32 = -1
        var payloads: [Payload] = []
        var reading: Reading?
        /// The phrase's words, on the node that completes it.
        var words: [String] = []
        /// The words joined by one space, when a term as the lexicon writes it is that (see `add`).
        var joined: String?
    }

    private(set) var nodes: [Node] = [Node(word: "")]
    public private(set) var count = 0
    /// Every word key used in a phrase, numbered: a text's words are looked up by number.
    private(set) var keyIDs: [String: Int32] = [:]
    /// (node, key id) → a group of child nodes (several when spellings share a key: `si`, `sí`).
    private var childTable = PackedTable([])
    private var childGroups: [Range<Int32>] = []
    private var childFlat: [Int32] = []

    /// While phrases are added: (node, key id) → the first child under that key, the others linked by `sibling`.
    /// One table of integer keys for the whole trie: a dictionary of string keys per node cost a table to grow
    /// at each of its ~8,000 nodes and its key hashed again when sealing.
    private var firstChild: [UInt64: Int32] = [:]

    /// Sizes the tables for about `words` phrase words (a node, an edge and at most a key each): grown from empty,
    /// they were hashed again at each doubling.
    mutating func reserveCapacity(_ words: Int) {
        nodes.reserveCapacity(words + 1)
        firstChild.reserveCapacity(words)
        keyIDs.reserveCapacity(words)
    }

    /// `words`: `term` cut at its spaces.
    mutating func add(words: [String], term: String, key: (String) -> String, payload: Payload) {
        var node = 0
        for word in words {
            let wordKey = key(word)
            let id: Int32
            if let existing = keyIDs[wordKey] { id = existing } else { id = Int32(keyIDs.count); keyIDs[wordKey] = id }
            let edge = UInt64(node) << 32 | UInt64(UInt32(id))
            var child = firstChild[edge] ?? -1
            var last: Int32 = -1
            while child >= 0, nodes[Int(child)].word != word {
                last = child
                child = nodes[Int(child)].sibling
            }
            if child < 0 {
                child = Int32(nodes.count)
                nodes.append(Node(word: word))
                if last < 0 { firstChild[edge] = child } else { nodes[Int(last)].sibling = child }
            }
            node = Int(child)
        }
        nodes[node].payloads.append(payload)
        nodes[node].words = words
        // A term as long as its words and one space between each is those words joined (its spaces are single and
        // none at either end), and is kept as the reading's key: joining the words again cost about 1,100
        // instructions for each of 4,300 phrases.
        if nodes[node].joined == nil, term.utf8.count == words.reduce(words.count - 1, { $0 + $1.utf8.count }) {
            nodes[node].joined = term
        }
        count += 1
    }

    /// Builds each complete phrase's reading. A neutral phrase (`buenos días`) drops an expression of the
    /// same words; a negative expression that opens with a negator (`no funcionar`) negates what follows it too.
    mutating func seal(negatorKinds: (String) -> ModifierSet) {
        var pairs: [(UInt64, Int32)] = []
        pairs.reserveCapacity(firstChild.count)
        childFlat.reserveCapacity(nodes.count)
        childGroups.reserveCapacity(firstChild.count)
        for (edge, first) in firstChild {
            let start = Int32(childFlat.count)
            var child = first
            while child >= 0 {
                childFlat.append(child)
                child = nodes[Int(child)].sibling
            }
            childGroups.append(start..<Int32(childFlat.count))
            pairs.append((edge, Int32(childGroups.count - 1)))
        }
        // A phrase's first words are the root's children: the key ids each of them continues under.
        var isStart = [Bool](repeating: false, count: nodes.count)
        for (edge, group) in pairs where edge >> 32 == 0 {
            for child in childFlat[Int(childGroups[Int(group)].lowerBound)..<Int(childGroups[Int(group)].upperBound)] {
                isStart[Int(child)] = true
            }
        }
        for (edge, _) in pairs where isStart[Int(edge >> 32)] {
            startChildKeyIDs[Int(edge >> 32), default: []].append(Int32(truncatingIfNeeded: edge))
        }
        firstChild = [:]
        childTable = PackedTable(pairs)
        // By index: mapping the nodes copied each whole node (its word, payloads and reading) to read its word.
        words = nodes.indices.map { index in
            let text = nodes[index].word
            let key = Folding.key(text)
            return Word(text: text, key: key, accented: key != text)
        }
        // Each spelling numbered, listed under its key, and each child filed under (parent, spelling) too: a word's
        // reading finds the spellings it matches once (`WordReading.phraseSpellings`), and a step into a phrase is then
        // one probe per spelling, with no string compared.
        var spellingIDs: [String: Int32] = [:]
        spellingsByKey = Array(repeating: [], count: keyIDs.count)
        nodeSpelling = Array(repeating: -1, count: nodes.count)
        var spellingPairs: [(UInt64, Int32)] = []
        spellingPairs.reserveCapacity(nodes.count)
        for (edge, group) in pairs {
            for child in childFlat[Int(childGroups[Int(group)].lowerBound)..<Int(childGroups[Int(group)].upperBound)] {
                let text = nodes[Int(child)].word
                let spelling: Int32
                if let known = spellingIDs[text] {
                    spelling = known
                } else {
                    spelling = Int32(spellingIDs.count)
                    spellingIDs[text] = spelling
                    spellingWords.append(words[Int(child)])
                    spellingsByKey[Int(Int32(truncatingIfNeeded: edge))].append(spelling)
                }
                nodeSpelling[Int(child)] = spelling
                spellingPairs.append((edge & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(spelling)), child))
            }
        }
        childBySpelling = PackedTable(spellingPairs)
        for index in nodes.indices where !nodes[index].payloads.isEmpty {
            let words = nodes[index].words
            var modifiers = ModifierSet()
            var opinion: OpinionLookup.Found?
            let isNeutral = nodes[index].payloads.contains(.modifier(.neutral, 1))
            for payload in nodes[index].payloads {
                switch payload {
                case .expression(let entry):
                    guard !isNeutral else { continue }
                    opinion = OpinionLookup.Found(entry: entry, match: "expression", intensity: [])
                    // A complaint that opens with a negator (`no funciona`) negates what follows (`bien`); praise
                    // that does (`no dejes de probar`, `no tiene desperdicio`) is a litotes, and what follows is
                    // its object, not negated. Either side that opens with a concord word (`ni caso`, `nada que
                    // objetar`, `nada mal`) repeats the `no` before it, which the negation rule then leaves alone.
                    let first = negatorKinds(words[0])
                    if entry.valence < 0, let negator = first[.negator] { modifiers[.negator] = negator }
                    if let concord = first[.concord] { modifiers[.concord] = concord }
                case .modifier(let kind, let weight):
                    modifiers[kind] = weight
                }
            }
            nodes[index].reading = Reading(opinion: opinion, modifiers: modifiers, words: words,
                                           key: nodes[index].joined ?? words.joined(separator: " "))
        }
        complete = nodes.indices.map { nodes[$0].reading != nil }
    }

    func children(of node: Int, key: String) -> ArraySlice<Int32>? {
        guard let id = keyIDs[key] else { return nil }
        return children(of: node, keyID: id)
    }

    /// The numbered keys a phrase's first word (a child of the root) has children under, by its node.
    func childKeyIDs(ofStart node: Int) -> [Int32] { startChildKeyIDs[node] ?? [] }
    private var startChildKeyIDs: [Int: [Int32]] = [:]

    /// The children of `node` under a numbered key, without hashing a string.
    @inline(__always)
    func children(of node: Int, keyID: Int32) -> ArraySlice<Int32>? {
        guard let group = childTable.value(UInt64(node) << 32 | UInt64(UInt32(keyID))) else { return nil }
        let range = childGroups[Int(group)]
        return childFlat[Int(range.lowerBound)..<Int(range.upperBound)]
    }
    /// The spellings (numbered phrase words) filed under key `id`, and what each is.
    func spellings(ofKey id: Int32) -> [Int32] { spellingsByKey[Int(id)] }
    func word(ofSpelling spelling: Int32) -> Word { spellingWords[Int(spelling)] }
    /// The spelling a node's word has (-1 at the root).
    @inline(__always)
    func spelling(of node: Int) -> Int32 { nodeSpelling[Int(node)] }
    /// The child of `node` written as `spelling`, if any: one probe of a flat table (a node's children differ in spelling).
    @inline(__always)
    func child(of node: Int, spelling: Int32) -> Int32? { childBySpelling.value(UInt64(node) << 32 | UInt64(UInt32(spelling))) }
    private var spellingsByKey: [[Int32]] = []
    private var spellingWords: [Word] = []
    private var nodeSpelling: [Int32] = []
    private var childBySpelling = PackedTable([])

    /// A phrase word as tokens are matched against it: as written, its key, and whether they differ (then a
    /// token written without the accents matches it by key).
    struct Word: Sendable {
        let text: String
        let key: String
        let accented: Bool
    }

    private var words: [Word] = []

    @inline(__always)
    func word(of node: Int) -> Word { words[node] }
    func reading(of node: Int) -> Reading? { nodes[node].reading }
    /// How many nodes the trie has (node numbers run below it).
    var nodeCount: Int { nodes.count }
    /// Whether a phrase ends at `node` (without copying its reading).
    @inline(__always)
    func isComplete(_ node: Int) -> Bool { complete[node] }
    private var complete: [Bool] = []

    /// The reading of exactly these words (hashtag segments), by key.
    func reading(ofKeys keys: [String]) -> Reading? {
        var node = 0
        for key in keys {
            guard let next = children(of: node, key: key)?.first else { return nil }
            node = Int(next)
        }
        return nodes[node].reading
    }
}
