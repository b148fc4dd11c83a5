import EscuchaCore
/// Corrections for how people use evaluative words across a whole text (after Taboada et al., SO-CAL).
///
/// - Negativity: positive words are far more frequent than negative ones in all language (the Pollyanna
///   principle), so a negative word is stronger evidence than a positive one of the same rating. Negative
///   contributions weigh `negativeWeight`.
/// - Repetition: the third `bueno` of a review says less than the first. The n-th contribution of the same
///   term weighs 1/n.
enum Balance {
    static let negativeWeight = 1.3

    static func apply(_ context: inout RuleContext, negativity: Bool, repetition: Bool) {
        // A single contribution repeats nothing. Up to `smallCount` contributions each term is counted by comparing it
        // with the terms before it (no table, no hashing); more are counted in a table, each term with one lookup.
        let count = context.contributions.count
        let counting = repetition && count > 1
        let small = count <= smallCount
        var seen: [String: Int] = [:]
        if counting, !small { seen.reserveCapacity(count) }
        // In text order; the sort (and its array) only when the rules appended a contribution out of that order.
        let inOrder = context.contributionsInUnitOrder()
        let order = inOrder ? [] : context.contributions.indices.sorted(by: { (context.contributions[$0].unit, $0) < (context.contributions[$1].unit, $1) })
        for position in 0..<count {
            let index = inOrder ? position : order[position]
            // Read in place: a copy of the contribution would retain its strings and rules.
            let before = context.contributions[index].value
            if counting {
                let count: Int
                if small {
                    // The same count the table gives: this term's occurrences among those already visited, plus one.
                    // Two lexicon entries' terms compare by their ids (`ValenceEntry.termID`), others as strings.
                    let termID = context.contributions[index].termID
                    var earlier = 1
                    for previous in 0..<position {
                        let other = inOrder ? previous : order[previous]
                        let same = if let termID, let otherID = context.contributions[other].termID { termID == otherID }
                            else { context.contributions[other].term == context.contributions[index].term }
                        if same { earlier += 1 }
                    }
                    count = earlier
                } else {
                    count = increment(&seen[context.contributions[index].term, default: 0])
                }
                if count > 1 {
                    context.contributions[index].apply("repetition", cue: "×\(count)", to: before / Double(count))
                }
            }
            let value = context.contributions[index].value
            if negativity, value < 0 {
                context.contributions[index].apply("negativity", cue: nil, to: value * negativeWeight)
            }
        }
    }

    /// Below this many contributions, counting by comparison costs less than making and filling a table.
    static let smallCount = 24

    private static func increment(_ count: inout Int) -> Int {
        count += 1
        return count
    }
}

/// A writer's own balanced verdict: `Ni fu ni fa.`, `Depende de lo que busques.`, `Cumple para una noche.`,
/// `Lo bueno compensa lo malo.` In a text that praises and complains, such a verdict says the two weigh
/// the same: every contribution is scaled by the verdict's weight, so the text ends neutral. A verdict
/// that closes the text does the same when the model found only one side (`Cumplen, aunque sin más.`).
enum BalancedVerdict {
    /// Verdicts that say both sides weigh the same, by key: a text they weigh is `neu`.
    /// A phrase's key keeps the lexicon's accents (`más o menos`), a word's is folded: both spellings are listed.
    static let evenVerdicts: WordSet = ["ni fu ni fa", "ni bien ni mal", "asi asi", "así así", "mas o menos", "más o menos", "pros y contras", "sus pros y sus contras",
                                            "de todo un poco", "ni lo recomiendo ni lo desaconsejo", "ni recomiendo ni desaconsejo",
                                            "ni contento ni descontento", "ni tan bien ni tan mal"]

    /// Verdicts only where they close their clause: `Es cómodo, nada más.` limits the praise to what it says; `nada más
    /// llegar` (as soon as) and `nada más triste que…` are no verdict; `la comida, más o menos.` weighs both sides, `más o
    /// menos entre las 21 y las 0 hs` is an amount.
    static let clauseFinalVerdicts: WordSet = ["nada más", "nada mas", "más o menos", "mas o menos"]

    static func isVerdict(_ index: Int, _ context: RuleContext) -> Bool {
        guard context.units[index].modifiers.contains(.verdict) else { return false }
        guard clauseFinalVerdicts.contains(context.units[index].key) else { return true }
        return index + 1 == context.units.count || !context.units[index + 1].isWord && context.units[index + 1].breaksClause
    }

