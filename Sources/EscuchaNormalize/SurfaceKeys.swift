import EscuchaCore

/// The keys a word surface answers to in term lists (topics, signals, emotions, sector anchors): its spelling,
/// its lemma, and the infinitives it may conjugate. Worked out once per surface and shared by every stage
/// that matches terms; each used to work them out again (four times per new word).
public final class SurfaceKeys: Sendable {
    public let keys: [String]
    init(_ keys: [String]) { self.keys = keys }
}

/// Where a normalizer keeps each surface's `SurfaceKeys`: attached to its forms, or in a table per thread
/// when another stage holds the slot.
final class SurfaceKeysMemo: Sendable {
    let attachmentKey = AttachmentKey()
    let fallback = ThreadLocal { IdentityTable<TokenForms, SurfaceKeys>() }
}

extension Normalizer {
    /// The keys of `token`'s surface (see `SurfaceKeys`), computed on first sight.
    public func surfaceKeys(_ token: Token) -> SurfaceKeys {
        let memo = surfaceKeysMemo
        if let attached = token.forms.attachment(memo.attachmentKey) {
            return Unmanaged<SurfaceKeys>.fromOpaque(attached).takeUnretainedValue()
        }
        return keysOnFirstSight(token, memo)
    }

    /// Worked out and attached to the forms; kept in this thread's table only when the forms' slot is another
    /// stage's (most surfaces then never touch the table).
    @inline(never)
    private func keysOnFirstSight(_ token: Token, _ memo: SurfaceKeysMemo) -> SurfaceKeys {
        let table = memo.fallback.value
        if let known = table.lookup(token.forms) { return known }
        let keys = SurfaceKeys(computeSurfaceKeys(token))
        if !token.forms.attach(keys, memo.attachmentKey) { _ = table.value(for: token.forms) { keys } }
        return keys
    }

    private func computeSurfaceKeys(_ token: Token) -> [String] {
        // Room for the usual few (key, lemma, an infinitive or two): an array made of one element grew at the second,
        // once for most new surfaces (2.7 M instructions on 1 MB).
        var keys: [String] = []
        keys.reserveCapacity(4)
        keys.append(token.key)
        let lemma = Folding.key(token.lemma)
        if lemma != token.key { keys.append(lemma) }
        if token.kind == .word, !token.normalized.utf8.contains(UInt8(ascii: " ")) {
            let vocabulary = morphology.vocabulary
            let frequency = vocabulary[token.normalized] ?? vocabulary[token.key]
            // `por la tarde` is no delay, `la costa` no price.
            let candidates = lemmaCandidates(of: token.normalized)
            let listedNonVerb = Self.isListedAsNonVerb(candidates: candidates)
            for (candidate, rule) in candidates
            where rule.isKey("conjugation") || rule.isKey("irregular") || rule.isKey("enclitic") || rule.isKey("participle") || rule.isKey("number") {
                if listedNonVerb, rule.isKey("conjugation") || rule.isKey("participle") { continue }
                // A word far commoner than the verb it could conjugate is something else: `como` is not `comer`,
                // `para` not `parar`, `entre` not `entrar`.
                let key = Folding.key(candidate)
                if rule.isKey("conjugation"), let frequency,
                   let verb = vocabulary[candidate] ?? lexicons.vocabularyByKey[key].flatMap({ vocabulary[$0] }),
                   verb < frequency - Normalizer.verbMargin { continue }
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }
}
