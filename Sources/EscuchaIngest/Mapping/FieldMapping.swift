import EscuchaCore

/// User overrides of the column/member names for each role: `--map text=Comentario`, or a mapping file
/// (JSON object of role to column name or list of names). Names match exactly or after normalization.
public struct FieldMapping: Sendable, Equatable {
    public var overrides: [FieldRole: [String]]

    public init(overrides: [FieldRole: [String]] = [:]) {
        self.overrides = overrides
    }

    /// Parses `role=Column Name`.
    public mutating func add(assignment: String) throws(MappingError) {
        guard let equals = assignment.firstIndex(of: "=") else { throw MappingError.malformed(assignment) }
        let roleName = String(assignment[..<equals]).trimmingSpaces()
        let column = String(assignment[assignment.index(after: equals)...]).trimmingSpaces()
        guard let role = FieldRole(rawValue: roleName) else { throw MappingError.unknownRole(roleName) }
        guard !column.isEmpty else { throw MappingError.malformed(assignment) }
        overrides[role, default: []].append(column)
    }

    /// Reads a mapping file: `{"text": "Comentario", "rating": ["Valoración", "Stars"]}`.
    public static func parse(json bytes: [UInt8], file: String) throws(MappingError) -> FieldMapping {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw MappingError.invalidFile(file, "not valid JSON: \(error.message) at byte \(error.offset)")
        }
        guard case .object(let members) = value else {
            throw MappingError.invalidFile(file, "expected a JSON object of role to column name")
        }
        var mapping = FieldMapping()
        for member in members {
            guard let role = FieldRole(rawValue: member.key) else {
                throw MappingError.invalidFile(file, "unknown role '\(member.key)'; roles are: \(FieldRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            switch member.value {
            case .string(let name): mapping.overrides[role, default: []].append(name)
            case .array(let names):
                for name in names {
                    guard case .string(let text) = name else { throw MappingError.invalidFile(file, "'\(member.key)' must name columns as strings") }
                    mapping.overrides[role, default: []].append(text)
                }
            default: throw MappingError.invalidFile(file, "'\(member.key)' must be a column name or a list of names")
            }
        }
        return mapping
    }

    func role(forName name: String, normalized: String) -> FieldRole? {
        for (role, names) in overrides where names.contains(where: { $0 == name || FieldName.normalize($0) == normalized }) {
            return role
        }
        return nil
    }

    var overriddenRoles: Set<FieldRole> { Set(overrides.keys) }
}

public enum MappingError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownRole(String)
    case invalidFile(String, String)

    public var description: String {
        switch self {
        case .malformed(let text): return "expected ROLE=COLUMN, got '\(text)'"
        case .unknownRole(let role):
            return "unknown role '\(role)'; roles are: \(FieldRole.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidFile(let file, let problem): return "\(file): \(problem)"
        }
    }
}

/// Which role each column of a header (or member of a JSON record) plays, decided once per header.
public struct ResolvedColumns: Sendable, Equatable {
    /// Parallel to the header: the role of each column, nil for passthrough columns.
    public var roles: [FieldRole?] {
        didSet { buildIndex() }
    }
    public var names: [String]
    /// The first column of each role, by `FieldRole.ordinal` (-1: none); looked up for every record.
    private var firstColumn: [Int] = []
    /// The columns holding free text, in order.
    public private(set) var textColumns: [Int] = []

    private mutating func buildIndex() {
        firstColumn = Array(repeating: -1, count: FieldRole.allCases.count)
        textColumns = []
        for (index, role) in roles.enumerated() {
            guard let role else { continue }
            if firstColumn[role.ordinal] < 0 { firstColumn[role.ordinal] = index }
            if role == .text { textColumns.append(index) }
        }
    }

    public init(header: [String], kind: DocumentKind, mapping: FieldMapping) {
        names = header
        roles = Array(repeating: nil, count: header.count)
        var taken = Set<FieldRole>()
        let normalized = header.map(FieldName.normalize)
        // 1. Explicit overrides; a role given explicitly is not guessed for other columns.
        for index in header.indices {
            if let role = mapping.role(forName: header[index], normalized: normalized[index]) {
                roles[index] = role
                taken.insert(role)
            }
        }
        let blocked = mapping.overriddenRoles
        func assign(_ role: FieldRole, to index: Int) {
            guard roles[index] == nil, !blocked.contains(role) else { return }
            if role.isSingleValued, taken.contains(role) { return }
            // Survey delivery channels (`canal: email`) are not the document's channel.
            if role == .channel, kind == .survey { return }
            roles[index] = role
            taken.insert(role)
        }
        // 2. Exact synonyms.
        for index in header.indices {
            if let role = FieldRole.bySynonym[normalized[index]] { assign(role, to: index) }
        }
        // 3. Keywords inside names, for columns still unassigned.
        for index in header.indices where roles[index] == nil && !normalized[index].contains(".") {
            if let role = FieldKeywordRules.role(forNormalized: normalized[index]) { assign(role, to: index) }
        }
        // 4. Surveys: every open question is a free-text answer.
        if kind == .survey {
            for index in header.indices where roles[index] == nil && FieldName.looksLikeQuestion(header[index]) {
                assign(.text, to: index)
            }
        }
        buildIndex()
    }

    public func index(of role: FieldRole) -> Int? {
        let column = firstColumn[role.ordinal]
        return column < 0 ? nil : column
    }
    public var hasText: Bool { roles.contains(.text) }
    public var hasScores: Bool { roles.contains(.nps) || roles.contains(.ces) || roles.contains(.csat) }

    /// Columns of a customer profile export, not feedback: something that identifies a customer (id,
    /// email, phone, handle) and no text, rating or score.
    public var describeCustomerProfiles: Bool {
        let identifying: [FieldRole] = [.customerID, .email, .phone, .handle]
        return !hasText && !hasRating && !hasScores && roles.contains(where: { $0.map(identifying.contains) ?? false })
    }
    public var hasRating: Bool { roles.contains(.rating) }
}
