import EscuchaCore
import EscuchaNormalize

/// Negation with scope, Spanish negative concord, and a shift rather than a flip.
///
/// - Scope: a negator (`no`, `nunca`, `sin`, `ya no`, `ni siquiera`…) reaches opinion words up to
///   `scope` words after it in its clause; clauses end at punctuation, `pero`, `aunque`, `porque`, `que`,
///   and a second conjugated verb starts a predicate of its own (`si no lo conoces vale la pena`).
/// - Concord: in `no me gustó nada` or `no vino nadie`, the second negative word repeats the first
///   (Spanish negative concord): it does not undo the negation, it stresses it by its weight.
/// - Shift: a negated opinion moves towards the other side by a fixed amount instead of changing sign
///   (after Taboada et al.'s SO-CAL), so `no es excelente` (3.5) ends near 0, `no es bueno` (2) at −1.5,
///   `no está mal` (−2.5) at +0.5: mildly positive, as Spanish speakers mean it.
/// - `ni … ni`: `ni bueno ni malo` says neither; both words fade instead of being negated.
enum Negation {
    static let scope = 4
    /// `sin` governs a noun phrase, which is short: `sin ningún problema`.
    static let sinScope = 3
    /// `cero` denies the word after it, or the word after a degree word: `cero amables y todos con mala cara` denies
    /// the kindness, not the faces; it is also a number (`cero grados`, `desde cero`), kept short so it reaches no opinion.
    static let ceroScope = 2
    /// How far a negated positive word moves: a positive word negated is a complaint (`no funciona`).
    static let positiveShift = 3.5
    /// How far a negated negative word moves: `no está mal` is faint praise, not praise.
    static let negativeShift = 3.0
    /// The strongest a negated word can end: negation never makes stronger opinions than it undoes.
    static let range = -2.5...1.5
    /// Verbs that deal with a problem. Negated, they leave the problem standing: `nadie atendió mi queja`, `no
    /// revisaron la avería`, `ni me miró las manchas` are complaints, not `sin queja`, `sin avería`. Verbs that
    /// bring a problem are not among them: `no hubo retrasos`, `no me cobraron comisiones` deny it.
    static let handlingVerbs: WordSet = ["atender", "revisar", "mirar", "escuchar", "responder", "contestar", "leer", "tramitar",
                                             "gestionar", "aceptar", "recibir", "considerar", "investigar", "solucionar", "resolver",
                                             "arreglar", "reparar", "corregir", "subsanar", "quitar", "eliminar", "retirar", "anular",
                                             "reembolsar", "devolver", "compensar", "reponer", "registrar", "procesar", "valorar",
                                             "recoger", "limpiar", "barrer", "fregar", "desinfectar", "fumigar", "cubrir"]

    /// The concord `ni` right before `unit`, with nothing but clitics between (`no me sorprendió ni me gustó`, `no
    /// contestan ni devuelven el dinero`): it repeats the negation for that word, which a verb between it and the
    /// series' first negator keeps out of that negator's reach.
    static func concordNi(before unit: Int, _ context: RuleContext, concord: UnitSet) -> Int? {
        var probe = unit - 1
        while probe >= 0, context.units[probe].facts.lists.contains(.clitic) { probe -= 1 }
        return probe >= 0 && context.units[probe].facts.word == .ni && concord.contains(probe) ? probe : nil
    }

    /// Noises: what `escuchar` does not hear is not there (`no se escucha ningún ruido`), where a complaint it does not
    /// listen to stands (`nadie escuchó mi queja`).
    static let sounds: WordSet = ["ruido", "ruidos", "golpe", "golpes", "grito", "gritos", "portazo", "portazos", "bocinazo",
                                  "bocinazos", "ronquido", "ronquidos", "zumbido", "zumbidos", "chirrido", "chirridos", "eco"]

    /// A mild positive word negated is not a strong complaint: `no está claro` (1) is no worse than −1.5.
    /// So a negated positive word ends no lower than its own valence plus this, on the negative side; and a
    /// mild negative word negated is no strong praise (`no es pequeño`, −0.5, ends at +1, not +1.5).
    static let mildPositiveMargin = 0.5
    /// `ni bueno ni malo`: both words keep a fifth of their weight.
    static let neitherFactor = 0.2

    /// A conjugated verb read as a verb's entry (`cobraron` → `cobrar`, `vale la pena` → `valer la pena`), not
    /// a noun that shares the spelling of a verb form (`quejas`).
    static func isVerbOpinion(_ index: Int, _ context: RuleContext) -> Bool {
        // Read in place: a unit passed by value is copied (its key and opinion retained) at every call.
        guard context.units[index].traits.finite, let term = context.units[index].opinion?.entry.term else { return false }
        let verb = term.split(separator: " ").first ?? ""
        return WordReading.isInfinitive(verb)
    }

    /// An opinion verb in the infinitive right after a conjugated verb without an opinion that governs it: `faltar` in
    /// `no puede faltar`, `perder` in `no quiero perder`.
    static func isGovernedOpinionInfinitive(_ index: Int, _ context: RuleContext) -> Bool {
        index > 0 && context.units[index].traits.infinitive && context.units[index].opinion != nil
            && context.units[index - 1].traits.finite && context.units[index - 1].opinion == nil
    }

    static func shifted(_ valence: Double, weight: Double) -> Double {
        let moved = valence > 0 ? max(valence - positiveShift, -(valence + mildPositiveMargin))
            : min(valence + negativeShift, -valence + mildPositiveMargin)
        return min(max(moved, range.lowerBound), range.upperBound) * weight
    }

