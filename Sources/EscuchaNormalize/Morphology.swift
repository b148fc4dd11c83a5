import EscuchaCore
/// Light Spanish morphology for lexicon matching: from a folded word form to the lemma a lexicon lists.
///
/// Rules propose candidates and a candidate is accepted only when the vocabulary, the lemma table or the
/// list of gendered words knows it, so a rule never invents a word:
/// - number: `precios` → `precio`, `atenciones` → `atención`, `luces` → `luz`;
/// - gender, only for words that are one lexeme in two genders (`gendered.tsv`): `malas` → `malo`, but
///   `casa` stays `casa` (not `caso`);
/// - superlatives, diminutives, augmentatives: `riquísimo` → `rico`, `amabilísimo` → `amable`,
///   `cosita` → `cosa`, `cochazo` → `coche`;
/// - enclitic pronouns and verb forms: `devuélvanme` → `devolver`, `llegaron` → `llegar`, with the table
///   of irregular and stem-changing forms (`fue` → `ser`, `tuve` → `tener`).
///
/// Lemmas are computed when a word is first met and remembered per thread: computing the whole vocabulary's
/// when the lexicons load cost more than scoring thousands of texts, and a corpus meets a fraction of it.
struct Morphology: Sendable {
    // Byte-keyed for NFC words (`NFCKeyedTable`): a first reading asks these tables a dozen times.
    let vocabulary: NFCKeyedTable<Double>
    let irregular: NFCKeyedTable<String>
    /// Feminine form → masculine lemma, for words that inflect for gender.
    let masculine: NFCKeyedTable<String>
    /// Lemmas of words as they are met (surfaces repeat), up to a bound.
    private let memo = ThreadLocal { WordMemo<(lemma: String, rule: String?)>() }

    static let enclitics = ["nos", "los", "las", "les", "me", "te", "se", "os", "lo", "la", "le"]

    /// The object pronoun a word ends in, leaving at least three letters before it (`dámelo` → `lo`).
    static func enclitic(endingOf word: some StringProtocol) -> String? {
        // Only the pronouns that end in the word's last byte are compared (most words end in none of them).
        let utf8 = word.utf8, count = utf8.count
        guard count > 0 else { return nil }
        let last = utf8[utf8.index(utf8.startIndex, offsetBy: count - 1)]
        return encliticsByLastByte[Int(last)].first { word.hasUTF8Suffix($0) && word.utf8.count > $0.utf8.count + 2 }
    }

    /// `enclitics` by their last byte, each list in the order of `enclitics`.
    static let encliticsByLastByte: [[String]] = {
        var table = [[String]](repeating: [], count: 256)
        for pronoun in enclitics { table[Int(pronoun.utf8.last!)].append(pronoun) }
        return table
    }()

    init(vocabulary: [String: Double], irregular: [String: String], masculine: [String: String]) {
        self.vocabulary = NFCKeyedTable(vocabulary)
        self.irregular = NFCKeyedTable(irregular)
        self.masculine = NFCKeyedTable(masculine)
    }

    func isKnown(_ word: String) -> Bool { vocabulary[word] != nil || masculine[word] != nil || irregular[word] != nil }

    /// `inVocabulary`, when the caller has just asked the vocabulary, spares asking it again.
    func lemma(_ word: String, inVocabulary: Bool? = nil) -> (lemma: String, rule: String?) {
        let memo = self.memo.value
        if let cached = memo.lookup(word) { return cached }
        let result = compute(word, inVocabulary: inVocabulary)
        memo.store(word, result)
        return result
    }

    /// The lemma of a vocabulary word, nil for words the vocabulary does not know.
    func knownLemma(_ word: String) -> (lemma: String, rule: String?)? { vocabulary[word] != nil ? lemma(word, inVocabulary: true) : nil }

    private func compute(_ word: String, inVocabulary known: Bool?) -> (lemma: String, rule: String?) {
        if let listed = irregular[word] { return (listed, "irregular") }
        if let lemma = masculine[word] { return (lemma, "gender") }
        // Number, then gender on the singular.
        // `isKnown` is asked table by table below, so that no table is asked twice (each lookup hashes the word).
        let w = Bytes(word)
        for singular in Self.singulars(w) {
            if let listed = irregular[singular] { return (listed, "irregular") }
            if let lemma = masculine[singular] { return (lemma, "gender") }
            guard vocabulary[singular] != nil else { continue }
            // A plural has its singular's lemma: `carísimas` → `carísima` → `caro`, `cositas` → `cosa`.
            let inner = compute(singular, inVocabulary: true)
            return inner.rule == nil ? (singular, "number") : inner
        }
        let inVocabulary = known ?? (vocabulary[word] != nil)
        var candidates: [(lemma: String, rule: String)] = []
        derivations(word, w, inVocabulary: inVocabulary, into: &candidates)
        for (candidate, rule) in candidates {
            if let listed = irregular[candidate] { return (listed, rule) }
            if let lemma = masculine[candidate] { return (lemma, rule) }
            if vocabulary[candidate] != nil { return (candidate, rule) }
        }
        return (word, nil)
    }

