/// Repairs stretched letters (`buenísimooo`, `noooo`, `graciasss`, `holaa`) while keeping the doubles
/// Spanish writes (`leer`, `creer`, `llamar`, `carro`, `acción`, `cooperar`, `innovar`).
///
/// A run of three or more letters is stretched for sure; it becomes one letter, or two for the letters
/// Spanish doubles (c, l, r, n, e, o) when the vocabulary knows the doubled word (`leeer` → `leer`).
/// A double of any other letter (`holaa`) is repaired only when the single form is a known word and the
/// double is not.
struct Elongation {
    static let doublable: Set<Character> = ["c", "l", "r", "n", "e", "o"]

    /// The repaired word and whether anything was stretched; nil when nothing changes.
    static func repair(_ folded: String, isKnown: (String) -> Bool) -> String? {
        let characters = Array(folded)
        guard characters.count >= 3 else { return nil }
        // Runs of the same letter.
        var runs: [(character: Character, length: Int)] = []
        for character in characters {
            if let last = runs.last, last.character == character {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((character, 1))
            }
        }
        let hasLongRun = runs.contains { $0.length >= 3 && $0.character.isLetter }
        if !hasLongRun {
            // Doubles only: repair a non-Spanish double when the single form is a word and the double is not.
            guard !isKnown(folded) else { return nil }
            let candidates = runs.enumerated().filter { $0.element.length == 2 && $0.element.character.isLetter && !doublable.contains($0.element.character) }
            guard !candidates.isEmpty else { return nil }
            var shortened = runs
            for candidate in candidates { shortened[candidate.offset].length = 1 }
            let single = String(shortened.flatMap { Array(repeating: $0.character, count: $0.length) })
            return isKnown(single) ? single : nil
        }
        func build(_ doubleWhereAllowed: Bool) -> String {
            String(runs.flatMap { run -> [Character] in
                guard run.length >= 3, run.character.isLetter else { return Array(repeating: run.character, count: run.length) }
                return Array(repeating: run.character, count: doubleWhereAllowed && doublable.contains(run.character) ? 2 : 1)
            })
        }
        let single = build(false)
        if isKnown(single) { return single }
        let double = build(true)
        if double != single, isKnown(double) { return double }
        return single
    }
}
