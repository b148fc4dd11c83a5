import EscuchaCore
import EscuchaCustomers
import Foundation
import EscuchaTestSupport
import Testing

@Suite("Email, phone and handle keys")
struct KeyTests {
    @Test("emails: case, whitespace, +tags, Gmail dots; not an email gives nil")
    func emails() {
        #expect(EmailAddress.normalized(" Pablodom20@Gmail.com ") == "pablodom20@gmail.com")
        #expect(EmailAddress.normalized("ana+pedidos@outlook.es") == "ana@outlook.es")
        #expect(EmailAddress.normalized("maria.jose@gmail.com") == "mariajose@gmail.com")
        #expect(EmailAddress.normalized("Maria.Jose+x@googlemail.com") == "mariajose@gmail.com")
        // Dots matter outside Gmail.
        #expect(EmailAddress.normalized("carmen.ortega@outlook.es") == "carmen.ortega@outlook.es")
        #expect(EmailAddress.normalized("Ana Gómez <ana@tienda.es>") == "ana@tienda.es")
        #expect(EmailAddress.normalized("mailto:ana@tienda.es") == "ana@tienda.es")
        #expect(EmailAddress.normalized("ana@localhost") == nil)
        #expect(EmailAddress.normalized("no tengo") == nil)
        #expect(EmailAddress.normalized("+tag@gmail.com") == nil)
    }

    @Test("phones in E.164 from the ways six countries write them", arguments: [
        ("690996030", "ES", "+34690996030"),
        ("0034 777 77 41 21", nil, "+34777774121"),
        ("+34 657 975 432", nil, "+34657975432"),
        ("(33) 3407-2247", "MX", "+523334072247"),
        ("+52 1 81 2086 8288", nil, "+528120868288"),
        ("044 55 1234 5678", "MX", "+525512345678"),
        ("011 15-7923-7609", "AR", "+5491179237609"),
        ("+54 9 11 0084-7453", nil, "+5491100847453"),
        ("+54 351 461-0735", nil, "+543514610735"),
        ("0351 15 461-0735", "AR", "+5493514610735"),
        ("(+57) 319-472-4873", nil, "+573194724873"),
        ("3546592551", "CO", "+573546592551"),
        ("+56935972203", nil, "+56935972203"),
        ("9 3597 2203", "CL", "+56935972203"),
        ("(01) 337-2117", "PE", "+5113372117"),
        ("993217654", "PE", "+51993217654"),
    ] as [(String, String?, String)])
    func phones(raw: String, country: String?, expected: String) {
        #expect(PhoneNumber(raw, country: country.flatMap(PhoneNumber.Country.init(name:)))?.e164 == expected)
    }

    @Test("numbers a plan does not accept, and text that is not a phone")
    func notPhones() {
        #expect(PhoneNumber("12345", country: .es) == nil)
        #expect(PhoneNumber("512345678", country: .es) == nil)  // Spanish numbers start 6–9
        #expect(PhoneNumber("llámame", country: .es) == nil)
        #expect(PhoneNumber("690996030", country: nil) == nil)  // national, no country: not decided
        // Without a country, every plan that accepts the digits is a candidate.
        #expect(PhoneNumber.candidates("690996030").map(\.e164).sorted() == ["+34690996030", "+56690996030"])
        #expect(PhoneNumber.Country(name: "México") == .mx && PhoneNumber.Country(name: "España") == .es && PhoneNumber.Country(name: "Perú") == .pe)
    }

    @Test("handles: case, @ and profile URLs; networks from channels and columns")
    func handles() {
        #expect(SocialHandle.normalized("@MJose41") == "mjose41")
        #expect(SocialHandle.normalized("https://www.instagram.com/nuria_87/") == "nuria_87")
        #expect(SocialHandle.normalized("  ") == nil)
        #expect(SocialNetwork(channel: "x") == .twitter && SocialNetwork(channel: "reviews:app") == nil)
        #expect(SocialNetwork(column: "usuariotwitter") == .twitter && SocialNetwork(column: "x") == .twitter && SocialNetwork(column: "ig") == .instagram)
    }
}

@Suite("Linking documents to profiles")
struct LinkerTests {
    static let profiles: [CustomerProfile] = [
        CustomerProfile(id: CustomerID("C-1"), email: "Ana.Gomez@gmail.com", phone: "612 345 678", handles: [.twitter: "@anagomez"], country: .es),
        CustomerProfile(id: CustomerID("C-2"), email: "familia.ruiz@hotmail.es", phone: "+34 699 111 222", handles: [.instagram: "ruiz_home"], country: .es),
        CustomerProfile(id: CustomerID("C-3"), email: "familia.ruiz@hotmail.es", phone: "699 333 444", country: .es),
        CustomerProfile(id: CustomerID("C-4"), phone: "(33) 3407-2247", handles: [.twitter: "anagomez_mx"], country: .mx),
    ]
    let linker = CustomerLinker(profiles: profiles)

    func id(_ link: CustomerLink) -> String? { link.profile.map { Self.profiles[$0].id.rawValue } }

