import EscuchaCore
import EscuchaNormalize

/// A token, or a run of tokens read together (an expression, a multiword modifier), as the rules see it.
///
/// Plain memory: the unit holds its opinion and its key unretained (`opinionReference`, `keySource`), so copying a unit,
/// storing it and emptying a text's units retains and releases nothing (emptying them alone, each unit's key and opinion
/// released, cost about 9 M instructions per MB of texts). Every owner outlives the one text's analysis the units are made for: the text's
/// token forms, the word and mark readings this thread keeps until the next text (`OpinionCache`), the lexicon and its
/// reference. Units never leave `SentimentAnalyzer.analyze`.
struct Unit {
    var tokens: Range<Int>
    /// The lexicon entry this unit expresses, if it is an opinion. Set only to an opinion something else keeps for the
    /// text's analysis (a reading, the lexicon, `OpinionCache.keep`).
    var opinion: OpinionLookup.Found? {
        @inline(__always) get { opinionReference?.takeUnretainedValue() }
        @inline(__always) set { opinionReference = newValue.map { Unmanaged.passUnretained($0) } }
    }
    private var opinionReference: Unmanaged<OpinionLookup.Found>?
    /// What the unit does to others: boosters, negators, contrast words… with their weights.
    var modifiers = ModifierSet()
    /// Punctuation that ends a clause, or a word that does.
    var breaksClause = false
    var questionMarks = 0
    var exclamationMarks = 0
    /// The words as folded, for cues in explanations and for the rules that look at particular words.
    var key: String { keySource.key }
    let keySource: UnitKey
    /// The keyword and word lists the key stands for (`KeyFacts`): what the rules that scan every unit test.
    var facts: KeyFacts
    var isWord: Bool
    /// Emoji and emoticons, which may form a sentence of their own.
    var isSymbolic = false
    /// What the rules read of the word itself (of a phrase's first word, only `finite`).
    var traits = WordTraits()

    init(tokens: Range<Int>, opinion: OpinionLookup.Found? = nil, modifiers: ModifierSet = ModifierSet(), breaksClause: Bool = false,
         questionMarks: Int = 0, exclamationMarks: Int = 0, key: UnitKey, facts: KeyFacts, isWord: Bool, isSymbolic: Bool = false,
         traits: WordTraits = WordTraits()) {
        self.tokens = tokens
        opinionReference = opinion.map { Unmanaged.passUnretained($0) }
        self.modifiers = modifiers
        self.breaksClause = breaksClause
        self.questionMarks = questionMarks
        self.exclamationMarks = exclamationMarks
        keySource = key
        self.facts = facts
        self.isWord = isWord
        self.isSymbolic = isSymbolic
        self.traits = traits
    }

    func has(_ kind: ModifierKind) -> Bool { modifiers.contains(kind) }
}

/// Where a unit's key is kept, unretained (see `Unit`): a token's forms (its key, or for a mark or an emoticon its
/// surface), a phrase's text this thread keeps (`PhraseText`), or none (the empty key).
enum UnitKey {
    case key(Unmanaged<TokenForms>)
    case surface(Unmanaged<TokenForms>)
    case phrase(Unmanaged<PhraseText>)
    case empty

    static func key(of forms: TokenForms) -> UnitKey { .key(Unmanaged.passUnretained(forms)) }

    var key: String {
        switch self {
        case .key(let forms): forms._withUnsafeGuaranteedRef { $0.key }
        case .surface(let forms): forms._withUnsafeGuaranteedRef { $0.surface }
        case .phrase(let phrase): phrase._withUnsafeGuaranteedRef { $0.key }
        case .empty: ""
        }
    }
}

/// A phrase's key and its facts, made at the phrase's first use on a thread and kept by its `OpinionCache`: what a
/// phrase's unit names unretained.
final class PhraseText {
    let key: String
    let facts: KeyFacts

    init(_ key: String) {
        self.key = key
        facts = KeyFacts(key)
    }
}

/// What the rules read of a word surface beyond its opinion and modifiers, computed once per surface.
struct WordTraits {
    /// One word written with an initial capital only (`Rico`), for the proper-names rule.
    var capitalised = false
    /// A verb in the conditional (`encantaría`), for the irrealis rule.
    var conditional = false
    /// A verb reported as done: preterite (`atendieron`, `cumplió`) or `cumplen`.
    var reported = false
    /// A verb in the imperfect subjunctive (`contestaran`, `hubiera`, `cumpliera`): a counterfactual.
    var pastSubjunctive = false
    /// A conjugated verb (`conoce`, `vale`, `tardan`), or a phrase that opens with one: negation reads it.
    var finite = false
    /// A conjugated verb in a past tense, preterite or imperfect (`fuimos`, `llegué`, `estaba`): what happened.
    var past = false
    /// A present subjunctive in the persons a negative command uses (`engañen`, `mientas`, `toméis`): after `no`
    /// it forbids (`no nos engañen más`), it does not deny. Of a phrase's first word too.
    var command = false
    /// A unit of time, for the long-wait rule: `hours` (`horas`, `días`) or `minutes`.
    var timeUnit = TimeUnit.none
    /// A form of a verb a customer demands (`devolver`, `contestar`, `solucionar`…), and whether it is an
    /// imperative with pronouns attached (`devuélvanme`): see `UnmetExpectations.demands`.
    var demandable = false
    var imperative = false
    /// Spelled like an infinitive (`emitir`; the vocabulary need not know it), or one the vocabulary knows with
    /// clitics attached (`comunicarme`), for `Impediments` and `Recommendations`.
    var infinitive = false
    /// What those rules read of the infinitive's verb, by its lemma: found once per surface, not per unit.
    var action = Action()

    struct Action: OptionSet {
        let rawValue: UInt16
        /// Reaching a service (`acceder`, `pagar`): `Impediments.accessActions`.
        static let access = Action(rawValue: 1)
        /// Visiting or trying (`visitar`, `probar`): `Recommendations.recommendable`.
        static let recommendable = Action(rawValue: 2)
        /// Never a procedure (`visitar`, `probar`): `Recommendations.mustVisit`.
        static let mustVisit = Action(rawValue: 4)
        /// Any form of a verb that removes a problem (`arreglaron`, `quitó`): `Resolutions.verbs`.
        static let resolution = Action(rawValue: 8)
        /// A form of `dejar` that lets or refuses (`deja`, `dejaron`): `Impediments.letForms`.
        static let letting = Action(rawValue: 16)
        /// Any form of a verb that takes something away (`quitaron`, `pierde`): `Resolutions.removals`.
        static let removal = Action(rawValue: 32)
        /// Any form of a verb that solves a problem (`solucionó`, `resuelto`): `Resolutions.solvingVerbs`.
        static let solving = Action(rawValue: 64)
        /// Any form of a verb that deals with a problem (`atendieron`, `revisó`, `escucharon`): `Negation.handlingVerbs`.
        static let handling = Action(rawValue: 128)
        /// Any form of a verb of visiting or trying (`vas`, `visitas`, `pruebas`): `Recommendations.recommendable`.
        static let visiting = Action(rawValue: 256)
        /// Any form of a verb of running out or breaking down (`descarga`, `agota`, `rompe`): `FastWear.verbs`.
        static let wearing = Action(rawValue: 512)
        /// Any form of a verb that remedies a customer's problem (`reembolsaron`, `desbloqueó`): `ResolvedStories.remedies`.
        static let remedy = Action(rawValue: 1024)
        /// Any form of a verb of receiving or being sent (`tenía`, `llegó`, `mandaron`): `ResolvedStories.receivingVerbs`.
        static let receiving = Action(rawValue: 2048)
    }
    /// A function word of Spanish or English, for the language guess (`LanguageGuess`).
    var functionWord = LanguageGuess.FunctionWord.none
    /// Written in capitals and longer than one letter, for telling a shouted text (`SentimentAnalyzer.survey`).
    var shouted = false
    /// Longer than one letter (`a`, `y` in capitals say nothing of shouting).
    var longerThanOneLetter = false
    /// Size words, spaces, portions and copulas, for `SpaceSizes`.
    var sizing = SpaceSizes.Sizing()

    /// Words a few rules look for, found once per surface so that no rule hashes a unit's key.
    var frame = Frame()

    struct Frame: OptionSet {
        let rawValue: UInt8
        /// An object pronoun (`me`, `nos`, `lo`): `FulfilledExpectations.clitics`.
        static let clitic = Frame(rawValue: 1)
        /// `gracias`, `agradezco`: `Gratitude.thanks`.
        static let thanks = Frame(rawValue: 2)
        /// `historia`, `leyenda`, `independencia`: `Narration.cues`.
        static let history = Frame(rawValue: 4)
        /// The writer or the reader (`nos`, `te`, `mi`): `Narration.persons`.
        static let person = Frame(rawValue: 8)
        /// The word's lemma, folded, is a wait word (`esperamos` → `esperar`): `LongWait.waitWord`. A phrase's unit takes
        /// its first word's (the rule reads the lemma of a unit's first token).
        static let waitLemma = Frame(rawValue: 16)
    }

    enum TimeUnit: UInt8 { case none, minutes, hours }
    /// `desde`, and a day it may start from (`ayer`, `viernes`), for `LongWait` (`llevo desde el viernes esperando`).
    var since = Since.none
    enum Since: UInt8 { case none, marker, day }
}

