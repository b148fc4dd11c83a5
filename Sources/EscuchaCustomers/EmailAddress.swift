import EscuchaText
/// Email addresses as keys for linking: the same mailbox written two ways gives the same key.
///
/// - Case and surrounding whitespace never matter (`Pablodom20@Gmail.com ` = `pablodom20@gmail.com`).
/// - A `+tag` in the local part is dropped (`ana+pedidos@gmail.com` = `ana@gmail.com`): Gmail, Outlook,
///   iCloud and most corporate servers deliver subaddresses to the same mailbox, and customers use them
///   to sort mail from one shop, so the tag says nothing about who they are.
/// - For Gmail only, dots in the local part are dropped and `googlemail.com` is `gmail.com`: Gmail
///   ignores them. Other providers treat `a.b` and `ab` as different people, so the dots stay.
/// - `mailto:` and angle brackets (`Ana <ana@x.es>`) are stripped. Anything that is not `local@domain.tld`
///   gives nil: it is not linked on.
public enum EmailAddress {
    public static func normalized(_ raw: String) -> String? {
        var text = Whitespace.trimmed(raw).lowercased()
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            text = String(text[text.index(after: open)..<close])
        }
        if text.hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0 == " " || $0 == "," || $0 == ";" }) else { return nil }
        var local = parts[0]
        var domain = String(parts[1])
        if let plus = local.firstIndex(of: "+") { local = local[..<plus] }
        if domain == "googlemail.com" { domain = "gmail.com" }
        var localText = String(local)
        if domain == "gmail.com" { localText.removeAll { $0 == "." } }
        guard !localText.isEmpty else { return nil }
        return "\(localText)@\(domain)"
    }
}