    /// Which negative words negate and which repeat an earlier negation of their clause.
    static func roles(_ context: RuleContext, text: NormalizedText) -> (negators: UnitSet, concord: UnitSet) {
        var negators = UnitSet(count: context.units.count)
        var concord = UnitSet(count: context.units.count)
        // Concord only repeats a negator: a text without one has neither (about half of them).
        guard context.mayHave(.negator) else { return (negators, concord) }
        var clause = -1
        var seen = false
        // Only a negator or a concord word has a role: the loop reads those alone (the whole body, run for every unit,
        // cost about 40 instructions a unit, 4.7 M per MB). `seen` is still exact: the clauses' numbers never decrease, so
        // a negator seen earlier in this unit's clause was seen with no other clause between them. By index, reading
        // fields in place.
        for index in context.units(with: .negator, or: .concord) {
            if context.clauseOf[index] != clause { clause = context.clauseOf[index]; seen = false }
            guard context.units[index].opinion == nil || context.units[index].has(.negator) else { continue }
            // `no hubo nada que me gustara`: the universal word carries the negation into its relative clause, unless the
            // clause has its own (`nada que no me guste` praises everything).
            if context.units[index].has(.negator), let que = universalRelative(after: index, context.units) {
                if que + 1 < context.units.count, context.units[que + 1].facts.word != .no { negators.insert(index); seen = true; continue }
            }
            if seen, context.units[index].has(.concord) {
                concord.insert(index)
            } else if context.units[index].has(.negator) {
                // `no solo es barato, si no también sabroso`: `si no` written for `sino` negates nothing.
                if context.units[index].facts.word == .no, index > 0, context.units[index - 1].facts.word == .si, Irrealis.isSino(index - 1, context) { continue }
                // `¿A quién no le gusta el amor?`: asking who does not says everyone does.
                if context.units[index].facts.word == .no, isRhetoricalWho(index, context, text) { continue }
                // `no hay nada que no me guste`: a negation inside `nada que` is a double one, and says everything pleased.
                if context.units[index].facts.word == .no, isUniversal(before: index, context) { continue }
                // `para no llegar tarde` names an aim: nothing is denied, nothing missing (see `purposeWeight`).
                if context.units[index].facts.word == .no, isPurpose(index, context) { continue }
                // `a menos de 5 minutos andando`, `tardó menos de una hora`: a bound on an amount denies nothing.
                if context.units[index].key.isKey("menos"), boundsAmount(index, context, text) { continue }
                negators.insert(index)
                seen = true
            }
        }
        return (negators, concord)
    }

    /// `no es ni bonito ni barato`, `no me pareció ni romántico ni interesante`: each `ni` after a negation repeats it
    /// (concord), so the negation reaches every word the series coordinates, however long the series. How many units
    /// back from this one the series' first `ni` stands, when a `ni` of a series of two or more is within `scope` before it;
    /// else 0.
    static func coordinatedSpan(before unit: Int, _ context: RuleContext) -> Int {
        guard let nearest = context.before(unit, limit: scope).first(where: { context.units[$0].facts.word == .ni }),
              context.concord.contains(nearest) else { return 0 }
        var first = nearest
        while let earlier = context.before(first, limit: scope).first(where: { context.units[$0].facts.word == .ni && context.concord.contains($0) }) {
            first = earlier
        }
        // A single `ni` needs no more reach than `scope` (`no es bonito ni barato`), and is often no series at all: `no sé ni
        // para qué me molesto` (not even).
        return first == nearest ? 0 : unit - first
    }

    /// `¿A quién no le gusta el amor?`, `¿quién no ha soñado con un viaje así?`: `no` right after the interrogative `quién`.
    /// Written without its accent, `quien` is also the relative (`quien no reserve se queda sin mesa`), so then only
    /// where `¿` opens the question right before it.
    static let questionPrepositions: WordSet = ["a", "para", "de"]

    static func isRhetoricalWho(_ index: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        guard index > 0, context.units[index - 1].key.isKey("quien") else { return false }
        if text.tokens[context.units[index - 1].tokens.lowerBound].surface.lowercased() == "quién" { return true }
        var opener = index - 2
        if opener >= 0, questionPrepositions.contains(context.units[opener].key) { opener -= 1 }
        return opener >= 0 && !context.units[opener].isWord && Questions.opensAsking(context.units[opener].key)
    }

    /// `de barato nada`, `de vulgar, nada de nada`: a single opinion word between `de` and `nada` (a comma may stand
    /// before `nada`). The `nada`, if any.
    static func nothingAfter(_ unit: Int, _ context: RuleContext) -> Int? {
        guard unit > 0, context.units[unit - 1].facts.word == .de, context.units[unit].tokens.count == 1 else { return nil }
        var next = unit + 1
        if next < context.units.count, context.units[next].key.isKey(",") { next += 1 }
        // `nada de nada` may be read as the negator `nada de` and its `nada`.
        return next < context.units.count && (context.units[next].key.isKey("nada") || context.units[next].key.hasPrefix("nada de")) ? next : nil
    }

    /// `Rápido no es`, `barata no es y buena tampoco`: an opinion word put first (not a verb), before the `no` and the copula that deny it
    /// (or a `tampoco` that closes its clause). The `no` after it, which the scope never reads backwards.
    static let copulas: WordSet = ["es", "son", "era", "eran", "fue", "fueron", "esta", "estan", "estaba", "estaban", "estuvo", "resulta", "parece"]

    static func frontedDenial(of unit: Int, _ context: RuleContext) -> Int? {
        let next = unit + 1
        guard next < context.units.count, context.units[unit].tokens.count == 1,
              context.units[next].facts.word == .no || context.units[next].key.isKey("tampoco"),
              context.sentenceOf[next] == context.sentenceOf[unit],
              context.units[unit].opinion != nil, context.units[unit].isWord, !context.units[unit].traits.finite, !context.units[unit].traits.infinitive,
              unit == 0 || context.clauseOf[unit - 1] != context.clauseOf[unit] || !context.units[unit - 1].isWord
                  || context.units[unit - 1].key.isKey("y") || context.units[unit - 1].facts.word == .bueno else { return nil }
        let after = next + 1 < context.units.count && context.sentenceOf[next + 1] == context.sentenceOf[unit] ? next + 1 : nil
        if context.units[next].key.isKey("tampoco") {
            return after.map { !context.units[$0].isWord || copulas.contains(context.units[$0].key) } ?? true ? next : nil
        }
        return after.map { copulas.contains(context.units[$0].key) } == true ? next : nil
    }

    /// `menos de` and an amount after this `menos` (digits are tokens no unit holds).
    static func boundsAmount(_ index: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        guard index + 1 < context.units.count else { return false }
        let amount = context.units[index + 1].tokens.upperBound
        return amount < text.tokens.count && LongWait.isAmount(text.tokens[amount]) && LongWait.isBelowBound(amount, text)
    }

    /// `no`, a pronoun of the writer (`me`, `nos`) and a command form of a complaint, opening its clause: what is
    /// done to the writer is forbidden (`no nos engañen`). Advice to the reader about themselves is not: `no te lo
    /// pierdas`, `no te preocupes` keep their negation.
    static let writerObjects: WordSet = ["me", "nos"]

    static func isForbidding(_ negator: Int, _ unit: Int, _ context: RuleContext) -> Bool {
        guard context.units[negator].facts.word == .no, context.skippingPronouns(after: negator) == unit,
              (negator + 1..<unit).contains(where: { writerObjects.contains(context.units[$0].key) }),
              context.units[unit].traits.command, context.units[unit].opinion.map({ $0.entry.valence < 0 }) == true else { return false }
        guard negator > 0 else { return true }
        let before = context.units[negator - 1].key  // `que`, or a phrase ending in it (`espero que`)
        return before != "que" && !before.hasSuffix(" que")
    }

