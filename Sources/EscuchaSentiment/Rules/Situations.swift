import EscuchaCore
import EscuchaNormalize

/// `sin luz`, `no hay internet`, `no me dan solución`: an essential thing missing is a complaint, although
/// the thing itself (`luz`) carries no opinion. The weight of the missing thing is its valence.
enum Deprivation {
    /// The missing thing is at most this many words after the negator (`sin luz`, `no tenemos agua`,
    /// `no me dan respuesta`).
    static let reach = 3

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        // Most texts have no listed thing: their units are not read (a lack of any thing is read below, by `sin`).
        if context.mayHave(.deprivation) { listedLacks(context, into: &out) }
        persistingLacks(context, text: text, into: &out)
    }

    /// A listed essential thing after a full negator: `sin luz`, `no hay internet`.
    static func listedLacks(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        let negators = context.negators
        // Each cue needs a full negator before its thing: a text with no negator (about half) has no unit read.
        guard !negators.isEmpty else { return }
        // Filtered by index first: copying every unit would retain its key and opinion.
        for index in context.units(with: .deprivation) {
            guard let weight = context.units[index].modifiers[.deprivation], context.units[index].opinion == nil else { continue }
            // `nadie` as an object (`no conozco a nadie que cocine así`, `no hablé con nadie`) is no one missing.
            if context.units[index].key.isKey("nadie"), index > 0, ["a", "con", "de", "para"].contains(context.units[index - 1].key) { continue }
            // Only a full negation says the thing is missing: `uso poco el servicio` does not.
            guard let negator = context.before(index, limit: reach).first(where: { negators.contains($0) && (context.units[$0].modifiers[.negator] ?? 0) >= 1 }) else { continue }
            // An expression that opens with the negator says the complaint already (`no vino nadie`, `no funciona
            // la luz`): one fact, counted once.
            if context.units[negator].opinion != nil, context.units[negator].tokens.count > 1 { continue }
            // `no olvides llevar agua`: a reminder names what to bring, not what is missing.
            if (negator + 1..<index).contains(where: { context.units[$0].key.hasPrefix("olvid") }) { continue }
            // `nada iguala estas vistas`, `nadie supera su servicio`: nothing better, not the thing missing.
            if (negator + 1..<index).contains(where: { isSurpassing($0, context) }) { continue }
            // `entré sin que nadie me viera`: the subject of the clause `sin que` opens is no thing missing.
            if context.units[negator].facts.word == .sin, (negator + 1..<index).contains(where: { context.units[$0].facts.word == .que }) { continue }
            // `sin ruido, con vistas al mar`: `con` opens what there was.
            if context.units[negator].facts.word == .sin, (negator + 1..<index).contains(where: { context.units[$0].key.isKey("con") }) { continue }
            out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(negator)) … \(context.units[index].key)", rule: "deprivation",
                                               cue: context.cue(negator), value: weight))
        }
    }

    /// `supera`, `iguala`, `igual a`: a verb of matching or passing, read as an opinion or not.
    static func isSurpassing(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.units[index].key
        return key.hasPrefix("igual") || key.hasPrefix("super") && key.utf8.count > 5
            || context.units[index].opinion.map { Negation.surpassingVerbs.contains($0.entry.term) } ?? false
    }

    /// `sigo sin facturas`, `seguimos sin poder entrar`, `continúa sin saberse nada`, and a span of days before `sin`
    /// (`dos meses sin factura`, `tres días sin poder usar la tarjeta`): still without something is a complaint whatever
    /// the thing is, listed as essential or not. A thing with an opinion of its own (`sigue sin funcionar`, `dos años
    /// sin problemas`) is the negation's, an owed action (`sigue sin aparecer`) the unmet expectation's, and an essential
    /// thing (`seguimos sin luz`) the loop above's. After a span of days an infinitive other than `poder` is a choice,
    /// not a lack (`cinco días sin salir del hotel`).
    static let persistingVerbs: WordSet = ["sigo", "sigues", "sigue", "seguimos", "seguis", "siguen", "seguia", "seguiamos", "seguian",
                                           "continuo", "continua", "continuamos", "continuan", "continuaba", "continuabamos", "continuaban"]
    /// As an unlisted thing missing: milder than the essential ones (`luz`, `internet` are −2).
    static let persistingLack = -1.5
    /// An amount and a unit of hours or longer right before `index`, in its clause: `dos meses`, `4 días` (not `tiempo`:
    /// `hacía tiempo sin venir` is no lack).
    static func isSpanOfDays(before index: Int, _ context: RuleContext, text: NormalizedText) -> Bool {
        guard index >= 2, context.units[index - 1].traits.timeUnit == .hours, !context.units[index - 1].key.isKey("tiempo"),
              context.clauseOf[index - 2] == context.clauseOf[index] else { return false }
        return LongWait.isAmount(text.tokens[context.units[index - 2].tokens.lowerBound])
    }

    /// What a product or a deal is free of: `la receta sigue sin gluten` is a recipe kept as it was, `12 meses sin
    /// intereses` a way to pay.
    static let freeFrom: WordSet = ["gluten", "lactosa", "azucar", "azucares", "sal", "alcohol", "conservantes", "aditivos", "colorantes",
                                    "grasa", "grasas", "cafeina", "humo", "plastico", "intereses", "interes", "costo", "coste", "cargo",
                                    "cargos", "recargo", "recargos", "permanencia"]

    /// `sin un solo corte`, `sin ningún aviso`: words that stress an absence rather than name what is absent.
    static let stressedAbsence: WordSet = ["solo", "sola", "ningun", "ninguna"]

    /// Words that may stand between `sin que` and its verb besides object pronouns: `sin que ellos me llamen`.
    /// (`nadie` is the unmet expectation's: `sigo sin que nadie me llame`.)
    static let beforeOwedVerb: WordSet = ["ellos", "ellas", "usted", "ustedes"]

    /// The verb of the clause `que` opens after `sin`, when it is a plain action with no opinion of its own: a verb that
    /// is an opinion says what it says (`llevo tres años sin que me falle` is praise of a thing that does not fail).
    static func owedAction(afterQue que: Int, _ context: RuleContext) -> Int? {
        var verb = context.skippingPronouns(after: que)
        if verb < context.units.count, beforeOwedVerb.contains(context.units[verb].key) { verb = context.skippingPronouns(after: verb) }
        guard verb < context.units.count, context.sentenceOf[verb] == context.sentenceOf[que], context.units[verb].isWord,
              context.units[verb].traits.finite, context.units[verb].opinion == nil,
              // An owed verb (`sin que me contesten`) is the unmet expectation's, which `sin` reaches through `que`.
              !context.units[verb].has(.expected) else { return nil }
        return verb
    }

    static func persistingLacks(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        // By keyword, in a text that has it: comparing every unit's key with `sin` read its length and bytes.
        guard context.mayHave(.sin) else { return }
        for index in context.units.indices where index > 0 && index + 1 < context.units.count && context.units[index].facts.word == .sin {
            let persisting = persistingVerbs.contains(context.units[index - 1].key)
            guard persisting || isSpanOfDays(before: index, context, text: text) else { continue }
            var thing = index + 1
            if context.units[thing].facts.word == .que {
                // `llevo un mes sin que me digan nada`: the action not done, in the clause `que` opens (`owedAction`).
                if let owed = owedAction(afterQue: thing, context) {
                    out.append(RuleContext.Working.cue(unit: owed, term: "\(context.cue(index - 1)) sin que … \(context.units[owed].key)",
                                                       rule: "deprivation", cue: "\(context.cue(index - 1)) sin que", value: persistingLack))
                }
                continue
            }
            if Resolutions.determiners.contains(context.units[thing].key), thing + 1 < context.units.count { thing += 1 }
            guard context.clauseOf[thing] == context.clauseOf[index], context.units[thing].isWord, context.units[thing].opinion == nil,
                  !context.units[thing].has(.deprivation), !context.units[thing].has(.expected), !freeFrom.contains(context.units[thing].key)
            else { continue }
            if !persisting, context.units[thing].traits.infinitive, !context.units[thing].key.isKey("poder") { continue }
            // `sin un solo corte`, `sin ningún aviso`: an absence stressed, good or bad as the thing is; unlisted, it is unknown.
            if stressedAbsence.contains(context.units[thing].key) { continue }
            out.append(RuleContext.Working.cue(unit: thing, term: "\(context.cue(index - 1)) sin … \(context.units[thing].key)", rule: "deprivation",
                                               cue: "\(context.cue(index - 1)) sin", value: persistingLack))
        }
    }
}

