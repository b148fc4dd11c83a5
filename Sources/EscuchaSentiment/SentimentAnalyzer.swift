import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize

/// The sentiment model: normalized text in, a score with every contribution and rule out.
///
/// One `Sendable` value holding the lexicons; `analyze` may be called from any thread.
public struct SentimentAnalyzer: Sendable {
    public let normalizer: Normalizer
    public let lexicon: SentimentLexicon
    /// Which rules run; all by default. `escucha eval --without RULE` measures what one rule is worth.
    public var disabledRules: Set<String> = []
    let reference: LexiconReference
    private let caches = ThreadLocalCache()

    public static let ruleNames = ["intensity", "intensifiers", "negation", "resolutions", "resolved-stories", "gratitude", "narration", "deprivation", "in-vain", "not-even", "warnings", "unmet-expectations", "fulfilled-expectations", "impediments", "recommendations", "cost-level", "ratings", "long-wait",
                                   "excess", "suggestions", "counterfactuals", "missed-visit", "drawback-frame",
                                   "comparatives", "post-nominal", "wear", "reported", "attributed", "notice", "averted", "sensitive-readers", "generic-readers", "space-size",
                                   "irrealis", "contrast", "questions", "contest", "sarcasm", "exclamation", "closing-verdict", "negativity", "repetition", "verdict", "language"]

    public init(normalizer: Normalizer, lexicon: SentimentLexicon) {
        self.normalizer = normalizer
        self.lexicon = lexicon
        reference = LexiconReference(lexicon: lexicon, lookup: OpinionLookup(lexicon: lexicon, normalizer: normalizer))
    }

    /// Loads the normalization and sentiment lexicons of a folder (`lexicons/es`), with the user's `plugins` added.
    public init(lexiconDirectory: String, plugins: [PluginLexicon] = []) throws(LexiconError) {
        let normalizer = try Normalizer(lexiconDirectory: lexiconDirectory)
        let lexicon = try SentimentLexicon.load(directory: lexiconDirectory, plugins: plugins, key: { Folding.key(Folding.fold($0)) })
        self.init(normalizer: normalizer, lexicon: lexicon)
    }

    public func analyze(_ text: String) -> SentimentAnalysis {
        analyze(normalizer.normalize(text))
    }

    public func analyze(_ text: NormalizedText) -> SentimentAnalysis {
        var room = SentimentAnalysis.Room()
        return analyze(text, room: &room)
    }

