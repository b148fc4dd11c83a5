import EscuchaCore
import EscuchaNormalize

/// Names are not opinions: `Buenos Aires`, `Puerto Rico`, `Miguel Ángel`, `Costa Rica`. A capitalised
/// opinion word inside a run of capitalised words (not at the start of its sentence or of a clause after
/// punctuation) is read as part of a name and loses its opinion. A sentence written mostly in capitals per word (a review title such as
/// `Muy Buena Comida`) is left alone.
enum ProperNames {
    /// Above this share of capitalised words, a sentence is in title case and capitals mean nothing.
    static let titleCaseShare = 0.6

    static func apply(_ units: inout [Unit], text: NormalizedText, sentences: [Range<Int>]) {
        for sentence in sentences {
            // Only a capitalised opinion past a sentence's first word may change, and most sentences have none: it is
            // looked for first, at the units with an opinion (one test of the others, where counting the words and
            // capitals of every sentence cost about 20 instructions a unit), and the words counted only for a sentence
            // with one (their lists are then made).
            var first = sentence.lowerBound
            while first < sentence.upperBound, !units[first].isWord { first += 1 }
            var candidate = false
            for index in first + 1..<max(first + 1, sentence.upperBound) where units[index].opinion != nil && isCapitalised(units[index], text) {
                candidate = true
                break
            }
            guard candidate else { continue }
            var wordCount = 0, capitalisedCount = 0
            for index in sentence where units[index].isWord {
                if isCapitalised(units[index], text) { capitalisedCount += 1 }
                wordCount += 1
            }
            if Double(capitalisedCount) >= titleCaseShare * Double(wordCount) { continue }
            let words = sentence.filter { units[$0].isWord }
            // A capitalised word read as a typo is a name inside a clause (`fuimos con Amabile`), a typo where a
            // sentence or clause opens (`Exelente servicio`, `Buen hotel. Invreíble vista`).
            for (position, index) in words.enumerated() where position > 0 && units[index].opinion?.match == "spelling"
                && isCapitalised(units[index], text) && !(index > 0 && !units[index - 1].isWord && units[index - 1].breaksClause) {
                units[index].opinion = nil
            }
            for (position, index) in words.enumerated() where units[index].opinion != nil && position > 0 && isCapitalised(units[index], text) {
                let previous = words[position - 1]
                let next = position + 1 < words.count ? words[position + 1] : nil
                // Neighbours in the same run of tokens (no punctuation between), capitalised, not the sentence's first word.
                let joinedBefore = previous == index - 1 && position - 1 > 0 && isCapitalised(units[previous], text)
                let joinedAfter = next == index + 1 && next.map { isCapitalised(units[$0], text) } == true
                // A run that opens a clause after punctuation opens like a sentence (`Buen día, Excelente Jornada`):
                // its first word keeps its opinion; a name sits inside a clause (`fuimos a Buenos Aires`).
                let opensClause = !joinedBefore && index > 0 && !units[index - 1].isWord && units[index - 1].breaksClause
                if joinedBefore || joinedAfter && !opensClause { units[index].opinion = nil }
            }
        }
    }

    /// First letter upper case, the rest lower case (`Rico`, not `RICO` or `rico`), read on the UTF-8
    /// bytes: Spanish capitals are ASCII or Latin-1 (`Á` is C3 81, `á` is C3 A1).
    static func isCapitalised(_ unit: Unit, _ text: NormalizedText) -> Bool {
        unit.isWord && unit.tokens.count == 1 && unit.traits.capitalised
    }

    static func isCapitalised(_ surface: String) -> Bool {
        var utf8 = surface.utf8.makeIterator()
        guard let first = utf8.next() else { return false }
        if first >= 0x41 && first <= 0x5A {
            // ASCII capital
        } else if first == 0xC3, let second = utf8.next(), second >= 0x80 && second <= 0x9E && second != 0x97 {
            // Latin-1 capital
        } else {
            return false
        }
        var previous: UInt8 = 0
        while let byte = utf8.next() {
            if byte >= 0x61 && byte <= 0x7A || previous == 0xC3 && byte >= 0xA0 && byte <= 0xBF && byte != 0xB7 { return true }
            previous = byte
        }
        return false
    }
}

