import EscuchaCore

/// A word the rules name, interned: a unit carries its key's keyword (`KeyFacts.word`), so a rule that scans every
/// unit for it tests one byte (`units[i].facts.word == .saber`) instead of reading the key's `String`.
enum Keyword: String, CaseIterable {
    case saber, sabe, alguien, pero, bueno, ni, si, no, que, de, sin, mas, a, por, en, hace, hacia, nada, segun
    case noDarUnaVuelta = "no dar una vuelta"
    case paraNada = "para nada"
    case fuera, es, estamos, cuando, nunca, jamas
    /// A phrase's key keeps the lexicon's accents: `UnmetExpectations.overdue` asks for both spellings.
    case cuandoAccented = "cuándo"
    /// A negator phrase: `NotEven` reads it as `ni`.
    case niSiquiera = "ni siquiera"

    /// The keyword's bit in a `KeyFactsUnion`.
    var bit: UInt32 {
        switch self {
        case .saber: 1 << 0
        case .sabe: 1 << 1
        case .alguien: 1 << 2
        case .pero: 1 << 3
        case .bueno: 1 << 4
        case .ni: 1 << 5
        case .si: 1 << 6
        case .no: 1 << 7
        case .que: 1 << 8
        case .de: 1 << 9
        case .sin: 1 << 10
        case .mas: 1 << 11
        case .noDarUnaVuelta: 1 << 12
        case .paraNada: 1 << 13
        case .a: 1 << 14
        case .por: 1 << 15
        case .en: 1 << 16
        case .hace: 1 << 17
        case .hacia: 1 << 18
        case .nada: 1 << 19
        case .fuera: 1 << 20
        case .es: 1 << 21
        case .estamos: 1 << 22
        case .cuando: 1 << 23
        case .cuandoAccented: 1 << 24
        case .nunca: 1 << 25
        case .jamas: 1 << 26
        case .segun: 1 << 27
        case .niSiquiera: 1 << 28
        }
    }
}

/// The keywords and lists of all of a text's units together, taken as they are read: a rule that scans every unit for
/// one keyword or list returns at once from a text with none (a scan costs about 10 instructions a unit, and most texts
/// have no `sin`, no star, no `demasiado`). Exact: a unit's key, and so its facts, never changes once it is read.
struct KeyFactsUnion {
    private var words: UInt32 = 0
    private var lists: KeyLists = []

    mutating func insert(_ facts: KeyFacts) {
        if let word = facts.word { words |= word.bit }
        lists.formUnion(facts.lists)
    }

    /// The same, the keyword's bit already found (`WordReading.keywordBit`).
    mutating func insert(_ lists: KeyLists, wordBit: UInt32) {
        words |= wordBit
        self.lists.formUnion(lists)
    }

    /// Whether some unit may be `word` (false: surely none is).
    func mayHave(_ word: Keyword) -> Bool { words & word.bit != 0 }
    /// Whether some unit may belong to `list` (false: surely none does).
    func mayHave(_ list: KeyLists) -> Bool { lists.contains(list) }
}

