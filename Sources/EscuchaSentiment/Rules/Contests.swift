import EscuchaCore

/// `#sorteo participo con mi mejor amiga @sofi ❤️`, `Participo!! 🎁 @ana @jorge`: a comment that enters a giveaway under a
/// brand's post says nothing of the brand; its hearts and `mejor amiga` are for the friends tagged. On brand pages such
/// entries are many, and read as praise they would flood the positive share. Every contribution weighs the entry
/// word's weight (`participo` in the modifiers, or a contest hashtag).
enum ContestEntries {
    /// Hashtags that enter or name a giveaway, by their folded word.
    static let hashtags: WordSet = ["sorteo", "sorteos", "concurso", "giveaway", "participo", "yoparticipo"]
    static let hashtagWeight = 0.2

    static func apply(_ context: inout RuleContext) {
        guard context.mayHave(.contest), !context.contributions.isEmpty else { return }
        var weight = 1.0
        var cue = 0
        for index in context.units.indices {
            if let own = context.units[index].modifiers[.contest], own < weight {
                weight = own
                cue = index
            }
        }
        guard weight < 1 else { return }
        for index in context.contributions.indices {
            let value = context.contributions[index].value
            context.contributions[index].apply("contest entry", cue: context.cue(cue), to: value * weight)
        }
    }
}