    @Test("each key alone, in the documented order")
    func order() {
        var link = linker.link(author: Author(email: "anagomez+promos@gmail.com", customerID: CustomerID("c-4")), channel: "survey:x")
        #expect(id(link) == "C-4" && link.method == .customerID)  // the id wins over the email
        link = linker.link(author: Author(email: "ANAGOMEZ@gmail.com"), channel: "reviews:tienda")
        #expect(id(link) == "C-1" && link.method == .email)
        link = linker.link(author: Author(phone: "+52 33 3407 2247"), channel: "survey:x")
        #expect(id(link) == "C-4" && link.method == .phone)
        link = linker.link(author: Author(phone: "612345678"), channel: "survey:x")
        #expect(id(link) == "C-1" && link.method == .phone)
        link = linker.link(author: Author(handle: "AnaGomez"), channel: "twitter")
        #expect(id(link) == "C-1" && link.method == .handle)
    }

    @Test("a handle links only on its own network")
    func network() {
        #expect(linker.link(author: Author(handle: "anagomez"), channel: "instagram").unlinkedReason == .notInProfiles)
        #expect(linker.link(author: Author(handle: "anagomez"), channel: "forum:foro.example").unlinkedReason == .noIdentifier)
        #expect(id(linker.link(author: Author(handle: "ruiz_home"), channel: "instagram")) == "C-2")
    }

    @Test("a shared email is ambiguous until another key picks one of its profiles; keys that disagree conflict")
    func ambiguity() {
        let shared = linker.link(author: Author(email: "familia.ruiz@hotmail.es"), channel: "reviews:tienda")
        #expect(shared.profile == nil && shared.unlinkedReason == .ambiguous)
        #expect(shared.candidates.map { Self.profiles[$0].id.rawValue } == ["C-2", "C-3"])
        let narrowed = linker.link(author: Author(email: "familia.ruiz@hotmail.es", phone: "699 333 444"), channel: "reviews:tienda")
        #expect(id(narrowed) == "C-3" && narrowed.method == .phone)
        let conflict = linker.link(author: Author(email: "familia.ruiz@hotmail.es", phone: "612 345 678"), channel: "reviews:tienda")
        #expect(conflict.unlinkedReason == .conflicting && conflict.profile == nil)
    }

    @Test("unknown ids fall through to the next key; nothing to go on says so")
    func fallThrough() {
        let link = linker.link(author: Author(email: "ana.gomez@gmail.com", customerID: CustomerID("C-999")), channel: "survey:x")
        #expect(id(link) == "C-1" && link.method == .email)
        #expect(linker.link(author: Author(customerID: CustomerID("C-999")), channel: "survey:x").unlinkedReason == .notInProfiles)
        #expect(linker.link(author: Author(name: "Lucía"), channel: "reviews:x").unlinkedReason == .noIdentifier)
    }
}

@Suite("Reading profile exports")
struct ProfileReaderTests {
    @Test("the demo CRM export: every column mapped by its Spanish header")
    func demo() throws {
        let load = try ProfileReader.load("\(repositoryRoot)/corpora/demo/customers.csv")
        #expect(load.profiles.count == 48 && load.rejects.isEmpty && load.read == 48)
        let first = load.profiles[0]
        #expect(first.id.rawValue == "C-10001" && first.name == "Lucía Fernández Ruiz" && first.segment == "pyme" && first.region == "Madrid")
        #expect(first.country == .es && first.value == 1680 && first.tenureMonths == 10 && first.optOut)
        #expect(first.handles[.twitter] == "luciafern" && first.phoneKey?.e164 == "+34690996030")
        #expect(load.unusedColumns.isEmpty)
    }

    @Test("a profile without an id and a repeated id are rejects with their line; a file with no id column fails")
    func rejects() throws {
        let scratch = TemporaryFolder("escucha-profiles")
        let folder = scratch.path
        try "id_cliente;correo;móvil;segmento\nA1;a@x.es;612345678;oro\n;b@x.es;;plata\nA1;c@x.es;;oro\nA2;d@x.es;;\n".write(toFile: "\(folder)/crm.csv", atomically: true, encoding: .utf8)
        let load = try ProfileReader.load("\(folder)/crm.csv")
        #expect(load.profiles.map(\.id.rawValue) == ["A1", "A2"] && load.read == 4)
        #expect(load.rejects.map(\.reason) == [.profileNoID, .profileDuplicateID])
        #expect(load.rejects.map(\.location.line) == [3, 4])
        #expect(load.rejects[1].message.contains("line 2"))
        try "{\"customer_id\": \"J1\", \"email\": \"j@x.es\", \"handles\": {\"twitter\": \"@jota\"}}\nnot json\n".write(toFile: "\(folder)/crm.jsonl", atomically: true, encoding: .utf8)
        let json = try ProfileReader.load("\(folder)/crm.jsonl")
        #expect(json.profiles.first?.handles[.twitter] == "@jota" && json.rejects.first?.reason == .invalidJSON && json.read == 2)
        try "nombre,email\nAna,a@x.es\n".write(toFile: "\(folder)/noid.csv", atomically: true, encoding: .utf8)
        #expect(throws: ProfileReader.Failure.self) { try ProfileReader.load("\(folder)/noid.csv") }
    }
}
