import EscuchaCore
/// The three labels, and the thresholds that give them.
public enum SentimentLabel: String, Sendable, CaseIterable, Codable {
    case pos, neu, neg
}

/// A score with its label and proportions: for a document or one sentence.
public struct SentimentScore: Sendable, Equatable {
    /// −1 … +1: the sum of contributions `s`, normalized as `s / sqrt(s² + 15)` (so ±4, one strong word,
    /// gives about ±0.72, and more evidence approaches ±1 without reaching it).
    public var compound: Double
    /// Shares of positive, neutral and negative weight in the text; they add up to 1.
    public var positive: Double
    public var neutral: Double
    public var negative: Double
    public var label: SentimentLabel

    /// The compound above which a text is `pos`, and below whose negative it is `neg`. Chosen on the team's
    /// gold set (`corpora/gold/sentiment.jsonl`): one mild word (±1, compound ±0.25) is not yet an opinion.
    public static let positiveThreshold = 0.3
    public static let negativeThreshold = -0.2

    public static func label(for compound: Double) -> SentimentLabel {
        compound >= positiveThreshold ? .pos : compound <= negativeThreshold ? .neg : .neu
    }

    /// A text whose weaker side (praise or complaint) weighs at least this share of the stronger, and at
    /// least `mixedMinimum`, is a mixed opinion and labelled `neu` whatever its compound (`la comida
    /// excelente, el servicio lento y caro`): the labeled sets Escucha is measured on (its gold set,
    /// SemEval, OpeNER, TASS) count a mixed opinion as neutral. One mild word against a strong one is not mixed. At 0.6 no file
    /// loses more than 0.005 macro-F1 and OpeNER, Rest-Mex and the gold set gain up to 0.01; at 0.5 the
    /// gains double but the tweets lose as much.
    public static let mixedShare = 0.6
    public static let mixedMinimum = 1.0
    /// Where the writer sets praise against complaint with a contrast word (`pero`, `aunque`, `sin embargo`),
    /// the text says itself that it is two-sided: a weaker side of this share already makes it mixed. Every
    /// measured file gains or holds (OpeNER +0.02, SemEval and Rest-Mex +0.005).
    public static let mixedShareWithContrast = 0.4
    /// …and a faint side is enough (`pequeño, pero cómodo`; `El Spa es pequeño, pero suficiente`): the contrast
    /// word says the writer weighs it. From 0.4 to 0.6 every file holds or gains (OpeNER +0.002, its dev split
    /// +0.011, Rest-Mex +0.001); below, one faint word weighed half by `aunque` would count.
    public static let mixedMinimumWithContrast = 0.5

    public static func label(compound: Double, positiveMass: Double, negativeMass: Double, contrasted: Bool = false) -> SentimentLabel {
        let weaker = min(positiveMass, negativeMass)
        let stronger = max(positiveMass, negativeMass)
        if weaker >= (contrasted ? mixedMinimumWithContrast : mixedMinimum),
           weaker >= (contrasted ? mixedShareWithContrast : mixedShare) * stronger { return .neu }
        return label(for: compound)
    }

    /// The normalization constant: the sum at which the compound is 1/sqrt(2).
    public static let alpha = 15.0

    /// The compound of a sum of contributions.
    public static func compound(sum: Double) -> Double { sum / (sum * sum + alpha).squareRoot() }

    /// `balanced`: the writer's own verdict says the sides weigh the same (`BalancedVerdict`): the label is `neu`.
    init(sum: Double, positiveMass: Double, negativeMass: Double, neutralWords: Int, contrasted: Bool = false, balanced: Bool = false) {
        compound = Self.compound(sum: sum)
        let total = positiveMass + negativeMass + Double(neutralWords)
        if total > 0 {
            positive = positiveMass / total
            negative = negativeMass / total
            neutral = Double(neutralWords) / total
        } else {
            positive = 0
            negative = 0
            neutral = 1
        }
        label = balanced ? .neu : Self.label(compound: compound, positiveMass: positiveMass, negativeMass: negativeMass, contrasted: contrasted)
    }
}

/// A rule that changed a contribution: which, what triggered it, and the value before and after.
public struct AppliedRule: Sendable, Equatable {
    public var rule: String
    /// The words that triggered it (`no`, `pero`, `muy`), when there are any.
    public var cue: String?
    public var from: Double
    public var to: Double
}

/// What one word, expression, emoji or cue added to the score, and why.
public struct Contribution: Sendable, Equatable {
    /// Indices into the normalized text's tokens.
    public var tokens: Range<Int>
    public var utf8: Range<Int>
    public var utf16: Range<Int>
    /// The characters as the customer wrote them.
    public var text: String
    /// The lexicon entry it matched (`pésimo`, `tomar el pelo`) or the cue (`sin luz`).
    public var term: String {
        get { opinion.entry.term }
        set { change(term: newValue) }
    }
    /// The lexicon list (`adjectives`, `expressions`, `emoji`) or `rule` for a cue that is a rule's own.
    public var list: String {
        get { opinion.entry.list }
        set { change(list: newValue) }
    }
    /// How the token reached the entry: `exact`, `accents`, `lemma`, `superlative`, `-mente`…
    public var match: String {
        get { opinion.match }
        set { change(match: newValue) }
    }
    public var valence: Double {
        get { opinion.entry.valence }
        set { change(valence: newValue) }
    }
    public var rules: [AppliedRule]
    public var value: Double
    /// The entry found (`OpinionLookup.Found`, shared with the lexicon's readings) or a cue's own, which holds `term`,
    /// `list`, `match` and `valence` and their JSON encoded once (`OpinionLookup.Found.entryJSON`). One reference: as
    /// four copies, each contribution's strings and encoding were retained and released again and again.
    var opinion: OpinionLookup.Found

