/// Recognisers for personal identifiers, checked with their own check digits so that an order number
/// is not taken for a DNI: Spanish DNI and NIE, Mexican CURP, Chilean RUT, and card numbers (Luhn).
enum NationalIDs {
    static let dniLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE")

    /// `12345678Z`, `12345678-Z`, `X1234567L` (NIE).
    static func isDNIorNIE(_ text: String) -> Bool {
        var characters = Array(text.uppercased()).filter { $0 != "-" && $0 != " " }
        guard characters.count == 9, let letter = characters.last, letter.isLetter else { return false }
        switch characters[0] {
        case "X": characters[0] = "0"
        case "Y": characters[0] = "1"
        case "Z": characters[0] = "2"
        default: break
        }
        guard characters.dropLast().allSatisfy(\.isNumber), let number = Int(String(characters.dropLast())) else { return false }
        return dniLetters[number % 23] == letter
    }

    /// CURP: 4 letters, birth date YYMMDD, H/M (or X), state (2 letters), 3 consonants, 1 letter or digit, check digit.
    static func isCURP(_ text: String) -> Bool {
        let characters = Array(text.uppercased())
        guard characters.count == 18 else { return false }
        let letters = characters[0..<4].allSatisfy { $0.isLetter && $0.isASCII }
        let date = characters[4..<10].allSatisfy(\.isNumber)
        let sex = "HMX".contains(characters[10])
        let state = characters[11..<13].allSatisfy { $0.isLetter && $0.isASCII }
        let consonants = characters[13..<16].allSatisfy { $0.isLetter && !"AEIOU".contains($0) }
        let last = characters[17].isNumber
        guard letters, date, sex, state, consonants, last,
              let month = Int(String(characters[6..<8])), (1...12).contains(month),
              let day = Int(String(characters[8..<10])), (1...31).contains(day) else { return false }
        return true
    }

    /// RUT: `12.345.678-5` or `12345678-5`, check digit by modulo 11 (K for 10).
    static func isRUT(_ text: String) -> Bool {
        let cleaned = text.uppercased().filter { $0 != "." }
        let parts = cleaned.split(separator: "-")
        guard parts.count == 2, parts[1].count == 1, (7...8).contains(parts[0].count), parts[0].allSatisfy(\.isNumber) else { return false }
        var sum = 0
        var factor = 2
        for digit in parts[0].reversed() {
            sum += Int(String(digit))! * factor
            factor = factor == 7 ? 2 : factor + 1
        }
        let remainder = 11 - sum % 11
        let expected: Character = remainder == 11 ? "0" : remainder == 10 ? "K" : Character(String(remainder))
        return parts[1].first == expected
    }

    /// 13–19 digits passing the Luhn check.
    static func isCardNumber(_ digits: [UInt8]) -> Bool {
        guard (13...19).contains(digits.count) else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }
}
