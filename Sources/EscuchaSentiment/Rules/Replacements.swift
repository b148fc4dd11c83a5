import EscuchaCore
import EscuchaNormalize

/// `…vino con un pixel muerto. Abrí incidencia y el viernes tenía uno nuevo en casa.`, `me bloquearon la tarjeta y me
/// mandaron otra sin costo`: a replacement received is a remedy too, told without a verb of remedy. `ResolvedStories`
/// reads it as one.
extension ResolvedStories {
    /// Receiving (`tenía uno nuevo`, `me llegó una nueva`) or being sent (`me mandaron otra`), in a past tense.
    static let receivingVerbs: WordSet = ["tener", "recibir", "llegar", "mandar", "enviar", "dar", "traer", "entregar"]
    /// What a replacement is called: `uno nuevo`, `la nueva`, `otra`.
    static let replacementWords: WordSet = ["nuevo", "nueva", "nuevos", "nuevas"]
    static let replacementDeterminers: WordSet = ["uno", "una", "unos", "unas", "el", "la", "los", "las"]
    static let another: WordSet = ["otro", "otra", "otros", "otras"]
    /// How many units after the verb the replacement may start (`me mandaron enseguida otra`).
    static let replacementReach = 3

    /// Whether the unit at `index` is a verb of receiving in a past tense whose object is a replacement.
    static func isReplacement(_ index: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let unit = context.units[index]
        // Bits only: the verb's lemma was told once per surface (`WordTraits.Action.receiving`).
        guard unit.traits.action.contains(.receiving), unit.traits.finite, unit.traits.past, !unit.traits.conditional,
              !unit.traits.pastSubjunctive, unit.tokens.count == 1, !context.isNegated(index) else { return false }
        let sentence = context.sentences[context.sentenceOf[index]]
        guard !sentence.contains(where: { context.units[$0].questionMarks > 0 }) else { return false }
        // One that came wrong again is no remedy: `me mandaron otro, también roto`.
        if context.contributions.contains(where: { $0.value < 0 && $0.unit > index && sentence.contains($0.unit) }) { return false }
        let end = min(index + 1 + replacementReach, sentence.upperBound)
        for position in index + 1..<end {
            let key = context.units[position].key
            // `otra vez` is again, not another one.
            if another.contains(key), !(position + 1 < sentence.upperBound && context.units[position + 1].key.isKey("vez")) { return true }
            if replacementDeterminers.contains(key), position + 1 < sentence.upperBound,
               replacementWords.contains(context.units[position + 1].key) { return true }
        }
        return false
    }
}
