import Foundation
import EscuchaCore
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// Topics with their sentiment for a text already normalized and scored.
public struct TopicAnalyzer: Sendable {
    public let matcher: TopicMatcher
    public var taxonomy: Taxonomy { matcher.taxonomy }

    /// Whether several sector packs are loaded, so that each must show its sector before it speaks.
    public let gatesSectors: Bool
    /// Words of each sector pack's terms that no general-pack term uses (`paella`, `maleta`, `fibra`).
    let anchors: [String: Set<String>]
    /// The anchors no other sector pack uses either (`maleta`, `mesero`, `portabilidad`; not `comida`, `vino`,
    /// `internet`), which tell a text's main sector from one it borrows a word of.
    let distinctive: [String: Set<String>]
    /// Words this common (Zipf scale) anchor no sector: `noche`, `tres`, `vez`.
    static let commonWord = 5.5
    /// One bit for each pack with anchors.
    let packBits: [String: UInt64]
    /// The pack bits of each anchor and of each distinctive word: a surface's packs are one lookup per key, not
    /// one set per pack and key. One table for both: two cost a second lookup of every key of every new surface.
    let wordPacks: [String: (mask: UInt64, distinctive: UInt64)]
    /// `wordPacks` by word id of the matcher's vocabulary (empty unless sectors are gated): a word's packs are read
    /// from the ids the matcher attached to its forms. Looked up by each key of each new surface, the table cost about
    /// 600 instructions a key, for keys the vocabulary had just looked up.
    let packsByID: [(mask: UInt64, distinctive: UInt64)]
    /// Each topic's pack bit, by topic index (0 for the general pack and user taxonomies).
    let topicBits: [UInt64]
    /// The packs each mention anchors (`@iberia`: its key is not its word's): attached to its forms, or per thread.
    private let anchorCache = ThreadLocal { IdentityTable<TokenForms, PackMask>() }
    private let attachmentKey = AttachmentKey()

    final class PackMask {
        /// The packs a surface anchors, and those it anchors alone.
        let mask: UInt64
        let distinctive: UInt64
        init(_ mask: UInt64, _ distinctive: UInt64) {
            self.mask = mask
            self.distinctive = distinctive
        }
    }

