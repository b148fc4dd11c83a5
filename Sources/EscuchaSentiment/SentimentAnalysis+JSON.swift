import EscuchaCore

extension SentimentAnalysis {
    /// The `sentiment` object of the documented schema (`docs/schema/scored.schema.json`): compound, label,
    /// proportions, per-sentence scores and, unless `contributions` is false, every contribution with its rules.
    public func writeJSON(to writer: inout JSONWriter, contributions includeContributions: Bool = true) {
        writer.beginObject()
        Self.writeScore(score, to: &writer)
        writer.member("language", language)
        // Sentences and contributions are written as runs (`JSONWriter.appendRun`): room is made once per
        // sentence or contribution, and its members are written with their commas in the fragments. Scores and rule
        // values are written with `double(roundedToThousandths:)`: the same bytes as `double(SentimentAnalyzer.rounded(x))`.
        writer.key("sentences")
        writer.beginArray()
        for sentence in sentences {
            let comma = writer.commaDue()
            writer.appendRun(reserving: 64 + 5 * JSONWriter.Run.numberRoom) { run in
                run.fragment("{\"utf8\":[", afterComma: comma)
                Self.writeRange(sentence.utf8, sentence.utf16, to: &run)
                run.fragment(",\"compound\":")
                run.double(roundedToThousandths: sentence.score.compound)
                run.fragment(",\"label\":")
                run.label(sentence.score.label)
                run.byte(UInt8(ascii: "}"))
            }
        }
        writer.endArray()
        if includeContributions {
            writer.key("contributions")
            writer.beginArray()
            for contribution in contributions {
                let comma = writer.commaDue()
                var room = 160 + 6 * JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: contribution.text)
                    + JSONWriter.Run.room(for: contribution.term) + JSONWriter.Run.room(for: contribution.list)
                    + JSONWriter.Run.room(for: contribution.match)
                for index in contribution.rules.indices {  // by index: `for rule in` copied each rule's strings
                    room += 48 + 2 * JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: contribution.rules[index].rule)
                        + (contribution.rules[index].cue.map(JSONWriter.Run.room(for:)) ?? 0)
                }
                writer.appendRun(reserving: room) { run in
                    run.fragment("{\"text\":", afterComma: comma)
                    run.string(contribution.text)
                    run.fragment(",\"term\":")
                    run.string(contribution.term)
                    run.fragment(",\"list\":")
                    run.string(contribution.list)
                    run.fragment(",\"match\":")
                    run.string(contribution.match)
                    run.fragment(",\"valence\":")
                    run.double(contribution.valence)
                    run.fragment(",\"value\":")
                    run.double(contribution.value)
                    run.fragment(",\"utf8\":[")
                    Self.writeRange(contribution.utf8, contribution.utf16, to: &run)
                    run.fragment(",\"rules\":[")
                    for index in contribution.rules.indices {
                        run.fragment("{\"rule\":", afterComma: index > 0)
                        run.string(contribution.rules[index].rule)
                        if let cue = contribution.rules[index].cue {
                            run.fragment(",\"cue\":")
                            run.string(cue)
                        }
                        run.fragment(",\"from\":")
                        run.double(roundedToThousandths: contribution.rules[index].from)
                        run.fragment(",\"to\":")
                        run.double(roundedToThousandths: contribution.rules[index].to)
                        run.byte(UInt8(ascii: "}"))
                    }
                    run.fragment("]}")
                }
            }
            writer.endArray()
        }
        writer.endObject()
    }

    /// The score's five members as one run: written one call each, they made room and checked the buffer ten times.
    static func writeScore(_ score: SentimentScore, to writer: inout JSONWriter) {
        let comma = writer.commaDue()
        writer.appendRun(reserving: 96 + 4 * JSONWriter.Run.numberRoom) { run in
            run.fragment("\"compound\":", afterComma: comma)
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
    }

    /// `a,b],"utf16":[c,d]`: the rest of a `"utf8":[` member and the `utf16` member after it.
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
    /// `String` and scanned it, for every sentence, score and topic.
    public mutating func label(_ label: SentimentLabel) {
        switch label {
        case .pos: fragment("\"pos\"")
        case .neu: fragment("\"neu\"")
        case .neg: fragment("\"neg\"")
        }
    }
}
