import EscuchaCore
/// Sarcasm, where its cues are cheap and reliable: praise next to a repeated failure or a deprivation
/// (`qué bien, otra vez sin luz`, `genial, tercer día sin internet 👏`), or praise with 🙃 🙄 😒. The
/// positive words of that sentence turn negative. An emoji-only sentence right after counts as part of
/// the sentence it follows, and an emoji cue that ends a text with a complaint frames all of it
/// (`Excelente, ahora el cable se corta cuando llueve. Innovación pura 🙃`; a closing 👏 only when no
/// `pero` or `aunque` makes the text a plain mixed review). A closing 🙃 frames a text of several sentences
/// even where the model found no complaint (`Genial, ahora necesito la huella, el SMS y el PIN. Comodísimo 🙃`).
/// Without a cue, praise followed in its sentence by a failure the rules found (a deprivation or an
/// unmet expectation: `Genial el servicio: me cambiaron el router y tengo menos cobertura`) with no
/// contrast word between them is irony too; `La comida excelente pero no llegó el postre` is not. So is a
/// verb of liking whose clause holds a complaint (`me encanta pagar 60 euros para que el wifi vaya a pedales`).
/// Also: a quality in quotation marks in a text that complains (`un móvil "como nuevo"`), thanks for nothing or for
/// the complaint itself (`gracias a Movistar por nada`, `gracias Iberia por perder mi maleta`), and a word of surprise
/// alone before a sentence of complaints (`¡Increíble! Sigue el culebrón.`).
enum Sarcasm {
    /// A praise word read as irony is a complaint, but a milder one than the word's own strength.
    static let ironyFactor = -0.6
    /// Cues this strong (🙃, `otra vez`) mark irony with a negative situation; emoji cues of this strength
    /// mark it alone.
    static let strongCue = 1.0

    static let situations: WordSet = ["deprivation", "unmet expectation", "long wait"]
    static func isSituation(_ match: String) -> Bool {
        guard let first = match.utf8.first, first == UInt8(ascii: "d") || first == UInt8(ascii: "u") || first == UInt8(ascii: "l") else { return false }
        return situations.contains(match)
    }

    /// A failure the rules found: a situation, a slow verb the long-wait rule strengthened (`tardaron tres semanas`),
    /// or an expression of a long wait (`horas esperando`, `cola de horas`).
    /// Read in place, by index: a copy of the contribution retained its strings and rules.
    static func isFailure(_ index: Int, _ context: RuleContext) -> Bool {
        // A match's first byte before the set: each situation opens with its own ASCII letter (no other character is
        // canonically one), and most matches (`exact`, `lemma`, `expression`) open with another.
        isSituation(context.contributions[index].match) || context.contributions[index].rules.contains { $0.rule.isKey("long wait") }
            || context.contributions[index].match.isKey("expression") && LongWait.isWaitExpression(context.contributions[index].term)
    }

    static func apply(_ context: inout RuleContext) {
        ironicThanks(&context)
        scareQuotes(&context)
        ironies(&context)
        echoes(&context)
        indignantOpening(&context)
    }