    /// `vocabulary`: the word numbering shared with the signal and emotion matchers (see `TermVocabulary`).
    public init(taxonomy: Taxonomy, normalizer: Normalizer, vocabulary: TermVocabulary = TermVocabulary()) {
        matcher = TopicMatcher(taxonomy: taxonomy, normalizer: normalizer, vocabulary: vocabulary)
        gatesSectors = Set(taxonomy.topics.map(\.pack)).filter { Taxonomy.packs.dropFirst().contains($0) }.count > 1
        // Each pack's words, and those of its one-word terms, as the matcher's word ids: each id is its key's, so
        // the terms' words need not be folded again, and the sets are of integers until the anchors are made keys.
        var words: [String: Set<Int32>] = [:]
        var singles: [String: Set<Int32>] = [:]
        // A pack's words are gathered in locals while its topics come (a taxonomy lists each pack's topics together),
        // and stored under the pack's name when another pack's topic comes: through the tables, each term hashed the
        // name twice and made an array of its keys. A pack is in a table only if it had a word for it, as before.
        var pack = ""
        var packWords: Set<Int32>?, packSingles: Set<Int32>?
        // Stored as they are under a new name (the usual case), not inserted again one by one into an empty set.
        func store() {
            if let packWords { if words[pack] == nil { words[pack] = packWords } else { words[pack]!.formUnion(packWords) } }
            if let packSingles { if singles[pack] == nil { singles[pack] = packSingles } else { singles[pack]!.formUnion(packSingles) } }
            packWords = nil
            packSingles = nil
        }
        // The arrays alone: the closure captured `Numbered` whole, and copied it (retaining its dozen arrays) per term.
        let termWords = matcher.numbered.termWords, termStarts = matcher.numbered.termStarts, termExact = matcher.termExact
        var numbers: [Int] = []
        for (topic, rule) in zip(taxonomy.topics, matcher.compiled) {
            if topic.pack != pack {
                store()
                pack = topic.pack
            }
            // The rule's terms gathered in a list, then read: a closure called per term captured the pack's sets, which
            // boxed them and checked every access to them at run time.
            numbers.removeAll(keepingCapacity: true)
            rule.appendTerms(to: &numbers)
            for number in numbers where !termExact[number] {
                let words = Int(termStarts[number])..<Int(termStarts[number + 1])
                if packWords == nil { packWords = [] }
                for index in words { packWords!.insert(termWords[index]) }
                if words.count == 1 {
                    if packSingles == nil { packSingles = [] }
                    packSingles!.insert(termWords[words.lowerBound])
                }
            }
        }
        store()
        // The key of each id this matcher numbered, to name the anchors by.
        var keyOf = [String](repeating: "", count: Int(matcher.idCount))
        for (key, id) in vocabulary.words().ids where UInt32(id) < matcher.idCount { keyOf[Int(id)] = key }
        func keys(_ ids: Set<Int32>) -> Set<String> {
            var out = Set<String>(minimumCapacity: ids.count)
            for id in ids { out.insert(keyOf[Int(id)]) }
            return out
        }
        let general = words["general"] ?? []
        var anchors = words.filter { $0.key != "general" }.mapValues { keys($0.subtracting(general)) }
        if !taxonomy.sectorWords.isEmpty {
            // The team's sector words (`topics/sectors.tsv`) tell the sector; they also count towards its evidence.
            distinctive = taxonomy.sectorWords.mapValues { Set($0.map(Folding.key)) }
            for (pack, set) in distinctive where anchors[pack] != nil { anchors[pack]!.formUnion(set) }
        } else {
            // Without them: a sector's own one-word term, in no other pack's terms, and not a common word (a
            // phrase's words include `tres`, `vez`, `algo`).
            var packsUsing: [String: Int] = [:]
            for (_, set) in anchors { for word in set { packsUsing[word, default: 0] += 1 } }
            let vocabulary = normalizer.lexicons.vocabulary
            distinctive = anchors.reduce(into: [:]) { out, entry in
                out[entry.key] = entry.value.intersection(keys(singles[entry.key] ?? [])).filter { word in
                    packsUsing[word] == 1 && (vocabulary[normalizer.lexicons.vocabularyByKey[word] ?? word] ?? 0) < Self.commonWord
                }
            }
        }
        self.anchors = anchors
        var bits: [String: UInt64] = [:]
        for (index, name) in anchors.keys.sorted().prefix(64).enumerated() { bits[name] = 1 << UInt64(index) }
        packBits = bits
        topicBits = taxonomy.topics.map { bits[$0.pack] ?? 0 }
        var wordPacks: [String: (mask: UInt64, distinctive: UInt64)] = [:]
        for (name, words) in anchors { for word in words { wordPacks[word, default: (0, 0)].mask |= bits[name] ?? 0 } }
        for (name, words) in distinctive { for word in words { wordPacks[word, default: (0, 0)].distinctive |= bits[name] ?? 0 } }
        self.wordPacks = wordPacks
        packsByID = gatesSectors ? Self.packsByID(wordPacks, vocabulary) : []
    }

    /// `wordPacks` by word id. Sector words no term has (`topics/sectors.tsv`) are numbered in the vocabulary too: after
    /// the words of every matcher built so far, none of whose terms has them, so no text matches differently.
    static func packsByID(_ wordPacks: [String: (mask: UInt64, distinctive: UInt64)],
                          _ vocabulary: TermVocabulary) -> [(mask: UInt64, distinctive: UInt64)] {
        let base = vocabulary.words()
        var numbering = base.ids
        // Each word looked up once, its local id kept with its packs.
        var entries: [(local: Int32, packs: (mask: UInt64, distinctive: UInt64))] = []
        entries.reserveCapacity(wordPacks.count)
        for (word, packs) in wordPacks {
            if let known = numbering[word] { entries.append((known, packs)); continue }
            let local = Int32(numbering.count)
            numbering[word] = local
            entries.append((local, packs))
        }
        let shared = vocabulary.register(numbering, base: base)
        let ids = entries.map { entry in Int(shared.map { $0[Int(entry.local)] } ?? entry.local) }
        var packs = [(mask: UInt64, distinctive: UInt64)](repeating: (0, 0), count: (ids.max() ?? -1) + 1)
        for (id, entry) in zip(ids, entries) { packs[id] = entry.packs }
        // The words with packs, and every mention, may name a sector (`SectorWords`): the gate reads only those tokens, where
        // it read the packs of every token of every text with a sector topic.
        vocabulary.mark(zip(ids, entries).compactMap { $1.packs.mask | $1.packs.distinctive != 0 ? Int32($0) : nil }, .namesSector,
                        mentions: true)
        return packs
    }

