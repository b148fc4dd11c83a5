import EscuchaCore
/// Contrast and concession. After `pero`, `sin embargo`, `no obstante` comes what the writer means:
/// that clause weighs `weight` (1.5) and what came before it `2 − weight` (0.5), as in VADER's `but`
/// rule. A sentence that opens with `Pero` contrasts with the sentence before it. A clause opened by
/// `aunque`, `a pesar de`, `si bien` concedes: it weighs its `weight` (0.5), up to punctuation or, without a
/// comma, up to the main clause's verb (`a pesar de estar en el centro la habitación era silenciosa`). The only
/// drawback named (`lo único malo es que…`) weighs its weight to the end of its sentence.
enum Contrast {
    static func apply(_ context: inout RuleContext) {
        // Every region below is found in one pass, and a region's contributions through an index by unit:
        // a long text with many `pero` would otherwise cost each marker a walk over all contributions.
        guard !context.contributions.isEmpty, context.mayHave(.contrastAfter) || context.mayHave(.contrastBefore), context.units.indices.contains(where: { context.units[$0].modifiers.contains(.contrastAfter) || context.units[$0].modifiers.contains(.contrastBefore) }) else { return }
        let index = context.contributionIndex()
        for (sentenceIndex, sentence) in context.sentences.enumerated() {
            // Each `pero` weighs the stretch up to the next one: `A pero B pero C` gives A ×0.5, B ×1.5 then ×0.5,
            // C ×1.5 (the last word is the writer's), never B ×1.5 ×1.5.
            let markers = sentence.filter { context.units[$0].has(.contrastAfter) }
            let firstContent = sentence.first { context.units[$0].isWord || context.units[$0].isSymbolic } ?? sentence.upperBound
            for (position, marker) in markers.enumerated() {
                let weight = context.units[marker].modifiers[.contrastAfter]!
                let opensSentence = firstContent >= marker
                let previousMarker = position > 0 ? markers[position - 1] : sentence.lowerBound
                let before = opensSentence && sentenceIndex > 0
                    ? context.sentences[sentenceIndex - 1]
                    : previousMarker..<marker
                let after = marker..<(position + 1 < markers.count ? markers[position + 1] : sentence.upperBound)
                scale(&context, index, units: before, by: 2 - weight, cue: context.cue(marker))
                scale(&context, index, units: after, by: weight, cue: context.cue(marker))
            }
            // The concession runs to the next punctuation or contrast word: where that is, for every unit, in
            // one pass from the sentence's end.
            guard sentence.contains(where: { context.units[$0].has(.contrastBefore) }) else { continue }
            var stop = [Int](repeating: sentence.upperBound, count: sentence.count + 1)
            for unit in sentence.reversed() {
                let ends = context.units[unit].breaksClause && !context.units[unit].isWord || context.units[unit].has(.contrastAfter)
                stop[unit - sentence.lowerBound] = ends ? unit : stop[unit - sentence.lowerBound + 1]
            }
            for marker in sentence where context.units[marker].has(.contrastBefore) {
                let weight = context.units[marker].modifiers[.contrastBefore]!
                var end = stop[marker + 1 - sentence.lowerBound]
                // Without a comma the main clause starts at its own verb (`a pesar de estar lejos es muy bonito`).
                if verblessConcessions.contains(context.units[marker].key) {
                    end = Irrealis.protasisEnd(after: marker, before: end, context, ownVerbs: 0)
                }
                // The only drawback named is all the sentence tells after it, commas and all: `el único inconveniente
                // es que, en temporada alta, no hay manera de llegar en coche`.
                if isOnlyDrawback(context.units[marker].key) {
                    end = sentence.first { $0 > marker && context.units[$0].has(.contrastAfter) } ?? sentence.upperBound
                }
                // What it introduces, not the cue itself: `lo único malo` is a complaint of its own.
                scale(&context, index, units: (marker + 1)..<end, by: weight, cue: context.cue(marker))
            }
        }
    }

