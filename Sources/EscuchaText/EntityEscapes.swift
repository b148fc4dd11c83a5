/// The three HTML entities exports escape in plain text: X's API (`&lt;3`), scrapers and CMS exports write `<`, `>`
/// and `&` as `&lt;`, `&gt;` and `&amp;`. X's tweets are unescaped when read (their API escapes every text); other texts
/// are not rewritten (the offsets the explanations give point into the text as it came): instead the tokenizer also
/// knows each emoticon spelled with them (`&lt;3` is the heart `<3`), and the emoticon's key is its plain spelling, the
/// one the lexicons rate.
public enum EntityEscapes {
    static let entities: [(character: Character, entity: String)] = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]

    /// `text` with its `<`, `>` and `&` escaped, or nil when it has none of them.
    public static func escaped(_ text: String) -> String? {
        guard text.contains(where: { $0 == "<" || $0 == ">" || $0 == "&" }) else { return nil }
        var out = ""
        for character in text {
            if let entity = entities.first(where: { $0.character == character })?.entity { out += entity } else { out.append(character) }
        }
        return out
    }

    /// `text` with `&lt;`, `&gt;` and `&amp;` read as the characters they stand for.
    public static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            out += rest[..<ampersand]
            rest = rest[ampersand...]
            if let match = entities.first(where: { rest.hasPrefix($0.entity) }) {
                out.append(match.character)
                rest = rest.dropFirst(match.entity.count)
            } else {
                out.append("&")
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    /// Each emoticon, and its escaped spelling where it has one.
    public static func withEscapedSpellings(_ emoticons: some Sequence<String>) -> [String] {
        emoticons.flatMap { emoticon in [emoticon] + (escaped(emoticon).map { [$0] } ?? []) }
    }
}
