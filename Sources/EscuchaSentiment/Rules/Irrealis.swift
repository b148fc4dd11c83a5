import EscuchaCore
import EscuchaNormalize

/// Irrealis and expectation: what the writer wished, supposed or expected is not what they got.
/// - Expectation (`esperaba que fuera bueno`, `se supone que es rápido`): praise inside it was expected
///   and, being mentioned, missed: positive words turn mildly negative (the weight, −0.4); negative words
///   count half.
/// - Irrealis (`debería funcionar`, `ojalá`, `si`, conditionals like `sería`): opinions weigh the weight.
///   A verb in the conditional (`encantaría`, `estaría`) is its own irrealis marker.
/// Both reach to the end of the clause's punctuation, through `que` (`esperaba que…`).
enum Irrealis {
    /// Conditional mood without a listed marker: `me encantaría`, `sería genial`.
    static let conditionalWeight = 0.4
    /// Negative words in an expectation still count, less: `temía que fuera caro` is not praise either.
    static let expectedNegativeFactor = 0.5
    /// A narrated time clause (`cuando llegamos…`) weighs as a concession (`aunque`): the main clause makes the point.
    static let backgroundWeight = 0.5
    /// Cues that already read the mood: a suggestion or a counterfactual is what the irrealis means, and a grade
    /// in the conditional (`le daría un 4/5`) is politeness, not a supposition; advice is advice in the conditional
    /// (`deberías probarlo`) and after a condition (`si vas a Guanajuato tienes que visitarlo`).
    static let ownReadings: WordSet = ["suggestion", "counterfactual", "praise wish", "rating", "recommendation"]

    /// Whether `units[index]` opens what the rule reads: an expectation, an irrealis word or a conditional. Read in place:
    /// passing the unit by value copied it for every unit of the text, twice.
    static func isMarker(_ index: Int, _ units: [Unit]) -> Bool {
        units[index].has(.expectation) || units[index].has(.irrealis) || units[index].traits.conditional
    }

    static func apply(_ context: inout RuleContext) {
        // A text none of whose units may be a marker (most) is passed without a scan.
        guard !context.contributions.isEmpty,
              context.mayHave(.expectation) || context.mayHave(.irrealis) || context.traitSummary.contains(.conditional),
              let firstMarker = context.units.indices.first(where: { isMarker($0, context.units) }) else { return }
        var applied = Set<Int>()
        let contributions = context.contributionIndex()
        let count = context.units.count
        // Where a marker's reach ends: the next unit that starts a sentence, is clause punctuation or a contrast word. A
        // condition (`si`) keeps its own ends (`protasisEnd`); other markers also end where an asserted clause starts.
        // Found forward from the marker, when asked (see `NextStop`): an array of both ends for every unit, filled from
        // the end of the text, cost an allocation and a pass per text for the few markers most texts have.
        var anyStop = NextStop(), assertedStop = NextStop()
        for markerIndex in firstMarker..<count {
            guard isMarker(markerIndex, context.units) else { continue }
            let unit = context.units[markerIndex]
            let expectation = unit.modifiers[.expectation]
            var irrealis = unit.modifiers[.irrealis]
            if irrealis == nil && expectation == nil && unit.traits.conditional { irrealis = conditionalWeight }
            guard expectation != nil || irrealis != nil else { continue }
            if unit.key.isKey("si"), isAffirmation(markerIndex, stop: anyStop.after(markerIndex, context, isReachEnd), context) { continue }
            if isSurprise(markerIndex, context) { continue }
            // `cuando fuimos el personal fue muy atento`: a time that happened supposes nothing; what it tells is the
            // background of the main clause (`cuando hubo una filtración mandaron al técnico en dos días`), and weighs as
            // a concession does.
            if unit.key.isKey("cuando"), isNarratedTime(markerIndex, context) {
                let end = protasisEnd(after: markerIndex, before: anyStop.after(markerIndex, context, isReachEnd), context)
                for index in contributions.contributions(of: markerIndex..<end) where !applied.contains(index) {
                    applied.insert(index)
                    let value = context.contributions[index].value
                    context.contributions[index].apply("background", cue: context.cue(markerIndex), to: value * backgroundWeight)
                }
                continue
            }
            // A time (`cuando entras al teatro te maravillas`), like a condition, ends where its main clause starts.
            let end = unit.key.isKey("si") || unit.key.isKey("cuando") ? protasisEnd(after: markerIndex, before: anyStop.after(markerIndex, context, isReachEnd), context)
                : assertedStop.after(markerIndex, context, isAssertedReachEnd)
            // `si buscas un sitio tranquilo, este es tu hotel`: what the reader wants is what the place has; `si quieres comer
            // bien, ve a otro lado` says it has not.
            var redirected = false, desired = false
            let wish = context.skippingPronouns(after: markerIndex)
            if unit.key.isKey("si"), wish + 1 < context.units.count, desireForms.contains(context.units[wish].key), context.units[wish + 1].facts.word != .que {
                redirected = isRedirect(after: end, context, sentence: context.sentenceOf[markerIndex])
                desired = true
            }
            // See `ownReadings`.
            for index in contributions.contributions(of: markerIndex..<end)
            where !applied.contains(index) && !ownReadings.contains(context.contributions[index].match) {
                applied.insert(index)
                let value = context.contributions[index].value
                if redirected, value > 0 {
                    context.contributions[index].apply("redirect", cue: context.cue(markerIndex), to: Negation.shifted(value, weight: 1))
                } else if desired, value > 0 {
                    context.contributions[index].apply("irrealis", cue: context.cue(markerIndex), to: value * desireWeight)
                } else if let weight = expectation {
                    // `todo lo que prometieron lo cumplieron`: what was owed, told as done, is the expectation met.
                    if value > 0, context.units[context.contributions[index].unit].traits.past,
                       context.contributions[index].rules.contains(where: { $0.rule.isKey("fulfilled expectation") }) { continue }
                    let to = value > 0 ? value * weight : value * expectedNegativeFactor
                    context.contributions[index].apply("expectation", cue: context.cue(markerIndex), to: to)
                } else if let weight = irrealis {
                    context.contributions[index].apply("irrealis", cue: context.cue(markerIndex), to: value * weight)
                }
            }
        }
    }
}

