import EscuchaCore
import EscuchaNormalize
import EscuchaSentiment

/// What the signal detector reads around its evidence to tell a signal from its near misses: advice and
/// warnings for some readers that are no not-recommendation, the reader's obligation and visits by choice that
/// are no effort, history that is no emergency, and counts of contacts that make effort and repeat contact.
extension SignalDetector {
    /// A not-recommending verb followed by an infinitive says how or when to do something: `no recomiendo lavarlo en
    /// caliente`. A verb the reader should not do at all is listed as its own phrase (`no compréis`).
    func isAdviceOnHow(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        guard endsInRecommending(range, text) else { return false }
        let next = text.tokens[range.upperBound]
        guard next.kind == .word else { return false }
        // The infinitive itself, or with pronouns attached (`lavarlo`, `ponerse`).
        var stem = Substring(next.key)
        for _ in 0..<2 {
            if let clitic = Self.clitics.first(where: { stem.count > $0.count + 1 && stem.hasSuffix($0) }) { stem = stem.dropLast(clitic.count) }
        }
        return stem.hasSuffix("ar") || stem.hasSuffix("er") || stem.hasSuffix("ir")
    }

    /// Whether the part of its sentence that holds the staff mention praises: in `El camarero, Luis, encantador y
    /// rapidísimo, pero la cocina un desastre` the sentence complains, the waiter is praised. Parts are cut where
    /// the aspects are (`pero`, `aunque`, `;`: `AspectSentiment.cutPositions`).
    func isPraised(_ mention: Range<Int>, sentence: Range<Int>, _ text: NormalizedText, _ sentiment: SentimentAnalysis) -> Bool {
        let cuts = AspectSentiment.cutPositions(in: sentence, text)
        let start = cuts.last { $0 <= mention.lowerBound } ?? sentence.lowerBound
        let end = cuts.first { $0 > mention.lowerBound } ?? sentence.upperBound
        let sum = sentiment.contributions.reduce(0.0) { total, contribution in
            (start..<end).contains(contribution.tokens.lowerBound) ? total + contribution.value : total
        }
        return sum > 0
    }

    /// Evidence that ends in a form of `recomendar` or `aconsejar` with a word after it: `no lo recomiendo …`.
    func endsInRecommending(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        guard range.upperBound < text.tokens.count else { return false }
        let last = text.tokens[range.upperBound - 1].key
        return last.hasPrefix("recomiend") || last.hasPrefix("recomend") || last.hasPrefix("aconsej")
    }

    /// Evidence that ends in a warning not to go (`no vayan`, `no vayas`, `no vayáis`) with a word after it.
    func endsInGoing(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        range.upperBound < text.tokens.count && text.tokens[range.upperBound - 1].key.hasPrefix("vay")
    }

    /// Who a not-recommendation is for, after `a`: `no lo recomiendo a personas con claustrofobia`.
    static let readers: WordSet = ["personas", "gente", "niños", "niñas", "ninos", "menores", "quienes", "quien", "los", "las", "familias", "parejas"]
    /// When or how not to go: `no vayan en fin de semana`, `no vayas de noche`, `no vayáis con niños`.
    static let goingQualifiers: WordSet = ["en", "de", "con", "si", "por", "los", "las", "sin", "temprano", "tarde", "entre"]

    /// Object pronouns attached to an infinitive, longest first.
    static let clitics = ["nos", "los", "las", "les", "lo", "la", "le", "me", "te", "se", "os"]

    /// Words of history and legend: a sentence with one tells the story of a place.
    static let historyWords: WordSet = ["leyenda", "leyendas", "independencia", "guerra", "batalla", "revolucion", "siglo",
                                            "insurgentes", "conquista", "virreinato"]
    /// Words that tell a story only where no writer or reader is in the sentence: `la historia de México`, `los
    /// revolucionarios` (`es la historia de cómo me robaron` is the writer's own).
    static let storyWords: WordSet = ["historia", "historias", "heroe", "heroes", "revolucionarios", "atacantes", "insurgente",
                                      "martir", "martires", "epidemia", "colera", "cristeros"]
    /// The writer and the reader (`fuimos` is read by its ending).
    /// The two lists' first bytes and lengths (`hasKey(in:_:of:_:)`).
    static let historyShapes = AspectSentiment.Shapes(Array(historyWords.strings))
    static let storyShapes = AspectSentiment.Shapes(Array(storyWords.strings))
    static let persons = WordSet.writerAndReader

