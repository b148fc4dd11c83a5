/// Negation with scope, Spanish negative concord, and a shift rather than a flip.
///
/// - Scope: a negator (`no`, `nunca`, `sin`, `ya no`, `ni siquiera`…) reaches opinion words up to
///   `scope` words after it in its clause; clauses end at punctuation, `pero`, `aunque`, `porque`, `que`.
/// - Concord: in `no me gustó nada` or `no vino nadie`, the second negative word repeats the first
///   (Spanish negative concord): it does not undo the negation, it stresses it by its weight.
/// - Shift: a negated opinion moves towards the other side by a fixed amount instead of changing sign
///   (after Taboada et al.'s SO-CAL), so `no es excelente` (3.5) ends near 0, `no es bueno` (2) at −1.5,
///   `no está mal` (−2.5) at +0.5: mildly positive, as Spanish speakers mean it.
/// - `ni … ni`: `ni bueno ni malo` says neither; both words fade instead of being negated.
enum Negation {
    static let scope = 4
    /// `sin` governs a noun phrase, which is short: `sin ningún problema`.
    static let sinScope = 3
    /// How far a negated positive word moves: a positive word negated is a complaint (`no funciona`).
    static let positiveShift = 3.5
    /// How far a negated negative word moves: `no está mal` is faint praise, not praise.
    static let negativeShift = 3.0
    /// The strongest a negated word can end: negation never makes stronger opinions than it undoes.
    static let range = -2.5...1.5
    /// A mild positive word negated is not a strong complaint: `no está claro` (1) is no worse than −1.5.
    /// So a negated positive word ends no lower than its own valence plus this, on the negative side.
    static let mildPositiveMargin = 0.5
    /// `ni bueno ni malo`: both words keep a fifth of their weight.
    static let neitherFactor = 0.2

    static func shifted(_ valence: Double, weight: Double) -> Double {
        let moved = valence > 0 ? max(valence - positiveShift, -(valence + mildPositiveMargin)) : valence + negativeShift
        return min(max(moved, range.lowerBound), range.upperBound) * weight
    }

    /// Which negative words negate and which repeat an earlier negation of their clause.
    static func roles(_ context: RuleContext) -> (negators: UnitSet, concord: UnitSet) {
        var negators = UnitSet(count: context.units.count)
        var concord = UnitSet(count: context.units.count)
        var clause = -1
        var seen = false
        for (index, unit) in context.units.enumerated() {
            if context.clauseOf[index] != clause { clause = context.clauseOf[index]; seen = false }
            guard unit.opinion == nil || unit.has(.negator) else { continue }
            if seen, unit.has(.concord) {
                concord.insert(index)
            } else if unit.has(.negator) {
                negators.insert(index)
                seen = true
            }
        }
        return (negators, concord)
    }

