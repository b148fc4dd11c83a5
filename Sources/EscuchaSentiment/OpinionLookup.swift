import EscuchaCore
import EscuchaNormalize

/// Finds the lexicon entry a word token stands for, and how: its spelling, its spelling without accents,
/// its lemma, an adverb in `-mente`, an intensifying prefix (`superbueno`, `rebarato`), or a lemma the
/// morphology proposes that only the sentiment lexicon knows.
public struct OpinionLookup: Sendable {
    let lexicon: SentimentLexicon
    let normalizer: Normalizer
    let spelling = SpellingRepairCache()
    /// `lexicon.modifiers` and `modifiersByKey`, answered from an NFC word's bytes (`NFCKeyedTable`): a new word's
    /// reading asks them for the word, its lemma and each infinitive it may conjugate (a `String` key's lookup hashes
    /// it after normalizing it, about 500 instructions). Built from the lexicon this lookup holds, so they agree.
    let modifiers: NFCKeyedTable<ModifierSet>
    let modifiersByKey: NFCKeyedTable<ModifierSet>

    init(lexicon: SentimentLexicon, normalizer: Normalizer) {
        self.lexicon = lexicon
        self.normalizer = normalizer
        modifiers = NFCKeyedTable(lexicon.modifiers)
        modifiersByKey = NFCKeyedTable(lexicon.modifiersByKey)
    }

    /// An entry found, shared by every unit that reads it (a unit holds one reference, not its strings).
    public final class Found: Sendable {
        public let entry: ValenceEntry
        public let match: String
        /// Rules the word itself carries: a superlative or an intensifying prefix.
        let intensity: [(rule: String, cue: String?, factor: Double)]
        /// The entry's term, list and valence and the match as a contribution's JSON writes them (`Contribution.entryJSON`),
        /// encoded once here, where the entry is found: written for each contribution, the three strings were each
        /// measured, copied and checked for escapes, and the valence formatted (about 550 instructions a contribution).
        let entryJSON: [UInt8]

        init(entry: ValenceEntry, match: String, intensity: [(rule: String, cue: String?, factor: Double)]) {
            self.entry = entry
            self.match = match
            self.intensity = intensity
            entryJSON = Contribution.entryJSON(term: entry.term, list: entry.list, match: match, valence: entry.valence)
        }
    }

    /// Prefixes that intensify the word they are glued to, with the booster weight of their free form.
    static let prefixes: [(prefix: String, modifier: String)] = [
        ("requete", "requete"), ("recontra", "recontra"), ("súper", "súper"), ("super", "super"), ("mega", "mega"),
        ("híper", "híper"), ("hiper", "hiper"), ("ultra", "ultra"), ("re", "re"),
    ]