/// `Media hora de frío para nada.`, `fuimos hasta allí para nada`: `para nada` closing a clause that denies nothing
/// else is effort in vain, a complaint. Before a word it negates it (`para nada recomendable`), and after a negation
/// it repeats it (`no me gustó para nada`): those are the negation's.
enum InVain {
    static let weight = -1.5

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        nothingCameOfIt(context, into: &out)
        if let gone = timeGoneBy(context, text: text) { out.append(gone) }
        // By keyword, in a text that has it: comparing every unit's key with `para nada` read its length and bytes.
        guard context.mayHave(.paraNada) else { return }
        for index in context.units.indices where context.units[index].facts.word == .paraNada {
            let closes = index + 1 == context.units.count || !context.units[index + 1].isWord && context.units[index + 1].breaksClause
            guard closes, index > 0, context.units[index - 1].isWord,
                  !context.before(index, limit: Int.max).contains(where: { context.negators.contains($0) }) else { continue }
            out.append(RuleContext.Working.cue(unit: index, term: "para nada", rule: "in vain", cue: "para nada", value: weight))
        }
    }

    /// Days, months: the dates a customer counts from and to.
    static let dates: WordSet = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "enero", "febrero",
                                 "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
                                 "noviembre", "diciembre"]
    /// What may open the bare statement of today's date: `Hoy es 20.`, `Ya estamos a viernes.`, `Y es viernes.`
    static let dateOpeners: WordSet = ["hoy", "ya", "y", "es", "estamos"]
    /// The most words of that statement: `Y hoy ya estamos a viernes`.
    static let dateWords = 6

    /// `Hice el pedido el lunes. Es viernes.`, `Me dijeron que estaría el martes. Estamos a viernes.`, `Lo pedí el 1 de
    /// diciembre. Hoy es 23.`: today's date stated bare, after a sentence that told something done on a date, says the
    /// time went by with nothing done, a complaint with no opinion word. The statement is a sentence of its own, of a
    /// few words, with `es` or `estamos` and a date, and no opinion; the earlier sentence has a verb that tells something
    /// done (`isToldDone`) and a date named (`isNamedDate`).
    static func timeGoneBy(_ context: RuleContext, text: NormalizedText) -> RuleContext.Working? {
        // The statement needs `es` or `estamos` (their keywords, exact): a text with neither reads no sentence.
        guard context.sentences.count > 1, context.mayHave(.es) || context.mayHave(.estamos) else { return nil }
        for position in 1..<context.sentences.count {
            let sentence = context.sentences[position]
            guard sentence.count <= dateWords * 2, let first = sentence.first(where: { context.units[$0].isWord }),
                  dateOpeners.contains(context.units[first].key),
                  sentence.contains(where: { context.units[$0].key.isKey("es") || context.units[$0].key.isKey("estamos") }),
                  let date = sentence.last(where: { isDate($0, context, text: text) }),
                  !sentence.contains(where: { context.units[$0].opinion != nil }) else { continue }
            var words = 0
            for unit in sentence where context.units[unit].isWord { words += 1 }
            guard words <= dateWords else { continue }
            let told = context.sentences[..<position].contains { earlier in
                earlier.contains { isToldDone($0, context) } && earlier.contains { isNamedDate($0, context, text: text) }
            }
            guard told else { continue }
            return RuleContext.Working.cue(unit: date, term: "\(context.cue(first)) … \(context.units[date].key)", rule: "in vain",
                                           cue: context.cue(first), value: weight)
        }
        return nil
    }

    /// The first persons of the preterite lose their accent in a folded key (`pedí` is `pedi`, like no other form of
    /// `pedir`; `compré` is `compre`, also a subjunctive): the customer's own acts that start a wait are listed.
    static let customerActs: WordSet = ["pedi", "pedimos", "compre", "compramos", "llame", "llamamos", "reclame", "reclamamos",
                                        "pague", "pagamos", "encargue", "contrate", "escribi", "escribimos", "mande", "envie",
                                        "solicite", "solicitamos", "hice", "hicimos", "deje", "dejamos"]

    /// A verb that tells something done: a past tense, a third person plural of the preterite (`dijeron`, whose irregular
    /// stem the endings miss), or one of the customer's acts.
    static func isToldDone(_ unit: Int, _ context: RuleContext) -> Bool {
        let traits = context.units[unit].traits
        guard context.units[unit].isWord, traits.finite || customerActs.contains(context.units[unit].key) else { return false }
        return traits.past || customerActs.contains(context.units[unit].key) || context.units[unit].key.hasUTF8Suffix("eron")
    }

    /// A day, a month, or a number that may be a day of the month (`Hoy es 23.`).
    static func isDate(_ unit: Int, _ context: RuleContext, text: NormalizedText) -> Bool {
        dates.contains(context.units[unit].key) || isDayNumber(unit, context, text: text)
    }

    /// A date as the earlier sentence names one: a day, a month, or a day's number after `el` or `día` (`el 14 de
    /// julio`, `el día 3`), not any number (`compré 2 entradas`).
    static func isNamedDate(_ unit: Int, _ context: RuleContext, text: NormalizedText) -> Bool {
        if dates.contains(context.units[unit].key) { return true }
        return unit > 0 && isDayNumber(unit, context, text: text)
            && (context.units[unit - 1].key.isKey("el") || context.units[unit - 1].key.isKey("dia"))
    }

    /// A number that may be a day of the month: one or two digits.
    static func isDayNumber(_ unit: Int, _ context: RuleContext, text: NormalizedText) -> Bool {
        guard !context.units[unit].isWord, context.units[unit].tokens.count == 1 else { return false }
        let token = context.units[unit].tokens.lowerBound
        return text.tokens[token].kind == .number && (1...2).contains(text.tokens[token].utf8.count)
    }

    /// `Llamé tres veces y nada.`, `pedí cita hace un mes y nada, ni una respuesta`: `y nada` closing what the writer
    /// did says nothing came of it. Not the storyteller's `y nada, que…` nor `y nada más`, nor after a negation (`no
    /// contestan y nada`), and only after a conjugated verb of the same sentence.
    static func nothingCameOfIt(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        // A text with no `nada` (its keys' facts, exact: most texts) is not scanned; `nada` is a negator.
        guard context.mayHave(Keyword.nada), !context.negators.isEmpty else { return }
        for index in 1..<max(1, context.units.count) where context.units[index].facts.word == .nada && context.negators.contains(index)
            && context.units[index - 1].key.isKey("y") {
            let next = index + 1
            if next < context.units.count, context.sentenceOf[next] == context.sentenceOf[index] {
                guard !context.units[next].isWord, context.units[next].breaksClause else { continue }
                if next + 1 < context.units.count, context.sentenceOf[next + 1] == context.sentenceOf[index],
                   context.units[next + 1].facts.word == .que || context.units[next + 1].facts.word == .mas { continue }
            }
            var verb = false
            var negated = false
            var probe = index - 2
            while probe >= 0, context.sentenceOf[probe] == context.sentenceOf[index] {
                if context.units[probe].isWord, context.units[probe].traits.finite { verb = true }
                if context.negators.contains(probe) { negated = true }
                probe -= 1
            }
            guard verb, !negated else { continue }
            out.append(RuleContext.Working.cue(unit: index, term: "y nada", rule: "in vain", cue: "y nada", value: weight))
        }
    }
}

/// `no llegó`, `nadie responde`, `nunca me devolvieron`: actions a customer is owed (arrive, answer,
/// return, repair) carry no opinion when done, but not doing them is a complaint. Each such verb's weight
/// in the modifiers list is the valence of its negation. When an opinion word shares the negation's scope
/// (`no tardó en llegar`, `no llegó tarde`), the negation is about that word, and this rule keeps out.
/// An owed action that is also a mild opinion word (`funcionar`, `cumplir`) ends, negated, no higher
/// than the weight: `no funciona` is a full complaint, not the mild one the shift alone would give.
enum UnmetExpectations {
    static func apply(_ context: inout RuleContext) {
        guard context.mayHave(.expected) else { return }
        for index in context.contributions.indices {
            let working = context.contributions[index]
            guard let negator = working.negatedBy, let weight = context.units[working.unit].modifiers[.expected], weight < working.value else { continue }
            context.contributions[index].apply("unmet expectation", cue: context.cue(negator), to: weight)
        }
    }

    /// Whether the conjugated verb at `verb` takes a word of its own before `target` (a noun, an adverb), rather than
    /// the infinitive, participle or `a`/`de`/`que` of a periphrasis.
    static func opensOwnPredicate(_ verb: Int, before target: Int, _ context: RuleContext) -> Bool {
        guard context.units[verb].isWord, context.units[verb].traits.finite, verb + 1 < target else { return false }
        var next = verb + 1
        while next < target, context.units[next].facts.lists.contains(.clitic) { next += 1 }
        guard next < target else { return false }
        let word = context.units[next]
        guard word.isWord else { return false }
        return !word.traits.infinitive && !["a", "de", "que"].contains(word.key)
            && !WordReading.participleEndings.contains(where: { word.key.hasSuffix($0) })
    }

    /// `dejar de` negates the verb after it, so a negation before it cancels out: `no puedo dejar de escucharla`,
    /// `nunca dejan de contestar` keep doing what was owed (read by the keys' facts, as `Negation` reads `no deja de`).
    static func isStopping(_ index: Int, _ context: RuleContext) -> Bool {
        index + 1 < context.units.count && context.units[index].facts.lists.contains(.dejar) && context.units[index + 1].facts.word == .de
    }

    /// `andar` is `funcionar` in much of America (`el wifi no anda`), but before a gerund it only makes it progressive:
    /// `nadie te anda pidiendo la etiqueta` owes nothing.
    static func isProgressiveAndar(_ index: Int, _ context: RuleContext) -> Bool {
        guard context.units[index].key.hasPrefix("and"), index + 1 < context.units.count else { return false }
        let next = context.units[index + 1].key
        return context.units[index + 1].isWord && (next.hasSuffix("ando") || next.hasSuffix("iendo") || next.hasSuffix("yendo"))
    }

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        // Every cue below (`overdue` and `demands` too) is of a unit that has `expected`.
        guard context.mayHave(.expected) else { return }
        let negators = context.negators
        // An expected verb is owed only where a negator or a concord `ni` stands before it (`firstIndex` below): a text with
        // neither (about half) has none, and its expected verbs are not read.
        if !(negators.isEmpty && context.concord.isEmpty) {
            for index in context.units(with: .expected) {
                let unit = context.units[index]
                guard let weight = unit.modifiers[.expected], unit.opinion == nil else { continue }
                let before = context.before(index, limit: Negation.scope)
                // A concord `ni` right before the verb (clitics between) repeats the negation for it: `no contestan ni
                // devuelven el dinero`, `no contestan ni me llaman` (`Negation.concordNi`).
                let repeated = context.concord.isEmpty ? nil : Negation.concordNi(before: index, context, concord: context.concord)
                guard let position = before.firstIndex(where: { negators.contains($0) || $0 == repeated }) else { continue }
                let negator = before[position]
                // A full negation that is not an expression of its own (`no vale la pena pagar` is one complaint), of a verb
                // reported, not advised (`no paguen`, `mejor no venir`, `sin pagar`), and not a timetable (`los lunes no abren`).
                if (context.units[negator].modifiers[.negator] ?? 0) < 1 || context.units[negator].opinion != nil && context.units[negator].tokens.count > 1 { continue }
                if Self.isAdvised(unit.key) { continue }
                // `mejor no venir` advises; `se puede entrar sin pagar` is free (`siguen sin aparecer`, `por no informar` complain).
                if unit.traits.infinitive, negator == context.skippingPronouns(before: index),
                   negator > 0 && context.units[negator - 1].key.isKey("mejor") || context.units[negator].facts.word == .sin && unit.key.hasPrefix("pag") { continue }
                if context.mayHave(.timetable), (max(1, index - 4)..<min(context.units.count, index + 4)).contains(where: { Self.isTimetable($0, context) }) { continue }
                // An opinion word between the negator and the verb, or right after the verb, takes the negation.
                let between = before[..<position].contains { context.units[$0].opinion != nil }
                // A verb with its own object between them starts a predicate of its own: in `para los que no tenemos
                // coche se llega fácil`, `no` is of `tenemos`. Auxiliaries and periphrases go on (`no me lo han
                // devuelto`, `no pudo llegar`, `no va a llegar`).
                if before[..<position].contains(where: { opensOwnPredicate($0, before: index, context) }) { continue }
                // What is not needed is not owed: `no se requiere llegar en auto`, `no hace falta llamar`, `no tienes que llegar`.
                if before[..<position].contains(where: { needWords.contains(context.units[$0].key)
                    || context.units[$0].facts.word == .que && $0 > 0 && Negation.obligations.contains(context.units[$0 - 1].key) }) { continue }
                if isCustomersOwnPayment(index, context) { continue }
                if isProgressiveAndar(index, context) { continue }
                if before[..<position].contains(where: { isStopping($0, context) }) { continue }
                var after = false
                var next = index + 1
                while next < context.units.count, next <= index + 2, context.clauseOf[next] == context.clauseOf[index], !context.units[next].breaksClause {
                    if context.units[next].opinion != nil && context.units[next].isWord { after = true }
                    next += 1
                }
                guard !between, !after else { continue }
                out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(negator)) … \(unit.key)", rule: "unmet expectation", cue: context.cue(negator), value: weight))
            }
        }
        overdue(context, into: &out)
        demands(context, into: &out)
    }

    /// Days every week and holidays: `los lunes no abren` is a timetable, not a failure (`no viene hasta el lunes` is).
    static let weekdays: WordSet = ["lunes", "martes", "miercoles", "jueves", "viernes", "sabados", "domingos"]
    static let holidays: WordSet = ["festivos", "feriados", "festivo", "feriado", "horario"]

    /// Asked only in a text with one of these words (`KeyLists.timetable`, exact).
    static func isTimetable(_ index: Int, _ context: RuleContext) -> Bool {
        guard context.units[index].facts.lists.contains(.timetable) else { return false }
        let key = context.units[index].key
        return holidays.contains(key) || weekdays.contains(key) && context.units[index - 1].key.isKey("los")
    }

    /// The present subjunctive of `-gar` and `-car` verbs, which after `no` advises the reader (`no paguen`, `no lleguen`,
    /// `no entreguen`): its spelling tells it from the indicative (`no pagan`). Not the singular, which is as often a
    /// wish or a report (`que no llegue tarde`).
    static func isAdvised(_ key: String) -> Bool {
        ["guen", "gues", "quen", "ques", "gueis", "queis"].contains { key.hasSuffix($0) }
    }

    static let needWords: WordSet = ["requiere", "requieren", "necesita", "necesitan", "necesitas", "necesario", "necesaria",
                                         "necesarios", "falta", "hace falta", "hacen falta", "obligatorio", "obligatoria", "imprescindible"]

    /// Paying owed is the company's (`no me pagan`, `no pagaron la indemnización`); the impersonal `no se paga nada`
    /// and the customer's own `no pagas`, `no pagamos` are what the customer spends.
    static func isCustomersOwnPayment(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.units[index].key
        guard key.hasPrefix("pag") || key.hasPrefix("abon") else { return false }
        return index > 0 && context.units[index - 1].key.isKey("se") || key.hasSuffix("as") || key.hasSuffix("amos") || key.hasSuffix("ais")
    }

    /// `¡Devuélvanme el dinero!`, `contéstenme`, `quiero que me devuelvan el importe`: demanding an owed action
    /// says it is owed and not done. Milder than saying it never happened.
    static let demandFactor = 0.75
    static let demandingVerbs: WordSet = ["quiero", "queremos", "exijo", "exigimos", "necesito", "necesitamos", "pido", "pedimos"]
    /// Actions only the company owes: a brand's own requests (`envíanos un mail`, `llámanos`) are not demands.
    static let demandVerbs: WordSet = ["devolver", "reembolsar", "reintegrar", "contestar", "responder", "solucionar", "resolver",
                                           "arreglar", "reparar", "atender", "reponer", "cumplir"]

    static func demands(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        // Only a demandable verb is read (`WordTraits.demandable`, of a single word's unit): a text with none skips the walk.
        guard context.traitSummary.contains(.demandable) else { return }
        for index in context.units.indices {
            guard context.units[index].traits.demandable, let weight = context.units[index].modifiers[.expected], context.units[index].opinion == nil,
                  !context.isNegated(index) else { continue }
            var cue: String?
            if context.units[index].traits.imperative {
                cue = context.units[index].key
            } else {
                // `quiero que me devuelvan`: `que` starts a clause of its own, so look past it and the pronouns.
                let previous = context.skippingPronouns(before: index)
                if previous > 0, context.units[previous].facts.word == .que, demandingVerbs.contains(context.units[previous - 1].key) {
                    cue = context.units[previous - 1].key + " que"
                }
            }
            guard let cue else { continue }
            out.append(RuleContext.Working.cue(unit: index, term: "\(cue) … \(context.units[index].key)", rule: "demand", cue: cue,
                                               value: weight * demandFactor))
        }
    }

    /// `¿Cuándo me devuelven el dinero?`, `¿para cuándo llega el técnico?`: asking when an owed action will
    /// happen says it has not. The question rule then halves it, as it does every opinion in a question.
    static func overdue(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        // Each cue needs `cuándo` (its keywords, exact): a text that asks without it reads no question.
        guard context.asks, context.mayHave(.cuando) || context.mayHave(.cuandoAccented) else { return }
        for (sentenceIndex, sentence) in context.sentences.enumerated() where sentence.contains(where: { context.units[$0].questionMarks > 0 }) {
            for index in sentence {
                guard let weight = context.units[index].modifiers[.expected], context.units[index].opinion == nil else { continue }
                let before = context.before(index, limit: overdueReach)
                guard let asking = before.first(where: { context.units[$0].key.isKey("cuando") || context.units[$0].key == "cuándo" }),
                      !context.isNegated(index, limit: overdueReach), context.sentenceOf[asking] == sentenceIndex else { continue }
                out.append(RuleContext.Working.cue(unit: index, term: "cuándo … \(context.units[index].key)", rule: "unmet expectation",
                                                   cue: "cuándo", value: weight))
            }
        }
    }

    /// Words between `cuándo` and the owed verb: `cuándo me lo devuelven`.
    static let overdueReach = 3
}

