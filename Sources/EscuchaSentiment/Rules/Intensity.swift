import EscuchaCore
import EscuchaNormalize

/// Emphasis inside the word itself: `-ísimo`, intensifying prefixes (`superbueno`), capitals and
/// stretched letters.
enum Intensity {
    /// Capitals stress a word (`PÉSIMO`), but less than a booster word does.
    static let capitalsFactor = 1.25
    /// A stretched word (`buenooo`) is stressed a little less than one in capitals.
    static let elongationFactor = 1.15

    static func apply(_ context: inout RuleContext, text: NormalizedText) {
        for index in context.contributions.indices {
            let unitIndex = context.contributions[index].unit
            // In place: copying the unit and the contribution (and writing it back) retained their strings and arrays.
            // The entry's own rules by index, read in place: copying the list out retained and released it at every
            // contribution (about 17,000 times per MB of texts), and most lists are empty.
            for step in 0..<(context.units[unitIndex].opinion?.intensity.count ?? 0) {
                let (rule, cue, factor) = context.units[unitIndex].opinion!.intensity[step]
                let value = context.contributions[index].value
                context.contributions[index].apply(rule, cue: cue, to: value * factor)
            }
            let emphasis = text.emphasis(context.units[unitIndex].tokens)
            if emphasis.contains(.allCaps) && !context.shouting {
                let value = context.contributions[index].value
                context.contributions[index].apply("capitals", cue: nil, to: value * capitalsFactor)
            }
            if emphasis.contains(.elongated) {
                let value = context.contributions[index].value
                context.contributions[index].apply("elongation", cue: nil, to: value * elongationFactor)
            }
        }
    }
}

/// Boosters and dampeners before an opinion word, weaker with distance: `muy caro`, `un poco lento`,
/// `bien caro`, `demasiado lento`; and a quantity right after a verb: `me gustó mucho`.
enum Intensifiers {
    /// How much of a modifier's effect reaches a word 1, 2 or 3 words after it. `muy` is meant for the
    /// next word; two words on (`muy buen servicio`) it still applies, further it is probably another's.
    static let decay = [1.0, 0.8, 0.6]
    /// `demasiado` before a mild positive word (up to this valence) means too much of it…
    static let excessLimit = 1.5
    /// …and turns it into a mild complaint.
    static let excessFactor = -0.6

    static func apply(_ context: inout RuleContext) {
        // Only a text with a booster or a dampener has anything to read here (`RuleContext.mayHave`): about half have neither.
        let boosted = context.mayHave(.booster)
        guard boosted || context.mayHave(.dampener) else { return }
        for index in context.contributions.indices {
            let unitIndex = context.contributions[index].unit
            // `muy` boosts words; an emoji after it (`dentro de muy poco 😁`) is the writer's comment.
            guard context.units[unitIndex].isWord else { continue }
            for (distance, other) in context.before(unitIndex, limit: decay.count).enumerated() {
                // Read in place, the key only where a modifier is found: a copy of the unit retained its key and opinion.
                guard context.units[other].opinion == nil else { continue }
                let modifiers = context.units[other].modifiers
                for kind in [ModifierKind.booster, .dampener] {
                    guard let weight = modifiers[kind] else { continue }
                    let key = context.units[other].key
                    if kind == .dampener, key.isKey("algo"), isSomething(other, before: context.contributions[index], context) { continue }
                    // `demasiado sencillo`, `demasiado pequeño`: too much of a mild virtue is a fault.
                    if key.isKey("demasiado"), distance == 0, context.contributions[index].value > 0,
                       context.contributions[index].valence <= excessLimit {
                        let value = context.contributions[index].value
                        context.contributions[index].apply("excess", cue: "demasiado", to: value * excessFactor)
                        continue
                    }
                    let factor = 1 + (weight - 1) * decay[distance]
                    let value = context.contributions[index].value
                    context.contributions[index].apply(kind.rawValue, cue: context.cue(other), to: value * factor)
                }
            }
            if boosted { afterVerb(&context, index) }  // which reads a booster after the word
        }
    }