    static func singulars(_ word: String) -> [String] { singulars(Bytes(word)) }

    /// The same, from the word's bytes: a caller that has them does not copy the word again.
    static func singulars(_ w: Bytes) -> [String] {
        guard w.count > 3, w.ends("s") else { return [] }
        var out: [String] = []
        if w.ends("ces") { out.append(w.dropping("ces") + "z") }
        if w.ends("es") {
            out.append(restoreAccent(w.dropping("es")))
            out.append(w.dropping("es"))
        }
        out.append(w.dropping("s"))
        return out
    }

    /// Endings throughout are compared as bytes (`hasUTF8Suffix`): the word is NFC, as every form the normalizer makes,
    /// and so is every stem cut from its bytes.
    /// Candidates from derivation and conjugation, appended to `out`. For a word the vocabulary knows, only the
    /// unambiguous ones: `casa` must not become `casar`, but `cosita` may become `cosa`. From the word and its bytes `w`:
    /// the caller's copy of the bytes serves every ending tested (each copy is an array).
    func derivations(_ word: String, _ w: Bytes, inVocabulary: Bool, into out: inout [(lemma: String, rule: String)]) {
        func add(_ candidate: String, _ rule: String) { if candidate != word, candidate.utf8.count >= 2 { out.append((candidate, rule)) } }
        // Only the suffixes that end in the word's last byte are tested, in the lists' order (as for the verb endings).
        let last = Int(w.bytes.last ?? 0)

        for index in Self.superlativesByLastByte[last] where w.ends(Self.superlatives[index]) {
            let suffix = Self.superlatives[index]
            let stem = w.dropping(suffix)
            let feminine = suffix.last == UInt8(ascii: "a") || suffix.suffix(2) == Array("as".utf8)
            if stem.hasUTF8Suffix("bil") { add(String(stem.dropLast(3)) + "ble", "superlative") }
            if stem.hasUTF8Suffix("qu") { add(String(stem.dropLast(2)) + "co", "superlative") }
            if stem.hasUTF8Suffix("gu") { add(String(stem.dropLast(2)) + "go", "superlative") }
            if stem.hasUTF8Suffix("c") { add(String(stem.dropLast(1)) + "z", "superlative") }
            add(stem + "o", "superlative")
            if feminine { add(stem + "a", "superlative") }
            add(stem + "e", "superlative")
            add(stem, "superlative")
            break
        }
        // Diminutives and augmentatives only for words the vocabulary does not know: a known word ending in
        // `-illo` or `-ito` is usually a word of its own (`pasillo`, `bolsillo`, `ventanilla`, `perito`, `delito`);
        // the true diminutives among known words (`ahorita`, `carrito`) are listed in `lemmas.tsv`.
        for index in Self.affixesByLastByte[last] where !inVocabulary {
            let (suffix, endings, rule) = Self.affixes[index]
            guard w.ends(suffix) && w.count > suffix.count + 2 else { continue }
            let stem = w.dropping(suffix)
            // A bare stem in -ar, -er or -ir is never a diminutive's: those nouns take `-cito` (`lugarcito`, `mujercita`),
            // and a verb has none (`amarillo` is not `amar` + `-illo`).
            let infinitiveStem = suffix.first != UInt8(ascii: "c") && ["ar", "er", "ir"].contains { stem.hasUTF8Suffix($0) }
            for ending in endings where !(ending.isEmpty && infinitiveStem) {
                if (stem.hasUTF8Suffix("qu") || stem.hasUTF8Suffix("gu")) && (ending == "o" || ending == "a") {
                    add(String(stem.dropLast(2)) + (stem.hasUTF8Suffix("qu") ? "c" : "g") + ending, rule)
                } else {
                    add(stem + ending, rule)
                }
                if ending == "e" { add(stem + "é", rule) }  // cafecito → café
            }
            break
        }
        // Enclitic pronouns (devuélvanme, recomiéndenlo, dámelo, arreglarlo): up to two.
        var stripped = word
        var removed = 0
        while removed < 2, let pronoun = Self.enclitic(endingOf: stripped) {
            let before = String(stripped.utf8.dropLast(pronoun.utf8.count))!
            // Only verb shapes take enclitics: an infinitive, a gerund, or an imperative with its written accent.
            let plain = Self.removeAccents(before)
            // The vosotros imperative drops its `d` only before `os`: `devolvedme`, `decidnos` keep it.
            // (`llamados` is a participle, not `llamad` + `os`, which is written `llamaos`).
            let vosotros = pronoun != "os" && ["ad", "ed", "id"].contains { plain.hasUTF8Suffix($0) } && vocabulary[String(plain.dropLast()) + "r"] != nil
            // An infinitive ends in -ar, -er or -ir: `soporte` is not `sopor` + `te`, nor `transporte` a verb.
            let infinitive = ["ar", "er", "ir"].contains { plain.hasUTF8Suffix($0) }
            let verbLike = infinitive || before.hasUTF8Suffix("ndo") || plain != before || removed > 0 || vosotros
            guard verbLike else { break }
            stripped = before
            removed += 1
            add(plain, "enclitic")
            if vosotros { add(String(plain.dropLast()) + "r", "enclitic") }
            conjugations(Bytes(plain), strict: false) { add($0, "enclitic") }
        }
        conjugations(w, strict: inVocabulary) { add($0, "conjugation") }
    }

