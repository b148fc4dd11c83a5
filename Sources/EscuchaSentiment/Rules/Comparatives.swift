import EscuchaCore
/// Comparatives and post-nominal adjectives.
///
/// - `mejor`, `peor` under a negation of comparison (`nada mejor que`, `no hay nada peor`, `no conozco ninguno
///   con mejores vistas`) or of existence and experience (`no hay mejor lugar`, `no encontrarás un sitio mejor`,
///   `nunca he comido mejor`) are not negated: nothing is better means this is best. They keep their sign and
///   are stressed. A negated copula keeps the negation: `no es mejor que el anterior` is a complaint.
/// - `antes era mejor`, `antes funcionaba mejor`: a past comparison praises the past, so it complains
///   about the present (`mejor que antes` keeps its sign: there `antes` comes after).
/// - `mejor comprar otro`, `es mejor ir temprano`: `mejor` before an infinitive gives advice, not praise.
/// - `hay mejores opciones`, `encontrarás mejores precios en otro sitio`, `he comido mejor en La Flauta`, `hay
///   cosas más bellas en la ciudad`: better ones elsewhere is a complaint.
/// - `antes era un hotel divertido`: any praise in the imperfect after `antes` describes the past, and
///   complains about the present, like `antes era mejor`.
enum Comparatives {
    static let superlativeNegationFactor = 1.2
    /// `antes era mejor` is a complaint a little milder than `ahora es peor`.
    static let pastComparisonFactor = -0.8
    /// `antes era un calvario y ahora lo hago todo online`: a complaint about how things used to be, in a text that
    /// says how they are now, tells an improvement; it weighs this share of itself, as a remedied problem does.
    static let improvedFactor = 0.3

    /// `Antes me quejaba mucho de Movistar, ahora no tengo de qué quejarme`, `ha mejorado un montón, antes era un calvario
    /// y ahora…`: a complaint after `antes` in a past tense, with `ahora` after it and praise after `ahora` or before
    /// `antes`. Praise only between them is of the past too (`antes, aunque era caro, te lo dejaban bien; ahora…`).
    static func improvement(_ context: inout RuleContext, _ index: Int) {
        let unit = context.contributions[index].unit
        let before = context.before(unit, limit: 6)
        guard let formerly = before.first(where: { context.units[$0].facts.lists.contains(.formerly) }),
              before.contains(where: { $0 > formerly && context.units[$0].traits.past }) || context.units[unit].traits.past,
              let now = (unit + 1..<context.units.count).first(where: { context.units[$0].key.isKey("ahora") }),
              context.contributions.contains(where: { $0.value > 0 && ($0.unit > now || $0.unit < formerly) })
        else { return }
        let value = context.contributions[index].value
        context.contributions[index].apply("past comparison", cue: "antes … ahora", to: value * improvedFactor)
    }
    static let comparatives: WordSet = ["mejor", "mejores", "peor", "peores"]
    /// Imperfect forms that describe how things used to be.
    static let imperfects: WordSet = ["era", "eran", "estaba", "estaban", "tenia", "tenian", "habia", "gustaba", "gustaban",
                                          "funcionaba", "funcionaban", "daban", "atendian", "atendia", "servian", "ofrecian"]
    /// `antes era un hotel divertido`: what says the praise is of the past.
    static let formerly: WordSet = ["antes", "anteriormente"]
    /// `era mejor`, `funcionaba mejor`: an imperfect before the comparative compares with the past.
    static let pastForms: WordSet = ["era", "eran", "estaba", "estaban", "funcionaba", "funcionaban"]
    /// `hay mejores opciones`: a mild complaint, as a suggestion is.
    static let alternativesFactor = -0.75
    /// Words between the verb and `más`: `hay muchos lugares y espacios mucho más lindos`.
    static let alternativesReach = 5
    /// Verbs that say better ones exist elsewhere, by key (`hay mejores opciones`, `encontrarás mejores precios`).
    static let alternativeVerbs: WordSet = ["hay", "existen", "encontraras", "encontrareis", "encontraran", "encuentras",
                                                "encuentran", "encontramos", "encontre", "encontrar"]
    /// What else a city or a place offers, without a verb of existence: `Guanajuato tiene lugares mucho más bellos`, `la
    /// ciudad ofrece mil cosas mejores`, `habiendo cosas más llamativas`. Plural and bare: after an article or `de` they
    /// are the best of a set (`uno de los lugares más bellos`, praise); after `pocas` nothing beats this one.
    static let elsewhereNouns: WordSet = ["cosas", "lugares", "sitios", "opciones", "alternativas", "atracciones", "atractivos",
                                              "espacios", "rincones", "museos", "restaurantes", "hoteles", "destinos", "paseos", "playas"]
    static let elsewhereQuantities: WordSet = ["mil", "muchas", "muchos", "muchisimas", "muchisimos", "otras", "otros", "tantas",
                                                   "tantos", "varias", "varios"]
    static let bestOfASet: WordSet = ["los", "las", "de", "sus", "mis", "tus", "estos", "estas", "pocas", "pocos",
                                          "vienen", "vendran"]

