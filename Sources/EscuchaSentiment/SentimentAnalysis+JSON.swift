import EscuchaCore

extension SentimentAnalysis {
    /// The `sentiment` object of the documented schema (`docs/schema/scored.schema.json`): compound, label,
    /// proportions, per-sentence scores and, unless `contributions` is false, every contribution with its rules.
    public func writeJSON(to writer: inout JSONWriter, contributions includeContributions: Bool = true) {
        // The whole object is one run (`JSONWriter.appendRun`), its room counted first, its members with their commas in
        // the fragments: a run each for the score, the sentences and the contributions, with the object's braces and the
        // two keys written by the writer's structure calls, each made room and checked the buffer (about 250 instructions
        // a text). Within it a run per sentence and per contribution had cost about 60 instructions each, as
        // `EvidenceJSON.writeArray` found for topics. Scores and rule values are written with
        // `double(roundedToThousandths:)`: the same bytes as `double(SentimentAnalyzer.rounded(x))`.
        let comma = writer.commaDue()
        var room = 48 + Self.scoreRoom + Self.sentencesRoom(sentences)
        if let language { room += 16 + JSONWriter.Run.room(for: language) }
        if includeContributions { room += 20 + Self.contributionsRoom(contributions) }
        writer.appendRun(reserving: room) { run in
            run.fragment("{", afterComma: comma)
            Self.writeScore(score, to: &run)
            if let language {
                run.fragment(",\"language\":")
                run.string(language)
            }
            run.fragment(",\"sentences\":")
            Self.writeSentences(sentences, to: &run)
            if includeContributions {
                run.fragment(",\"contributions\":")
                Self.writeContributions(contributions, to: &run)
            }
            run.byte(UInt8(ascii: "}"))
        }
    }

    /// Room for `writeSentences`.
    static func sentencesRoom(_ sentences: [SentenceSentiment]) -> Int { 3 + sentences.count * (64 + 5 * JSONWriter.Run.numberRoom) }

    /// The `sentences` array (room: `sentencesRoom`).
    static func writeSentences(_ sentences: [SentenceSentiment], to run: inout JSONWriter.Run) {
        run.byte(UInt8(ascii: "["))
        for index in sentences.indices {
            run.fragment("{\"utf8\":[", afterComma: index > 0)
            writeRange(sentences[index].utf8, sentences[index].utf16, to: &run)
            run.fragment(",\"compound\":")
            run.double(roundedToThousandths: sentences[index].score.compound)
            run.fragment(",\"label\":")
            run.label(sentences[index].score.label)
            run.byte(UInt8(ascii: "}"))
        }
        run.byte(UInt8(ascii: "]"))
    }

