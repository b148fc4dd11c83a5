import EscuchaCore
import EscuchaText

/// What every record of one file shares when it becomes a `Document`.
public struct RecordContext: Sendable {
    public var file: String
    public var kind: DocumentKind
    public var channel: String
    public var encoding: String
    public var transcoded: Bool
    public var dates: ExportDateParser

    public init(file: String, kind: DocumentKind, channel: String, encoding: String, transcoded: Bool,
                dates: ExportDateParser) {
        self.file = file
        self.kind = kind
        self.channel = channel
        self.encoding = encoding
        self.transcoded = transcoded
        self.dates = dates
    }

    func location(line: Int?, offset: Int?, record: Int, path: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, record: record, byteOffset: offset, path: path, encoding: encoding)
    }
}

/// Turns one mapped record (values by column role) into a `Document`, or a reject saying what is wrong.
/// Shared by CSV rows and JSON records so that every reader validates the same way.
enum DocumentBuilder {
    struct Input {
        enum Values {
            /// CSV fields, as read.
            case strings([String])
            /// JSON values (flattened members).
            case json([JSONValue])
        }

        var names: [String]
        var values: Values
        /// For JSON: the top-level member each flattened value belongs to; for CSV: nil (each column is top level).
        var topLevel: [Int]?
        /// For JSON: the original top-level members (for the passthrough of unmapped fields).
        var topMembers: [(key: String, value: JSONValue)]?
    }

    static func build(_ input: Input, columns: ResolvedColumns, context: RecordContext, location: SourceLocation,
                      snippet: () -> String) -> Result<Document, Reject> {
        func reject(_ reason: RejectReason, _ message: String) -> Result<Document, Reject> {
            .failure(Reject(location: location, reason: reason, message: message, snippet: snippet()))
        }
        func text(_ role: FieldRole) -> String? {
            guard let index = columns.index(of: role) else { return nil }
            return input.values.text(at: index)
        }

        // Free text: one or several answers.
        var answers: [(String, String)] = []
        for index in columns.textColumns {
            if let value = input.values.text(at: index) { answers.append((input.names[index], value)) }
        }
        var flags: [DocumentFlag] = []
        if context.transcoded { flags.append(.transcoded) }
        var body = answers.map(\.1).joined(separator: "\n\n")
        var title = text(.title)
        var authorName = text(.authorName)
        if let repaired = MojibakeRepair.repair(body) {
            body = repaired
            flags.append(.mojibakeRepaired)
        }
        if let current = title, let repaired = MojibakeRepair.repair(current) {
            title = repaired
            if !flags.contains(.mojibakeRepaired) { flags.append(.mojibakeRepaired) }
        }
        if let current = authorName, let repaired = MojibakeRepair.repair(current) { authorName = repaired }
        if Whitespace.containsReplacementCharacter(body) { flags.append(.replacementCharacters) }

        // Rating and scores: out of range or not a number is a reject, never clamped.
        var rating: Double?
        if let raw = text(.rating) {
            guard let value = ValueParsing.rating(raw) else {
                return reject(.invalidRating, "the rating '\(raw)' in column '\(name(of: .rating, columns))' is not a number of stars (1–5)")
            }
            guard value >= 1, value <= 5 else {
                return reject(.invalidRating, "the rating \(raw) in column '\(name(of: .rating, columns))' is outside 1–5")
            }
            rating = value
        }
        var scores = SurveyScores()
        for (role, range) in [(FieldRole.nps, SurveyScores.npsRange), (.ces, SurveyScores.cesRange), (.csat, SurveyScores.csatRange)] {
            guard let raw = text(role) else { continue }
            guard let parsed = ValueParsing.score(raw), let value = parsed else {
                return reject(.invalidScore, "the \(role.rawValue.uppercased()) score '\(raw)' in column '\(name(of: role, columns))' is not a whole number")
            }
            guard range.contains(value) else {
                return reject(.invalidScore, "the \(role.rawValue.uppercased()) score \(value) in column '\(name(of: role, columns))' is outside \(range.lowerBound)–\(range.upperBound)")
            }
            switch role {
            case .nps: scores.nps = value
            case .ces: scores.ces = value
            default: scores.csat = value
            }
        }
        if body.isEmpty {
            guard rating != nil || !scores.isEmpty else {
                return reject(.emptyRecord, "the record has no text, rating or score")
            }
            flags.append(.noText)
        }

        var timestamp: Timestamp?
        let rawDate = text(.date)
        if let rawDate {
            timestamp = context.dates.parse(rawDate)
            if timestamp == nil { flags.append(.unparsedDate) }
        }

        var channel = context.channel
        if let value = text(.channel) { channel = ChannelName.slug(value) }
        let sourceID = text(.id)
        let id = sourceID.map { DocumentID.fromSource(channel: channel, sourceID: $0) }
            ?? DocumentID.fromContent(channel: channel, source: context.file, position: location.record, text: body)

        var handle = text(.handle)
        if let current = handle, current.hasPrefix("@") { handle = String(current.dropFirst()) }
        // App stores call the display name `userName`: a "handle" with spaces is a name.
        if let current = handle, current.contains(" ") {
            if authorName == nil { authorName = current }
            handle = nil
        }
        let author = Author(name: authorName, handle: handle, email: text(.email), phone: text(.phone),
                            customerID: text(.customerID).map(CustomerID.init), platformID: text(.platformID))
        let reach = Reach(followers: text(.followers).flatMap(ValueParsing.count),
                          likes: text(.likes).flatMap(ValueParsing.count),
                          reposts: text(.reposts).flatMap(ValueParsing.count),
                          replies: text(.replies).flatMap(ValueParsing.count),
                          views: text(.views).flatMap(ValueParsing.count))

        var fields = passthrough(input, columns: columns)
        if answers.count > 1 {
            fields.append(Field(name: "answers", value: .object(answers.map { Field(name: $0.0, value: .string($0.1)) })))
        }
        return .success(Document(
            id: id, kind: context.kind, channel: channel, author: author, timestamp: timestamp, timestampRaw: rawDate,
            title: title, text: body, rating: rating, scores: scores, reach: reach, url: text(.url),
            language: text(.language), location: location, flags: flags, fields: fields))
    }