    /// The packs of `directory/topics/` that are present (all of `Taxonomy.packs` by default).
    public static func packsPresent(in directory: String) -> [String] {
        Taxonomy.packs.filter { FileManager.default.fileExists(atPath: "\(directory)/topics/\($0)-taxonomy.tsv") }
    }

    /// With several sector packs loaded, a sector pack speaks only when the text is about its sector: at
    /// least `sectorEvidence` of its words that the general pack does not use (`la paella … el mesero`,
    /// `la maleta … el vuelo`; `comida` alone is not a hotel review), and not far behind the text's main sector
    /// in distinctive words (a hotel review's `terraza` and `vistas` are not a restaurant). The general pack,
    /// user taxonomies and a sector pack chosen alone (`--packs restaurant`) always speak.
    public static let sectorEvidence = 2

    /// `sourceSectors`: the sectors of the text's source (`SectorTally.dominant`, as pack bits), which speak
    /// in it without sector words of the text's own: in a telecom survey, `se corta cada noche` is telecom's.
    /// `found`: `matcher`'s hits, found by a matcher that combines it with others (`TopicMatcher(combining:)`).
    public func analyze(_ text: NormalizedText, sentiment: SentimentAnalysis, sourceSectors: UInt64 = 0,
                        found: [TopicHit]? = nil) -> [TopicAnalysis] {
        var room: [TopicAnalysis] = []
        return analyze(text, sentiment: sentiment, sourceSectors: sourceSectors, found: found, room: &room)
    }