extension Irrealis {
    /// Verbs of expecting and imagining that, negated before `que`, say the thing came as a surprise.
    static let imagining: WordSet = ["pense", "pensaba", "imagine", "imaginaba", "crei", "creia", "espere", "esperaba", "esperabamos",
                                         "pensamos", "imaginamos", "creimos", "me esperaba", "me imaginaba", "nos esperabamos"]

    /// An imagining verb, alone or read with its `que` (a phrase keeps its lexicon spelling: `pensé que`).
    static func isImagining(_ key: String) -> Bool {
        guard key.hasSuffix(" que") else { return imagining.contains(key) }
        return imagining.contains(Folding.key(Folding.fold(String(key.dropLast(4)))))
    }

    /// An expectation denied is a surprise, not a disappointment: `no esperaba que fuera tan bueno`, `nunca pensé que
    /// sería tan rápido`. The marker (`esperaba`, or a conditional after `que`) is then no marker.
    static func isSurprise(_ marker: Int, _ context: RuleContext) -> Bool {
        // The denial below is `no`, `nunca` or `jamás` (their keywords, exact): a text with none has no surprise to look for.
        guard context.mayHave(.no) || context.mayHave(.nunca) || context.mayHave(.jamas) else { return false }
        var verb = marker
        if !isImagining(context.units[marker].key) {
            // The `que` of the imagining verb, up to three words before the marker: `pensé que el servicio sería…`; or
            // the verb read with its `que` (`pensé que`).
            // `que`, or a key ending in ` que`, told by the key's facts (`hasSuffix` compares Characters).
            guard marker >= 1, let que = (max(0, marker - 4)..<marker).last(where: { context.units[$0].facts.word == .que || context.units[$0].facts.lists.contains(.queEnding) }),
                  context.sentenceOf[que] == context.sentenceOf[marker] else { return false }
            verb = context.units[que].facts.word == .que ? que - 1 : que
            guard verb >= 0, isImagining(context.units[verb].key) else { return false }
        }
        let previous = context.skippingPronouns(before: verb)
        return previous >= 0 && ["no", "nunca", "jamas"].contains(context.units[previous].key)
    }

