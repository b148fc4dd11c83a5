import EscuchaCore

/// `os recomiendo que no piséis este sitio`, `te aconsejo no ir`, `les recomiendo que no pidan el pulpo`: a
/// recommendation of not doing something praises nothing. It is a warning or a tip (`recomiendo no comprar luego luego,
/// primero compara precios`, `se recomienda no traer coche en temporada alta`), and only the rest of the text tells
/// which, so the verb's praise weighs 0 and the action keeps its own reading. An action the negation makes praise
/// (`no perderse el postre`, `que no se pierdan…`) is advice to go: the recommendation stays praise.
enum Warnings {
    static let verbs: WordSet = ["recomendar", "aconsejar", "sugerir"]
    /// Words that may stand between the verb and the `no`: whom it is said to, how much, and `que`.
    static let between: WordSet = ["a", "todos", "todas", "ustedes", "vosotros", "vosotras", "que", "encarecidamente", "sinceramente",
                                   "de", "verdad", "mucho", "mejor"]
    static let reach = 5

    /// The verbs' forms by their start (`recomiendo`, `aconsejamos`, `sugiero`), told once per key (`KeyLists.advising`).
    static let stems = ["recomend", "recomiend", "aconsej", "suger", "sugier"]
    static func mayAdvise(_ key: String) -> Bool { stems.contains { key.hasPrefix($0) } }

    static func apply(_ context: inout RuleContext) {
        guard context.mayHave(.advising) else { return }
        let units = context.units
        for index in context.contributions.indices
        where context.contributions[index].value > 0 && units[context.contributions[index].unit].facts.lists.contains(.advising)
            && verbs.contains(context.contributions[index].term) {
            let verb = context.contributions[index].unit
            let sentence = context.sentenceOf[verb]
            var no = verb + 1
            while no < units.count, no - verb <= reach, context.sentenceOf[no] == sentence, units[no].isWord,
                  units[no].facts.word != .no, between.contains(units[no].key) {
                no += 1
            }
            guard no < units.count, no - verb <= reach, context.sentenceOf[no] == sentence else { continue }
            // An expression that holds the `no` (`que no pidan`) is the action itself.
            let held = units[no].tokens.count > 1 && context.contributions.indices.contains { other in
                context.contributions[other].unit == no
                    && (context.contributions[other].term.hasPrefix("no ") || context.contributions[other].term.hasPrefix("que no "))
            }
            guard held || units[no].facts.word == .no else { continue }
            var action = held ? no : no + 1
            while !held, action < units.count, units[action].traits.frame.contains(.clitic) || units[action].key.isKey("se") { action += 1 }
            guard action < units.count, context.sentenceOf[action] == sentence, units[action].isWord else { continue }
            // What the negation made of the action, if it is an opinion (or an expression that holds the `no`).
            let read = context.contributions.indices.first { context.contributions[$0].unit == action || context.contributions[$0].unit == no }
            if let read, context.contributions[read].value > 0 { continue }
            context.contributions[index].apply("warning", cue: "no", to: 0)
        }
    }
}