/// The rules' word lists a unit's key belongs to, and what a rule reads of its spelling, as bits.
struct KeyLists: OptionSet {
    /// Two words' worth: the first 32 lists filled one, and a list costs its rules nothing until they ask for it.
    let rawValue: UInt64
    /// `Questions.askers` (`quiero`, `me gustaría`).
    static let asker = KeyLists(rawValue: 1)
    /// `Excess.forms` (`demasiado`, `demasiadas`).
    static let excess = KeyLists(rawValue: 2)
    /// `Ratings.isStar` (`estrella`, `estrellitas`).
    static let star = KeyLists(rawValue: 4)
    /// `FulfilledExpectations.clitics` (`me`, `nos`, `lo`): the pronouns rules skip between a negator and its verb.
    static let clitic = KeyLists(rawValue: 8)
    /// `Comparatives.comparatives` (`mejor`, `peores`).
    static let comparative = KeyLists(rawValue: 16)
    /// `Comparatives.imperfects` (`era`, `funcionaba`).
    static let imperfect = KeyLists(rawValue: 32)
    /// `Comparatives.formerly` (`antes`, `anteriormente`).
    static let formerly = KeyLists(rawValue: 64)
    /// `DrawbackFrames.frameWords` (`lo`, `punto`) and `DrawbackFrames.framedWords` (`malo`, `positivo`).
    static let frame = KeyLists(rawValue: 128)
    static let framed = KeyLists(rawValue: 256)
    /// A key that begins with `gust` (`gustó`, `gustaron`): `DrawbackFrames.isFrame`'s `lo que no me gustó`.
    static let liking = KeyLists(rawValue: 512)
    /// `NounHomographs.homographs` (`cara`, `dura`, `cuidado`).
    static let homograph = KeyLists(rawValue: 1024)
    /// A key that begins with `:` (a colon, `:)` written apart): `Sarcasm.ironies`.
    static let colon = KeyLists(rawValue: 2048)
    /// `PostNominal.degreeAdjectives` (`impresionante`, `tremenda`).
    static let degree = KeyLists(rawValue: 4096)
    /// `Negation.obligations` (`hay`, `tiene`): `no hay que`, `no tiene que`.
    static let obligation = KeyLists(rawValue: 16384)
    /// The words of `Negation.isPurpose`: what says an aim (`para que`, `con tal de que`), the `que` after it, what
    /// opens one (`para`, `a fin de`) and the words before its `de` (`fin`, `tal`).
    static let purpose = KeyLists(rawValue: 32768)
    static let purposeQue = KeyLists(rawValue: 65536)
    static let purposeOpener = KeyLists(rawValue: 131072)
    static let purposeDe = KeyLists(rawValue: 262144)
    /// A key that begins with `@` (a handle): `DiscourseMarkers` looks past them.
    static let handle = KeyLists(rawValue: 8192)
    /// `Gratitude.thanks` (`gracias`, `mil gracias`, `agradezco`).
    static let thanks = KeyLists(rawValue: 1 << 19)
    /// A key that ends in `pena` or `lastima` (`una pena`, `que lastima`): `MissedVisits.applyWantingMore`.
    static let regret = KeyLists(rawValue: 1 << 20)
    /// A key that begins with `vuelv` or `volv` (`vuelven`, `volveré`): `Negation`'s `no me vuelven a engañar`.
    static let volver = KeyLists(rawValue: 1 << 21)
    /// A key that begins with `dej` (`deja`, `dejaron`): `Negation`'s `no deja de sorprender`.
    static let dejar = KeyLists(rawValue: 1 << 22)
    /// `GenericReaders.tastes` (`guste`, `interese`).
    static let taste = KeyLists(rawValue: 1 << 23)
    /// `SensitiveReaders.readers` (`personas`, `niños`).
    static let reader = KeyLists(rawValue: 1 << 24)
    /// `DiscourseMarkers.leadingConnectives` (`y`, `pues`), asked of every sentence's first word.
    static let leadingConnective = KeyLists(rawValue: 1 << 25)
    /// `Negation.universalOpeners` (`nada`, `nadie`), asked after every negator word.
    static let universalOpener = KeyLists(rawValue: 1 << 26)
    /// `Impediments.impossible`, `attempts` and `presentAttempts` (`imposible`, `pude`, `puedo`).
    static let impediment = KeyLists(rawValue: 1 << 27)
    /// `LongWait.waitWords` (`espera`, `cola`, `demora`).
    static let waitWord = KeyLists(rawValue: 1 << 28)
    /// `UnmetExpectations.weekdays` and `holidays` (`lunes`, `festivos`): a timetable, not a failure.
    static let timetable = KeyLists(rawValue: 1 << 29)
    /// A key that ends in ` que` (`pensé que`, `espero que`): `Irrealis.isSurprise`.
    static let queEnding = KeyLists(rawValue: 1 << 30)
    /// `ClosingVerdict.articles` (`el`, `la`, `los`, `las`).
    static let article = KeyLists(rawValue: 1 << 31)
    /// `DiscourseMarkers.markers` (`bueno`, `vale`): a text with none has no sentence the rule's first loop changes.
    static let discourseMarker = KeyLists(rawValue: 1 << 32)
    /// A negator built on `dejar de` (`Negation.isCeasing`: `dejó de`, `ha dejado de`), told once per key: the test
    /// compares Characters and ran at every negator of every text.
    static let ceasing = KeyLists(rawValue: 1 << 33)
    /// A quotation mark (`SpaceSizes.quotes`: `"`, `“`, `«`, `'`): `Sarcasm.scareQuotes` looks for the quoted praise.
    static let quote = KeyLists(rawValue: 1 << 34)
    /// The first words of `Notices.openers` (`para`, `dato`, `os`…): a text whose first word is none is no notice.
    static let noticeOpener = KeyLists(rawValue: 1 << 35)
    /// `Courtesy.requests` (`por favor`, `necesito`, `quisiera`): a text with none asks for nothing.
    static let request = KeyLists(rawValue: 1 << 36)
    /// `AvertedHarms.mayAvert` (`evitó`, `ahorro`, `aguantó`): a harm avoided or withstood, by a key's start.
    static let averting = KeyLists(rawValue: 1 << 37)
    /// `Warnings.mayAdvise` (`recomiendo`, `aconsejo`, `sugerimos`): a verb of advice, by a key's start.
    static let advising = KeyLists(rawValue: 1 << 38)