/// Everything the sentiment model reads from one word surface, computed once per thread (surfaces repeat:
/// a corpus of millions of words has tens of thousands of them).
final class WordReading {
    // Fields are laid out in declaration order: the ones read at every word (the survey, `UnitReader.word`,
    // `mayGoOn` of this word and of the next) come first, the unit whole among them, so that a word touches three or
    // four cache lines of its reading instead of six; those read only at a new surface or in a phrase search follow.
    /// The unit the word reads as alone, at token 0: the unit reader copies it whole and gives it the token's range.
    /// Its key names the forms this reading is made for (they hold the reading, or the thread's table holds them), and
    /// its opinion is this reading's. Built field by field from the reading at every word, the unit cost about 10
    /// instructions more (1.8 M per MB of texts).
    let unit: Unit
    let traits: WordTraits
    let modifiers: ModifierSet
    /// What the rules read of the key (`forms.key`, every word unit's key).
    let facts: KeyFacts
    /// `facts.word`'s bit in a `KeyFactsUnion` (0 for none), found once here: the unit reader's `Keyword.bit` at every word
    /// was a jump through a table.
    let keywordBit: UInt32
    /// What of `traits` the unit reader sums for the rules (`TraitSummary`).
    let traitSummary: TraitSummary
    /// Whether `phraseStarts` has any (read without touching the array's buffer).
    let opensPhrase: Bool
    /// Whether a phrase of this word alone is complete (the lexicon's phrases have two words or more).
    let completesPhrase: Bool
    /// Whether the word's unit has an opinion and is a booster or a negator too (`UnitSums.doubleRoles`).
    let mayPlayDoubleRole: Bool
    /// Whether the word is a participle whose adjective reading the lexicon lists.
    let hasParticipleReading: Bool
    /// Bit `spelling % 64` of each spelling with which the phrases this word opens go on (their second words): most
    /// words that open a phrase are followed by none of them, and then the trie is not searched (`UnitReader.mayGoOn`).
    /// A word none of whose `spellingBits` is set here surely goes on with none of them, which answers for most words
    /// after one that opens few phrases; the others probe the start nodes (`UnitReader.mayGoOn`). By spelling, not by
    /// key, so a next word that only shares a key with them (its lemma's, say) does not start a search that fails.
    let continuationBits: UInt64
    /// Bit `spelling % 64` of each of `phraseSpellings`.
    let spellingBits: UInt64
    /// A word the phrase search steps over (`UnitReader.phrase`): a booster or dampener with no opinion of its own.
    let skippedInPhrases: Bool
    /// The phrase words (`PhraseIndex` spellings) this form matches, by the keys of `phraseKeyIDs` in their order: matched
    /// once here, so that a step into a phrase probes (node, spelling) and compares no strings (`UnitReader.phrase`).
    let phraseSpellings: [Int32]
    /// The phrase-trie nodes this word opens (most words open none, and then no phrase is tried).
    let phraseStarts: [Int32]
    /// This word's share of the survey's counts (`SentimentAnalyzer.survey`) as two 32-bit lanes each: an English and a
    /// Spanish function word, and a word longer than a letter and a shouted one. Added at every word without a branch:
    /// tested trait by trait, whether a word is a function word was a branch mispredicted about one word in three.
    let languageCounts: UInt64
    let shapeCounts: UInt64
    let opinion: OpinionLookup.Found?
    /// Keys under which phrases may list this word (its own, its lemma's, its verb's infinitives'), by
    /// their number in the phrase index; keys no phrase uses are left out.
    let phraseKeyIDs: [Int32]
    /// Whether two of `phraseSpellings` share a key (`esta` matches `esta` and `está`): the step then takes the key's
    /// children in the trie's order, which the tie between equally long phrases keeps.
    let spellingTwins: Bool
    /// Infinitives the form may conjugate (`merece` → `merecer`), for phrases written with infinitives.
    let infinitives: [String]
    /// What a phrase word may be written as for this form: its infinitives and, for a plural, its singular
    /// (`visitas obligadas` for `visita obligada`, whose feminine the lemma `obligado` does not keep).
    let phraseForms: [String]
    /// After `haber` a participle is the verb (`me han dejado`, `ha despegado`, `ha pasado`), not the adjective
    /// spelled like it (`dejado`, sloppy; `pasado`, overcooked): the verb's own entry, if it has one.
    /// Set only where that differs from the adjective's reading (`hasParticipleReading`).
    let asParticiple: OpinionLookup.Found?
    /// Whether a phrase ending in this word may be a quantity, a periphrasis or an approximation
    /// (`UnitReader.qualifiedPhraseEnds`): otherwise the phrase search does not ask.
    let mayEndQualifiedPhrase: Bool
    /// A diminutive or augmentative: phrases match its lemma only by key, not as an inflection.
    let derived: Bool
    let lemmaKey: String