    /// Concord words that open the noun phrase they deny (`ninguna idea buena`, `nadie amable`), and so carry the negation
    /// into it; not `ni`, `nunca` or `tampoco`, after which a new predicate may start (`no me habló nunca más, lo extraño`).
    static let noPhraseConcord: WordSet = ["ningun", "ninguno", "ninguna", "ningunos", "ningunas", "nadie", "nada"]

    /// How a verb goes (`funciona bien`): denied with a negated opinion verb rather than left to it.
    static let mannerAdverbs: WordSet = ["bien", "mal"]
    /// What may link a spent negation's expression to the infinitive it names (`no vale la pena de…`): `a`, `de`, `en`,
    /// told by the key's keyword.
    static func isInfinitiveLink(_ facts: KeyFacts) -> Bool { facts.word == .a || facts.word == .de || facts.word == .en }
    /// Degrees that make a long-since negation a complaint of now (`hace un mes que no recibo tan buen servicio`).
    static let longSinceDegrees: WordSet = ["tan", "tanto", "tanta", "asi"]

    static func apply(_ context: inout RuleContext) {
        let (negators, concord) = (context.negators, context.concord)
        let hasNi = context.mayHave(.ni)  // exact: the union of the units' keywords
        // Reach past the scope, by unit: rare (negated obligations, concord that opens a phrase), so worked out once per
        // text and empty for most.
        let extraReach = negators.isEmpty ? [] : extraReaches(context)
        // The walk back from a contribution acts only at a negator or at a `no` that names an aim (`para no llegar`, kept
        // out of the negators): a text with neither (about half) walks nothing. Exact: the union of the units' keywords.
        let mayWalk = !negators.isEmpty || context.mayHave(.no)
        // Such a text (no negator, so none after a word nor raised before its clause either) can only have a word denied by
        // `de … nada`: that alone is asked, without the rest of `negate` (its calls and copies of the context cost about
        // 300 instructions a contribution). A contribution an earlier step negated still goes through `negate`.
        guard mayWalk else {
            for index in context.contributions.indices {
                let unit = context.contributions[index].unit
                if context.contributions[index].negatedBy == nil {
                    if isNegatable(unit, context) { denyNothingAfter(index, unit: unit, &context) }
                } else {
                    negate(index, unit: unit, negatedBy: context.contributions[index].negatedBy, &context,
                           negators: negators, concord: concord, hasNi: hasNi, extraReach: extraReach, mayWalk: mayWalk)
                }
            }
            return
        }
        for index in context.contributions.indices {
            // The contribution's unit and negator read here, in place: in `negate` each read copied the whole contribution.
            negate(index, unit: context.contributions[index].unit, negatedBy: context.contributions[index].negatedBy, &context,
                   negators: negators, concord: concord, hasNi: hasNi, extraReach: extraReach, mayWalk: mayWalk)
        }
    }

