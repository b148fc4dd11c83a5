import EscuchaText

/// Case folding and the accent-insensitive matching key.
public enum Folding {
    /// NFKC + case folding. ASCII and Latin-1 (all of Spanish) are folded here by table; anything else goes
    /// through ICU's NFKC_Casefold (checked equal to ICU on the corpora in the tests).
    public static func fold(_ text: String) -> String {
        var needsICU = false
        // No capital to fold (`acción` as much as `hola`): the text is its own folding.
        var hasCapital = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x41 && value <= 0x5A { hasCapital = true; continue }
            if value < 0x80 { continue }
            // Latin-1 letters fold by +0x20; ß, µ, ª, º, and everything beyond Latin-1 need ICU.
            if value >= 0xC0 && value <= 0xFF && value != 0xD7 && value != 0xF7 && value != 0xDF {
                if value <= 0xDE { hasCapital = true }
                continue
            }
            needsICU = true
            break
        }
        if needsICU { return ICU.nfkcCasefold(text) }
        if !hasCapital { return text }
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
    /// Worked on UTF-8 bytes: a Latin-1 vowel is `C3` and one byte, a combining accent `CC` and one byte.
    public static func key(_ folded: String) -> String {
        // Read in the string's own buffer: walking a `String.UTF8View` costs tens of instructions a byte.
        if let key = folded.utf8.withContiguousStorageIfAvailable({ key(folded, bytes: $0) }) { return key }
        return Array(folded.utf8).withUnsafeBufferPointer { key(folded, bytes: $0) }
    }

    private static func key(_ folded: String, bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Most words are plain ASCII: nothing to strip.
        if bytes.allSatisfy({ $0 < 0x80 }) { return folded }
        // Written straight into the new string's storage (inline up to 15 bytes): an array of the bytes, decoded after,
        // cost an allocation, a copy and a release for every key with an accent. The key is never longer than the text.
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var index = 0
            var count = 0
            while index < bytes.count {
                let byte = bytes[index]
                if index + 1 < bytes.count {
                    if byte == 0xC3, let vowel = baseVowel(latin1Continuation: bytes[index + 1]) {
                        out[count] = vowel
                        count += 1
                        index += 2
                        continue
                    }
                    // U+0300–0302 and U+0308; ñ's tilde, U+0303, stays.
                    if byte == 0xCC, isDroppedAccent(continuation: bytes[index + 1]) {
                        index += 2
                        continue
                    }
                }
                out[count] = byte
                count += 1
                index += 1
            }
            return count
        }
    }

    /// Whether `CC` and this byte is a combining accent the key drops (grave, acute, circumflex, diaeresis).
    static func isDroppedAccent(continuation byte: UInt8) -> Bool {
        byte == 0x80 || byte == 0x81 || byte == 0x82 || byte == 0x88
    }

    /// The base vowel of a lowercase accented Latin-1 vowel, given the second byte of its UTF-8 (`C3 A1` is á).
    public static func baseVowel(latin1Continuation byte: UInt8) -> UInt8? {
        switch byte {
        case 0xA0...0xA4: return UInt8(ascii: "a")  // à á â ã ä
        case 0xA8...0xAB: return UInt8(ascii: "e")  // è é ê ë
        case 0xAC...0xAF: return UInt8(ascii: "i")  // ì í î ï
        case 0xB2...0xB6: return UInt8(ascii: "o")  // ò ó ô õ ö
        case 0xB9...0xBC: return UInt8(ascii: "u")  // ù ú û ü
        default: return nil
        }
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