    /// The same, the list made in `room`: an empty list whose room is kept from an earlier result (`Analyzers.Room`).
    /// `sectorWords`: the text's tokens that may name a sector, as the matcher that found `found` listed them
    /// (`SharedMatch.Hits.sectorWords`); the sector gate reads only those. Nil with `found`: it reads every token.
    public func analyze(_ text: NormalizedText, sentiment: SentimentAnalysis, sourceSectors: UInt64, found: [TopicHit]?,
                        sectorWords: SectorWords? = nil, room: inout [TopicAnalysis]) -> [TopicAnalysis] {
        var listed = SectorWords()
        let hits = found ?? matcher.match(text, sectorWords: &listed)
        if let sectorWords { listed = sectorWords } else if found != nil { listed = SectorWords(every: text.tokens.count) }
        guard gatesSectors else { return AspectSentiment.assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment, room: &room) { _ in true } }
        // The sectors hit, as bits of each topic's pack (no string is hashed per text).
        var present: UInt64 = 0
        for hit in hits { present |= topicBits[hit.topic] }
        guard present != 0 else { return AspectSentiment.assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment, room: &room) { _ in true } }
        // Which sectors each word anchors, from its word ids (a mention's worked out once per surface).
        let cache = anchorCache.value
        let generation = matcher.vocabulary.current()
        let packsByID = self.packsByID
        let packCount = packBits.count
        // Each pack's words and distinctive words, counted in room on the stack: two arrays a text cost two allocations.
        let speaking: UInt64 = withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * packCount) { room in
            room.initialize(repeating: 0)
            let counts = UnsafeMutableBufferPointer(rebasing: room[0..<packCount])
            let alone = UnsafeMutableBufferPointer(rebasing: room[packCount...])
            // By index through a buffer: `for token in text.tokens` copied each token (retaining its forms).
            text.tokens.withUnsafeBufferPointer { tokens in
                // Only the tokens that may name a sector (about one in twelve): the others have no packs.
                listed.withUnsafeBufferPointer { positions in
                    for position in positions where tokens.indices.contains(Int(position)) && Self.canNameSector(tokens[Int(position)].kind) {
                        let packs = self.packs(in: tokens, at: Int(position), generation, packsByID, cache)
                        var mask = packs.mask & present
                        while mask != 0 {
                            let bit = mask.trailingZeroBitCount
                            counts[bit] += 1
                            if packs.distinctive & (1 << UInt64(bit)) != 0 { alone[bit] += 1 }
                            mask &= mask - 1
                        }
                    }
                }
            }
            // A phrase of the sector's own (`rotura de stock`, `número de pedido`, `sin internet`) tells the sector as
            // a distinctive word does; not one that another sector's topic matched too (`relación calidad precio`).
            // By index: iterating copied each hit (retaining its evidence).
            for index in hits.indices where topicBits[hits[index].topic] != 0 {
                let bits = topicBits[hits[index].topic]
                guard let phrase = hits[index].evidence.first(where: { $0.count > 1 }),
                      !hits.indices.contains(where: { hits[$0].evidence.contains(phrase) && topicBits[hits[$0].topic] != bits }) else { continue }
                alone[bits.trailingZeroBitCount] += 1
            }
            // Two words of the sector, or one and evidence on two words.
            var gated: UInt64 = 0
            var remaining = present
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                if counts[bit] >= Self.sectorEvidence { gated |= 1 << UInt64(bit); continue }
                guard counts[bit] >= 1 else { continue }
                if Self.evidenceCovers(Self.sectorEvidence, in: hits, where: { topicBits[$0] == 1 << UInt64(bit) }) { gated |= 1 << UInt64(bit) }
            }
            // A sector far behind the text's main one in distinctive words borrowed a word from it (`comida` on a flight
            // with its seats, screen and crew; `bandeja` in a `bandeja paisa`), and is not a second subject: none
            // against two, one against four. Distinctive words are few and some are homographs (`cortes`, `cortés`),
            // so the margin is wide.
            var strongest = 0
            for bit in alone.indices where gated & (1 << UInt64(bit)) != 0 { strongest = max(strongest, alone[bit]) }
            // The source's sector speaks without words of its own, unless the text names another sector and not it.
            var named: UInt64 = 0
            for bit in alone.indices where alone[bit] > 0 { named |= 1 << UInt64(bit) }
            var speaking: UInt64 = named & ~sourceSectors != 0 && named & sourceSectors == 0 ? 0 : present & sourceSectors
            for bit in alone.indices where gated & (1 << UInt64(bit)) != 0 && alone[bit] >= 1 && strongest < 2 * (alone[bit] + 1) { speaking |= 1 << UInt64(bit) }
            return speaking
        }
        // The hits of sectors that do not speak are passed over, not removed: `removeAll(where:)` copied the hits (shared with
        // the caller) and emptied a range of them through the generic `replaceSubrange`, about 750 instructions a text.
        return AspectSentiment.assign(hits, taxonomy: taxonomy, text: text, sentiment: sentiment, room: &room) { [topicBits] topic in
            topicBits[topic] == 0 || topicBits[topic] & speaking != 0
        }
    }

    /// Whether the evidence of the hits whose topics pass `filter` covers at least `count` distinct tokens. The tokens
    /// are gathered in room on the stack, stopping at `count`: a set of every position cost its growth and hashing, and
    /// an array an allocation (about 180 instructions a text with a sector's word). The filter is given the topic, not
    /// the hit: a hit passed to it was copied out of its array, its evidence retained and released.
    static func evidenceCovers(_ count: Int, in hits: [TopicHit], where filter: (_ topic: Int) -> Bool) -> Bool {
        guard count > 0 else { return true }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { seen in
            var seenCount = 0
            for index in hits.indices where filter(hits[index].topic) {
                for range in hits[index].evidence {
                    for position in range where !seen[0..<seenCount].contains(position) {
                        seen[seenCount] = position
                        seenCount += 1
                        if seenCount >= count { return true }
                    }
                }
            }
            return false
        }
    }

    /// The sectors whose sector words the text has, as pack bits: what a scan counts over a whole source
    /// (`SectorTally`). 0 when sectors are not gated.
    public func sectorsNamed(in text: NormalizedText) -> UInt64 {
        guard gatesSectors else { return 0 }
        let cache = anchorCache.value
        let generation = matcher.vocabulary.current()
        let packsByID = self.packsByID
        var named: UInt64 = 0
        text.tokens.withUnsafeBufferPointer { tokens in
            for index in tokens.indices where Self.canNameSector(tokens[index].kind) {
                named |= packs(in: tokens, at: index, generation, packsByID, cache).distinctive
            }
        }
        return named
    }

    /// Words, and handles and hashtags too: `@Iberia`, `#vueling` name an airline.
    static func canNameSector(_ token: Token) -> Bool { canNameSector(token.kind) }
    static func canNameSector(_ kind: TokenKind) -> Bool { kind == .word || kind == .mention || kind == .hashtag }

    /// The packs a surface anchors: those of its word ids (`packsByID`, ids past its end have none); a mention's from
    /// its key (`packMask`). Worked out on first sight and attached to the forms under this analyzer's key.
    /// The token is read in place and its forms unretained, and the packs come back as values: a token copied out
    /// of its array, and the object returned, cost a retain and a release each.
    func packs(in tokens: UnsafeBufferPointer<Token>, at index: Int, _ generation: TermVocabulary.Generation,
               _ packsByID: [(mask: UInt64, distinctive: UInt64)], _ cache: IdentityTable<TokenForms, PackMask>) -> (mask: UInt64, distinctive: UInt64) {
        // A word's packs read from the forms' slot as they were kept: reading its word ids and each id's packs again
        // cost about 25 instructions a word more, at every word of every text with a sector topic.
        let forms = Unmanaged.passUnretained(tokens[index].forms)
        let bits = forms._withUnsafeGuaranteedRef { $0.attachedBits(attachmentKey) }
        if bits != 0 { return InlinePacks.packs(bits) }
        if tokens[index].kind != .mention { return packsFromIDs(tokens, at: index, generation, packsByID) }
        if let attached = forms._withUnsafeGuaranteedRef({ $0.attachment(attachmentKey) }) {
            return Unmanaged<PackMask>.fromOpaque(attached)._withUnsafeGuaranteedRef { ($0.mask, $0.distinctive) }
        }
        let packs = packMask(tokens[index], cache)
        return (packs.mask, packs.distinctive)
    }

    /// A word's packs from its word ids, kept in its forms' slot when they fit there (else, or when another stage holds
    /// the slot, worked out from the ids each time). Not inlined: a surface's first sight only, when the slot is ours.
    @inline(never)
    func packsFromIDs(_ tokens: UnsafeBufferPointer<Token>, at index: Int, _ generation: TermVocabulary.Generation,
                      _ packsByID: [(mask: UInt64, distinctive: UInt64)]) -> (mask: UInt64, distinctive: UInt64) {
        // The ids read from the forms' slot here (nearly every surface has them inline): through a function given
        // the normalizer, each token copied the normalizer and retained its tables.
        let forms = Unmanaged.passUnretained(tokens[index].forms)
        let idBits = forms._withUnsafeGuaranteedRef { $0.attachedBits(generation.attachmentKey) }
        var packs: (mask: UInt64, distinctive: UInt64)
        if idBits == 0 {
            packs = packsNotInline(tokens[index], generation, packsByID)
        } else {
            packs = (0, 0)
            for slot in 0..<TermVocabulary.InlineIDs.count(idBits) {
                let id = TermVocabulary.InlineIDs.id(idBits, slot)
                guard UInt32(bitPattern: id) < UInt32(packsByID.count) else { continue }
                packs.mask |= packsByID[Int(id)].mask
                packs.distinctive |= packsByID[Int(id)].distinctive
            }
        }
        if let bits = InlinePacks.bits(packs.mask, packs.distinctive) {
            _ = forms._withUnsafeGuaranteedRef { $0.attach(bits: bits, attachmentKey) }
        }
        return packs
    }

    /// The packs of a surface whose ids are not inline in its forms (`TermVocabulary.idsNotInline`). Not inlined: only
    /// here is the normalizer read.
    @inline(never)
    func packsNotInline(_ token: Token, _ generation: TermVocabulary.Generation,
                        _ packsByID: [(mask: UInt64, distinctive: UInt64)]) -> (mask: UInt64, distinctive: UInt64) {
        var mask: UInt64 = 0, distinctive: UInt64 = 0
        for id in TermVocabulary.idsNotInline(token, matcher.normalizer, generation) where UInt32(bitPattern: id) < UInt32(packsByID.count) {
            mask |= packsByID[Int(id)].mask
            distinctive |= packsByID[Int(id)].distinctive
        }
        return (mask, distinctive)
    }

    /// A surface's packs in the forms' slot itself when both masks are below 2^31 (seven packs are loaded): bit 0
    /// set, the packs it anchors in bits 1–31, those it anchors alone in bits 32–62.
    enum InlinePacks {
        static let limit: UInt64 = 1 << 31

        static func bits(_ mask: UInt64, _ distinctive: UInt64) -> UInt? {
            guard mask < limit, distinctive < limit else { return nil }
            return 1 | UInt(mask) << 1 | UInt(distinctive) << 32
        }

        @inline(__always)
        static func packs(_ bits: UInt) -> (mask: UInt64, distinctive: UInt64) {
            (UInt64(bits >> 1) & (limit - 1), UInt64(bits >> 32) & (limit - 1))
        }
    }

    /// The sector pack of each bit that `sectorsNamed` and `analyze(…sourceSectors:)` use.
    public func sector(ofBit bit: Int) -> String? { packBits.first { $0.value == 1 << UInt64(bit) }?.key }

    /// The sectors a mention anchors, and those it anchors alone, from this thread's table or worked out now.
    /// Not inlined, and with no closure: one over `self` copied the analyzer (retaining each of its tables) for
    /// every new surface. The table is filled only when the forms' slot is another stage's.
    @inline(never)
    func packMask(_ token: Token, _ cache: IdentityTable<TokenForms, PackMask>) -> PackMask {
        if let known = cache.lookup(token.forms) { return known }
        var mask: UInt64 = 0, alone: UInt64 = 0
        if let packs = wordPacks[String(token.key.dropFirst())] {
            mask = packs.mask
            alone = packs.distinctive
        }
        let packs = PackMask(mask, alone)
        let attached = InlinePacks.bits(mask, alone).map { token.forms.attach(bits: $0, attachmentKey) } ?? token.forms.attach(packs, attachmentKey)
        if !attached { _ = cache.value(for: token.forms) { packs } }
        return packs
    }
}