    /// One contribution's negation, `apply`'s loop body. A function of its own: inlined into `apply` as one loop, it made a
    /// function the optimizer gave up on, which copied the whole contribution (its strings and rules retained and
    /// released) at each of its reads (about 10 M instructions per MB). Not inlined for that reason. `unitIndex` and
    /// `negatedBy` are the contribution's; `negatedBy` is kept in step with it here.
    @inline(never)
    private static func negate(_ index: Int, unit unitIndex: Int, negatedBy: Int?, _ context: inout RuleContext, negators: UnitSet,
                               concord: UnitSet, hasNi: Bool, extraReach: [Int], mayWalk: Bool) {
        var negatedBy = negatedBy
        guard isNegatable(unitIndex, context) else { return }
        let clause = context.clauseOf[unitIndex]
        // A negator reaches its own verb's phrase: past a second conjugated verb a new predicate begins
        // (`si no lo conoces vale la pena`, `no llegó y me cobraron`).
        var verbsBetween = 0
        var handled = false
        var letting = false
        // Past the scope where a negated obligation or a phrase-opening concord word stands between (`extraReaches`).
        let reach = !mayWalk ? 0 : max(hasNi ? scope + coordinatedSpan(before: unitIndex, context) : scope, extraReach.isEmpty ? 0 : extraReach[unitIndex])
        // `no me sorprendió ni me gustó`, `ni sorprende ni decepciona`: a concord `ni` right before the word (clitics
        // between) negates it as the series' first negator would, which the verb between them keeps out of reach.
        let nearNi = hasNi ? concordNi(before: unitIndex, context, concord: concord) ?? -1 : -1
        // The walk acts only at a negator, at that `ni` or at a `no` (an aim): everything else it reads only decides what
        // it does at one. Most contributions have none within reach, and their walk is not taken at all (nor its clause's
        // `ni … ni` read, which only the walk's negation reads).
        let walks = nearNi >= 0 || mayMeetNegator(before: unitIndex, within: reach, negators, context)
        // `ni bueno ni malo` weighs two opposite opinions and says neither; `ni toallas limpias ni agua
        // caliente`, `ni bueno ni barato` deny each: plain negations.
        // Only a text with `ni` in it needs its clause read (no closure: this runs per contribution).
        var neithers = 0
        if walks, hasNi {
            var first = unitIndex, last = unitIndex
            while first > 0, context.clauseOf[first - 1] == clause { first -= 1 }
            while last + 1 < context.units.count, context.clauseOf[last + 1] == clause { last += 1 }
            var positive = false, negative = false
            for probe in first...last {  // read in place: a copy of each unit retained its key and opinion
                if context.units[probe].facts.word == .ni { neithers += 1 }
                if context.units[probe].isWord, let valence = context.units[probe].opinion?.entry.valence,
                   !context.units[probe].modifiers.contains(.negator) {
                    if valence > 0 { positive = true } else { negative = true }
                }
            }
            if !(positive && negative) { neithers = 0 }
        }
        for (distance, other) in walks ? context.before(unitIndex, limit: reach).enumerated() : (unitIndex..<unitIndex).reversed().enumerated() {
            guard negators.contains(other) || other == nearNi else {
                // `para que no pudiéramos quejarnos`, `fui en metro para no llegar tarde`: an aim, not a fact; it
                // weighs as a supposition does.
                if context.units[other].facts.word == .no, isPurpose(other, context) {
                    let value = context.contributions[index].value
                    context.contributions[index].apply("purpose", cue: context.cue(other), to: value * purposeWeight)
                    break
                }
                // `no dejaban reclamar`: a negated `dejar` prevents the action after it; a complaint prevented is
                // no praise (`no me dejan disfrutar` still negates the enjoyment).
                if context.units[other].traits.action.contains(.letting) { letting = true }
                if context.units[other].traits.finite { verbsBetween += 1 }
                // An opinion verb between takes the negation itself; its object is not denied (`nunca olvidaré la
                // hermosa vista`, `no me gustó la buena comida de antes`). So does one in the infinitive after the
                // verb that governs it (`no puede faltar la foto obligada`, `no quiero perder la buena costumbre`).
                // Not of `bien` or `mal` right after it, which says how the verb goes: `tampoco funciona bien`
                // denies both, as `no funciona bien` does.
                if isVerbOpinion(other, context) || isGovernedOpinionInfinitive(other, context),
                   !(other == unitIndex - 1 && mannerAdverbs.contains(context.units[unitIndex].key)) {
                    verbsBetween = 2
                }
                // `no es raro tardar dos horas`, `no es difícil llegar`: the adjective takes the negation; the infinitive
                // after it is what it judges, and keeps its own sign.
                if other == unitIndex - 1, context.units[unitIndex].traits.infinitive, context.units[other].opinion?.entry.list.isKey("adjectives") == true { break }
                if context.units[other].isWord, context.units[other].traits.action.contains(.handling) { handled = true }
                // `no me vuelven a engañar`, `nunca volveré a pasar tanto frío`: not again says it happened; the
                // complaint stands.
                // The words in this walk are told by their keys' facts, not their `String`s: a key read here for a
                // method call made the optimizer copy the whole unit (about 30,000 copies on 1 MB).
                if context.contributions[index].value < 0, other + 1 < unitIndex, context.units[other + 1].facts.word == .a,
                   context.units[other].facts.lists.contains(.volver) { break }
                // `no deja de sorprender`: the negation is of `dejar de`, and the whole says it goes on.
                if context.units[other].facts.word == .de, other > 0, context.units[other - 1].facts.lists.contains(.dejar) { break }
                // A reason after the negated verb is outside its scope: `prefiero no opinar por el desengaño`.
                if context.units[other].facts.word == .por, other > 0, context.units[other - 1].isWord, context.units[other - 1].opinion == nil,
                   context.units[other - 1].traits.finite || context.units[other - 1].traits.infinitive { break }
                continue
            }
            // An infinitive right after the negator is its verb too (`fue una lástima no conocerlo, se veía
            // interesante`): a conjugated verb after it begins another predicate.
            if letting, context.units[unitIndex].traits.infinitive, context.contributions[index].value < 0 { break }
            if verbsBetween == 1, opensWithInfinitive(after: other, before: unitIndex, context) { verbsBetween += 1 }
            // So is the conjugated verb after that infinitive's phrase when it is the opinion itself: `sin ayudarme me
            // colgaron`, `en vez de contestar me colgaron` deny the help and the answer, not the hanging up.
            // So does a `sin` read in an opinion expression of its own (`sin contestar`, `sin avisar`): it has spent its
            // negation there. A refusal does not (`ni loco lo recomiendo`).
            if verbsBetween == 0, context.units[unitIndex].traits.finite,
               opensWithInfinitive(after: other, before: unitIndex, context) || context.units[other].tokens.count > 1
                   && context.units[other].opinion != nil && context.units[other].key.hasPrefix("sin ") { break }
            if verbsBetween >= 2 || verbsBetween == 1 && isVerbOpinion(unitIndex, context) { break }
            // The negator is `context.units[other]`, read in place (a copy retained its key and opinion).
            // The problem a negated verb did not deal with stands (`nadie atendió mi queja`), also when the negated
            // verb is an expression of its own (`no contesta a las reclamaciones`).
            if context.units[other].traits.action.contains(.handling) { handled = true }
            if handled, context.contributions[index].value < 0, context.units[unitIndex].tokens.count == 1, context.contributions[index].list.isKey("nouns"),
               !Self.sounds.contains(context.units[unitIndex].key) { break }
            // An expression that spent its negation on itself (`no vale la pena`, `no quiero volver`) names, in
            // the infinitive after it, what is not worth it or wanted: `no vale la pena desperdiciar el tiempo`
            // does not praise wasting it, nor `no quiero volver a tener problemas` problems.
            if context.units[other].opinion != nil, context.units[other].tokens.count > 1,
               startsWithInfinitive(other + 1 + (isInfinitiveLink(context.units[other + 1].facts) ? 1 : 0), before: unitIndex, context) { break }
            // `ya no sé a quién reclamar`, `no entiendo cómo pueden cobrar tanto`: the negation is of knowing; what
            // follows the question word is asked about, not denied. (Asked here, at a negator: most walks meet none.)
            if asksAfterKnowing(other, before: unitIndex, context) { break }
            // `sin ascensor, con una sonrisa`: `con` opens what there was; `sin` does not reach past it.
            if context.units[other].facts.word == .sin, distance >= sinScope || isPastWith(other, unitIndex, context)
                || isVerbAfterPhrase(other, unitIndex, context) { continue }
            if context.units[other].key.isKey("cero"), distance >= ceroScope { continue }
            // `hacía tiempo que no comía tan bien`: not for a long time, until now; the praise is of now (with `tan`,
            // `así`: `hace un mes que no recibo un buen servicio` is a complaint).
            if isLongSince(other, context), (other + 1..<unitIndex).contains(where: { longSinceDegrees.contains(context.units[$0].key) }) {
                break
            }
            // `no podía ser peor`, `no puedo estar más contento`: a degree nothing can pass; the word holds, stressed.
            // `no te imaginas lo mal que nos atendieron`: an exclamation of how much.
            if let rule = isDegreeDenial(other, before: unitIndex, context) ?? isExclamation(other, before: unitIndex, context)
                ?? isFewBetter(other, before: unitIndex, context) ?? isNoneBetter(other, before: unitIndex, context) {
                let value = context.contributions[index].value
                context.contributions[index].apply(rule, cue: context.cue(other), to: value * stressFactor)
                break
            }
            // `nunca había comido tan bien`, `jamás he visto tanta suciedad`: never before so much; it is said of now.
            if isNeverBefore(other, before: unitIndex, context) {
                let value = context.contributions[index].value
                context.contributions[index].apply("never before", cue: context.cue(other), to: value * stressFactor)
                break
            }
            if isUnexpectedDegree(other, before: unitIndex, context) {
                let value = context.contributions[index].value
                context.contributions[index].apply("surprise", cue: context.cue(other), to: value * stressFactor)
                break
            }
            // `no nos engañen más`, `por favor no ofendan mi inteligencia`: a negative command forbids what the
            // company does; the complaint stands (not after `que`: `espero que no me engañen` hopes).
            if isForbidding(other, unitIndex, context) { break }
            let value = context.contributions[index].value  // not the whole contribution: a copy retained its strings
            // Also when `no` opens the series and each `ni` repeats it: `no es ni bonito ni feo`.
            if neithers >= 2, context.units[other].facts.word == .ni || context.units[unitIndex - 1].facts.word == .ni {
                context.contributions[index].apply("ni … ni", cue: "ni", to: value * neitherFactor)
            } else {
                // Denying blame (`no es culpa del repartidor`) praises no one.
                let to = blameTerms.contains(context.contributions[index].term) ? 0
                    : shifted(value, weight: context.units[other].modifiers[.negator] ?? 1)
                context.contributions[index].apply("negation", cue: context.cue(other), to: to)
                context.contributions[index].negatedBy = other
                negatedBy = other
            }
            break
        }
        // `de barato, nada`: see `denyNothingAfter`.
        if negatedBy == nil { denyNothingAfter(index, unit: unitIndex, &context) }
        // Asked only where a negator follows (a bit test): reading units here for every contribution made the optimizer copy them.
        if negatedBy == nil, unitIndex + 1 < context.units.count, negators.contains(unitIndex + 1),
           let negator = frontedDenial(of: unitIndex, context) {
            let value = context.contributions[index].value
            context.contributions[index].apply("negation", cue: context.cue(negator), to: shifted(value, weight: 1))
            context.contributions[index].negatedBy = negator
            negatedBy = negator
        }
        // A raised negator stands before a clause that opens with `que`: a text without one (a bit test) is not searched
        // back to each clause's start.
        if negatedBy == nil, !negators.isEmpty, context.mayHave(.que), let raised = raisedNegator(of: unitIndex, context) {
            let value = context.contributions[index].value
            context.contributions[index].apply("negation", cue: context.cue(raised) + " … que",
                                               to: shifted(value, weight: context.units[raised].modifiers[.negator] ?? 1))
            context.contributions[index].negatedBy = raised
            negatedBy = raised
        }
        guard let negator = negatedBy else { return }
        // The strongest concord word of the clause after the negator stresses the negation.
        var stress: (index: Int, weight: Double)?
        var next = negator + 1
        while next < context.units.count, context.clauseOf[next] == clause {
            if concord.contains(next) {
                let weight = context.units[next].modifiers[.concord] ?? 1
                if weight > (stress?.weight ?? -1) { stress = (next, weight) }
            }
            next += 1
        }
        if let stress, stress.weight != 1 {
            let value = context.contributions[index].value
            context.contributions[index].apply("concord", cue: context.cue(stress.index), to: value * stress.weight)
        }
    }
}