    private static func name(of role: FieldRole, _ columns: ResolvedColumns) -> String {
        columns.index(of: role).map { columns.names[$0] } ?? role.rawValue
    }

    /// Unmapped values, in source order. For JSON, a top-level member passes through whole unless one of
    /// its nested values was mapped.
    private static func passthrough(_ input: Input, columns: ResolvedColumns) -> [Field] {
        guard let topLevel = input.topLevel, let members = input.topMembers else {
            guard case .strings(let strings) = input.values else { return [] }
            return columns.roles.indices.compactMap { index in
                guard columns.roles[index] == nil, index < strings.count, !input.names[index].isEmpty, !strings[index].isEmpty else { return nil }
                return Field(name: input.names[index], value: .string(strings[index]))
            }
        }
        var mapped = Set<Int>()
        for (index, role) in columns.roles.enumerated() where role != nil { mapped.insert(topLevel[index]) }
        return members.indices.compactMap { index in
            mapped.contains(index) ? nil : Field(name: members[index].key, value: members[index].value.fieldValue)
        }
    }
}

extension DocumentBuilder.Input.Values {
    /// The trimmed text at a column, nil when absent or blank.
    func text(at index: Int) -> String? {
        let raw: String?
        switch self {
        case .strings(let strings): raw = index < strings.count ? strings[index] : nil
        case .json(let values): raw = index < values.count ? values[index].scalarText : nil
        }
        guard let raw, !raw.isEmpty else { return nil }
        let trimmed = raw.trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// Channel names: lowercase slugs (`Google Reviews` → `google-reviews`).
public enum ChannelName {
    public static func slug(_ text: String) -> String {
        // Most sources already name their platform as a slug (`twitter`, `instagram`).
        if !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
           text.utf8.first != 0x2D, text.utf8.last != 0x2D {
            return text
        }
        var out = ""
        var lastWasDash = false
        for character in DateTokenizer.foldWord(text) {
            if character.isLetter || character.isNumber || character == ":" || character == "." {
                out.append(character)
                lastWasDash = false
            } else if !lastWasDash, !out.isEmpty {
                out.append("-")
                lastWasDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "unknown" : out
    }
}
