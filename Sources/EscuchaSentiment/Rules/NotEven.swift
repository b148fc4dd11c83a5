import EscuchaCore
import EscuchaNormalize

/// `ni te suben las maletas`, `no te cambian ni las toallas`, `ni siquiera hay toallas`: `ni` as "not even" names the
/// least the customer expected and did not get, a complaint though no word of the clause is an opinion. Two shapes:
/// `ni` (or `ni siquiera`) opening its clause before a verb, and `ni` before a noun after a negated verb (`no queda ni
/// leche`). A clause that has an opinion already (`ni me gusta`, `no tengo ni idea`) is that opinion's; a list of
/// verbs (`no fumo ni bebo`, `ni fumo ni bebo`) and a fixed phrase (`ni mucho menos`, `ni modo`) are no complaint.
enum NotEven {
    /// As mild as a listed essential thing missing, or a little less: the thing is unnamed as essential.
    static let weight = -1.5
    /// Words after `ni` that make a fixed phrase, not "not even": `ni mucho menos` (far from it), `ni modo` (oh well),
    /// `ni hablar`, `ni loco`, `ni tan mal`.
    static let fixed: WordSet = ["mucho", "modo", "hablar", "loco", "loca", "tan", "tanto", "fu", "bien", "mal", "idea", "yo", "tu"]
    /// Words that may stand before `ni` where it opens its clause: `y ni te contestan`, `pero ni siquiera…`.
    static let openers: WordSet = ["y", "e", "pero", "que", "porque", "pues", "encima"]
    static let prepositions: WordSet = ["a", "de", "con", "en", "para", "por", "sin", "desde", "hasta"]
    /// Verbs of noticing, remembering, believing and needing, by the start of their forms: `ni me enteré`, `ni sentí las
    /// curvas`, `ni me acordaba de que lo había pedido`, `ni necesité postre` tell how smooth or full it was, praise.
    static let unnoticedStems = ["acord", "acuerd", "enter", "sent", "sient", "sint", "not", "cre", "imagin", "necesit", "pens", "pien",
                                 "record", "recuerd", "fij"]
    /// `ni siquiera es de Iberia` states what something is; the copula is no service owed.
    static let copulas: WordSet = ["es", "son", "era", "eran", "fue", "fueron", "sea", "sean"]

    /// An amount above one: `ni tres pasos` (`ni un libro` is the least, a lack).
    static func isCountedAmount(_ unit: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let token = text.tokens[context.units[unit].tokens.lowerBound]
        if token.kind == .number { return true }
        return (LongWait.numberWords[token.key] ?? 0) > 1
    }

    static func isUnnoticed(_ verb: Int, _ context: RuleContext) -> Bool {
        let key = context.units[verb].key
        if unnoticedStems.contains(where: { key.hasPrefix($0) }) { return true }
        // `ni me di cuenta`
        return verb + 1 < context.units.count && context.units[verb + 1].key.isKey("cuenta")
    }

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        guard context.mayHave(.ni) || context.mayHave(.niSiquiera) else { return }
        let units = context.units
        var lastClause = -1
        for index in units.indices where units[index].facts.word == .ni || units[index].facts.word == .niSiquiera {
            let clause = context.clauseOf[index]
            guard clause != lastClause, index + 1 < units.count, context.clauseOf[index + 1] == clause, units[index + 1].isWord,
                  !fixed.contains(units[index + 1].key) else { continue }
            var start = index, end = index + 1
            while start > 0, context.clauseOf[start - 1] == clause { start -= 1 }
            while end < units.count, context.clauseOf[end] == clause { end += 1 }
            // A clause with an opinion or a rule's reading of its own is told by it.
            // By index, read in place: iterating the contributions copied each one (retaining its strings and rules).
            guard !context.contributions.indices.contains(where: { context.contributions[$0].unit >= start && context.contributions[$0].unit < end })
            else { continue }
            let emphatic = units[index].facts.word == .niSiquiera
            let laterNi = (index + 1..<end).contains { units[$0].facts.word == .ni }
            var opensClause = true
            for previous in start..<index where units[previous].isWord && !openers.contains(units[previous].key) { opensClause = false }
            var verb = index + 1
            while verb < end, units[verb].traits.frame.contains(.clitic) { verb += 1 }
            let thing: Int
            if opensClause || emphatic {
                // `ni te suben las maletas`, `ni siquiera hay toallas`; `ni fumo ni bebo` lists.
                guard verb < end, units[verb].traits.finite, emphatic || !laterNi, !copulas.contains(units[verb].key),
                      !isUnnoticed(verb, context) else { continue }
                thing = verb
            } else {
                // `no te cambian ni las toallas`, `no queda ni leche`: after a negated verb of the clause, a thing.
                // `ni` right after the negated verb (a clitic or an adverb between): `no tomamos postres ni copas`, with
                // the object before `ni`, is a plain list. `no das ni tres pasos` counts a short way, no lack.
                let next = units[index + 1]
                var verbBefore = index - 1
                while verbBefore > start, !units[verbBefore].traits.finite, units[verbBefore].traits.frame.contains(.clitic)
                    || units[verbBefore].key.isKey("nos") || units[verbBefore].key.isKey("se") {
                    verbBefore -= 1
                }
                // An infinitive names something the writer does (`no sabía ni freír un huevo`, `no quiero ni pensarlo`); a
                // question word asks nothing owed (`no sé ni cómo se llama`).
                guard !next.traits.finite, !next.traits.infinitive, !prepositions.contains(next.key), !Negation.questionWords.contains(next.key),
                      units[verbBefore].traits.finite, (start..<verbBefore).contains(where: { units[$0].facts.word == .no }),
                      // A second finite form right after a first is the first's object with a verb's spelling (`no necesito
                      // casas ni propiedades`: `casas` is no form of `casar` here), and the `ni` lists objects.
                      verbBefore == start || !units[verbBefore - 1].traits.finite,
                      !isCountedAmount(index + 1, context, text) else { continue }
                var noun = index + 1
                if Resolutions.determiners.contains(units[noun].key), noun + 1 < end, units[noun + 1].isWord { noun += 1 }
                thing = noun
            }
            lastClause = clause
            out.append(RuleContext.Working.cue(unit: thing, term: "\(context.cue(index)) … \(units[thing].key)", rule: "not even",
                                               cue: context.cue(index), value: weight))
        }
    }
}