extension TopicAnalysis: EvidenceJSON.Item {
    /// The `topics` array of the documents schema: one object per topic hit.
    public static func writeJSON(_ topics: [TopicAnalysis], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(topics, text: text, to: &writer)
    }

    // A topic's id and label are copied as encoded when it was loaded: quoting them again cost about 500
    // instructions a topic (18,000 topics a MB of texts).
    var membersRoom: Int { topic.withIDAndLabelJSON { $0.count } + 2 * JSONWriter.Run.numberRoom + 64 }

    @inline(__always)
    static func writeMembers(of items: [Self], at index: Int, to run: inout JSONWriter.Run) {
        items[index].topic.withIDAndLabelJSON { run.encoded($0) }
        run.fragment(",\"sentence\":")
        run.int(items[index].sentence)
        run.fragment(",\"sentiment\":{\"value\":")
        // Most topics take no contribution: 0 is what `double` writes for it (either sign), without its arithmetic.
        if items[index].value == 0 { run.byte(UInt8(ascii: "0")) } else { run.double(items[index].value) }
        run.fragment(",\"label\":")
        run.label(items[index].label)
        run.byte(UInt8(ascii: "}"))
    }
}

extension TopicAnalysis {
    /// `"topic":"…","label":"…"`: the first members of a topic hit's object, as `writeJSON` writes them.
    static func idAndLabelJSON(id: String, label: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 64)
        writer.appendRun(reserving: JSONWriter.Run.room(for: id) + JSONWriter.Run.room(for: label) + 16) { run in
            run.fragment("\"topic\":")
            run.string(id)
            run.fragment(",\"label\":")
            run.string(label)
        }
        return writer.bytes
    }
}