    /// Verbs of wanting or looking for, after `si`: the reader's wish, which the writer says the place meets.
    static let desireForms: WordSet = ["buscas", "busca", "buscan", "buscais", "quieres", "quiere", "quieren", "quereis", "deseas",
                                           "desea", "desean", "deseais", "prefieres", "prefiere", "prefieren", "necesitas", "necesita",
                                           "necesitan", "necesitais"]
    /// How much a wish the place meets keeps of its praise.
    static let desireWeight = 0.8
    /// Sending the reader elsewhere (`ve a…`, `mejor busca…`) and the places sent to (`otro lado`, `otro restaurante`).
    static let goForms: WordSet = ["ve", "vete", "vaya", "vayan", "vayase", "vayanse", "id", "anda", "busca", "busque", "busquen",
                                       "buscad", "mejor", "acude", "acudan"]
    static let places: WordSet = ["lado", "sitio", "lugar", "parte", "restaurante", "hotel", "tienda", "compañia", "compania", "banco", "opcion"]

    /// `ve a otro lado`, `mejor busca otro sitio`, `vayan a otra parte` after `end`, in the sentence.
    static func isRedirect(after end: Int, _ context: RuleContext, sentence: Int) -> Bool {
        var index = end
        while index + 1 < context.units.count, context.sentenceOf[index] == sentence {
            if ["otro", "otra"].contains(context.units[index].key), places.contains(context.units[index + 1].key),
               (max(end, index - 3)..<index).contains(where: { goForms.contains(context.units[$0].key) }) { return true }
            index += 1
        }
        return false
    }

    /// `cuando` with its verb in a past tense: `cuando llegamos`, `cuando lo visité`, `cuando estaba`.
    static func isNarratedTime(_ marker: Int, _ context: RuleContext) -> Bool {
        var verb = marker + 1
        while verb < context.units.count, context.clauseOf[verb] == context.clauseOf[marker], verb <= marker + 4 {
            let unit = context.units[verb]
            if unit.isWord, unit.traits.finite { return unit.traits.past }
            verb += 1
        }
        return false
    }

    /// Whether a marker's reach ends at `unit` (after the first unit): it starts a sentence, is clause punctuation or a
    /// contrast word.
    static func isReachEnd(_ unit: Int, _ context: RuleContext) -> Bool {
        context.sentenceOf[unit] != context.sentenceOf[unit - 1]
            || context.units[unit].breaksClause && !context.units[unit].isWord || context.units[unit].has(.contrastAfter)
    }

    /// Whether the reach of a marker other than a condition ends at `unit`: there, or where an asserted clause starts.
    static func isAssertedReachEnd(_ unit: Int, _ context: RuleContext) -> Bool {
        isReachEnd(unit, context) || isAssertedClause(unit, context)
    }

    /// The first unit after a marker where its reach ends (`units.count` if none), for markers asked in text order. The
    /// end found is kept: for a later marker before it, no unit between them ends a reach, so it is that marker's end
    /// too; past it, the search goes on from the new marker. Each unit is read at most once a text.
    struct NextStop {
        private var stop = -1

        mutating func after(_ marker: Int, _ context: RuleContext, _ ends: (Int, RuleContext) -> Bool) -> Int {
            guard stop <= marker else { return stop }
            stop = marker + 1
            while stop < context.units.count, !ends(stop, context) { stop += 1 }
            return stop
        }
    }

    /// Reasons are said, not supposed: `espero que cambien porque el servicio es pésimo`.
    static let reasons: WordSet = ["porque", "ya que", "pues", "puesto que"]

