/// Classification of Unicode scalars by value, for the tokenizer's hot loop (no property lookups for
/// Latin text).
enum CharacterClass {
    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return isASCIILetter(UInt8(value)) }
        if value >= 0xC0, value <= 0x24F { return value != 0xD7 && value != 0xF7 }
        if value == 0xAA || value == 0xBA { return true }  // ª º
        if value < 0x370 { return false }
        if isEmojiBase(scalar) || isEmojiComponent(scalar) { return false }
        return isAlphabetic(scalar)
    }

    /// Out of line: inlined, asking a scalar's properties made every caller (`Tokenizer.wordEnd`, for every word) fetch
    /// their type's metadata and make stack room for them on entry, though Latin text never gets this far.
    @inline(never)
    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x300...0x36F).contains(scalar.value)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Pictographs that start an emoji (Extended_Pictographic, by block).
    static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x1F000...0x1F0FF, 0x1F100...0x1F1E5, 0x1F200...0x1F2FF, 0x1F300...0x1F3FA, 0x1F400...0x1F64F,
             0x1F680...0x1F6FF, 0x1F700...0x1F7FF, 0x1F800...0x1F8FF, 0x1F900...0x1F9FF, 0x1FA00...0x1FAFF,
             0x2600...0x27BF, 0x2300...0x23FF, 0x2B00...0x2BFF, 0x2190...0x21FF, 0x25A0...0x25FF, 0x2900...0x297F,
             0x3030, 0x303D, 0x3297, 0x3299, 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2:
            return true
        default:
            return false
        }
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

    static func isSkinTone(_ scalar: Unicode.Scalar) -> Bool { (0x1F3FB...0x1F3FF).contains(scalar.value) }

    /// Scalars that extend an emoji: variation selectors, skin tones, keycap, tags.
    static func isEmojiComponent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFE0E, 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: return true
        default: return false
        }
    }

    static let zeroWidthJoiner: UInt32 = 0x200D
}

/// Decodes the scalar at a UTF-8 position (the text is valid UTF-8: it is a Swift String).
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    if lead < 0xE0 {
        let value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
    }
    if lead < 0xF0 {
        let value = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
    }
    let value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
        | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
    return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
}