    /// The bare plural noun of things elsewhere right before `index` (a `más` or `mejores`), if there is one.
    static func elsewhereNoun(before index: Int, _ context: RuleContext) -> Int? {
        let noun = index - 1
        guard noun >= 0, context.clauseOf[noun] == context.clauseOf[index], elsewhereNouns.contains(context.units[noun].key) else { return nil }
        var before = noun - 1
        while before >= 0, elsewhereQuantities.contains(context.units[before].key) { before -= 1 }
        if before >= 0, context.clauseOf[before] == context.clauseOf[noun], bestOfASet.contains(context.units[before].key) { return nil }
        return noun
    }

    /// `que` after the compared word compares (`más bellas que el museo`), unless an infinitive follows it: `mil cosas más
    /// interesantes que hacer` names what to do with them.
    static func isComparedWithQue(_ index: Int, _ context: RuleContext) -> Bool {
        guard index + 1 < context.units.count, context.units[index + 1].facts.word == .que else { return false }
        return !(index + 2 < context.units.count && context.units[index + 2].traits.infinitive)
    }

    /// Experience had elsewhere, by key: `he comido igual o mejor en La Flauta`, `he estado en mejores hoteles`
    /// (not negated: `nunca he comido mejor` is praise; nor compared with `que`: `he dormido mejor que nunca`).
    static let experiences: WordSet = ["comido", "probado", "dormido", "estado", "cenado", "bebido", "visto", "tenido"]
    /// Words of the negation of comparison: `nada mejor`, `nadie lo hace mejor`, `ninguno mejor`.
    static let nothingWords: WordSet = ["nada", "nadie", "ningun", "ninguno", "ninguna", "ningunos", "ningunas"]
    /// Verbs that deny that a better one exists or was found, by key: `no hay`, `no conozco`, `no encontrarás`,
    /// `nunca he visto`. Copulas are not among them (`no es mejor`, `no está mejor`: not better).
    static let existenceVerbs: WordSet = experiences.union([
        "hay", "habia", "hubo", "habra", "habria", "existe", "existen", "existia", "conozco", "conocemos", "conoci", "conocimos",
        "encontraras", "encontrareis", "encontrara", "encontraran", "encuentras", "encuentro", "encontre", "encontramos",
        "encontraria", "vi", "vimos", "probe", "probamos", "recuerdo", "recordamos", "conocido", "encontrado", "desayunado", "viajado",
    ])

    /// `la parada de metro más cercana`, `el cajero más próximo`: the nearest of a kind says which one is meant, and praises
    /// nothing (it may be far: `la playa más cercana está a 20 minutos`). Nearness is praise when said of the place itself
    /// (`está muy cerca`, `el hotel es cercano al centro`).
    static let nearness: WordSet = ["cercano", "cercana", "cercanos", "cercanas", "proximo", "proxima", "proximos", "proximas"]
    static let definiteArticles: WordSet = ["el", "la", "los", "las"]
    /// How far before `más` the article of the noun phrase may be: `la parada de metro más cercana`.
    static let nounPhraseReach = 4

