import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// What a complaint team acts on, found in a text with its evidence: intent to leave, legal threats,
/// effort, urgency, repeat contact, recommendation, praise of staff.
public enum SignalKind: String, Sendable, CaseIterable {
    case churn, legal, effort, urgency
    case repeatContact = "repeat_contact"
    case recommend
    case notRecommend = "not_recommend"
    case staffPraise = "staff_praise"

    /// Which way the signal leans: +1 for a recommendation or praise, −1 for the rest (all complaints' marks).
    public var polarity: Double {
        switch self {
        case .recommend, .staffPraise: return 1
        case .churn, .legal, .effort, .urgency, .repeatContact, .notRecommend: return -1
        }
    }
}

public struct SignalHit: Sendable, Equatable {
    public var signal: SignalKind
    public var sentence: Int
    public var evidence: [Range<Int>]
}

/// Signals from `lexicons/es/signals/signals.tsv` (`signal	term	match	note`; match `lemma`, `exact`,
/// `pattern`, a phrase whose `{n}` stands for a number: `llamar {n} veces`, or `exclude`, a phrase that in
/// the same sentence means the signal is not there: `de los correos` for a churn `dar de baja`).
///
/// A signal is not raised when the writer negates it right before (`no pienso darme de baja`, `no voy a
/// denunciar`): a negator, with only pronouns and intent verbs between it and the evidence, cancels it.
/// A negator inside the term (`no lo recomiendo`) is part of the evidence and cancels nothing. Praise of
/// staff counts only in a sentence whose sentiment is positive.
public struct SignalDetector: Sendable {
    public let matcher: TopicMatcher
    let kinds: [SignalKind]

    public static let numberWords: WordSet = ["un", "una", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
                                                  "diez", "once", "doce", "quince", "veinte", "treinta", "cien", "mil", "varias", "varios",
                                                  "muchas", "muchos", "tantas", "tantos", "enesima", "segunda", "tercera", "cuarta", "quinta", "sexta"]
    static let between: WordSet = ["me", "te", "se", "nos", "os", "lo", "la", "le", "les", "los", "las", "pienso", "pensamos",
                                       "voy", "vamos", "a", "quiero", "queremos", "tengo", "intención", "de", "ni", "siquiera"]
    static let negators: WordSet = ["no", "nunca", "jamas", "tampoco", "ni"]