    init(tokens: Range<Int>, utf8: Range<Int>, utf16: Range<Int>, text: String, opinion: OpinionLookup.Found,
         rules: [AppliedRule], value: Double) {
        self.tokens = tokens
        self.utf8 = utf8
        self.utf16 = utf16
        self.text = text
        self.opinion = opinion
        self.rules = rules
        self.value = value
    }

    /// A changed field makes an entry of the contribution's own (the shared one is never changed), encoded anew.
    private mutating func change(term: String? = nil, list: String? = nil, match: String? = nil, valence: Double? = nil) {
        let entry = ValenceEntry(term: term ?? self.term, valence: valence ?? self.valence, list: list ?? self.list,
                                 line: opinion.entry.line)
        opinion = OpinionLookup.Found(entry: entry, match: match ?? self.match, intensity: [])
    }

    /// Equal by what the entry says, whichever entry object holds it.
    public static func == (a: Contribution, b: Contribution) -> Bool {
        a.tokens == b.tokens && a.utf8 == b.utf8 && a.utf16 == b.utf16 && a.text == b.text && a.term == b.term
            && a.list == b.list && a.match == b.match && a.valence == b.valence && a.rules == b.rules && a.value == b.value
    }
}

/// One sentence's score.
public struct SentenceSentiment: Sendable, Equatable {
    public var utf8: Range<Int>
    public var utf16: Range<Int>
    public var score: SentimentScore
}

/// A text's sentiment: the score, per-sentence scores and every contribution with its rules.
public struct SentimentAnalysis: Sendable, Equatable {
    public var score: SentimentScore
    public var sentences: [SentenceSentiment]
    public var contributions: [Contribution]
    /// The language of a text that was not scored because it is not Spanish (`en`); nil for a scored text.
    public var language: String? = nil

    /// Whether the writer's own verdict says praise and complaint weigh the same (`ni bien ni mal`, `ni fu ni fa`):
    /// a passive's answer, whatever side of zero the rest leans.
    public var statesEvenVerdict: Bool { Self.statesEvenVerdict(contributions) }

    /// Whether a sarcasm rule turned some praise around (`Genial, ahora necesito la huella, el SMS y el PIN 🙃`): the
    /// writer is being ironic, so praise elsewhere from the same hand (a review's title `Genial`) may be too.
    public var readsAsIrony: Bool { contributions.contains { $0.rules.contains { $0.rule == "sarcasm" } } }

    static func statesEvenVerdict(_ contributions: [Contribution]) -> Bool {
        contributions.contains { $0.rules.contains { $0.rule.isKey("balanced verdict") && $0.cue.map(BalancedVerdict.evenVerdicts.contains) == true } }
    }
}

extension SentimentAnalysis {
    /// The arrays of analyses given back (`recycle`), emptied with their room kept, for the next text's analysis to fill
    /// (`SentimentAnalyzer.analyze(_:room:)`): made per text, each cost an allocation and a free, and a contribution's
    /// rules (most contributions meet one, about 14,500 a MB) most of all. Held by the caller (`Analyzers.Room`); an
    /// analysis a caller keeps simply keeps its arrays.
    public struct Room {
        var contributions: [Contribution] = []
        var sentences: [SentenceSentiment] = []
        /// Emptied rule lists, a stack: each of the next text's lexicon contributions takes one (`popLast`).
        var rules: [[AppliedRule]] = []

        public init() {}

        /// Room larger than this is not kept: one long text should not hold memory for the rest of the run.
        static let keptCapacity = 256
        /// Rule lists kept at most (a text has about 17 contributions), and the most rules a kept list has room for.
        static let keptRuleLists = 256
        static let keptRuleCapacity = 8

        /// Takes `analysis`'s arrays back, emptied (leaving them empty in it), for the next text.
        public mutating func recycle(_ analysis: inout SentimentAnalysis) {
            // In the contributions' storage, made unique once (each swap by index checked it again), and each list moved
            // into the stack (`consume`), not copied and released.
            analysis.contributions.withUnsafeMutableBufferPointer { contributions in
                for index in contributions.indices {
                    guard rules.count < Self.keptRuleLists else { break }
                    let capacity = contributions[index].rules.capacity
                    guard capacity > 0, capacity <= Self.keptRuleCapacity else { continue }
                    var list: [AppliedRule] = []
                    swap(&list, &contributions[index].rules)
                    list.emptyFromEnd()
                    rules.append(consume list)
                }
            }
            analysis.contributions.giveRoom(to: &contributions, upTo: Self.keptCapacity)
            analysis.sentences.giveRoom(to: &sentences, upTo: Self.keptCapacity)
        }
    }
}