    /// `algo` is `somewhat` only right before the word it grades (`algo caro`, `algo lento`, `algo más caro`). It is `something`
    /// before a word that has no degrees, a superlative or an extreme (`algo interesantísimo`, `algo increíble`, `no
    /// es algo extraordinario`); with a word between (`algo tan bonito`, `algo muy especial`); and as the object of
    /// a verb other than a copula (`buscábamos algo especial`, `probamos algo diferente`).
    static let extremeValence = 3.0
    /// Copulas, whose complement `algo` grades (`es algo caro`, `está algo sucio`, `me pareció algo lento`), and the words
    /// that stand before it in their place (`lo tienen algo sucio`, `se ve algo viejo`).
    static let copulas: WordSet = ["es", "era", "fue", "son", "eran", "fueron", "sea", "sean", "seria", "esta", "estaba", "estuvo",
                                       "estan", "estaban", "este", "esten", "parece", "parecia", "parecio", "parecen", "resulta",
                                       "resulto", "resultan", "queda", "quedo", "quedan", "quedaron", "quede", "quedamos", "se", "lo",
                                       "la", "los", "las", "me", "nos", "muy", "ser", "estar", "sentimos", "senti", "siento", "veo", "ve"]

    static func isSomething(_ algo: Int, before working: RuleContext.Working, _ context: RuleContext) -> Bool {
        // `algo más caro` grades the comparative: somewhat more.
        let graded = (algo + 1..<working.unit).allSatisfy { ["mas", "menos"].contains(context.units[$0].key) }
        if !graded || abs(working.valence) >= extremeValence || working.rules.contains(where: { $0.rule.isKey("superlative") }) { return true }
        guard algo > 0, context.clauseOf[algo - 1] == context.clauseOf[algo] else { return false }
        let previous = context.units[algo - 1]
        return previous.isWord && (previous.traits.finite || previous.traits.infinitive) && !copulas.contains(previous.key)
    }

    /// Quantity boosters follow the verb they stress: `me gustó mucho`, `lo han mejorado muchísimo`, `tarda
    /// demasiado`, `nos ayudaron bastante`, `ha mejorado un montón` (a phrase key keeps its accents).
    static let afterVerbBoosters: WordSet = ["mucho", "muchisimo", "bastante", "demasiado", "enormemente", "horrores", "un montón", "un monton"]

    /// Under a negation the booster weakens the word instead, before the negation shifts it: `no me gustó
    /// mucho` (−1.75) is milder than `no me gustó` (−2).
    static func afterVerb(_ context: inout RuleContext, _ index: Int) {
        let unitIndex = context.contributions[index].unit  // the unit is read in place: a copy retained its key and opinion
        let next = unitIndex + 1
        guard next < context.units.count, context.clauseOf[next] == context.clauseOf[unitIndex], !context.units[unitIndex].breaksClause,
              context.units[next].opinion == nil, afterVerbBoosters.contains(context.units[next].key),
              let weight = context.units[next].modifiers[.booster] else { return }
        let isVerb = context.contributions[index].list.isKey("verbs") || context.units[unitIndex].traits.finite
            || unitIndex > 0 && WordReading.perfectAuxiliaries.contains(context.units[unitIndex - 1].key)
        guard isVerb else { return }
        let value = context.contributions[index].value
        if context.isNegated(unitIndex) {
            context.contributions[index].apply(ModifierKind.dampener.rawValue, cue: context.cue(next), to: value / weight)
        } else {
            context.contributions[index].apply(ModifierKind.booster.rawValue, cue: context.cue(next), to: value * weight)
        }
    }
}

/// `!` after an opinion stresses the whole sentence: a little per mark, up to three.
enum Exclamation {
    static let perMark = 0.1
    static let maximumMarks = 3

    static func apply(_ context: inout RuleContext) {
        guard !context.contributions.isEmpty, context.exclaims else { return }
        let contributions = context.contributionIndex()
        for sentence in context.sentences {
            let marks = sentence.reduce(0) { $0 + context.units[$1].exclamationMarks }  // by index: no unit copied
            guard marks > 0 else { continue }
            let factor = 1 + perMark * Double(min(marks, maximumMarks))
            for index in contributions.contributions(of: sentence) {
                let value = context.contributions[index].value
                context.contributions[index].apply("exclamation", cue: String(repeating: "!", count: min(marks, maximumMarks)), to: value * factor)
            }
        }
    }
}

extension NormalizedText {
    /// The emphasis of a run of tokens: capitals when every word is in capitals, stretched when any is.
    func emphasis(_ range: Range<Int>) -> Emphasis {
        var result: Emphasis = []
        var allCaps = true
        // By index, each token's emphasis read where it lies: `for token in tokens[range]` copied each token, retaining
        // and releasing its forms (40,000 times on 1 MB).
        for index in range {
            let emphasis = tokens[index].emphasis
            if emphasis.contains(.elongated) { result.insert(.elongated) }
            if !emphasis.contains(.allCaps) { allCaps = false }
        }
        if allCaps { result.insert(.allCaps) }
        return result
    }
}
