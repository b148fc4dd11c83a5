import EscuchaCore

/// Whitespace tests without Unicode property lookups, which dominated profiles of ingest: the
/// characters that `White_Space` lists, checked by value.
public enum Whitespace {
    @inlinable
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `text` without leading and trailing whitespace; returns `text` itself, without copying, when there
    /// is none (the common case for export fields).
    public static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return text }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    /// Whether the text holds U+FFFD (bytes that could not be decoded), searched as UTF-8 (EF BF BD).
    public static func containsReplacementCharacter(_ text: String) -> Bool {
        return text.withUTF8Bytes { bytes in
            guard bytes.count >= 3 else { return false }
            for index in 0...(bytes.count - 3) where bytes[index] == 0xEF && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xBD {
                return true
            }
            return false
        }
    }
}