    static func apply(_ context: inout RuleContext) {
        // Every verdict has the modifier: most texts have none, and their units are not scanned.
        guard context.mayHave(.verdict), let verdict = context.units.indices.last(where: { isVerdict($0, context) }) else { return }
        let positive = context.contributions.contains { $0.value > 0 && $0.unit != verdict }
        let negative = context.contributions.contains { $0.value < 0 && $0.unit != verdict }
        // A closing verdict (in the last sentence, after the opinions) weighs the text even when the model
        // found only one side of it (`Cumplen, aunque sin más.`): the writer has said it balances.
        let closing = context.sentenceOf[verdict] == context.sentenceOf[context.units.count - 1]
            && context.contributions.allSatisfy { $0.unit <= verdict }
        guard positive && negative || closing && (positive || negative),
              let weight = context.units[verdict].modifiers[.verdict] else { return }
        // A verdict weighs the whole text when it closes it or stands as a sentence of its own (`Lo bueno compensa lo
        // malo.`); said beside opinions in a sentence that goes on (`la comida rica, el servicio normalito, y la terraza
        // un lujo. Volveremos`), it weighs that sentence.
        let sentence = context.sentenceOf[verdict]
        let aside = !closing && context.contributions.contains { $0.unit != verdict && context.sentenceOf[$0.unit] == sentence }
            && context.sentences.count > 1
        for index in context.contributions.indices where !aside || context.sentenceOf[context.contributions[index].unit] == sentence {
            let value = context.contributions[index].value
            context.contributions[index].apply("balanced verdict", cue: context.cue(verdict), to: value * weight)
        }
    }
}

/// `Se fue la luz en todo el barrio y en una hora ya la habían repuesto. Bien por Endesa.`, `Buena comida, pero
/// una hora para traer la cuenta. Una pena.`: a short sentence that closes the text and judges, after sentences
/// that said the other side, is the writer's summing-up. It weighs `factor` times what it says, so that the story told
/// before it does not outweigh the verdict. Not a sentence that names what it judges with a definite article (`El resto
/// genial.`, `Genial el trato.`: one more aspect of a mixed review), nor one a contrast word already weighs (`Pero caro.`).
enum ClosingVerdict {
    static let articles: WordSet = ["el", "la", "los", "las"]
    /// At most this many words: a verdict is said in few (`Bien por Endesa`, `Así da gusto`, `Nunca más`); a longer
    /// last sentence is one more part of the story.
    static let maxWords = 4
    static let factor = 2.0

    static func apply(_ context: inout RuleContext) {
        guard context.sentences.count > 1, context.contributions.count > 1 else { return }
        let last = context.sentences.count - 1
        let sentence = context.sentences[last]
        var words = 0
        for unit in sentence where context.units[unit].isWord { words += context.units[unit].tokens.count }
        // An article told by the unit's key facts (`.article`, exact), not by hashing its key.
        guard words > 0, words <= maxWords,
              !sentence.contains(where: { context.units[$0].questionMarks > 0 || context.units[$0].facts.lists.contains(.article) })
        else { return }
        var sign = 0.0
        // By index, read in place: iterating the contributions copied each one (its strings and rules retained and released).
        for index in context.contributions.indices where context.sentenceOf[context.contributions[index].unit] == last {
            let own = context.contributions[index].value > 0 ? 1.0 : -1.0
            // A verdict says one thing: a last sentence with both sides (`Bonito pero caro.`) is no summing-up.
            guard sign == 0 || sign == own else { return }
            // Thanks and greetings close a message by manners (`P.D. Gracias, guapo.`): no verdict.
            guard !Courtesy.terms.contains(context.contributions[index].term),
                  !context.contributions[index].rules.contains(where: { $0.rule.isKey("contrast") }) else { return }
            // A verb or a rule's reading states a fact (`Le falta modo oscuro.`): a verdict is said with an adjective, a
            // noun or an expression (`Una pena.`, `Bien por Endesa.`, `Así da gusto.`).
            guard !context.contributions[index].list.isKey("verbs"), !context.contributions[index].list.isKey("rule") else { return }
            sign = own
        }
        guard sign != 0, context.contributions.contains(where: { context.sentenceOf[$0.unit] < last && $0.value * sign < 0 }) else { return }
        for index in context.contributions.indices where context.sentenceOf[context.contributions[index].unit] == last {
            let value = context.contributions[index].value
            context.contributions[index].apply("closing verdict", cue: nil, to: value * factor)
        }
    }
}