    /// Each list with its bit (the spellings `Ratings.isStar` and `liking` accept are no list: `KeyFacts.init` asks).
    static let lists: [(KeyLists, WordSet)] = [
        (.asker, Questions.askers), (.excess, Excess.forms), (.clitic, FulfilledExpectations.clitics),
        (.comparative, Comparatives.comparatives), (.imperfect, Comparatives.imperfects), (.formerly, Comparatives.formerly),
        (.frame, DrawbackFrames.frameWords), (.framed, DrawbackFrames.framedWords), (.homograph, NounHomographs.homographs),
        (.degree, PostNominal.degreeAdjectives), (.obligation, Negation.obligations),
        (.purpose, Negation.purposes), (.purposeQue, Negation.purposeQues), (.purposeOpener, Negation.purposeOpeners),
        (.purposeDe, Negation.purposeDes), (.thanks, Gratitude.thanks), (.taste, GenericReaders.tastes), (.reader, SensitiveReaders.readers),
        (.leadingConnective, DiscourseMarkers.leadingConnectives), (.universalOpener, Negation.universalOpeners),
        (.impediment, Impediments.impossible.union(Impediments.attempts).union(Impediments.presentAttempts)),
        (.waitWord, LongWait.waitWords), (.timetable, UnmetExpectations.weekdays.union(UnmetExpectations.holidays)),
        (.article, ClosingVerdict.articles), (.discourseMarker, DiscourseMarkers.markers), (.noticeOpener, Notices.firstWords),
        (.request, Courtesy.requests),
    ]
}

/// What the rules read of a unit's key, found once: per word surface in its `WordReading`, and per other unit (a
/// phrase, a hashtag, a mark) when the unit is read. Exact: the answers are those of the lists and tests they stand
/// for, asked of the same key.
struct KeyFacts {
    /// The lists first: after the 64-bit word the one-byte keyword fits in what was padding, and a unit grows by a byte.
    var lists: KeyLists = []
    var word: Keyword?

    init() {}