    /// Room for `writeContributions`: each contribution's text, entry and rules measured.
    static func contributionsRoom(_ contributions: [Contribution]) -> Int {
        var room = 3
        for index in contributions.indices {
            room += 160 + 6 * JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: contributions[index].text)
            room += contributions[index].opinion.entryJSON.count  // the entry's members, encoded once
            for rule in contributions[index].rules.indices {  // by index: `for rule in` copied each rule's strings
                room += 48 + 2 * JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: contributions[index].rules[rule].rule)
                    + (contributions[index].rules[rule].cue.map(JSONWriter.Run.room(for:)) ?? 0)
            }
        }
        return room
    }

    /// The `contributions` array (room: `contributionsRoom`). By index, each member read in place: `for contribution in`
    /// copied the whole contribution (each of its strings and its rules retained, then released: about 270 instructions).
    static func writeContributions(_ contributions: [Contribution], to run: inout JSONWriter.Run) {
        run.byte(UInt8(ascii: "["))
        for index in contributions.indices {
            run.fragment("{\"text\":", afterComma: index > 0)
            run.string(contributions[index].text)
            run.encoded(contributions[index].opinion.entryJSON)
            run.fragment(",\"value\":")
            run.double(contributions[index].value)
            run.fragment(",\"utf8\":[")
            writeRange(contributions[index].utf8, contributions[index].utf16, to: &run)
            run.fragment(",\"rules\":[")
            // Each rule read in place: a local copy of the list (`let rules`) cost a retain and a release per contribution.
            for rule in contributions[index].rules.indices {
                if isNegativity(contributions[index].rules[rule]) {
                    run.fragment("{\"rule\":\"negativity\",\"from\":", afterComma: rule > 0)
                } else {
                    run.fragment("{\"rule\":", afterComma: rule > 0)
                    run.string(contributions[index].rules[rule].rule)
                    if let cue = contributions[index].rules[rule].cue {
                        run.fragment(",\"cue\":")
                        run.string(cue)
                    }
                    run.fragment(",\"from\":")
                }
                run.double(roundedToThousandths: contributions[index].rules[rule].from)
                run.fragment(",\"to\":")
                run.double(roundedToThousandths: contributions[index].rules[rule].to)
                run.byte(UInt8(ascii: "}"))
            }
            run.fragment("]}")
        }
        run.byte(UInt8(ascii: "]"))
    }

    /// Whether `rule` is `negativity` without a cue (the weight `Balance` gives a complaint): half of all rules applied
    /// (11,000 of 21,000 on 1 MB of texts), whose members up to `from` are then written as one literal, where quoting the
    /// name and copying three fragments cost about 130 instructions. `==` is exact for these bytes: a string canonically
    /// equal to this ASCII literal is that literal byte for byte (see `String.isKey`), and the literal the rule recorded
    /// has the same small-string bits, which `==` compares first. The name's length is asked first, which a small string
    /// answers from its bits: the other rules' names are then told apart without a call.
    @inline(__always)
    static func isNegativity(_ rule: AppliedRule) -> Bool {
        rule.cue == nil && rule.rule.utf8.count == 10 && rule.rule == "negativity"
    }

    /// Room for `writeScore`.
    static var scoreRoom: Int { 96 + 4 * JSONWriter.Run.numberRoom }

    /// The score's five members, the object's first (room: `scoreRoom`).
    @inline(__always)
    static func writeScore(_ score: SentimentScore, to run: inout JSONWriter.Run) {
        run.fragment("\"compound\":")
        run.double(roundedToThousandths: score.compound)
        run.fragment(",\"label\":")
        run.label(score.label)
        run.fragment(",\"positive\":")
        run.double(roundedToThousandths: score.positive)
        run.fragment(",\"neutral\":")
        run.double(roundedToThousandths: score.neutral)
        run.fragment(",\"negative\":")
        run.double(roundedToThousandths: score.negative)
    }

    /// `a,b],"utf16":[c,d]`: the rest of a `"utf8":[` member and the `utf16` member after it. Always inlined (once for
    /// sentences, once for contributions): called, the cursor went through memory and the call cost about 20
    /// instructions of 120, 38,000 times a MB of texts.
    @inline(__always)
    static func writeRange(_ utf8: Range<Int>, _ utf16: Range<Int>, to run: inout JSONWriter.Run) {
        run.int(utf8.lowerBound)
        run.byte(UInt8(ascii: ","))
        run.int(utf8.upperBound)
        run.fragment("],\"utf16\":[")
        run.int(utf16.lowerBound)
        run.byte(UInt8(ascii: ","))
        run.int(utf16.upperBound)
        run.byte(UInt8(ascii: "]"))
    }
}

extension JSONWriter.Run {
    /// A label as its quoted raw value, which needs no escaping: `string(label.rawValue)` made the raw value a
    /// `String` and scanned it, for every sentence, score and topic. Inlinable: the topics' writer (another module)
    /// called it for each topic.
    @inlinable @inline(__always)
    public mutating func label(_ label: SentimentLabel) {
        switch label {
        case .pos: fragment("\"pos\"")
        case .neu: fragment("\"neu\"")
        case .neg: fragment("\"neg\"")
        }
    }
}

extension Contribution {
    /// `,"term":…,"list":…,"match":…,"valence":…`, the members a contribution's JSON has after its text (room: 48, a
    /// number's and the three strings').
    static func writeEntry(term: String, list: String, match: String, valence: Double, to run: inout JSONWriter.Run) {
        run.fragment(",\"term\":")
        run.string(term)
        run.fragment(",\"list\":")
        run.string(list)
        run.fragment(",\"match\":")
        run.string(match)
        run.fragment(",\"valence\":")
        run.double(valence)
    }

    /// The same members encoded once, for an entry found or a cue (`OpinionLookup.Found.entryJSON`).
    static func entryJSON(term: String, list: String, match: String, valence: Double) -> [UInt8] {
        let room = 48 + JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: term) + JSONWriter.Run.room(for: list)
            + JSONWriter.Run.room(for: match)
        return JSONWriter.encoded(reserving: room) { run in
            writeEntry(term: term, list: list, match: match, valence: valence, to: &run)
        }
    }
}