    /// A not-recommendation limited to some readers or times: `no lo recomiendo` and then `para` (not `para nada`),
    /// `si`, `en`, `con`, or `a` and who (`a personas con vértigo`); `no vayan` and then when or how (`en Cervantino`,
    /// `de noche`, `con niños`).
    func isQualified(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        // Only of recommending and going: after `no compréis`, `no contratéis`, `no vuelvo a pedir` the `en` or `con`
        // names the company (`en esta tienda`, `con esa empresa`); `no vayan a ese sitio` names the place.
        let recommending = endsInRecommending(range, text)
        guard recommending || endsInGoing(range, text) else { return false }
        let next = text.tokens[range.upperBound].key
        let after = range.upperBound + 1 < text.tokens.count ? text.tokens[range.upperBound + 1].key : ""
        if ["nada", "nadie", "ninguno", "ninguna", "absoluto"].contains(after) { return false }
        if !recommending { return Self.goingQualifiers.contains(next) }
        return ["para", "si", "en", "con"].contains(next) || next.isKey("a") && Self.readers.contains(after)
    }

    /// The reader's obligation (`tienes que ir`, `tienen que ir`, `hay que ir`), what happened (`me tocó ir`) or trips
    /// and visits counted (`he ido varias veces`, `venido tres veces`).
    func isAdviceOrVisit(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        let first = text.tokens[range.lowerBound].key
        if ["tienes", "tienen", "teneis", "tendras", "tendran", "tendrias", "hay"].contains(first) { return true }
        // `me tocó ir por la mañana y es tranquilo`: outside complaint, a trip `tocó` is what happened, not what was
        // imposed (`me tocó esperar hora y media` stays a wait).
        if range.contains(where: { text.tokens[$0].key.isKey("toco") }), range.contains(where: { text.tokens[$0].key.isKey("ir") }) { return true }
        return range.contains { ["veces", "vez"].contains(text.tokens[$0].key) }
            && range.contains { ["ido", "fui", "fuimos", "venido", "vine", "vinimos", "visitado", "estado"].contains(text.tokens[$0].key) }
    }

    /// Counts of three and more, and their ordinals: `tercera vez`, `cinco veces`, `enésima`.
    static let manyTimes: WordSet = ["tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "mil", "tercera", "cuarta",
                                         "quinta", "sexta", "enesima", "muchas", "varias", "tantas", "3", "4", "5", "6", "7", "8", "9", "10"]
    /// Contacts: going, calling, writing, claiming, asking.
    static let contactVerbs: WordSet = ["ir", "venir", "llamar", "escribir", "reclamar", "pedir", "insistir", "volver", "acudir",
                                            "reportar", "contactar", "quejar", "mandar", "enviar"]

    /// A contact verb in the evidence or just after it: `cuarta vez que os escribo`, not `cancelado por tercera vez`.
    func mentionsContact(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        // The word lists in locals, and the verbs asked in a closure: the method reference `Self.contactVerbs.contains`
        // copied the list (its set and its entries, retained and released) for every word.
        let contactVerbs = Self.contactVerbs, elapsing = Self.elapsing
        return (range.lowerBound..<min(text.tokens.count, range.upperBound + 3)).contains { index in
            text.tokens[index].kind == .word && !elapsing.contains(text.tokens[index].key)
                && TopicMatcher.keys(text.tokens[index], matcher.normalizer).contains { contactVerbs.contains($0) }
        }
    }

    /// Forms of `ir` that count time, not trips: `van dos días que…`, `ya van 18 días`.
    static let elapsing: WordSet = ["van", "va", "iba", "iban"]

    /// `ir tres veces`, `tuve que ir dos días seguidos`, `llevo 4 días llamando`: a contact verb with a count of times
    /// or days, in the evidence or right after it.
    func isRepeatedContact(_ range: Range<Int>, _ text: NormalizedText) -> Bool {
        let upper = min(text.tokens.count, range.upperBound + 3)
        let span = range.lowerBound..<upper
        let counted = span.contains { index in
            let key = text.tokens[index].key
            return (key.isKey("veces") || key.isKey("dias") || key.isKey("semanas")) && index > span.lowerBound
                && (Self.numberWords.contains(text.tokens[index - 1].key) || text.tokens[index - 1].kind == .number)
        }
        return counted && mentionsContact(range, text)
    }
}