    /// Whether `index` is a word of nearness after `más`, the last word of a noun phrase that a definite article opens.
    static func isNearestOfAKind(_ index: Int, _ context: RuleContext) -> Bool {
        // `más` first, as its keyword: asked at every praise, the word set hashed each one's key.
        guard index >= 3, context.units[index - 1].facts.word == .mas, nearness.contains(context.units[index].key) else { return false }
        let noun = index - 2
        // A noun, not a copula (`el personal es más cercano que en otros hoteles`: warmer), and no comparison with `que`.
        guard context.units[noun].isWord, context.units[noun].opinion == nil, !context.units[noun].traits.finite,
              !definiteArticles.contains(context.units[noun].key), !isComparedWithQue(index, context) else { return false }
        return context.before(noun, limit: nounPhraseReach).contains { definiteArticles.contains(context.units[$0].key) }
    }

    /// Whether the negation of a comparative denies that anything is better (or worse): a word of nothing
    /// (`nada`, `ninguno`) or a verb of existence or experience between the negator and the comparative.
    static func deniesBetter(_ context: RuleContext, negator: Int, comparative: Int) -> Bool {
        guard negator <= comparative else { return false }
        return (negator...comparative).contains { nothingWords.contains(context.units[$0].key) || existenceVerbs.contains(context.units[$0].key) }
    }

