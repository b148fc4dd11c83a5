/// Contrast and concession. After `pero`, `sin embargo`, `no obstante` comes what the writer means:
/// that clause weighs `weight` (1.5) and what came before it `2 − weight` (0.5), as in VADER's `but`
/// rule. A sentence that opens with `Pero` contrasts with the sentence before it. A clause opened by
/// `aunque`, `a pesar de`, `si bien` concedes: it weighs its `weight` (0.5).
enum Contrast {
    static func apply(_ context: inout RuleContext) {
        for (sentenceIndex, sentence) in context.sentences.enumerated() {
            // Each `pero` weighs the stretch up to the next one: `A pero B pero C` gives A ×0.5, B ×1.5 then ×0.5,
            // C ×1.5 (the last word is the writer's), never B ×1.5 ×1.5.
            let markers = sentence.filter { context.units[$0].has(.contrastAfter) }
            for (position, marker) in markers.enumerated() {
                let weight = context.units[marker].modifiers[.contrastAfter]!
                let opensSentence = !context.units[sentence.lowerBound..<marker].contains { $0.isWord || $0.isSymbolic }
                let previousMarker = position > 0 ? markers[position - 1] : sentence.lowerBound
                let before = opensSentence && sentenceIndex > 0
                    ? context.sentences[sentenceIndex - 1]
                    : previousMarker..<marker
                let after = marker..<(position + 1 < markers.count ? markers[position + 1] : sentence.upperBound)
                scale(&context, units: before, by: 2 - weight, cue: context.cue(marker))
                scale(&context, units: after, by: weight, cue: context.cue(marker))
            }
            for marker in sentence where context.units[marker].has(.contrastBefore) {
                let weight = context.units[marker].modifiers[.contrastBefore]!
                // The concession runs to the next punctuation or contrast word.
                var end = marker + 1
                while end < sentence.upperBound, !(context.units[end].breaksClause && !context.units[end].isWord)
                        && !context.units[end].has(.contrastAfter) {
                    end += 1
                }
                scale(&context, units: marker..<end, by: weight, cue: context.cue(marker))
            }
        }
    }

    static func scale(_ context: inout RuleContext, units: Range<Int>, by factor: Double, cue: String) {
        for index in context.contributions.indices where units.contains(context.contributions[index].unit) {
            let value = context.contributions[index].value
            context.contributions[index].apply("contrast", cue: cue, to: value * factor)
        }
    }
}

/// Irrealis and expectation: what the writer wished, supposed or expected is not what they got.
/// - Expectation (`esperaba que fuera bueno`, `se supone que es rápido`): praise inside it was expected
///   and, being mentioned, missed: positive words turn mildly negative (the weight, −0.4); negative words
///   count half.
/// - Irrealis (`debería funcionar`, `ojalá`, `si`, conditionals like `sería`): opinions weigh the weight.
///   A verb in the conditional (`encantaría`, `estaría`) is its own irrealis marker.
/// Both reach to the end of the clause's punctuation, through `que` (`esperaba que…`).
enum Irrealis {
    /// Conditional mood without a listed marker: `me encantaría`, `sería genial`.
    static let conditionalWeight = 0.4
    /// Negative words in an expectation still count, less: `temía que fuera caro` is not praise either.
    static let expectedNegativeFactor = 0.5

    static func apply(_ context: inout RuleContext, isConditional: (Unit) -> Bool) {
        var applied = Set<Int>()
        for (markerIndex, unit) in context.units.enumerated() {
            let expectation = unit.modifiers[.expectation]
            var irrealis = unit.modifiers[.irrealis]
            if irrealis == nil && expectation == nil && isConditional(unit) { irrealis = conditionalWeight }
            guard expectation != nil || irrealis != nil else { continue }
            let sentence = context.sentenceOf[markerIndex]
            var end = markerIndex + 1
            while end < context.units.count, context.sentenceOf[end] == sentence,
                  !(context.units[end].breaksClause && !context.units[end].isWord), !context.units[end].has(.contrastAfter) {
                end += 1
            }
            // A suggestion's own cue is already what the irrealis means.
            for index in context.contributions.indices where (markerIndex..<end).contains(context.contributions[index].unit)
                && !applied.contains(index) && context.contributions[index].match != "suggestion" && context.contributions[index].match != "counterfactual" {
                applied.insert(index)
                let value = context.contributions[index].value
                if let weight = expectation {
                    let to = value > 0 ? value * weight : value * expectedNegativeFactor
                    context.contributions[index].apply("expectation", cue: context.cue(markerIndex), to: to)
                } else if let weight = irrealis {
                    context.contributions[index].apply("irrealis", cue: context.cue(markerIndex), to: value * weight)
                }
            }
        }
    }
}

/// Counterfactuals: `si contestaran el chat…`, `si me hubieran avisado…`, `esperaba que cumplieran los plazos`,
/// `ojalá abrieran los sábados`. A condition or wish in the imperfect subjunctive says the thing did not
/// happen, which in feedback is the complaint itself. The cue adds its weight once per clause.
enum Counterfactuals {
    static let weight = -1.5
    static let markers: Set<String> = ["si", "ojala", "esperaba", "esperabamos", "ojalá"]

    static func cues(_ context: RuleContext) -> [RuleContext.Working] {
        var out: [RuleContext.Working] = []
        var used = Set<Int>()
        for (index, unit) in context.units.enumerated() where unit.pastSubjunctive {
            var probe = index - 1
            var steps = 0
            while probe >= 0, steps < 5, context.sentenceOf[probe] == context.sentenceOf[index] {
                let key = context.units[probe].key
                // `como si se hubiera detenido` compares; it does not wish.
                let comparison = key == "si" && probe > 0 && context.units[probe - 1].key == "como"
                if !comparison, markers.contains(key) || key.hasPrefix("si ") || key == "a ver si" {
                    if used.insert(context.clauseOf[index]).inserted {
                        var working = RuleContext.Working(unit: index, term: "\(key) … \(unit.key)", list: "rule",
                                                          match: "counterfactual", valence: weight, value: weight)
                        working.rules.append(AppliedRule(rule: "counterfactual", cue: key, from: 0, to: weight))
                        out.append(working)
                    }
                    break
                }
                probe -= 1
                steps += 1
            }
        }
        return out
    }
}