extension Negation {
    /// Whether a negator or a `no` stands within `reach` units before `unit` (across clauses too: a test before the walk
    /// back, which stops at its clause). A few instructions a unit, where the walk asks each unit it passes whether it is a
    /// verb with an opinion, a handling or a letting verb (about 80 instructions a contribution and unit).
    private static func mayMeetNegator(before unit: Int, within reach: Int, _ negators: UnitSet, _ context: RuleContext) -> Bool {
        var probe = unit - 1
        let end = max(0, unit - reach)
        while probe >= end {
            if negators.contains(probe) || context.units[probe].facts.word == .no { return true }
            probe -= 1
        }
        return false
    }

    /// Whether a negation may reach the word of `unit`, read in place (`context.units[unit]`): a copy retained its key
    /// and opinion per contribution.
    private static func isNegatable(_ unit: Int, _ context: RuleContext) -> Bool {
        // Emoji and emoticons comment on the text; a negation before them is not about them.
        guard context.units[unit].opinion != nil, context.units[unit].isWord else { return false }
        // An expression that opens with a negative word (`ni caso`, `nada del otro mundo`, `ni loco`) repeats
        // an earlier negation by concord: `no me hicieron ni caso` is one complaint, `no hay nada que objetar`
        // one praise (the lexicon marks them: `PhraseIndex.seal`).
        return !(context.units[unit].tokens.count > 1
            && (context.units[unit].modifiers.contains(.negator) || context.units[unit].modifiers.contains(.concord)))
    }

    /// `de barato, nada`, `y de vulgar nada de nada`: the word named by `de` and denied by the `nada` after it. The
    /// `nada` is not recorded as `negatedBy`, which the later rules read as a negator before its word.
    private static func denyNothingAfter(_ index: Int, unit: Int, _ context: inout RuleContext) {
        guard nothingAfter(unit, context) != nil else { return }
        let value = context.contributions[index].value
        context.contributions[index].apply("negation", cue: "de … nada", to: shifted(value, weight: 1))
    }

    /// Verbs of belief and saying that pass their negation to the clause after `que` (`no creo que sea bueno` is `creo
    /// que no es bueno`), and `no es que` (`no es que sea malo, pero…` denies the complaint).
    static let raisingVerbs: WordSet = ["creo", "creemos", "pienso", "pensamos", "parece", "considero", "diria", "digo", "es", "era"]

    /// Words that, with `que no` after them (at most one noun between), make the inner negation universal: `nada que no
    /// me guste`, `ningún plato que no estuviera rico`, `nadie que no salga contento`.
    static let universalOpeners: WordSet = ["nada", "nadie", "ningun", "ninguno", "ninguna", "ningún"]

    /// Whether the `no` at `negator` opens the relative clause of a universal word (`no hay nada que no…`).
    static func isUniversal(before negator: Int, _ context: RuleContext) -> Bool {
        guard negator >= 2, context.units[negator - 1].facts.word == .que else { return false }
        return (max(0, negator - 3)...(negator - 2)).contains { universalRelative(after: $0, context.units) == negator - 1 }
    }

    /// Verbs that say something exists or was found: their universal object's relative clause is what is denied.
    /// Elsewhere it only restricts (`no se lo recomiendo a nadie que se impresione fácilmente`).
    static let existentials: WordSet = ["hay", "habia", "hubo", "habra", "existe", "existia", "encontre", "encontramos", "vi",
                                            "vimos", "tiene", "tenia", "tenian", "tienen", "queda", "quedaba"]