    /// The lexicon and the lookup are borrowed: an initializer owns its arguments by default, so each new surface
    /// copied both structs (retaining each of their tables) and released them at the end.
    init(_ forms: TokenForms, lexicon: borrowing SentimentLexicon, lookup: borrowing OpinionLookup) {
        let ownModifiers = lookup.modifiers[forms.normalized]
        var modifiers = ownModifiers ?? (forms.key == forms.normalized ? lookup.modifiersByKey[forms.key] : nil) ?? ModifierSet()
        var infinitives: [String] = []
        var participleOf: String?
        // The word's lemma candidates, asked once and handed to `find` and `isFinite`: each ask of the per-thread memo
        // hashes the word again (800 instructions), and a new surface made five.
        // Whether the form is one word, asked once (walking the UTF-8 view cost 250 instructions each time).
        let oneWord = !forms.normalized.utf8.contains(UInt8(ascii: " "))
        let candidates = oneWord ? lookup.normalizer.lemmaCandidates(of: forms.normalized) : []
        if oneWord {
            for (candidate, rule) in candidates
            where (rule.isKey("conjugation") || rule.isKey("enclitic") || rule.isKey("irregular") || rule.isKey("participle")) && !infinitives.contains(candidate) {
                infinitives.append(candidate)
                if rule.isKey("participle"), participleOf == nil { participleOf = candidate }
            }
        }
        // The tables the closures below read, taken once: a closure that reads `lexicon` or `lookup` copies the
        // whole struct (and retains each of its tables).
        let modifierTable = lookup.modifiers
        let vocabulary = lookup.normalizer.vocabulary
        // The word's frequency, looked up once for `find`, `isFinite` and the traits (each asked the table).
        let known = vocabulary[forms.normalized]
        // The lemma's modifiers and those of the infinitives the lexicon lists, each looked up once: every kind below
        // asked the table again, hashing the same strings (a lookup is 600 instructions).
        // The lemma is most often the word itself, whose modifiers were just looked up.
        let lemmaModifiers = forms.lemma == forms.normalized ? ownModifiers : modifierTable[forms.lemma]
        let infinitiveModifiers = infinitives.compactMap { modifierTable[$0] }
        /// The lemma's weight of `kind`, or else the first listed infinitive's when verbs pass it on.
        func inherited(_ kind: ModifierKind, fromInfinitives: Bool) -> Double? {
            if let weight = lemmaModifiers?[kind] { return weight }
            guard fromInfinitives else { return nil }
            return infinitiveModifiers.lazy.compactMap { $0[kind] }.first
        }
        // Owed actions are listed as infinitives: `llegó`, `contestan` find `llegar`, `contestar`.
        if modifiers[.fulfilled] == nil, let weight = inherited(.fulfilled, fromInfinitives: true) {
            modifiers[.fulfilled] = weight
        }
        if modifiers[.expected] == nil, let weight = inherited(.expected, fromInfinitives: true) {
            modifiers[.expected] = weight
        }
        // Cost words and levels inflect (`comisiones`, `altas`, `altísima`); moving verbs conjugate (`subieron`).
        for kind in [ModifierKind.cost, .level] where modifiers[kind] == nil {
            if let weight = inherited(kind, fromInfinitives: false) { modifiers[kind] = weight }
        }
        if modifiers[.move] == nil, let weight = inherited(.move, fromInfinitives: true) {
            modifiers[.move] = weight
        }
        var keys = [forms.key]
        let derived = forms.steps.contains { $0.isKey("diminutive") || $0.isKey("augmentative") }
        let lemmaKey = Folding.key(forms.lemma)
        self.derived = derived
        self.lemmaKey = lemmaKey
        if !derived, !keys.contains(lemmaKey) { keys.append(lemmaKey) }
        var phraseForms = infinitives
        if oneWord, forms.normalized.utf8.last == UInt8(ascii: "s") {
            for (singular, rule) in candidates
            where rule.isKey("number") && lookup.normalizer.isKnownWord(singular) && !phraseForms.contains(singular) {
                phraseForms.append(singular)
            }
        }
        for form in phraseForms {
            let key = Folding.key(form)
            if !keys.contains(key) { keys.append(key) }
        }
        self.modifiers = modifiers
        self.infinitives = infinitives
        self.phraseForms = phraseForms
        // Loops rather than closures here and below: a closure that reads `lexicon` copies the whole struct.
        var keyIDs: [Int32] = []
        for key in keys { if let id = lexicon.phrases.keyIDs[key] { keyIDs.append(id) } }
        phraseKeyIDs = keyIDs
        var spellings: [Int32] = []
        var twins = false
        for id in keyIDs {
            var matched = 0
            for spelling in lexicon.phrases.spellings(ofKey: id)
            where UnitReader.matches(lexicon.phrases.word(ofSpelling: spelling), forms, alternatives: phraseForms, derived: derived, lemmaKey: lemmaKey) {
                spellings.append(spelling)
                matched += 1
            }
            if matched > 1 { twins = true }
        }
        phraseSpellings = spellings
        spellingTwins = twins
        mayEndQualifiedPhrase = UnitReader.qualifiedPhraseEnds.contains(forms.key)
        opinion = modifiers[.neutral] != nil ? nil : lookup.find(forms, candidates: candidates, known: known)
        let verbEntry = participleOf.flatMap { lookup.entry(for: $0) }
        if participleOf != nil, let list = opinion?.entry.list, list.isKey("adjectives") || list.isKey("sectors"),
           Self.participleEndings.contains(where: { forms.key.hasUTF8Suffix($0) }),
           verbEntry != nil || Self.adjectiveSenses.contains(forms.key) {
            hasParticipleReading = true
            asParticiple = verbEntry.map { OpinionLookup.Found(entry: $0, match: "participle", intensity: []) }
        } else {
            hasParticipleReading = false
            asParticiple = nil
        }
        var starts: [Int32] = []
        for id in phraseKeyIDs {
            for child in lexicon.phrases.children(of: 0, keyID: id) ?? []
            where UnitReader.matches(lexicon.phrases.word(of: Int(child)), forms, alternatives: phraseForms,
                                     derived: derived, lemmaKey: lemmaKey) && !starts.contains(child) {
                starts.append(child)
            }
        }
        phraseStarts = starts
        opensPhrase = !starts.isEmpty
        var continuations: [Int32] = []
        for start in starts {
            for id in lexicon.phrases.childKeyIDs(ofStart: Int(start)) {
                for child in lexicon.phrases.children(of: Int(start), keyID: id) ?? [] {
                    let spelling = lexicon.phrases.spelling(of: Int(child))
                    if !continuations.contains(spelling) { continuations.append(spelling) }
                }
            }
        }
        continuationBits = continuations.reduce(0) { $0 | 1 << UInt64($1 & 63) }
        spellingBits = spellings.reduce(0) { $0 | 1 << UInt64($1 & 63) }
        skippedInPhrases = opinion == nil && (self.modifiers.contains(.booster) || self.modifiers.contains(.dampener))
        // Of the reading's own opinion: a participle after `haber` may lose it (`asParticiple`), never gain one.
        mayPlayDoubleRole = opinion != nil && (self.modifiers.contains(.booster) || self.modifiers.contains(.negator))
        var completes = false
        for start in starts where lexicon.phrases.isComplete(Int(start)) { completes = true; break }
        completesPhrase = completes
        var traits = WordTraits()
        traits.capitalised = !forms.emphasis.contains(.allCaps) && ProperNames.isCapitalised(forms.surface)
        traits.functionWord = LanguageGuess.functionWord(forms.key)
        traits.longerThanOneLetter = forms.surface.utf8.count > 1
        traits.shouted = traits.longerThanOneLetter && forms.emphasis.contains(.allCaps)
        // A verb in the conditional: -ría(n)/-ríamos from an infinitive (`encantaría`, `sería`).
        let lemma = opinion?.entry.term ?? forms.lemma
        // `contestaran`, `cumpliera`, `abriesen`, `hubiera`: an imperfect subjunctive of a verb the
        // vocabulary knows (not `para`, `cara`, `clara`).
        traits.pastSubjunctive = Self.irregularPastSubjunctives.contains(forms.key)
            || forms.key.utf8.count > 5 && Self.subjunctiveEndings.end(forms.key)
               && !Self.presentSubjunctives.contains(forms.key)
               // The future keeps its accent where the customer wrote it: `ayudarán` is no `ayudaran`.
               && !(forms.surface.hasSuffix("rán") || forms.surface.hasSuffix("rá") || forms.surface.hasSuffix("RÁN") || forms.surface.hasSuffix("RÁ"))
               && infinitives.contains { vocabulary[$0] != nil }
               && known.map { $0 < 4.5 } ?? true
               && Self.hasFirstConjugationStem(forms.key, vocabulary: vocabulary)
        // Preterite forms (`atendieron`, `resolvió`, `ayudó`) and `cumplen`; not `cumple`, mostly a birthday.
        traits.reported = forms.key.hasUTF8Suffix("aron") || forms.key.hasUTF8Suffix("ieron") || forms.key.hasUTF8Suffix("yeron")
            || forms.normalized.hasUTF8Suffix("ó") || forms.key.isKey("cumplen")
        traits.finite = Self.isFinite(forms, lookup.normalizer, candidates: candidates, known: known)
        traits.infinitive = oneWord && (Self.isInfinitive(forms.normalized) && (forms.normalized.utf8.count >= 4 || Self.shortInfinitives.contains(forms.normalized))
            || Self.mayEndInClitic(forms.key)
               && infinitives.contains { Self.isInfinitive($0) && Self.isCliticTail(of: forms.key, after: Folding.key($0)) && vocabulary[$0] != nil })
        if traits.infinitive {
            if Impediments.accessActions.contains(lemmaKey) { traits.action.insert(.access) }
            if Recommendations.recommendable.contains(lemmaKey) { traits.action.insert(.recommendable) }
            if Recommendations.mustVisit.contains(lemmaKey) { traits.action.insert(.mustVisit) }
        }
        // Whether the lemma, or some infinitive, is in any of the verb lists below: most words are in none, and one look-up
        // each says so where each list asked in turn (seven scans of the infinitives per new surface).
        let lemmaActs = Self.actionVerbs.contains(forms.lemma)
        let infinitiveActs = infinitives.contains { Self.actionVerbs.contains($0) }
        /// Whether the lemma (when `lemma`) or an infinitive is in `list`, one of `actionVerbs`' lists.
        func names(_ list: WordSet, lemma: Bool) -> Bool {
            lemma && lemmaActs && list.contains(forms.lemma) || infinitiveActs && infinitives.contains { list.contains($0) }
        }
        if Recommendations.recommendable.contains(lemmaKey) || names(Recommendations.recommendable, lemma: false) {
            traits.action.insert(.visiting)
        }
        if names(FastWear.verbs, lemma: false) { traits.action.insert(.wearing) }
        if names(Resolutions.verbs, lemma: true) { traits.action.insert(.resolution) }
        if Impediments.letForms.contains(forms.key) { traits.action.insert(.letting) }
        if names(Resolutions.removals, lemma: true) { traits.action.insert(.removal) }
        if names(Resolutions.solvingVerbs, lemma: true) { traits.action.insert(.solving) }
        if names(Negation.handlingVerbs, lemma: true) { traits.action.insert(.handling) }
        if names(ResolvedStories.remedies, lemma: true) { traits.action.insert(.remedy) }
        if names(ResolvedStories.receivingVerbs, lemma: true) { traits.action.insert(.receiving) }
        traits.sizing = SpaceSizes.sizing(key: forms.key, term: opinion?.entry.term)
        if FulfilledExpectations.clitics.contains(forms.key) { traits.frame.insert(.clitic) }
        if Gratitude.thanks.contains(forms.key) { traits.frame.insert(.thanks) }
        if Narration.cues.contains(forms.key) { traits.frame.insert(.history) }
        if Narration.persons.contains(forms.key) { traits.frame.insert(.person) }
        if LongWait.waitWords.contains(lemmaKey) { traits.frame.insert(.waitLemma) }
        traits.since = forms.key.isKey("desde") ? .marker : LongWait.sinceDays.contains(forms.key) ? .day : .none
        traits.timeUnit = LongWait.longUnits.contains(forms.key) ? .hours : LongWait.minuteUnits.contains(forms.key) ? .minutes : .none
        traits.demandable = names(UnmetExpectations.demandVerbs, lemma: true)
        traits.imperative = traits.demandable && lookup.normalizer.isImperativeWithClitics(forms.normalized)
        // The conditional is the infinitive (or an irregular stem) and `-ía`: `encantaría`, `podría`; not the imperfect
        // `quería`, `sabía`.
        traits.conditional = (forms.key.hasUTF8Suffix("ria") || forms.key.hasUTF8Suffix("rian") || forms.key.hasUTF8Suffix("riamos"))
            && lemma != forms.normalized && (lemma.hasUTF8Suffix("ar") || lemma.hasUTF8Suffix("er") || lemma.hasUTF8Suffix("ir"))
            && Self.isConditional(key: forms.key, infinitive: Folding.key(lemma))
        traits.past = traits.finite && !traits.conditional && (traits.reported || Self.irregularPasts.contains(forms.key)
            || Self.imperfectEndings.end(forms.key) || forms.normalized.hasUTF8Suffix("é"))
        traits.command = Self.mayBeCommandForm(forms.key) && infinitives.contains { Self.isCommandForm(forms.key, of: Folding.key($0)) }
        self.traits = traits
        languageCounts = traits.functionWord == .english ? 1 : traits.functionWord == .spanish ? 1 << 32 : 0
        shapeCounts = (traits.longerThanOneLetter ? 1 : 0) | (traits.shouted ? 1 << 32 : 0)
        traitSummary = TraitSummary(traits)
        facts = KeyFacts(forms.key)
        keywordBit = facts.word?.bit ?? 0
        unit = Unit(tokens: 0..<1, opinion: opinion, modifiers: self.modifiers, breaksClause: self.modifiers.contains(.boundary), key: .key(of: forms),
                    facts: facts, isWord: true, traits: traits)
    }
}

/// Word endings compared as bytes, a word only with the endings that end in its last byte: asking `hasUTF8Suffix` of each
/// ending of a list cost about 100 instructions an ending, for several lists at every new surface. Exact: the same bytes
/// are compared, of fewer endings.
struct Endings: ExpressibleByArrayLiteral {
    private let endings: [String]
    /// `byLast[b]`: the UTF-8 bytes of the endings whose last byte is `b`.
    private let byLast: [[[UInt8]]]

    init(arrayLiteral endings: String...) {
        self.endings = endings
        var byLast = [[[UInt8]]](repeating: [], count: 256)
        for ending in endings {
            if let last = ending.utf8.last { byLast[Int(last)].append(Array(ending.utf8)) }
        }
        self.byLast = byLast
    }

    /// Whether one of the endings ends `word` (byte for byte, as `hasUTF8Suffix` says).
    func end(_ word: some StringProtocol) -> Bool {
        let found = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let last = bytes.last else { return false }
            return byLast[Int(last)].contains { ending in
                guard ending.count <= bytes.count else { return false }
                let offset = bytes.count - ending.count
                for index in ending.indices where bytes[offset + index] != ending[index] { return false }
                return true
            }
        }
        return found ?? endings.contains { word.hasUTF8Suffix($0) }
    }
}

extension WordReading {
    /// Every verb of the lists a reading asks of a word's lemma and infinitives (`WordTraits.Action`, `demandable`).
    static let actionVerbs = Recommendations.recommendable.union(FastWear.verbs).union(Resolutions.verbs).union(Resolutions.removals)
        .union(Resolutions.solvingVerbs).union(Negation.handlingVerbs).union(UnmetExpectations.demandVerbs).union(ResolvedStories.remedies)
        .union(ResolvedStories.receivingVerbs)

    /// Imperfect subjunctives of irregular verbs (`hubiera`, `fuera`, `tuviera`); others end in `subjunctiveEndings`.
    /// Both are the type's, not the initializer's: an array literal there was built again for every new surface.
    static let irregularPastSubjunctives: WordSet = ["hubiera", "hubieran", "hubiese", "hubiesen", "fuera", "fueran", "tuviera", "tuvieran",
                                                     "estuviera", "estuvieran", "pudiera", "pudieran", "supiera", "supieran", "dijera", "dijeran",
                                                     "hiciera", "hicieran", "quisiera", "quisieran", "vinieran", "viniera", "dieran", "diera",
                                                     "pusieran", "pusiera"]
    static let subjunctiveEndings: Endings = ["aran", "ara", "ieran", "iera", "asen", "ase", "iesen", "iese", "yeran", "yera"]

