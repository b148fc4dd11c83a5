import Synchronization
import EscuchaText

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
    /// What normalization made of the token's characters; shared by every token of the same surface
    /// (a surface is analysed once per thread), so a token is three ranges and one reference.
    public var forms: TokenForms

    init(kind: TokenKind, utf8: Range<Int>, utf16: Range<Int>, forms: TokenForms) {
        self.kind = kind
        self.utf8 = utf8
        self.utf16 = utf16
        self.forms = forms
    }

    /// Exactly the characters the customer wrote.
    public var surface: String { forms.surface }
    /// NFKC + case folded surface (`Atención` → `atención`).
    public var folded: String { forms.folded }
    /// The word as meant: elongation repaired, SMS spelling expanded (`buenooo` → `bueno`, `xq` → `porque`).
    public var normalized: String { forms.normalized }
    /// Accent-insensitive matching key that keeps ñ (`atencion`, `año`).
    public var key: String { forms.key }
    /// Lemma for lexicon matching (`malas` → `malo`, `riquísimo` → `rico`, `devuélvanme` → `devolver`).
    public var lemma: String { forms.lemma }
    public var emphasis: Emphasis { forms.emphasis }
    /// For hashtags: the words inside (`#PésimoServicio` → `pésimo`, `servicio`).
    public var segments: [String] { forms.segments }
    /// Which normalization steps changed the token (`elongation`, `sms`, `hashtag`, `gender`…), for explanations.
    public var steps: [String] { forms.steps }
}

/// The normalized forms of one surface, immutable and shared.
public final class TokenForms: Sendable, Equatable {
    public let kind: TokenKind
    /// The surface in NFC, for display (differs from `surface` only when the text used combining accents).
    public let display: String
    /// The kind the tokenizer gave (before refinement to laughter or an id): memo hits must match it.
    let tokenizedAs: TokenKind
    public let surface: String
    public let folded: String
    public let normalized: String
    public let key: String
    public let lemma: String
    public let emphasis: Emphasis
    public let segments: [String]
    public let steps: [String]
    /// What a later stage computed for this surface (the sentiment model's reading of the word), kept with
    /// the forms so that it is one pointer away from every token that shares them. Set once, atomically.
    private let attachment = Atomic<UInt>(0)  // an `Attachment` pointer's bits; 0 for none

    /// The value `owner` attached, if it attached one.
    @inline(__always)
    public func attachment(for owner: AnyObject) -> AnyObject? {
        guard let pointer = UnsafeRawPointer(bitPattern: attachment.load(ordering: .acquiring)) else { return nil }
        let stored = Unmanaged<Attachment>.fromOpaque(pointer).takeUnretainedValue()
        return stored.owner == ObjectIdentifier(owner) ? stored.value : nil
    }

    /// Attaches `value` for `owner` unless something is attached already; returns what is attached.
    public func attach(_ value: AnyObject, for owner: AnyObject) -> AnyObject? {
        let candidate = Unmanaged.passRetained(Attachment(owner: ObjectIdentifier(owner), value: value))
        let (exchanged, _) = attachment.compareExchange(expected: 0, desired: UInt(bitPattern: candidate.toOpaque()),
                                                        ordering: .acquiringAndReleasing)
        if !exchanged { candidate.release() }
        return attachment(for: owner)
    }

    private final class Attachment {
        let owner: ObjectIdentifier
        let value: AnyObject
        init(owner: ObjectIdentifier, value: AnyObject) {
            self.owner = owner
            self.value = value
        }
    }

    deinit {
        if let pointer = UnsafeRawPointer(bitPattern: attachment.load(ordering: .acquiring)) {
            Unmanaged<Attachment>.fromOpaque(pointer).release()
        }
    }

    init(_ analysis: Analysis, tokenizedAs: TokenKind) {
        kind = analysis.kind
        self.tokenizedAs = tokenizedAs
        display = analysis.surface.unicodeScalars.contains(where: { (0x300...0x36F).contains($0.value) })
            ? ICU.nfc(analysis.surface) : analysis.surface
        surface = analysis.surface
        folded = analysis.folded
        normalized = analysis.normalized
        key = analysis.key
        lemma = analysis.lemma
        emphasis = analysis.emphasis
        segments = analysis.segments
        steps = analysis.steps
    }

    public static func == (lhs: TokenForms, rhs: TokenForms) -> Bool {
        lhs === rhs || (lhs.kind == rhs.kind && lhs.surface == rhs.surface && lhs.folded == rhs.folded
            && lhs.normalized == rhs.normalized && lhs.key == rhs.key && lhs.lemma == rhs.lemma
            && lhs.emphasis == rhs.emphasis && lhs.segments == rhs.segments && lhs.steps == rhs.steps)
    }
}

/// The mutable working copy normalization fills in before freezing it into `TokenForms`.
struct Analysis {
    var kind: TokenKind
    var surface: String
    var length: Int
    var folded: String
    var normalized: String
    var key: String
    var lemma: String
    var emphasis: Emphasis = []
    var segments: [String] = []
    var steps: [String] = []

    init(kind: TokenKind, surface: String, length: Int) {
        self.kind = kind
        self.surface = surface
        self.length = length
        folded = surface
        normalized = surface
        key = surface
        lemma = surface
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