    static func ironies(_ context: inout RuleContext) {
        // An emoji cue closing the text (only symbols after it): 🙃, or 👏 after a complaint with no `pero`.
        // The last word or symbol, found by index: `lastIndex(where:)` copied each unit it passed.
        var last = context.units.count - 1
        while last >= 0, !(context.units[last].isWord || context.units[last].isSymbolic) { last -= 1 }
        if last >= 0, context.units[last].isSymbolic {
            var index = last
            var closing: Int?
            while index >= 0, context.units[index].isSymbolic || !context.units[index].isWord && context.units[index].opinion == nil {
                if context.units[index].modifiers.contains(.sarcasm), context.units[index].isSymbolic { closing = index }
                index -= 1
            }
            let contrast = context.units.contains(where: SentimentAnalyzer.isContrast)
            let strong = closing.map { context.units[$0].modifiers[.sarcasm]! >= strongCue } ?? false
            // A complaint; before a strong cue (🙃) a word cue of a repeated failure is one too (`la micro pasó
            // llena por cuarta vez … 🙃`), though before 👏 it may be praise (`como siempre un gustazo 👏`).
            let hasNegative = context.contributions.contains { $0.value < 0 && !context.units[$0.unit].isSymbolic }
                || strong && context.units.indices.contains { context.units[$0].isWord && context.units[$0].has(.sarcasm)
                    && context.units[$0].modifiers[.sarcasm]! >= strongCue && !isPlainWord($0, context) }
                || strong && !contrast && context.sentences.count > 1
            if let closing, hasNegative, strong || !contrast {
                for index in context.contributions.indices where context.contributions[index].value > 0 {
                    let value = context.contributions[index].value
                    context.contributions[index].apply("sarcasm", cue: context.cue(closing), to: value * ironyFactor)
                }
                return
            }
        }
        // Irony turns praise, and needs a cue or a failure the rules found.
        // By index: `contains(where:)` over the arrays copied each unit or contribution it passed. The failures, dearest
        // to tell (`isFailure` scans an expression's bytes), asked last; the colon only in a text with one.
        // Without a sarcasm cue in the text (the union of its units' modifier kinds, exact) no sentence has one, and no
        // list of cues is made per sentence.
        let mayHaveCues = context.mayHave(.sarcasm)
        // Without a cue only `ironyWithoutCue` turns praise, and only praise as strong as `leastIronicPraise`: a text
        // with none (most) needs no failure looked for, nor an index made.
        guard context.contributions.indices.contains(where: { mayHaveCues ? context.contributions[$0].value > 0 : isIronicPraise($0, context) }),
              context.mayHave(.sarcasm) && context.units.indices.contains(where: { context.units[$0].modifiers.contains(.sarcasm) })
                || context.contributions.indices.contains(where: { context.contributions[$0].list.isKey("verbs") && likingVerbs.contains(context.contributions[$0].term) })
                || context.mayHave(.colon)
                    && context.units.indices.contains(where: { !context.units[$0].isWord && !context.units[$0].isSymbolic && context.units[$0].facts.lists.contains(.colon) })
                || context.contributions.indices.contains(where: { isFailure($0, context) })
        else { return }
        let contributions = context.contributionIndex()
        for (sentenceIndex, sentence) in context.sentences.enumerated() {
            var span = sentence
            if sentenceIndex + 1 < context.sentences.count {
                let next = context.sentences[sentenceIndex + 1]
                if context.units[next].allSatisfy({ $0.isSymbolic || !$0.isWord && $0.opinion == nil }) {
                    span = sentence.lowerBound..<next.upperBound
                }
            }
            let cues = !mayHaveCues ? [] : span.filter { context.units[$0].has(.sarcasm) && !isAdverbial($0, context) && !isPlainWord($0, context) }
            guard !cues.isEmpty else {
                ironyWithoutCue(&context, sentence: sentence, contributions)
                continue
            }
            let members = Array(contributions.contributions(of: span))
            let positive = members.filter { context.contributions[$0].value > 0 }
            guard !positive.isEmpty else { continue }
            let negative = members.contains { context.contributions[$0].value < 0 }
            let strongest = cues.max { context.units[$0].modifiers[.sarcasm]! < context.units[$1].modifiers[.sarcasm]! }!
            let weight = context.units[strongest].modifiers[.sarcasm]!
            let emojiAlone = context.units[strongest].isSymbolic && weight >= strongCue
            guard emojiAlone || negative else { continue }
            // Praise set against the complaint by a contrast word is a concession, not irony (`nos pusieron
            // una multa, pero la vista es espectacular`; `excelente el trato, pero llevo tres días sin luz`).
            let negatives = members.filter { context.contributions[$0].value < 0 }.map { context.contributions[$0].unit }
            for index in positive where !isContrasted(context.contributions[index].unit, with: negatives, context) {
                let value = context.contributions[index].value
                context.contributions[index].apply("sarcasm", cue: context.cue(strongest), to: value * ironyFactor)
            }
        }
    }

    /// Whether a contrast word stands between `unit` and every one of `others`, or opens the complaint itself (`Muy
    /// bonito, lo único malo es que…`: the expression is the complaint and the concession).
    static func isContrasted(_ unit: Int, with others: [Int], _ context: RuleContext) -> Bool {
        !others.isEmpty && others.allSatisfy { other in
            (min(unit, other) + 1..<max(unit, other) + (other > unit ? 1 : 0)).contains { SentimentAnalyzer.isContrast(context.units[$0]) }
        }
    }

