import Foundation

/// A sentiment lexicon in a well-known public format, which a user holds a licence for and adds to Escucha's own
/// (`--add-lexicon FORMAT:FILE`). None ships with Escucha: the formats are read so that users can plug theirs in.
///
/// Each format's scale is mapped onto Escucha's −4…+4 (see `Format`). Terms are lowercased; `_` between words (as
/// ML-SentiCon writes multiword lemmas) becomes a space. A term rated zero, or both positive and negative, is skipped.
public struct PluginLexicon: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        /// VADER's `vader_lexicon.txt`: `token TAB mean TAB sd TAB ratings`, the mean on −4…+4, taken as it is.
        case vader
        /// AFINN (`AFINN-111.txt`, `AFINN-165.txt` and their translations): `term TAB score`, −5…+5, times 0.8.
        case afinn
        /// The NRC Emotion Lexicon, word level: `word TAB category TAB 0|1`; `positive` is +1.5, `negative` −1.5.
        case nrc
        /// ElhPolar (Spanish): `word TAB positive|negative`, ±1.5 (the strength of a mild word in Escucha's lists).
        case elhpolar
        /// ML-SentiCon (`senticon.es.xml`): `<lemma pos="a" pol="-0.375" std="…">lemma </lemma>`, polarity −1…+1 times 4;
        /// a lemma listed again (another part of speech, another layer) keeps its first rating.
        case senticon
        /// Plain `term TAB valence` on Escucha's scale, −4…+4 (a header line `term TAB valence` is allowed).
        case tsv
    }

    public struct Entry: Sendable, Equatable {
        public var term: String
        public var valence: Double
        public var line: Int

        public init(term: String, valence: Double, line: Int) {
            self.term = term
            self.valence = valence
            self.line = line
        }
    }

    public var file: String
    public var format: Format
    public var entries: [Entry]
    /// Lines with a term that says nothing usable: rated zero, both positive and negative, or listed again.
    public var skipped: Int

    /// `FORMAT:FILE`, as `--add-lexicon` takes it.
    public static func load(spec: String) throws(LexiconError) -> PluginLexicon {
        guard let colon = spec.firstIndex(of: ":"), let format = Format(rawValue: String(spec[..<colon]).lowercased()) else {
            throw LexiconError(file: spec, line: nil, message: "expected FORMAT:FILE with FORMAT one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return try load(String(spec[spec.index(after: colon)...]), format: format)
    }

    public static func load(_ path: String, format: Format) throws(LexiconError) -> PluginLexicon {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LexiconError(file: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LexiconError(file: path, line: nil, message: "not UTF-8 text")
        }
        return try parse(text, file: path, format: format)
    }

    public static func parse(_ text: String, file: String, format: Format) throws(LexiconError) -> PluginLexicon {
        var lexicon = Collector(file: file, format: format)
        if format == .senticon {
            try lexicon.readSenticon(text)
        } else if format == .nrc {
            try lexicon.readNRC(text)
        } else {
            for (offset, line) in Self.lines(text).enumerated() {
                let number = offset + 1
                if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
                if format == .tsv, lexicon.entries.isEmpty, lexicon.skipped == 0, fields.first?.lowercased() == "term" { continue }
                guard fields.count >= 2, !fields[0].isEmpty else {
                    throw LexiconError(file: file, line: number, message: "expected \(format.layout)")
                }
                let valence: Double
                switch format {
                case .elhpolar:
                    switch fields[1].lowercased() {
                    case "positive", "pos", "positivo": valence = format.factor
                    case "negative", "neg", "negativo": valence = -format.factor
                    default: throw LexiconError(file: file, line: number, message: "expected positive or negative, found '\(fields[1])'")
                    }
                default:
                    guard let value = Double(fields[1]), value.isFinite, (-format.scale...format.scale).contains(value) else {
                        throw LexiconError(file: file, line: number, message: "expected \(format.layout); the value must be a number from \(-Int(format.scale)) to \(Int(format.scale)), found '\(fields[1])'")
                    }
                    valence = value * format.factor
                }
                lexicon.add(fields[0], valence, line: number)
            }
        }
        return PluginLexicon(file: file, format: format, entries: lexicon.entries, skipped: lexicon.skipped)
    }

    /// Lines, numbered from 1 by their position: `\r\n` is one `Character` in Swift, so splitting on `\n` alone would keep it.
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// What the file is called in explanations: its name without the extension (`vader_lexicon`).
    public var listName: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}

/// The entries of one file as its lines are read; the terms seen so far tell a term listed again.
private struct Collector {
    let file: String
    let format: PluginLexicon.Format
    var entries: [PluginLexicon.Entry] = []
    var skipped = 0
    private var seen: Set<String> = []

    init(file: String, format: PluginLexicon.Format) {
        self.file = file
        self.format = format
    }

    /// NRC lists each word once per category; only `positive` and `negative` rate it.
    mutating func readNRC(_ text: String) throws(LexiconError) {
        var polarity: [String: (positive: Bool, negative: Bool, line: Int)] = [:]
        var order: [String] = []
        for (offset, line) in PluginLexicon.lines(text).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3, fields[2] == "0" || fields[2] == "1" else {
                throw LexiconError(file: file, line: offset + 1, message: "expected \(format.layout)")
            }
            guard fields[2] == "1", fields[1] == "positive" || fields[1] == "negative" else { continue }
            if polarity[fields[0]] == nil { order.append(fields[0]) }
            var value = polarity[fields[0]] ?? (false, false, offset + 1)
            if fields[1] == "positive" { value.positive = true } else { value.negative = true }
            polarity[fields[0]] = value
        }
        for word in order {
            guard let value = polarity[word] else { continue }
            if value.positive == value.negative { skipped += 1; continue }
            add(word, value.positive ? format.factor : -format.factor, line: value.line)
        }
    }

    /// ML-SentiCon's XML is read for its `<lemma … pol="…">term</lemma>` elements only, line by line as it is laid out.
    mutating func readSenticon(_ text: String) throws(LexiconError) {
        for (offset, line) in PluginLexicon.lines(text).enumerated() {
            guard let open = line.range(of: "<lemma") else { continue }
            let element = line[open.upperBound...]
            guard let polStart = element.range(of: "pol=\""), let polEnd = element[polStart.upperBound...].firstIndex(of: "\""),
                  let value = Double(element[polStart.upperBound..<polEnd]), value.isFinite, (-format.scale...format.scale).contains(value),
                  let termStart = element.firstIndex(of: ">"), let termEnd = element.range(of: "</lemma>"), termStart < termEnd.lowerBound else {
                throw LexiconError(file: file, line: offset + 1, message: "expected \(format.layout)")
            }
            add(String(element[element.index(after: termStart)..<termEnd.lowerBound]), value * format.factor, line: offset + 1)
        }
    }

    mutating func add(_ rawTerm: String, _ valence: Double, line: Int) {
        let term = rawTerm.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: " ").lowercased()
        let rounded = (valence * 100).rounded() / 100
        guard !term.isEmpty, rounded != 0, seen.insert(term).inserted else { skipped += 1; return }
        entries.append(PluginLexicon.Entry(term: term, valence: max(-4, min(4, rounded)), line: line))
    }
}

extension PluginLexicon.Format {
    /// The largest value the format's scale has.
    var scale: Double {
        switch self {
        case .vader, .tsv: 4
        case .afinn: 5
        case .senticon, .nrc, .elhpolar: 1
        }
    }

    /// From the format's scale to Escucha's −4…+4.
    var factor: Double {
        switch self {
        case .vader, .tsv: 1
        case .afinn: 0.8
        case .senticon: 4
        case .nrc, .elhpolar: 1.5
        }
    }

    var layout: String {
        switch self {
        case .vader: "token TAB mean valence (-4 to 4) TAB …, as in vader_lexicon.txt"
        case .afinn: "term TAB score (-5 to 5), as in AFINN"
        case .nrc: "word TAB category TAB 0 or 1, as in the NRC Emotion Lexicon (word level)"
        case .elhpolar: "word TAB positive or negative, as in ElhPolar"
        case .senticon: "<lemma … pol=\"-1 to 1\" …>lemma</lemma>, as in ML-SentiCon"
        case .tsv: "term TAB valence (-4 to 4)"
        }
    }
}