    /// The imperfect (`estaba`, `tenía`) and the second persons of the preterite (`fuiste`, `llegasteis`).
    static let imperfectEndings: Endings = ["aba", "abas", "abamos", "aban", "abais", "ia", "ias", "iamos", "ian", "iais", "aste", "iste", "asteis", "isteis"]
    /// Preterites and imperfects that show no regular ending: `fui`, `fuimos`, `era`, `tuve`, `hubo`.
    static let irregularPasts: WordSet = ["fui", "fue", "fuimos", "fueron", "era", "eras", "eramos", "eran", "iba", "ibamos", "iban",
                                              "estuve", "estuvo", "estuvimos", "estuvieron", "tuve", "tuvo", "tuvimos", "hubo", "vine",
                                              "vino", "vinimos", "hice", "hizo", "hicimos", "pude", "pudo", "pudimos", "puse", "pusimos",
                                              "dije", "dijo", "dijimos", "vi", "vio", "vimos", "di", "dio", "dimos", "supe", "quise", "traje"]

    /// Present subjunctives that end like an imperfect one: `quiera`, `muera`.
    static let presentSubjunctives: WordSet = ["quiera", "quieras", "quieran", "muera", "mueran", "hiera", "hieran", "adquiera",
                                                   "adquieran", "requiera", "requieran", "prefiera", "prefieran", "sugiera", "sugieran"]
    /// The stems of the irregular conditionals: `podría`, `tendría`, `habría`, `querría`, `diría`, `haría`.
    static let conditionalStems: WordSet = ["podr", "tendr", "habr", "querr", "dir", "har", "saldr", "vendr", "pondr", "valdr",
                                                "sabr", "cabr", "contendr", "mantendr", "obtendr", "detendr", "rehar", "deshar", "supondr",
                                                "compondr", "convendr", "prevendr", "intervendr"]

    static func isConditional(key: String, infinitive: String) -> Bool {
        let stem = String(key.hasSuffix("riamos") ? key.dropLast(5) : key.hasSuffix("rian") ? key.dropLast(3) : key.dropLast(2))
        // `encantaria` → `encantar`; `podria` → `podr`.
        return stem == infinitive || conditionalStems.contains(stem)
    }

    /// A conjugated form of a verb (`conoce`, `vale`, `tardan`, `es`), not an infinitive, gerund or participle,
    /// and not a commoner noun or adjective that shares its spelling (`planta`, `cuenta`, `cama`).
    /// `candidates` are the lemma candidates of `forms.normalized`, `known` its frequency in the vocabulary.
    static func isFinite(_ forms: TokenForms, _ normalizer: Normalizer, candidates: [(lemma: String, rule: String)], known: Double?) -> Bool {
        let word = forms.normalized
        let vocabulary = normalizer.vocabulary
        guard !word.utf8.contains(UInt8(ascii: " ")), !isInfinitive(word) else { return false }
        // A gerund or participle ends like one and its stem makes a known infinitive (`comiendo`, `olvidado`);
        // `recomiendo` and `pido` only end like one.
        // (Every such ending ends in `o`, `a` or `s`: other words skip the loop.)
        if let last = word.utf8.last, last == UInt8(ascii: "o") || last == UInt8(ascii: "a") || last == UInt8(ascii: "s") {
            for (ending, infinitives) in nonFiniteEndings where word.hasUTF8Suffix(ending) {
                let stem = word.dropLast(ending.count)
                if infinitives.contains(where: { vocabulary[stem + $0] != nil }) { return false }
            }
        }
        // An infinitive with its clitics (`recomendarlo`) is not conjugated.
        // (Only a known verb's: `buscábamos` is no `buscabam` + `os`.)
        guard !candidates.contains(where: { $0.rule.isKey("enclitic") && vocabulary[$0.lemma] != nil }) else { return false }
        // Endings no noun or adjective has (`encantó`, `buscábamos`) are the verb however common the form, and whether
        // or not the vocabulary lists the infinitive.
        let unambiguous = unambiguousEndings.end(word) && word.utf8.count >= 6
        return normalizer.conjugatedInfinitives(of: word, candidates: candidates).contains { infinitive, listed in
            guard isInfinitive(infinitive) else { return false }
            // Verb forms are often commoner than their infinitive (`vale`, `tiene`); a word far commoner than a
            // verb it could conjugate is something else (`casa`, `cama`).
            if listed || unambiguous { return true }
            // The verb must be one the vocabulary knows: any unknown word ending in -a, -e or -o would do otherwise.
            guard let verb = vocabulary[infinitive] else { return false }
            return known.map { verb >= $0 - Normalizer.verbMargin } ?? true
        }
    }

    static let infinitiveEndings: Endings = ["ar", "er", "ir", "ír"]
    /// Verb endings, written with their accents, that only conjugations have: the preterite and the imperfect.
    static let unambiguousEndings: Endings = ["ó", "aron", "ieron", "ábamos", "íamos", "aste", "iste", "asteis", "isteis", "aríamos", "eríamos", "iríamos"]
    /// Infinitives of three letters or fewer; other short words ending like one are nouns (`mar`, `bar`).
    static let shortInfinitives: WordSet = ["ir", "ver", "dar", "oír", "ser", "reír"]

    /// Whether a word ends like an infinitive (`cobrar`, `valer`, `oír`).
    static func isInfinitive(_ word: some StringProtocol) -> Bool { infinitiveEndings.end(word) }
    /// Participles whose adjective means something the verb does not (`dejado` sloppy, `pasado` overcooked,
    /// `despegado` aloof): after `haber` they are the verb, with no opinion. Others keep the adjective's reading
    /// when the verb has no entry (`lo han mejorado`).
    static let adjectiveSenses: WordSet = ["dejado", "pasado", "despegado", "acabado", "parado", "salido", "quedado"]
    /// Masculine singular participles, the form `haber` takes (`ha dejado`, `han roto`, `he hecho`).
    static let participleEndings = ["ado", "ido", "to", "cho"]
    /// The forms of `haber` that report an action as done (`ha arreglado`, `hemos recomendado`, `hubo
    /// cancelado`), not the conditional or the imperfect subjunctive (`hubiera arreglado` did not happen).
    static let perfectAuxiliaries: WordSet = ["ha", "han", "he", "hemos", "habeis", "has", "habia", "habiamos", "habian", "hubo", "haya",
                                                  "hayan"]
    /// Every form of `haber` before a participle, by key: after any of them the participle is the verb.
    static let haberForms = perfectAuxiliaries.union(["habias", "hayas", "hayamos", "habra", "habran", "habria", "habrian", "hubiera",
                                                      "hubieran"])

    /// Whether `key` is `infinitive` with object pronouns attached (`comunicarme`, `devolvérselo`), not a future
    /// or conditional built on it (`será`, `irán`, `sería` start with `ser`, `ir`).
    static func isCliticTail(of key: String, after infinitive: String) -> Bool {
        guard key.hasPrefix(infinitive) else { return false }
        var tail = Substring(key.dropFirst(infinitive.count))
        guard !tail.isEmpty else { return false }
        for group in [indirectClitics, directClitics] {
            if let clitic = group.first(where: { tail.hasPrefix($0) }) { tail = tail.dropFirst(clitic.count) }
        }
        return tail.isEmpty
    }

    /// Every object pronoun ends in `s`, `e`, `o` or `a`: a word that ends otherwise has none attached, and its
    /// infinitives need not be folded and compared (`isCliticTail`).
    static func mayEndInClitic(_ key: String) -> Bool {
        guard let last = key.utf8.last else { return false }
        return last == UInt8(ascii: "s") || last == UInt8(ascii: "e") || last == UInt8(ascii: "o") || last == UInt8(ascii: "a")
    }

    static let indirectClitics = ["nos", "me", "te", "se", "os", "le", "les"]
    static let directClitics = ["los", "las", "lo", "la", "les", "le"]
    /// Gerund and participle endings, with the infinitive endings their stems take.
    static let nonFiniteEndings: [(String, [String])] = [
        ("ando", ["ar"]), ("iendo", ["er", "ir"]), ("yendo", ["er", "ir"]), ("ado", ["ar"]), ("ada", ["ar"]), ("ados", ["ar"]),
        ("adas", ["ar"]), ("ido", ["er", "ir"]), ("ida", ["er", "ir"]), ("idos", ["er", "ir"]), ("idas", ["er", "ir"]),
    ]
}

/// The lexicon and its lookup behind one reference: readers are made per text, and copying the lexicon
/// struct would retain each of its tables every time.
final class LexiconReference: Sendable {
    let lexicon: SentimentLexicon
    let lookup: OpinionLookup
    /// Where word readings are attached to the token forms.
    let attachmentKey = AttachmentKey()
    /// Where the readings of tokens that are no word (`MarkReading`) are attached: a key of their own, so that a forms'
    /// attachment is only ever read back as the type attached under its key.
    let markKey = AttachmentKey()

    /// The readings of a size word that describes a space or a portion (`SpaceSizes`), if the lexicon rates
    /// `espacioso` and `escaso`.
    let spacious: OpinionLookup.Found?
    let scarce: OpinionLookup.Found?
    /// `pequeño`'s reading for American `chico` said of a space (`habitaciones chicas`); as a noun it is a boy.
    let cramped: OpinionLookup.Found?

    init(lexicon: SentimentLexicon, lookup: OpinionLookup) {
        self.lexicon = lexicon
        self.lookup = lookup
        spacious = lookup.entry(for: "espacioso").map { OpinionLookup.Found(entry: $0, match: "space size", intensity: []) }
        scarce = lookup.entry(for: "escaso").map { OpinionLookup.Found(entry: $0, match: "portion size", intensity: []) }
        cramped = lookup.entry(for: "pequeño").map { OpinionLookup.Found(entry: $0, match: "space size", intensity: []) }
    }
}

/// Reads a normalized text into units: longest phrase first, then single words, emoji and marks.
struct UnitReader {
    let reference: LexiconReference
    let cache: OpinionCache
    /// Each token's reading, by token index (nil for a token that is no word): found once by the survey that reads
    /// every word first (`SentimentAnalyzer.survey`), and valid while the text is read.
    let readings: UnsafeBufferPointer<Unmanaged<WordReading>?>
    var lexicon: SentimentLexicon { reference.lexicon }
    var lookup: OpinionLookup { reference.lookup }