    /// Verb stems of coming back or visiting, beside which a repetition is loyalty.
    static let returnStems = ["volv", "regres", "repet", "repit", "visit"]

    /// Cue words in their plain senses: `llevo`, `llevamos` without a time after them (`llevamos a los niños`, not
    /// `llevamos dos días sin luz`), and a repetition beside a return or a visit (`volvimos de nuevo`, `repetiremos otra
    /// vez`, `visitarlo de nuevo`): loyalty, not a failure repeated.
    static func isPlainWord(_ cue: Int, _ context: RuleContext) -> Bool {
        let key = context.units[cue].key
        if key.isKey("llevo") || key.isKey("llevamos") {
            let after = context.after(cue, limit: 3)
            return !after.contains { context.units[$0].traits.timeUnit != .none || context.units[$0].traits.since != .none }
        }
        guard !context.units[cue].isSymbolic, context.units[cue].modifiers[.sarcasm]! >= strongCue else { return false }
        let near = Array(context.before(cue, limit: 2)) + Array(context.after(cue, limit: 2))
        return near.contains { index in
            let key = context.units[index].key
            return mayHoldReturnStem(key) && key.split(separator: " ").contains { word in returnStems.contains { word.hasPrefix($0) } }
        }
    }

    static let returnStemBytes = returnStems.map { Array($0.utf8) }

    /// Whether the key's bytes hold one of `returnStems`: a word can open with a stem's Characters only if the bytes
    /// hold the stem's (an ASCII letter has no other spelling). Most neighbours hold none, and splitting each key and
    /// comparing Characters cost about 5,500 instructions a cue.
    static func mayHoldReturnStem(_ key: String) -> Bool {
        key.utf8.withContiguousStorageIfAvailable { bytes in
            returnStemBytes.contains { stem in
                bytes.count >= stem.count && (0...(bytes.count - stem.count)).contains { start in
                    stem.indices.allSatisfy { bytes[start + $0] == stem[$0] }
                }
            }
        } ?? true
    }

    /// `que bien` right before an opinion is an adverb (`que bien vale la pena`, `qué bien huele`), not the
    /// exclamation that opens an ironic complaint. A cue that is no praise (`otra vez sin agua`) stays a cue.
    static func isAdverbial(_ cue: Int, _ context: RuleContext) -> Bool {
        guard !context.units[cue].isSymbolic, context.units[cue].opinion != nil, cue + 1 < context.units.count,
              context.clauseOf[cue + 1] == context.clauseOf[cue] else { return false }
        return context.units[cue + 1].isWord && context.units[cue + 1].opinion != nil
    }
}

extension Sarcasm {
    /// The prepositions that name what occasioned an act, `por` and `tras` (`por una fuga`, `tras el apagón`), told by
    /// `isOccasionPreposition`. Not `de`, which as often measures the complaint (`hora y media de retraso`).
    static func isOccasionPreposition(_ unit: Int, _ context: RuleContext) -> Bool {
        context.units[unit].facts.word == .por || context.units[unit].key.isKey("tras")
    }
    /// How many words may stand between the preposition and the problem word (`por una larga espera`).
    static let occasionReach = 3

    /// Whether the noun or adjective at `unit` is the object of an occasion's preposition: walking back over words
    /// with no opinion and no conjugated verb, a preposition comes first, after a conjugated verb of its sentence.
    static func isOccasion(_ unit: Int, list: String, _ context: RuleContext) -> Bool {
        guard list.isKey("nouns") || list.isKey("adjectives") else { return false }
        var probe = unit - 1
        // Read in place, by index: a copy of each unit retained its key and opinion.
        while probe >= 0, unit - probe <= occasionReach {
            // The act it occasioned is told before it, by a conjugated verb (`me atendieron … por una fuga`): a bare
            // measure or cause (`hora y media de retraso`, `por un sinvergüenza`) is the complaint itself.
            if isOccasionPreposition(probe, context) {
                let sentence = context.sentenceOf[probe]
                var verb = probe - 1
                while verb >= 0, context.sentenceOf[verb] == sentence {
                    if context.units[verb].isWord, context.units[verb].traits.finite { return true }
                    verb -= 1
                }
                return false
            }
            if context.units[probe].opinion != nil || context.units[probe].traits.finite || !context.units[probe].isWord { return false }
            probe -= 1
        }
        return false
    }
}

