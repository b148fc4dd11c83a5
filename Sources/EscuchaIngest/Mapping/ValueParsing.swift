import EscuchaText

/// Parsers for the numbers found in exports, strict where a wrong guess would corrupt a score.
enum ValueParsing {
    /// A star rating: `4`, `4,5`, `4.5`, `4/5`, `4 estrellas`, `★★★★☆`. Nil when not a number at all;
    /// the caller checks the range.
    static func rating(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        if let whole = Int(trimmed) { return Double(whole) }
        let stars = trimmed.unicodeScalars.filter { $0 == "★" || $0 == "⭐" }.count
        if stars > 0, trimmed.unicodeScalars.allSatisfy({ $0 == "★" || $0 == "☆" || $0 == "⭐" || $0 == " " || $0 == "\u{FE0F}" }) {
            return Double(stars)
        }
        var number = trimmed
        if let slash = trimmed.firstIndex(of: "/") {
            // `4/5` on a five-point scale; `8/10` is not a star rating.
            let scale = String(trimmed[trimmed.index(after: slash)...]).trimmingSpaces()
            guard scale == "5" else { return nil }
            number = String(trimmed[..<slash]).trimmingSpaces()
        }
        for suffix in [" estrellas", " estrella", " stars", " star"] where number.lowercased().hasSuffix(suffix) {
            number = String(number.dropLast(suffix.count))
        }
        return Double(number.replacingComma())
    }

    /// A survey score: an integer (`9`, `9.0`), nothing else. `9,5` or `nueve` are not scores.
    static func score(_ text: String) -> Int?? {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { return .some(nil) }
        if let value = Int(trimmed) { return .some(value) }
        if let value = Double(trimmed.replacingComma()), value == value.rounded(), abs(value) < 1000 { return .some(Int(value)) }
        return nil
    }

    /// A count such as followers or likes: `1234`, `1.234` (Spanish thousands), `1,2K`, `12 mil`, `1.5M`.
    static func count(_ text: String) -> Int? {
        let lowered = text.trimmingSpaces().lowercased()
        guard !lowered.isEmpty else { return nil }
        if let value = Int(lowered) { return value }
        var multiplier = 1.0
        var body = lowered
        for (suffix, factor) in [(" mil", 1e3), ("mil", 1e3), ("k", 1e3), ("m", 1e6), (" millones", 1e6), ("mm", 1e6)]
            where body.hasSuffix(suffix) {
            multiplier = factor
            body = String(body.dropLast(suffix.count)).trimmingSpaces()
            break
        }
        if multiplier == 1 {
            // Thousands separators: `1.234.567` or `1,234`.
            let digitsOnly = body.filter { $0 != "." && $0 != "," && $0 != " " }
            if let value = Int(digitsOnly), body.first?.isNumber == true { return value }
            return nil
        }
        guard let value = Double(body.replacingComma()) else { return nil }
        return Int((value * multiplier).rounded())
    }
}

extension String {
    func trimmingSpaces() -> String { Whitespace.trimmed(self) }

    func replacingComma() -> String {
        String(unicodeScalars.map { $0 == "," ? "." : Character($0) })
    }
}