    /// What a punctuation token does: whether it ends (or opens) a clause, and its question and exclamation marks.
    static func marks(_ surface: String) -> (breaksClause: Bool, questions: Int, exclamations: Int) {
        var breaksClause = false, questions = 0, exclamations = 0
        for byte in surface.utf8 {
            // A switch rather than a `Set<UInt8>`, which hashed every byte.
            switch byte {
            case UInt8(ascii: "?"): breaksClause = true; questions += 1
            case UInt8(ascii: "!"): breaksClause = true; exclamations += 1
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"): breaksClause = true
            default: break
            }
        }
        // ¿ ¡ … — – open or end a clause too.
        if let first = surface.utf8.first, first >= 0xC2 {
            let opensQuestion = opens(surface, with: "¿")
            if opensQuestion || opens(surface, with: "¡") || opens(surface, with: "…") || opens(surface, with: "—") || opens(surface, with: "–") {
                breaksClause = true
                if opensQuestion { questions += 1 }
            }
        }
        return (breaksClause, questions, exclamations)
    }

    /// What a punctuation unit reads of its surface: its marks (`marks`) and its key's facts.
    struct PunctuationReading {
        let breaksClause: Bool
        let questions: Int
        let exclamations: Int
        let facts: KeyFacts

        init(_ surface: String) {
            (breaksClause, questions, exclamations) = UnitReader.marks(surface)
            facts = KeyFacts(surface)
        }
    }

    /// The reading of every one-byte (ASCII) surface, worked out once: most punctuation is one byte (`,` `.` `!`), and
    /// asking `marks` and `KeyFacts` of each token cost about 300 instructions.
    static let asciiPunctuation = (0..<128).map { PunctuationReading(String(UnicodeScalar(UInt8($0)))) }

    /// The reading of a one-byte (ASCII) mark; nil for a longer one, which is read once per surface (`MarkReading`).
    static func asciiPunctuation(_ surface: String) -> PunctuationReading? {
        guard surface.utf8.count == 1, let byte = surface.utf8.first, byte < 0x80 else { return nil }
        return asciiPunctuation[Int(byte)]
    }

    /// `surface.hasPrefix(mark)` for the marks above, from the bytes where they settle it (`hasPrefix` compares
    /// Characters: 800 instructions a call). None of these marks has another canonically equal spelling, so a
    /// surface that does not open with its bytes does not open with it; one that is the mark alone does. Only a
    /// longer one is asked as Characters (a combining mark after it makes another Character).
    @inline(__always)
    static func opens(_ surface: String, with mark: String) -> Bool {
        guard surface.utf8.starts(with: mark.utf8) else { return false }
        return surface.utf8.count == mark.utf8.count || surface.hasPrefix(mark)
    }

    /// Reads each of `text`'s sentences into `units`, each unit written once, in place, in the room the array lends for the
    /// text's tokens (no text has more units than tokens), and appends each sentence's units to `sentences` and its word
    /// and symbol units to `sentenceWords`. A method, the text and the reader borrowed: a closure in `analyze` retained
    /// and released five of what it captured per text.
    func read(_ text: NormalizedText, into units: inout [Unit], sentences: inout [Range<Int>], sentenceWords: inout [Int],
              sums: inout UnitSums) {
        let base = units.count
        units.append(addingCapacity: text.tokens.count) { units in
            for sentence in text.sentences {
                let start = base + units.count, words = sums.words
                read(text, tokens: sentence.tokens, into: &units, base: base, sums: &sums)
                sentences.append(start..<base + units.count)
                sentenceWords.append(sums.words - words)
            }
        }
    }

    /// `sums` gathers what the rules' early exits read of every unit appended (`UnitSums`). `units` is the room the text's
    /// array lends past its `base` units (`Array.append(addingCapacity:initializingWith:)`): each unit is written once, in
    /// place, where appending to the array copied it to the stack around a check of the array's uniqueness and room
    /// (about 35 instructions a unit).
    func read(_ text: NormalizedText, tokens range: Range<Int>, into units: inout OutputSpan<Unit>, base: Int, sums: inout UnitSums) {
        var index = range.lowerBound
        while index < range.upperBound {
            // Words, most tokens, are read through the array's buffer: copying a token out of it would retain
            // and release its forms.
            if let next = text.tokens.withUnsafeBufferPointer({ tokens in word(at: index, in: text, tokens, range, into: &units, base: base, sums: &sums) }) {
                index = next
                continue
            }
            // A mark, the commonest token after words, is read through the buffer too: a copy of the token retained and
            // released its forms (about 3 M instructions per MB).
            let forms = text.tokens.withUnsafeBufferPointer { Unmanaged.passUnretained($0[index].forms) }
            let kind = text.tokens.withUnsafeBufferPointer { $0[index].kind }
            switch kind {
            case .word:
                preconditionFailure("words are read above")
            case .punctuation, .hashtag, .emoji, .emoticon, .laughter:
                if kind == .punctuation, let reading = forms._withUnsafeGuaranteedRef({ Self.asciiPunctuation($0.surface) }) {
                    let unit = Unit(tokens: index..<index + 1, breaksClause: reading.breaksClause, questionMarks: reading.questions,
                                    exclamationMarks: reading.exclamations, key: .surface(forms), facts: reading.facts, isWord: false)
                    sums.add(unit, at: base + units.count)
                    units.append(unit)
                    break
                }
                var unit = forms._withUnsafeGuaranteedRef { forms in cache.markUnit(forms, kind, reference) { mark(forms, kind) } }
                unit.tokens = index..<index + 1
                sums.add(unit, at: base + units.count)
                units.append(unit)
            default:
                // Mentions, links, numbers, personal data: no opinion, but they separate words (and add nothing to `sums`
                // but a number's mark, which `Ratings.cues` reads).
                if kind == .number { sums.traits.insert(.number) }
                units.append(Unit(tokens: index..<index + 1, key: .empty, facts: KeyFacts(), isWord: false))
            }
            index += 1
        }
    }

    /// The reading of a token of `kind` that is no word, made at its surface's first sight (`OpinionCache.markReading`).
    private func mark(_ forms: TokenForms, _ kind: TokenKind) -> MarkReading {
        let at = 0..<1  // the unit's tokens, set per text
        switch kind {
        case .punctuation:
            let reading = PunctuationReading(forms.surface)
            return MarkReading(kind, Unit(tokens: at, breaksClause: reading.breaksClause, questionMarks: reading.questions,
                                          exclamationMarks: reading.exclamations, key: .surface(Unmanaged.passUnretained(forms)),
                                          facts: reading.facts, isWord: false))
        case .hashtag:
            return hashtag(forms)
        case .emoji:
            let symbol = cache.symbolReading(forms.key) {
                SymbolReading(opinion: cache.symbol(forms.key, lexicon.emoji[forms.key], match: "emoji"),
                              modifiers: lexicon.modifiers[forms.key] ?? ModifierSet(), facts: KeyFacts(forms.key))
            }
            return MarkReading(kind, Unit(tokens: at, modifiers: symbol.modifiers, key: .key(of: forms), facts: symbol.facts, isWord: false, isSymbolic: true),
                               opinion: symbol.opinion)
        case .emoticon:
            let symbol = cache.symbolReading(forms.surface) {
                SymbolReading(opinion: cache.symbol(forms.surface, lexicon.emoticons[forms.surface] ?? lexicon.emoticons[forms.key],
                                                    match: "emoticon"),
                              modifiers: lexicon.modifiers[forms.surface] ?? ModifierSet(), facts: KeyFacts(forms.surface))
            }
            return MarkReading(kind, Unit(tokens: at, modifiers: symbol.modifiers, key: .surface(Unmanaged.passUnretained(forms)), facts: symbol.facts,
                                          isWord: false, isSymbolic: true),
                               opinion: symbol.opinion)
        case .laughter:
            let unit = Unit(tokens: at, key: .key(of: forms), facts: KeyFacts(forms.key), isWord: false)
            guard lexicon.laughterValence != 0 else { return MarkReading(kind, unit) }
            return MarkReading(kind, unit, opinion: cache.symbol("jaja", ValenceEntry(term: "jaja", valence: lexicon.laughterValence, list: "modifiers", line: 0),
                                                                 match: "laughter"))
        default:
            preconditionFailure("only marks, symbols, laughter and hashtags have a mark reading")
        }
    }

    /// Appends the unit a word token starts (a phrase or the word alone) and returns the index after it; nil
    /// when the token is no word. Appending here, where the unit is made, spares copying it out.
    @inline(__always)
    private func word(at index: Int, in text: NormalizedText, _ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>,
                      into units: inout OutputSpan<Unit>, base: Int, sums: inout UnitSums) -> Int? {
        guard tokens[index].kind == .word else { return nil }
        // The reading is held by the forms (or this thread's table) for as long as the text: read it
        // through a guaranteed reference, without a retain per word on an object all threads share.
        return readings[index]!._withUnsafeGuaranteedRef { reading in
            if reading.opensPhrase, mayGoOn(reading, at: index, tokens, end: range.upperBound),
               let unit = phrase(at: index, in: text, end: range.upperBound, first: reading) {
                let next = unit.tokens.upperBound
                sums.add(unit, at: base + units.count)
                units.append(unit)
                return next
            }
            // The reading's unit, copied whole, then given this token's range (the token's forms are the reading's):
            // changed before it was appended, the unit was copied to the stack first.
            units.append(reading.unit)
            units[units.count - 1].tokens = index..<index + 1
            // Its sums are the reading's: its traits' summary, found once per surface.
            sums.keyFacts.insert(reading.facts.lists, wordBit: reading.keywordBit)
            sums.modifierKinds |= reading.modifiers.mask
            sums.traits.formUnion(reading.traitSummary)
            sums.words += 1
            if reading.mayPlayDoubleRole { sums.doubleRoles.append(base + units.count - 1) }
            if reading.hasParticipleReading, index > range.lowerBound, WordReading.haberForms.contains(tokens[index - 1].key) {
                units[units.count - 1].opinion = reading.asParticiple
            }
            return index + 1
        }
    }

