import EscuchaIngest
import EscuchaText
/// Phone numbers as E.164 keys (`+34690996030`) for linking, from the ways customers and CRMs write them
/// in Spain, Mexico, Argentina, Colombia, Chile and Peru.
///
/// With a country code (`+52 1 81 2086 8288`, `0034 777 77 41 21`, `(+57) 319-472-4873`) the number is
/// checked against that country's plan; without one it is read in the national plan of the country
/// given (the profile's country), or, for a document that names none, in every supported plan that
/// accepts it (`candidates`). The rules follow each regulator's published plan:
/// - Spain (+34): nine digits starting 6, 7, 8 or 9.
/// - Mexico (+52): ten digits. The mobile `1` after +52 and the old `044`/`045`/`01` prefixes were
///   dropped in 2019-2020 and are removed.
/// - Argentina (+54): ten digits (area code and number). A mobile dialled inside the country is written
///   `0` + area + `15` + number (`011 15-7923-7609`); internationally it is `+54 9` + area + number,
///   which is the E.164 form kept.
/// - Colombia (+57): ten digits, mobiles starting 3, landlines 60 + area.
/// - Chile (+56): nine digits.
/// - Peru (+51): mobiles nine digits starting 9; landlines `0` + area (Lima `1`, others two digits) +
///   number (`(01) 337-2117` → `+5113372117`).
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// `+` and the digits, no spaces.
    public let e164: String
    public var description: String { e164 }

    public enum Country: String, Sendable, CaseIterable {
        case es = "ES", mx = "MX", ar = "AR", co = "CO", cl = "CL", pe = "PE"

        public var callingCode: String {
            switch self {
            case .es: return "34"
            case .mx: return "52"
            case .ar: return "54"
            case .co: return "57"
            case .cl: return "56"
            case .pe: return "51"
            }
        }

        /// ISO 3166 codes and Spanish and English names (`ES`, `España`, `Spain`, `México`).
        public init?(name: String) {
            switch FieldName.normalize(name) {
            case "es", "esp", "espana", "spain": self = .es
            case "mx", "mex", "mexico": self = .mx
            case "ar", "arg", "argentina": self = .ar
            case "co", "col", "colombia": self = .co
            case "cl", "chl", "chile": self = .cl
            case "pe", "per", "peru": self = .pe
            default: return nil
            }
        }

        /// The national significant number for digits written without a country code, or nil when the
        /// plan does not accept them.
        func national(_ digits: String) -> String? {
            switch self {
            case .es:
                return digits.count == 9 && "6789".contains(digits.first!) ? digits : nil
            case .mx:
                var number = digits
                for prefix in ["044", "045", "01"] where number.count == 10 + prefix.count && number.hasPrefix(prefix) {
                    number.removeFirst(prefix.count)
                }
                return number.count == 10 ? number : nil
            case .ar:
                var number = digits
                if number.hasPrefix("0") { number.removeFirst() }
                if number.count == 12 {
                    // area (2–4 digits) + 15 + number: the mobile form.
                    for areaLength in 2...4 {
                        let area = number.prefix(areaLength)
                        let rest = number.dropFirst(areaLength)
                        if rest.hasPrefix("15") { return "9" + area + rest.dropFirst(2) }
                    }
                    return nil
                }
                if number.count == 11, number.hasPrefix("9") { return number }
                return number.count == 10 ? number : nil
            case .co:
                if digits.count == 10, digits.hasPrefix("3") || digits.hasPrefix("60") { return digits }
                return nil
            case .cl:
                return digits.count == 9 ? digits : nil
            case .pe:
                if digits.count == 9, digits.hasPrefix("9") { return digits }
                if digits.count == 9, digits.hasPrefix("01") { return String(digits.dropFirst()) }
                if digits.count == 8, digits.hasPrefix("0"), !digits.hasPrefix("01") { return String(digits.dropFirst()) }
                if digits.count == 8, digits.hasPrefix("1") { return digits }
                return nil
            }
        }

        /// The national number after `+<calling code>`, checked and put in E.164 shape.
        func international(_ digits: String) -> String? {
            switch self {
            case .mx:
                if digits.count == 11, digits.hasPrefix("1") { return String(digits.dropFirst()) }
                return digits.count == 10 ? digits : nil
            case .ar:
                if digits.count == 11, digits.hasPrefix("9") { return digits }
                if digits.count == 12 { return national(digits) }
                return digits.count == 10 ? digits : nil
            case .pe:
                if digits.count == 9, digits.hasPrefix("9") { return digits }
                return (7...8).contains(digits.count) ? digits : nil
            default:
                return national(digits)
            }
        }
    }

    init(unchecked e164: String) { self.e164 = e164 }

    /// The number in E.164, reading a number without a country code in `country`'s plan. Nil when the
    /// text is not a phone number that plan accepts.
    public init?(_ raw: String, country: Country?) {
        guard let parsed = Self.parse(raw) else { return nil }
        if parsed.international {
            guard let number = Self.fromInternational(parsed.digits) else { return nil }
            self = number
        } else {
            guard let country, let national = country.national(parsed.digits) else { return nil }
            self.init(unchecked: "+" + country.callingCode + national)
        }
    }

    /// Every reading of `raw` in a supported plan: one for a number with a country code, one per plan that
    /// accepts a national number (`612345678` is Spanish or Chilean), empty for what is not a phone.
    public static func candidates(_ raw: String) -> [PhoneNumber] {
        guard let parsed = parse(raw) else { return [] }
        if parsed.international { return fromInternational(parsed.digits).map { [$0] } ?? [] }
        var seen = Set<PhoneNumber>()
        return Country.allCases.compactMap { country in
            country.national(parsed.digits).map { PhoneNumber(unchecked: "+" + country.callingCode + $0) }
        }.filter { seen.insert($0).inserted }
    }

    private static func fromInternational(_ digits: String) -> PhoneNumber? {
        for country in Country.allCases where digits.hasPrefix(country.callingCode) {
            guard let national = country.international(String(digits.dropFirst(country.callingCode.count))) else { return nil }
            return PhoneNumber(unchecked: "+" + country.callingCode + national)
        }
        // Another country: E.164 allows up to fifteen digits; trust the writer's country code.
        return (8...15).contains(digits.count) ? PhoneNumber(unchecked: "+" + digits) : nil
    }

    /// Digits and whether a country code was written (`+` or `00`). Letters other than an extension
    /// marker make it not a phone number.
    private static func parse(_ raw: String) -> (digits: String, international: Bool)? {
        var digits = ""
        var sawPlus = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.unicodeScalars.append(scalar)
            case "+": if digits.isEmpty { sawPlus = true }
            case " ", "-", ".", "(", ")", "/", "\u{A0}": continue
            default: return nil
            }
        }
        if !sawPlus, digits.hasPrefix("00"), digits.count > 10 { return (String(digits.dropFirst(2)), true) }
        guard digits.count >= 7 else { return nil }
        return (digits, sawPlus)
    }
}
