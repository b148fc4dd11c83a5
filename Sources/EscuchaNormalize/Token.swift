/// What a token is. The tokenizer decides from the characters; the normalizer refines words
/// (laughter) and digit runs (phones, ids, cards).
public enum TokenKind: String, Sendable, CaseIterable {
    case word, number, emoji, emoticon, hashtag, mention, url, email, phone
    /// A national id: Spanish DNI/NIE, Mexican CURP, Chilean RUT (checked with their check digits).
    case nationalID = "national_id"
    /// A card-like digit run (13–19 digits passing the Luhn check).
    case cardNumber = "card_number"
    case punctuation, symbol, laughter

    /// Kinds that hold personal data and are masked in outputs on request.
    public var isPersonalData: Bool {
        switch self {
        case .email, .phone, .nationalID, .cardNumber: return true
        default: return false
        }
    }
}

/// How the customer stressed a token.
public struct Emphasis: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Written in capitals (`PÉSIMO`), for a word that is not an acronym.
    public static let allCaps = Emphasis(rawValue: 1)
    /// A letter stretched (`buenísimooo`, `noooo`).
    public static let elongated = Emphasis(rawValue: 2)
    /// Punctuation repeated (`!!!`, `¿¿??`).
    public static let repeated = Emphasis(rawValue: 4)
}

/// One token of a text, still knowing where it came from.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    /// Byte range in the text's UTF-8.
    public var utf8: Range<Int>
    /// The same range in UTF-16 code units (what JavaScript and most highlighting UIs count).
    public var utf16: Range<Int>
    /// Exactly the characters the customer wrote.
    public var surface: String
    /// NFKC + case folded surface (`Atención` → `atención`).
    public var folded: String
    /// The word as meant: elongation repaired, SMS spelling expanded (`buenooo` → `bueno`, `xq` → `porque`).
    public var normalized: String
    /// Accent-insensitive matching key that keeps ñ (`atencion`, `año`).
    public var key: String
    /// Lemma for lexicon matching (`malas` → `malo`, `riquísimo` → `rico`, `devuélvanme` → `devolver`).
    public var lemma: String
    public var emphasis: Emphasis
    /// For hashtags: the words inside (`#PésimoServicio` → `pésimo`, `servicio`).
    public var segments: [String]
    /// Which normalization steps changed the token (`elongation`, `sms`, `hashtag`, `morphology`…), for
    /// explanations.
    public var steps: [String]

    public init(kind: TokenKind, utf8: Range<Int>, utf16: Range<Int>, surface: String, folded: String,
                normalized: String, key: String, lemma: String, emphasis: Emphasis = [], segments: [String] = [],
                steps: [String] = []) {
        self.kind = kind
        self.utf8 = utf8
        self.utf16 = utf16
        self.surface = surface
        self.folded = folded
        self.normalized = normalized
        self.key = key
        self.lemma = lemma
        self.emphasis = emphasis
        self.segments = segments
        self.steps = steps
    }
}

/// A sentence: a range of the text and the tokens in it.
public struct Sentence: Sendable, Equatable {
    public var utf8: Range<Int>
    public var utf16: Range<Int>
    /// Indices into `NormalizedText.tokens`.
    public var tokens: Range<Int>
}

/// A text after normalization: the original, its tokens and its sentences.
public struct NormalizedText: Sendable, Equatable {
    public var text: String
    public var tokens: [Token]
    public var sentences: [Sentence]
}