    /// Concessions with no verb of their own, only an infinitive or a noun (`a pesar de estar lejos`, `pese al
    /// ruido`): without a comma the main clause starts at the first conjugated verb. After `aunque` the main
    /// clause would start at the second; measured, that gave the complaint after `aunque la calidad es buena`
    /// its full weight where the labeled sets call the text mixed, and unknown words read as verbs moved it.
    static let verblessConcessions: WordSet = ["a pesar de", "pese a"]

    /// `lo único malo`, `el único inconveniente`, `la única pega`, `solo que…`: the writer limits the complaint to one
    /// thing.
    static func isOnlyDrawback(_ key: String) -> Bool {
        // A phrase's key is its lexicon term, accents and all: `solo que` and `sólo que` are two entries.
        key.hasPrefix("lo único ") || key.hasPrefix("el único ") || key.hasPrefix("la única ") || key.hasPrefix("solo ") || key.hasPrefix("sólo ")
    }

    static func scale(_ context: inout RuleContext, _ index: ContributionIndex, units: Range<Int>, by factor: Double, cue: String) {
        for contribution in index.contributions(of: units) {
            let value = context.contributions[contribution].value
            context.contributions[contribution].apply("contrast", cue: cue, to: value * factor)
        }
    }
}

/// A frame that names the drawback (`Lo malo: hay que pagar aparte`, `Un punto negativo: el parking`, `Lo que no me
/// gustó es que el baño estaba sucio`) or the merit (`Lo bueno: sin comisiones`) weighs half when what it introduces
/// is scored on its side in its sentence: one drawback, not two. Alone (`lo malo, el horario`) it keeps its value.
enum DrawbackFrames {
    static let frameWords: WordSet = ["lo", "punto", "puntito", "aspecto"]
    /// The side a frame names: `lo malo`, `un punto negativo`, `lo bueno`.
    static let framedWords: WordSet = ["malo", "negativo", "feo", "bueno", "positivo"]
    /// What the frame keeps beside the complaint it names: it still says which side the list is on (`Lo bueno: …
    /// Lo malo: …`), but not a full complaint of its own.
    static let framedFactor = 0.5

    static func apply(_ context: inout RuleContext) {
        // A frame is a framed word after a frame word, or a liking (`isFrame`; the units' keys' facts, exact): a text with
        // neither (most) has none, and its contributions are not read.
        guard context.mayHave(.framed) && context.mayHave(.frame) || context.mayHave(.liking) else { return }
        for index in context.contributions.indices where context.contributions[index].value != 0 {
            let unit = context.contributions[index].unit
            guard isFrame(unit, context) else { continue }
            let sentence = context.sentenceOf[unit]
            let negative = context.contributions[index].value < 0
            let framed = context.contributions.contains { $0.unit > unit && ($0.value < 0) == negative && $0.value != 0 && context.sentenceOf[$0.unit] == sentence }
            guard framed else { continue }
            let value = context.contributions[index].value
            context.contributions[index].apply("drawback frame", cue: context.cue(unit - 1), to: value * framedFactor)
        }
    }

    /// `lo malo`, `lo negativo`, `un punto negativo`, `lo que no me gustó` (the negated liking after `lo que`).
    static func isFrame(_ unit: Int, _ context: RuleContext) -> Bool {
        guard unit > 0 else { return false }
        // Bits, not the key (`KeyFacts`): this runs for every contribution.
        let lists = context.units[unit].facts.lists
        if lists.contains(.framed) { return context.units[unit - 1].facts.lists.contains(.frame) }
        guard lists.contains(.liking) else { return false }
        // `lo que no me gustó`, `lo que menos me gustó`.
        let previous = context.skippingPronouns(before: unit)
        guard previous >= 2, ["no", "menos"].contains(context.units[previous].key) else { return false }
        return context.units[previous - 1].facts.word == .que && context.units[previous - 2].key.isKey("lo")
    }
}
