import EscuchaCore
import EscuchaNormalize

/// Questions: `¿es bueno?` asks rather than praises, so opinions in a question count half. A rhetorical
/// question is a complaint: `¿hasta cuándo?`, `¿cómo es posible…?`, `¿en serio?` add their cue's valence
/// and keep the opinions whole.
enum Questions {
    static let questionFactor = 0.5
    /// A question opened with `¿` is asked as one from its first word (`¿Se puede reclamar por un retraso de 2 horas?`,
    /// `¿la garantía cubre pinchazos?`): what it names is what it asks about, and counts a quarter. Without the `¿`
    /// (`OTRA VEZ "ausente"??`) the mark more often closes an exclamation of complaint, which keeps half.
    static let openedQuestionFactor = 0.25
    /// Words before `saber` that make an indirect question, which asks as much as one with marks
    /// (`quiero saber cuánto tardan`). A phrase unit keeps its lexicon spelling as its key (`me gustaría`).
    static let askers: WordSet = ["quiero", "queria", "quisiera", "gustaria", "queremos", "necesito", "me gustaría", "nos gustaría"]
    /// Words that may stand before the cue that opens a question: `pero cuantas veces…`, `y para que…`.
    static let openers: WordSet = ["pero", "y", "o", "entonces", "bueno", "oye", "oigan", "vamos", "a ver"]

    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        if context.mayHave(.rhetorical) { unmarkedComplaints(&context, text: text) }
        // A text that neither asks with a mark nor has the words of an indirect question asks nothing.
        guard context.asks || mayAskIndirectly(context) else { return }
        guard !context.contributions.isEmpty || context.mayHave(.rhetorical) && context.units.indices.contains(where: { context.units[$0].modifiers.contains(.rhetorical) }) else { return }
        // Only the contributions made before the rhetorical cues are added are halved (a cue's sentence never is),
        // and they are indexed at the first sentence that asks: most texts ask nothing.
        let made = context.contributions.count
        var contributions: ContributionIndex?
        for sentence in context.sentences {
            let marked = context.asks && sentence.contains(where: { context.units[$0].questionMarks > 0 })  // in place: no unit copied
            // An indirect question asks from its asker on: `no tengo queja, solo pregunto si alguien sabe…`.
            let asked = marked ? markedQuestion(sentence, context) : indirectQuestion(sentence, context)
            guard !asked.isEmpty else { continue }
            if marked, let cue = sentence.first(where: { context.units[$0].has(.rhetorical) && opensQuestion($0, sentence, context, text) }) {
                let weight = context.units[cue].modifiers[.rhetorical]!
                context.contributions.append(RuleContext.Working.cue(unit: cue, term: context.cue(cue), rule: "rhetorical question", cue: context.cue(cue), value: weight))
                continue
            }
            if contributions == nil { contributions = context.contributionIndex() }
            let opened = marked && isOpenedQuestion(asked, context)
            for index in contributions!.contributions(of: asked) where index < made {
                let value = context.contributions[index].value
                // A rule's own reading (`¿cuándo me devuelven el dinero?`, a demand) is no word the question names.
                let factor = opened && context.contributions[index].list != "rule" ? openedQuestionFactor : questionFactor
                context.contributions[index].apply("question", cue: marked ? "?" : "saber", to: value * factor)
            }
        }
    }

    /// Rhetorical cues that complain with or without their question marks, which tweets and forms often drop:
    /// `hasta cuándo vamos a seguir así`, `cómo es posible que no funcione`, `de qué sirve el seguro`. Other cues
    /// need the marks (`nadie`, `en serio`, `por qué` are statements without them).
    static let unmarkedCues: WordSet = ["hasta cuándo", "cómo es posible", "de qué sirve", "de qué me sirve", "a quién se le ocurre",
                                        "cuántas veces"]
    /// `cuántas veces` complains unmarked only before an obligation (`cuantas veces tengo que llamar`, `cuántas veces
    /// hay que pedirlo`); before a past it counts fond visits (`cuántas veces hemos venido`).
    static let obligations: WordSet = ["tengo", "tenemos", "tienes", "tiene", "tienen", "tendre", "tendremos", "hay", "habra", "debo",
                                       "debemos", "debe", "deben", "vamos", "voy", "van"]

    /// A rhetorical cue that opens a sentence with no question mark (or is written with its accents) adds its
    /// complaint as the marked question's cue does.
    static func unmarkedComplaints(_ context: inout RuleContext, text: NormalizedText) {
        // By unit, a bit first: the sentences of a text with any rhetorical cue (`nadie`, `por qué`) are mostly without these.
        var lastSentence = -1
        for cue in context.units.indices where context.units[cue].has(.rhetorical) && unmarkedCues.contains(context.units[cue].key) {
            let position = context.sentenceOf[cue]
            let sentence = context.sentences[position]
            guard position != lastSentence, !sentence.contains(where: { context.units[$0].questionMarks > 0 }),
                  opensQuestion(cue, sentence, context, text) else { continue }
            if context.units[cue].key == "cuántas veces" {
                guard cue + 1 < sentence.upperBound, obligations.contains(context.units[cue + 1].key) else { continue }
            }
            lastSentence = position
            let weight = context.units[cue].modifiers[.rhetorical]!
            context.contributions.append(RuleContext.Working.cue(unit: cue, term: context.cue(cue), rule: "rhetorical question",
                                                                 cue: context.cue(cue), value: weight))
        }
    }

    /// A question opened with `¿` that asks rather than asserts: not one with a negation (`¿a quién no le gusta…?`,
    /// `¿no os da vergüenza?` assert), nor `¿alguien más…?`, which asks for company in a complaint.
    /// Whether `key` opens with `¿`. Its first byte first: only a key whose first byte is 0xC2 (`¿` is C2 BF) can, as no
    /// other character is canonically `¿`, and `hasPrefix` compares Characters (hundreds of instructions).
    static func opensAsking(_ key: String) -> Bool {
        key.utf8.first == 0xC2 && key.hasPrefix("¿")
    }

    /// `mas` and `alguien` told by the units' key facts (exact), not by their keys: this reads every unit the question asks.
    static func isOpenedQuestion(_ asked: Range<Int>, _ context: RuleContext) -> Bool {
        opensAsking(context.units[asked.lowerBound].key) && !asked.contains { index in
            context.units[index].has(.negator)
                || index > asked.lowerBound && context.units[index].facts.word == .mas && context.units[index - 1].facts.word == .alguien
        }
    }

    /// Words that, last before a question mark with no `¿`, ask for agreement.
    static let tags: WordSet = ["no", "verdad", "cierto", "eh", "vale", "ok"]

    /// Punctuation that ends a statement before a question written without `¿`.
    static let statementEnds: WordSet = [",", ";", ":"]

    /// The units a question mark asks about. From `¿` on when it is written; without it, the reader cannot tell
    /// where the question starts, and a comma most often ends a statement before it:
    /// `la web da muchos problemas, ¿es normal?` and `el vuelo llegó tarde, me devuelven algo?` state
    /// their complaint and ask only the last clause.
    static func markedQuestion(_ sentence: Range<Int>, _ context: RuleContext) -> Range<Int> {
        if let opened = sentence.first(where: { !context.units[$0].isWord && context.units[$0].questionMarks > 0 && opensAsking(context.units[$0].key) }) {
            return opened..<sentence.upperBound
        }
        guard let mark = sentence.last(where: { context.units[$0].questionMarks > 0 }) else { return sentence }
        // A tag asks for agreement with what was said (`qué vista tan bonita no?`, `estaba riquísima, verdad?`): only
        // the tag is the question.
        // `¿es bueno o no?` asks it all.
        if mark - 1 > sentence.lowerBound, tags.contains(context.units[mark - 1].key), !context.units[mark - 2].key.isKey("o") {
            return (mark - 1)..<sentence.upperBound
        }
        guard let comma = sentence[..<mark].last(where: { !context.units[$0].isWord && statementEnds.contains(context.units[$0].key) })
        else { return sentence }
        return (comma + 1)..<sentence.upperBound
    }

    /// `quiero saber si…`, `alguien sabe…`, `me gustaría saber cuánto…`: `saber` after a word that asks. The
    /// units from the asker to the sentence's end, or none.
    static func indirectQuestion(_ sentence: Range<Int>, _ context: RuleContext) -> Range<Int> {
        // Keywords and list bits, not the keys: this runs for every unit of every sentence without question marks, in a
        // text that has `saber` or `sabe` at all.
        guard mayAskIndirectly(context), let index = sentence.dropFirst().first(where: { index in
            let word = context.units[index].facts.word
            return word == .saber && context.units[index - 1].facts.lists.contains(.asker)
                || word == .sabe && context.units[index - 1].facts.word == .alguien
        }) else { return sentence.upperBound..<sentence.upperBound }
        return (index - 1)..<sentence.upperBound
    }

    /// Whether the text has the keywords an indirect question needs (`saber`, `sabe`): most texts have neither.
    static func mayAskIndirectly(_ context: RuleContext) -> Bool { context.mayHave(.saber) || context.mayHave(.sabe) }

    /// A rhetorical cue written without the accent its lexicon spelling has (`para que` for `para qué`) is
    /// the question only where it opens it: mid-sentence it is most often the conjunction (`… para que
    /// llegue hoy`). A phrase's unit key is the lexicon's spelling, accents kept; a single word's is its
    /// accent-free key, so a one-word cue is compared with itself and always counts (`nadie`).
    static func opensQuestion(_ cue: Int, _ sentence: Range<Int>, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let written = text.tokens[context.units[cue].tokens].filter { $0.kind == .word }.map(\.folded).joined(separator: " ")
        guard written != Folding.fold(context.units[cue].key) else { return true }
        var previous = cue - 1
        while previous >= sentence.lowerBound, context.units[previous].questionMarks == 0,
              !context.units[previous].isWord && context.units[previous].key.isEmpty || openers.contains(context.units[previous].key) {
            previous -= 1
        }
        return previous < sentence.lowerBound || context.units[previous].questionMarks > 0
    }
}