    static let superlatives: [[UInt8]] = ["ísimos", "ísimas", "ísimo", "ísima", "isimos", "isimas", "isimo", "isima"].map { Array($0.utf8) }

    static let affixes: [([UInt8], [String], String)] = ([
        ("ecito", ["e", ""], "diminutive"), ("ecita", ["e", ""], "diminutive"), ("cito", ["", "e"], "diminutive"),
        ("cita", ["", "e"], "diminutive"), ("citos", ["", "e"], "diminutive"), ("citas", ["", "e"], "diminutive"),
        ("itos", ["o", "e"], "diminutive"), ("itas", ["a", "e"], "diminutive"), ("ito", ["o", "e", ""], "diminutive"),
        ("ita", ["a", "e", ""], "diminutive"), ("illos", ["o"], "diminutive"), ("illas", ["a"], "diminutive"),
        ("illo", ["o", "e", ""], "diminutive"), ("illa", ["a", "e", ""], "diminutive"),
        ("azos", ["o", "e"], "augmentative"), ("azo", ["o", "e", ""], "augmentative"), ("aza", ["a", ""], "augmentative"),
        ("otes", ["o", "e"], "augmentative"), ("ote", ["o", "e", ""], "augmentative"), ("ota", ["a", ""], "augmentative"),
    ] as [(String, [String], String)]).map { (Array($0.0.utf8), $0.1, $0.2) }

    /// Infinitives a regular verb form (its bytes `w`) may come from, handed to `body` in order. `strict` keeps to
    /// endings that only verbs have. Handed rather than returned: an array of them per call was made only to be read.
    func conjugations(_ w: Bytes, strict: Bool, _ body: (String) -> Void) {
        guard let last = w.bytes.last else { return }
        // Only the endings that end in the word's last byte are tested, in the lists' order.
        for index in Self.unambiguousByLastByte[Int(last)] {
            let (ending, infinitives) = Self.unambiguousEndings[index]
            if w.ends(ending) && w.count > ending.count + 1 { appendInfinitives(w.dropping(ending), ending: ending, infinitives, to: body) }
        }
        guard !strict else { return }
        for index in Self.ambiguousByLastByte[Int(last)] {
            let (ending, infinitives) = Self.ambiguousEndings[index]
            if w.ends(ending) && w.count > ending.count + 1 { appendInfinitives(w.dropping(ending), ending: ending, infinitives, to: body) }
        }
    }

    /// The endings' numbers by their last byte: a word is compared only with the few endings that end as it does
    /// (testing all 83 cost 1,700 instructions a call, and each new word makes several calls).
    static func byLastByte(_ endings: [[UInt8]]) -> [[Int]] {
        var table = [[Int]](repeating: [], count: 256)
        for (index, ending) in endings.enumerated() { table[Int(ending.last!)].append(index) }
        return table
    }