    /// Whether the phrase search from `index` could find a phrase: a start node is one, or the next token is a
    /// number or a word the search skips (an object pronoun after a negator, a booster), or it is a word a
    /// phrase `first` opens goes on with, to a node that is a whole phrase or that the token after it may
    /// continue (`mayContinue`). Exactly the steps `phrase(at:)` takes from its start nodes and from their
    /// children; without any, it finds nothing. Looking two words ahead, not one: of about 26k searches per MB
    /// that got past the second word, most then found nothing, at about 430 instructions each.
    @inline(__always)
    private func mayGoOn(_ first: WordReading, at index: Int, _ tokens: UnsafeBufferPointer<Token>, end: Int) -> Bool {
        if first.completesPhrase { return true }
        let position = index + 1
        guard position < end else { return false }
        let kind = tokens[position].kind
        if kind == .number { return true }
        guard kind == .word else { return false }
        return readings[position]!._withUnsafeGuaranteedRef { next in
            if first.modifiers.contains(.negator), next.traits.frame.contains(.clitic) { return true }
            if next.skippedInPhrases { return true }
            // Most words after one that opens a phrase share no bit with its continuations: no spelling is searched.
            guard first.continuationBits & next.spellingBits != 0 else { return false }
            // A probe of (start node, spelling) for each start node, most often one (a search by halves of the sorted
            // spellings the phrases go on with took about five steps for `no` or `muy`, whose bits are all set).
            // By index: `for … in` a reading's array retained and released it (about 34,000 times per MB of texts).
            for spellingIndex in next.phraseSpellings.indices {
                let spelling = next.phraseSpellings[spellingIndex]
                guard first.continuationBits & 1 << UInt64(spelling & 63) != 0 else { continue }
                for startIndex in first.phraseStarts.indices {
                    let start = first.phraseStarts[startIndex]
                    guard let child = reference.lexicon.phrases.child(of: Int(start), spelling: spelling) else { continue }
                    if reference.lexicon.phrases.isComplete(Int(child)) || mayContinue(Int(child), at: position + 1, tokens, end: end) { return true }
                }
            }
            return false
        }
    }

    /// Whether the phrase search may step from `node` (no start node) past the token at `position`: it is a number,
    /// a word the search skips, or a word `node` has a child for. (A pronoun is skipped only at a start node.)
    @inline(__always)
    private func mayContinue(_ node: Int, at position: Int, _ tokens: UnsafeBufferPointer<Token>, end: Int) -> Bool {
        guard position < end else { return false }
        let kind = tokens[position].kind
        if kind == .number { return true }
        guard kind == .word else { return false }
        return readings[position]!._withUnsafeGuaranteedRef { word in
            if word.skippedInPhrases { return true }
            // By index, as in `mayGoOn`.
            for spellingIndex in word.phraseSpellings.indices
            where reference.lexicon.phrases.child(of: node, spelling: word.phraseSpellings[spellingIndex]) != nil { return true }
            return false
        }
    }

    /// The longest expression or modifier phrase starting at `index`, over consecutive word tokens (and
    /// digits, for scores like `un 10`); each word matches by spelling, lemma, infinitive, or by key when
    /// the lexicon's word has accents the customer may have left out.
    private func phrase(at index: Int, in text: NormalizedText, end: Int, first: WordReading) -> Unit? {
        guard first.opensPhrase else { return nil }
        var best: (length: Int, node: Int)?
        // (node, next token, skipped a booster already): one booster may sit inside an expression
        // (`vale mucho la pena`, `visita súper obligada`) without breaking it. The stack is this thread's,
        // borrowed into a local for the search: each access to a class's stored array is checked for
        // exclusivity at run time, and the search touches it once per node.
        var stack: [(node: Int, position: Int, skipped: Bool)] = []
        swap(&stack, &cache.phraseStack)
        // Handed back empty: the search below pops until nothing is left, so no `removeAll` here (it cost a
        // `replaceSubrange` call, about 53 instructions, per phrase tried).
        defer { swap(&stack, &cache.phraseStack) }
        for start in first.phraseStarts.indices { stack.append((Int(first.phraseStarts[start]), index + 1, false)) }  // by index, as in `mayGoOn`
        let phrases = lexicon.phrases
        let negated = first.modifiers.contains(.negator)
        while let (node, position, skipped) = stack.popLast() {
            if position > index, phrases.isComplete(node), position - index >= (best?.length ?? 0),
               !mayBeQualified(endingAt: position) || !Self.isQuantity(endingAt: position, in: text, end: end)
               && !Self.isPeriphrasis(endingAt: position, in: text, end: end) && !Self.isApproximation(endingAt: position, in: text, end: end) {
                best = (position - index, node)
            }
            guard position < end else { continue }
            let kind = text.tokens[position].kind
            if kind == .number {
                if let children = phrases.children(of: node, key: text.tokens[position].surface) {
                    for child in children { stack.append((Int(child), position + 1, skipped)) }
                }
                continue
            }
            guard kind == .word else { continue }
            readings[position]!._withUnsafeGuaranteedRef { reading in
                // Object pronouns right after a negator do not break a `no …` expression: `no nos defraudó` is `no
                // defraudar`, `no me contestan` is `no contestar`. Skipping leaves the node where it was, so a start
                // node means only pronouns came after the negator.
                if negated, reading.traits.frame.contains(.clitic), first.phraseStarts.contains(Int32(node)) {
                    stack.append((node, position + 1, skipped))
                }
                // The spellings the word matches were found with its reading: each is one probe of (node, spelling). Matching
                // the children of each of its keys here compared strings at every step (about 6 M instructions per MB).
                if !reading.spellingTwins {
                    for spelling in reading.phraseSpellings.indices {  // by index, as in `mayGoOn`
                        if let child = phrases.child(of: node, spelling: reading.phraseSpellings[spelling]) { stack.append((Int(child), position + 1, skipped)) }
                    }
                } else {
                    for id in reading.phraseKeyIDs {
                        guard let children = phrases.children(of: node, keyID: id) else { continue }
                        for child in children where reading.phraseSpellings.contains(phrases.spelling(of: Int(child))) {
                            stack.append((Int(child), position + 1, skipped))
                        }
                    }
                }
                if !skipped, reading.skippedInPhrases {
                    stack.append((node, position + 1, true))
                }
            }
        }
        guard let best, let reading = lexicon.phrases.reading(of: best.node) else { return nil }
        let range = index..<index + best.length
        if text.tokens[index].key.isKey("ya"), Self.clauseFinalPhrases.contains(reading.key), range.upperBound < end, text.tokens[range.upperBound].kind == .word,
           !Self.wordsAfterClauseFinal.contains(text.tokens[range.upperBound].key) { return nil }
        let phraseText = cache.phraseText(node: best.node, key: reading.key, nodes: phrases.nodeCount)
        var unit = Unit(tokens: range, opinion: reading.opinion, modifiers: reading.modifiers,
                        key: .phrase(phraseText), facts: phraseText._withUnsafeGuaranteedRef { $0.facts }, isWord: true)
        if reading.modifiers.contains(.boundary) { unit.breaksClause = true }
        unit.traits.finite = first.traits.finite
        unit.traits.command = first.traits.command
        // `si al menos avisaran del retraso`: a phrase opening with a past subjunctive is a counterfactual as its verb is
        // (`fuera de serie` opens with the adverb `fuera`).
        unit.traits.pastSubjunctive = first.traits.pastSubjunctive && !text.tokens[index].key.isKey("fuera")
        if first.traits.frame.contains(.waitLemma) { unit.traits.frame.insert(.waitLemma) }
        // A negated verb phrase (`no dudaremos en`) is as conjugated as its verb, for the rules that read clauses.
        // Past its object pronouns: `no te puedes perder`, `no me lo creo`.
        var verbToken = index + 1
        while verbToken + 1 < range.upperBound, FulfilledExpectations.clitics.contains(text.tokens[verbToken].key) { verbToken += 1 }
        if range.count > 1, !first.traits.finite, first.modifiers.contains(.negator), text.tokens[verbToken].kind == .word {
            let verb = readings[verbToken]!._withUnsafeGuaranteedRef { $0.traits }
            unit.traits.finite = verb.finite
            // `no contesta a las reclamaciones`: the problem a negated handling verb leaves standing (`Negation`).
            if verb.action.contains(.handling) { unit.traits.action.insert(.handling) }
        }
        return unit
    }

    /// Whether a phrase that ends before `position` may be a quantity, a periphrasis or an approximation (the three
    /// checks below): only if its last token is a number or a word its reading says may end one
    /// (`WordReading.mayEndQualifiedPhrase`). The checks copied tokens and hashed keys at every complete phrase found.
    @inline(__always)
    private func mayBeQualified(endingAt position: Int) -> Bool {
        guard let last = readings[position - 1] else { return true }
        return last._withUnsafeGuaranteedRef { $0.mayEndQualifiedPhrase }
    }

    /// Every key that `isQuantity`, `isPeriphrasis` or `isApproximation` asks the last word of a phrase to be.
    static let qualifiedPhraseEnds = numberWords.union(periphrasisVerbs).union(wantingVerbs).union(["cerca", "mas"])

    /// A score (`de 10`, `un diez`) is praise at the end of what it rates (`la paella, de 10`), but a number
    /// with a word after it is a quantity (`más de 10 minutos`, `un plato de 10 euros`).
    static func isQuantity(endingAt position: Int, in text: NormalizedText, end: Int) -> Bool {
        let last = text.tokens[position - 1]
        guard last.kind == .number || Self.numberWords.contains(last.key) else { return false }
        guard position < end, text.tokens[position].kind == .word else { return false }
        // A range (`abre de 10 a 20 h`) is a timetable or an amount, not a grade.
        if text.tokens[position].key.isKey("a"), position + 1 < end, text.tokens[position + 1].kind == .number { return true }
        // A function word after it starts what is rated (`un diez a la atención`), not a unit.
        return !Self.wordsAfterScore.contains(text.tokens[position].key)
    }

    static let numberWords: WordSet = ["diez", "cien", "mil"]

    /// A warning (`¡no vayáis!`) is not one when `a` and an infinitive follow: `no vayan a pensar que…` is
    /// a turn of phrase.
    /// Nor is affection (`te quiero`, `os quiero mil`) when what is wanted follows: `te quiero pedir`, `te quiero
    /// decir que…`, `los quiero devolver`.
    static func isPeriphrasis(endingAt position: Int, in text: NormalizedText, end: Int) -> Bool {
        let last = text.tokens[position - 1].key
        // Most phrases end in neither: one byte tells (no string is hashed for them).
        guard position < end, let initial = last.utf8.first, initial == UInt8(ascii: "v") || initial == UInt8(ascii: "q") else { return false }
        let next = text.tokens[position]
        // `no vayan a pensar que…` (a + infinitive), not `no vayan a ese restaurante`.
        if periphrasisVerbs.contains(last) {
            guard next.key.isKey("a"), position + 1 < end else { return false }
            let verb = text.tokens[position + 1]
            return verb.kind == .word && WordReading.isInfinitive(verb.lemma) && verb.key.hasPrefix(String(Folding.key(verb.lemma).dropLast(2)))
        }
        guard wantingVerbs.contains(last) else { return false }
        return next.key.isKey("que") || next.key.isKey("a") || next.kind == .word && WordReading.isInfinitive(next.lemma)
            && (next.lemma == next.key || next.key.hasPrefix(String(next.lemma.dropLast(2))))
    }