/// `imposible emitir el billete`, `no consigo entrar en la app`, `no he podido pagar`: saying an ordinary
/// action cannot be done, or could not be, is a complaint, though the action has no opinion of its own.
/// An action that is an opinion word is left to negation (`imposible olvidar`, `no logro disfrutar`). The
/// present `no puedo` is as often a plan or a courtesy (`no puedo ir`, `no puedo esperar a volver`) as a
/// failure, so it counts only before the actions of reaching a service (`no puedo acceder a mi cuenta`,
/// `no me puedo comunicar`, `no podemos pagar con tarjeta`).
enum Impediments {
    static let weight = -1.5
    /// Said of the action: `imposible` (also `me es imposible`, `resulta imposible`).
    static let impossible: WordSet = ["imposible"]
    /// A failed attempt once negated: present and past of `conseguir` and `lograr`, past of `poder`.
    static let attempts: WordSet = ["consigo", "conseguimos", "consigue", "consiguen", "consegui", "consiguio", "consiguieron",
                                        "conseguido", "logro", "logramos", "logra", "logran", "logre", "lograron", "logrado",
                                        "pude", "pudimos", "pudo", "pudieron", "podido"]
    /// The present of `poder`, a failure only before `accessActions`.
    static let presentAttempts: WordSet = ["puedo", "podemos", "puede", "pueden", "puedes"]
    /// Infinitives of reaching a service: failing at them is a complaint in any tense.
    static let accessActions: WordSet = ["acceder", "entrar", "ingresar", "conectar", "conectarse", "comunicar", "comunicarse",
                                             "contactar", "loguear", "iniciar", "descargar", "instalar", "pagar", "reservar",
                                             "comprar", "cancelar", "registrar", "registrarse", "activar", "llamar", "facturar", "embarcar",
                                             "imprimir", "modificar", "cambiar", "consultar", "recuperar", "transferir", "retirar", "abrir",
                                             "validar", "completar", "finalizar", "tramitar", "solicitar", "contratar",
                                             "renovar", "confirmar", "enviar", "elegir", "seleccionar", "canjear"]

    /// Procedures a customer does with a service, by key: `hacer` one of them reaches the service (`no puedo hacer
    /// el check-in`, `no puedo hacer la transferencia`).
    static let procedures: WordSet = ["check-in", "checkin", "check", "checking", "reserva", "pago", "compra", "transferencia",
                                          "recarga", "portabilidad", "reclamacion", "devolucion", "pedido", "tramite", "cambio", "login"]

    /// Whether the infinitive at `index` is `hacer` with a procedure as its object (`hacer el check-in`).
    static func doesService(_ index: Int, _ context: RuleContext) -> Bool {
        guard context.units[index].key.isKey("hacer") else { return false }
        var next = index + 1
        if next < context.units.count, Resolutions.determiners.contains(context.units[next].key) { next += 1 }
        return next < context.units.count && procedures.contains(context.units[next].key)
    }

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        let negators = context.negators
        // A cue needs `imposible` or an attempt before the infinitive: a text with none of them (a bit of the units' keys'
        // facts, exact) skips the walk over its infinitives.
        if context.mayHave(.impediment) {
            for index in context.units.indices where context.units[index].traits.infinitive
                && context.units[index].opinion == nil && context.units[index].tokens.count == 1 {
                let unit = context.units[index]
                // An owed action under a negation (`no puedo acceder`) is an unmet expectation already.
                if unit.has(.expected), context.isNegated(index) { continue }
                let cue = context.skippingPronouns(before: index)
                guard cue >= 0, context.clauseOf[cue] == context.clauseOf[index] else { continue }
                let key = context.units[cue].key
                if impossible.contains(key) {
                    out.append(RuleContext.Working.cue(unit: index, term: "\(key) … \(unit.key)", rule: "impediment", cue: key, value: weight))
                    continue
                }
                // An attempt word with an opinion of its own (`conseguido`) is negated by the negation rule already.
                guard attempts.contains(key) || presentAttempts.contains(key) && (unit.traits.action.contains(.access) || doesService(index, context)),
                      context.units[cue].opinion == nil else { continue }
                // The negator before the attempt, past an auxiliary and pronouns: `no lo he conseguido abrir`.
                var previous = context.skippingPronouns(before: cue)
                if previous >= 0, WordReading.perfectAuxiliaries.contains(context.units[previous].key) { previous = context.skippingPronouns(before: previous) }
                guard previous >= 0, negators.contains(previous), context.clauseOf[previous] == context.clauseOf[index] else { continue }
                // `no pudo salir mejor`: a degree nothing could pass, not a failure.
                if index + 1 < context.units.count, Negation.isDegreeDenial(previous, before: index + 1, context) != nil { continue }
                out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(previous)) \(key) … \(unit.key)", rule: "impediment",
                                                   cue: context.cue(previous), value: weight))
            }
        }
        refusals(context, into: &out)
    }

    /// `dejar` said of the customer and negated: `la web no me deja`, `no nos dejaron entrar`. Not the
    /// aspectual `no me deja de sorprender`, nor a plea (`no me dejes`).
    static let letForms: WordSet = ["deja", "dejan", "dejo", "dejaron", "dejaba", "dejaban"]
    static let customers: WordSet = ["me", "nos"]

    static func refusals(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        guard context.traitSummary.contains(.letting) else { return }
        for index in context.units.indices where context.units[index].traits.action.contains(.letting) && context.units[index].opinion == nil
            && context.units[index].tokens.count == 1 {
            let unit = context.units[index]
            guard index >= 2, customers.contains(context.units[index - 1].key), context.negators.contains(index - 2),
                  context.clauseOf[index - 2] == context.clauseOf[index] else { continue }
            if index + 1 < context.units.count, context.units[index + 1].facts.word == .de { continue }
            out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(index - 2)) \(context.cue(index - 1)) \(unit.key)",
                                               rule: "impediment", cue: context.cue(index - 2), value: weight))
        }
    }
}

/// `me atendieron enseguida`, `me devolvieron el dinero`, `cumplieron la fecha`: an owed action reported
/// as done (in the preterite, or `cumplen`) is mild praise in feedback, the counterpart of an unmet one.
/// A question, a condition or a negation keeps it out (the other rules see to the first two).
enum FulfilledExpectations {
    static let clitics: WordSet = ["me", "te", "se", "nos", "os", "le", "les", "lo", "la", "los", "las"]

    /// `el cambio que me devolvieron`, `el producto que me enviaron`: a relative clause names a thing, it does
    /// not report the service.
    static func inRelativeClause(_ index: Int, _ context: RuleContext) -> Bool {
        let previous = context.skippingPronouns(before: index)
        guard previous > 0, context.units[previous].facts.word == .que else { return false }
        // `no puedo más que recomendarlo`, `no hago sino recomendarlo`: only, not a relative clause.
        return context.units[previous - 1].isWord && !["mas", "sino"].contains(context.units[previous - 1].key)
    }

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        guard context.mayHave(.fulfilled) else { return }
        for index in context.units(with: .fulfilled) {
            let unit = context.units[index]
            guard let weight = unit.modifiers[.fulfilled], unit.opinion == nil, unit.traits.reported, !context.isNegated(index),
                  !inRelativeClause(index, context) else { continue }
            // `se cumplen 10 años de…`, `cumplió 3 días sin llegar`: a span of time, not a promise kept.
            if index + 1 < context.units.count, context.units[index + 1].key.isEmpty && !context.units[index + 1].isWord
                || ["un", "una", "ya", "anos", "años", "meses", "dias", "semanas", "horas", "mes", "ano", "año", "dos", "tres"].contains(context.units[index + 1].key) {
                continue
            }
            out.append(RuleContext.Working.cue(unit: index, term: unit.key, rule: "fulfilled expectation", cue: nil, value: weight))
        }
    }
}

/// `demasiada espera`, `demasiada gente`, `demasiado grande`: too much of something without an opinion of
/// its own is a complaint (too much of a mild virtue is handled with the boosters).
enum Excess {
    static let forms: WordSet = ["demasiado", "demasiada", "demasiados", "demasiadas"]
    static let weight = -1.0

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        guard context.mayHave(.excess) else { return }
        for index in context.units.indices.dropLast() where context.units[index].facts.lists.contains(.excess) {
            let next = context.units[index + 1]
            // A word the rules read otherwise is left to them, but a cost may be too much of one (`demasiadas comisiones`).
            guard next.isWord, next.opinion == nil, context.clauseOf[index + 1] == context.clauseOf[index],
                  next.modifiers.isEmpty || next.has(.cost) else { continue }
            // `es demasiado lo que cobran`, `demasiado a los clientes`: a function word is not the thing there is too much of;
            // and `no hay demasiada gente` denies the excess.
            if next.traits.functionWord != .none || next.traits.frame.contains(.clitic) || context.isNegated(index, limit: 3) { continue }
            out.append(RuleContext.Working.cue(unit: index + 1, term: "\(context.cue(index)) \(next.key)", rule: "excess", cue: context.cue(index), value: weight))
        }
    }
}