    static let unambiguousByLastByte = byLastByte(unambiguousEndings.map(\.0))
    static let ambiguousByLastByte = byLastByte(ambiguousEndings.map(\.0))
    static let superlativesByLastByte = byLastByte(superlatives)
    static let affixesByLastByte = byLastByte(affixes.map(\.0))

    private func appendInfinitives(_ verbStem: String, ending: [UInt8], _ infinitives: [String], to body: (String) -> Void) {
        do {
            var stem = verbStem
            // Spelling before e: busqué → buscar, llegué → llegar, empecé → empezar.
            if ending.first == 0xC3 && ending.count > 1 && ending[1] == 0xA9 || ending.first == UInt8(ascii: "e") {
                if stem.hasUTF8Suffix("qu") { stem = String(stem.dropLast(2)) + "c" }
                else if stem.hasUTF8Suffix("gu") { stem = String(stem.dropLast(2)) + "g" }
                else if stem.hasUTF8Suffix("c") { body(String(stem.dropLast()) + "zar") }
            }
            for infinitive in infinitives { body(stem + infinitive) }
        }
    }

    static let unambiguousEndings: [([UInt8], [String])] = ([
            ("aron", ["ar"]), ("ieron", ["er", "ir"]), ("ando", ["ar"]), ("iendo", ["er", "ir"]), ("yendo", ["er", "ir"]),
            ("aban", ["ar"]), ("aba", ["ar"]), ("ían", ["er", "ir"]),
            // `-emos` and `-amos` are also the present subjunctive (`cuando nos quedemos`, `que comamos`): the
            // indicative's own verb class is tried first.
            ("amos", ["ar", "er", "ir"]), ("emos", ["er", "ar"]), ("imos", ["ir"]),
            ("aremos", ["ar"]), ("eremos", ["er"]), ("iremos", ["ir"]), ("aríamos", ["ar"]), ("eríamos", ["er"]), ("iríamos", ["ir"]),
            ("ábamos", ["ar"]), ("íamos", ["er", "ir"]),
            ("asteis", ["ar"]), ("aste", ["ar"]), ("iste", ["er", "ir"]), ("ó", ["ar"]), ("ió", ["er", "ir"]),
            ("arán", ["ar"]), ("erán", ["er"]), ("irán", ["ir"]), ("ará", ["ar"]), ("erá", ["er"]), ("irá", ["ir"]),
            ("aría", ["ar"]), ("ería", ["er"]), ("iría", ["ir"]), ("arían", ["ar"]), ("erían", ["er"]), ("irían", ["ir"]),
            ("aré", ["ar"]), ("eré", ["er"]), ("iré", ["ir"]), ("é", ["ar"]),
            // The second person of the future and the conditional: `te enamorarás`, `apreciarás`, `te encantarías`.
            ("arás", ["ar"]), ("erás", ["er"]), ("irás", ["ir"]), ("arías", ["ar"]), ("erías", ["er"]), ("irías", ["ir"]),
            // Vosotros (Spain): `disfrutaréis`, `os arrepentiréis`, `os encantaría`, `comisteis`, `estabais`.
            ("aréis", ["ar"]), ("eréis", ["er"]), ("iréis", ["ir"]), ("aríais", ["ar"]), ("eríais", ["er"]), ("iríais", ["ir"]),
            ("abais", ["ar"]), ("íais", ["er", "ir"]), ("isteis", ["er", "ir"]),
        ] as [(String, [String])]).map { (Array($0.0.utf8), $0.1) }

    static let ambiguousEndings: [([UInt8], [String])] = ([
        ("ía", ["er", "ir"]), ("an", ["ar"]), ("en", ["er", "ir", "ar"]), ("as", ["ar"]), ("es", ["er", "ir", "ar"]),
        ("a", ["ar"]), ("e", ["er", "ir", "ar"]), ("o", ["ar", "er", "ir"]), ("í", ["er", "ir"]),
        // Vosotros present, indicative or subjunctive: `habláis`, `coméis`, `vivís`, `habléis`, `comáis`.
        ("áis", ["ar", "er", "ir"]), ("éis", ["er", "ar"]), ("ís", ["ir"]),
        // Imperfect subjunctive (`si funcionara`, `ojalá contestaran`, `si me devolviesen`); `-aras` is also the future
        // written without its accent (`te enamoraras de la ciudad`).
        ("ara", ["ar"]), ("aran", ["ar"]), ("aras", ["ar"]), ("ase", ["ar"]), ("asen", ["ar"]),
        ("iera", ["er", "ir"]), ("ieran", ["er", "ir"]), ("ieras", ["er", "ir"]), ("iese", ["er", "ir"]), ("iesen", ["er", "ir"]),
    ] as [(String, [String])]).map { (Array($0.0.utf8), $0.1) }