    /// `candidates` are the lemma candidates of `forms.normalized` (asked only for a word without spaces), `known` its
    /// frequency in the vocabulary: the caller has both, and each ask of a table hashes the word again.
    func find(_ forms: TokenForms, candidates: [(lemma: String, rule: String)], known: Double?) -> Found? {
        let word = forms.normalized
        if let entry = entry(for: word) {
            return Found(entry: entry, match: entry.term == word ? "exact" : "accents", intensity: [])
        }
        // The lemma's entry, asked once: the lemma is often among the candidates too (`precios` → `precio`). A lemma that
        // is the word has none (asked just above).
        let lemmaEntry = forms.lemma != word ? entry(for: forms.lemma) : nil
        if let entry = lemmaEntry, !Self.isVerbFormOfAdjective(entry, conjugated: forms.steps.contains("conjugation")) {
            // A superlative whose base the lemma table lists (`riquísima` → `rico`) is one still.
            let superlative = forms.steps.contains("superlative")
                || Self.superlativeEndings.contains { forms.key.hasUTF8Suffix($0) } && ["adjectives", "core", "regional"].contains(entry.list)
            return Found(entry: entry, match: "lemma", intensity: superlative ? [("superlative", nil, Self.superlativeFactor)] : [])
        }
        // A chat spelling expanded to several words (`hdp` → `hijo de puta`, `tqm` → `te quiero mucho`) is one token: its
        // expansion is read as the expression it spells.
        if word.utf8.contains(UInt8(ascii: " ")) { return lexicon.expressionsByTerm[word].map { Found(entry: $0, match: "expansion", intensity: []) } }
        guard word.utf8.count > 3 else { return nil }
        // Endings and prefixes are compared as bytes (`hasUTF8Suffix`, `hasUTF8Prefix`): the word is NFC, as the normalizer
        // makes every form, and `String.hasPrefix` walked Characters (about 280 instructions for each of nine prefixes).
        if word.hasUTF8Suffix("mente"), word.utf8.count > 8 {
            let stem = String(word.dropLast(5))
            // Only from clear opinions: `horriblemente`, `perfectamente`; adverbs of mild adjectives are
            // mostly discourse words (`exactamente`, `simplemente`, `directamente`).
            for candidate in [stem, stem.hasSuffix("a") ? String(stem.dropLast()) + "o" : stem] {
                if let entry = entry(for: candidate) {
                    return abs(entry.valence) >= Self.adverbMinimum ? Found(entry: entry, match: "-mente", intensity: []) : nil
                }
            }
        }
        // A form the lemma table lists as a noun's or an adjective's (`soluciones` → `solución`) is not read as
        // a verb its ending could also make (`solucionar`).
        let listedNonVerb = Normalizer.isListedAsNonVerb(candidates: candidates)
        for (candidate, rule) in candidates {
            if listedNonVerb, rule.isKey("conjugation") { continue }
            // A word the vocabulary knows is a word of its own, not a diminutive or augmentative of another (`facilita`
            // is a form of `facilitar`, not a little `fácil`): as in `Morphology`, true ones are listed in `lemmas.tsv`.
            if known != nil, rule.isKey("diminutive") || rule.isKey("augmentative") { continue }
            // A word the vocabulary knows as common (`planta`, `aire`, `chiste`) is not read as a form of a
            // much rarer verb (`plantar`, `airar`, `chistar`) that happens to share its spelling.
            if let known, rule.isKey("conjugation"), (normalizer.vocabulary[candidate] ?? 0) < known - Self.homographMargin { continue }
            if let entry = candidate == forms.lemma ? lemmaEntry : entry(for: candidate),
               !Self.isVerbFormOfAdjective(entry, conjugated: rule.isKey("conjugation")) {
                return Found(entry: entry, match: rule, intensity: rule.isKey("superlative") ? [("superlative", nil, Self.superlativeFactor)] : [])
            }
        }
        // The feminine of an adjective the lexicon lists in the masculine (`amistosa`, `adversas`): adjectives are
        // one word in two genders. Not when the feminine is a commoner word of its own (`salida` is an exit).
        // Written without its accent too (`romantica`, `magicas`): the masculine is found as any word is, and the two
        // forms are compared as the lexicon spells them (`romántica` against `romántico`).
        if let masculine = Self.masculine(of: word), let entry = entry(for: masculine), ["adjectives", "regional", "core"].contains(entry.list),
           entry.term.hasSuffix("o") {
            let vocabulary = normalizer.vocabulary
            // The form as written may be a commoner word of its own too (`practica`, a form of `practicar`).
            let written = word.hasSuffix("s") ? String(word.dropLast()) : word
            let feminine = max(vocabulary[written] ?? 0, vocabulary[String(entry.term.dropLast()) + "a"] ?? 0)
            if feminine <= (vocabulary[entry.term] ?? 0) + Self.homographMargin {
                return Found(entry: entry, match: "gender", intensity: [])
            }
        }
        // `superbueno`, `rebarato`, `requetebién`: only when the whole word is not a word of its own
        // (`recargar` is not `re` + `cargar`).
        if !normalizer.isKnownWord(word, inVocabulary: known != nil, candidates: candidates) {
            for (prefix, modifier) in Self.prefixes where word.hasUTF8Prefix(prefix) && word.utf8.count >= prefix.utf8.count + 3 {
                let rest = String(word.dropFirst(prefix.count))
                guard let factor = modifiers[modifier]?[.booster] else { continue }
                // Prefixes intensify qualities (`superbueno`, `rebarato`), not nouns (`superhéroe`).
                if let entry = entry(for: rest) ?? normalizer.lemmaCandidates(of: rest).lazy.compactMap({ self.entry(for: $0.lemma) }).first,
                   ["adjectives", "core", "regional"].contains(entry.list) {
                    return Found(entry: entry, match: "prefix", intensity: [("booster", prefix, factor)])
                }
            }
            // A typo of an opinion word (`horrbile`), when neither it nor a lemma of it is Spanish (`fachada`
            // is not `gachada`). A capitalised one is read too (`Exelente servicio` opens a sentence), and
            // `ProperNames` takes it back where it stands inside a sentence, as names do (`fuimos con Amabile`).
            if !forms.emphasis.contains(.allCaps), forms.key.utf8.count >= SpellingRepair.minimumLength,
               let words = spelling.words(), !words.keys.contains(forms.key), !words.isImperative(forms.key),
               !candidates.contains(where: { words.keys.contains(Folding.key($0.lemma)) }) {
                if let repaired = spelling.repair(forms.key, building: spellingCandidates) ?? inflectedRepair(of: forms.key) {
                    return Found(entry: repaired.entry, match: "spelling", intensity: [])
                }
            }
        }
        return nil
    }