    /// A clause the writer asserts after a supposed one: a reason (`porque…`), or `y` with a conjugated verb of its own
    /// close after it (`tenía que viajar por trabajo y el hotel fue excelente`); `me encantaría ir y probarlo` goes on.
    static func isAssertedClause(_ unit: Int, _ context: RuleContext) -> Bool {
        // Every word it looks for is a clause boundary: the flag tells most units apart without hashing their key.
        guard context.units[unit].breaksClause, context.units[unit].isWord else { return false }
        let key = context.units[unit].key
        if reasons.contains(key) { return true }
        // `y que solucionéis…` coordinates another supposed clause.
        guard key.isKey("y") || key.isKey("e"), unit + 1 < context.units.count, context.units[unit + 1].facts.word != .que else { return false }
        var next = unit + 1
        while next < context.units.count, next <= unit + 3, context.sentenceOf[next] == context.sentenceOf[unit] {
            if context.units[next].isWord, context.units[next].traits.finite, !context.units[next].traits.pastSubjunctive,
               !context.units[next].traits.conditional { return true }
            next += 1
        }
        return false
    }

    /// Words after which `si` opens a clause of its own (a condition), or compares (`como si`).
    static let clauseOpeners: WordSet = ["y", "e", "o", "u", "ni", "que", "como", "donde", "cuando", "quien", "porque", "pues",
                                             "aunque", "mientras", "solo", "sólo", "incluso", "excepto", "salvo", "menos", "pero", "por"]

    /// `si` written for the emphatic `sí`, or `si no` for `sino`, is no condition: `el hotel si merece la pena`, `la
    /// comida si estaba buena, pero…`, `no solo es barato, si no también sabroso`, `si que vale la pena`. The emphatic
    /// one follows its subject (a word that opens no clause, with no conjugated verb before it in the clause) and comes
    /// right before its verb, and no main clause follows (`ahora si vienes, te invito` is a condition).
    static func isAffirmation(_ marker: Int, stop: Int, _ context: RuleContext) -> Bool {
        let units = context.units
        guard marker + 1 < units.count else { return false }
        if isSino(marker, context) { return true }
        // `la vista si que vale la pena`: `sí que` is emphatic.
        if units[marker + 1].facts.word == .que { return true }
        // `Si es bonito, pero muy caro`: a condition opening its sentence has no `pero` for its main clause; this `sí`
        // grants, then objects. (After a clause, `…, más si no cuentas con mucho presupuesto, pero si…` is a condition
        // on what came before.)
        var previous = marker - 1
        while previous >= 0, context.sentenceOf[previous] == context.sentenceOf[marker], !units[previous].isWord { previous -= 1 }
        let opensSentence = previous < 0 || context.sentenceOf[previous] != context.sentenceOf[marker]
        if opensSentence, stop < units.count, context.sentenceOf[stop] == context.sentenceOf[marker],
           protasisEnd(after: marker, before: stop, context) == stop {
            let pero = units[stop].facts.word == .pero || !units[stop].isWord && stop + 1 < units.count && units[stop + 1].facts.word == .pero
            if pero { return true }
        }
        guard marker > 0, context.clauseOf[marker - 1] == context.clauseOf[marker], units[marker - 1].isWord else { return false }
        // After `pero` or `pues` the emphatic `sí` answers what came before (`es caro, pero si vale la pena`, `no es bonito
        // pero si interesante`), unless a condition is put to the reader (`pero si vas, …`).
        let conceding = units[marker - 1].facts.word == .pero || units[marker - 1].key.isKey("pues")
        guard conceding || !clauseOpeners.contains(units[marker - 1].key) else { return false }
        let verb = context.skippingPronouns(after: marker)
        guard verb < units.count, units[verb].isWord else { return false }
        if conceding, !units[verb].traits.finite { return verb == marker + 1 && units[verb].opinion != nil }
        // A verb in the second person is a condition put to the reader (`pero si vas…`, `haber si me podéis decir…`).
        if units[verb].key.hasSuffix("s"), !units[verb].key.isKey("es") { return false }
        guard units[verb].traits.finite else { return false }
        var first = marker
        while first > 0, context.clauseOf[first - 1] == context.clauseOf[marker] { first -= 1 }
        if (first..<marker).contains(where: { units[$0].isWord && units[$0].traits.finite }) { return false }
        // A main clause after the condition: a second conjugated verb in the clause, or one right after its comma.
        if protasisEnd(after: marker, before: stop, context) < stop { return false }
        guard stop < units.count, context.sentenceOf[stop] == context.sentenceOf[marker], !units[stop].has(.contrastAfter) else { return true }
        var next = stop + 1
        while next < units.count, !units[next].isWord || units[next].facts.lists.contains(.clitic) || units[next].facts.word == .no { next += 1 }
        return !(next < units.count && context.sentenceOf[next] == context.sentenceOf[marker] && units[next].traits.finite)
    }

