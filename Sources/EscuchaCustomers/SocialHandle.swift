import EscuchaText
/// Social networks a profile can list a handle for, and how documents name them.
public enum SocialNetwork: String, Sendable, CaseIterable, Hashable {
    case twitter, instagram, facebook, tiktok, youtube, linkedin

    /// The network a document's channel is (`twitter`, `x`, `instagram`…), nil for channels that are
    /// not a social network (reviews, surveys, forums): their user names are not the CRM's handles.
    public init?(channel: String) {
        switch channel.lowercased() {
        case "twitter", "x": self = .twitter
        case "instagram", "ig": self = .instagram
        case "facebook", "fb": self = .facebook
        case "tiktok": self = .tiktok
        case "youtube": self = .youtube
        case "linkedin": self = .linkedin
        default: return nil
        }
    }

    /// The network a CRM column is for (`twitter`, `usuario_twitter`, `x_handle`, `ig`).
    public init?(column normalizedName: String) {
        if ["x", "xhandle", "usuariox", "cuentax", "xusuario", "xuser"].contains(normalizedName) {
            self = .twitter
            return
        }
        for network in SocialNetwork.allCases where normalizedName.contains(network.rawValue) {
            self = network
            return
        }
        if normalizedName == "ig" { self = .instagram; return }
        return nil
    }
}

/// Handles as keys for linking: case-insensitive, without `@`, and a profile URL
/// (`https://www.instagram.com/nuria_87/`) is its last path component.
public enum SocialHandle {
    public static func normalized(_ raw: String) -> String? {
        var text = Whitespace.trimmed(raw).lowercased()
        if text.contains("/") {
            text = text.split(separator: "/").last.map(String.init) ?? ""
        }
        while text.hasPrefix("@") { text.removeFirst() }
        guard !text.isEmpty, !text.contains(" ") else { return nil }
        return text
    }
}