extension SignalHit: EvidenceJSON.Item {
    /// The `signals` array of the documents schema.
    public static func writeJSON(_ signals: [SignalHit], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(signals, text: text, to: &writer)
    }

    var membersRoom: Int { Self.nameJSON(signal).utf8CodeUnitCount + JSONWriter.Run.numberRoom + 32 }

    @inline(__always)
    static func writeMembers(of items: [Self], at index: Int, to run: inout JSONWriter.Run) {
        let signal = items[index].signal
        assert(nameJSON(signal).description == "\"signal\":\"\(signal.rawValue)\"")
        run.fragment(nameJSON(signal))
        run.fragment(",\"sentence\":")
        run.int(items[index].sentence)
    }

    /// `"signal":"…"` with the kind's raw value (none needs escaping) as a literal: `string(signal.rawValue)` made the
    /// raw value a `String` and scanned it, about 170 instructions a signal. `writeMembers` asserts they agree.
    static func nameJSON(_ kind: SignalKind) -> StaticString {
        switch kind {
        case .churn: "\"signal\":\"churn\""
        case .legal: "\"signal\":\"legal\""
        case .effort: "\"signal\":\"effort\""
        case .urgency: "\"signal\":\"urgency\""
        case .repeatContact: "\"signal\":\"repeat_contact\""
        case .recommend: "\"signal\":\"recommend\""
        case .notRecommend: "\"signal\":\"not_recommend\""
        case .staffPraise: "\"signal\":\"staff_praise\""
        }
    }
}