    /// A typo in a plural or a feminine (`extraodinaria`, `acojedoras`, `exelentes`): the lexicon lists the masculine
    /// singular, so the typo's own masculine singular is repaired, and only to an adjective for a feminine.
    private func inflectedRepair(of key: String) -> (word: String, entry: ValenceEntry)? {
        // The word itself (a feminine singular) and its singulars; the word as it is was already tried by the caller.
        var singulars = [key]
        if key.hasSuffix("es") { singulars.append(String(key.dropLast(2))) }
        if key.hasSuffix("s") { singulars.append(String(key.dropLast())) }
        var found: (word: String, entry: ValenceEntry)?
        /// Records the entry `candidate` repairs to; false when it differs from one already found (the typo is ambiguous).
        func consider(_ candidate: String, adjectiveOnly: Bool) -> Bool {
            guard candidate != key, let repaired = spelling.repair(candidate, building: spellingCandidates) else { return true }
            // A plural or a feminine is a noun's or an adjective's: `reventaores` is no form of `reventar`.
            if repaired.entry.list.isKey("verbs") || adjectiveOnly && !["adjectives", "regional", "core"].contains(repaired.entry.list) { return true }
            if let previous = found, previous.entry.term != repaired.entry.term { return false }
            found = found ?? repaired
            return true
        }
        for singular in singulars {
            guard consider(singular, adjectiveOnly: false) else { return nil }
            // `-a` for `-o` (`extraordinaria`), and `-a` after a consonant ending (`acogedora`, `mandona`).
            if singular.hasSuffix("a") {
                let stem = String(singular.dropLast())
                guard consider(stem + "o", adjectiveOnly: true) else { return nil }
                if let last = stem.utf8.last, [UInt8(ascii: "r"), UInt8(ascii: "n")].contains(last) {
                    guard consider(stem, adjectiveOnly: true) else { return nil }
                }
            }
        }
        return found
    }

    /// Every opinion word a typo may be repaired to: the lexicon's single words, by key (their forms are
    /// reached through the typo's own lemma candidates).
    private func spellingCandidates() -> SpellingRepair {
        // A key several terms share (`atención`, `atencion`) keeps the least of them, the one a sort of the terms put
        // first; the candidates' order does not matter otherwise (a repair is refused when two candidates differ).
        // Sorting every term as a String cost 15 M instructions at the first typo of every run. A term whose key is
        // shorter than the repair's minimum is dropped by the repair (folding never lengthens, so a short term is too).
        // A term that is its own key is the least of those sharing it (folding turns an accented vowel into its base
        // vowel, which sorts before it), so only accented terms are compared, and only with each other: a table of
        // every key cost two hashes a term (6 M instructions at the first typo of every run). `words` holds single
        // words only: a term with a space is an expression.
        var candidates: [(key: String, entry: ValenceEntry)] = []
        candidates.reserveCapacity(lexicon.words.count)
        var accented: [String: (number: Int, term: String)] = [:]
        for (term, entry) in lexicon.words where term.utf8.count >= SpellingRepair.minimumLength {
            let key = Folding.key(term)
            guard key.utf8.count >= SpellingRepair.minimumLength else { continue }
            if key == term {
                candidates.append((key, entry))
                continue
            }
            // The unaccented spelling, when the lexicon has it, is the least and takes the key in its own turn.
            if lexicon.words[key] != nil { continue }
            if let previous = accented[key] {
                if term < previous.term { (candidates[previous.number].entry, accented[key]) = (entry, (previous.number, term)) }
                continue
            }
            accented[key] = (candidates.count, term)
            candidates.append((key, entry))
        }
        return SpellingRepair(candidates: candidates)
    }

    static let superlativeEndings = ["isimo", "isima", "isimos", "isimas"]

    /// An adjective spelled like an infinitive (`regular`, `popular`) is not what its verb's forms say: `no hay
    /// quien regule la entrada`, `regulan el acceso` are no verdict of so-so.
    static func isVerbFormOfAdjective(_ entry: ValenceEntry, conjugated: Bool) -> Bool {
        conjugated && entry.list.isKey("adjectives")
    }

    /// `amistosa` → `amistoso`, `adversas` → `adverso`.
    static func masculine(of word: String) -> String? {
        if word.hasUTF8Suffix("as"), word.utf8.count > 4 { return String(word.dropLast(2)) + "o" }
        if word.hasUTF8Suffix("a"), word.utf8.count > 3 { return String(word.dropLast()) + "o" }
        return nil
    }

    static let adverbMinimum = 2.0
    /// How much rarer (on the Zipf scale) a verb may be than the word that looks like its form: verb forms
    /// are rarer than their infinitive (`funciona` 4.1, `funcionar` 4.2), nouns are not (`tarde` 4.6,
    /// `tardar` 4.0; `mente` 4.3, `mentir` 3.5).
    static let homographMargin = 0.5

    /// `-ísimo` strengthens its base (`buenísimo` is more than `bueno`, less than two of them).
    static let superlativeFactor = 1.3

    /// A word's entry by spelling, or by key when the lexicon's spelling has accents the customer left
    /// out. A key match is refused when the customer wrote an accent the entry lacks: `sí` is not `si`.
    func entry(for word: String) -> ValenceEntry? {
        if let entry = lexicon.words[word] { return entry }
        let key = Folding.key(word)
        guard let entry = lexicon.wordsByKey[key] else { return nil }
        if key != word && Folding.key(entry.term) == entry.term { return nil }
        return entry
    }
}
