import EscuchaCore
import EscuchaNormalize

/// A grade the writer gives in the text: `le doy un 4/5`, `nota: 2/10`, `5 de 5 estrellas`, `8 sobre 10`,
/// `le daría una estrella`. Reviews and comments often carry the writer's own verdict as a number, and it
/// says more than any word around it. The grade's share of its scale sets the value (`valence(share:)`).
///
/// Only grades that read as grades: a scale of 5, 10 or 100 and a grade no larger; `N/M` not after a word
/// that dates it (`el 1/10`); `N de M` and `N sobre M` after a word that gives a grade (`un`, `nota`, `doy`),
/// at the start of a sentence, or before `estrellas`/`puntos`, never before another noun (`3 de 10 personas`);
/// stars alone only after a verb that gives them (`le doy una estrella`), since `un hotel de 5 estrellas` is a
/// category (and `una estrella Michelin` an award). A grade already read as an expression (`un 10`, `de diez`) is left to it.
enum Ratings {
    static let scales: Set<Double> = [5, 10, 100]
    /// Words before a grade that make it one (and a colon: `nota: 2/10`).
    static let graders: WordSet = [":", "un", "una", "nota", "puntuacion", "calificacion", "valoracion", "puntaje", "doy", "daria",
                                       "damos", "dariamos", "pongo", "pondria", "ponemos", "merece", "merecen", "mereces", "le", "les",
                                       "dejo", "otorgo", "solo", "apenas", "total", "resumen"]
    /// Verbs that give stars: `le doy una estrella`, `merece 5 estrellas`.
    static let starGivers: WordSet = ["doy", "daria", "damos", "dariamos", "pongo", "pondria", "merece", "merecen", "mereces",
                                          "dejo", "otorgo"]
    /// Words before `N/M` that make it a date (`el 1/10`, `desde 3/5`).
    static let dateWords: WordSet = ["el", "del", "al", "desde", "hasta", "dia", "fecha", "hoy", "de", "a", "para", "los", "las",
                                         "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "entre", "y"]
    static let units: WordSet = ["estrella", "estrellas", "punto", "puntos"]
    /// Words after `N de M` that end the grade rather than name what was counted (`3 de 10 personas`).
    static let afterGrade: WordSet = ["y", "e", "o", "pero", "para", "por", "en", "a", "al", "que", "sin", "con", "como", "porque",
                                          "la", "el", "lo", "los", "las", "es"]
    /// Grades written in words, before stars (`una estrella`, `cero estrellas`). Not `LongWait.numberWords`: a grade
    /// may be zero and is never `muchas` or `media`.
    static let numberWords: [String: Double] = ["cero": 0, "ninguna": 0, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
                                                "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "cien": 100, "mil": 1000]

    /// From the grade's share of its scale: 90% and up is top praise, 70–80% praise, 60% lukewarm (3 of 5 stars,
    /// a 6, NPS's passives and below), half or less a complaint.
    static func valence(share: Double) -> Double {
        switch share {
        case 0.9...: return 3
        case 0.8..<0.9: return 2
        case 0.7..<0.8: return 1
        case 0.6..<0.7: return -0.5
        case 0.5..<0.6: return -1
        case 0.3..<0.5: return -2
        default: return -3
        }
    }

    static func cues(_ context: RuleContext, text: NormalizedText, into out: inout [RuleContext.Working]) {
        // A number word grades only before stars (`una estrella`); `diez de diez` is the expression `de diez`.
        let hasStars = context.mayHave(.star)  // exact: the union of the units' lists
        if hasStars {
            for index in context.units.indices { grade(at: index, context, text, hasStars: true, into: &out) }
            return
        }
        // A number grades only as its own unit: a text with none (most) has its tokens not read (about 2 M per MB).
        guard context.traitSummary.contains(.number) else { return }
        // Without stars only a number token grades: each one's unit is found by a binary search over the units (in token
        // order), rather than every unit of a text with a number being tested (about 2 M instructions per MB).
        text.tokens.withUnsafeBufferPointer { tokens in
            var lower = 0
            for position in tokens.indices where tokens[position].kind == .number {
                var upper = context.units.count
                while lower < upper {
                    let middle = (lower + upper) / 2
                    if context.units[middle].tokens.upperBound <= position { lower = middle + 1 } else { upper = middle }
                }
                guard lower < context.units.count else { break }
                if context.units[lower].tokens.lowerBound == position { grade(at: lower, context, text, hasStars: false, into: &out) }
            }
        }
    }

    /// The rating the unit at `index` gives, if any, appended to `out` (units in order, so cues are too).
    private static func grade(at index: Int, _ context: RuleContext, _ text: NormalizedText, hasStars: Bool, into out: inout [RuleContext.Working]) {
        // By index, reading fields in place: a copy of each unit would retain its key and opinion.
        guard context.units[index].tokens.count == 1 && context.units[index].opinion == nil else { return }
        let count = context.units.count
        let position = context.units[index].tokens.lowerBound
        // The shape is checked before anything is parsed: most numbers are prices, times and dates.
        let isNumber = text.tokens[position].kind == .number
        guard isNumber || hasStars && context.units[index].isWord else { return }
        let tokens = text.tokens
        let next = index + 1 < count ? context.units[index + 1].key : ""
        let nextIsStar = index + 1 < count && context.units[index + 1].facts.lists.contains(.star)
        let shaped = nextIsStar || isNumber && (next.isKey("de") || next.isKey("sobre"))
        guard shaped || isNumber && tokens[position].surface.utf8.contains(UInt8(ascii: "/")) else { return }
        let token = tokens[position]
        let before = wordBefore(index, context)
        var grade: (value: Double, scale: Double)?
        if token.kind == .number, let slash = fraction(token.surface) {
            if before.map({ !dateWords.contains($0) }) ?? true { grade = slash }
        } else if next.isKey("de") || next.isKey("sobre"), let value = number(token), index + 2 < count, context.units[index + 2].tokens.count == 1,
                  let scale = number(tokens[context.units[index + 2].tokens.lowerBound]), context.units[index + 2].opinion == nil {
            let after = index + 3 < count && context.sentenceOf[index + 3] == context.sentenceOf[index] ? context.units[index + 3] : nil
            let endsGrade = after.map { !$0.isWord || units.contains($0.key) || afterGrade.contains($0.key) } ?? true
            let graded = before.map { graders.contains($0) } ?? true
            if endsGrade, graded || after.map({ units.contains($0.key) }) == true { grade = (value, scale) }
        } else if nextIsStar, let value = number(token), before.map({ starGivers.contains($0) || givesStars(index, context) }) ?? opensVerdict(index, context),
                  index + 2 >= count || !context.units[index + 2].key.isKey("michelin") {
            // More stars than there are (`le daría 10 estrellas`, `merece mil estrellas`) is praise past the scale.
            grade = (min(value, 5), 5)
        }
        guard let grade, scales.contains(grade.scale), grade.value <= grade.scale, grade.value >= 0 else { return }
        let term = "\(format(grade.value))/\(format(grade.scale))"
        out.append(RuleContext.Working.cue(unit: index, term: term, rule: "rating", cue: term, value: valence(share: grade.value / grade.scale)))
    }

    /// Stars that open their sentence are the writer's verdict (`Cinco estrellas.`, `Una estrella y porque no se puede poner
    /// cero`), unless `de` follows to name a category's place (`5 estrellas de lujo en pleno centro`).
    private static func opensVerdict(_ index: Int, _ context: RuleContext) -> Bool {
        guard index + 2 < context.units.count, context.sentenceOf[index + 2] == context.sentenceOf[index] else { return true }
        let key = context.units[index + 2].key
        return !(key.isKey("de") || key.isKey("del") || key.hasPrefix("de "))
    }

    /// `le doy un 3 de 10`, `un 7 de diez`: the score expression `de 10` after a number is the scale of a grade. The
    /// expression's praise is read again as that grade (`10 de 10` stays top praise).
    static let scoreExpressions: WordSet = ["de 10", "de diez"]

    static func applyGradedScores(_ context: inout RuleContext, text: NormalizedText) {
        // A term's first byte before the set (most terms open otherwise): a term equal to `de 10` or `de diez` opens with
        // `d`, as no other character is canonically one.
        for index in context.contributions.indices where context.contributions[index].term.utf8.first == UInt8(ascii: "d")
            && scoreExpressions.contains(context.contributions[index].term) {
            let unit = context.contributions[index].unit
            // Given as a grade: after a word that gives one, or opening the sentence (`10 de 10`), not `a las 3 de 10`.
            guard unit > 0, context.units[unit - 1].tokens.count == 1, context.units[unit - 1].opinion == nil,
                  wordBefore(unit - 1, context).map({ graders.contains($0) }) ?? true,
                  let value = number(text.tokens[context.units[unit - 1].tokens.lowerBound]), value >= 0, value <= 10 else { continue }
            let term = "\(format(value))/10"
            context.contributions[index].apply("rating", cue: term, to: valence(share: value / 10))
        }
    }

    static func isStar(_ key: String) -> Bool {
        key.utf8.first == UInt8(ascii: "e") && key.utf8.count >= 8 && key.hasPrefix("estrell")
    }

    /// `le doy solo una estrella`, `pondría un 2`: a giving verb two words back, past `le`, `un`, `solo`.
    private static func givesStars(_ index: Int, _ context: RuleContext) -> Bool {
        var probe = index - 1
        var steps = 0
        while probe >= 0, steps < 3, context.units[probe].isWord {
            if starGivers.contains(context.units[probe].key) { return true }
            probe -= 1
            steps += 1
        }
        return false
    }

    /// The word (or colon) just before a unit in its sentence; nil at the sentence's start or after other punctuation.
    private static func wordBefore(_ index: Int, _ context: RuleContext) -> String? {
        guard index > 0, context.sentenceOf[index - 1] == context.sentenceOf[index] else { return nil }
        let previous = context.units[index - 1]
        return previous.isWord || previous.key == ":" ? previous.key : nil
    }

    private static func number(_ token: Token) -> Double? {
        if token.kind == .number { return decimal(token.surface) }
        return token.kind == .word ? numberWords[token.key] : nil
    }

    /// A number with a decimal comma read as a point (`8,5`). Foundation's `replacingOccurrences` is asked only of text
    /// with a comma (without one it gives back the same text): it cost about 3,000 instructions a number, and most have none.
    private static func decimal(_ text: some StringProtocol) -> Double? {
        text.utf8.contains(UInt8(ascii: ",")) ? Double(text.replacingOccurrences(of: ",", with: ".")) : Double(text)
    }

    /// `4/5`, `8,5/10`: the grade and its scale.
    /// The two sides are read in place around the one slash: splitting made an array of them (about 3,000 instructions
    /// a call, most numbers with a slash being dates).
    private static func fraction(_ surface: String) -> (Double, Double)? {
        let bytes = surface.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let after = bytes.index(after: slash)
        guard !bytes[after...].contains(UInt8(ascii: "/")), let value = decimal(surface[..<slash]),
              let scale = Double(surface[after...]) else { return nil }
        return (value, scale)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