extension EmotionScore: EvidenceJSON.Item {
    /// The `emotions` array of the documents schema, strongest first.
    public static func writeJSON(_ emotions: [EmotionScore], text: NormalizedText, to writer: inout JSONWriter) {
        EvidenceJSON.writeArray(emotions, text: text, to: &writer)
    }

    var membersRoom: Int { Self.nameJSON(emotion).utf8CodeUnitCount + JSONWriter.Run.numberRoom + 32 }

    @inline(__always)
    static func writeMembers(of items: [Self], at index: Int, to run: inout JSONWriter.Run) {
        let emotion = items[index].emotion
        assert(nameJSON(emotion).description == "\"emotion\":\"\(emotion.rawValue)\"")
        run.fragment(nameJSON(emotion))
        run.fragment(",\"strength\":")
        run.double(items[index].strength)
    }

    /// `"emotion":"…"` with the kind's raw value as a literal, as `SignalHit.nameJSON` for the same reason.
    static func nameJSON(_ kind: EmotionKind) -> StaticString {
        switch kind {
        case .anger: "\"emotion\":\"anger\""
        case .frustration: "\"emotion\":\"frustration\""
        case .disappointment: "\"emotion\":\"disappointment\""
        case .worry: "\"emotion\":\"worry\""
        case .joy: "\"emotion\":\"joy\""
        case .trust: "\"emotion\":\"trust\""
        case .surprise: "\"emotion\":\"surprise\""
        }
    }
}

/// Evidence spans as `{text, utf8, utf16}` objects.
enum EvidenceJSON {
    /// A topic, signal or emotion hit: its own members, then its `evidence`.
    protocol Item {
        var evidence: [Range<Int>] { get }
        /// At most how many bytes `writeMembers` writes.
        var membersRoom: Int { get }
        /// The members before `evidence` of the object for `items[index]`, without the `{`. Inlined where it is called
        /// (`@inline(__always)` in each type): called, it was given a copy of the item, its topic and evidence retained and
        /// released. Static, each member read in place: as a method of `items[index]`, the item was still copied whole
        /// (a topic's `Topic` and evidence retained, then released: about 80 instructions, 18,000 topics a MB of texts).
        static func writeMembers(of items: [Self], at index: Int, to run: inout JSONWriter.Run)
    }

    /// Room for a piece of evidence's members and numbers, besides its text.
    static let pieceRoom = 64 + 4 * JSONWriter.Run.numberRoom

    /// An array of objects, each with its own members and then its `evidence`, as one run (`JSONWriter.appendRun`):
    /// its room is counted first, from the pieces' lengths. A run per object and per piece had each made room and
    /// checked the buffer's uniqueness, and `beginArray`/`endArray` were calls (about 4 M instructions a MB of texts, for
    /// 25,000 objects and 27,000 pieces); and a text with none writes `[]` at once. The items are read in place, by
    /// index: an item copied retained its strings and evidence.
    static func writeArray<Item: EvidenceJSON.Item>(_ items: [Item], text: NormalizedText, to writer: inout JSONWriter) {
        let comma = writer.commaDue()
        // Most texts have no signal or emotion: no text's bytes to read.
        guard !items.isEmpty else {
            writer.appendRun(reserving: 3) { $0.fragment("[]", afterComma: comma) }
            return
        }
        // The text's bytes and its tokens lent for the writing (the tokens read through their array were retained and
        // released for each item). The items and their evidence read in place, by index: an item or its evidence
        // borrowed as a whole (a copy, `withUnsafeBufferPointer`) was retained and released.
        withSource(text) { source in
            var room = 3
            for index in items.indices {
                room += items[index].membersRoom + 20
                for number in items[index].evidence.indices { room += pieceRoom + textRoom(items[index].evidence[number], source) }
            }
            writer.appendRun(reserving: room) { run in
                run.fragment("[", afterComma: comma)
                for index in items.indices {
                    run.fragment("{", afterComma: index > 0)
                    Item.writeMembers(of: items, at: index, to: &run)
                    run.fragment(",\"evidence\":[")
                    for number in items[index].evidence.indices {
                        writePiece(items[index].evidence[number], comma: number > 0, source, to: &run)
                    }
                    run.fragment("]}")
                }
                run.byte(UInt8(ascii: "]"))
            }
        }
    }

