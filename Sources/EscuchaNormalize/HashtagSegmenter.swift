/// Splits a hashtag into words: at case changes when there are any (`#PésimoServicio` → pésimo servicio),
/// else by dynamic programming over the vocabulary, preferring frequent words and fewer of them
/// (`#nuncamas` → nunca más, `#quieromidinero` → quiero mi dinero). Words come back spelled as the
/// vocabulary spells them (with their accents).
struct HashtagSegmenter {
    /// Matching key → the vocabulary's spelling.
    let spellings: [String: String]
    /// Spelling → Zipf frequency.
    let zipf: [String: Double]

    /// A word by its matching key: its spelling and frequency. Looked up in the normalizer's own tables: a table of
    /// both by key cost two lookups and an insertion per vocabulary word at every start, for the few hashtags.
    private func word(_ key: String) -> (word: String, zipf: Double)? {
        spellings[key].map { ($0, zipf[$0] ?? 0) }
    }
    static let maximumWordLength = 20

    func segment(_ body: String) -> [String] {
        let caseParts = Self.splitAtCaseChanges(body)
        if caseParts.count > 1 {
            return caseParts.flatMap { part -> [String] in
                let folded = Folding.fold(part)
                return spellings[Folding.key(folded)].map { [$0] } ?? [folded]
            }
        }
        let folded = Folding.fold(body)
        let whole = Folding.key(folded)
        guard !whole.isEmpty else { return [] }
        if let spelled = spellings[whole] { return [spelled] }
        // Where each character starts, and the end: a piece is the key's substring from one bound to another (a piece
        // built from an array of the key's characters took a generic path, about 5,600 instructions each).
        let bounds = Array(whole.indices) + [whole.endIndex]
        func keyPiece(_ range: Range<Int>) -> String { String(whole[bounds[range.lowerBound]..<bounds[range.upperBound]]) }
        let length = bounds.count - 1
        // best[i]: best score for the first i characters; choice[i]: start of the last word.
        var best = [Double](repeating: -.infinity, count: length + 1)
        var choice = [Int](repeating: -1, count: length + 1)
        best[0] = 0
        for end in 1...length {
            for start in max(0, end - Self.maximumWordLength)..<end where best[start] > -.infinity {
                let piece = keyPiece(start..<end)
                let score: Double
                if let known = word(piece) {
                    // Frequent words score higher; every extra word costs, so longer words win ties.
                    score = known.zipf - 8 + (piece.count == 1 && !["y", "a", "o", "e", "u"].contains(piece) ? -6 : 0)
                } else if piece.allSatisfy(\.isNumber) {
                    score = -4
                } else {
                    continue
                }
                if best[start] + score > best[end] {
                    best[end] = best[start] + score
                    choice[end] = start
                }
            }
        }
        guard best[length] > -.infinity else { return [folded] }
        var pieces: [String] = []
        var end = length
        while end > 0 {
            let start = choice[end]
            let piece = keyPiece(start..<end)
            pieces.append(spellings[piece] ?? piece)
            end = start
        }
        return pieces.reversed()
    }

    /// `PésimoServicio` → [Pésimo, Servicio]; `MalServicio2024` → [Mal, Servicio, 2024]; `nuncamas` → [nuncamas].
    static func splitAtCaseChanges(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if character == "_" {
                if !current.isEmpty { parts.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let last = previous {
                let lowerToUpper = last.isLowercase && character.isUppercase
                let letterDigit = last.isLetter != character.isLetter && (last.isNumber || character.isNumber)
                if lowerToUpper || letterDigit {
                    parts.append(current)
                    current = ""
                }
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