/// `deberían tener más cajeros`, `hace falta más personal`: a suggestion names something missing, so in
/// customer feedback it is a mild complaint. The marker's weight is what it adds. A need denied (`no hace falta
/// reservar`) names nothing missing.
enum Suggestions {
    static let needs: WordSet = ["hace falta", "hacen falta"]

    /// A verb of visiting or trying in the infinitive right after the modal, its pronouns aside (`deberías probarlo`).
    static func isVisitAfter(_ index: Int, _ context: RuleContext) -> Bool {
        let next = context.skippingPronouns(after: index)
        return next < context.units.count && context.units[next].traits.infinitive && context.units[next].traits.action.contains(.mustVisit)
    }

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        if context.mayHave(.que) { demands(context, into: &out) }
        guard context.mayHave(.suggestion) else { return }
        for index in context.units.indices {
            guard let weight = context.units[index].modifiers[.suggestion] else { continue }
            if needs.contains(context.units[index].key), context.isNegated(index, limit: 2) { continue }
            // A wish that praises (`ojalá todos fueran como ellos`) names nothing missing.
            if context.units[index].key.hasPrefix("ojal"), Counterfactuals.praiseWish(after: index, context) { continue }
            // `deberías probarlo`, `tendrías que visitarlo`: advice to the reader to go, which `Recommendations` counts.
            if Recommendations.isAdviceModal(context.units[index], text), isVisitAfter(index, context) { continue }
            out.append(RuleContext.Working.cue(unit: index, term: context.cue(index), rule: "suggestion", cue: context.cue(index), value: weight))
        }
    }

    /// `Que contesten el teléfono.`, `Q pongan gente que sepa`, `que no te pasen de un departamento a otro`: a sentence
    /// that opens with `que` and a present subjunctive in a command's person asks the company for what was missing, as
    /// `deberían` does. Not a wish of good (`que tengan un buen día`, `que sigan así`): a sentence with praise in it.
    static let demandWeight = -1.0
    /// After `que`, `los` and `las` are articles (`que los choferes dejen de…`), not pronouns.
    static let plainArticles: WordSet = ["los", "las"]

    /// The unit after `index`, past its object pronouns but not past an article.
    static func demandVerb(after index: Int, _ context: RuleContext) -> Int {
        let next = index + 1
        guard next < context.units.count, !plainArticles.contains(context.units[next].key) else { return next }
        return context.skippingPronouns(after: index)
    }

    static func demands(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        for sentence in context.sentences {
            guard let first = sentence.first(where: { context.units[$0].isWord }), context.units[first].facts.word == .que else { continue }
            var verb = demandVerb(after: first, context)
            if verb < sentence.upperBound, context.units[verb].facts.word == .no { verb = demandVerb(after: verb, context) }
            guard verb < sentence.upperBound, context.units[verb].traits.command, context.units[verb].traits.finite,
                  !sentence.contains(where: { (context.units[$0].opinion?.entry.valence ?? 0) > 0 }) else { continue }
            out.append(.cue(unit: verb, term: "que \(context.cue(verb))", rule: "suggestion", cue: "que", value: demandWeight))
        }
    }
}

/// `no dejes de visitarlo`, `no puedes dejar de probar el mole`, `tienes que probarlo`: telling the reader
/// to visit or try something is a recommendation, though the verb has no opinion. Only verbs of visiting
/// and trying, so that `tienes que pagar aparte` is not; `no dejar de` only as advice (imperative, or after
/// `puedes`, `debes`): the indicative `no deja de` means "keeps on" (`no deja de sonar`). An obligation
/// (`tienes que`) takes only the verbs that are never a procedure: `tienes que ir a otro mostrador` and
/// `hay que pasar por cinco pantallas` are not advice.
enum Recommendations {
    static let adviceWeight = 2.0
    static let obligationWeight = 1.5
    static let recommendable: WordSet = ["visitar", "ir", "probar", "conocer", "ver", "venir", "pasar", "subir", "recorrer",
                                             "comer", "pedir", "escuchar", "volver", "regresar", "repetir", "hospedar",
                                             "hospedarse", "alojar", "alojarse", "cenar", "desayunar", "asistir"]
    static let mustVisit: WordSet = ["visitar", "probar", "conocer", "recorrer", "repetir", "volver", "regresar"]
    /// `no dejes de`, `no dejen de`: the imperative of `dejar`.
    static let adviceForms: WordSet = ["dejes", "dejen", "deje", "dejeis"]
    /// `no puedes dejar de`, `no debes dejar de`.
    static let modalForms: WordSet = ["puedes", "puede", "pueden", "podeis", "debes", "debe", "deben", "debeis", "deberias", "deberian"]
    /// `tienes que`, `tienen que`, `hay que`: an obligation put to the reader (not `tuve que`, which is effort).
    static let obligationForms: WordSet = ["tienes", "tienen", "teneis", "hay"]
    /// Obligations that, negated before `dejar de`, advise: `no hay que dejar de pasar`, `no se tiene que dejar de
    /// visitar` (the impersonal `se tiene`).
    static let negatedObligations = obligationForms.union(["tiene"])

    /// How far before `sin` the negated leaving may be: `no se puede ir a Guanajuato sin visitar`.
    static let leavingReach = 6
    /// Going or leaving, which `no … sin visitar` makes advice: `no te vayas`, `no puedes irte`, `no salgas`.
    static let leavingLemmas: WordSet = ["ir", "salir", "marchar", "visitar", "venir", "regresar", "volver"]
    static let leavingForms: WordSet = ["irte", "irse", "irme", "irnos", "iros", "marcharte", "marcharse", "marcharos"]
    /// Said to the reader (`no te vayas`, `no puedes`, `no se puede`), not of oneself (`no puedo ir sin ver a mi madre`).
    static let leavingAdvice: WordSet = WordSet((["vayas", "vayan", "vaya", "vayais", "salgas", "salgan", "salga", "marches", "marchen",
                                             "vengas", "vengan", "regreses", "regresen", "vuelvas", "vuelvan"] as Set<String>).union(modalForms))

    static func isLeaving(_ index: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let unit = context.units[index]
        return unit.tokens.count == 1 && (leavingForms.contains(unit.key) || leavingLemmas.contains(text.tokens[unit.tokens.lowerBound].lemma))
    }

    /// `debes visitarlo`, `debéis probarlo`, `deberías probarlo`, `tendrías que conocerlo`: advice to the reader in the
    /// second person (`tendrías que` is read as one phrase). (`deben`
    /// is as often the company's duty: `deben regresar el dinero`.)
    static let adviceModals: WordSet = ["debes", "debeis", "deberias", "deberiais"]
    /// `tendrías que probarlo`: the second person of `tendría que`, read as that phrase, so known by its first word.
    static let secondPersonObligations: WordSet = ["tendrias", "tendriais"]

    /// Whether the unit advises the reader: `debes`, `deberías`, or the phrase `tendrías que`.
    static func isAdviceModal(_ unit: Unit, _ text: NormalizedText) -> Bool {
        adviceModals.contains(unit.key) || unit.tokens.count == 2 && secondPersonObligations.contains(text.tokens[unit.tokens.lowerBound].key)
    }
    /// `se debe visitar`, `todos deben conocerlo`: the duty put to anyone is advice too (not `deben regresar el dinero`).
    static let impersonalModals: WordSet = ["debe", "deben"]
    static let impersonalSubjects: WordSet = ["se", "todos"]
    static let pointingWords: WordSet = ["este", "esta", "ese", "esa", "aquel", "aquella", "estos", "estas"]

    /// `al ir a Guanajuato`, `si vas`, `cuando visites`: when the visit happens, after what is to be known.
    static func isWhenVisiting(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.units[index].key
        if key.isKey("si") || key.isKey("cuando") { return true }
        return key.isKey("al") && index + 1 < context.units.count && context.units[index + 1].traits.infinitive
    }

    /// `se debe visitar`, `se deben probar`, `todos deben conocer`, `se tiene que probar`: advice to anyone. Knowing
    /// is a visit when it ends the clause or names a place by pointing at it (`se debe conocer este lugar`), not
    /// in `se deben conocer las reglas`.
    static func isImpersonalAdvice(link: Int, verb index: Int, _ context: RuleContext) -> Bool {
        if context.units[index].key.isKey("conocer"), index + 1 < context.units.count, context.clauseOf[index + 1] == context.clauseOf[index],
           !pointingWords.contains(context.units[index + 1].key), !isWhenVisiting(index + 1, context) { return false }
        let linkKey = context.units[link].key
        if impersonalModals.contains(linkKey) {
            return link >= 1 && impersonalSubjects.contains(context.units[link - 1].key) && !context.isNegated(link)
        }
        return linkKey.isKey("que") && link >= 2 && context.units[link - 1].key.isKey("tiene") && context.units[link - 2].key.isKey("se")
            && !context.isNegated(link - 1)
    }
    /// `regresar` and `volver` returning money or goods rather than a visitor: a determiner after them (`regresar
    /// el dinero`), or a pronoun attached for whom it is done (`regresarme`).
    static func isTransaction(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.units[index].key
        guard key.hasPrefix("regres") || key.hasPrefix("volv") else { return false }  // `probar el mole` is the advice itself
        if key.hasSuffix("me") || key.hasSuffix("nos") { return true }
        guard index + 1 < context.units.count, context.clauseOf[index + 1] == context.clauseOf[index] else { return false }
        return Resolutions.determiners.contains(context.units[index + 1].key) || context.units[index + 1].key.isKey("lo")
    }

    /// The forms of `deber` that advise when `de` follows: `debes de`, `se debe de`, `todos deben de`.
    static func isDeber(_ key: String) -> Bool {
        adviceModals.contains(key) || impersonalModals.contains(key)
    }