    static func apply(_ context: inout RuleContext) {
        // Every branch below needs `más` before the word, a comparative or a word of the past (the units' keys' facts,
        // exact): a text with none of them (about half) passes its contributions unread.
        guard context.mayHave(.mas) || context.mayHave(.comparative) || context.mayHave(.formerly) else { return }
        for index in context.contributions.indices {
            let unitIndex = context.contributions[index].unit
            // The fields read, not the unit and the contribution: copies would retain their strings, opinion and rules.
            let key = context.units[unitIndex].key
            let (value, negatedBy) = (context.contributions[index].value, context.contributions[index].negatedBy)
            if value > 0, isNearestOfAKind(unitIndex, context) {
                context.contributions[index].apply("identifying superlative", cue: "más \(key)", to: 0)
                continue
            }
            // `hay cosas más bellas en la ciudad`: better ones elsewhere, said with `más` (not compared with `que`).
            // `hay muchos lugares mucho más lindos`: `mucho` may stress the `más`, and the things may be listed.
            let more = unitIndex > 1 && context.units[unitIndex - 1].facts.word == .mas && ["mucho", "muchisimo"].contains(context.units[unitIndex - 2].key)
                ? unitIndex - 2 : unitIndex - 1
            if value > 0, negatedBy == nil, unitIndex > 0, context.units[unitIndex - 1].facts.word == .mas,
               !isComparedWithQue(unitIndex, context),
               let verb = elsewhereNoun(before: more, context)
                ?? context.before(more, limit: alternativesReach).first(where: { alternativeVerbs.contains(context.units[$0].key) }) {
                context.contributions[index].apply("comparative", cue: "\(context.cue(verb)) … más \(key)", to: value * alternativesFactor)
                continue
            }
            // The lists are read as the units' bits (`KeyFacts`): this runs for every contribution, and the words
            // before it were hashed (and an array made for `antes`) at each.
            guard context.units[unitIndex].facts.lists.contains(.comparative) else {
                // `antes era un hotel divertido`, `anteriormente me gustaba más`: praise of how it was. Only in a text with
                // such a word (the union of the keys' facts, exact): the clause was walked for every contribution.
                guard context.mayHave(.formerly) else { continue }
                if value < 0 {
                    improvement(&context, index)
                    continue
                }
                guard value > 0 else { continue }
                let before = context.before(unitIndex, limit: 6)
                if before.contains(where: { context.units[$0].facts.lists.contains(.formerly) }),
                   let past = before.first(where: { context.units[$0].facts.lists.contains(.imperfect) })
                    ?? (context.units[unitIndex].facts.lists.contains(.imperfect) ? unitIndex : nil) {
                    context.contributions[index].apply("past comparison", cue: "antes … \(context.cue(past))", to: value * pastComparisonFactor)
                }
                continue
            }
            if let negator = negatedBy, deniesBetter(context, negator: negator, comparative: unitIndex) {
                let base = context.contributions[index].rules.first { $0.rule.isKey("negation") }?.from ?? value
                context.contributions[index].apply("comparative", cue: "\(context.cue(negator)) … \(key)", to: base * superlativeNegationFactor)
                context.contributions[index].negatedBy = nil
                continue
            }
            // `hay mejores opciones`, `encontrarás mejores precios`, `he comido mejor en otros sitios`: better ones
            // elsewhere is a complaint about this one. After `hay` plural only: `ahora hay mejor señal` is an improvement.
            if value > 0, negatedBy == nil, key.hasPrefix("mejor"),
               let verb = (key.isKey("mejores") ? elsewhereNoun(before: unitIndex, context) : nil) ?? context.before(unitIndex, limit: 3).first(where: {
                   key.isKey("mejores") && alternativeVerbs.contains(context.units[$0].key)
                       || experiences.contains(context.units[$0].key) && !(unitIndex + 1 < context.units.count && context.units[unitIndex + 1].facts.word == .que) }),
               !(unitIndex > 0 && ["los", "las", "lo"].contains(context.units[unitIndex - 1].key)) {
                context.contributions[index].apply("comparative", cue: "\(context.cue(verb)) … \(key)", to: value * alternativesFactor)
                continue
            }
            let before = context.before(unitIndex, limit: 6)
            // `era mejor`, `era mucho mejor`: the imperfect right before the comparative, or before its booster.
            let verb = before.first { !context.units[$0].has(.booster) }
            let past = before.first { context.units[$0].key.isKey("antes") } ?? verb.flatMap { pastForms.contains(context.units[$0].key) ? $0 : nil }
            let followedByQue = context.units.indices.contains(unitIndex + 1) && context.units[unitIndex + 1].facts.word == .que
            if let past, !followedByQue {
                context.contributions[index].apply("comparative", cue: "\(context.cue(past)) … \(key)", to: value * pastComparisonFactor)
                continue
            }
            // `mejor comprar otro billete`, `es mejor ir temprano`: advice about what to do, not praise. After a
            // determiner or `qué` it is a superlative or an exclamation before a noun (`el mejor lugar`, `qué mejor hogar`).
            let determined = unitIndex > 0 && (Resolutions.determiners.contains(context.units[unitIndex - 1].key)
                || ["lo", "que", "del", "al"].contains(context.units[unitIndex - 1].key))
            if key.hasPrefix("mejor"), !determined, unitIndex + 1 < context.units.count, context.clauseOf[unitIndex + 1] == context.clauseOf[unitIndex],
               let next = Optional(context.units[unitIndex + 1]), next.isWord, next.opinion == nil, next.traits.infinitive {
                context.contributions[index].apply("comparative", cue: "\(key) + infinitive", to: 0)
            }
        }
    }
}