    /// The same, the analysis's arrays (and its contributions' rule lists) made in `room`'s (see `SentimentAnalysis.Room`).
    public func analyze(_ text: NormalizedText, room: inout SentimentAnalysis.Room) -> SentimentAnalysis {
        let cache = caches.value
        cache.beginText()
        // Each token's reading, found once by the survey and read by index in the passes after it (`UnitReader`): reading
        // a token's forms again cost a retain and a release of the forms each time (their slot is read with atomic loads).
        // The array is this thread's, left at its length between texts (`OpinionCache.tokenReadings`): only its first
        // `text.tokens.count` places are this text's, and only they are lent to the reader.
        var readings: [Unmanaged<WordReading>?] = []
        swap(&readings, &cache.tokenReadings)
        defer { swap(&readings, &cache.tokenReadings) }
        let survey = survey(text, cache, readings: &readings)
        // Hashing each rule's name costs more than some rules when none is disabled (the usual case).
        let allEnabled = disabledRules.isEmpty
        if allEnabled || !disabledRules.contains("language"), let language = LanguageGuess.foreign(english: survey.english, spanish: survey.spanish) {
            return Self.unscored(text, language: language)
        }
        // The context is this thread's, its arrays emptied and handed back after each text (`RuleScratch`): each
        // array a text made cost an allocation and a metadata lookup, and those that grew, a copy or more.
        var context = cache.scratch.take(shouting: survey.shouting)
        context.sentenceOf.reserveCapacity(text.tokens.count)
        context.sentences.reserveCapacity(text.sentences.count)
        // What the rules' early exits read of all units, summed as the reader appends them (`UnitSums`).
        var sums = UnitSums()
        swap(&sums.doubleRoles, &cache.doubleRoles)
        defer {
            sums.doubleRoles.empty()
            swap(&sums.doubleRoles, &cache.doubleRoles)
        }
        // Each sentence's word and symbol units, counted as they are read: `finish` walked every unit again for them.
        // The array is this thread's, kept empty between texts.
        var sentenceWords: [Int] = []
        swap(&sentenceWords, &cache.sentenceWords)
        defer {
            sentenceWords.empty()
            swap(&sentenceWords, &cache.sentenceWords)
        }
        sentenceWords.reserveCapacity(text.sentences.count)
        // The units are written in place, once for the whole text (`UnitReader.read(_:into:sentences:sentenceWords:sums:)`):
        // a closure per sentence retained what it captured (about 2 M instructions per MB). Taken out of the context while
        // they are written, with the sentences, which are appended as they are.
        var units: [Unit] = [], sentences: [Range<Int>] = []
        swap(&units, &context.units)
        swap(&sentences, &context.sentences)
        readings.withUnsafeBufferPointer { readings in
            UnitReader(reference: reference, cache: cache, readings: UnsafeBufferPointer(rebasing: readings[..<text.tokens.count]))
                .read(text, into: &units, sentences: &sentences, sentenceWords: &sentenceWords, sums: &sums)
        }
        swap(&units, &context.units)
        swap(&sentences, &context.sentences)
        // Set through methods, here and for the roles below: Swift 6.3 cannot `consume` a variable one of whose
        // properties is assigned (`RuleScratch.keep` at the end).
        context.summarize(keyFacts: sums.keyFacts, modifierKinds: sums.modifierKinds, traits: sums.traits, asks: sums.asks,
                          exclaims: sums.exclaims)
        // The steps below scan every unit for a negator or a booster: a text with none skips them.
        resolveDoubleRoles(&context.units, candidates: sums.doubleRoles, boosters: context.mayHave(.booster), negators: context.mayHave(.negator))
        ProperNames.apply(&context.units, text: text, sentences: context.sentences)
        DiscourseMarkers.apply(&context.units, sentences: context.sentences, keyFacts: context.keyFacts)
        // Each scan only in a text with the words it acts on (`KeyLists`, exact): most have no `nada`, `nadie` nor `dejar de`.
        if context.mayHave(.negator) {
            if context.mayHave(.universalOpener) { Negation.joinUniversalRelatives(&context.units) }
            if context.mayHave(.ceasing) { Negation.keepCeasingBeforeInfinitives(&context.units) }
            if context.mayHave(.sin) && context.mayHave(.que) { Negation.joinSinQue(&context.units) }
            if context.mayHave(.no) { Negation.dropAlternatives(&context.units) }
        }
        // Only after `que` and an obligation (`no hay que`): see `Negation.followsNegatedObligation`.
        if context.mayHave(.que) && context.mayHave(.obligation) { Negation.joinNegatedObligations(&context.units) }
        NounHomographs.apply(&context.units, keyFacts: context.keyFacts)
        // Only a text with a size word (`TraitSummary.sizeWord`, exact) has a unit the rule changes.
        if context.traitSummary.contains(.sizeWord), allEnabled || !disabledRules.contains("space-size") {
            SpaceSizes.apply(&context.units, spacious: reference.spacious, scarce: reference.scarce, cramped: reference.cramped)
        }
        // Rules only ever take contrast away from a unit: a text read with none has none (`mayContrast`).
        let mayContrast = Self.mayContrast(context)
        Self.placeInSentencesAndClauses(context.units, context.sentences, sentenceOf: &context.sentenceOf, clauseOf: &context.clauseOf,
                                        mayContrast: mayContrast)
        context.setRoles(Negation.roles(context, text: text))
        for index in context.units.indices {
            guard let opinion = context.units[index].opinion else { continue }
            // Its rule list is an emptied one of an earlier text's, when the room has one (most contributions meet a rule).
            context.contributions.append(.init(unit: index, opinion: opinion, rules: room.rules.popLast() ?? []))
        }
        let enabled = { (name: String) in allEnabled || !disabledRules.contains(name) }
        // The rules that make cues of their own append them to one buffer, this thread's, kept empty between rules and
        // texts, and `add` moves them into the context: an array each rule returned was released at every text (about
        // 80,000 releases per MB of texts), and allocated and freed at each text with a cue.
        var cues: [RuleContext.Working] = []
        swap(&cues, &cache.cues)
        defer { swap(&cues, &cache.cues) }
        if enabled("intensity") { Intensity.apply(&context, text: text) }
        if enabled("intensifiers") { Intensifiers.apply(&context) }
        if enabled("negation") { Negation.apply(&context) }
        if enabled("resolutions") { Resolutions.apply(&context) }
        if enabled("deprivation") {
            Deprivation.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("in-vain") {
            InVain.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("unmet-expectations") {
            UnmetExpectations.apply(&context)
            UnmetExpectations.cues(context, into: &cues)
            context.add(&cues)
        }
        if enabled("fulfilled-expectations") {
            FulfilledExpectations.cues(context, into: &cues)
            context.add(&cues)
        }
        if enabled("recommendations") {
            Recommendations.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("impediments") {
            Impediments.cues(context, into: &cues)
            context.add(&cues)
        }
        if enabled("excess") {
            Excess.cues(context, into: &cues)
            context.add(&cues)
        }
        if enabled("cost-level") {
            CostLevel.cues(context, into: &cues)
            context.add(&cues)
        }
        if enabled("ratings") {
            Ratings.applyGradedScores(&context, text: text)
            Ratings.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("long-wait") { LongWait.apply(&context, text: text) }
        if enabled("suggestions") {
            Suggestions.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("counterfactuals") {
            Counterfactuals.cues(context, into: &cues)
            context.add(&cues)
        }
        // After every rule that reads a clause's own failure (`ni siquiera pudimos cenar` is the impediment's).
        if enabled("not-even") {
            NotEven.cues(context, text: text, into: &cues)
            context.add(&cues)
        }
        if enabled("warnings") { Warnings.apply(&context) }
        if enabled("comparatives") { Comparatives.apply(&context) }
        if enabled("post-nominal") { PostNominal.apply(&context) }
        if enabled("wear") { FastWear.apply(&context) }
        if enabled("reported") { ReportedRecommendations.apply(&context) }
        if enabled("attributed") { AttributedReports.apply(&context) }
        if enabled("notice") { Notices.apply(&context) }
        if enabled("averted") { AvertedHarms.apply(&context, text: text) }
        if enabled("sensitive-readers") { SensitiveReaders.apply(&context) }
        if enabled("generic-readers") { GenericReaders.apply(&context) }
        if enabled("irrealis") { Irrealis.apply(&context) }
        if enabled("missed-visit") { MissedVisits.apply(&context, text: text) }
        if enabled("gratitude") { Gratitude.apply(&context) }
        if enabled("narration") { Narration.apply(&context) }
        if enabled("resolved-stories") { ResolvedStories.apply(&context, text: text) }
        if enabled("contrast") { Contrast.apply(&context) }
        if enabled("drawback-frame") { DrawbackFrames.apply(&context) }
        if enabled("questions") {
            Questions.apply(&context, text: text)
            Courtesy.apply(&context)
        }
        if enabled("contest") { ContestEntries.apply(&context) }
        if enabled("sarcasm") { Sarcasm.apply(&context) }
        if enabled("exclamation") { Exclamation.apply(&context) }
        if enabled("closing-verdict") { ClosingVerdict.apply(&context) }
        Balance.apply(&context, negativity: enabled("negativity"), repetition: enabled("repetition"))
        if enabled("verdict") { BalancedVerdict.apply(&context) }
        let analysis = finish(&context, text, cache, sentenceWords: sentenceWords, room: &room)
        cache.scratch.keep(consume context)
        return analysis
    }

    /// Each unit's sentence and clause, in one pass over the sentences' units (no step before it reads `sentenceOf`), each
    /// array written through one buffer: appended unit by unit, each append checked the array's uniqueness and room
    /// again (about 20 instructions a unit), and a pass for each array read the units twice (about 2.6 M per MB).
    /// The sentences' ranges cover the units in order, so a unit opens a new sentence where it opens its range.
    /// The units are read through a buffer: through the array, each unit's read loaded its storage again (the writes
    /// above it might have changed it).
    /// Its own function, passed the context's arrays (not the context: passed inout, it cost 0.3 M per MB more): a closure
    /// of `analyze` that captured the context kept it from being moved out whole at the end (`RuleScratch.keep`).
    private static func placeInSentencesAndClauses(_ units: [Unit], _ sentences: [Range<Int>], sentenceOf: inout [Int],
                                                   clauseOf: inout [Int], mayContrast: Bool) {
        let count = units.count
        units.withUnsafeBufferPointer { units in
            Self.fill(&sentenceOf, count: count) { sentenceOf in
                Self.fill(&clauseOf, count: count) { clauseOf in
                    var clause = 0
                    for (sentence, range) in sentences.enumerated() {
                        for index in range {
                            if index > 0, index == range.lowerBound || units[index].breaksClause
                                || mayContrast && (units[index].has(.contrastAfter) || units[index].has(.contrastBefore)) {
                                clause += 1
                            }
                            sentenceOf[index] = sentence
                            clauseOf[index] = clause
                        }
                    }
                }
            }
        }
    }

    /// A word that is both a modifier and an opinion (`bien`, `harto`, `tremendo` boost; `imposible`
    /// negates) modifies when an opinion word follows it (`bien caro`, `imposible descansar`) and is an
    /// opinion otherwise (`me atendieron bien`, `es imposible`).
    /// `boosters` and `negators`: whether the text may have any (`RuleContext.mayHave`); a pass for a kind it has not is skipped.
    /// `candidates`: the units, in order, that had an opinion and a booster or negator when read (`UnitSums.doubleRoles`):
    /// the passes below visit only them (each pass walked every unit), since no unit gains an opinion or a kind here.
    /// Praise words that measure a complaint noun after them (`modifiers.tsv`).
    static let goodDegrees: WordSet = ["buen", "buena"]
    static func isComplaintNoun(_ unit: Unit) -> Bool {
        guard let entry = unit.opinion?.entry else { return false }
        return entry.valence < 0 && entry.list == "nouns"
    }

    private func resolveDoubleRoles(_ units: inout [Unit], candidates: [Int], boosters: Bool, negators: Bool) {
        guard !candidates.isEmpty else { return }
        for (kind, present) in [(ModifierKind.booster, boosters), (.negator, negators)] where present {
            // Single words only: an expression that opens with a negator (`no funciona bien`) is both.
            for index in candidates where units[index].opinion != nil && units[index].has(kind) && units[index].tokens.count == 1 {
                // The opinion word may come after a booster (`le falta bastante educación`).
                var following = index + 1
                if following < units.count, units[following].opinion == nil, units[following].has(.booster) || units[following].has(.dampener) { following += 1 }
                let next = following < units.count ? units[following] : nil
                // `mal` negates praise only (`mal ventilado`); before a complaint it is one too (`mal cobrado`, `mal, mal`).
                // `buen`, `buena` measure a complaint noun right after them (`un buen susto`, `una buena multa`) and praise
                // anything else (`buena calidad`, `buen precio`).
                if let next, next.opinion != nil, next.isWord, !(kind == .negator && units[index].key == "mal" && (next.opinion?.entry.valence ?? 0) < 0),
                   !(kind == .booster && Self.goodDegrees.contains(units[index].key) && !(following == index + 1 && Self.isComplaintNoun(next))) {
                    units[index].opinion = nil
                } else if kind == .booster, index > 0, Self.degreeAfterVerbs.contains(units[index].key), units[index - 1].traits.finite,
                          units[index - 1].isWord, !Self.copulas.contains(units[index - 1].key) {
                    // `mejoraron harto`, `me gustó harto`: after a verb, `harto` is how much (Chile), not fed up.
                    units[index].opinion = nil
                } else if Self.clauseFinalOpinions.contains(units[index].key), index + 1 < units.count,
                          units[index + 1].isWord, !units[index + 1].breaksClause {
                    // `todo súper` praises; `súper temprano` only stresses a word the lexicon has no opinion of.
                    units[index].opinion = nil
                } else {
                    units[index].modifiers[kind] = nil
                }
            }
        }
        // `nunca más` is a vow (`¡Nunca más!`, `nunca más compro aquí`) unless an opinion word follows in its
        // clause: then it only negates it (`nunca más tuve problemas`).
        guard negators else { return }
        for index in candidates where units[index].opinion != nil && units[index].has(.negator) && Self.vows.contains(units[index].key) {
            var next = index + 1
            while next < units.count, next <= index + Negation.scope, !units[next].breaksClause {
                if units[next].opinion != nil, units[next].isWord {
                    units[index].opinion = nil
                    break
                }
                next += 1
            }
        }
    }

    /// Boosters that are praise only where nothing follows them in the clause (`estuvo súper`, `todo súper.`).
    static let clauseFinalOpinions: WordSet = ["super"]
    /// Boosters that, right after a conjugated verb, say how much it was done: never an opinion there.
    static let degreeAfterVerbs: WordSet = ["harto"]
    /// After these `harto` is the state (`estoy harto`, `quedé harto`), fed up.
    static let copulas: WordSet = ["estoy", "estas", "esta", "estamos", "estan", "estaba", "estabamos", "estaban", "estuve", "estuvo",
                                   "estuvimos", "estuvieron", "quede", "quedo", "quedamos", "quedaron", "sigo", "sigue", "seguimos", "ando",
                                   "anda", "andamos", "tiene", "tienen", "tengo", "tenemos", "tenia", "tenian"]
    static let vows: WordSet = ["nunca más", "nunca mas", "nunca jamás", "nunca jamas"]

    /// Three or more words, nearly all in capitals: capitals are then the writer's habit.
    /// One pass over the words before the rules: the function words of each language (`LanguageGuess`) and
    /// whether the whole text is in capitals (at least three words longer than a letter, 80% of them).
    /// `readings` gets each token's reading (nil for a token that is no word) in its first `text.tokens.count` places, for
    /// the passes after this one: written through one buffer (`fill`), where each append checked the array's room and the
    /// array was emptied after each text (about 1.7 M instructions per MB).
    private func survey(_ text: NormalizedText, _ cache: OpinionCache,
                        readings: inout [Unmanaged<WordReading>?]) -> (english: Int, spanish: Int, shouting: Bool) {
        // The four counts in two pairs of 32-bit lanes (`WordReading.languageCounts`, `shapeCounts`): a text would need
        // 2^32 words to carry from one lane into the next.
        var languages: UInt64 = 0, shapes: UInt64 = 0
        // Through a buffer: copying each token out of the array would retain and release its forms.
        Self.fill(&readings, count: text.tokens.count, with: nil) { readings in text.tokens.withUnsafeBufferPointer { tokens in
            for index in tokens.indices {
                guard tokens[index].kind == .word else {
                    readings[index] = nil
                    continue
                }
                // The forms unretained: passed straight from the buffer, they were retained and released at every word.
                let forms = Unmanaged.passUnretained(tokens[index].forms)
                let found = forms._withUnsafeGuaranteedRef { cache.reading($0, reference) }
                readings[index] = found
                found._withUnsafeGuaranteedRef { reading in
                    languages &+= reading.languageCounts
                    shapes &+= reading.shapeCounts
                }
            }
        } }
        let words = Int(shapes & 0xFFFF_FFFF), capitals = Int(shapes >> 32)
        return (Int(languages & 0xFFFF_FFFF), Int(languages >> 32), words >= 3 && Double(capitals) >= 0.8 * Double(words))
    }

    /// Lets `body` write `count` elements through one buffer (one check of the array's uniqueness and room for the lot):
    /// `array` (left at an earlier text's length by `RuleScratch`) made at least `count` long, then its first `count`
    /// written by `body`: its old values are never read, so only the places it lacks are made (appending `count` zeros
    /// to an emptied array cost about 1.9 M instructions per MB of texts), and the places past `count` stay (shortening
    /// it again, about 1 M: `RuleContext.sentenceOf`).
    private static func fill(_ array: inout [Int], count: Int, _ body: (UnsafeMutableBufferPointer<Int>) -> Void) {
        fill(&array, count: count, with: 0, body)
    }

    /// The same for any array, its new places made as `blank`.
    private static func fill<Element>(_ array: inout [Element], count: Int, with blank: Element,
                                      _ body: (UnsafeMutableBufferPointer<Element>) -> Void) {
        if array.count < count { array.append(contentsOf: repeatElement(blank, count: count - array.count)) }
        array.withUnsafeMutableBufferPointer { body(UnsafeMutableBufferPointer(rebasing: $0[..<count])) }
    }

    /// What `place` held, `empty` left there: a working contribution's strings and rules are moved into the analysis, where
    /// a copy was retained once more and released again with the context (four times for every contribution).
    @inline(__always)
    private static func take<Value>(_ place: inout Value, leaving empty: Value) -> Value {
        var value = empty
        swap(&value, &place)
        return value
    }

    /// The characters of the tokens `range` (bytes `utf8` of the text): a lone token's surface (the bytes it was read
    /// from, which its forms are found by), else decoded from the text's bytes.
    @inline(__always)
    private static func text(of range: Range<Int>, _ utf8: Range<Int>, _ tokens: UnsafeBufferPointer<Token>,
                             _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if range.count == 1 {
            let surface = tokens[range.lowerBound].forms.surface
            if surface.utf8.count == utf8.count { return surface }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[utf8]), as: UTF8.self)
    }

    /// `context`'s contributions give up their rules (and share their entries) with the analysis (the context is not read again).
    /// Its arrays are `room`'s. `sentenceWords`: each sentence's word and symbol units (`UnitSums.words`).
    private func finish(_ context: inout RuleContext, _ text: NormalizedText, _ cache: OpinionCache, sentenceWords: [Int],
                        room: inout SentimentAnalysis.Room) -> SentimentAnalysis {
        var contributions: [Contribution] = []
        swap(&contributions, &room.contributions)
        contributions.reserveCapacity(context.contributions.count)
        // In text order; contributions of one unit keep the order the rules made them (the sort must be stable).
        // The sort (and its two arrays) only when the contributions are out of that order.
        let inOrder = context.contributionsInUnitOrder()
        let unitOf = inOrder ? [] : context.contributions.map(\.unit)  // the sort's closure would otherwise copy the whole context
        let order = inOrder ? [] : unitOf.indices.sorted { (unitOf[$0], $0) < (unitOf[$1], $1) }
        // Each contribution is read in place: a copy would retain and release its strings and rules once more.
        // Its text is decoded from the text's own bytes (a slice of a `String.UTF8View` is copied out first), except
        // the text of one token (most contributions): that is its forms' surface, made of the same bytes, shared
        // instead of validated and copied again (about 190 instructions a contribution).
        text.text.withUTF8Bytes { bytes in
            text.tokens.withUnsafeBufferPointer { tokens in
                for position in context.contributions.indices {
                    let index = inOrder ? position : order[position]
                    let range = context.units[context.contributions[index].unit].tokens
                    let first = tokens[range.lowerBound].utf8.lowerBound, firstUTF16 = tokens[range.lowerBound].utf16.lowerBound
                    let last = tokens[range.upperBound - 1].utf8.upperBound, lastUTF16 = tokens[range.upperBound - 1].utf16.upperBound
                    contributions.append(Contribution(
                        tokens: range, utf8: first..<last, utf16: firstUTF16..<lastUTF16,
                        text: Self.text(of: range, first..<last, tokens, bytes),
                        opinion: context.contributions[index].opinion,
                        rules: Self.take(&context.contributions[index].rules, leaving: []),
                        value: Self.rounded(context.contributions[index].value)))
                }
            }
        }
        // One pass: each contribution's sum into its sentence. The sums' room is this thread's, kept between texts: an
        // array of tuples made per text cost an allocation and a generic metadata lookup (about 550 instructions).
        var perSentence: [SentenceSums] = []
        swap(&perSentence, &cache.sentenceSums)
        defer {
            if perSentence.capacity <= RuleScratch.limit { perSentence.empty() } else { perSentence = [] }
            swap(&perSentence, &cache.sentenceSums)
        }
        perSentence.append(contentsOf: repeatElement((sum: 0.0, positive: 0.0, negative: 0.0, count: 0), count: context.sentences.count))
        // Through a buffer: each of the four sums written by subscript checked the array's uniqueness again.
        perSentence.withUnsafeMutableBufferPointer { perSentence in
            for index in context.contributions.indices {  // by index: iterating copied each contribution
                let value = context.contributions[index].value
                let sentence = context.sentenceOf[context.contributions[index].unit]
                perSentence[sentence].sum += value
                perSentence[sentence].positive += max(value, 0)
                perSentence[sentence].negative -= min(value, 0)
                perSentence[sentence].count += 1
            }
        }
        var sentences: [SentenceSentiment] = []
        swap(&sentences, &room.sentences)
        sentences.reserveCapacity(context.sentences.count)
        var totals = (sum: 0.0, positive: 0.0, negative: 0.0, neutral: 0)
        // The sentences' unit ranges cover every unit, in order: the text is contrasted where one of its sentences is.
        var contrastedText = false
        let mayContrast = Self.mayContrast(context)
        for (index, range) in context.sentences.enumerated() {
            // The words were counted as the units were read (no rule makes a unit a word or takes that away); the units
            // are walked only in a text that may have contrast.
            let words = sentenceWords[index]
            var contrasted = false
            if mayContrast {
                for unit in range where Self.isContrast(context.units, unit) {
                    contrasted = true
                    break
                }
            }
            contrastedText = contrastedText || contrasted
            let (sum, positive, negative, count) = perSentence[index]
            let neutral = max(words - count, 0)
            totals.sum += sum
            totals.positive += positive
            totals.negative += negative
            totals.neutral += neutral
            let sentence = text.sentences[index]
            sentences.append(SentenceSentiment(utf8: sentence.utf8, utf16: sentence.utf16,
                                               score: SentimentScore(sum: sum, positiveMass: positive, negativeMass: negative, neutralWords: neutral,
                                                                     contrasted: contrasted)))
        }
        // A verdict that says the sides weigh the same (`Ni bien ni mal.`, `ni lo recomiendo ni lo desaconsejo`) is
        // the writer's own label. Verdicts that only temper (`sin más`, `para lo que es`, `cumple`) leave it to the sum.
        // Only the verdict rule applies `balanced verdict`, and only from a verdict unit: without one, no rule is read.
        let balanced = context.mayHave(.verdict) && context.units.indices.contains { context.units[$0].modifiers.contains(.verdict) }
            && SentimentAnalysis.statesEvenVerdict(contributions)
        let score = SentimentScore(sum: totals.sum, positiveMass: totals.positive, negativeMass: totals.negative, neutralWords: totals.neutral,
                                   contrasted: contrastedText, balanced: balanced)
        return SentimentAnalysis(score: score, sentences: sentences, contributions: contributions)
    }

    /// A text in another language: neutral, every sentence too, with nothing contributed.
    static func unscored(_ text: NormalizedText, language: String) -> SentimentAnalysis {
        let neutral = SentimentScore(sum: 0, positiveMass: 0, negativeMass: 0, neutralWords: 0)
        return SentimentAnalysis(score: neutral, sentences: text.sentences.map { SentenceSentiment(utf8: $0.utf8, utf16: $0.utf16, score: neutral) },
                                 contributions: [], language: language)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Whether some unit may mark a contrast: read from the kinds summed as the units were read, which rules only take
    /// away from a unit, never add.
    static func mayContrast(_ context: RuleContext) -> Bool { context.mayHave(.contrastAfter) || context.mayHave(.contrastBefore) }

    static func isContrast(_ unit: Unit) -> Bool { unit.has(.contrastAfter) || unit.has(.contrastBefore) }
    /// The same for `units[index]`, read in place: passing `units[index]` copies the unit (and retains what it holds).
    static func isContrast(_ units: [Unit], _ index: Int) -> Bool {
        units[index].modifiers.contains(.contrastAfter) || units[index].modifiers.contains(.contrastBefore)
    }
}

/// One opinion cache per thread.
final class ThreadLocalCache: @unchecked Sendable {
    private let local = ThreadLocal { OpinionCache() }
    var value: OpinionCache { local.value }
}