extension Sarcasm {
    /// Strong praise opening a sentence (`Genial`, `Excelente`, `Qué maravilla`, `Bellísimo`: strong as listed
    /// or after its superlative), then a failure found by
    /// the rules, with no contrast word between. Milder praise next to a fault (`habitación amplia; poca
    /// presión de agua`) is a mixed review, not irony.
    static let ironicPraise = 3.0

    /// Praise that a colon opens onto nothing but complaints (`Gran servicio de la aerolínea: me cambiaron de asiento sin
    /// avisar…`) is irony from this strength on: the colon announces what the praise is about.
    static let colonPraise = 2.5
    /// How far after the praise the colon may be (`Genial el servicio técnico de la compañía:`).
    static let colonReach = 8
    /// The weaker of the two strengths: praise below it is never irony without a cue.
    static let leastIronicPraise = min(colonPraise, ironicPraise)

    /// Praise strong enough to open an irony without a cue (read in place: a copy retained the contribution's strings).
    static func isIronicPraise(_ index: Int, _ context: RuleContext) -> Bool {
        context.contributions[index].value > 0
            && max(context.contributions[index].valence, context.contributions[index].value) >= leastIronicPraise
    }

    static func ironyWithoutCue(_ context: inout RuleContext, sentence: Range<Int>, _ contributions: ContributionIndex) {
        let slice = contributions.contributions(of: sentence)
        // What the end requires of the sentence's opening contribution, asked first: praise, as strong as the weaker of the
        // two strengths. Most sentences open otherwise, and then no failure is looked for (nor an array made).
        guard let opening = slice.min(by: { context.contributions[$0].unit < context.contributions[$1].unit }),
              isIronicPraise(opening, context)
        else { return }
        let members = Array(slice)
        let colonFailure = colonFrame(members, sentence: sentence, context)
        guard let failure = members.filter({ isFailure($0, context) }).map({ context.contributions[$0].unit }).min()
            ?? likedComplaint(members, context) ?? colonFailure
        else { return }
        // The praise before the failure, and an emoji after it that echoes the praise (`me encanta que el wifi vaya a
        // pedales 😍`).
        let praise = members.filter {
            context.contributions[$0].value > 0
                && (context.contributions[$0].unit < failure || context.units[context.contributions[$0].unit].isSymbolic)
        }
        let strength = colonFailure == failure ? colonPraise : ironicPraise
        guard praise.contains(opening), max(context.contributions[opening].valence, context.contributions[opening].value) >= strength
        else { return }
        let first = praise.map { context.contributions[$0].unit }.min()!
        let contrast = (first..<failure).contains { SentimentAnalyzer.isContrast(context.units[$0]) }
        guard !contrast else { return }
        for index in praise {
            let value = context.contributions[index].value
            context.contributions[index].apply("sarcasm", cue: contributions.contributions(of: failure..<failure + 1).first.map { context.contributions[$0].term },
                                               to: value * ironyFactor)
        }
    }
}

extension Sarcasm {
    /// The first complaint after a colon close after the sentence's opening praise, when the rest of the sentence holds
    /// complaints only.
    static func colonFrame(_ members: [Int], sentence: Range<Int>, _ context: RuleContext) -> Int? {
        guard let opening = members.min(by: { context.contributions[$0].unit < context.contributions[$1].unit }),
              context.contributions[opening].value > 0 else { return nil }
        let praise = context.contributions[opening].unit
        guard let colon = (praise + 1..<min(praise + 1 + colonReach, sentence.upperBound)).first(where: {
            !context.units[$0].isWord && !context.units[$0].isSymbolic && context.units[$0].key.hasPrefix(":")
        }) else { return nil }
        let after = members.filter { context.contributions[$0].unit > colon }
        // A full complaint, not a caveat (`Excelente hotel: la habitación un poco pequeña`).
        guard !after.isEmpty, after.allSatisfy({ context.contributions[$0].value < 0 }),
              after.reduce(0, { $0 + context.contributions[$1].value }) <= echoedComplaint else { return nil }
        return after.map { context.contributions[$0].unit }.min()
    }
}