    /// The `que` of the relative clause a universal word opens after an existential verb (`no hubo nada que me
    /// gustara`, `no hay ningún plato que…`), with a conjugated verb (not `nada que ver`), if any.
    static func universalRelative(after opener: Int, _ units: [Unit]) -> Int? {
        guard opener > 0, units[opener].facts.lists.contains(.universalOpener), existentials.contains(units[opener - 1].key) else { return nil }
        for que in (opener + 1)..<min(opener + 3, units.count) {
            if units[que].facts.word == .que {
                var verb = que + 1
                while verb < units.count, units[verb].facts.lists.contains(.clitic) || units[verb].facts.word == .no { verb += 1 }
                return verb < units.count && units[verb].isWord && units[verb].traits.finite ? que : nil
            }
            guard units[que].isWord, units[que].opinion == nil, !units[que].breaksClause else { return nil }
        }
        return nil
    }

    /// The relative clause of a universal word belongs to its clause (`no hay nadie que atienda` is one denial), so
    /// the `que` that opens it ends no clause.
    static func joinUniversalRelatives(_ units: inout [Unit]) {
        for index in units.indices where units[index].isWord && units[index].has(.negator) {
            if let que = universalRelative(after: index, units) { units[que].breaksClause = false }
        }
    }

    /// `seas o no seas romántico`, `sirve o no sirve`: `no` between a verb and its repetition offers the alternative,
    /// whatever the answer, and denies nothing.
    static func dropAlternatives(_ units: inout [Unit]) {
        for index in units.indices where index >= 2 && index + 1 < units.count && units[index].facts.word == .no
            && units[index - 1].key.isKey("o") && units[index + 1].key == units[index - 2].key {
            units[index].modifiers[.negator] = nil
        }
    }

    /// `sin que me falle`, `sin que me contesten`: `sin` governs the whole clause its `que` opens (see
    /// `isVerbAfterPhrase`), so that `que` ends no clause and the negation reaches the clause's verb. Not before a
    /// concord word, which negates its clause itself and reaches further (`sin que nadie pasara a hacer la habitación`).
    static func joinSinQue(_ units: inout [Unit]) {
        for index in units.indices.dropLast(2) where units[index].facts.word == .sin && units[index + 1].facts.word == .que
            && !noPhraseConcord.contains(units[index + 2].key) {
            units[index + 1].breaksClause = false
        }
    }

    /// `dejó de ser bueno`, `ha dejado de tener encanto`: ceasing is `ya no`, so the lexicon lists the indicative forms of
    /// `dejar de` as negators. They negate only before an infinitive: `me lo dejaron de lujo` (left in a fine state) and
    /// `lo dejaron de lado` are no ceasing. `deja de` is also the imperative, a demand to stop (`Ryanair, deja de ponerme
    /// nerviosa`), which denies nothing: read as ceasing only after a word of its clause (`el wifi deja de ir`), not
    /// opening the clause.
    /// A negator of the lexicon's built on `dejar de` (`dejó de`, `ha dejado de`): known by its words, so that a form added to
    /// `modifiers.tsv` needs no list here.
    static func isCeasing(_ key: String) -> Bool {
        key.hasSuffix(" de") && (key.hasPrefix("dej") || key.contains(" dejado "))
    }

    static func keepCeasingBeforeInfinitives(_ units: inout [Unit]) {
        // `isCeasing` as the key's bit (`KeyLists.ceasing`, the same test asked once per key).
        for index in units.indices where units[index].facts.lists.contains(.ceasing) && units[index].has(.negator) {
            let next = index + 1
            let beforeInfinitive = next < units.count && !units[next].breaksClause
                && (units[next].traits.infinitive || WordReading.isInfinitive(units[next].key.prefix { $0 != " " }))
            let command = units[index].key.isKey("deja de") && (index == 0 || units[index - 1].breaksClause || !units[index - 1].isWord)
            if !beforeInfinitive || command { units[index].modifiers[.negator] = nil }
        }
    }

    /// `no hay que perdérselo`, `no tienes que preocuparte`: the `que` of a negated obligation joins it to its infinitive,
    /// which the negation reaches (must not miss it, need not worry); elsewhere `que` opens a clause of its own.
    static let obligations: WordSet = ["hay", "tengo", "tienes", "tiene", "tenemos", "teneis", "tienen"]

    /// The reach each unit's negation has beyond `scope`, or an empty array when no unit has any:
    /// - the `que` of a negated obligation is part of its verb and takes no reach (`no tiene que ser un mal día`);
    /// - a concord word that opens its noun phrase repeats the negation where it stands, which then reaches as far past
    ///   it as it would past the negator itself (`no me sale ninguna idea buena`).
    static func extraReaches(_ context: RuleContext) -> [Int] {
        var reaches: [Int] = []
        func extend(_ unit: Int, to reach: Int) {
            if reaches.isEmpty { reaches = Array(repeating: 0, count: context.units.count) }
            reaches[unit] = max(reaches[unit], reach)
        }
        // Read in place, and only where an anchor may stand: the concord words by their bits, and a negated obligation's
        // `que` two units after a negator word, in a text with both `que` and an obligation (a walk over every unit cost
        // about 400 instructions a text).
        context.concord.forEach { anchor in
            guard noPhraseConcord.contains(context.units[anchor].key) || opensNoPhrase(anchor, context),
                  let negator = context.before(anchor, limit: scope).first(where: { context.negators.contains($0) }) else { return }
            for unit in anchor + 1..<min(anchor + 1 + scope, context.units.count) { extend(unit, to: unit - negator) }
        }
        guard context.mayHave(.que) && context.mayHave(.obligation) else { return reaches }
        for negator in context.units(with: .negator) where context.units[negator].isWord {
            let anchor = negator + 2
            guard anchor < context.units.count, !context.concord.contains(anchor), isJoinedObligation(anchor, context.units) else { continue }
            for unit in anchor + 1..<min(anchor + 1 + scope, context.units.count) { extend(unit, to: scope + 1) }
        }
        return reaches
    }

    /// First-person verbs of knowing and understanding, whose negation (`no sé`, `no entiendo`) ends at the question word
    /// after them. (`no sabes cuánto…` exclaims: `isExclamation`.) `se` is `sé` typed without its accent.
    static let knowingVerbs: WordSet = ["se", "sabemos", "sabia", "sabiamos", "entiendo", "entendemos", "explico", "comprendo"]
    static let questionWords: WordSet = ["quien", "quienes", "que", "donde", "adonde", "como", "cuando", "cual", "cuales",
                                         "cuanto", "cuanta", "cuantos", "cuantas", "por que", "para que"]