    /// `dejar pasar` advises only about the occasion itself: at the clause's end (`no lo dejes pasar`) or before
    /// `la oportunidad` (not `no dejan pasar a nadie`, a door kept shut).
    static let lettingPassObjects: WordSet = ["la oportunidad", "oportunidad", "la ocasion", "ocasion"]
    static func isLettingPassEnd(_ index: Int, _ context: RuleContext) -> Bool {
        let next = index + 1
        guard next < context.units.count, context.clauseOf[next] == context.clauseOf[index], !context.units[next].breaksClause else { return true }
        if lettingPassObjects.contains(context.units[next].key) { return true }
        return next + 1 < context.units.count && context.units[next].key.isKey("la") && lettingPassObjects.contains(context.units[next + 1].key)
    }

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        guard context.traitSummary.contains(.recommendable) else { return }
        let negators = context.negators
        for index in context.units.indices where context.units[index].traits.action.contains(.recommendable) && context.units[index].traits.infinitive
            && context.units[index].opinion == nil && context.units[index].tokens.count == 1 {
            let unit = context.units[index]
            var link = context.skippingPronouns(before: index)
            guard link >= 0, context.clauseOf[link] == context.clauseOf[index] else { continue }
            // `deber de` + infinitive is `deber` + infinitive (common in Mexico): `debes de visitarlo`, `se debe de
            // conocer`. The modal is the link; `no dejar de` keeps its own `de`.
            if context.units[link].facts.word == .de, link >= 1, isDeber(context.units[link - 1].key) { link -= 1 }
            let linkKey = context.units[link].key
            let verb = link - 1
            // `hay que volver a llamar` is a procedure: `volver a` + infinitive repeats another action (`volver a
            // la playa` is a visit).
            let repeats = index + 2 < context.units.count && context.units[index + 1].facts.word == .a && context.units[index + 2].traits.infinitive
            if unit.traits.action.contains(.mustVisit), !repeats, !isTransaction(index, context),
               linkKey.isKey("que") && verb >= 0 && obligationForms.contains(context.units[verb].key) && !context.isNegated(verb)
                || isAdviceModal(context.units[link], text) && !context.isNegated(link) || isImpersonalAdvice(link: link, verb: index, context) {
                let cue = linkKey.isKey("que") ? verb : link
                out.append(.cue(unit: index, term: "\(context.cue(cue))\(linkKey.isKey("que") ? " que" : "") … \(unit.key)", rule: "recommendation",
                                cue: context.cue(cue), value: obligationWeight))
                continue
            }
            // `no dejen de` read as one phrase (the aspectual `no dejar de`): advice when its verb is imperative.
            let linkTokens = context.units[link].tokens
            if linkTokens.count == 3, linkKey.isKey("no dejar de"), adviceForms.contains(text.tokens[linkTokens.lowerBound + 1].key) {
                out.append(.cue(unit: index, term: "no … dejar de … \(unit.key)", rule: "recommendation", cue: "no", value: adviceWeight))
                continue
            }
            // `no te vayas sin probarlo`, `no se puede ir a Guanajuato sin visitar el museo`.
            if linkKey.isKey("sin"), unit.traits.action.contains(.mustVisit) || unit.key.isKey("ver") || unit.key.isKey("pasar"),
               let leave = context.before(link, limit: leavingReach).first(where: { isLeaving($0, context, text) }), context.isNegated(leave),
               context.before(link, limit: leavingReach).contains(where: { leavingAdvice.contains(context.units[$0].key) }) {
                out.append(.cue(unit: index, term: "no … \(context.cue(leave)) … sin \(unit.key)", rule: "recommendation", cue: "sin",
                                value: adviceWeight))
                continue
            }
            // `no dejes pasar`, `no puedes dejar pasar la oportunidad`: letting a visit go by, like `dejar de`.
            let lettingPass = unit.key.isKey("pasar") && (linkKey.isKey("dejar") || adviceForms.contains(linkKey)) && isLettingPassEnd(index, context)
            guard linkKey.isKey("de") && verb >= 0 || lettingPass else { continue }
            let dejarIndex = lettingPass ? link : verb
            var negator = dejarIndex - 1
            var negationClause = context.clauseOf[index]
            let dejar = context.units[dejarIndex].key
            if dejar.isKey("dejar") {
                // `no puedes dejar de`, and with a link of its own: `no hay que dejar de`, `no deben de dejar de`.
                if negator >= 1, context.units[negator].facts.word == .que && negatedObligations.contains(context.units[negator - 1].key)
                    || context.units[negator].facts.word == .de && modalForms.contains(context.units[negator - 1].key) {
                    negator -= 1
                }
                guard negator >= 0, modalForms.contains(context.units[negator].key) || negatedObligations.contains(context.units[negator].key)
                else { continue }
                negationClause = context.clauseOf[negator]  // `que` opens a clause: `no hay | que dejar de pasar`
                negator -= 1
            } else if !adviceForms.contains(dejar) {
                continue
            }
            negator = negator >= 0 ? context.skippingPronouns(before: negator + 1) : -1
            guard negator >= 0, negators.contains(negator), context.clauseOf[negator] == negationClause else { continue }
            out.append(.cue(unit: index, term: "\(context.cue(negator)) … dejar de … \(unit.key)", rule: "recommendation",
                            cue: context.cue(negator), value: adviceWeight))
        }
    }
}

/// `Ir a Guanajuato y no visitar las momias sería imperdonable`, `no darse una vuelta sería el colmo`: blame (a negative
/// word of the lexicon) put on missing a visit, in the present or the conditional and said to anyone, recommends the
/// visit when both are one clause (not `no ir caminando, es peligroso`). The blaming word becomes the advice. Regret of
/// one's own missed visit (`fue una lástima no conocerlo`) is not advice and keeps its value.
enum MissedVisits {
    static let copulas: WordSet = ["seria", "serian", "es"]
    /// Words that may stand between the copula and the blame: `sería un pecado`, `es todo un crimen`.
    static let fillers: WordSet = ["un", "una", "el", "todo", "toda", "realmente", "muy", "casi", "como"]

    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        applyWantingMore(&context)
        applyConditionalLoss(&context, text: text)
        // Only a negative contribution is blamed: without one, the units are not searched for a missed visit.
        guard context.contributions.indices.contains(where: { context.contributions[$0].valence < 0 }), let visit = missedVisit(context) else { return }
        // By its own valence: a negation before the visit may have reached the blame (`no visitarlas sería el colmo`).
        for index in context.contributions.indices where context.contributions[index].valence < 0 {
            let unit = context.contributions[index].unit
            guard context.clauseOf[unit] == context.clauseOf[visit], isBlame(unit, context, text) else { continue }
            context.contributions[index].apply("missed visit", cue: "no … \(context.cue(visit))", to: Recommendations.adviceWeight)
        }
    }

    /// `una lástima no poder quedarnos más días`, `es una pena no haberlo descubierto antes`, `lástima no tener más tiempo
    /// para disfrutarlo`: regret at not having more of a place, or sooner, praises it. Without `más` and a span of time,
    /// or `antes`, the regret is a complaint (`una pena no poder usar la piscina`).
    static let wantingMoreReach = 6
    static let wantingMoreWeight = 1.5

    static func applyWantingMore(_ context: inout RuleContext) {
        guard context.mayHave(.regret) else { return }
        for index in context.contributions.indices where context.contributions[index].value < 0 {
            let unit = context.contributions[index].unit
            // The suffixes as a bit of the key (`KeyFacts`): `hasSuffix` compares Characters, at every negative contribution.
            guard context.units[unit].facts.lists.contains(.regret), unit + 2 < context.units.count,
                  context.units[unit + 1].facts.word == .no else { continue }
            let negator = unit + 1
            let span = (negator + 1..<min(negator + 1 + wantingMoreReach, context.units.count)).prefix { context.sentenceOf[$0] == context.sentenceOf[negator] }
            guard let wanted = span.first(where: { other in
                context.units[other].key.isKey("antes")
                    || context.units[other].facts.word == .mas && other + 1 < context.units.count && context.units[other + 1].traits.timeUnit != .none
            }) else { continue }
            context.contributions[index].apply("wanting more", cue: "no … \(context.cue(wanted))", to: wantingMoreWeight)
        }
    }

    /// Missing the visit is a loss: `si no visitas el museo, te pierdes lo mejor`, `si no vas, te lo pierdes`. A
    /// reflexive `perder` (`te`, `se`, `os`), not negated, in the sentence of a missed visit put as a condition (`si
    /// no` and a verb of visiting) recommends the visit. `no te pierdes de nada` (negated) and `si te quedas, te
    /// pierdes la explicación` (no missed visit) keep their values.
    static let lossPronouns: WordSet = ["te", "se", "os"]
    /// Nothing lost by skipping the visit: a mild complaint, as `no te pierdes de mucho` in the lexicon.
    static let notWorthWeight = 1.5
    /// `estar` before the loss's gerund: `si no lo has probado, te estás perdiendo algo grande`.
    static let progressiveAuxiliaries: WordSet = ["estas", "esta", "estan", "estais", "estaras", "estara"]
    /// How far after `si` its negated visit may be: `si vas a Guanajuato y no visitas`.
    static let conditionReach = 6

    /// A verb of visiting in any form: `vas`, `visitas`, `conoces`, `visitarlo`.
    static func isVisit(_ index: Int, _ context: RuleContext) -> Bool {
        context.units[index].tokens.count == 1 && context.units[index].traits.action.contains(.visiting)
    }

    static func applyConditionalLoss(_ context: inout RuleContext, text: NormalizedText) {
        guard context.mayHave(.si), context.contributions.indices.contains(where: { context.contributions[$0].valence < 0 }) else { return }
        // By index and keyword: enumerating the units copied each one (retaining its key and opinion), and comparing
        // every key with `si` read its length and bytes.
        for index in context.units.indices where context.units[index].facts.word == .si {
            // `si no vas`, `si no lo visitas`, `si vas a Guanajuato y no visitas el museo`.
            guard let negator = (index + 1..<min(index + 1 + conditionReach, context.units.count)).first(where: {
                context.units[$0].facts.word == .no && context.sentenceOf[$0] == context.sentenceOf[index] }) else { continue }
            var visit = context.skippingPronouns(after: negator)
            // `si no has probado sus carnes`: the perfect's participle is the visit.
            if visit + 1 < context.units.count, WordReading.perfectAuxiliaries.contains(context.units[visit].key) { visit += 1 }
            guard visit < context.units.count, context.sentenceOf[visit] == context.sentenceOf[index], isVisit(visit, context)
            else { continue }
            for contribution in context.contributions.indices where context.contributions[contribution].valence < 0 {
                let loss = context.contributions[contribution].unit
                let tokens = context.units[loss].tokens
                guard loss > visit, context.sentenceOf[loss] == context.sentenceOf[index], tokens.count == 1,
                      text.tokens[tokens.lowerBound].lemma.isKey("perder") else { continue }
                var pronoun = loss - 1
                if pronoun > visit, progressiveAuxiliaries.contains(context.units[pronoun].key) { pronoun -= 1 }  // `te estás perdiendo`
                if pronoun > visit, Resolutions.objectPronouns.contains(context.units[pronoun].key) { pronoun -= 1 }  // `te lo pierdes`
                guard pronoun > visit, lossPronouns.contains(context.units[pronoun].key) else { continue }
                // The condition's own `no` may share the clause when no comma closes it (`si no vas te lo pierdes`);
                // a `no` of the loss's own says the visit is not worth it (`si no vas, no te pierdes nada`).
                let denied = context.before(loss, limit: Negation.scope).contains { $0 > visit && context.negators.contains($0) }
                context.contributions[contribution].apply("missed visit", cue: "si no … \(context.cue(visit))",
                                                          to: denied ? -notWorthWeight : Recommendations.adviceWeight)
            }
        }
    }

    /// A negated visit said to anyone: `no` and, past object pronouns, an infinitive one recommends (`no visitarlo`,
    /// `no ir a conocer`), or the outing `no darse una vuelta`.
    static func missedVisit(_ context: RuleContext) -> Int? {
        // A missed visit opens with `no` (or is `no dar una vuelta`): a text with neither (the union of its keys' keywords,
        // exact) has no unit read.
        guard context.mayHave(.no) || context.mayHave(.noDarUnaVuelta) else { return nil }
        for index in context.units.indices where context.units[index].facts.word == .no || context.units[index].facts.word == .noDarUnaVuelta {
            if context.units[index].facts.word != .no { return index }
            let next = context.skippingPronouns(after: index)
            if next < context.units.count, context.units[next].traits.infinitive, context.units[next].traits.action.contains(.recommendable) {
                return next
            }
        }
        return nil
    }

    /// `sería el colmo` (an expression with its copula) or a copula a few fillers before the word.
    static func isBlame(_ unit: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let tokens = context.units[unit].tokens
        if tokens.count > 1, copulas.contains(text.tokens[tokens.lowerBound].key) { return true }
        var previous = unit - 1
        while previous >= 0, unit - previous <= 3, fillers.contains(context.units[previous].key) { previous -= 1 }
        return previous >= 0 && unit - previous <= 3 && copulas.contains(context.units[previous].key)
    }
}