    init(_ key: String) {
        let ends = key.utf8.withContiguousStorageIfAvailable { ($0.first, $0.last) } ?? (key.utf8.first, key.utf8.last)
        guard let initial = ends.0, let final = ends.1 else { return }
        // `hasPrefix` compares Characters: only a key whose first byte is `:` (`@`) can begin with `:` (`@`).
        if initial == UInt8(ascii: ":"), key.hasPrefix(":") { lists.insert(.colon) }
        if initial == UInt8(ascii: "@"), key.hasPrefix("@") { lists.insert(.handle) }
        // Asked before the gate too: `"` and `'` open with a mark, the others (`“`, `«`) with a byte past ASCII.
        if initial == UInt8(ascii: "\"") || initial == UInt8(ascii: "'") || initial >= 0x80, SpaceSizes.quotes.contains(key) {
            lists.insert(.quote)
        }
        // Asked before the gate: the key may open with any byte. Both words end in `a` (the byte, as `mayEnd` says).
        if final == UInt8(ascii: "a"), Self.mayEnd(key, with: "pena") && key.hasSuffix("pena") || Self.mayEnd(key, with: "lastima") && key.hasSuffix("lastima") {
            lists.insert(.regret)
        }
        if final == UInt8(ascii: "e"), Self.mayEnd(key, with: " que") && key.hasSuffix(" que") { lists.insert(.queEnding) }
        // Only a key whose bytes end in ` de` (a phrase) may be one.
        if final == UInt8(ascii: "e"), Self.mayEnd(key, with: " de"), Negation.isCeasing(key) { lists.insert(.ceasing) }
        guard Self.mayName(initial) else { return }
        if Self.named.contains(key), let facts = Self.table[key] {
            word = facts.word
            lists.formUnion(facts.lists)
        }
        if Ratings.isStar(key) { lists.insert(.star) }
        // `hasPrefix` compares Characters: only a key whose first byte is `g` can begin with `gust`.
        if initial == UInt8(ascii: "g"), key.hasPrefix("gust") { lists.insert(.liking) }
        if initial == UInt8(ascii: "v"), key.hasPrefix("vuelv") || key.hasPrefix("volv") { lists.insert(.volver) }
        if initial == UInt8(ascii: "d"), key.hasPrefix("dej") { lists.insert(.dejar) }
        if initial == UInt8(ascii: "e") || initial == UInt8(ascii: "p") || initial == UInt8(ascii: "a") || initial == UInt8(ascii: "r"),
           AvertedHarms.mayAvert(key) {
            lists.insert(.averting)
        }
        if initial == UInt8(ascii: "r") || initial == UInt8(ascii: "a") || initial == UInt8(ascii: "s"), Warnings.mayAdvise(key) {
            lists.insert(.advising)
        }
    }

    /// Whether a key opening with this byte may be named: every name opens with a lowercase letter (checked where the
    /// table is made), and a key opening with another ASCII byte (a mark, a digit, `@`, `#`) is canonically equal to no
    /// such word, so the marks, most units that are no word, are answered from their first byte.
    @inline(__always)
    private static func mayName(_ initial: UInt8) -> Bool {
        initial >= 0x80 || initial >= UInt8(ascii: "a") && initial <= UInt8(ascii: "z")
    }

    /// Whether the key's bytes end in `suffix` (lowercase ASCII letters): `hasSuffix` compares Characters (hundreds of
    /// instructions, and most Spanish words end in `a` or `o`), and a key can end in those Characters only if its bytes
    /// end in theirs, since no other character is canonically equal to a lowercase ASCII letter. `hasSuffix` then decides.
    private static func mayEnd(_ key: String, with suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount, start = suffix.utf8Start
        return key.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count >= length else { return false }
            let offset = bytes.count - length
            for index in 0..<length where bytes[offset + index] != start[index] { return false }
            return true
        } ?? true
    }

    /// Every key some list or keyword holds: most keys are none, and this answers from their bytes.
    private static let named = WordSet(table.keys)
    private static let table: [String: KeyFacts] = {
        var table: [String: KeyFacts] = [:]
        for word in Keyword.allCases { table[word.rawValue, default: KeyFacts()].word = word }
        for (bit, list) in KeyLists.lists {
            for key in list { table[key, default: KeyFacts()].lists.insert(bit) }
        }
        // `Ratings.isStar` and `liking` ask for `estrell…` and `gust…`: their initials are lowercase letters too
        // (`colon` and `handle` are asked before the gate).
        precondition(table.keys.allSatisfy { $0.utf8.first.map(mayName) ?? false }, "a keyword or listed word must open with a lowercase letter")
        return table
    }()
}