    static let sinoFollowers: WordSet = ["tambien", "que", "mas", "al", "el", "la", "los", "las", "un", "una"]

    /// `si no` followed by `también`, `que` or `más bien`, after a negation in its sentence: `sino`.
    static func isSino(_ marker: Int, _ context: RuleContext) -> Bool {
        let units = context.units
        guard marker + 2 < units.count, units[marker + 1].facts.word == .no,
              sinoFollowers.contains(units[marker + 2].key) else { return false }
        return (0..<marker).contains { context.sentenceOf[$0] == context.sentenceOf[marker] && isDenial(context.units[$0]) }
    }

    /// A negation `sino` can answer: `no`, `no solo`, `nunca`.
    static func isDenial(_ unit: Unit) -> Bool {
        unit.key.isKey("no") || unit.key.isKey("nunca") || unit.key.hasPrefix("no ")
    }

    /// Words before a second verb that keep it in the condition or another subordinate clause: `si vienes y
    /// pruebas…`, `si quieres que te atiendan…`, `si viajas, porque habrá huelga`; and determiners, before which
    /// a word that looks like a verb is a noun (`si tiene un contacto`).
    static let conditionJoiners: WordSet = WordSet(["y", "e", "o", "u", "ni", "que", "como", "donde", "cuando", "quien", "si",
                                                    "porque", "pues", "aunque", "mientras", "para", "sin", "lo", "del", "al", "de"])
        .union(Resolutions.determiners)

    /// Where a condition with `si` ends when no comma says so: at the second conjugated verb, which opens the
    /// main clause (`si tengo que volver no dudaré en repetir`, `si buscas tranquilidad es un buen lugar`),
    /// unless a conjunction or a relative ties it to the condition.
    /// `ownVerbs`: how many conjugated verbs the subordinate clause has before the main one: one after `si` or
    /// `aunque`, none after `a pesar de` with an infinitive or a noun (`a pesar de estar en el centro la
    /// habitación era silenciosa`).
    static func protasisEnd(after marker: Int, before end: Int, _ context: RuleContext, ownVerbs: Int = 1) -> Int {
        var verbs = 0
        for index in (marker + 1)..<end where context.units[index].isWord && context.units[index].traits.finite {
            guard verbs >= ownVerbs else { verbs += 1; continue }
            // The verb with its pronouns and `no` (`no me lo dieron`): the main clause starts there.
            var start = context.skippingPronouns(before: index) + 1
            if start - 1 > marker, context.units[start - 1].facts.word == .no { start -= 1 }
            guard start - 1 > marker, !conditionJoiners.contains(context.units[start - 1].key) else { continue }
            return start
        }
        return end
    }
}

/// Counterfactuals: `si contestaran el chat…`, `si me hubieran avisado…`, `esperaba que cumplieran los plazos`,
/// `ojalá abrieran los sábados`. A condition or wish in the imperfect subjunctive says the thing did not
/// happen, which in feedback is the complaint itself. The cue adds its weight once per clause.
enum Counterfactuals {
    static let weight = -1.5
    static let markers: WordSet = ["si", "ojala", "esperaba", "esperabamos", "ojalá"]