    static func apply(_ context: inout RuleContext) {
        let (negators, concord) = roles(context)
        for index in context.contributions.indices {
            let unitIndex = context.contributions[index].unit
            let unit = context.units[unitIndex]
            // Emoji and emoticons comment on the text; a negation before them is not about them.
            guard unit.opinion != nil, unit.isWord else { continue }
            // An expression that opens with a negative word (`ni caso`, `nada del otro mundo`, `ni loco`)
            // repeats an earlier negation by concord: `no me hicieron ni caso` is one complaint.
            if unit.tokens.count > 1, unit.has(.negator) || unit.has(.concord) { continue }
            let clause = context.clauseOf[unitIndex]
            var neithers = 0
            var probe = unitIndex
            while probe >= 0, context.clauseOf[probe] == clause { if context.units[probe].key == "ni" { neithers += 1 }; probe -= 1 }
            probe = unitIndex + 1
            while probe < context.units.count, context.clauseOf[probe] == clause { if context.units[probe].key == "ni" { neithers += 1 }; probe += 1 }
            for (distance, other) in context.before(unitIndex, limit: scope).enumerated() where negators.contains(other) {
                let negator = context.units[other]
                if negator.key == "sin", distance >= sinScope { continue }
                let working = context.contributions[index]
                if neithers >= 2, negator.key == "ni" {
                    context.contributions[index].apply("ni … ni", cue: "ni", to: working.value * neitherFactor)
                } else {
                    context.contributions[index].apply("negation", cue: context.cue(other),
                                                       to: shifted(working.value, weight: negator.modifiers[.negator] ?? 1))
                    context.contributions[index].negatedBy = other
                }
                break
            }
            guard let negator = context.contributions[index].negatedBy else { continue }
            // The strongest concord word of the clause after the negator stresses the negation.
            var stress: (index: Int, weight: Double)?
            var next = negator + 1
            while next < context.units.count, context.clauseOf[next] == clause {
                if concord.contains(next) {
                    let weight = context.units[next].modifiers[.concord] ?? 1
                    if weight > (stress?.weight ?? -1) { stress = (next, weight) }
                }
                next += 1
            }
            if let stress, stress.weight != 1 {
                let value = context.contributions[index].value
                context.contributions[index].apply("concord", cue: context.cue(stress.index), to: value * stress.weight)
            }
        }
    }
}

/// `no llegó`, `nadie responde`, `nunca me devolvieron`: actions a customer is owed (arrive, answer,
/// return, repair) carry no opinion when done, but not doing them is a complaint. Each such verb's weight
/// in the modifiers list is the valence of its negation. When an opinion word shares the negation's scope
/// (`no tardó en llegar`, `no llegó tarde`), the negation is about that word, and this rule keeps out.
/// An owed action that is also a mild opinion word (`funcionar`, `cumplir`) ends, negated, no higher
/// than the weight: `no funciona` is a full complaint, not the mild one the shift alone would give.
enum UnmetExpectations {
    static func apply(_ context: inout RuleContext) {
        for index in context.contributions.indices {
            let working = context.contributions[index]
            guard let negator = working.negatedBy, let weight = context.units[working.unit].modifiers[.expected], weight < working.value else { continue }
            context.contributions[index].apply("unmet expectation", cue: context.cue(negator), to: weight)
        }
    }

    static func cues(_ context: RuleContext) -> [RuleContext.Working] {
        var out: [RuleContext.Working] = []
        let (negators, _) = Negation.roles(context)
        for (index, unit) in context.units.enumerated() {
            guard let weight = unit.modifiers[.expected], unit.opinion == nil else { continue }
            let before = context.before(index, limit: Negation.scope)
            guard let position = before.firstIndex(where: { negators.contains($0) }) else { continue }
            let negator = before[position]
            // An opinion word between the negator and the verb, or right after the verb, takes the negation.
            let between = before[..<position].contains { context.units[$0].opinion != nil }
            var after = false
            var next = index + 1
            while next < context.units.count, next <= index + 2, context.clauseOf[next] == context.clauseOf[index], !context.units[next].breaksClause {
                if context.units[next].opinion != nil && context.units[next].isWord { after = true }
                next += 1
            }
            guard !between, !after else { continue }
            var working = RuleContext.Working(unit: index, term: "\(context.cue(negator)) … \(unit.key)", list: "rule",
                                              match: "unmet expectation", valence: weight, value: weight)
            working.rules.append(AppliedRule(rule: "unmet expectation", cue: context.cue(negator), from: 0, to: weight))
            out.append(working)
        }
        return out
    }
}

