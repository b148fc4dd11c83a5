import EscuchaCore

/// One customer from a CRM export. Everything that identifies the person (id, name, email, phone,
/// handles) is personal data: it never goes to logs, and outputs mask it on request.
public struct CustomerProfile: Sendable, Equatable {
    public var id: CustomerID
    public var name: String?
    public var email: String?
    public var phone: String?
    /// Handles per network, as the export wrote them.
    public var handles: [SocialNetwork: String]
    public var segment: String?
    public var region: String?
    public var country: PhoneNumber.Country?
    /// What the customer is worth a year, in the export's currency.
    public var value: Double?
    public var tenureMonths: Int?
    /// The customer asked not to be contacted: triage shows it so that nobody calls them.
    public var optOut: Bool
    /// Where the profile was read, for errors and audit.
    public var location: SourceLocation

    public init(id: CustomerID, name: String? = nil, email: String? = nil, phone: String? = nil,
                handles: [SocialNetwork: String] = [:], segment: String? = nil, region: String? = nil,
                country: PhoneNumber.Country? = nil, value: Double? = nil, tenureMonths: Int? = nil, optOut: Bool = false,
                location: SourceLocation = SourceLocation(file: "-", record: 0)) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.handles = handles
        self.segment = segment
        self.region = region
        self.country = country
        self.value = value
        self.tenureMonths = tenureMonths
        self.optOut = optOut
        self.location = location
    }

    /// The keys the profile can be found by.
    public var emailKey: String? { email.flatMap(EmailAddress.normalized) }
    public var phoneKey: PhoneNumber? { phone.flatMap { PhoneNumber($0, country: country) } }
}