    static let periphrasisVerbs: WordSet = ["vayais", "vayan", "vayas"]
    static let wantingVerbs: WordSet = ["quiero", "queremos", "quiere", "quieren", "queria", "queriamos"]

    /// Phrases that mean what the lexicon says only where their clause ends: `¡ya está bien!`, `ya está bien de
    /// cobrar` (enough!), not `la app ya está bien configurada` (fine now).
    static let clauseFinalPhrases: WordSet = ["ya está bien"]  // each opens with `ya`, checked first (no hashing per phrase)
    static let wordsAfterClauseFinal: WordSet = ["de", "no", "ya", "hombre", "eh"]

    /// `cerca de` before an amount is "about" (`estuvimos cerca de dos horas`), not "close to"; `más de` before
    /// one is a quantity (`esperé más de una hora`), not "more" (`me esperaba más`).
    static func isApproximation(endingAt position: Int, in text: NormalizedText, end: Int) -> Bool {
        let last = text.tokens[position - 1].key
        guard last.isKey("cerca") || last.isKey("mas"), position + 1 < end, text.tokens[position].key.isKey("de") else { return false }
        let amount = text.tokens[position + 1]
        return amount.kind == .number || amountWords.contains(amount.key) || last.isKey("mas") && (amount.key.isKey("un") || amount.key.isKey("una"))
    }

    static let amountWords: WordSet = ["media", "medio", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
                                           "nueve", "diez", "quince", "veinte", "treinta", "cuarenta", "cincuenta", "cien", "mil"]
    static let wordsAfterScore: WordSet = ["a", "al", "y", "e", "pero", "en", "por", "para", "que", "o", "u", "como", "ni",
                                               "la", "el", "los", "las", "lo", "con", "sin", "tambien", "tanto", "todo"]

    /// A phrase word matches a token by spelling, lemma, or one of its `alternatives` (its infinitives, a plural's
    /// singular: `WordReading.phraseForms`); by key only when the phrase word has accents the customer may have
    /// left out (so `si` does not match `sí`).
    static func matches(_ word: PhraseIndex.Word, _ token: TokenForms, alternatives: [String], derived: Bool, lemmaKey: String) -> Bool {
        if token.normalized == word.text || token.folded == word.text { return true }
        // Lemmas match inflection (`tomaron` for `tomar`), not derivation: `perito` is not `pero`.
        if !derived, token.lemma == word.text { return true }
        if alternatives.contains(word.text) { return true }
        guard word.accented else { return false }
        return token.key == word.key || !derived && lemmaKey == word.key
    }

    /// The entry of a hashtag segment read as a word: lowercased (`Buenos` is `buenos`), its listed lemma, singular or
    /// masculine (`encantada` → `encantado`), or the infinitive a verb's form conjugates (`Gusta` → `gustar`). Only from
    /// the lemma tables and the verbs' endings, a verb of four letters or more.
    private func lemmaEntry(of segment: String) -> ValenceEntry? {
        let word = segment.lowercased()
        if let entry = lookup.entry(for: word) { return entry }
        let normalizer = lookup.normalizer
        let candidates = normalizer.lemmaCandidates(of: word)
        for candidate in candidates where ["irregular", "gender", "number"].contains(candidate.rule) {
            if let entry = lookup.entry(for: candidate.lemma) { return entry }
        }
        // A piece of three letters is as often a piece of a name cut in two (`#Panama` as `pan` `ama`) as a verb.
        guard word.utf8.count >= 4 else { return nil }
        for verb in normalizer.conjugatedInfinitives(of: word, candidates: candidates) {
            if let entry = lookup.entry(for: verb.infinitive), entry.list == "verbs" { return entry }
        }
        return nil
    }

    /// A hashtag's opinion is that of its words (`#PésimoServicio` is `pésimo`), with a negation inside it
    /// (`#NuncaMás`, `#NoRecomiendo`) applied.
    /// The opinion made here is held by the reading (the unit names it unretained).
    private func hashtag(_ forms: TokenForms) -> MarkReading {
        var unit = Unit(tokens: 0..<1, key: .key(of: forms), facts: KeyFacts(forms.key), isWord: false)
        let segments = forms.segments
        guard !segments.isEmpty else { return MarkReading(.hashtag, unit) }
        if segments.count == 1, ContestEntries.hashtags.contains(Folding.key(segments[0])) {
            unit.modifiers[.contest] = ContestEntries.hashtagWeight
            return MarkReading(.hashtag, unit)
        }
        if segments.count > 1, let reading = lexicon.phrases.reading(ofKeys: segments.map { Folding.key($0) }) {
            // A listed phrase reads as listed: an opinion, or a neutral one (`#BuenosDias`) that says nothing.
            guard let opinion = reading.opinion else { return MarkReading(.hashtag, unit) }
            return MarkReading(.hashtag, unit, opinion: OpinionLookup.Found(entry: opinion.entry, match: "hashtag", intensity: []))
        }
        var total = 0.0
        var negated = false
        var terms: [String] = []
        for segment in segments {
            let key = Folding.key(segment)
            if lexicon.modifiers[segment]?[.negator] != nil || lexicon.modifiersByKey[key]?[.negator] != nil {
                negated = true
                continue
            }
            // A segment is a word as written: a verb's form finds its infinitive's entry (`#NoMeGusta`, `#LoRecomiendo`).
            if let found = lookup.entry(for: segment) ?? lemmaEntry(of: segment) {
                total += negated ? Negation.shifted(found.valence, weight: 1) : found.valence
                terms.append(found.term)
            }
        }
        if total != 0 {
            let entry = ValenceEntry(term: (negated ? "no " : "") + terms.joined(separator: " "), valence: total, list: "hashtag", line: 0)
            return MarkReading(.hashtag, unit, opinion: OpinionLookup.Found(entry: entry, match: "hashtag", intensity: []))
        }
        return MarkReading(.hashtag, unit)
    }
}

/// The unit a token that is no word reads as (a mark longer than a byte, an emoji or emoticon, laughter, a hashtag), made
/// once per surface and kept by the thread's `OpinionCache`: at each such token a non-ASCII mark asked `marks` and
/// `KeyFacts` again (about 1,500 instructions), a symbol hashed its text into a table, and a hashtag looked its words up
/// (about 4,400).
final class MarkReading {
    let kind: TokenKind
    /// The unit for a token of these forms; a text's unit takes it with its own token range. Its key names the forms,
    /// which the cache's table holds as the reading's key.
    let unit: Unit
    /// The unit's opinion, held here: the unit names it unretained.
    private let opinion: OpinionLookup.Found?

    init(_ kind: TokenKind, _ unit: Unit, opinion: OpinionLookup.Found? = nil) {
        self.kind = kind
        self.opinion = opinion
        var unit = unit
        unit.opinion = opinion
        self.unit = unit
    }
}

/// What an emoji or emoticon unit reads of its text: its opinion, its modifiers and its key's facts.
struct SymbolReading {
    let opinion: OpinionLookup.Found?
    let modifiers: ModifierSet
    let facts: KeyFacts
}

/// Readings remembered per thread by the token's shared forms (a surface is analysed once), and the
/// readings of emoji and emoticons by their text.
final class OpinionCache: @unchecked Sendable {
    /// Readings of forms whose slot another owner holds. `reading` hands them out unretained, so the table
    /// is only cleared between texts (`beginText`), never while one is read.
    private let readings = IdentityTable<TokenForms, WordReading>(clearsWhenFull: false)
    /// Readings of tokens that are no word (`MarkReading`), by their forms; cleared, like `readings`, only between texts.
    private let marks = IdentityTable<TokenForms, MarkReading>(clearsWhenFull: false)
    /// Each token's reading for the text being read (`SentimentAnalyzer.survey`), in its first places: left at its length
    /// between texts (only growing), its places past the text's tokens never read.
    var tokenReadings: [Unmanaged<WordReading>?] = []
    /// Each sentence's sums while a text's analysis is finished (`SentimentAnalyzer.finish`), kept empty between texts.
    var sentenceSums: [SentenceSums] = []
    /// Each sentence's word and symbol units, counted as the text is read (`UnitSums.words`), kept empty between texts.
    var sentenceWords: [Int] = []
    /// The units that may play two roles (`UnitSums.doubleRoles`), kept empty between texts.
    var doubleRoles: [Int] = []
    /// The phrase reader's work list, kept between words.
    var phraseStack: [(node: Int, position: Int, skipped: Bool)] = []
    /// The rule context, kept between texts.
    var scratch = RuleScratch()
    /// The cues a rule makes, appended here and moved into the context (`RuleContext.add`), kept empty between rules.
    var cues: [RuleContext.Working] = []
    /// Each phrase's key and `KeyFacts` by its trie node, made at the phrase's first use on this thread and kept for good
    /// (a phrase's unit names it unretained): every phrase read asked `KeyFacts(key)` again (about 690 instructions), and
    /// all of the lexicon's phrases at load would cost more.
    private var phraseTexts: [PhraseText?] = []
    /// Emptied only between texts (`beginText`): a unit holds its symbol's opinion unretained.
    private var symbols: [String: OpinionLookup.Found?] = [:]
    private var symbolReadings: [String: SymbolReading] = [:]
    /// Opinions made for one text (a hashtag's), kept until the next: a unit holds its opinion unretained.
    private var kept: [OpinionLookup.Found] = []
    /// Whether `beginText` has tables to empty (`kept`, or the symbols' when full): one flag, read before each text.
    private var emptiesAtNextText = false
    static let limit = 200_000

    /// The reading travels with the forms (one pointer away); a table per thread holds the readings of
    /// forms another analyzer's reading is attached to.
    /// Called before each text: the fallback tables may start over only here, when no unit of a text is left.
    func beginText() {
        readings.clearIfFull()
        marks.clearIfFull()
        guard emptiesAtNextText else { return }
        emptiesAtNextText = false
        kept.removeAll(keepingCapacity: true)
        if symbols.count >= Self.limit {
            symbols.removeAll(keepingCapacity: true)
            // Emptied together: a symbol's reading holds what `symbol` answered for its text.
            symbolReadings.removeAll(keepingCapacity: true)
        }
    }

