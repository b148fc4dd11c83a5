import EscuchaCore
import EscuchaNormalize

/// `aguantó golpes de todo tipo`, `me ahorro el papel y las pérdidas`, `el seguro evitó que perdiera el dinero`: a harm
/// named as what was avoided, prevented, saved or withstood did not happen. It is the occasion of the praise, not a
/// complaint, and weighs nothing (the explanation still shows it). Only the nouns and verbs that name the harm, after the
/// verb in its clause: an adjective there describes the thing (`evitad este sitio horrible` warns). Not where the verb is
/// negated (`no pude evitar las colas`: the harm happened). Withstanding counts in the third person only
/// (`la maleta aguantó golpes`): the writer who endures (`aguanté gritos`, `tuve que aguantar`) is complaining.
enum AvertedHarms {
    /// Words after the verb in which the harm may be named: `me ahorro el papel y las pérdidas`.
    static let reach = 6
    /// Verbs of avoiding, preventing and saving, by the start of their forms (`KeyLists.averting`).
    static let stems = ["evit", "preven", "previn", "ahorr"]
    /// Withstanding in the third person and its participle, by accent-free key; `aguanto`, also the first person
    /// present, counts only when written `aguantó`.
    static let withstanding: WordSet = ["aguanta", "aguantan", "aguantaron", "aguantaba", "aguantaban", "aguantado", "aguantando",
                                        "resiste", "resisten", "resistio", "resistieron", "resistia", "resistian", "resistido",
                                        "resistiendo"]
    static let lists: Set<String> = ["nouns", "verbs"]

    /// Whether a key opens with one of the stems, or is a withstanding form: asked once per key (`KeyFacts`).
    static func mayAvert(_ key: String) -> Bool {
        stems.contains { key.hasPrefix($0) } || withstanding.contains(key) || key == "aguanto"
    }

    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        guard context.mayHave(.averting), context.contributions.contains(where: { $0.value < 0 }) else { return }
        var contributions: ContributionIndex?
        for verb in context.units.indices where context.units[verb].facts.lists.contains(.averting) && averts(verb, context, text) {
            // The clause after the verb: `evitó que perdiera` goes on past its `que`, and a list of things past its `y`
            // before an article (`el papel y las pérdidas`; not `evité la cola y perdí el vuelo`).
            var end = verb + 1
            while end < context.units.count, end - verb <= reach, context.sentenceOf[end] == context.sentenceOf[verb],
                  end == verb + 1 && context.units[end].facts.word == .que || isListed(end, context)
                    || !context.units[end].breaksClause && !SentimentAnalyzer.isContrast(context.units, end) {
                end += 1
            }
            guard end > verb + 1 else { continue }
            if contributions == nil { contributions = context.contributionIndex() }
            for index in contributions!.contributions(of: (verb + 1)..<end)
            where context.contributions[index].value < 0 && lists.contains(context.contributions[index].list) {
                context.contributions[index].apply("averted", cue: context.cue(verb), to: 0)
            }
        }
    }

    /// Whether the unit joins one more thing to a list: `y` or `o` before an article.
    static func isListed(_ index: Int, _ context: RuleContext) -> Bool {
        let key = context.cue(index)
        return (key == "y" || key == "e" || key == "o") && index + 1 < context.units.count
            && context.units[index + 1].facts.lists.contains(.article)
    }

    /// Whether the unit is a verb of averting as written, not negated just before it (`no pude evitar`, `nunca evita`).
    static func averts(_ verb: Int, _ context: RuleContext, _ text: NormalizedText) -> Bool {
        let key = context.cue(verb)
        guard context.units[verb].tokens.count == 1, mayAvert(key) else { return false }
        if key == "aguanto", text.tokens[context.units[verb].tokens.lowerBound].folded != "aguantó" { return false }
        var previous = verb - 1
        while previous >= 0, verb - previous <= 3, context.sentenceOf[previous] == context.sentenceOf[verb], !context.units[previous].breaksClause {
            if context.units[previous].has(.negator) { return false }
            previous -= 1
        }
        return true
    }
}
