import EscuchaCore
/// The size of a space or a portion. `grande` says nothing by itself (`un problema grande`, `la cola era
/// enorme`), but of a room, a bathroom, a pool or a portion it is what a guest hoped for: `la habitación era
/// muy grande y el baño enorme`, `raciones grandes`. There the size word reads as the lexicon's `espacioso`
/// (match `space size`). A small portion is a complaint worth more than a small room (`pequeño` is mild in the
/// lexicon): `raciones pequeñas`, `la cantidad era justita`, `platos minimalistas` read as `escaso` (match
/// `portion size`). Boosters, negation and the other rules then apply as to any opinion.
///
/// `pequeño` and `estrecho` are opinions only when said of the thing (`es muy pequeño`); attributive, they
/// describe (`niños pequeños`, `un pequeño quiosco`, `las estrechas calles`).
///
/// The noun may stand right before the size word (`baño enorme`), or before a copula, a booster or a negator
/// (`la habitación no era muy grande`), or right after it (`una enorme terraza`).
enum SpaceSizes {
    /// The size words, by key. `amplio` and `espacioso` have entries of their own.
    static let sizes: WordSet = ["grande", "grandes", "enorme", "enormes", "gigante", "gigantes", "inmenso", "inmensa", "inmensos",
                                     "inmensas", "gigantesco", "gigantesca", "gigantescos", "gigantescas"]
    /// Portions, by key: of these a small size is a complaint.
    static let portions: WordSet = ["porcion", "porciones", "racion", "raciones", "cantidad", "cantidades", "plato", "platos"]
    /// Spaces a guest uses and portions a diner eats, by key: of these a big size is praise.
    static let spaces: WordSet = portions.union([
        "habitacion", "habitaciones", "cuarto", "cuartos", "baño", "baños", "cama", "camas", "piscina", "piscinas", "alberca", "terraza",
        "terrazas", "suite", "suites", "jardin", "jardines", "ducha", "duchas", "balcon", "balcones", "apartamento", "apartamentos",
        "departamento", "salon", "sala", "espacio", "espacios", "armario", "armarios", "closet", "estacionamiento", "parking", "mesa",
        "mesas", "bañera", "jacuzzi", "escalera", "escaleras", "pasillo", "pasillos", "ascensor", "ascensores", "asiento", "asientos",
        "cocina", "garaje", "aseo", "aseos", "lavabo",
    ])
    /// Words for a small portion, by key: `justo` of a portion is scant (`raciones justas`), though of an amount
    /// it is just right (`la cantidad justa de sal`).
    static let smallSizes: WordSet = ["pequeño", "pequeña", "pequeños", "pequeñas", "pequeñito", "pequeñita", "pequeñitos",
                                          "pequeñitas", "chico", "chica", "chicos", "chicas", "justo", "justa", "justos", "justas",
                                          "justito", "justita", "justitos", "justitas", "minimalista", "minimalistas"]
    /// What may stand between the noun and the size word after it: a copula, `más`, `tan`, a booster, a dampener
    /// or a negator (`la habitación no era muy grande`), whose rules then apply.
    static let copulas: WordSet = ["es", "son", "era", "eran", "fue", "fueron", "esta", "estan", "estaba", "estaban", "resulto",
                                       "resultaron", "parecia", "parece", "mas", "tan"]
    static let quotes: WordSet = ["\"", "“", "”", "«", "»", "'"]
    /// The most words between the noun and the size word: `la habitación era muy grande` has two.
    static let reach = 4

    /// What `SpaceSizes` reads of a word surface, found once per surface (`WordTraits.sizing`), so that the rule
    /// looks at a flag per word and hashes nothing.
    struct Sizing: OptionSet {
        let rawValue: UInt16
        static let big = Sizing(rawValue: 1)
        static let small = Sizing(rawValue: 2)
        /// A form of `justo`: scant of a portion, just right of an amount.
        static let just = Sizing(rawValue: 4)
        /// The lexicon's own reading of `pequeño` or `estrecho` (`describingSizes`).
        static let describing = Sizing(rawValue: 8)
        static let space = Sizing(rawValue: 16)
        static let portion = Sizing(rawValue: 32)
        /// `cantidad`: of it `justa` is just right.
        static let amount = Sizing(rawValue: 64)
        static let copula = Sizing(rawValue: 128)
        static let predicate = Sizing(rawValue: 256)
        static let sizeWords: Sizing = [.big, .small, .describing]
    }