/// `Bueno, …`, `Bien, pues…`, `Vale, pero…`: at the start of a sentence and followed by a pause or a
/// connective, these words organise talk; they do not praise.
enum DiscourseMarkers {
    static let markers: WordSet = ["bueno", "bien", "vale", "buenas", "ok", "okay"]
    static let connectives: WordSet = ["pues", "pero", "y", "nada", "entonces", "a", "que", "lo", "igual", "total", "ya"]
    static let concessions: WordSet = ["pero", "aunque"]
    /// Words that, right after `buenas`, open the message it greets: `Buenas tengo un problema`, `Buenas quisiera…`.
    static let messageOpeners: WordSet = ["tengo", "estoy", "quisiera", "queria", "necesito", "llevo", "soy", "he", "hemos",
                                              "tenemos", "estamos", "hoy", "ayer", "escribo", "acabo", "quiero", "disculpen", "perdon"]

    /// Words that, right after an opening `bueno`, begin a clause of their own rather than name what is good: a subject
    /// or object pronoun, a time, `ya`, `si`, `no` (`Bueno yo tampoco me vi`, `Bueno cada quien con lo suyo`, `bueno ya
    /// veremos`). `Bueno el servicio`, `bueno y barato` keep their praise.
    static let clauseOpeners: WordSet = ["yo", "tu", "ella", "ellos", "ellas", "nosotros", "nosotras", "usted", "ustedes", "cada", "eso",
                                         "esto", "ya", "si", "no", "ni", "me", "te", "se", "nos", "le", "les", "hoy", "ahora", "mañana", "manana",
                                         "entonces", "aqui", "aca", "ahi", "asi", "vamos", "hasta", "chau", "adios", "creo", "espero", "voy"]
    /// What may come before the opening marker: `Y bueno yo tampoco`, `pues bueno, ya veremos`.
    static let leadingConnectives: WordSet = ["y", "pues", "ah", "oh", "ay", "o"]

    static func apply(_ units: inout [Unit], sentences: [Range<Int>], keyFacts: KeyFactsUnion) {
        // Every sentence this loop changes opens with one of the markers: a text with none (most) skips it.
        for sentence in sentences where keyFacts.mayHave(.discourseMarker) {
            // A message may open with the handles it is addressed to (`@Iberia Buenas, …`).
            guard var first = sentence.first(where: { units[$0].isWord && !units[$0].facts.lists.contains(.handle) }) else { continue }
            if units[first].facts.lists.contains(.leadingConnective), first + 1 < sentence.upperBound, units[first + 1].isWord { first += 1 }
            guard units[first].opinion != nil, markers.contains(units[first].key), first + 1 < sentence.upperBound else { continue }
            let next = units[first + 1]
            let pause = !next.isWord && next.key.hasPrefix(",") || next.key.hasPrefix("...") || next.key.hasPrefix("…")
            // `Bien, pero caro`, `bien pero lento`, `Bien, aunque se corta a veces`: a concession, the praise is
            // meant; `Bueno, pero…` is not.
            let after = pause && first + 2 < sentence.upperBound ? units[first + 2] : next
            if units[first].key.isKey("bien"), after.isWord, concessions.contains(after.key) { continue }
            // `Buenas. Les escribí…`, `Buenas me gustaría…`, `Buenas!`: the greeting opens a message; `buenas vistas` praises.
            let greeting = units[first].key.isKey("buenas") && (!next.isWord || FulfilledExpectations.clitics.contains(String(next.key.prefix { $0 != " " }))
                || next.traits.functionWord != .none || messageOpeners.contains(next.key))
            let opensClause = units[first].facts.word == .bueno && next.isWord && next.opinion == nil && clauseOpeners.contains(next.key)
            // `Bueno y barato`: `y` joins a second quality to the first, which is praise.
            let joinsQuality = next.key.isKey("y") && first + 2 < sentence.upperBound && units[first + 2].opinion != nil
            if pause || greeting || opensClause || next.isWord && connectives.contains(next.key) && !joinsQuality {
                units[first].opinion = nil
            }
        }
        // `muy pero muy sucio`, `nunca pero nunca`: `pero` between a word and itself stresses it; it contrasts nothing.
        // (Both loops test the keyword, one byte, and only in a text that has it: they would run for every unit.)
        if keyFacts.mayHave(.pero) {
            for index in units.indices.dropFirst() where index + 1 < units.count && units[index].facts.word == .pero
                && units[index - 1].isWord && units[index - 1].key == units[index + 1].key {
                units[index].modifiers[.contrastAfter] = nil
                units[index].breaksClause = false
            }
        }
        // After a comma too: `qué lástima, bueno, igual no podía ir`, `…, bueno pues nada`; and after `pero`, the shrug
        // `pero bueno, llegamos` (not the praise that ends `caro pero bueno.`).
        guard keyFacts.mayHave(.bueno) else { return }
        for index in units.indices.dropFirst() where units[index].facts.word == .bueno && units[index].opinion != nil && index + 1 < units.count {
            let previous = units[index - 1], next = units[index + 1]
            let pause = !previous.isWord && (previous.key.hasPrefix(",") || previous.key.hasPrefix("…") || previous.key.hasPrefix("..."))
            guard pause || previous.key.isKey("pero") else { continue }
            if !next.isWord && next.key.hasPrefix(",") || next.isWord && connectives.contains(next.key) { units[index].opinion = nil }
        }
    }
}