    static func write(_ ranges: [Range<Int>], text: NormalizedText, to writer: inout JSONWriter) {
        writer.beginArray()
        withSource(text) { source in
            for range in ranges {
                let comma = writer.commaDue()
                writer.appendRun(reserving: pieceRoom + textRoom(range, source)) { run in writePiece(range, comma: comma, source, to: &run) }
            }
        }
        writer.endArray()
    }

    /// A text's UTF-8 (its own, not a copy: a long text has many pieces of evidence) and its tokens, lent.
    struct Source {
        let utf8: UnsafeBufferPointer<UInt8>
        let tokens: UnsafeBufferPointer<Token>
    }

    static func withSource<R>(_ text: NormalizedText, _ body: (Source) -> R) -> R {
        var string = text.text
        return string.withUTF8 { utf8 in text.tokens.withUnsafeBufferPointer { tokens in body(Source(utf8: utf8, tokens: tokens)) } }
    }

    /// The bytes of a piece of evidence in the text's UTF-8, and whether they are whole characters.
    @inline(__always)
    static func bytes(_ range: Range<Int>, _ source: Source) -> (piece: UnsafeBufferPointer<UInt8>, whole: Bool) {
        let start = source.tokens[range.lowerBound].utf8.lowerBound, end = source.tokens[range.upperBound - 1].utf8.upperBound
        let piece = UnsafeBufferPointer(rebasing: source.utf8[start..<end])
        // A piece of valid UTF-8 (the text is) that neither starts nor ends inside a character decodes to
        // itself: its bytes are what `String(decoding:)` would give. Otherwise the decoded string is written.
        return (piece, !isContinuation(source.utf8, at: start) && !isContinuation(source.utf8, at: end))
    }

    /// Room for a piece's text as a JSON string. A piece that is not whole characters is written decoded, each
    /// byte at most three (U+FFFD), each of those at most six escaped.
    static func textRoom(_ range: Range<Int>, _ source: Source) -> Int {
        let (piece, whole) = bytes(range, source)
        return whole ? JSONWriter.quotedCapacity(piece) : 18 * piece.count + 2
    }

    /// One piece of evidence, its text quoted straight from the text's bytes (room: `pieceRoom + textRoom`).
    static func writePiece(_ range: Range<Int>, comma: Bool, _ source: Source, to run: inout JSONWriter.Run) {
        let (piece, whole) = bytes(range, source)
        // The spans read in place: a token copied out of the array retained and released its forms.
        let first = (utf8: source.tokens[range.lowerBound].utf8, utf16: source.tokens[range.lowerBound].utf16)
        let last = (utf8: source.tokens[range.upperBound - 1].utf8, utf16: source.tokens[range.upperBound - 1].utf16)
        run.fragment("{\"text\":", afterComma: comma)
        if whole { run.string(utf8: piece) } else { run.string(String(decoding: piece, as: UTF8.self)) }
        run.fragment(",\"utf8\":[")
        run.int(first.utf8.lowerBound)
        run.byte(UInt8(ascii: ","))
        run.int(last.utf8.upperBound)
        run.fragment("],\"utf16\":[")
        run.int(first.utf16.lowerBound)
        run.byte(UInt8(ascii: ","))
        run.int(last.utf16.upperBound)
        run.fragment("]}")
    }

    /// Whether the byte at `index` continues a character (10xxxxxx); the end of the text does not.
    static func isContinuation(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index < utf8.count && utf8[index] & 0xC0 == 0x80
    }
}