    /// Lexicon entries for a small or narrow size, complaints only when said of the thing (`es muy estrecho`),
    /// descriptions otherwise (`un pequeño quiosco`, `por las estrechas calles`).
    static let describingSizes: WordSet = ["pequeño", "estrecho"]

    static func sizing(key: String, term: String?) -> Sizing {
        var sizing = Sizing()
        if sizes.contains(key) { sizing.insert(.big) }
        if smallSizes.contains(key) { sizing.insert(.small) }
        if key.hasPrefix("just") { sizing.insert(.just) }
        if let term, describingSizes.contains(term) { sizing.insert(.describing) }
        if spaces.contains(key) { sizing.insert(.space) }
        if portions.contains(key) { sizing.insert(.portion) }
        if key.hasPrefix("cantidad") { sizing.insert(.amount) }
        if copulas.contains(key) { sizing.insert(.copula) }
        if predicateVerbs.contains(key) { sizing.insert(.predicate) }
        return sizing
    }

    static func apply(_ units: inout [Unit], spacious: OpinionLookup.Found?, scarce: OpinionLookup.Found?, cramped: OpinionLookup.Found?) {
        for index in units.indices where !units[index].traits.sizing.isDisjoint(with: .sizeWords) && units[index].isWord {
            let sizing = units[index].traits.sizing
            if let spacious, units[index].opinion == nil, sizing.contains(.big), noun(of: index, among: .space, units) != nil {
                units[index].opinion = spacious
                // `enorme` also boosts; as the opinion it boosts nothing after it.
                units[index].modifiers[.booster] = nil
            } else if let scarce, sizing.contains(.small), let noun = noun(of: index, among: .portion, units),
                      !sizing.contains(.just) || !units[noun].traits.sizing.contains(.amount) {
                units[index].opinion = scarce
            } else if let cramped, sizing.contains(.small), units[index].opinion == nil, units[index].key.hasPrefix("chic"),
                      noun(of: index, among: .space, units) != nil, isPredicated(index, units) {
                // American `chico` is `pequeño` (`habitaciones chicas`, `el baño es muy chico`), with no entry of its own
                // because as a noun it is a boy.
                units[index].opinion = cramped
            } else if sizing.contains(.describing), units[index].opinion != nil, !isPredicated(index, units) {
                // `niños pequeños`, `una pequeña introducción`, `un pequeño quiosco`: a description. Said of the
                // thing (`es muy pequeño`, `la habitación era pequeña`) it stays the lexicon's mild complaint.
                units[index].opinion = nil
            }
        }
    }

    /// Whether the word at `index` is said of its subject: after a copula, `más`, `tan`, a booster or a dampener, a
    /// concession (`las habitaciones, aunque pequeñas, son cómodas`), or right after a space a guest uses (`una
    /// habitación pequeña`, `el baño estrecho`).
    static func isPredicated(_ index: Int, _ units: [Unit]) -> Bool {
        guard index > 0 else { return false }
        let previous = units[index - 1]
        return previous.isWord && (!previous.traits.sizing.isDisjoint(with: [.copula, .predicate, .space]) || previous.has(.booster)
            || previous.has(.dampener) || previous.key.isKey("aunque"))
    }

    /// Verbs besides the copulas that say what a thing is like: `queda pequeño`, `se ve pequeño`, `me pareció pequeño`.
    static let predicateVerbs: WordSet = ["queda", "quedan", "quedaba", "quedaban", "quedo", "quedaron", "ve", "ven", "veia",
                                              "veian", "parecio", "parecieron", "resulta", "resultan", "sea", "sean"]

    /// The noun of kind `nouns` the word at `index` describes: right after it, or before it with only copulas,
    /// boosters and negators between.
    static func noun(of index: Int, among nouns: Sizing, _ units: [Unit]) -> Int? {
        if index + 1 < units.count, units[index + 1].traits.sizing.contains(nouns) { return index + 1 }
        var probe = index - 1
        var between = 0
        while probe >= 0, between <= reach {
            let unit = units[probe]
            if unit.traits.sizing.contains(nouns) { return probe }
            // Quotes around the word (`raciones muy "minimalistas"`) stand for nothing.
            if !unit.isWord, quotes.contains(unit.key) { probe -= 1; continue }
            guard unit.isWord, unit.traits.sizing.contains(.copula) || unit.has(.booster) || unit.has(.dampener) || unit.has(.negator) else { return nil }
            between += 1
            probe -= 1
        }
        return nil
    }
}