/// Courtesy: `¿Puedo cambiar el vuelo? Gracias :)` thanks in advance for an answer; in a text that asks,
/// thanks, greetings and smileys are manners, not a verdict, and count a third. A text asks with a question mark,
/// with an indirect question (`me gustaría saber cuándo…. Gracias`, `necesito saber qué puedo hacer. Gracias`) or
/// with a request (`por favor, un teléfono gratuito para llamar. Gracias`, `espero sus indicaciones. Gracias`).
enum Courtesy {
    static let factor = 0.3
    /// The words of a request (`KeyLists.request`): a please, a need, a polite wish, a plea for help. A text with
    /// one thanks in advance for what it asks, as a question does. Not `espero`, `esperamos`: their accent-free keys
    /// are also the past (`nos esperó hasta la una`).
    static let requests: WordSet = pleas.union(requestVerbs).union(["favor"])
    /// Words that are a please wherever they stand.
    static let pleas: WordSet = ["porfa", "porfavor", "porfis", "plis", "pls", "please"]
    /// Verbs that ask only where they open the request: first in their sentence (past a handle) or after a clitic
    /// (`le agradecería`, `les ruego`); `lo que necesito` names a need, it asks for nothing.
    static let requestVerbs: WordSet = ["necesito", "necesitamos", "quisiera", "quisieramos", "agradeceria", "agradeceriamos",
                                        "ruego", "rogamos", "solicito", "solicitamos", "ayudenme", "ayudadme", "ayudame"]
    static let clitics: WordSet = ["le", "les", "os", "te", "me"]

