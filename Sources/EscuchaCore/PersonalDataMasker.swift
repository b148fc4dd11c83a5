/// Masks personal data in outputs: email addresses and phone-like digit runs in free text, and the
/// author's email, phone, customer id and platform id. Names and public handles are kept (social teams
/// work with handles); masking is on request (`--mask-personal-data`), and logs never carry any of it.
public struct PersonalDataMasker: Sendable {
    public static let emailMask = "[EMAIL]"
    public static let phoneMask = "[PHONE]"
    public static let idMask = "[ID]"

    /// Digit runs with at least this many digits (separated by spaces, dots, dashes or parentheses, with an
    /// optional leading `+`) are masked: phone numbers, card and account numbers. Dates (`21/03/2024`)
    /// and amounts (`1.234,56 €`) stay below it or use separators that break the run.
    public static let minimumDigitsInRun = 9

    public init() {}

    public func mask(_ document: Document) -> Document {
        var masked = document
        masked.text = mask(text: document.text)
        masked.title = document.title.map { mask(text: $0) }
        if masked.author.email != nil { masked.author.email = Self.emailMask }
        if masked.author.phone != nil { masked.author.phone = Self.phoneMask }
        if masked.author.customerID != nil { masked.author.customerID = CustomerID(Self.idMask) }
        if masked.author.platformID != nil { masked.author.platformID = Self.idMask }
        masked.fields = mask(document.fields)
        return masked
    }

    private func mask(_ fields: [Field]) -> [Field] {
        fields.map { field in
            switch field.value {
            case .string(let value): return Field(name: field.name, value: .string(mask(text: value)))
            case .json(let json): return Field(name: field.name, value: .json(mask(text: json)))
            case .object(let nested): return Field(name: field.name, value: .object(mask(nested)))
            default: return field
            }
        }
    }

    /// Replaces emails and long digit runs in `text`.
    public func mask(text: String) -> String {
        let utf8 = Array(text.utf8)
        // Fast path: no '@' and no digit means nothing to mask.
        guard utf8.contains(where: { $0 == UInt8(ascii: "@") || ($0 >= 0x30 && $0 <= 0x39) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if let end = emailEnd(utf8, at: index) {
                out.append(contentsOf: Self.emailMask.utf8)
                index = end
            } else if let end = digitRunEnd(utf8, at: index) {
                out.append(contentsOf: Self.phoneMask.utf8)
                index = end
            } else {
                out.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a)
    }

    /// If an email address starts at `start` (and not in the middle of a word), where it ends.
    private func emailEnd(_ bytes: [UInt8], at start: Int) -> Int? {
        guard Self.isLocalPartByte(bytes[start]), start == 0 || !Self.isLocalPartByte(bytes[start - 1]) else { return nil }
        var index = start
        while index < bytes.count, Self.isLocalPartByte(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "@"), index > start else { return nil }
        index += 1
        let domainStart = index
        var lastDot = -1
        while index < bytes.count, Self.isAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "-")
            || (bytes[index] == UInt8(ascii: ".") && index + 1 < bytes.count && Self.isAlphanumeric(bytes[index + 1])) {
            if bytes[index] == UInt8(ascii: ".") { lastDot = index }
            index += 1
        }
        guard lastDot > domainStart, index - lastDot > 2 else { return nil }
        return index
    }

    private static func isRunSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "(")
            || byte == UInt8(ascii: ")")
    }

    private func digitRunEnd(_ bytes: [UInt8], at start: Int) -> Int? {
        let first = bytes[start]
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "(") else { return nil }
        if start > 0, Self.isAlphanumeric(bytes[start - 1]) { return nil }
        var index = start
        var digits = 0
        var lastDigitEnd = start
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) {
                digits += 1
                index += 1
                lastDigitEnd = index
            } else if Self.isRunSeparator(byte) || (byte == UInt8(ascii: "+") && index == start) {
                // Separators continue the run only when a digit follows within two more bytes: `(55) 1234`.
                var lookahead = index + 1
                while lookahead < bytes.count, lookahead <= index + 2, Self.isRunSeparator(bytes[lookahead]) { lookahead += 1 }
                guard lookahead < bytes.count, isDigit(bytes[lookahead]) else { break }
                index = lookahead
            } else {
                break
            }
        }
        guard digits >= Self.minimumDigitsInRun else { return nil }
        if lastDigitEnd < bytes.count, Self.isAlphanumeric(bytes[lastDigitEnd]) { return nil }
        return lastDigitEnd
    }
}