/// `la cara`, `unas caras de horror`: after a determiner, `cara` is a face, not `caro` (expensive); `el amo` is
/// an owner, not `amo` (I love); `la crónica` is a report, not `crónico` (chronic); `la química` chemistry, not a
/// chemical taste; `buenas criticas`, written without its accent, reviews, not `criticar`. Also `cara a cara`, `con cara
/// de`, `de cara a`; `dura una hora` (`durar`, not `duro`); `¡cuidado!`, `ten cuidado` (a warning, not `cuidar`).
enum NounHomographs {
    static let feminine: WordSet = ["la", "las", "una", "unas", "su", "sus", "mi", "mis", "tu", "tus", "esa", "esas", "esta", "estas", "buena", "mala"]
    static let masculine: WordSet = ["el", "del", "al", "un", "su", "mi", "tu", "ese", "este", "nuestro", "vuestro"]
    /// Each word, and the determiners that make it the noun (`la cara`, `el amo`, `al súper`)
    /// rather than the opinion (`caro`, `amar`, `tardar`, `súper` as praise).
    static let words: [String: WordSet] = ["cara": feminine, "caras": feminine, "amo": masculine,
                                                 "super": masculine, "cronica": feminine, "cronicas": feminine, "quimica": feminine,
                                                 "critica": feminine, "criticas": feminine.union(["buenas", "malas", "muchas", "pocas", "excelentes"])]

    /// Words after which `dura` is `durar` with its length (`dura una hora`, `dura 20 minutos`), not `duro`.
    static let durationOpeners: WordSet = ["un", "una", "unos", "unas", "aprox", "aproximadamente", "alrededor", "casi", "entre", "hasta", "media",
                                                   "como", "maximo", "minimo", "apenas", "cerca", "unicamente", "solo"]
    /// Words before `cuidado` that make it a warning (`ten cuidado`, `con cuidado`, `mucho cuidado`), not `cuidar`.
    static let warnings: WordSet = ["con", "ten", "tened", "tenga", "tengan", "tener", "tenemos", "tuvimos", "tuve", "mucho", "muchisimo", "hay"]