/// `el precio es muy alto`, `comisiones altísimas`, `me subieron la cuota`: a level word (`alto`, `elevado`,
/// `bajo`) or a moving verb (`subir`, `bajar`) carries no opinion alone (`alta calidad`, `subir al avión`), but
/// said of what the customer pays it does. The cost word is in the same clause, up to `reach` words away on
/// either side. `subir` and `bajar` rate only amounts: `subir la factura` is uploading it (`la factura se duplica`
/// is a rise). What the customer gets rates the other way (`me redujeron la velocidad`, `la señal es muy baja`).
/// Negated (`el precio no es alto`),
/// the level says nothing either way and gives no cue.
enum CostLevel {
    static let reach = 4
    /// A decrease asked for is a complaint about the price, as mild as a suggestion.
    static let demandedDecrease = -1.0
    /// The `cost` weight of what the customer gets rather than pays (`cobertura`, `velocidad`); twice it for one that
    /// `subir` and `bajar` do not rate (`bajar datos` is downloading them).
    static let benefitKind = -1.0

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        // A cue needs a level or a move and a cost near it.
        guard context.mayHave(.cost), context.mayHave(.level) || context.mayHave(.move) else { return }
        for index in context.units.indices where context.units[index].opinion == nil
            && (context.units[index].has(.level) || context.units[index].has(.move)) {
            let unit = context.units[index]
            let weight: Double
            let isVerb: Bool
            if let level = unit.modifiers[.level] {
                (weight, isVerb) = (level, false)
            } else if let move = unit.modifiers[.move] {
                (weight, isVerb) = (move, true)
            } else {
                continue
            }
            let near = Array(context.before(index, limit: reach)) + context.after(index, limit: reach)
            // Only `subir` and `bajar` also mean uploading and downloading a document.
            let movesDocuments = !isVerb || !(unit.key.hasPrefix("sub") || unit.key.hasPrefix("baj"))
            guard let cost = near.first(where: { position in
                guard let kind = context.units[position].modifiers[.cost] else { return false }
                return movesDocuments || kind != 2 && kind != 2 * benefitKind
            }) else { continue }
            if context.isNegated(index) { continue }
            // What the customer gets (`datos`, `cobertura`) rates the other way: less of it is the complaint.
            if let kind = context.units[cost].modifiers[.cost], kind < 0 {
                out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(cost)) … \(unit.key)", rule: "cost level",
                                                   cue: context.cue(cost), value: -weight))
                continue
            }
            // Asked for rather than reported (`que bajen los precios`, `bajar las comisiones`): the price is too high.
            let asked = isVerb && weight > 0 && (unit.traits.infinitive || unit.key.hasSuffix("en") || unit.key.hasSuffix("e"))
            out.append(RuleContext.Working.cue(unit: index, term: "\(context.cue(cost)) … \(unit.key)", rule: "cost level",
                                               cue: context.cue(cost), value: asked ? demandedDecrease : weight))
        }
    }
}

/// `esperé 40 minutos`, `tres horas de cola`, `mucho tiempo en espera`: a long wait is a complaint, though
/// no word of it is an opinion. Long means hours, days, weeks, months, years or `mucho tiempo`, or at least
/// `minimumMinutes` minutes; the wait word (`esperar`, `cola`, `demora`…) is within `reach` words of the
/// duration in its clause. A wait word that is an opinion already (`tardar`) speaks for itself, and a
/// negated wait (`no tuve que esperar ni una hora`) is none.
enum LongWait {
    static let reach = 5
    static let minimumMinutes = 20
    static let weight = -2.0
    static let waitWords: WordSet = WordSet(["esperar", "espera", "cola", "fila", "demora", "demorar", "retraso", "tardanza", "tardar",
                                             "intentar",  // `llevo dos días intentando pagar`: trying that long is a wait
                                             // Asking that long is too (`llevo dos días pidiendo que arreglen la cisterna`), in the
                                             // gerund only: `pedí una habitación para dos noches` is a booking.
                                             "pidiendo", "reclamando", "solicitando", "insistiendo",
                                             // So is trying, calling or writing that long (`llevo todo el día tratando de facturar`,
                                             // `llevo tres días llamando`), in the gerund only (`llamé a las 10` is no wait), and
                                             // `tratando` only before `de`: `tratando con el gerente` deals with him.
                                             "tratando", "llamando", "escribiendo", "peleando", "luchando",
                                             // Stuck that long is a wait too (`el paquete lleva 6 días parado en Coslada`); not `parada`, a stop.
                                             "parado", "parados", "atascado", "atascada", "atascados", "atascadas"])
        .union(states).union(holding)
    /// `llevo 40 minutos al teléfono`: held on the line, a wait word only after `al` (`hablé 20 minutos por teléfono`
    /// with an agent is no wait).
    static let holding: WordSet = ["telefono", "teléfono"]
    /// `lleva 40 días en tránsito`, `tres semanas en reparación`: a state that should pass, a wait word only after `en`
    /// (`la reparación fue en dos días` was quick).
    /// So is a place a thing waits in for its repair (`el coche lleva tres semanas en el taller`).
    static let states: WordSet = ["transito", "tránsito", "tramite", "trámite", "reparacion", "reparación", "taller"]
    /// After `en`, or `en el`, `en la`.
    static func isAfterEn(_ wait: Int, _ context: RuleContext) -> Bool {
        guard wait > 0 else { return false }
        if context.units[wait - 1].facts.word == .en { return true }
        return wait > 1 && ["el", "la"].contains(context.units[wait - 1].key) && context.units[wait - 2].facts.word == .en
    }
    /// A starting point a day or more back (`desde el viernes`, `desde ayer`, `desde la semana pasada`): with a wait
    /// word beside it, as long as `días`. By key, after `desde` (and `el`/`la`).
    static let sinceDays: WordSet = ["ayer", "anteayer", "antier", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado",
                                         "domingo", "semana", "mes", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                         "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre"]
    /// Wait words that are complaints of their own (`tardaron`, `dos horas de retraso`): the long time strengthens them.
    static let slowVerbs: WordSet = ["tardar", "demorar", "retraso", "demora", "tardanza"]
    static let minimizers: WordSet = ["solo", "apenas", "unicamente", "nada mas", "nada más"]  // a phrase key keeps its accents
    static let longUnits: WordSet = ["hora", "horas", "hrs", "hs", "dia", "dias", "semana", "semanas", "mes", "meses", "ano", "anos", "tiempo",
                                         "manana", "mañana", "tarde", "noche", "finde"]
    /// Parts of a day count only whole (`toda la mañana`, `todo el día`, `todo el fin de semana`), never with a number
    /// alone: `a las 5 de la tarde` is an hour, not a wait.
    static let dayParts: WordSet = ["manana", "mañana", "tarde", "noche", "finde"]
    static let minuteUnits: WordSet = ["minuto", "minutos", "min"]

    /// An expression of a long wait (`horas esperando`, `cola de horas`, `llevo semanas esperando`): a wait word
    /// and a long unit of time among its words.
    static func isWaitExpression(_ term: String) -> Bool {
        // Called for every expression the sarcasm rule weighs: a scan of the bytes first, words only on a hit.
        guard mentionsWaitStem(term) else { return false }
        let words = term.split(separator: " ").map { Folding.key(String($0)) }
        return words.contains(where: longUnits.contains)
            && words.contains { word in waitStems.contains { word.utf8.starts(with: $0) } }
    }

