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
