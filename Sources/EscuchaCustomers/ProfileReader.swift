import EscuchaText
import EscuchaCore
import EscuchaIngest

/// The profiles read from a CRM export, and the records that could not become one.
public struct ProfileLoad: Sendable {
    public var profiles: [CustomerProfile]
    public var rejects: [Reject]
    /// Records read (profiles + rejects): the counts reconcile.
    public var read: Int
    /// Columns the reader did not use, for the summary.
    public var unusedColumns: [String]
}

/// What a CRM column holds, recognised by its header (Spanish or English, accents and case ignored).
enum ProfileColumn: Equatable {
    case id, name, email, phone, handle(SocialNetwork), segment, region, country, value, tenure, optOut

    static let synonyms: [String: ProfileColumn] = {
        var table: [String: ProfileColumn] = [:]
        let lists: [(ProfileColumn, [String])] = [
            (.id, ["customerid", "idcliente", "clienteid", "clientid", "id", "customer", "cliente", "numerocliente", "codigocliente"]),
            (.name, ["nombre", "name", "nombrecompleto", "fullname", "customername", "nombrecliente"]),
            (.email, ["email", "correo", "mail", "correoelectronico", "emailaddress"]),
            (.phone, ["telefono", "phone", "movil", "celular", "tel", "mobile", "phonenumber", "telefonomovil"]),
            (.segment, ["segmento", "segment", "tipocliente", "customersegment", "tier", "nivel"]),
            (.region, ["region", "provincia", "estado", "state", "comunidad", "departamento", "zona"]),
            (.country, ["pais", "country", "countrycode"]),
            (.value, ["valoranual", "valor", "value", "customervalue", "clv", "ltv", "annualvalue", "valorcliente", "gastoanual", "arpu"]),
            (.tenure, ["antiguedadmeses", "antiguedad", "tenure", "tenuremonths", "mesescliente", "meses"]),
            (.optOut, ["nocontactar", "optout", "donotcontact", "bajacomunicaciones", "nollamar", "robinson"]),
        ]
        for (column, names) in lists { for name in names { table[name] = column } }
        return table
    }()

    static func recognise(_ header: String) -> ProfileColumn? {
        let normalized = FieldName.normalize(header)
        if let column = synonyms[normalized] { return column }
        if let network = SocialNetwork(column: normalized) { return .handle(network) }
        return nil
    }
}

/// Reads customer profiles from a CSV (any of `,` `;` tab, any encoding the ingest reads) or JSON Lines
/// export. Columns are mapped by header like the document readers. A record without an id, or with an id
/// already seen, is a reject with its line; nothing is dropped in silence.
public enum ProfileReader {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    public static func load(_ path: String) throws(Failure) -> ProfileLoad {
        let decoded: DecodedFile
        do { decoded = try DecodedFile(path: path, isHTML: false) } catch { throw Failure(file: path, message: error.message) }
        var head: [UInt8] = []
        _ = decoded.read(into: &head)
        let firstByte = head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        var builder = Builder(file: path, encoding: decoded.decision.encoding)
        if firstByte == UInt8(ascii: "{") {
            let scanner = JSONLinesScanner(file: decoded, maximumRecordBytes: 1 << 20)
            scanner.prime(with: head)
            try readJSONLines(scanner, into: &builder)
        } else {
            while !head.contains(0x0A), decoded.read(into: &head) {}
            let header = CSVHeader(head: head, path: path)
            let scanner = CSVScanner(file: decoded, dialect: header.dialect, maximumRecordBytes: 1 << 20)
            scanner.prime(with: head)
            try readCSV(scanner, header: header, into: &builder)
        }
        return builder.result()
    }

    private static func readCSV(_ scanner: CSVScanner, header: CSVHeader, into builder: inout Builder) throws(Failure) {
        let columns = header.names.map(ProfileColumn.recognise)
        guard columns.contains(.id) else {
            throw Failure(file: builder.file, message: "no column holds the customer id. Columns: \(header.names.joined(separator: ", ")). Expected one named customer_id, id_cliente or id.")
        }
        builder.unusedColumns = zip(header.names, columns).filter { $0.1 == nil }.map(\.0)
        while let batch = scanner.nextBatch(targetBytes: 1 << 20) {
            builder.rejects.append(contentsOf: batch.rejects)
            builder.read += batch.rejects.count
            // The scanner hands the header line over too, as record -1; data records count from 0.
            for item in batch.items where item.index >= 0 {
                let fields = batch.storage.withUnsafeBufferPointer {
                    CSVFields.split(UnsafeBufferPointer(rebasing: $0[item.range]), dialect: header.dialect)
                }
                builder.read += 1
                let location = SourceLocation(file: builder.file, line: item.line, record: item.index, byteOffset: item.offset, encoding: builder.encoding)
                var values: [(ProfileColumn, String)] = []
                for (index, column) in columns.enumerated() {
                    guard let column, index < fields.count else { continue }
                    values.append((column, fields[index]))
                }
                builder.add(values, location: location, snippet: Reject.snippet(batch.storage[item.range]))
            }
        }
    }

