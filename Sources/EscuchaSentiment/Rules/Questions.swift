/// Questions: `¿es bueno?` asks rather than praises, so opinions in a question count half. A rhetorical
/// question is a complaint: `¿hasta cuándo?`, `¿cómo es posible…?`, `¿en serio?` add their cue's valence
/// and keep the opinions whole.
enum Questions {
    static let questionFactor = 0.5

    static func apply(_ context: inout RuleContext) {
        for sentence in context.sentences {
            guard context.units[sentence].contains(where: { $0.questionMarks > 0 }) else { continue }
            if let cue = sentence.first(where: { context.units[$0].has(.rhetorical) }) {
                let weight = context.units[cue].modifiers[.rhetorical]!
                context.contributions.append(RuleContext.Working.cue(unit: cue, term: context.cue(cue), rule: "rhetorical question", cue: context.cue(cue), value: weight))
                continue
            }
            for index in context.contributions.indices where sentence.contains(context.contributions[index].unit) {
                let value = context.contributions[index].value
                context.contributions[index].apply("question", cue: "?", to: value * questionFactor)
            }
        }
    }
}

/// Courtesy: `¿Puedo cambiar el vuelo? Gracias :)` thanks in advance for an answer; in a text that asks,
/// thanks, greetings and smileys are manners, not a verdict, and count a third.
enum Courtesy {
    static let factor = 0.3
    static let terms: Set<String> = ["gracias", "muchas gracias", "mil gracias", "muchísimas gracias", "gracias de antemano",
                                     "un saludo", "saludos", "felices fiestas", "feliz navidad", "feliz día", "amable"]

    static func apply(_ context: inout RuleContext) {
        guard context.units.contains(where: { $0.questionMarks > 0 }) else { return }
        for index in context.contributions.indices {
            let working = context.contributions[index]
            guard working.value > 0, terms.contains(working.term) || context.units[working.unit].isSymbolic else { continue }
            context.contributions[index].apply("courtesy", cue: "?", to: working.value * factor)
        }
    }
}