extension Sarcasm {
    /// Verbs of liking that, opening a sentence, can take a clause (`me encanta que…`, `me encanta pagar…`).
    static let likingVerbs: WordSet = ["encantar", "fascinar", "amar", "adorar"]

    /// `Me encanta pagar 60 euros para que el wifi vaya a pedales`, `me fascina que siempre se caiga la app`: a
    /// verb of liking whose own clause (up to punctuation) holds a complaint likes the complaint, which is irony.
    /// The unit of that complaint, if the sentence opens with such a verb followed by `que` or an infinitive.
    static let learningVerbs: WordSet = ["leer", "aprender", "saber", "descubrir", "escuchar", "oir", "mirar", "observar"]

    static func likedComplaint(_ members: [Int], _ context: RuleContext) -> Int? {
        guard let opening = members.min(by: { context.contributions[$0].unit < context.contributions[$1].unit }),
              likingVerbs.contains(context.contributions[opening].term), context.contributions[opening].value > 0 else { return nil }
        let verb = context.contributions[opening].unit
        guard verb + 1 < context.units.count, context.units[verb + 1].facts.word == .que || context.units[verb + 1].traits.infinitive else { return nil }
        // Liking to see, know or read about something grim is sincere (`me encantó conocer la historia de los amantes
        // infelices`, `me encanta leer novelas de terror`): the grim word is the subject, not a complaint.
        let next = context.units[verb + 1]
        if next.traits.infinitive, next.traits.action.contains(.recommendable) || Self.learningVerbs.contains(next.key) { return nil }
        var end = verb + 1
        while end < context.units.count, context.sentenceOf[end] == context.sentenceOf[verb],
              context.units[end].isWord || context.units[end].isSymbolic || !context.units[end].breaksClause { end += 1 }
        return members.map { context.contributions[$0] }.filter { $0.value < 0 && $0.unit > verb && $0.unit < end && !context.units[$0.unit].isSymbolic }
            .map(\.unit).min()
    }

    /// A complaint this strong or stronger (the sum of its sentence, none of it praise)…
    static let echoedComplaint = -1.5
    /// …followed by a short sentence of praise alone, at most this many words…
    static let echoWords = 4
    /// …made of praise and of words that say nothing of their own.
    static let echoFillers: WordSet = ["que", "un", "una", "unos", "unas", "son", "sois", "es", "eh", "de", "verdad", "todo", "toda"]

    /// Praise that answers a complaint in a sentence of its own, with nothing it could be about (`…que nunca
    /// pedí. Increíble.`, `Me cobraron dos veces. Genial.`, `…cortando internet a las 9. Qué puntualidad 😍`,
    /// `Unos genios 👏`, `Gracias por tanto, Ryanair.`), is exasperation. `El resto, excelente` names what it
    /// praises: a mixed review.
    /// A failure told as happening again (`otra vez me dejaron el paquete en la portería…`): a complaint though no word of
    /// it is an opinion. The cue in its strong sense, not beside a verb of coming back (`volvimos otra vez` is loyalty),
    /// and something done again (a verb in a past tense: `Otra vez en este hotel.` may be a guest come back).
    static func repeatsAFailure(_ sentence: Range<Int>, _ context: RuleContext) -> Bool {
        context.mayHave(.sarcasm) && sentence.contains { index in
            context.units[index].isWord && (context.units[index].modifiers[.sarcasm] ?? 0) >= strongCue && !isPlainWord(index, context)
        } && sentence.contains { context.units[$0].traits.finite && context.units[$0].traits.past }
    }