    public init(directory: String, normalizer: Normalizer, vocabulary: TermVocabulary = TermVocabulary()) throws(LexiconError) {
        let table = try TSVTable.load("\(directory)/signals/signals.tsv", columns: ["signal", "term", "match", "note"], uniqueKey: false)
        var rules: [SignalKind: [TopicRule]] = [:]
        var exclusions: [SignalKind: [TopicRule]] = [:]
        for row in table.rows {
            guard let kind = SignalKind(rawValue: row[0]) else {
                throw LexiconError(file: table.file, line: row.line,
                                   message: "unknown signal '\(row[0])'; expected one of \(SignalKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let words = row[1].wordsSplitOnSpaces()
            guard !words.isEmpty else { throw LexiconError(file: table.file, line: row.line, message: "the term is empty") }
            switch row[2] {
            case "lemma", "pattern": rules[kind, default: []].append(.term(words: words, exact: false))
            case "exact": rules[kind, default: []].append(.term(words: words, exact: true))
            case "exclude": exclusions[kind, default: []].append(.term(words: words, exact: false))
            default: throw LexiconError(file: table.file, line: row.line, message: "match must be lemma, exact, pattern or exclude, found '\(row[2])'")
            }
        }
        kinds = SignalKind.allCases.filter { rules[$0] != nil }
        let topics = kinds.map { kind -> Topic in
            var rule: TopicRule = .any(rules[kind]!)
            if let excluded = exclusions[kind] { rule = .all([rule, .not(.any(excluded))]) }
            return Topic(id: kind.rawValue, label: kind.rawValue, description: "", rule: rule, pack: "signals")
        }
        matcher = TopicMatcher(taxonomy: Taxonomy(topics: topics), normalizer: normalizer, slot: "{n}", slotWords: Self.numberWords.strings,
                              vocabulary: vocabulary)
    }

    /// Verbs of taking a complaint outside (`ir a la OCU`, `hablaré con mi abogado`, `pedir la hoja de
    /// reclamaciones`). In a text that is not a complaint, a legal term that is only a name or a noun needs
    /// one of them near it, or it is information (`vi en la revista de la OCU que salió bien valorada`).
    static let legalActions: WordSet = ["ir", "acudir", "llevar", "denunciar", "demandar", "reclamar", "poner", "presentar",
                                            "escribir", "quejar", "recurrir", "hablar", "llamar", "amenazar", "iniciar", "tomar",
                                            "pedir", "solicitar", "exigir", "terminar", "acabar", "elevar", "interponer", "meter", "mandar",
                                            "voy", "vamos", "iremos", "ire", "fui", "fuimos", "puesto", "puesta", "ver", "veremos"]

    /// `found`: `matcher`'s hits, found by a matcher that combines it with others (`TopicMatcher(combining:)`).
    public func detect(_ text: NormalizedText, sentiment: SentimentAnalysis, found: [TopicHit]? = nil) -> [SignalHit] {
        var room: [SignalHit] = []
        return detect(text, sentiment: sentiment, found: found, room: &room)
    }

    /// The same, the list made in `room`: an empty list whose room is kept from an earlier result (`Analyzers.Room`).
    public func detect(_ text: NormalizedText, sentiment: SentimentAnalysis, found: [TopicHit]?, room: inout [SignalHit]) -> [SignalHit] {
        var out: [SignalHit] = []
        swap(&out, &room)
        let found = found ?? matcher.match(text)
        for hit in found {
            let kind = kinds[hit.topic]
            // The hit's evidence itself where none of it is negated (nearly always): filtered, it was a new array a hit.
            var evidence = hit.evidence.contains { isNegated($0, text) } ? hit.evidence.filter { !isNegated($0, text) } : hit.evidence
            if kind == .effort {
                evidence = evidence.filter { !isInformationQuestion($0, sentence: text.sentences[hit.sentence].tokens, text) }
            }
            // Outside complaint, an obligation put to the reader is advice (`es un lugar al que tienes que ir`) and trips
            // counted are visits by choice (`he ido varias veces`): effort is what the writer had to do. A complaining
            // sentence keeps them (`tienes que ir tres veces a la oficina`).
            if kind == .effort || kind == .repeatContact, sentiment.sentences[hit.sentence].score.label != .neg || sentiment.score.label == .pos {
                evidence = evidence.filter { !isAdviceOrVisit($0, text) }
            }
            // History retold (`el Pípila incendió la puerta`, `cuenta la leyenda que la mató`) is no emergency; nor is a
            // story told with no writer or reader in it (`un callejón que tiene historia… la hija es amenazada por el padre`).
            if kind == .urgency {
                let sentenceTokens = text.sentences[hit.sentence].tokens
                let retold = Self.hasKey(in: sentenceTokens, text, of: Self.historyWords, Self.historyShapes)
                    || Self.hasKey(in: sentenceTokens, text, of: Self.storyWords, Self.storyShapes)
                        && !sentenceTokens.contains { Self.persons.contains(text.tokens[$0].key) || text.tokens[$0].key.hasSuffix("mos") }
                evidence = evidence.filter { range in
                    !retold && !sentiment.contributions.contains { $0.tokens.overlaps(range) && $0.rules.contains { $0.rule.isKey("narration") } }
                }
            }
            // `no lo recomiendo para gente impresionable`, `… si vas con niños`: a warning for some; `no recomiendo
            // lavarlo en caliente`, `no recomiendo ir en agosto`: advice on how or when. Neither is against it.
            if kind == .notRecommend {
                evidence = evidence.filter { !isQualified($0, text) && !isAdviceOnHow($0, text) }
            }
            if kind == .legal, sentiment.score.label != .neg {
                evidence = evidence.filter { isVerbPhrase($0, text) || hasLegalAction(near: $0, in: text.sentences[hit.sentence].tokens, text) }
            }
            guard !evidence.isEmpty else { continue }
            if kind == .staffPraise, sentiment.sentences[hit.sentence].score.label != .pos,
               !evidence.contains(where: { isPraised($0, sentence: text.sentences[hit.sentence].tokens, text, sentiment) }) { continue }
            out.append(SignalHit(signal: kind, sentence: hit.sentence, evidence: evidence))
        }
        // Contacting again and again is effort, and going or calling again is repeat contact: the third time one
        // writes (`es la cuarta vez que os escribo`) costs effort; `tuve que ir tres veces`, `llevo 4 días llamando`
        // are contacts repeated. A second contact is repeat contact only.
        for hit in out where hit.signal == .repeatContact && !out.contains(where: { $0.signal == .effort && $0.sentence == hit.sentence }) {
            if hit.evidence.contains(where: { range in range.contains { Self.manyTimes.contains(text.tokens[$0].key) } && mentionsContact(range, text) }) {
                out.append(SignalHit(signal: .effort, sentence: hit.sentence, evidence: hit.evidence))
            }
        }
        for hit in out where hit.signal == .effort && !out.contains(where: { $0.signal == .repeatContact && $0.sentence == hit.sentence }) {
            if hit.evidence.contains(where: { isRepeatedContact($0, text) }) {
                out.append(SignalHit(signal: .repeatContact, sentence: hit.sentence, evidence: hit.evidence))
            }
        }
        // Advice to visit or try that the sentiment model read (`no te vayas sin probarlo`, `no puedes dejar de
        // visitarlo`, `tienes que probar el mole`) is a recommendation, though no listed phrase says so.
        for contribution in sentiment.contributions where contribution.match.isKey("recommendation") && contribution.value > 0 {
            guard let sentence = text.sentences.firstIndex(where: { $0.tokens.contains(contribution.tokens.lowerBound) }),
                  !out.contains(where: { $0.signal == .recommend && $0.sentence == sentence }) else { continue }
            out.append(SignalHit(signal: .recommend, sentence: sentence, evidence: [contribution.tokens]))
        }
        // Staff named or identified in praise: `Nuria, la de atención al cliente, ha sido un encanto`,
        // `la asesora Diana fue muy amable`, `gracias a Lucho`.
        // Only sentences with some praise in them are read word by word (most have none).
        for (index, sentence) in text.sentences.enumerated()
        where sentiment.sentences[index].score.positive > 0 && !out.contains(where: { $0.signal == .staffPraise && $0.sentence == index }) {
            if let person = staffMention(in: sentence.tokens, text, sentiment: sentiment),
               sentiment.sentences[index].score.label == .pos || isPraised(person, sentence: sentence.tokens, text, sentiment) {
                out.append(SignalHit(signal: .staffPraise, sentence: index, evidence: [person]))
            }
        }
        return out
    }

    /// Roles of the people who serve customers.
    static let roles: WordSet = ["camarero", "camarera", "mesero", "mesera", "mozo", "moza", "guia", "tecnico", "tecnica",
                                     "recepcionista", "cajero", "cajera", "asesor", "asesora", "vendedor", "vendedora", "doctor",
                                     "doctora", "enfermero", "enfermera", "chef", "cocinero", "cocinera", "fisio", "profe", "profesor",
                                     "profesora", "maestro", "maestra", "repartidor", "repartidora", "conductor", "conductora",
                                     "mecanico", "portero", "comercial", "ejecutivo", "ejecutiva", "agente", "operador", "operadora",
                                     "dependiente", "dependienta", "encargado", "encargada", "instalador", "motorizado", "peluquera",
                                     "peluquero", "farmaceutico", "farmaceutica", "veterinario", "veterinaria", "azafata", "piloto"]

    /// The roles' first bytes and lengths.
    static let roleShapes = AspectSentiment.Shapes(Array(roles.strings))

    /// Roles that are also adjectives or titles (`súper comercial`, `el Maestro Rivera`, `prueba piloto`): a person only
    /// after a determiner (`el comercial`, `la maestra`, `un piloto`).
    static let adjectivalRoles: WordSet = ["comercial", "maestro", "maestra", "ejecutivo", "ejecutiva", "agente", "piloto"]
    static let determiners: WordSet = ["el", "la", "los", "las", "un", "una", "al", "del", "este", "esta", "ese", "esa", "su", "sus",
                                           "mi", "mis", "nuestro", "nuestra", "nuestros", "nuestras"]
    /// A role word, or a name: a capitalised word the vocabulary does not know, set off like a name
    /// (`Andrés,` / `a Lucho` / `Don Ramiro` / `se llamaba Iván`).
    func staffMention(in sentence: Range<Int>, _ text: NormalizedText, sentiment: SentimentAnalysis) -> Range<Int>? {
        // Each word's kind and key are read in place, and the token copied out (its forms retained) only for a word that
        // could be a name: most are lowercase and no role.
        text.tokens.withUnsafeBufferPointer { tokens in staffMention(in: sentence, tokens, text, sentiment: sentiment) }
    }

    private func staffMention(in sentence: Range<Int>, _ tokens: UnsafeBufferPointer<Token>, _ text: NormalizedText,
                              sentiment: SentimentAnalysis) -> Range<Int>? {
        // The role list and the marks' key in locals: read as globals, they were checked for their one-time set-up at every
        // word (about 60,000 calls per MB).
        let roles = Self.roles, roleShapes = Self.roleShapes, marksKey = SpellingMarks.key
        for index in sentence {
            // Most words are neither a role nor capitalised: passed on one bit kept with their forms, where each word's key
            // and surface were read for the two tests (about 70 instructions a word of a sentence with praise).
            guard tokens[index].kind == .word, mayNameStaff(tokens, index, marksKey) else { continue }
            // The key read in the forms, unretained: through the token, each word's key was retained and released. Most
            // words are passed on their first byte and length (`roleShapes`), without asking the list.
            if AspectSentiment.hasShape(tokens, index, roleShapes),
               Unmanaged.passUnretained(tokens[index].forms)._withUnsafeGuaranteedRef({ roles.contains($0.key) }) {
                if Self.adjectivalRoles.contains(tokens[index].key), !(index > sentence.lowerBound && Self.determiners.contains(tokens[index - 1].key)) { continue }
                return index..<index + 1
            }
            // An ASCII first letter is uppercase exactly when it is A–Z (Unicode's Uppercase property holds no other
            // ASCII character): asking the scalar's properties costs some 300 instructions a word.
            guard let firstByte = tokens[index].surface.firstUTF8Byte,
                  firstByte < 0x80 ? (0x41...0x5A).contains(firstByte) : tokens[index].surface.unicodeScalars.first!.properties.isUppercase else { continue }
            let token = tokens[index]
            guard !token.emphasis.contains(.allCaps) else { continue }
            let previous = index > sentence.lowerBound ? tokens[index - 1].key : ""
            let beforePrevious = index >= sentence.lowerBound + 2 ? tokens[index - 2] : nil
            let next = index + 1 < sentence.upperBound ? tokens[index + 1].surface : ""
            // Places are capitalised and set off too (`conocer Guanajuato, …`, `fuimos a Guanajuato`, `el monumento al
            // Pípila`): a name counts when it opens its clause (`Nuria, la de atención…`, `El guía, Andrés, …`), is
            // thanked (`gracias a Lucho`, `destacar a Marta`) or is titled (`don Ramiro`). Thanked, a name may also be a
            // word the vocabulary knows (`Lucho`, `Lucas`, `Paco`), though never `gracias a Dios` or `gracias a ellos`;
            // titled, it may not (`Señor Presidente`, `una bebida llamada Rusa`).
            let thanked = previous.isKey("a") && beforePrevious.map({ Self.thanks.contains($0.key) || Self.thanks.contains($0.lemma) }) == true
            let named = thanked ? !Self.notPeople.contains(token.key) : isSetOff(index, previous, beforePrevious, next, sentence, tokens, text)
            // The costly tests last, for a word placed as a name (a few in a hundred capitalised words, most of which open
            // their sentence): its characters counted, the contributions searched and the vocabulary asked (its folded
            // key hashed in three tables) cost about 1,000 instructions a word. An opinion word is no name, even
            // capitalised and unknown to the vocabulary: `Imperdible, …`.
            guard named, token.surface.count >= 3,
                  !sentiment.contributions.contains(where: { $0.tokens.contains(index) }),
                  thanked || !matcher.normalizer.isKnownWord(token.folded) else { continue }
            return index..<index + 1
        }
        return nil
    }

    /// Whether a word is a role word or opens with a capital: the words `staffMention` looks at further. Found once per
    /// spelling and kept with its forms (`SpellingMarks`).
    @inline(__always)
    private func mayNameStaff(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, _ key: AttachmentKey) -> Bool {
        SpellingMarks.marks(tokens, index, key: key) & SpellingMarks.mayNameStaff != 0
    }

    static func mayNameStaff(_ forms: TokenForms, _ roles: WordSet, _ roleShapes: AspectSentiment.Shapes) -> Bool {
        let key = forms.key
        if let first = key.firstUTF8Byte, roleShapes.contains(first: first, count: key.utf8.count), roles.contains(key) { return true }
        // As in `staffMention`: an ASCII first letter is uppercase exactly when it is A–Z.
        guard let firstByte = forms.surface.firstUTF8Byte else { return false }
        return firstByte < 0x80 ? (0x41...0x5A).contains(firstByte) : forms.surface.unicodeScalars.first!.properties.isUppercase
    }

    /// Whether the word at `index` is set off like a name: opening its clause before a comma, titled, or after `se llama`
    /// or a role word.
    private func isSetOff(_ index: Int, _ previous: String, _ beforePrevious: Token?, _ next: String, _ sentence: Range<Int>,
                          _ tokens: UnsafeBufferPointer<Token>, _ text: NormalizedText) -> Bool {
        let opensClause = index == sentence.lowerBound || tokens[index - 1].kind == .punctuation || previous.isKey("y") || previous.isKey("con")
        // The lists are asked only for a previous word of one of their words' first byte and length (`titleShapes`,
        // `roleShapes`): each ask hashes the word, about 90 instructions, for nearly every capitalised word.
        let hasPrevious = index > sentence.lowerBound
        return next == "," && opensClause && !isListedName(after: index, sentence, text)
            || hasPrevious && AspectSentiment.hasShape(tokens, index - 1, Self.titleShapes) && Self.titles.contains(previous)
            || (previous.isKey("llama") || previous.isKey("llamaba")) && beforePrevious?.key.isKey("se") == true
            || hasPrevious && AspectSentiment.hasShape(tokens, index - 1, Self.roleShapes) && Self.roles.contains(previous)
    }

    /// Whether some token of `range` has its key in `words`, asked only for a key of one of their first bytes and lengths
    /// (`shapes`), read in place: each token's key was hashed into the list (about 90 instructions) and retained.
    static func hasKey(in range: Range<Int>, _ text: NormalizedText, of words: WordSet, _ shapes: AspectSentiment.Shapes) -> Bool {
        text.tokens.withUnsafeBufferPointer { tokens in
            range.contains { AspectSentiment.hasShape(tokens, $0, shapes) && words.contains(tokens[$0].key) }
        }
    }

    /// Words that title a name: `don Ramiro`, `una bebida llamada Rusa`.
    static let titles: WordSet = ["don", "doña", "dona", "señor", "señora", "senor", "senora", "señorita", "senorita", "llamado", "llamada"]
    static let titleShapes = AspectSentiment.Shapes(Array(titles.strings))

    /// A name followed by a comma and another name or a mention (`Endesa, Mercadona y Ryanair`, `Iberia, @Nairo`): a list
    /// of companies or accounts, not a person set off.
    func isListedName(after index: Int, _ sentence: Range<Int>, _ text: NormalizedText) -> Bool {
        guard index + 2 < sentence.upperBound else { return false }
        let afterComma = text.tokens[index + 2]
        return afterComma.kind != .word || afterComma.surface.unicodeScalars.first!.properties.isUppercase
    }

    /// Capitalised words thanked that are no one on the staff: `gracias a Dios`, `gracias a Ellos`, `gracias a Todos`.
    static let notPeople: WordSet = ["dios", "virgen", "cielo", "señor", "senor", "ellos", "ellas", "usted", "ustedes", "todos", "todas", "todo",
                                     "vosotros", "vosotras", "nosotros", "nosotras", "ti", "mi", "el", "ella", "la", "los", "las"]

    /// Words that thank or single out the person after `a`: `gracias a Lucho`, `quiero destacar a Marta`,
    /// `felicidades a Karla`, `shoutout a Brenda`.
    static let thanks: WordSet = ["gracias", "agradecer", "agradecimiento", "agradecimientos", "felicitar", "felicidades",
                                      "felicitaciones", "felicitacion", "destacar", "shoutout", "aplauso", "aplausos", "bravo",
                                      "reconocimiento", "mencion", "saludo", "saludos", "abrazo", "chapeau", "diez", "10", "recomendar"]

    /// Question words that ask for information: `¿a dónde tengo que ir?`, `¿qué tengo que hacer?` ask the way, they
    /// report no effort. `¿por qué tengo que llamar cinco veces?` complains, and stays.
    static let informationWords: WordSet = ["donde", "adonde", "como", "cuando", "cual", "cuales", "que"]

    /// Whether the evidence is asked about in a question (the sentence has a `?`) right after a question word.
    func isInformationQuestion(_ range: Range<Int>, sentence: Range<Int>, _ text: NormalizedText) -> Bool {
        // The byte first: `contains("?")` is Foundation's substring search (about 3,000 instructions a token), and no
        // character but `?` itself holds one.
        guard sentence.contains(where: {
            text.tokens[$0].kind == .punctuation && text.tokens[$0].surface.utf8.contains(UInt8(ascii: "?")) && text.tokens[$0].surface.contains("?")
        }) else { return false }
        var index = range.lowerBound - 1
        while index >= sentence.lowerBound, range.lowerBound - index <= 3 {
            let token = text.tokens[index]
            if Self.informationWords.contains(token.key) {
                return !(token.key.isKey("que") && index > sentence.lowerBound && ["por", "lo"].contains(text.tokens[index - 1].key))
            }
            index -= 1
        }
        return false
    }

    /// A negator up to five words before, in the same clause, cancels a signal (`no voy a ir a Profeco`,
    /// `no hizo falta pedir la hoja de reclamaciones`), unless it is part of a condition (`si no lo arreglan
    /// me doy de baja` is a threat).
    func isNegated(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        // Read in place, each key unretained, and the word lists in locals: a token copied out retained and released its
        // forms, and a list read as a global was checked for its one-time set-up at every word (about 900 instructions a
        // call, now about half).
        let negators = Self.negators, clauseWords = Self.clauseWords
        return text.tokens.withUnsafeBufferPointer { tokens in
            func isKey(_ index: Int, in words: WordSet) -> Bool {
                Unmanaged.passUnretained(tokens[index].forms)._withUnsafeGuaranteedRef { words.contains($0.key) }
            }
            if isKey(range.lowerBound, in: negators) { return false }  // the term carries its negation
            var index = range.lowerBound - 1
            var steps = 0
            while index >= 0, steps < 5 {
                if tokens[index].kind == .punctuation || isKey(index, in: clauseWords) { return false }
                if isKey(index, in: negators) {
                    return !(index > 0 && tokens[index - 1].key.isKey("si"))
                }
                index -= 1
                steps += 1
            }
            return false
        }
    }

    static let clauseWords: WordSet = ["que", "porque", "pero", "y", "aunque", "cuando", "pues", "o", "sino"]

    func isVerbPhrase(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        let lemma = text.tokens[range.lowerBound].lemma
        let key = text.tokens[range.lowerBound].key
        return key != lemma && (lemma.hasSuffix("ar") || lemma.hasSuffix("er") || lemma.hasSuffix("ir"))
            || key.hasSuffix("ar") || key.hasSuffix("er") || key.hasSuffix("ir")
    }

    func hasLegalAction(near range: Range<Int>, in sentence: Range<Int>, _ text: NormalizedText) -> Bool {
        let window = max(sentence.lowerBound, range.lowerBound - 6)..<min(sentence.upperBound, range.upperBound + 6)
        return window.contains { index in !range.contains(index) && TopicMatcher.matchKeys(text.tokens[index], matcher.normalizer).contains { Self.legalActions.contains($0) } }
    }
}