    static let waitStemLiterals: [StaticString] = ["esper", "cola", "fila", "demor", "tard"]
    static let waitStems: [[UInt8]] = waitStemLiterals.map { Array(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount)) }

    /// Whether the term's bytes hold one of the wait stems, in one pass: a stem is compared only where a byte a stem opens
    /// with stands. (Each stem searched for apart, through a copy of the string, cost about 850 instructions an expression,
    /// and the sarcasm rule asks of every expression it weighs.)
    private static func mentionsWaitStem(_ term: String) -> Bool {
        var term = term
        return term.withUTF8 { bytes in
            for start in bytes.indices {
                let byte = bytes[start]
                guard byte == UInt8(ascii: "e") || byte == UInt8(ascii: "c") || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "d")
                    || byte == UInt8(ascii: "t") else { continue }
                for stem in waitStemLiterals where stem.utf8Start[0] == byte && stem.utf8CodeUnitCount <= bytes.count - start
                    && (1..<stem.utf8CodeUnitCount).allSatisfy({ bytes[start + $0] == stem.utf8Start[$0] }) {
                    return true
                }
            }
            return false
        }
    }
    /// Whether the amount at token `amount` follows `menos de` (`menos de una hora`, `a menos de 5 minutos`): a bound
    /// below, which neither denies (`Negation`) nor makes a long wait.
    static func isBelowBound(_ amount: Int, _ text: NormalizedText) -> Bool {
        amount >= 2 && text.tokens[amount - 1].key.isKey("de") && text.tokens[amount - 2].key.isKey("menos")
    }
    static func isAmount(_ token: Token) -> Bool { token.kind == .number || numberWords[token.key] != nil }
    static let numberWords: [String: Int] = ["un": 1, "una": 1, "media": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
                                             "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
                                             "cuarenta": 40, "cincuenta": 50, "varias": 2, "varios": 2, "muchas": 2, "muchos": 2,
                                             "mucho": 2, "demasiado": 2]  // `mucho tiempo en espera`

    /// Adds a long wait found beside a wait word without an opinion (`esperé 40 minutos`); one beside a slow
    /// verb that is a complaint already (`tardaron tres semanas`) makes that complaint the long wait's weight.
    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        var cues: [RuleContext.Working] = []
        for (wait, time) in waits(context, text: text) {
            guard context.units[wait].opinion != nil else {
                cues.append(RuleContext.Working.cue(unit: time, term: "\(context.cue(wait)) … \(context.cue(time))", rule: "long wait",
                                                   cue: context.cue(wait), value: weight))
                continue
            }
            // `solo tardaron un día más` minimizes the delay: the verb keeps its own mild weight.
            if wait > 0, minimizers.contains(context.units[wait - 1].key) { continue }
            for index in context.contributions.indices where context.contributions[index].unit == wait {
                let value = context.contributions[index].value
                if value < 0, value > weight { context.contributions[index].apply("long wait", cue: context.cue(time), to: weight) }
            }
        }
        context.add(&cues)
        applyWalks(&context, text: text)
    }

    /// The lexicon's walking distances praise a place close by (`a 5 minutos andando del centro`); as long a walk
    /// as a long wait (`a 40 minutos andando`) is a place far off.
    static let walkingTerms: WordSet = ["minutos andando", "minutos caminando", "minutos a pie"]
    static let farWalkWeight = -1.0
    /// The shortest walking term's length in bytes: nearly every contribution (one word) is shorter, told apart
    /// by its length before the set is asked (asking cost about 200 instructions a contribution).
    static let shortestWalkingTerm = walkingTerms.map(\.utf8.count).min()!
    // And each opens with `minutos`: a term that opens with another byte is none of them (no other character is
    // canonically `m`), so the set is asked only of those that open with `m`.

    static func applyWalks(_ context: inout RuleContext, text: NormalizedText) {
        for index in context.contributions.indices
        where context.contributions[index].term.utf8.count >= shortestWalkingTerm && context.contributions[index].term.utf8.first == UInt8(ascii: "m")
            && walkingTerms.contains(context.contributions[index].term) {
            let unit = context.contributions[index].unit
            guard unit > 0, context.clauseOf[unit - 1] == context.clauseOf[unit] else { continue }
            let amountUnit = context.units[unit - 1]
            let token = text.tokens[amountUnit.tokens.lowerBound]
            let amount = token.kind == .number ? Int(token.surface.prefix { $0.isASCII && $0.isNumber }) : numberWords[amountUnit.key]
            if let amount, amount >= minimumMinutes {
                context.contributions[index].apply("long wait", cue: amountUnit.key, to: farWalkWeight)
            }
        }
    }

    /// Each wait word (or slow verb) and the long time beside it.
    static func waits(_ context: RuleContext, text: NormalizedText) -> [(wait: Int, time: Int)] {
        // Every wait needs a wait word (`isWaitWord` in `waitWord`): a text with none, by its keys' facts and its traits'
        // summary (exact), has no wait, and its units of time (common) need not be read.
        // So does `hace tres semanas que espero` (`waitAfterSince` reads `espero` by its key), in a text with a unit of time
        // and `hace` or `hacia` (`isSince`, told by the keywords' union: no unit is scanned for them).
        guard context.mayHave(.waitWord) || context.traitSummary.contains(.waitLemma)
            || context.traitSummary.contains(.timeUnit) && (context.mayHave(.hace) || context.mayHave(.hacia)) else { return [] }
        var out: [(wait: Int, time: Int)] = []
        // `llevo desde el viernes esperando`: the time is the starting day. Each scan only in a text with what it looks for.
        if context.traitSummary.contains(.sinceMarker) {
            for index in context.units.indices where context.units[index].traits.since == .marker {
                var day = index + 1
                if day < context.units.count, ["el", "la"].contains(context.units[day].key) { day += 1 }
                guard day < context.units.count, context.clauseOf[day] == context.clauseOf[index], context.units[day].traits.since == .day,
                      let wait = waitWord(near: index, day, context, text: text) else { continue }
                out.append((wait, day))
            }
        }
        if context.traitSummary.contains(.timeUnit) {
            for index in context.units.indices where context.units[index].traits.timeUnit != .none {
                // Known when the word was first read: no word is hashed here.
                let isLong = context.units[index].traits.timeUnit == .hours
                if isLong, isBareSpan(index, context) {
                    // `Días sin esperar nada`: the wait itself denied (`waitWord` asks before the span only).
                    if let wait = waitWord(near: index, index, context, text: text), !context.isNegated(wait) { out.append((wait, index)) }
                    continue
                }
                guard index > 0 else { continue }
                // The amount right before the unit: digits or a number word.
                let amountUnit = context.units[index - 1]
                guard context.clauseOf[index - 1] == context.clauseOf[index] else { continue }
                let amountToken = text.tokens[amountUnit.tokens.lowerBound]
                var amount = amountToken.kind == .number ? Int(amountToken.surface.prefix { $0.isASCII && $0.isNumber }) : numberWords[amountUnit.key]
                // `hora y media` reaches to its fraction, past the `y` that would end the search after it.
                let andSome = isHourAndSome(index, context)
                if amount == nil, andSome { amount = 1 }
                if isWhole(index, context) { amount = 1 } else if dayParts.contains(context.units[index].key) { continue }
                guard let amount, isLong || amount >= minimumMinutes else { continue }
                // `tardó menos de una hora`, `en menos de dos días`: a bound below is quick, no wait.
                if isBelowBound(amountUnit.tokens.lowerBound, text) { continue }
                let first = andSome && amountToken.kind != .number && numberWords[amountUnit.key] == nil ? index : index - 1
                guard let wait = waitWord(near: first, andSome ? index + 2 : index, context, text: text)
                    ?? waitAfterSince(index, context, text: text) else { continue }
                out.append((wait, index))
            }
        }
        return out
    }

    /// The lemma of the unit's first token is told by a bit of its reading (`Frame.waitLemma`), found once per surface:
    /// folding it here cost about 1,000 instructions a probe.
    static func isWaitWord(_ position: Int, _ context: RuleContext, text: NormalizedText) -> Bool {
        context.units[position].isWord
            && (context.units[position].traits.frame.contains(.waitLemma) || waitWords.contains(context.units[position].key))
            && (!context.units[position].key.isKey("tratando")
                || position + 1 < context.units.count && context.units[position + 1].facts.word == .de)
    }

    static func isSince(_ index: Int, _ context: RuleContext) -> Bool {
        // By the key's facts: this runs for every unit of a text with a unit of time, and reading the key's `String` cost
        // about 20 instructions a unit more.
        context.units[index].facts.word == .hace || context.units[index].facts.word == .hacia
    }

    /// `hace tres semanas que espero`, `hacía dos horas que esperábamos el taxi`: the time `hace` measures, and the wait
    /// word in the clause its `que` opens (past object pronouns), which `waitWord` does not search.
    static func waitAfterSince(_ time: Int, _ context: RuleContext, text: NormalizedText) -> Int? {
        guard time >= 2, isSince(time - 2, context), time + 2 < context.units.count,
              context.units[time + 1].facts.word == .que else { return nil }
        let verb = context.skippingPronouns(after: time + 1)
        // `espero` is read by its key: its lemma is not always found (it is also the hope of `espero que`).
        guard verb < context.units.count, context.sentenceOf[verb] == context.sentenceOf[time],
              isWaitWord(verb, context, text: text) || context.units[verb].key.hasPrefix("esper"),
              context.units[verb].opinion.map({ slowVerbs.contains($0.entry.term) }) ?? true else { return nil }
        return verb
    }

    /// `hora y media`, `hora y pico`, `hora y cuarto`: more than an hour, with no number before it.
    static let hourFractions: WordSet = ["media", "pico", "cuarto"]
    static func isHourAndSome(_ unit: Int, _ context: RuleContext) -> Bool {
        unit + 2 < context.units.count && context.units[unit].key.isKey("hora") && context.units[unit + 1].key.isKey("y")
            && hourFractions.contains(context.units[unit + 2].key)
    }

    /// `todo el día`, `toda la mañana`, `todo el fin de semana`: a whole period.
    /// Units of time that say many of them when bare: `horas intentando`, `llevo días esperando`, `tras semanas de espera`.
    static let barePlurals: WordSet = ["horas", "dias", "semanas", "meses", "anos"]
    /// What may stand before a bare span: the verb that counts it (`llevo`), or `durante`, `tras`. An article or a
    /// preposition names particular ones (`las horas de atención`, `en días laborables`).
    static let bareSpanOpeners: WordSet = ["llevo", "llevamos", "lleva", "llevan", "llevaba", "llevabamos", "llevaban", "durante", "tras"]

    /// `Horas intentando hablar con alguien`, `Llevo días esperando`: a plural unit of hours or longer with no amount,
    /// opening its clause or after a verb that counts it, is many of them, a long time.
    static func isBareSpan(_ unit: Int, _ context: RuleContext) -> Bool {
        guard barePlurals.contains(context.units[unit].key) else { return false }
        guard unit > 0, context.clauseOf[unit - 1] == context.clauseOf[unit] else { return true }
        let before = context.units[unit - 1]
        if !before.isWord { return before.breaksClause }
        return bareSpanOpeners.contains(before.key)
    }

    static func isWhole(_ unit: Int, _ context: RuleContext) -> Bool {
        var probe = unit - 1
        if probe >= 2, context.units[probe].facts.word == .de, context.units[probe - 1].key.isKey("fin") { probe -= 2 }
        guard probe >= 1, ["el", "la"].contains(context.units[probe].key) else { return false }
        return ["todo", "toda"].contains(context.units[probe - 1].key)
    }

    /// The wait word within `reach` of a time that spans `first...last`, unless an opinion other than a slow verb
    /// says it all (`demora inaceptable` is one unit) or the wait is negated.
    /// After a span a verb counts (`llevo 20 días con el coche en el taller`), the wait word may stand further on in the
    /// clause: the span opens it, and what the customer is without comes between.
    static let countedReach = 8

    static func waitWord(near first: Int, _ last: Int, _ context: RuleContext, text: NormalizedText) -> Int? {
        func isWaitWord(_ position: Int) -> Bool { Self.isWaitWord(position, context, text: text) }
        let counted = first > 0 && bareSpanOpeners.contains(context.units[first - 1].key)
        // The units before (nearest first), then after, searched in turn: joining them in an array cost more than the search.
        guard let wait = context.before(first, limit: reach).first(where: isWaitWord)
            ?? context.after(last, limit: counted ? countedReach : reach).first(where: isWaitWord) else { return nil }
        if let term = context.units[wait].opinion?.entry.term, !slowVerbs.contains(term) { return nil }
        if states.contains(context.units[wait].key), !isAfterEn(wait, context) { return nil }
        if holding.contains(context.units[wait].key), wait == 0 || !context.units[wait - 1].key.isKey("al") { return nil }
        if context.isNegated(min(wait, first)) { return nil }
        return wait
    }
}

/// A problem the company removed is good news: `arreglaron la avería`, `me quitó una contractura`,
/// `eliminaron el cobro indebido`, `anularon la penalización`. The problem word names what is gone, so it
/// turns into mild praise; the verb's own reading (a fulfilled expectation, an entry) is left as it is.
/// The problem must be the verb's object, a noun phrase after a determiner or right after the verb
/// (`así evitan fraudes`; `lo arreglaron tarde y mal` is not); a negated, wished or attempted removal (`no me quitaron el cargo`, `podrían corregir los errores`)
/// removes nothing.
enum Resolutions {
    static let verbs: WordSet = ["arreglar", "reparar", "solucionar", "resolver", "quitar", "eliminar", "corregir", "curar",
                                     "aliviar", "subsanar", "retirar", "anular", "reembolsar", "devolver", "compensar", "evitar", "prevenir"]
    static let value = 1.0
    /// Verbs that take away: what they take is a loss when it was good (`nos quitó el ánimo`, `pierde su
    /// encanto`, `eliminaron el descuento`), and a relief when it was a problem.
    static let removals: WordSet = ["quitar", "eliminar", "retirar", "perder"]
    /// A good thing taken away weighs this share of its praise, as a complaint.
    static let lossFactor = -0.75
    /// How many words may stand between the verb and its object (`me quitó en tres sesiones una contractura`).
    static let reach = 5
    static let determiners: WordSet = ["el", "la", "los", "las", "un", "una", "unos", "unas", "mi", "mis", "su", "sus", "tu", "tus",
                                           "ese", "esa", "esos", "esas", "este", "esta", "estos", "estas", "aquel", "aquella", "todo",
                                           "toda", "todos", "todas", "nuestro", "nuestra", "nuestros", "nuestras"]

    static func apply(_ context: inout RuleContext) {
        guard !context.contributions.isEmpty, context.traitSummary.contains(.resolving),
              context.units.indices.contains(where: { !context.units[$0].traits.action.isDisjoint(with: [.resolution, .removal]) })
        else { return }
        for index in context.contributions.indices {
            if let negator = context.contributions[index].negatedBy {
                unresolved(&context, index, negator: negator)
                continue
            }
            if context.contributions[index].value > 0 {
                loss(&context, index)
                continue
            }
            guard context.contributions[index].value < 0 else { continue }
            let unit = context.contributions[index].unit
            let list = context.contributions[index].list
            // The object after a determiner, or right after the verb (`así evitan fraudes`, `arreglaron averías`).
            guard list != "rule", list != "adjectives", list != "verbs", unit > 0 else { continue }
            if determiners.contains(context.units[unit - 1].key)
                || list.isKey("nouns") && context.units[unit - 1].traits.action.contains(.resolution),
               let verb = doneVerb(.resolution, before: unit, context) {
                context.contributions[index].apply("resolution", cue: context.cue(verb), to: value)
            } else if list.isKey("nouns"), let verb = pronounResolution(after: unit, context) {
                context.contributions[index].apply("resolution", cue: context.cue(verb), to: value)
            }
        }
    }

    /// The verb of `kind` whose object `unit` is, reported as done and not negated: found walking back past
    /// words that are neither verbs nor opinions. Wished or tried (`se podrían corregir esos errores`,
    /// `intentando solucionar un problema`), it removes nothing.
    static func doneVerb(_ kind: WordTraits.Action, before unit: Int, _ context: RuleContext) -> Int? {
        for other in context.before(unit, limit: reach) {
            let candidate = context.units[other]
            if candidate.traits.action.contains(kind), candidate.tokens.count == 1 {
                return isReportedDone(other, context) ? other : nil
            }
            // Another verb or another opinion first: the word is not this verb's object.
            if candidate.traits.finite || candidate.opinion != nil { return nil }
        }
        return nil
    }

