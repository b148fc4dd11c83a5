import EscuchaNormalize

/// What the signal and aspect readers ask of a word at every word of some sentences (is it a role word or capitalised, is
/// it a contrast word), found once per spelling and kept with its forms as an inline attachment: each ask read the word's
/// key or surface and compared them, at about 50–70 instructions a word.
enum SpellingMarks {
    /// Bit 0 is always set (inline attachments need it).
    static let mayNameStaff: UInt = 1 << 1     // `SignalDetector.mayNameStaff`
    static let cut: UInt = 1 << 2              // a one-word cut (`pero`, `;`)
    static let cutPairFirst: UInt = 1 << 3     // the first word of a two-word cut (`sin`, `no`, `aun`, `en`)
    static let cutPairSecond: UInt = 1 << 4    // of a two-word cut's second word's shape (`embargo`, `obstante`)

    static let key = AttachmentKey()

    /// The marks of the word at `index`, read in place (its forms unretained). `key`: `Self.key`, which a loop over words
    /// reads once before it: read here, each word asked for the global's one-time set-up (a call).
    @inline(__always)
    static func marks(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, key: AttachmentKey = SpellingMarks.key) -> UInt {
        Unmanaged.passUnretained(tokens[index].forms)._withUnsafeGuaranteedRef { forms in
            let bits = forms.attachedBits(key)
            return bits != 0 ? bits : find(forms)
        }
    }

    /// A spelling's marks on first sight, attached when the slot is free (else found at each word).
    @inline(never)
    static func find(_ forms: TokenForms) -> UInt {
        var bits: UInt = 1
        if SignalDetector.mayNameStaff(forms, SignalDetector.roles, SignalDetector.roleShapes) { bits |= mayNameStaff }
        let key = forms.key
        if AspectSentiment.cuts.contains(key) { bits |= cut }
        if AspectSentiment.cutPairFirstWords.contains(key) { bits |= cutPairFirst }
        if let first = key.firstUTF8Byte, AspectSentiment.cutSecondShapes.contains(first: first, count: key.utf8.count) { bits |= cutPairSecond }
        forms.attach(bits: bits, Self.key)
        return bits
    }
}