    /// Whether the negator's verb (past its pronouns) is one of knowing, and a question word follows it, past a preposition,
    /// before `unit` (`no sé a quién`, `no me explico cómo`): one set asked per negated word, most of them no such verb.
    static func asksAfterKnowing(_ negator: Int, before unit: Int, _ context: RuleContext) -> Bool {
        // `sé` typed without its accent is the pronoun `se`, which `skippingPronouns` would pass.
        let verb = negator + 1 < unit && context.units[negator + 1].key.isKey("se") ? negator + 1 : context.skippingPronouns(after: negator)
        guard verb + 1 < unit, knowingVerbs.contains(context.units[verb].key) else { return false }
        var question = verb + 1
        if question + 1 < unit, ["a", "de", "en", "con", "por", "para"].contains(context.units[question].key) { question += 1 }
        return questionWords.contains(context.units[question].key)
    }

    /// Whether `con` stands between `sin` and the unit, or opens the unit (`con una sonrisa`).
    static func isPastWith(_ negator: Int, _ unit: Int, _ context: RuleContext) -> Bool {
        (negator + 1..<unit).contains { context.units[$0].key.isKey("con") } || context.units[unit].key.hasPrefix("con ")
    }

    /// `sin problemas lo recomiendo`, `sin más me colgaron`: `sin` governs the phrase after it, not the conjugated verb
    /// that follows that phrase (the main clause's). `sin que nadie me atendiera` negates its verb: `que` opens a
    /// clause that `sin` governs whole.
    static func isVerbAfterPhrase(_ negator: Int, _ unit: Int, _ context: RuleContext) -> Bool {
        guard context.units[unit].traits.finite else { return false }
        var phrase = false
        for between in negator + 1..<unit {
            if context.units[between].facts.word == .que { return false }
            if context.units[between].isWord, !context.units[between].facts.lists.contains(.clitic) { phrase = true }
        }
        return phrase
    }

    /// `ni` before `un`, `una` opens a noun phrase of its own (`no hubo ni un solo problema`), as `ningún` does.
    static func opensNoPhrase(_ anchor: Int, _ context: RuleContext) -> Bool {
        guard context.units[anchor].facts.word == .ni, anchor + 1 < context.units.count else { return false }
        return ["un", "una", "uno"].contains(context.units[anchor + 1].key)
    }

    /// The `que` of `no hay que`, `no tiene que`, after `joinNegatedObligations` has joined it to the verb before it.
    static func isJoinedObligation(_ index: Int, _ units: [Unit]) -> Bool {
        !units[index].breaksClause && followsNegatedObligation(index, units)
    }

    /// A `que` right after a negated `hay`, `tener`: `no hay que`, `no tienes que`.
    static func followsNegatedObligation(_ index: Int, _ units: [Unit]) -> Bool {
        // A keyword and a bit (`KeyFacts`): `extraReaches` asks this of every unit.
        index >= 2 && units[index].facts.word == .que && units[index - 1].facts.lists.contains(.obligation)
            && units[index - 2].isWord && units[index - 2].has(.negator)
    }

    static func joinNegatedObligations(_ units: inout [Unit]) {
        for index in units.indices.dropFirst(2) where units[index].breaksClause && followsNegatedObligation(index, units) {
            units[index].breaksClause = false
        }
    }

    /// `nunca`/`jamás` with a perfect (`he visto`, `había comido`) and a degree word (`tan`, `tanto`, `más`): an
    /// experience never had before, had now.
    /// (`nunca he comido mejor` is the comparatives' to read.)
    static let degreeWords: WordSet = ["tan", "tanto", "tanta", "tantos", "tantas", "mas", "asi"]

    static func isNeverBefore(_ negator: Int, before unit: Int, _ context: RuleContext) -> Bool {
        guard ["nunca", "jamas", "en mi vida", "en la vida"].contains(context.units[negator].key), negator + 1 < unit else { return false }
        let between = (negator + 1)..<unit
        return between.contains { WordReading.perfectAuxiliaries.contains(context.units[$0].key) }
            && between.contains { degreeWords.contains(context.units[$0].key) }
    }

    /// `no esperaba tanta rapidez`, `nunca imaginé un trato tan bueno`: a degree the writer did not expect is a surprise;
    /// the word holds, stressed, as after `nunca había…` (`no esperaba que fuera tan bueno` is the irrealis' own reading).
    static func isUnexpectedDegree(_ negator: Int, before unit: Int, _ context: RuleContext) -> Bool {
        let verb = context.skippingPronouns(after: negator)
        guard verb < unit, Irrealis.isImagining(context.units[verb].key) || context.units[verb].key.hasPrefix("esper") else { return false }
        return (verb + 1..<unit).contains { degreeWords.contains(context.units[$0].key) && context.units[$0].facts.word != .mas }
    }

    /// A purpose clause weighs as the irrealis of `si` does.
    static let purposeWeight = 0.3
    /// How much a degree nothing can pass, or an exclamation of how much, stresses its word.
    static let stressFactor = 1.3
    /// Words of blame: denied, they are no praise.
    static let blameTerms: WordSet = ["culpa", "culpar", "culpable", "culpables", "tener la culpa"]

    /// `para no`, `para que no`, `a fin de que no`, `con tal de no`: the negation of an aim. The lists are read as each
    /// unit's bits (`KeyFacts`): this is asked of every `no` before an opinion.
    static func isPurpose(_ negator: Int, _ context: RuleContext) -> Bool {
        guard negator > 0 else { return false }
        var previous = negator - 1
        if context.units[previous].facts.lists.contains(.purpose) { return true }
        if context.units[previous].facts.lists.contains(.purposeQue), previous > 0 { previous -= 1 }
        return context.units[previous].facts.lists.contains(.purposeOpener)
            && (context.units[previous].facts.word != .de || previous > 0 && context.units[previous - 1].facts.lists.contains(.purposeDe))
    }

    static let purposes: WordSet = ["para que", "para qué", "para q", "a fin de que", "con tal de que"]
    static let purposeQues: WordSet = ["que", "q"]
    static let purposeOpeners: WordSet = ["para", "a fin de", "con tal de", "a fin", "de"]
    static let purposeDes: WordSet = ["fin", "tal"]

    /// Forms of `poder` that, negated before a degree word, say nothing could pass it.
    static func isPoder(_ key: String) -> Bool {
        key.hasPrefix("pued") || key.hasPrefix("pod") || key.hasPrefix("pud")
    }