/// A noun and the adjective after it: in `problema resuelto`, `fallo corregido`, `queja atendida` the
/// participle says what became of the noun, so it alone carries the opinion (the noun's valence is
/// dropped). `servicio pésimo`, where the noun is neutral, needs nothing: the adjective counts as any word.
///
/// An adjective of sheer degree after a noun that is a complaint measures the complaint: `un ruido impresionante`,
/// `una cola increíble`, `un calor espectacular` are a lot of noise, queue, heat. The adjective then stresses the noun
/// as `muy` would (`degreeFactor`) and is no praise of its own.
enum PostNominal {
    static let participleEndings = ["ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "to", "ta", "tos", "tas", "cho", "cha"]
    static let degreeAdjectives: WordSet = ["impresionante", "impresionantes", "increible", "increibles", "espectacular",
                                                "espectaculares", "brutal", "brutales", "bestial", "bestiales", "alucinante",
                                                "alucinantes", "tremendo", "tremenda", "tremendos", "tremendas"]
    static let degreeFactor = 1.3

    static func apply(_ context: inout RuleContext) {
        // Every lookup in the index is of a unit other than the contribution's own: with fewer than two contributions
        // none can succeed, and the index is not made. (A dictionary of each unit's first contribution cost an array,
        // a dictionary and a hash per contribution.) It is made at the first lookup, not before: most texts have no
        // noun with a word after it in its clause, and an index is an array (700 instructions to make and free). No
        // contribution is added or moved here, so an index made later is the one made first.
        var byUnit: ContributionIndex?
        for index in context.contributions.indices {
            // Only nouns are copied (a copy retains the contribution's strings and rules).
            guard context.contributions[index].list.isKey("nouns") || context.contributions[index].list.isKey("sectors") else { continue }
            let noun = context.contributions[index]
            var next = noun.unit + 1
            if next < context.units.count, context.units[next].has(.booster) { next += 1 }
            guard next < context.units.count, context.clauseOf[next] == context.clauseOf[noun.unit], context.contributions.count >= 2 else { continue }
            if byUnit == nil { byUnit = context.contributionIndex() }
            guard let adjective = byUnit?.first(of: next) else { continue }
            let word = context.units[next].key
            // The degree adjectives are a bit of the key's facts; the signs are compared before the endings (`hasSuffix`
            // compares Characters: 14 endings cost about 550 instructions, and most nouns agree with their adjective).
            if noun.value < 0, context.contributions[adjective].value > 0, context.units[next].facts.lists.contains(.degree) {
                context.contributions[adjective].apply("degree adjective", cue: noun.term, to: 0)
                context.contributions[index].apply("degree adjective", cue: word, to: noun.value * degreeFactor)
                continue
            }
            guard (noun.value > 0) != (context.contributions[adjective].value > 0),
                  participleEndings.contains(where: { word.hasSuffix($0) }) else { continue }
            context.contributions[index].apply("post-nominal adjective", cue: word, to: 0)
        }
        applyFronted(&context, byUnit)
    }

    /// Put first, before a determiner, the degree adjective exclaims how much of what follows there was: `Increíble el
    /// trauma que generan`, `impresionante la cantidad de basura`, `es impresionante lo mal que atienden`. Of a
    /// complaint that is how bad it was; of praise (`increíble la atención`) it stays praise.
    static let frontedReach = 3
    static let exclaimedDeterminers: WordSet = ["el", "la", "los", "las", "lo"]

    static func applyFronted(_ context: inout RuleContext, _ byUnit: ContributionIndex?) {
        // Only a degree adjective is read (`KeyFacts`), and the index made, if not yet, at the first that is.
        guard context.mayHave(.degree) else { return }
        var byUnit = byUnit
        for index in context.contributions.indices where context.contributions[index].value > 0 {
            let unit = context.contributions[index].unit
            guard unit + 2 < context.units.count, context.units[unit].facts.lists.contains(.degree),
                  exclaimedDeterminers.contains(context.units[unit + 1].key) else { continue }
            if byUnit == nil, context.contributions.count >= 2 { byUnit = context.contributionIndex() }
            let clause = context.clauseOf[unit]
            guard let target = ((unit + 2)...min(unit + 1 + frontedReach, context.units.count - 1))
                .prefix(while: { context.clauseOf[$0] == clause }).lazy.compactMap({ byUnit?.first(of: $0) }).first,
                  context.contributions[target].value < 0 else { continue }
            let value = context.contributions[target].value
            context.contributions[index].apply("degree adjective", cue: context.contributions[target].term, to: 0)
            context.contributions[target].apply("degree adjective", cue: context.units[unit].key, to: value * degreeFactor)
        }
    }
}
