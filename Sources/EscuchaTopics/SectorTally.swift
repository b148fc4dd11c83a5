/// How many of a source's documents name each sector (`TopicAnalyzer.sectorsNamed`), and the sector the
/// source is about. One company's export is about one sector, but most of its short texts never say so
/// (`se corta cada noche`, `la cocina deliciosa`): counted over the whole source, the sector words of the
/// texts that do name it tell the sector of the rest.
public struct SectorTally: Sendable {
    public private(set) var documents = 0
    /// Documents naming each sector, by pack bit.
    public private(set) var naming = [Int](repeating: 0, count: 64)

    /// A source of fewer documents, or with fewer naming its sector, has no sector of its own: too few to tell.
    public static let minimumDocuments = 5
    public static let minimumNaming = 3
    /// The sector must be named in this share of the source's documents. Most short answers name none (a
    /// telecom survey names telecom in about a fifth of them), but a source whose sector has no pack borrows
    /// the words of one: Rest-Mex's reviews of museums and squares name restaurants in one in eight (`comida`,
    /// `bar`), and must not become restaurant reviews.
    public static let minimumShare = 0.15
    /// …and be this share of all the sectors its documents name: Google reviews of taquerías, bank branches
    /// and hotels, mentions of airlines, banks and telecoms alike, or a page of tweets to an airline and a
    /// bank, have no sector of their own, and each text keeps to its own words.
    public static let dominance = 0.75

    public init() {}

    public mutating func add(_ sectors: UInt64) {
        documents += 1
        var remaining = sectors
        while remaining != 0 {
            naming[remaining.trailingZeroBitCount] += 1
            remaining &= remaining - 1
        }
    }

    public mutating func merge(_ other: SectorTally) {
        documents += other.documents
        for bit in naming.indices { naming[bit] += other.naming[bit] }
    }

    /// The source's sector as a pack bit, or 0 when no sector dominates.
    public var dominant: UInt64 {
        guard documents >= Self.minimumDocuments, let top = naming.indices.max(by: { naming[$0] < naming[$1] }) else { return 0 }
        let count = Double(naming[top])
        guard naming[top] >= Self.minimumNaming, count >= Self.minimumShare * Double(documents),
              count >= Self.dominance * Double(naming.reduce(0, +)) else { return 0 }
        return 1 << UInt64(top)
    }
}
