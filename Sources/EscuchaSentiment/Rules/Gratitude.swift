import EscuchaCore
/// Thanks for a service name the trouble it dealt with: `gracias por reponerme el producto que llegó dañado`,
/// `gracias a la óptica por hacerle unas gafas a mi padre, que las perdió en pleno viaje`. The problem told in
/// the clause that says what or when (after `que`, `cuando`, `porque`) is the occasion of the thanks, not a
/// complaint: it weighs nothing (the explanation still shows it). The thanked action is left as it is: in
/// `gracias por dejarme tirado` or `gracias por bloquear mi cuenta cuando…` the action is the complaint (irony),
/// and then nothing after it is softened either. Thanks to a person for what they did in a relative clause
/// count too: `gracias a la cajera, que me avisó que se me había caído la billetera`.
enum Gratitude {
    static let factor = 0.0
    /// Words between the thanks and `por`: `gracias @TiendaMX por`, `gracias a la óptica por`.
    static let reach = 5
    /// Words between the thanks and the `que` of the person's deed: `gracias a la cajera del turno de noche, que…`.
    static let personReach = 10
    static let thanks: WordSet = ["gracias", "muchas gracias", "mil gracias", "muchísimas gracias", "agradezco", "agradecemos",
                                      "agradecer", "agradecido", "agradecida", "agradecidos", "agradecidas"]
    /// Words that open the clause of the occasion.
    static let occasions: WordSet = ["que", "cuando", "porque", "pues", "mientras", "tras"]

    /// Verbs of telling, by the start of their forms: `avisó`, `advirtió`, `informaron`, `explicó`.
    static let tellingStems = ["avis", "advirt", "advert", "inform", "alert", "explic", "comunic", "notific", "record"]

    static func isTelling(_ key: String) -> Bool { tellingStems.contains { key.hasPrefix($0) } }

    /// `gracias a la cajera, que me avisó que…`: thanks to someone, then what they did in a relative clause (a
    /// conjugated verb after `que`). The deed is that verb; an occasion may follow it as after `por`.
    static func thankedPerson(after thanks: Int, _ context: RuleContext) -> Int? {
        let units = context.units
        guard thanks + 1 < units.count, units[thanks + 1].facts.word == .a else { return nil }
        var index = thanks + 2
        while index < units.count, index - thanks <= personReach, context.sentenceOf[index] == context.sentenceOf[thanks], units[index].facts.word != .que {
            index += 1
        }
        guard index < units.count, units[index].facts.word == .que, context.sentenceOf[index] == context.sentenceOf[thanks] else { return nil }
        var verb = index + 1
        while verb < units.count, units[verb].traits.frame.contains(.clitic) { verb += 1 }
        guard verb < units.count, units[verb].traits.finite, units[verb].opinion == nil || units[verb].opinion!.entry.valence > 0 else { return nil }
        return verb
    }

    /// `…a mi padre, que las perdió`: a comma before the occasion does not end the clause.
    static func isCommaBeforeOccasion(_ index: Int, _ units: [Unit]) -> Bool {
        units[index].key == "," && index + 1 < units.count && occasions.contains(units[index + 1].key)
    }

    static func apply(_ context: inout RuleContext) {
        // A word's `thanks` frame and its key's `thanks` list are the same list asked of the same key: a text without the
        // list has neither.
        guard context.mayHave(.thanks), context.contributions.indices.contains(where: { context.contributions[$0].value < 0 }) else { return }
        let units = context.units
        // By index, reading fields in place: iterating the units copied each one (retaining its key and opinion).
        for index in units.indices where units[index].traits.frame.contains(.thanks)
            || units[index].tokens.count > 1 && units[index].opinion != nil && units[index].facts.lists.contains(.thanks) {
            let sentence = context.sentenceOf[index]
            var por = index + 1
            while por < units.count, por - index <= reach, context.sentenceOf[por] == sentence, units[por].facts.word != .por,
                  units[por].isWord || !units[por].breaksClause {
                por += 1
            }
            var action: Int
            if por < units.count, units[por].facts.word == .por, context.sentenceOf[por] == sentence {
                action = por + 1
                while action < units.count, units[action].traits.frame.contains(.clitic) { action += 1 }
                guard action < units.count, units[action].traits.infinitive || units[action].opinion == nil && units[action].isWord else { continue }
            } else if let deed = thankedPerson(after: index, context) {
                action = deed
            } else {
                continue
            }
            // The clause runs to the next punctuation or contrast word; the occasion opens inside it.
            var end = action + 1
            var occasion: Int?
            while end < units.count, context.sentenceOf[end] == sentence,
                  units[end].isWord || !units[end].breaksClause || isCommaBeforeOccasion(end, units),
                  !SentimentAnalyzer.isContrast(units, end) {
                if occasion == nil, occasions.contains(units[end].key) { occasion = end }
                end += 1
            }
            // `por hacer que no llegue`: a `que` right after the verb says what was done, it is no occasion; after
            // a verb of telling (`me avisó que se me había caído la billetera`) it is what was told, the occasion.
            guard let occasion, !(units[occasion].facts.word == .que && occasion == action + 1 && !isTelling(units[action].key)),
                  !context.contributions.indices.contains(where: {
                      context.contributions[$0].value < 0 && context.contributions[$0].unit >= action && context.contributions[$0].unit < occasion
                  })
            else { continue }
            for contribution in context.contributions.indices
            where context.contributions[contribution].value < 0 && context.contributions[contribution].unit > occasion
                && context.contributions[contribution].unit < end {
                let value = context.contributions[contribution].value
                context.contributions[contribution].apply("gratitude", cue: context.cue(index), to: value * factor)
            }
        }
    }
}
