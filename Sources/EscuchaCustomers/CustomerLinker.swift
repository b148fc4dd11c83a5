import EscuchaText
import EscuchaCore

/// How a document was tied to a customer, or why it was not.
public struct CustomerLink: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case customerID = "customer_id", email, phone, handle
    }

    /// The profile's position in the linker's profiles, nil when not linked.
    public var profile: Int?
    public var method: Method?
    /// Why the document is not linked (`ambiguous_email`, `no_identifier`…); nil when linked.
    public var unlinkedReason: UnlinkedReason?
    /// The profiles an ambiguous key matched (personal data: masked on request).
    public var candidates: [Int]

    public init(profile: Int? = nil, method: Method? = nil, unlinkedReason: UnlinkedReason? = nil, candidates: [Int] = []) {
        self.profile = profile
        self.method = method
        self.unlinkedReason = unlinkedReason
        self.candidates = candidates
    }

    public var isLinked: Bool { profile != nil }
}

/// Stable codes for documents left unlinked. Pipelines filter on them.
public enum UnlinkedReason: String, Sendable, CaseIterable {
    /// The document names nobody the profiles could know (a review signed with a first name only).
    case noIdentifier = "no_identifier"
    /// It carries identifiers, and none is in the profiles.
    case notInProfiles = "not_in_profiles"
    /// A key matched two or more profiles, and nothing else told them apart.
    case ambiguous
    /// Two identifiers point at different profiles (the id says one customer, the email another).
    case conflicting
}

/// Links documents' authors to customer profiles by, in order: explicit customer id, email, phone,
/// social handle on the same network. The first key that finds exactly one profile decides.
///
/// A key that finds several profiles (a family sharing an email) does not link by itself; a later key
/// may pick one of those profiles, and a later key that points elsewhere is a conflict. A document is
/// never linked to a profile that only one of several equally good keys supports.
public struct CustomerLinker: Sendable {
    public let profiles: [CustomerProfile]
    private let byID: [String: [Int]]
    private let byEmail: [String: [Int]]
    private let byPhone: [String: [Int]]
    private let byHandle: [SocialNetwork: [String: [Int]]]

    public init(profiles: [CustomerProfile]) {
        self.profiles = profiles
        var byID: [String: [Int]] = [:]
        var byEmail: [String: [Int]] = [:]
        var byPhone: [String: [Int]] = [:]
        var byHandle: [SocialNetwork: [String: [Int]]] = [:]
        for (index, profile) in profiles.enumerated() {
            byID[Whitespace.trimmed(profile.id.rawValue).lowercased(), default: []].append(index)
            if let key = profile.emailKey { byEmail[key, default: []].append(index) }
            if let key = profile.phoneKey { byPhone[key.e164, default: []].append(index) }
            for (network, handle) in profile.handles {
                if let key = SocialHandle.normalized(handle) { byHandle[network, default: [:]][key, default: []].append(index) }
            }
        }
        self.byID = byID
        self.byEmail = byEmail
        self.byPhone = byPhone
        self.byHandle = byHandle
    }

    public var isEmpty: Bool { profiles.isEmpty }

    /// The link for a document by `author` published on `channel`.
    public func link(author: Author, channel: String) -> CustomerLink {
        var keys: [(CustomerLink.Method, [Int])] = []
        if let raw = author.customerID?.rawValue, case let id = Whitespace.trimmed(raw).lowercased(), !id.isEmpty {
            keys.append((.customerID, byID[id] ?? []))
        }
        if let email = author.email.flatMap(EmailAddress.normalized) {
            keys.append((.email, byEmail[email] ?? []))
        }
        if let phone = author.phone {
            var found: [Int] = []
            for candidate in PhoneNumber.candidates(phone) { found += byPhone[candidate.e164] ?? [] }
            keys.append((.phone, Array(Set(found)).sorted()))
        }
        if let network = SocialNetwork(channel: channel), let handle = author.handle.flatMap(SocialHandle.normalized) {
            keys.append((.handle, byHandle[network]?[handle] ?? []))
        }
        guard !keys.isEmpty else { return CustomerLink(unlinkedReason: .noIdentifier) }
        var narrowed: Set<Int>?
        for (method, found) in keys where !found.isEmpty {
            let candidates = narrowed.map { $0.intersection(found) } ?? Set(found)
            if candidates.isEmpty { return CustomerLink(unlinkedReason: .conflicting, candidates: Array(narrowed!.union(found)).sorted()) }
            if candidates.count == 1 { return CustomerLink(profile: candidates.first!, method: method) }
            narrowed = candidates
        }
        if let narrowed { return CustomerLink(unlinkedReason: .ambiguous, candidates: narrowed.sorted()) }
        return CustomerLink(unlinkedReason: .notInProfiles)
    }
}