    static func echoes(_ context: inout RuleContext) {
        guard context.sentences.count > 1, context.contributions.indices.contains(where: { context.contributions[$0].value > 0 }) else { return }
        // Most texts have no short sentence after the first: the index is built only for one that does.
        var index: ContributionIndex?
        for position in 1..<context.sentences.count {
            let sentence = context.sentences[position]
            // At most four words and a few marks or emoji: longer sentences are skipped before their words are counted.
            guard sentence.count <= echoWords * 3 else { continue }
            var wordCount = 0
            for unit in sentence where context.units[unit].isWord { wordCount += 1 }
            guard wordCount > 0, wordCount <= echoWords else { continue }
            if index == nil { index = context.contributionIndex() }
            let contributions = index!
            let members = contributions.contributions(of: sentence)
            guard !members.isEmpty, members.allSatisfy({ context.contributions[$0].value > 0 }) else { continue }
            // The complaint before it, asked before the sentence's words are gathered (a set and an array): most short
            // praise follows none. Summed in the same order as the values' array this made.
            let before = contributions.contributions(of: context.sentences[position - 1])
            guard before.allSatisfy({ context.contributions[$0].value < 0 }),
                  !before.isEmpty && before.reduce(0, { $0 + context.contributions[$1].value }) <= echoedComplaint
                    || repeatsAFailure(context.sentences[position - 1], context) else { continue }
            // A problem named only as the occasion of what was done (`me atendieron por una fuga de gas`, `disculpándose
            // por el retraso`) is no complaint for the praise to answer.
            // A failure told as happening again is one whatever its words (`otra vez la app de Bancolombia caída`).
            if !before.isEmpty, before.allSatisfy({ isOccasion(context.contributions[$0].unit, list: context.contributions[$0].list, context) }),
               !repeatsAFailure(context.sentences[position - 1], context) { continue }
            let praised = Set(members.map { context.contributions[$0].unit })
            let words = sentence.filter { context.units[$0].isWord }
            guard words.allSatisfy({ unit in
                praised.contains(unit) || echoFillers.contains(context.units[unit].key)
                    || context.units[unit].has(.booster) && context.units[unit].opinion == nil
                    // The brand addressed: `Gracias por tanto, Ryanair.`
                    || context.units[unit].traits.capitalised && unit != words.first && context.units[unit].opinion == nil
            }) else { continue }
            // `Gracias.` closing a complaint is courtesy, unless the complaint was already ironic (`Qué alegría…
            // me han cobrado 3 €. Gracias, de verdad 🥰`).
            let ironic = before.contains { context.contributions[$0].rules.contains { $0.rule.isKey("sarcasm") } }
            if !ironic, members.contains(where: { Courtesy.terms.contains(context.contributions[$0].term) }) { continue }
            for index in members {
                let value = context.contributions[index].value
                context.contributions[index].apply("sarcasm", cue: "after a complaint", to: value * ironyFactor)
            }
        }
    }
}

extension Sarcasm {
    /// The most words inside quotation marks that read as the company's word quoted: `"como nuevo"`, `tarifa "flexible"`.
    static let quotedWords = 3

    /// Praise in quotation marks, in a text that complains outside them (`un móvil reacondicionado "como nuevo" y la
    /// batería no llega a mediodía`, `te venden la instalación "gratis"`): the writer quotes a word and does not stand by
    /// it. Quotes that stress praise or name a title (`el desayuno es "espectacular"`) come with no complaint and are left.
    static func scareQuotes(_ context: inout RuleContext) {
        // Only a text with a quotation mark (the units' keys' facts, exact) may quote: most have none.
        guard context.mayHave(.quote), context.contributions.indices.contains(where: { context.contributions[$0].value < 0 }) else { return }
        // Nouns quoted are mostly names and terms (`los 'amores imposibles'`); the quoted claim is a quality.
        for index in context.contributions.indices where context.contributions[index].value > 0 && !context.contributions[index].list.isKey("nouns") {
            // A quoted name (`la leyenda de los 'amores imposibles'`, a song's `"Querida"`) holds words of both signs or
            // opens with a capital: it names something and says nothing of it.
            guard let quoted = quotedSpan(around: context.contributions[index].unit, context), !context.units[quoted.lowerBound].traits.capitalised,
                  !context.contributions.indices.contains(where: { context.contributions[$0].value < 0 && quoted.contains(context.contributions[$0].unit) }),
                  context.contributions.indices.contains(where: { context.contributions[$0].value < 0 && !quoted.contains(context.contributions[$0].unit) })
            else { continue }
            let value = context.contributions[index].value
            context.contributions[index].apply("sarcasm", cue: "quotation marks", to: value * ironyFactor)
        }
    }

