import EscuchaCore
/// History and legends retold: `aquí fusilaron a los héroes de la independencia`, `cuenta la leyenda que el
/// padre mató a su hija`. Deaths and battles told of the past, in the third person, are the story of the place,
/// not the writer's opinion of it; a review of a historic site tells them to say what the visit is about. In a
/// sentence that names history or a legend, has a verb in the preterite and no first or second person (the
/// writer and the reader: `nos`, `fuimos`, `te`), a verb or noun of harm (`atacaron`, `la tragedia`) or a participle
/// in the passive (`fueron asesinadas`) weighs `factor` of itself: nothing, since a story's harms are no opinion (at
/// 0.25 a review that only retold the story of a site still read as a complaint). The writer's own visit (`fuimos y
/// nos asaltaron`) and judgements of the place (`el guion es repetitivo`, `está descuidado`) keep their weight.
enum Narration {
    static let factor = 0.0
    static let cues: WordSet = ["historia", "historias", "leyenda", "leyendas", "guerra", "independencia", "revolucion",
                                    "batalla", "batallas", "siglo", "siglos", "heroe", "heroes", "insurgente", "insurgentes",
                                    "conquista", "virreinato", "martir", "martires", "cristeros", "epidemia", "colera"]
    static let persons = WordSet.writerAndReader

    /// The lexicon lists that hold events and harms.
    static let events: WordSet = ["verbs", "nouns"]

    /// Forms of `ser` that make a participle after them an event suffered (`fueron asesinadas`, `al ser expulsados`),
    /// not a state judged (`está descuidado`).
    static let passiveAuxiliaries: WordSet = ["fue", "fueron", "ser", "siendo", "sido", "fuera", "fueran"]

    /// An adjective that is a participle in the passive: the event told, as a verb is.
    static func isPassiveEvent(_ index: Int, _ context: RuleContext) -> Bool {
        let unit = context.contributions[index].unit
        return context.contributions[index].list.isKey("adjectives") && unit > 0 && passiveAuxiliaries.contains(context.units[unit - 1].key)
    }

    static func apply(_ context: inout RuleContext) {
        guard context.traitSummary.contains(.history), context.contributions.indices.contains(where: { context.contributions[$0].value < 0 }), context.units.indices.contains(where: { context.units[$0].traits.frame.contains(.history) })
        else { return }
        let contributions = context.contributionIndex()
        for sentence in context.sentences {
            let units = context.units[sentence]
            guard let cue = sentence.first(where: { context.units[$0].traits.frame.contains(.history) }), units.contains(where: { $0.traits.reported }),
                  !units.contains(where: { $0.traits.frame.contains(.person) || $0.traits.finite && $0.key.hasSuffix("mos") })
            else { continue }
            // Events and harms (`atacaron`, `incendió`, `la tragedia`), not judgements (`el guion es repetitivo`,
            // `caro`) nor the situations the rules read.
            for index in contributions.contributions(of: sentence)
            where context.contributions[index].value < 0 && (events.contains(context.contributions[index].list) || isPassiveEvent(index, context)) {
                let value = context.contributions[index].value
                context.contributions[index].apply("narration", cue: context.cue(cue), to: value * factor)
            }
        }
    }
}