    /// `no podía ser peor`, `no puedo estar más decepcionado`, `no pudo salir mejor`: the negator's verb is `poder` and a
    /// degree word (`más` not before `que`, `mejor`, `peor`) stands between it and the opinion, or is the opinion.
    static func isDegreeDenial(_ negator: Int, before unit: Int, _ context: RuleContext) -> String? {
        let verb = context.skippingPronouns(after: negator)
        guard verb < unit, isPoder(context.units[verb].key) else { return nil }
        for probe in (verb + 1)...unit {
            let key = context.units[probe].key
            if key.isKey("mas"), probe + 1 < context.units.count, context.units[probe + 1].facts.word != .que { return "degree" }
            if key.hasPrefix("mejor") || key.hasPrefix("peor") { return "degree" }
        }
        return nil
    }

    /// `pocas cosas más bonitas`, `pocos sitios mejores`: few are better, so this one is among the best.
    static func isFewBetter(_ negator: Int, before unit: Int, _ context: RuleContext) -> String? {
        guard ["pocos", "pocas"].contains(context.units[negator].key) else { return nil }
        return (negator + 1...unit).contains { context.units[$0].facts.word == .mas || context.units[$0].key.hasPrefix("mejor") } ? "few better" : nil
    }

    /// `nadie supera su paella`, `nada iguala las vistas`, `no hay quien les gane`: nobody and nothing passes it, so it
    /// is the best (a plain `no` denies: `no supera las expectativas`).
    static let universalNegators: WordSet = ["nadie", "nada", "ninguno", "ninguna", "ningun", "no hay quien"]
    static let surpassingVerbs: WordSet = ["superar", "igualar", "ganar"]

    static func isNoneBetter(_ negator: Int, before unit: Int, _ context: RuleContext) -> String? {
        guard universalNegators.contains(context.units[negator].key), let term = context.units[unit].opinion?.entry.term,
              surpassingVerbs.contains(term) else { return nil }
        return "none better"
    }

    /// Verbs of knowing and imagining that, negated before `lo … que`, `cuánto` or `cómo`, exclaim: `no te imaginas lo
    /// mal que…`, `no sabes lo contenta que estoy`, `ni se imaginan cuánto…`.
    static let exclaimingVerbs: WordSet = ["sabes", "saben", "sabeis", "sabe", "imaginas", "imaginan", "imaginais", "imagina",
                                               "imaginamos"]

    /// `lo mal que`, `la ilusión que`: how much, when a `que` closes the word or noun. `no sabes la respuesta` and `no
    /// sabes lo que te pierdes` are no exclamations.
    static func isExclamation(_ negator: Int, before unit: Int, _ context: RuleContext) -> String? {
        let verb = context.skippingPronouns(after: negator)
        guard verb + 1 <= unit, exclaimingVerbs.contains(context.units[verb].key) else { return nil }
        let next = context.units[verb + 1].key
        if ["cuanto", "cuanta", "cuantos", "cuantas", "como"].contains(next) { return "exclamation" }
        guard ["lo", "el", "la", "los", "las"].contains(next), verb + 3 < context.units.count, context.units[verb + 2].facts.word != .que else { return nil }
        return (verb + 3...min(verb + 4, context.units.count - 1)).contains { context.units[$0].facts.word == .que } ? "exclamation" : nil
    }

    /// `hace tiempo que no`, `hacía años que no`, `hace mucho que no`: the time since, not a denial.
    static func isLongSince(_ negator: Int, _ context: RuleContext) -> Bool {
        guard context.units[negator].facts.word == .no, negator >= 2, context.units[negator - 1].facts.word == .que else { return false }
        return (max(0, negator - 4)..<(negator - 1)).contains { ["hace", "hacia", "hacian"].contains(context.units[$0].key) }
    }

    /// The negator of a belief verb whose `que` opens the clause of `unit`: `no` in `no creo que sea bueno`, `no me
    /// parece que valga la pena`.
    static func raisedNegator(of unit: Int, _ context: RuleContext) -> Int? {
        var first = unit
        while first > 0, context.clauseOf[first - 1] == context.clauseOf[unit] { first -= 1 }
        guard context.units[first].facts.word == .que, first >= 2, raisingVerbs.contains(context.units[first - 1].key) else { return nil }
        var negator = first - 2
        if negator >= 0, context.units[negator].facts.lists.contains(.clitic) { negator -= 1 }
        guard negator >= 0, context.negators.contains(negator), context.units[negator].opinion == nil else { return nil }
        // Not past another verb of the clause: `que` must be the first word of the clause after the belief verb.
        return negator
    }

    /// Whether the unit at `position` (past object pronouns), which may be `unit` itself, is an infinitive or a
    /// phrase that opens with one (`perder el tiempo`).
    static func startsWithInfinitive(_ position: Int, before unit: Int, _ context: RuleContext) -> Bool {
        var next = position
        while next < unit, context.units[next].facts.lists.contains(.clitic) { next += 1 }
        guard next <= unit, context.units[next].isWord else { return false }
        let candidate = context.units[next]
        if candidate.tokens.count == 1 { return candidate.traits.infinitive }
        // A phrase's key is its lemmas (`vuelvo a contratar` is `volver a contratar`): its first word, conjugated, is no infinitive.
        return !candidate.traits.finite && WordReading.isInfinitive(candidate.key.prefix { $0 != " " })
    }

    /// Whether the first word after `negator` (past object pronouns) is an infinitive, before `unit`.
    static func opensWithInfinitive(after negator: Int, before unit: Int, _ context: RuleContext) -> Bool {
        var next = negator + 1
        while next < unit, context.units[next].facts.lists.contains(.clitic) { next += 1 }
        return next < unit && context.units[next].traits.infinitive && context.units[next].opinion == nil
    }
}

/// A set of unit indices as flags: `contains` and `insert` without hashing.
struct UnitSet {
    /// Units 0–127 as bits (nearly every text has fewer units), the rest as flags: a text allocates no array
    /// for this unless it is longer (an array costs an allocation and a metadata lookup at every text).
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var rest: [Bool]
    init(count: Int) { rest = count > 128 ? Array(repeating: false, count: count - 128) : [] }

    var isEmpty: Bool { low == 0 && high == 0 && !rest.contains(true) }

    func contains(_ index: Int) -> Bool {
        if index < 64 { return low & (1 << UInt64(index)) != 0 }
        if index < 128 { return high & (1 << UInt64(index - 64)) != 0 }
        return rest[index - 128]
    }

    /// Calls `body` with each index of the set, in increasing order.
    func forEach(_ body: (Int) -> Void) {
        var bits = low
        while bits != 0 {
            body(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        bits = high
        while bits != 0 {
            body(64 + bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        for index in rest.indices where rest[index] { body(128 + index) }
    }

    mutating func insert(_ index: Int) {
        if index < 64 { low |= 1 << UInt64(index) } else if index < 128 { high |= 1 << UInt64(index - 64) } else { rest[index - 128] = true }
    }
}
