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

/// Who attached a value to token forms, and in which of their slots. Each key is new (a number never
/// reused, unlike an object's address), so a value is never read by an owner that did not attach it.
public struct AttachmentKey: Sendable {
    static let slots = 8
    private static let issued = Atomic<UInt>(0)
    @usableFromInline let owner: UInt
    @usableFromInline let slot: Int

    public init() {
        self.init(owner: Self.issued.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// A key for a chosen owner number (tests pick numbers far above those issued).
    init(owner: UInt) {
        self.owner = owner
        slot = Int(owner % UInt(Self.slots))
    }
}

/// The normalized forms of one surface, immutable and shared.
public final class TokenForms: Sendable, Equatable {
    public let kind: TokenKind
    /// The surface in NFC, for display (differs from `surface` only when the text used combining accents).
    public let display: String
    /// The kind the tokenizer gave (before refinement to laughter or an id): memo hits must match it.
    let tokenizedAs: TokenKind
    public let surface: String
    /// The surface's length in UTF-16 code units: a memo hit's UTF-16 range without counting its bytes.
    let utf16Count: Int
    public let folded: String
    public let normalized: String
    public let key: String
    public let lemma: String
    public let emphasis: Emphasis
    public let segments: [String]
    public let steps: [String]
    // What later stages computed for this surface (the sentiment model's reading of the word, a topic
    // matcher's word ids), kept in the forms so that it is one pointer away from every token sharing them:
    // a table per stage would cost a cache miss per token and stage. Eight slots, each an owner and a
    // value, set once: the first owner to claim a slot keeps it, the others use tables of their own.
    // A value is an object's address, or bits with the lowest set (a stage's small value stored inline).
    // Each owner is declared beside its value (fields are laid out in declaration order), so that the pair a stage reads
    // at every token shares a cache line: with the eight owners before the eight values, owner and value were always 64
    // bytes apart, two lines and often two misses per token and stage.
    @usableFromInline let owner0 = Atomic<UInt>(0), value0 = Atomic<UInt>(0), owner1 = Atomic<UInt>(0), value1 = Atomic<UInt>(0)
    @usableFromInline let owner2 = Atomic<UInt>(0), value2 = Atomic<UInt>(0), owner3 = Atomic<UInt>(0), value3 = Atomic<UInt>(0)
    @usableFromInline let owner4 = Atomic<UInt>(0), value4 = Atomic<UInt>(0), owner5 = Atomic<UInt>(0), value5 = Atomic<UInt>(0)
    @usableFromInline let owner6 = Atomic<UInt>(0), value6 = Atomic<UInt>(0), owner7 = Atomic<UInt>(0), value7 = Atomic<UInt>(0)

    /// Runs `body` on slot `slot`'s owner and value (the one switch over the eight slots).
    @inlinable @inline(__always)
    func withSlot<R>(_ slot: Int, _ body: (borrowing Atomic<UInt>, borrowing Atomic<UInt>) -> R) -> R {
        switch slot {
        case 0: return body(owner0, value0)
        case 1: return body(owner1, value1)
        case 2: return body(owner2, value2)
        case 3: return body(owner3, value3)
        case 4: return body(owner4, value4)
        case 5: return body(owner5, value5)
        case 6: return body(owner6, value6)
        default: return body(owner7, value7)
        }
    }

    @inlinable @inline(__always)
    func owner(_ slot: Int) -> UInt { withSlot(slot) { owner, _ in owner.load(ordering: .acquiring) } }

    @inlinable @inline(__always)
    func value(_ slot: Int) -> UInt { withSlot(slot) { _, value in value.load(ordering: .acquiring) } }

    private func claim(_ slot: Int, for claimant: UInt) -> Bool {
        withSlot(slot) { owner, _ in owner.compareExchange(expected: 0, desired: claimant, ordering: .acquiringAndReleasing).exchanged }
    }

    private func store(_ slot: Int, _ bits: UInt) { withSlot(slot) { _, value in value.store(bits, ordering: .releasing) } }

    /// The object the key's owner attached, unretained (the forms hold it until they go), or nil.
    @inlinable @inline(__always)
    public func attachment(_ key: AttachmentKey) -> UnsafeRawPointer? {
        // The owner and the value read in one switch over the slots: two cost a second jump through the table, at every
        // token of every stage.
        withSlot(key.slot) { owner, value in
            guard owner.load(ordering: .acquiring) == key.owner else { return nil }
            let bits = value.load(ordering: .acquiring)
            return bits & 1 == 0 ? UnsafeRawPointer(bitPattern: bits) : nil
        }
    }

    /// The bits the key's owner attached with `attach(bits:_:)` (their lowest bit set), or 0.
    @inlinable @inline(__always)
    public func attachedBits(_ key: AttachmentKey) -> UInt {
        withSlot(key.slot) { owner, value in
            guard owner.load(ordering: .acquiring) == key.owner else { return 0 }
            let bits = value.load(ordering: .acquiring)
            return bits & 1 == 1 ? bits : 0
        }
    }

    /// Attaches `value` under `key` if its slot is free; false when another owner holds the slot (or this
    /// owner, on another thread, got there first).
    @discardableResult
    public func attach(_ value: AnyObject, _ key: AttachmentKey) -> Bool {
        guard claim(key.slot, for: key.owner) else { return false }
        store(key.slot, UInt(bitPattern: Unmanaged.passRetained(value).toOpaque()))
        return true
    }

    /// Attaches a small value stored in the slot itself: no object to reach. `bits` must have its lowest bit set.
    @discardableResult
    public func attach(bits: UInt, _ key: AttachmentKey) -> Bool {
        precondition(bits & 1 == 1, "inline attachments have their lowest bit set")
        guard claim(key.slot, for: key.owner) else { return false }
        store(key.slot, bits)
        return true
    }

    deinit {
        for slot in 0..<AttachmentKey.slots where value(slot) & 1 == 0 {
            if let pointer = UnsafeRawPointer(bitPattern: value(slot)) { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
    }

    init(_ analysis: Analysis, tokenizedAs: TokenKind) {
        kind = analysis.kind
        self.tokenizedAs = tokenizedAs
        display = analysis.surface.unicodeScalars.contains(where: { (0x300...0x36F).contains($0.value) })
            ? ICU.nfc(analysis.surface) : analysis.surface
        surface = analysis.surface
        utf16Count = analysis.surface.utf16.count
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