/// Word traits that rules scan every unit for, of all of a text's units together, taken as the units are read: a text
/// whose units have none skips the scan (most texts have no conditional, no `desde`, no unit of time). Exact: these
/// traits are set when a word is first read and never change afterwards, and only a single word's unit has them (a
/// phrase's unit keeps none of them, but for `waitLemma`, which the analyzer adds for a phrase's unit too).
struct TraitSummary: OptionSet {
    let rawValue: UInt16
    /// A verb in the conditional (`WordTraits.conditional`): an `Irrealis` marker.
    static let conditional = TraitSummary(rawValue: 1)
    /// `desde` (`WordTraits.since == .marker`): where `LongWait` looks for a starting day.
    static let sinceMarker = TraitSummary(rawValue: 2)
    /// A unit of time (`WordTraits.timeUnit`): where `LongWait` looks for a duration.
    static let timeUnit = TraitSummary(rawValue: 4)
    /// A form of `dejar` that lets or refuses (`.letting`): `Impediments.refusals`.
    static let letting = TraitSummary(rawValue: 8)
    /// A verb of visiting or trying (`.recommendable`): `Recommendations.cues`.
    static let recommendable = TraitSummary(rawValue: 16)
    /// A verb that removes a problem, takes something away or remedies one (`.resolution`, `.removal`, `.remedy`), or
    /// one of receiving in a past tense (`.receiving`): `Resolutions.apply`, `ResolvedStories.apply`.
    static let resolving = TraitSummary(rawValue: 32)
    /// A word of history (`Frame.history`): `Narration.apply`.
    static let history = TraitSummary(rawValue: 64)
    /// A verb that may be a past subjunctive (`WordTraits.pastSubjunctive`): `Counterfactuals.cues`. Only "may": the
    /// discourse step clears the trait of some units after reading (`como si fuera`), never sets it.
    static let pastSubjunctive = TraitSummary(rawValue: 128)
    /// A verb of running out or breaking down (`.wearing`): `FastWear.apply`.
    static let wearing = TraitSummary(rawValue: 256)
    /// A unit whose first word's lemma is a wait word (`Frame.waitLemma`, of a phrase's unit too): `LongWait.waits`.
    static let waitLemma = TraitSummary(rawValue: 512)
    /// A verb a customer demands (`WordTraits.demandable`): `UnmetExpectations.demands`.
    static let demandable = TraitSummary(rawValue: 1024)
    /// A size word (`SpaceSizes.Sizing.sizeWords`: `grande`, `pequeña`, the lexicon's `pequeño`): `SpaceSizes.apply`.
    static let sizeWord = TraitSummary(rawValue: 2048)
    /// A number token's own unit (the unit reader's, not a word's trait): `Ratings.cues` reads a text's tokens for
    /// numbers only when it has one.
    static let number = TraitSummary(rawValue: 4096)

    /// A word's own, found once per surface (`WordReading.traitSummary`): summing each unit's traits as it was read cost
    /// more than the scans it spared.
    init(_ traits: WordTraits) {
        self = []
        if traits.conditional { insert(.conditional) }
        if traits.since == .marker { insert(.sinceMarker) }
        if traits.timeUnit != .none { insert(.timeUnit) }
        if traits.action.contains(.letting) { insert(.letting) }
        if traits.action.contains(.recommendable) { insert(.recommendable) }
        if !traits.action.isDisjoint(with: [.resolution, .removal, .remedy]) { insert(.resolving) }
        // A verb of receiving counts only in a past tense, where it may tell a replacement received (`tenía uno nuevo`).
        if traits.action.contains(.receiving), traits.finite, traits.past { insert(.resolving) }
        if traits.frame.contains(.history) { insert(.history) }
        if traits.pastSubjunctive { insert(.pastSubjunctive) }
        if traits.action.contains(.wearing) { insert(.wearing) }
        if traits.frame.contains(.waitLemma) { insert(.waitLemma) }
        if traits.demandable { insert(.demandable) }
        if !traits.sizing.isDisjoint(with: SpaceSizes.Sizing.sizeWords) { insert(.sizeWord) }
    }

    init(rawValue: UInt16) { self.rawValue = rawValue }
}