    static func removeAccents(_ text: String) -> String {
        // ASCII and Latin-1 letters (every byte below C4) are one scalar a Character: the five vowels' bytes are replaced
        // in place, without breaking the text into Characters (9,000 instructions a word).
        if text.utf8.allSatisfy({ $0 < 0xC4 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var accent = false
            for byte in text.utf8 {
                if accent {
                    accent = false
                    switch byte {
                    case 0xA1: out.append(UInt8(ascii: "a")); continue
                    case 0xA9: out.append(UInt8(ascii: "e")); continue
                    case 0xAD: out.append(UInt8(ascii: "i")); continue
                    case 0xB3: out.append(UInt8(ascii: "o")); continue
                    case 0xBA: out.append(UInt8(ascii: "u")); continue
                    default: out.append(0xC3)
                    }
                }
                if byte == 0xC3 { accent = true } else { out.append(byte) }
            }
            if accent { out.append(0xC3) }
            return String(decoding: out, as: UTF8.self)
        }
        return String(text.map { character -> Character in
            switch character {
            case "á": return "a"
            case "é": return "e"
            case "í": return "i"
            case "ó": return "o"
            case "ú": return "u"
            default: return character
            }
        })
    }

    /// Plurals drop a written accent the singular needs: `atenciones` → `atención`.
    static func restoreAccent(_ stem: String) -> String {
        guard stem.hasUTF8Suffix("n") || stem.hasUTF8Suffix("s") else { return stem }
        for (plain, accented) in accentedEndings where stem.hasUTF8Suffix(plain) {
            return String(stem.dropLast(plain.count)) + accented
        }
        return stem
    }

    /// Endings as a plural writes them and as the singular does (a list written in the loop was made at every call).
    static let accentedEndings = [("cion", "ción"), ("sion", "sión"), ("on", "ón"), ("in", "ín"), ("an", "án"), ("es", "és")]
}

/// A word's UTF-8 bytes, for suffix tests that do not go through grapheme breaking.
struct Bytes {
    let bytes: [UInt8]
    init(_ word: String) { bytes = Array(word.utf8) }
    var count: Int { bytes.count }

    /// Compared through buffers: `elementsEqual` on a slice, and an array made of a literal, cost far more than
    /// the few bytes compared, and morphology asks this of dozens of endings for each new word.
    func ends(_ suffix: [UInt8]) -> Bool {
        suffix.withUnsafeBufferPointer { ends($0) }
    }

    func ends(_ suffix: StaticString) -> Bool {
        ends(UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
    }

    private func ends(_ suffix: UnsafeBufferPointer<UInt8>) -> Bool {
        guard suffix.count <= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { word in
            let offset = word.count - suffix.count
            var index = 0
            while index < suffix.count {
                if word[offset + index] != suffix[index] { return false }
                index += 1
            }
            return true
        }
    }

    func dropping(_ suffix: [UInt8]) -> String { String(decoding: bytes.dropLast(suffix.count), as: UTF8.self) }
    func dropping(_ suffix: StaticString) -> String { String(decoding: bytes.dropLast(suffix.utf8CodeUnitCount), as: UTF8.self) }
}

/// What was worked out for words as they are met on one thread (brand names and typos repeat), up to a
/// bound: lemmas of words outside the vocabulary (`Morphology`), lemma candidates (`Normalizer`).
///
/// Keyed by the word's bytes (`ByteKeyedTable`): a `String`-keyed dictionary hashed each word with SipHash after
/// normalizing it, about 600 instructions a lookup or store, and every new surface makes several. Words here are the
/// normalizer's forms, NFC; a word spelled otherwise is only computed again, from its own bytes.
final class WordMemo<Value> {
    /// A value in the table's slot, which holds objects.
    private final class Entry {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Room for 2^16 words (a few hundred kilobytes a thread once full), cleared when 70% full; the first 2^12 slots
    /// are made at once (a corpus of a megabyte meets about 3,000 new words).
    private let entries = ByteKeyedTable<Entry>(capacityPowerOfTwo: 16, initialPowerOfTwo: 13)

    func lookup(_ word: String) -> Value? {
        var word = word
        return word.withUTF8 { entries.lookup($0)?.value }
    }

    func store(_ word: String, _ value: Value) {
        var word = word
        word.withUTF8 { entries.store($0, Entry(value)) }
    }
}