    /// A verb reported as done and not negated: conjugated (not in the conditional or the imperfect subjunctive:
    /// `se podrían corregir`), or a participle after `haber` (`me lo han resuelto`).
    static func isReportedDone(_ verb: Int, _ context: RuleContext) -> Bool {
        let traits = context.units[verb].traits
        let done = traits.finite && !traits.conditional && !traits.pastSubjunctive
            || verb > 0 && WordReading.perfectAuxiliaries.contains(context.units[verb - 1].key)
        return done && !context.isNegated(verb)
    }

    /// Object pronouns a later verb may take the problem back with.
    static let objectPronouns: WordSet = ["lo", "la", "los", "las"]
    /// The verbs that solve a problem, as opposed to those that return or remove something (`devolver`, `quitar`).
    static let solvingVerbs: WordSet = ["solucionar", "resolver", "arreglar", "reparar", "corregir", "subsanar"]

    /// `tuve un problema y me lo solucionaron en el día`, `siempre que he tenido un problema me lo han resuelto`:
    /// the problem named first, then a resolution reported as done whose object is a pronoun, in the sentence,
    /// with no other opinion between (`un problema que nadie me resolvió` is not resolved).
    static func pronounResolution(after unit: Int, _ context: RuleContext) -> Int? {
        let sentence = context.sentenceOf[unit]
        var position = unit + 1
        while position < context.units.count, position - unit <= 8, context.sentenceOf[position] == sentence {
            let candidate = context.units[position]
            if candidate.traits.action.contains(.resolution), candidate.tokens.count == 1 {
                // Only a verb that solves takes the problem back: `me lo devolvieron` returns the car, not the scratch.
                guard candidate.traits.action.contains(.solving) else { return nil }
                var before = position - 1
                if before > unit, WordReading.perfectAuxiliaries.contains(context.units[before].key) { before -= 1 }
                guard before > unit, objectPronouns.contains(context.units[before].key) else { return nil }
                return isReportedDone(position, context) ? position : nil
            }
            if candidate.opinion != nil && candidate.opinion!.entry.valence < 0 { return nil }
            position += 1
        }
        return nil
    }

    /// `se nos quitó el ánimo`, `pierde su encanto`: the good thing is the object of a removal reported as done; so is
    /// an adjective made a noun by `lo` (`le quitan todo lo romántico`).
    static func loss(_ context: inout RuleContext, _ index: Int) {
        let unit = context.contributions[index].unit
        let list = context.contributions[index].list
        guard unit > 0, list.isKey("nouns") && determiners.contains(context.units[unit - 1].key) || list.isKey("adjectives") && context.units[unit - 1].key.isKey("lo"),
              let verb = doneVerb(.removal, before: unit, context) else { return }
        let value = context.contributions[index].value
        context.contributions[index].apply("loss", cue: context.cue(verb), to: value * lossFactor)
    }

    /// `no me quitaron el cobro indebido`: the negation is of the removal, so the problem stands as it was.
    /// Likewise `no le quita la magia`: the good thing stays.
    static func unresolved(_ context: inout RuleContext, _ index: Int, negator: Int) {
        let unit = context.contributions[index].unit
        guard negator < unit, let before = context.contributions[index].rules.last(where: { $0.rule.isKey("negation") })?.from else { return }
        let kind: WordTraits.Action = before < 0 ? .resolution : .removal
        guard let verb = (negator + 1..<unit).first(where: { context.units[$0].traits.action.contains(kind) }) else { return }
        context.contributions[index].apply(before < 0 ? "resolution" : "loss", cue: "\(context.cue(negator)) … \(context.cue(verb))", to: before)
    }
}

/// `Me cobraron dos veces el recibo y al día siguiente me devolvieron el dinero`, `se me rompió la aspiradora, la mandé
/// y me la repararon en una semana`: a story whose problem the company then remedied. The problem is told to say
/// what was fixed; a CX team reads the fix. The text's negative contributions before the last remedy reported as done
/// weigh `storyWeight`, and the remedy counts `remedyValue` when the lexicon gives it nothing. What comes after the
/// remedy keeps its weight (`me lo arreglaron y a la semana se volvió a romper`). Not a remedy: one denied, wished,
/// asked about or in the conditional (`no me devolvieron nada`, `ojalá me lo arreglen`, `¿me lo devolverán?`); nor a
/// `devolver` that returns anything but money (`me devolvieron el coche rayado`).
enum ResolvedStories {
    static let remedies: WordSet = ["solucionar", "resolver", "arreglar", "reparar", "corregir", "subsanar", "reembolsar", "anular",
                                    "desbloquear", "reponer", "restablecer", "compensar", "devolver", "reemplazar", "sustituir",
                                    "reintegrar", "abonar", "recuperar"]
    /// The problem told before its remedy weighs this share of itself.
    static let storyWeight = 0.3
    static let remedyValue = 1.5
    /// How far after `devolver` its money object may be (`me devolvieron todo el dinero`).
    static let moneyReach = 4
    static let money: WordSet = ["dinero", "importe", "diferencia", "cobro", "cargo", "cargos", "euros", "pesos", "plata", "reembolso",
                                 "pago", "cuota", "comision", "comisiones", "dolares", "soles", "lucas", "€", "$"]

    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        // The summary first: most texts have no verb of remedy nor of receiving in a past tense, and their units are not scanned.
        guard context.traitSummary.contains(.resolving), context.contributions.contains(where: { $0.value < 0 }),
              let remedy = context.units.indices.last(where: {
                  mayRemedy($0, context) && (isRemedy($0, context, text) || isReplacement($0, context, text))
              })
        else { return }
        for index in context.contributions.indices where context.contributions[index].value < 0
            && (context.contributions[index].unit < remedy || isObject(context.contributions[index].unit, of: remedy, context)) {
            let value = context.contributions[index].value
            context.contributions[index].apply("resolved", cue: context.cue(remedy), to: value * storyWeight)
        }
        if !context.contributions.contains(where: { $0.unit == remedy && $0.value > 0 }) {
            context.contributions.append(.cue(unit: remedy, term: context.cue(remedy), rule: "remedy", cue: nil, value: remedyValue))
        }
    }

    /// The first test of `isRemedy` and of `isReplacement`, read in place: most units have neither bit, and calling the
    /// two for every unit (each copying the unit) cost about 5 M instructions per MB of texts.
    @inline(__always)
    static func mayRemedy(_ index: Int, _ context: RuleContext) -> Bool {
        !context.units[index].traits.action.isDisjoint(with: [.remedy, .receiving])
    }

    static func isRemedy(_ index: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let unit = context.units[index]
        guard unit.traits.action.contains(.remedy), unit.tokens.count == 1, unit.opinion.map({ $0.entry.valence > 0 }) ?? true else { return false }
        // Told as done: a past tense, or a participle after `haber` (`me lo han solucionado`), not denied.
        let done = unit.traits.finite && unit.traits.past && !unit.traits.conditional && !unit.traits.pastSubjunctive
            || index > 0 && WordReading.perfectAuxiliaries.contains(context.units[index - 1].key)
        let sentence = context.sentences[context.sentenceOf[index]]
        guard done, !context.isNegated(index), !sentence.contains(where: { context.units[$0].questionMarks > 0 }) else { return false }
        // A remedy won by struggle (`lo resolvieron tras tres visitas`, `después de mucho pelear`, `solo cuando reclamé`)
        // leaves the complaint standing; so does one that came back wrong (`el cambio que me devolvieron estaba
        // incompleto`), or one made by the writer's own people (`lo arregló mi cuñado`).
        if sentence.contains(where: { isStruggle($0, context) }) { return false }
        if context.contributions.contains(where: { $0.value < 0 && $0.unit > index && sentence.contains($0.unit) && !isObject($0.unit, of: index, context) }) {
            return false
        }
        if index + 1 < context.units.count, owners.contains(context.units[index + 1].key) { return false }
        guard text.tokens[unit.tokens.lowerBound].lemma.isKey("devolver") else { return true }
        // `devolver` remedies when it gives money back: `me devolvieron el coche` returns the car.
        return (index + 1..<min(index + 1 + moneyReach, context.units.count)).contains { money.contains(context.units[$0].key) }
            || returnsMoneyNamedBefore(index, context)
    }

    /// `Reclamé un cargo que no reconocía y al día siguiente ya me lo habían devuelto`: a pronoun right before `devolver`
    /// (or its auxiliary) takes back the money the text named before it.
    static func returnsMoneyNamedBefore(_ index: Int, _ context: RuleContext) -> Bool {
        var probe = index - 1
        if probe >= 0, WordReading.perfectAuxiliaries.contains(context.units[probe].key) { probe -= 1 }
        guard probe >= 0, Resolutions.objectPronouns.contains(context.units[probe].key) else { return false }
        return (0..<probe).contains { money.contains(context.units[$0].key) }
    }

    /// Whether `unit`, after the remedy in its sentence, belongs to what was remedied (`me devolvió un cargo fraudulento`,
    /// `me reembolsó un paquete que nunca llegó`): no verb of its own between them, or a relative `que` that makes one
    /// part of the object. `el cambio que me devolvieron estaba incompleto` says the remedy came back wrong.
    static func isObject(_ unit: Int, of remedy: Int, _ context: RuleContext) -> Bool {
        // The remedy's own unit, or one before it, is no object after it (a cue on the remedy's unit reached here).
        guard unit > remedy else { return false }
        let between = remedy + 1..<unit
        // A finite form after a determiner is a noun (`un cargo`, not `yo cargo`).
        return between.contains { context.units[$0].facts.word == .que }
            || !between.contains { context.units[$0].traits.finite && !Resolutions.determiners.contains(context.units[$0 - 1].key) }
    }

    /// A single word's key is folded (`despues`); a phrase's keeps the lexicon's spelling (`por fin`).
    static let struggles: WordSet = ["tras", "despues", "por fin"]

    /// `tras`, `después de`, `por fin`, `solo cuando`, `hasta que`.
    static func isStruggle(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.units[index].key
        if struggles.contains(key) { return true }
        guard index > 0 else { return false }
        return key.isKey("cuando") && context.units[index - 1].key.isKey("solo")
            || context.units[index].facts.word == .que && context.units[index - 1].key.isKey("hasta")
    }

    /// After the remedy, the writer's own people did it (`lo arregló mi cuñado`).
    static let owners: WordSet = ["mi", "mis", "yo"]
}

/// `la batería se descarga muy rápido`, `el saldo se acaba rapidísimo`: speed praises a service (`vino rápido`), but
/// of something running out or breaking down it is the complaint. `rápido` a few words after a reflexive verb of
/// wearing out (`se gasta`, `se descarga`, `se agota`, `se rompe`, `se calienta`) turns to its opposite; without
/// `se` the verb may be the service's (`la app descarga rápido`).
enum FastWear {
    static let verbs: WordSet = ["gastar", "descargar", "agotar", "acabar", "terminar", "romper", "calentar", "estropear",
                                     "desgastar", "vencer", "consumir", "desinflar", "deshacer", "despegar", "oxidar"]
    static let speedTerms: WordSet = ["rápido", "rápidamente"]
    static let reach = 3

    static func apply(_ context: inout RuleContext) {
        // Only a text with a verb of wearing (its traits' summary, exact): most have none, and the terms need not be asked.
        guard context.traitSummary.contains(.wearing) else { return }
        for index in context.contributions.indices where context.contributions[index].value > 0
            && speedTerms.contains(context.contributions[index].term) {
            let unit = context.contributions[index].unit
            guard let verb = context.before(unit, limit: reach).first(where: { isWearing($0, context) }) else { continue }
            context.contributions[index].apply("wear", cue: "se \(context.cue(verb))", to: -context.contributions[index].value)
        }
    }

    static func isWearing(_ index: Int, _ context: RuleContext) -> Bool {
        index > 0 && context.units[index].traits.action.contains(.wearing) && context.units[index - 1].key.isKey("se")
    }
}