    /// The first request of the text, if any (most texts have no request word, and a bit of their key facts says so).
    static func request(_ context: RuleContext) -> Int? {
        guard context.mayHave(.request) else { return nil }
        return context.units.indices.first { index in
            guard context.units[index].facts.lists.contains(.request) else { return false }
            let key = context.units[index].key
            if pleas.contains(key) { return true }
            // The word before, in its sentence: `por favor`, `x favor` (not `a favor de`); a verb's clitic or nothing.
            var previous = index - 1
            while previous >= 0, context.sentenceOf[previous] == context.sentenceOf[index], !context.units[previous].isWord,
                  !context.units[previous].breaksClause {
                previous -= 1
            }
            let before = previous >= 0 && context.sentenceOf[previous] == context.sentenceOf[index] && context.units[previous].isWord
                ? context.units[previous].key : nil
            if key == "favor" { return before == "por" || before == "x" }
            return before == nil || clitics.contains(before!)
        }
    }

    static let terms: WordSet = ["gracias", "muchas gracias", "mil gracias", "muchísimas gracias", "gracias de antemano",
                                     "un saludo", "saludos", "felices fiestas", "feliz navidad", "feliz día", "amable"]

    static func apply(_ context: inout RuleContext) {
        // Whether the text asks first (most texts do not, and the marks and keywords say so at once), then manners (few
        // texts have any; read by index, not copied).
        let cue: String
        // A request verb that is itself a warm word (`le agradecería que…`) is the formula of the request: manners too.
        var asking = -1
        if context.asks || Questions.mayAskIndirectly(context) && context.sentences.contains(where: { !Questions.indirectQuestion($0, context).isEmpty }) {
            cue = "?"
        } else if let request = request(context) {
            cue = context.cue(request)
            asking = request
        } else {
            return
        }
        func isManners(_ index: Int) -> Bool {
            let unit = context.contributions[index].unit
            return terms.contains(context.contributions[index].term) || context.units[unit].isSymbolic || unit == asking
        }
        guard context.contributions.indices.contains(where: { context.contributions[$0].value > 0 && isManners($0) }) else { return }
        for index in context.contributions.indices {
            let working = context.contributions[index]
            guard working.value > 0, isManners(index) else { continue }
            context.contributions[index].apply("courtesy", cue: cue, to: working.value * factor)
        }
    }
}
