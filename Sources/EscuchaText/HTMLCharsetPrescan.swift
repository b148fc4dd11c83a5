/// Finds the charset an HTML page declares in its first kilobytes, as the WHATWG "prescan" does:
/// `<meta charset="...">` or `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
/// A simplified scan over ASCII bytes: good enough for saved pages, and it never allocates per byte.
public enum HTMLCharsetPrescan {
    public static let scanLimit = 4096

    public static func declaredCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let limit = min(bytes.count, scanLimit)
        var index = 0
        while index + 5 < limit {
            // Look for "<meta" case-insensitively.
            if bytes[index] == UInt8(ascii: "<"), lower(bytes[index + 1]) == UInt8(ascii: "m"),
               lower(bytes[index + 2]) == UInt8(ascii: "e"), lower(bytes[index + 3]) == UInt8(ascii: "t"),
               lower(bytes[index + 4]) == UInt8(ascii: "a") {
                var end = index
                while end < limit, bytes[end] != UInt8(ascii: ">") { end += 1 }
                let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).lowercased()
                if let charset = charset(inMetaTag: tag) { return charset }
                index = end
            }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte | 0x20 }

    private static func charset(inMetaTag tag: String) -> String? {
        let bytes = Array(tag.utf8)
        let needle = Array("charset".utf8)
        guard bytes.count > needle.count,
              let start = (0...(bytes.count - needle.count)).first(where: { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        var index = start + needle.count
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[index]) { index += 1 }
        let stop: Set<UInt8> = Set(" \"';/>".utf8)
        var end = index
        while end < bytes.count, !stop.contains(bytes[end]) { end += 1 }
        return end > index ? String(decoding: bytes[index..<end], as: UTF8.self) : nil
    }
}