    /// `opinion`, kept until the next text: for an opinion made while a text is read, which no reading or lexicon holds.
    func keep(_ opinion: OpinionLookup.Found) -> OpinionLookup.Found {
        kept.append(opinion)
        emptiesAtNextText = true
        return opinion
    }

    /// Unretained: the forms or this thread's table hold the reading while the text is read.
    @inline(__always)
    func reading(_ forms: TokenForms, _ reference: LexiconReference) -> Unmanaged<WordReading> {
        if let attached = forms.attachment(reference.attachmentKey) { return Unmanaged<WordReading>.fromOpaque(attached) }
        return Unmanaged.passUnretained(readings.value(for: forms) {
            let reading = WordReading(forms, lexicon: reference.lexicon, lookup: reference.lookup)
            forms.attach(reading, reference.attachmentKey)
            return reading
        })
    }

    /// The unit of `markReading`: an attached reading of the right kind is read in place, through a guaranteed
    /// reference (taking it out retained and released it at every mark).
    @inline(__always)
    func markUnit(_ forms: TokenForms, _ kind: TokenKind, _ reference: LexiconReference, _ make: () -> MarkReading) -> Unit {
        if let attached = forms.attachment(reference.markKey),
           let unit = Unmanaged<MarkReading>.fromOpaque(attached)._withUnsafeGuaranteedRef({ $0.kind == kind ? $0.unit : nil }) {
            return unit
        }
        return markReading(forms, kind, reference, make).unit
    }

    /// The reading of a token of `kind` with these forms, made by `make` at the first sight. A token whose kind is not the
    /// one its forms were first read as (the normalizer gives a surface one kind, so none is) is read again, for its text.
    /// Like a word's, the reading travels with the forms (under the reference's `markKey`), and this thread's table holds
    /// it only when another owner has that slot: looked up in the table, each mark cost about 500 instructions (3 M per MB).
    func markReading(_ forms: TokenForms, _ kind: TokenKind, _ reference: LexiconReference, _ make: () -> MarkReading) -> MarkReading {
        let known: MarkReading
        if let attached = forms.attachment(reference.markKey) {
            known = Unmanaged<MarkReading>.fromOpaque(attached).takeUnretainedValue()
        } else {
            known = marks.value(for: forms) {
                let made = make()
                forms.attach(made, reference.markKey)
                return made
            }
        }
        if known.kind == kind { return known }
        let made = make()
        if let opinion = made.unit.opinion { _ = keep(opinion) }
        return made
    }

    /// The key and facts of the phrase that ends at trie node `node` (its key is `key`); `nodes` is the trie's size.
    /// Unretained: this cache keeps it for good.
    func phraseText(node: Int, key: String, nodes: Int) -> Unmanaged<PhraseText> {
        if phraseTexts.isEmpty { phraseTexts = Array(repeating: nil, count: nodes) }
        if let known = phraseTexts[node] { return Unmanaged.passUnretained(known) }
        let made = PhraseText(key)
        phraseTexts[node] = made
        return Unmanaged.passUnretained(made)
    }

    func symbol(_ text: String, _ entry: ValenceEntry?, match: String) -> OpinionLookup.Found? {
        if let hit = symbols[text] { return hit }
        let found = entry.map { OpinionLookup.Found(entry: $0, match: match, intensity: []) }
        symbols[text] = found
        if symbols.count >= Self.limit { emptiesAtNextText = true }
        return found
    }

    /// An emoji's or emoticon's reading by its text, made by `make` at first sight (which asks `symbol`). Each symbol
    /// unit looked its text up in four tables and worked out its key's facts (hashing the text each time: about
    /// 4,000 instructions a symbol); remembered, it costs one lookup. Every text held here is also in `symbols`.
    func symbolReading(_ text: String, _ make: () -> SymbolReading) -> SymbolReading {
        if let known = symbolReadings[text] { return known }
        let made = make()
        symbolReadings[text] = made
        return made
    }
}

extension WordReading {
    /// `-ara(n)` and `-ase(n)` make the imperfect subjunctive of an `-ar` verb only with that verb's whole stem
    /// (`contestaran` ← `contestar`); `prepara`, `repara`, `compara` are its present (`preparar`, not `prepar`).
    static func hasFirstConjugationStem(_ key: String, vocabulary: NFCKeyedTable<Double>) -> Bool {
        guard let ending = ["aran", "ara", "asen", "ase"].first(where: { key.hasSuffix($0) }) else { return true }
        return vocabulary[String(key.dropLast(ending.count)) + "ar"] != nil
    }
}

extension WordReading {
    /// What every command form below has, asked once per word before its infinitives are folded and compared: more than
    /// four letters, and an ending in `s` or `n` (`-es`, `-en`, `-eis`, `-as`, `-an`, `-ais`).
    static func mayBeCommandForm(_ key: String) -> Bool {
        guard key.utf8.count > 4, let last = key.utf8.last else { return false }
        return last == UInt8(ascii: "s") || last == UInt8(ascii: "n")
    }

    /// The present subjunctive of `tú`, `ustedes` and `vosotros`, by the infinitive's conjugation: `-ar` verbs
    /// take `-es`, `-en`, `-eis` (`engañes`, `engañen`), `-er` and `-ir` verbs `-as`, `-an`, `-ais` (`ofendan`,
    /// `mientan`). Not the usted form (`engañe` is also the preterite `engañé`), nor the future and conditional
    /// built on the infinitive (`ofenderán`), nor the imperfect (`ofendían`).
    static func isCommandForm(_ key: String, of infinitive: String) -> Bool {
        guard mayBeCommandForm(key), !key.hasPrefix(infinitive) else { return false }
        // Endings compared as bytes (`hasUTF8Suffix`; `hasSuffix` walked Characters): this runs for each infinitive of
        // each new surface.
        if infinitive.hasUTF8Suffix("ar") { return key.hasUTF8Suffix("es") || key.hasUTF8Suffix("en") || key.hasUTF8Suffix("eis") }
        guard infinitive.hasUTF8Suffix("er") || infinitive.hasUTF8Suffix("ir"),
              !(key.hasUTF8Suffix("ia") || key.hasUTF8Suffix("ias") || key.hasUTF8Suffix("ian") || key.hasUTF8Suffix("iais")) else { return false }
        return key.hasUTF8Suffix("as") || key.hasUTF8Suffix("an") || key.hasUTF8Suffix("ais")
    }
}

/// What the rules' early exits read of all of a text's units together (`RuleContext`'s `keyFacts`, `modifierKinds`,
/// `traitSummary`, `asks` and `exclaims`), summed by the unit reader as it appends each unit: a second pass over the
/// units, after each sentence was read, loaded every unit again from the array.
struct UnitSums {
    var keyFacts = KeyFactsUnion()
    var modifierKinds: UInt32 = 0
    var traits = TraitSummary()
    var asks = false
    var exclaims = false
    /// The word and symbol units (`isWord || isSymbolic`, which no rule changes): a sentence's neutral words are counted
    /// from them (`SentimentAnalyzer.finish`).
    var words = 0
    /// The units, by index, that have an opinion and are a booster or a negator too: the only ones
    /// `SentimentAnalyzer.resolveDoubleRoles` changes (rules before it only take opinions and modifiers away). The
    /// array is the thread's (`OpinionCache.doubleRoles`), lent for the text.
    var doubleRoles: [Int] = []

    /// A unit that is not a single word's (a word's sums are its reading's), appended at `index`: of its traits, the
    /// two a phrase's unit passes on from its first word (`TraitSummary`); a mark's unit has none.
    @inline(__always)
    mutating func add(_ unit: Unit, at index: Int) {
        keyFacts.insert(unit.facts)
        modifierKinds |= unit.modifiers.mask
        if unit.questionMarks > 0 { asks = true }
        if unit.exclamationMarks > 0 { exclaims = true }
        if unit.traits.pastSubjunctive { traits.insert(.pastSubjunctive) }
        if unit.traits.frame.contains(.waitLemma) { traits.insert(.waitLemma) }
        if unit.isWord || unit.isSymbolic { words += 1 }
        if unit.opinion != nil, unit.has(.booster) || unit.has(.negator) { doubleRoles.append(index) }
    }
}

/// A sentence's sum of contributions, its positive and negative masses, and how many contributions it has.
typealias SentenceSums = (sum: Double, positive: Double, negative: Double, count: Int)

/// The last text's `RuleContext`, kept whole by the thread's `OpinionCache` with its arrays emptied (their room kept):
/// taken by the next text and given back once its analysis is made. Kept whole, not as its six arrays: a context made
/// per text retained its empty arrays as it was made and released eight of them as it was destroyed (about 13 reference
/// counts a text), which moving the one kept context in and out does not.
struct RuleScratch {
    /// Nil while a text holds it (and before the first text).
    private var kept: RuleContext?
    /// Room kept for at most this many units: one very long text should not hold its memory for good.
    static let limit = 1 << 14

    /// The kept context (moved out: no copy, no retain), or a new one the first time, for a text whose whole is in
    /// capitals or not (`shouting`). Its arrays are empty, except those the next text overwrites whole (see `keep`); its
    /// other fields are the last text's, each set again before a rule reads it (`SentimentAnalyzer.analyze`: the
    /// summaries from the units as they are read, `negators` and `concord` by `Negation.roles`).
    mutating func take(shouting: Bool) -> RuleContext {
        var context: RuleContext? = nil
        swap(&context, &kept)
        guard var context else {
            return RuleContext(units: [], sentenceOf: [], clauseOf: [], sentences: [], contributions: [], shouting: shouting)
        }
        context.shouting = shouting
        return context
    }

    /// Empties the context's arrays, keeping their room, and keeps it for the next text. The arrays of numbers that the
    /// next text overwrites whole (`sentenceOf`, `clauseOf`, the contribution index) keep their length too, to be
    /// resized rather than emptied and filled with zeros again (the index is marked as none).
    mutating func keep(_ context: consuming RuleContext) {
        guard context.units.capacity <= Self.limit, context.contributions.capacity <= Self.limit else { return }
        // `empty` (EscuchaCore): most texts leave a few sentences and contributions, which `removeAll` emptied through the
        // generic `replaceSubrange` and, for the contributions, a destroy through their type's metadata.
        context.units.empty()
        context.sentences.empty()
        ContributionIndex.clear(&context.sharedIndexStorage)
        context.contributions.empty()
        kept = consume context
    }
}