/// `me atendieron enseguida`, `me devolvieron el dinero`, `cumplieron la fecha`: an owed action reported
/// as done (in the preterite, or `cumplen`) is mild praise in feedback, the counterpart of an unmet one.
/// A question, a condition or a negation keeps it out (the other rules see to the first two).
enum FulfilledExpectations {
    static func cues(_ context: RuleContext, negated: (Int) -> Bool) -> [RuleContext.Working] {
        var out: [RuleContext.Working] = []
        for (index, unit) in context.units.enumerated() {
            guard let weight = unit.modifiers[.fulfilled], unit.opinion == nil, unit.reported, !negated(index) else { continue }
            var working = RuleContext.Working(unit: index, term: unit.key, list: "rule", match: "fulfilled expectation",
                                              valence: weight, value: weight)
            working.rules.append(AppliedRule(rule: "fulfilled expectation", cue: nil, from: 0, to: weight))
            out.append(working)
        }
        return out
    }
}

/// `demasiada espera`, `demasiada gente`, `demasiado grande`: too much of something without an opinion of
/// its own is a complaint (too much of a mild virtue is handled with the boosters).
enum Excess {
    static let forms: Set<String> = ["demasiado", "demasiada", "demasiados", "demasiadas"]
    static let weight = -1.0

    static func cues(_ context: RuleContext) -> [RuleContext.Working] {
        var out: [RuleContext.Working] = []
        for index in context.units.indices.dropLast() where context.units[index].key.utf8.first == UInt8(ascii: "d")
            && forms.contains(context.units[index].key) {
            let next = context.units[index + 1]
            guard next.isWord, next.opinion == nil, context.clauseOf[index + 1] == context.clauseOf[index], next.modifiers.isEmpty else { continue }
            var working = RuleContext.Working(unit: index + 1, term: "\(context.cue(index)) \(next.key)", list: "rule", match: "excess",
                                              valence: weight, value: weight)
            working.rules.append(AppliedRule(rule: "excess", cue: context.cue(index), from: 0, to: weight))
            out.append(working)
        }
        return out
    }
}

/// `deberían tener más cajeros`, `hace falta más personal`: a suggestion names something missing, so in
/// customer feedback it is a mild complaint. The marker's weight is what it adds.
enum Suggestions {
    static func cues(_ context: RuleContext) -> [RuleContext.Working] {
        context.units.indices.compactMap { index in
            guard let weight = context.units[index].modifiers[.suggestion] else { return nil }
            var working = RuleContext.Working(unit: index, term: context.cue(index), list: "rule", match: "suggestion",
                                              valence: weight, value: weight)
            working.rules.append(AppliedRule(rule: "suggestion", cue: context.cue(index), from: 0, to: weight))
            return working
        }
    }
}

/// `sin luz`, `no hay internet`, `no me dan solución`: an essential thing missing is a complaint, although
/// the thing itself (`luz`) carries no opinion. The weight of the missing thing is its valence.
enum Deprivation {
    /// The missing thing is at most this many words after the negator (`sin luz`, `no tenemos agua`,
    /// `no me dan respuesta`).
    static let reach = 3

    static func cues(_ context: RuleContext) -> [RuleContext.Working] {
        var out: [RuleContext.Working] = []
        let (negators, _) = Negation.roles(context)
        for (index, unit) in context.units.enumerated() {
            guard let weight = unit.modifiers[.deprivation], unit.opinion == nil else { continue }
            // Only a full negation says the thing is missing: `uso poco el servicio` does not.
            guard let negator = context.before(index, limit: reach).first(where: { negators.contains($0) && (context.units[$0].modifiers[.negator] ?? 0) >= 1 }) else { continue }
            var working = RuleContext.Working(unit: index, term: "\(context.cue(negator)) … \(unit.key)", list: "rule",
                                              match: "deprivation", valence: weight, value: weight)
            working.rules.append(AppliedRule(rule: "deprivation", cue: context.cue(negator), from: 0, to: weight))
            out.append(working)
        }
        return out
    }
}

/// A set of unit indices as flags: `contains` and `insert` without hashing.
struct UnitSet {
    private var flags: [Bool]
    init(count: Int) { flags = Array(repeating: false, count: count) }
    func contains(_ index: Int) -> Bool { flags[index] }
    mutating func insert(_ index: Int) { flags[index] = true }
}
