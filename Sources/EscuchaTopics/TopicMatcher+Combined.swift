import EscuchaCore
import EscuchaNormalize

extension TopicMatcher {
    /// One matcher for several built with the same vocabulary (topics, signals, emotions), so that a text's tokens
    /// are walked once for all of them: each walked every token, and for the small ones (signals, emotions) that
    /// walk was most of their cost. Its topics are the parts' in order (a hit's topic less the topics of the parts
    /// before is its number in its part) and its tables the parts' merged, term and topic numbers shifted; no rule is
    /// compiled again. Nil when the
    /// parts cannot share a walk: other vocabularies, more than one slot, or a term of another part that names the
    /// slot's word as a word.
    public init?(combining parts: [TopicMatcher]) {
        guard let first = parts.first, parts.allSatisfy({ $0.vocabulary === first.vocabulary }) else { return nil }
        let slotted = parts.filter { $0.slot != nil }
        guard slotted.count <= 1 else { return nil }
        let slotID = slotted.first?.numbered.slotID ?? -2
        guard !parts.contains(where: { $0.slot == nil && $0.numbered.termWords.contains(slotID) }) else { return nil }

        taxonomy = Taxonomy(topics: parts.flatMap(\.taxonomy.topics))
        normalizer = first.normalizer
        vocabulary = first.vocabulary
        slot = slotted.first?.slot
        slotWords = slotted.first?.slotWords ?? []
        idCount = parts.map(\.idCount).max()!
        // Where each part's terms, topics and term words start in the merged numbering.
        var termOffsets: [Int32] = [], topicOffsets: [Int32] = [], wordOffsets: [Int32] = []
        var terms: Int32 = 0, topics: Int32 = 0, words: Int32 = 0
        for part in parts {
            termOffsets.append(terms)
            topicOffsets.append(topics)
            wordOffsets.append(words)
            terms += Int32(part.termCount)
            topics += Int32(part.compiled.count)
            words += Int32(part.numbered.termWords.count)
        }
        // Only rules that are not simple are evaluated (`Numbered.simple`): the others' are not made again.
        compiled = zip(parts, termOffsets).flatMap { part, offset in
            part.compiled.indices.map { part.numbered.simple[$0] ? .any([]) : part.compiled[$0].shifted(by: Int(offset)) }
        }
        termCount = Int(terms)
        termExact = parts.flatMap(\.termExact)
        ancestors = zip(parts, topicOffsets).flatMap { part, offset in part.ancestors.map { $0.map { $0 + offset } } }
        hasAncestors = parts.contains(where: \.hasAncestors)
        isParent = Self.parents(ancestors)

        let ids = Int(idCount)
        var termStarts: [Int32] = [0]
        for (part, offset) in zip(parts, wordOffsets) { termStarts += part.numbered.termStarts.dropFirst().map { $0 + offset } }
        // Per word id, each part's list in turn, its term numbers shifted: counted first, then written in place.
        func merged(_ table: (Numbered) -> FlatTable, shift: [Int32]) -> FlatTable {
            let tables = parts.map { table($0.numbered) }
            var offsets = [Int32](repeating: 0, count: ids + 1)
            for list in tables {
                for index in 0..<list.offsets.count - 1 { offsets[index + 1] += list.offsets[index + 1] - list.offsets[index] }
            }
            for index in 0..<ids { offsets[index + 1] += offsets[index] }
            var items = [Int32](repeating: 0, count: Int(offsets[ids]))
            var next = offsets
            for (list, offset) in zip(tables, shift) {
                for index in 0..<list.offsets.count - 1 {
                    for item in list.range(index) {
                        items[Int(next[index])] = list.items[item] + offset
                        next[index] += 1
                    }
                }
            }
            return FlatTable(items: items, offsets: offsets)
        }
        var opensLonger = [Bool](repeating: false, count: ids)
        var isSlotWord = [Bool](repeating: false, count: ids)
        for part in parts {
            for (id, opens) in part.numbered.opensLonger.enumerated() where opens { opensLonger[id] = true }
            for (id, isWord) in part.numbered.isSlotWord.enumerated() where isWord { isSlotWord[id] = true }
        }
        // A pair's group gathers the parts' groups for the pair.
        var groupOf: [UInt64: Int] = [:]
        var groups: [[Int32]] = []
        for (part, offset) in zip(parts, termOffsets) {
            for (key, group) in part.numbered.pairGroups {
                let list = part.numbered.pairTerms.range(Int(group)).map { part.numbered.pairTerms.items[$0] + offset }
                if let known = groupOf[key] { groups[known] += list } else {
                    groupOf[key] = groups.count
                    groups.append(list)
                }
            }
        }
        // A term's roles name its topic twice over (`topic * 2`, plus one for an exclusion): shifted by twice the offset,
        // each part's terms after the previous part's.
        var roleItems: [Int32] = [], roleOffsets: [Int32] = [0]
        for (part, offset) in zip(parts, topicOffsets) {
            let roles = part.numbered.roles
            roleItems += roles.items.map { $0 + 2 * offset }
            let base = roleOffsets.last!
            roleOffsets += roles.offsets.dropFirst().map { $0 + base }
        }
        numbered = Numbered(termWords: parts.flatMap(\.numbered.termWords), termStarts: termStarts,
                            oneWordTerms: merged(\.oneWordTerms, shift: termOffsets), opensLonger: opensLonger,
                            termsByPair: PackedTable(groupOf.map { ($0.key, Int32($0.value)) }),
                            pairGroups: groupOf.map { ($0.key, Int32($0.value)) }, pairTerms: FlatTable(groups),
                            pairStarts: parts.flatMap(\.numbered.pairStarts),
                            slotSecondTerms: merged(\.slotSecondTerms, shift: termOffsets), slotID: slotID,
                            isSlotWord: isSlotWord,
                            slotFirstBySecond: merged(\.slotFirstBySecond, shift: termOffsets),
                            slotFirstOthers: zip(parts, termOffsets).flatMap { part, offset in part.numbered.slotFirstOthers.map { $0 + offset } },
                            roles: FlatTable(items: roleItems, offsets: roleOffsets), simple: parts.flatMap(\.numbered.simple))
    }
}

extension TopicMatcher.CompiledRule {
    /// The rule with its term numbers moved up by `offset`.
    func shifted(by offset: Int) -> Self {
        switch self {
        case .term(let number): .term(number + offset)
        case .any(let rules): .any(rules.map { $0.shifted(by: offset) })
        case .all(let rules): .all(rules.map { $0.shifted(by: offset) })
        case .not(let rule): .not(rule.shifted(by: offset))
        case .near(let a, let b, let distance): .near(a.shifted(by: offset), b.shifted(by: offset), distance: distance)
        }
    }
}