    static func cues(_ context: RuleContext, into out: inout [RuleContext.Working]) {
        guard context.traitSummary.contains(.pastSubjunctive) else { return }
        var used = Set<Int>()
        for index in context.units.indices where context.units[index].traits.pastSubjunctive {
            let unit = context.units[index]
            var probe = index - 1
            var steps = 0
            while probe >= 0, steps < 5, context.sentenceOf[probe] == context.sentenceOf[index] {
                let key = context.units[probe].key
                // `como si se hubiera detenido`, `como que si fuera la primera vez` compare; they do not wish.
                let comparison = key.isKey("si") && probe > 0 && (context.units[probe - 1].key.isKey("como")
                    || context.units[probe - 1].facts.word == .que && probe > 1 && context.units[probe - 2].key.isKey("como"))
                if !comparison, !(key.isKey("si") && Irrealis.isSino(probe, context)), !Irrealis.isSurprise(probe, context),
                   !isAbilityAside(index, marker: probe, context), markers.contains(key) || key.hasPrefix("si ") || key.isKey("a ver si") {
                    if used.insert(context.clauseOf[index]).inserted {
                        let praise = isPraiseWish(index, marker: probe, context)
                        out.append(RuleContext.Working.cue(unit: index, term: "\(key) … \(unit.key)", rule: praise ? "praise wish" : "counterfactual",
                                                           cue: key, value: praise ? praiseWishWeight : weight))
                    }
                    break
                }
                probe -= 1
                steps += 1
            }
        }
    }

    /// `ojalá todos fueran como ellos`, `si todas las aerolíneas trataran así a los pasajeros`, `ojalá hubiera un sitio así
    /// en cada barrio`, `ojalá lo hubiera descubierto antes`: wishing the world were like what the writer found, or that
    /// they had found it sooner, praises it; it is no complaint of a thing that failed to happen.
    static let praiseWishWeight = 2.0
    static let everyone: WordSet = ["todos", "todas", "cada", "mas"]
    static let findings = ["descubiert", "conocid", "encontrad", "venido", "probad"]

    /// Whether the first past subjunctive after the marker `ojalá` (within five units) is a praise wish.
    static func praiseWish(after marker: Int, _ context: RuleContext) -> Bool {
        var verb = marker + 1
        while verb < context.units.count, verb <= marker + 5, context.sentenceOf[verb] == context.sentenceOf[marker] {
            if context.units[verb].traits.pastSubjunctive { return isPraiseWish(verb, marker: marker, context) }
            verb += 1
        }
        return false
    }

    static func isPraiseWish(_ verb: Int, marker: Int, _ context: RuleContext) -> Bool {
        let sentence = context.sentenceOf[verb]
        // A wish or a condition; `esperaba que fuera más firme, como decía la descripción` expected, and was let down.
        guard context.units[marker].key.hasPrefix("ojal") || context.units[marker].facts.word == .si else { return false }
        if (marker + 1..<verb).contains(where: { context.units[$0].facts.word == .no }) { return false }
        var after = verb + 1
        var likeThis = false, sooner = false
        let found = after < context.units.count && findings.contains { context.units[after].key.hasPrefix($0) }
        while after < context.units.count, after <= verb + 5, context.sentenceOf[after] == sentence {
            let key = context.units[after].key
            if key.isKey("como") || key.isKey("asi") { likeThis = true }
            if key.isKey("antes") { sooner = true }
            // `si todos fueran tan lentos como este`: a fault compared complains.
            if let valence = context.units[after].opinion?.entry.valence, valence < 0 { return false }
            after += 1
        }
        // `ojalá fueran como antes` longs for the past: a comparison praises only what everyone or more should match.
        let general = (marker + 1...min(verb + 3, context.units.count - 1)).contains { everyone.contains(context.units[$0].key) }
        let existence = context.units[verb].key.hasPrefix("hub") || context.units[verb].key.hasPrefix("exist")
        return likeThis && (general || existence && context.units[marker].key.hasPrefix("ojal")) && !sooner || found && sooner
    }

    /// `si pudiera`, `si se pudiera` with no verb of its own after it: the writer's aside to a grade or a wish that
    /// goes past what is possible (`le daría 10 estrellas si pudiera`, `si pudiera le pondría cero`), whose own words
    /// carry the verdict. Not a thing that failed to happen, as `si pudiera volver atrás` or `si pudieran atenderme` are.
    static func isAbilityAside(_ verb: Int, marker: Int, _ context: RuleContext) -> Bool {
        guard context.units[verb].key.hasPrefix("pud"), context.units[marker].facts.word == .si,
              marker + 1 == verb || marker + 2 == verb && context.units[marker + 1].key.isKey("se") else { return false }
        let next = context.skippingPronouns(after: verb)
        return next >= context.units.count || context.sentenceOf[next] != context.sentenceOf[verb] || !context.units[next].traits.infinitive
    }
}