    /// The units between the quotation marks around `unit`, when at most `quotedWords` words stand between them.
    static func quotedSpan(around unit: Int, _ context: RuleContext) -> Range<Int>? {
        func isQuote(_ index: Int) -> Bool { !context.units[index].isWord && SpaceSizes.quotes.contains(context.units[index].key) }
        var open = unit - 1
        while open >= 0, unit - open <= quotedWords, context.units[open].isWord { open -= 1 }
        var close = unit + 1
        while close < context.units.count, close - unit <= quotedWords, context.units[close].isWord { close += 1 }
        guard open >= 0, close < context.units.count, isQuote(open), isQuote(close), close - open - 1 <= quotedWords else { return nil }
        return open + 1..<close
    }
}

extension Sarcasm {
    /// `Gracias a Movistar por nada`, `gracias Iberia por nada`: thanks for nothing with the one thanked between, which
    /// the expression `gracias por nada` cannot span. It weighs as that expression does. Thanks for a complaint is irony.
    static let thanksForNothingValue = -2.0
    /// The most words between the thanks and `por nada`: `gracias a la compañía por nada`.
    static let thanksReach = 5

    static func ironicThanks(_ context: inout RuleContext) {
        for index in context.contributions.indices where context.contributions[index].value > 0 && context.contributions[index].term.isKey("gracias") {
            let thanks = context.contributions[index].unit
            let clause = context.clauseOf[thanks]
            var probe = thanks + 1
            while probe + 1 < context.units.count, probe - thanks <= thanksReach, context.clauseOf[probe + 1] == clause {
                if context.units[probe].facts.word == .por, context.units[probe + 1].key.isKey("nada"),
                   probe + 2 == context.units.count || !context.units[probe + 2].isWord && context.units[probe + 2].breaksClause {
                    context.contributions[index].apply("sarcasm", cue: "por nada", to: thanksForNothingValue)
                    break
                }
                // `Gracias por hacernos esperar dos horas`, `gracias Iberia por perder mi maleta`: thanks for a complaint,
                // the action right after `por`, with no other praise in the sentence. `Gracias por avisar del retraso`
                // thanks for the notice, and `gracias por bloquear rápido la tarjeta…, una atención de diez` for a
                // service: they stay.
                if context.units[probe].facts.word == .por,
                   let action = context.contributions.indices.first(where: { context.contributions[$0].unit == probe + 1 && context.contributions[$0].value < 0 }) {
                    let praised = context.contributions.indices.contains { other in
                        other != index && context.contributions[other].value > 0 && !context.units[context.contributions[other].unit].isSymbolic
                            && context.sentenceOf[context.contributions[other].unit] == context.sentenceOf[thanks]
                    }
                    if praised {
                        // The service thanked for is no complaint: `bloquear` here protected the customer.
                        context.contributions[action].apply("gratitude", cue: "gracias … por", to: 0)
                    } else {
                        let value = context.contributions[index].value
                        context.contributions[index].apply("sarcasm", cue: "por \(context.units[probe + 1].key)", to: value * ironyFactor)
                    }
                    break
                }
                probe += 1
            }
        }
    }
}

extension Sarcasm {
    /// Words of sheer surprise, praise only when what they exclaim is good.
    static let surpriseWords: WordSet = ["increible", "alucinante", "impresionante", "flipante", "insolito", "inaudito"]

    /// `¡Increíble! Sigue el culebrón.`, `¡Alucinante! Me cobraron dos veces el mismo billete.`: a word of surprise
    /// alone as the first sentence, then a sentence of complaints only, is indignation at them, not praise.
    /// `Increíble. La mejor comida de mi vida.` keeps its praise.
    static func indignantOpening(_ context: inout RuleContext) {
        guard context.sentences.count > 1 else { return }
        let first = context.sentences[0]
        var word: Int?
        for unit in first where context.units[unit].isWord {
            guard word == nil else { return }
            word = unit
        }
        guard let word, surpriseWords.contains(context.units[word].key),
              let opening = context.contributions.indices.first(where: { context.contributions[$0].unit == word }),
              context.contributions[opening].value > 0 else { return }
        let next = context.sentences[1]
        let complaints = context.contributions.indices.filter { next.contains(context.contributions[$0].unit) }
        guard !complaints.isEmpty, complaints.allSatisfy({ context.contributions[$0].value < 0 }),
              complaints.reduce(0, { $0 + context.contributions[$1].value }) <= echoedComplaint else { return }
        let value = context.contributions[opening].value
        context.contributions[opening].apply("indignation", cue: "before a complaint", to: value * ironyFactor)
    }
}
