extension StringProtocol {
    /// `hasSuffix` compared on UTF-8 bytes. `String.hasSuffix` walks both strings backwards Character by
    /// Character (hundreds of instructions a call); on text in NFC, as every form the normalizer makes is
    /// (`folded`, `normalized`, `key`, `lemma` and what is built from them) and as the endings written in the
    /// code are, the bytes answer the same. Not for a surface as the customer wrote it, which may be decomposed.
    @inlinable
    public func hasUTF8Suffix(_ suffix: String) -> Bool {
        let count = utf8.count, suffixCount = suffix.utf8.count
        guard suffixCount <= count else { return false }
        let answer = utf8.withContiguousStorageIfAvailable { own in
            suffix.utf8.withContiguousStorageIfAvailable { other in
                own.baseAddress.map { base in
                    (0..<suffixCount).allSatisfy { base[count - suffixCount + $0] == other[$0] }
                } ?? true
            }
        }
        if let answer = answer ?? nil { return answer }
        return utf8.suffix(suffixCount).elementsEqual(suffix.utf8)
    }

    /// `hasPrefix` compared on UTF-8 bytes, for the same reason and on the same condition (text in NFC).
    @inlinable
    public func hasUTF8Prefix(_ prefix: String) -> Bool {
        let prefixCount = prefix.utf8.count
        guard prefixCount <= utf8.count else { return false }
        let answer = utf8.withContiguousStorageIfAvailable { own in
            prefix.utf8.withContiguousStorageIfAvailable { other in
                own.baseAddress.map { base in (0..<prefixCount).allSatisfy { base[$0] == other[$0] } } ?? true
            }
        }
        if let answer = answer ?? nil { return answer }
        return utf8.prefix(prefixCount).elementsEqual(prefix.utf8)
    }
}
