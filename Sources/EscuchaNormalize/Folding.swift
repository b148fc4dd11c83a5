import EscuchaText

/// Case folding and the accent-insensitive matching key.
public enum Folding {
    /// NFKC + case folding. ASCII and Latin-1 (all of Spanish) are folded here by table; anything else goes
    /// through ICU's NFKC_Casefold (checked equal to ICU on the corpora in the tests).
    public static func fold(_ text: String) -> String {
        var needsICU = false
        var isLowercaseASCII = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x41 && value <= 0x5A { isLowercaseASCII = false; continue }
            if value < 0x80 { continue }
            isLowercaseASCII = false
            // Latin-1 letters fold by +0x20; ß, µ, ª, º, and everything beyond Latin-1 need ICU.
            if value >= 0xC0 && value <= 0xFF && value != 0xD7 && value != 0xF7 && value != 0xDF { continue }
            needsICU = true
            break
        }
        if isLowercaseASCII { return text }
        if needsICU { return ICU.nfkcCasefold(text) }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value >= 0x41 && value <= 0x5A) || (value >= 0xC0 && value <= 0xDE && value != 0xD7) {
                out.append(Unicode.Scalar(value + 0x20)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The matching key of folded text: á é í ó ú ü à è ì ò ù → base vowel; ñ stays (`año` ≠ `ano`).
    public static func key(_ folded: String) -> String {
        var changed = false
        for scalar in folded.unicodeScalars where scalar.value >= 0xE0 && scalar.value <= 0xFC && scalar != "ñ" {
            changed = true
            break
        }
        if !changed, !folded.unicodeScalars.contains(where: { (0x300...0x36F).contains($0.value) }) { return folded }
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "á", "à", "â", "ä", "ã": out.append("a")
            case "é", "è", "ê", "ë": out.append("e")
            case "í", "ì", "î", "ï": out.append("i")
            case "ó", "ò", "ô", "ö", "õ": out.append("o")
            case "ú", "ù", "û", "ü": out.append("u")
            case "\u{301}", "\u{300}", "\u{308}", "\u{302}": continue  // combining accents (ñ's tilde U+0303 stays)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether the letters of `text` are all capitals (and there are at least `minimum` of them).
    static func isAllCaps(_ text: String, minimum: Int) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value >= 0x61 && value <= 0x7A) || (value >= 0xDF && value <= 0xFF && value != 0xF7) { return false }
            if (value >= 0x41 && value <= 0x5A) || (value >= 0xC0 && value <= 0xDE && value != 0xD7) { letters += 1 }
        }
        return letters >= minimum
    }
}