    /// Words around `fuera` that make it the adverb `outside` (`por fuera`, `desde fuera`, `fuera de la ciudad`), not
    /// the subjunctive of `ser`.
    static let outsideBefore: WordSet = ["por", "de", "desde", "hacia", "para", "alli", "alla", "ahi", "aqui", "aca", "muy", "mas"]

    /// The words of the branches below (`cara a cara`, `dura una hora`, `¡cuidado!`).
    static let faces: WordSet = ["cara", "caras"]
    static let durations: WordSet = ["dura", "duran"]
    static let warningWord = "cuidado"
    /// Every word this rule reads, derived from the lists so that a word added to one is never skipped: a unit's
    /// `KeyLists.homograph` bit.
    static let homographs = WordSet(Array(words.keys) + Array(faces) + Array(durations) + [warningWord])

    static func apply(_ units: inout [Unit], keyFacts: KeyFactsUnion) {
        // Only a text with `fuera` (its keyword, exact) is scanned for it: most have none.
        if keyFacts.mayHave(.fuera) {
            for index in units.indices where units[index].traits.pastSubjunctive && units[index].key.isKey("fuera") {
                let before = index > 0 ? units[index - 1].key : ""
                let after = index + 1 < units.count ? units[index + 1].key : ""
                if outsideBefore.contains(before) || after.isKey("de") || after.isKey("del") { units[index].traits.pastSubjunctive = false }
            }
        }
        guard keyFacts.mayHave(.homograph) else { return }
        for index in units.indices where units[index].opinion != nil {
            // Other opinions are passed by one bit (`KeyFacts`): no key is read or hashed for them.
            guard units[index].facts.lists.contains(.homograph) else { continue }
            let key = units[index].key
            let previous = index > 0 ? units[index - 1].key : ""
            let next = index + 1 < units.count ? units[index + 1].key : ""
            if let determiners = words[key], determiners.contains(previous) {
                units[index].opinion = nil
            } else if faces.contains(key) {
                // `cara a cara`, `con cara de pocos amigos`, `de cara al público`: a face.
                let faceToFace = next.isKey("a") && index + 2 < units.count && units[index + 2].key.isKey("cara")
                    || previous.isKey("a") && index >= 2 && units[index - 2].key.isKey("cara")
                if faceToFace || previous.isKey("con") && next.isKey("de") || previous.isKey("de") && (next.isKey("a") || next.isKey("al")) { units[index].opinion = nil }
            } else if durations.contains(key) {
                // A number is a unit of its own with no key (`dura 45 minutos`, `dura de 20 a 30`).
                let number = index + 1 < units.count && units[index + 1].key.isEmpty && !units[index + 1].isWord
                let numberAfterDe = next.isKey("de") && index + 2 < units.count && units[index + 2].key.isEmpty && !units[index + 2].isWord
                if number || numberAfterDe || durationOpeners.contains(next) { units[index].opinion = nil }
            } else if key == warningWord {
                // `¡Cuidado!`, `ten cuidado con…`: a warning.
                if index == 0 || warnings.contains(previous) || previous.hasPrefix("¡") { units[index].opinion = nil }
            }
        }
    }
}

/// `el portátil que me recomendó`, `el despacho que me recomendaron`: someone else's recommendation, in a
/// relative clause that names the thing, is not the writer's. The writer's own (`lo que más recomiendo`,
/// `que recomendamos`) stays.
enum ReportedRecommendations {
    static let verbs: WordSet = ["recomendar", "aconsejar"]
    static let writersForms: WordSet = ["recomiendo", "recomende", "recomendamos", "aconsejo", "aconseje", "aconsejamos"]

    static func apply(_ context: inout RuleContext) {
        // A term's first byte before the set (most terms open with neither): a term equal to `recomendar` or `aconsejar`
        // opens with their ASCII letter, as no other character is canonically one.
        for index in context.contributions.indices where context.contributions[index].value > 0
            && context.contributions[index].term.utf8.first.map({ $0 == UInt8(ascii: "r") || $0 == UInt8(ascii: "a") }) == true
            && verbs.contains(context.contributions[index].term) {
            let unit = context.contributions[index].unit
            guard !writersForms.contains(context.units[unit].key), FulfilledExpectations.inRelativeClause(unit, context) else { continue }
            context.contributions[index].apply("reported", cue: "que", to: 0)
        }
    }
}