    private static func readJSONLines(_ scanner: JSONLinesScanner, into builder: inout Builder) throws(Failure) {
        while let batch = scanner.nextBatch(targetBytes: 1 << 20) {
            builder.rejects.append(contentsOf: batch.rejects)
            builder.read += batch.rejects.count
            for item in batch.items {
                builder.read += 1
                let location = SourceLocation(file: builder.file, line: item.line, record: item.index, byteOffset: item.offset, encoding: builder.encoding)
                let bytes = batch.storage[item.range]
                guard let value = try? JSONParser.parse(bytes), case .object(let members) = value else {
                    builder.rejects.append(Reject(location: location, reason: .invalidJSON, message: "not a JSON object: one profile per line is expected",
                                                  snippet: Reject.snippet(bytes)))
                    continue
                }
                var values: [(ProfileColumn, String)] = []
                for (key, member) in members {
                    // Handles may come grouped: `"handles": {"twitter": "@ana", "instagram": "ana.g"}`.
                    if case .object(let nested) = member {
                        for (network, handle) in nested {
                            if let network = SocialNetwork(column: FieldName.normalize(network)), let text = handle.scalarText {
                                values.append((.handle(network), text))
                            }
                        }
                        continue
                    }
                    guard let column = ProfileColumn.recognise(key) else {
                        if !builder.unusedColumns.contains(key) { builder.unusedColumns.append(key) }
                        continue
                    }
                    if let text = member.scalarText { values.append((column, text)) }
                }
                builder.add(values, location: location, snippet: Reject.snippet(bytes))
            }
        }
    }

    /// Turns mapped values into profiles, checking ids.
    struct Builder {
        let file: String
        let encoding: String
        var profiles: [CustomerProfile] = []
        var rejects: [Reject] = []
        var read = 0
        var unusedColumns: [String] = []
        var firstLineByID: [String: Int] = [:]

        init(file: String, encoding: String) {
            self.file = file
            self.encoding = encoding
        }

        mutating func add(_ values: [(ProfileColumn, String)], location: SourceLocation, snippet: String) {
            var profile = CustomerProfile(id: CustomerID(""), location: location)
            for (column, raw) in values {
                let text = Whitespace.trimmed(raw)
                guard !text.isEmpty else { continue }
                switch column {
                case .id: profile.id = CustomerID(text)
                case .name: profile.name = text
                case .email: profile.email = text
                case .phone: profile.phone = text
                case .handle(let network): profile.handles[network] = text
                case .segment: profile.segment = text
                case .region: profile.region = text
                case .country: profile.country = PhoneNumber.Country(name: text)
                case .value: profile.value = Double(text.replacingOccurrences(of: ",", with: "."))
                case .tenure: profile.tenureMonths = Int(text)
                case .optOut: profile.optOut = ["si", "sí", "yes", "true", "1", "x", "s", "y"].contains(text.lowercased())
                }
            }
            if profile.id.rawValue.isEmpty {
                rejects.append(Reject(location: location, reason: .profileNoID, message: "the profile has no customer id, so no document can be linked to it",
                                      snippet: snippet))
                return
            }
            if let first = firstLineByID[profile.id.rawValue] {
                rejects.append(Reject(location: location, reason: .profileDuplicateID,
                                      message: "this customer id was already given to the profile at line \(first); the first one is kept",
                                      snippet: snippet))
                return
            }
            firstLineByID[profile.id.rawValue] = location.line ?? location.record
            profiles.append(profile)
        }

        func result() -> ProfileLoad {
            ProfileLoad(profiles: profiles, rejects: rejects.sorted { $0.location.record < $1.location.record }, read: read, unusedColumns: unusedColumns)
        }
    }
}