/// `no lo recomiendo para personas sensibles`, `no recomendado para mayores o personas con problemas de corazón`, `no lo
/// recomiendo a niños pequeños`: a not-recommendation limited to readers the place may harm warns them; it is no
/// verdict against the place, so it weighs as a supposition does. Not for a kind of customer or an occasion (`no lo
/// recomiendo para familias`, `para una cena romántica`): that is the verdict for them.
enum SensitiveReaders {
    static let factor = 0.3
    static let notRecommending: WordSet = ["no recomendar", "poco recomendable", "desaconsejar"]
    static let readers: WordSet = ["personas", "gente", "niños", "niñas", "ninos", "menores", "mayores", "bebes", "embarazadas", "claustrofobicos",
                                   "claustrofobicas", "sensibles", "impresionables", "cardiacos"]

    static func apply(_ context: inout RuleContext) {
        // Only a text with one of the readers (a bit of the units' keys' facts, exact): most have none.
        guard context.mayHave(.reader) else { return }
        // The contribution is read in place, field by field: a copy retained and released its strings and rules.
        for index in context.contributions.indices where context.contributions[index].value < 0 {
            let unit = context.contributions[index].unit
            let key = context.units[unit].key
            guard notRecommending.contains(context.contributions[index].term)
                    || context.contributions[index].negatedBy != nil && (key.hasPrefix("recomend") || key.hasPrefix("aconsej")),
                  unit + 2 < context.units.count, context.units[unit + 1].key.isKey("para") || context.units[unit + 1].facts.word == .a,
                  context.units[unit + 2].facts.lists.contains(.reader) else { continue }
            let value = context.contributions[index].value
            context.contributions[index].apply("warning for some", cue: context.units[unit + 1].key, to: value * factor)
        }
    }
}

/// `a quienes no les guste caminar, está el funicular`, `para los que les guste la historia`: the tastes of readers who
/// may or may not exist (a relative with no antecedent, the verb in the subjunctive) are no opinion of the writer's;
/// they weigh as a supposition does (`si no te gusta caminar`). The writer's own stay: `lo que no me gustó`,
/// `espero que te guste`.
enum GenericReaders {
    /// The weight of the conditional `si` (modifiers.tsv): the same supposition, put another way.
    static let factor = 0.3
    static let tastes: WordSet = ["guste", "gusten", "encante", "encanten", "interese", "interesen", "agrade", "agraden",
                                  "apetezca", "apetezcan"]
    /// Between the relative and the verb: its pronouns, its negation and a degree (`a quien no le guste mucho`).
    static let between: WordSet = ["no", "le", "les", "me", "te", "nos", "os", "se", "mucho", "tanto", "mas", "nada"]
    /// What turns `que` into a relative with no antecedent: `los que`, `al que`, `aquellos que`, `todo el que`.
    static let headless: WordSet = ["el", "la", "los", "las", "al", "aquel", "aquella", "aquellos", "aquellas"]

    static func apply(_ context: inout RuleContext) {
        // The tastes told by a bit of the units' keys' facts, and only in a text that has one (exact): most have none.
        guard context.mayHave(.taste) else { return }
        for index in context.contributions.indices where context.units[context.contributions[index].unit].facts.lists.contains(.taste) {
            var probe = context.contributions[index].unit - 1
            while probe >= 0, between.contains(context.units[probe].key) { probe -= 1 }
            guard probe >= 0 else { continue }
            let key = context.units[probe].key
            let relative = key.isKey("quien") || key.isKey("quienes")
                || key.isKey("que") && probe > 0 && headless.contains(context.units[probe - 1].key)
            guard relative else { continue }
            let value = context.contributions[index].value
            context.contributions[index].apply("generic reader", cue: key, to: value * factor)
        }
    }
}
