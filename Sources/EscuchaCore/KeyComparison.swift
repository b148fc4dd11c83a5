extension String {
    /// Whether the string is `literal`, compared as bytes: `String ==` on two short strings that differ calls
    /// into the runtime's Unicode-aware comparison (tens to hundreds of instructions), and the rules compare
    /// unit keys with words (`que`, `no`, `si`) at nearly every unit.
    ///
    /// `literal` must be lowercase ASCII letters, digits and spaces. Then bytes decide exactly as `==` does:
    /// an ASCII string equals it only byte for byte, and a string that is not ASCII is canonically equal to an
    /// ASCII one only through U+037E, U+1FEF or U+212A, whose canonical forms (`;`, `` ` ``, `K`) no such
    /// literal holds.
    @inlinable @inline(__always)
    public func isKey(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard utf8.count == length else { return false }
        let start = literal.utf8Start
        return utf8.withContiguousStorageIfAvailable { bytes in
            for index in 0..<length where bytes[index] != start[index] { return false }
            return true
        } ?? (self == literal.description)
    }
}

extension String {
    /// Whether `lowercased()` surely returns the string unchanged, answered from its bytes: ASCII with no capital,
    /// and Latin-1's lower half (`C3 A0`–`C3 BF`: `á`, `ñ`, `ü`, and `÷`, which has no case), which lowercase to
    /// themselves. False means only "not known": the loaders then ask `lowercased()` (thousands of lexicon terms
    /// are checked at every start, and `lowercased()` costs thousands of instructions a term).
    public var isPlainLowercase: Bool {
        let answer = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte >= 0x41 && byte <= 0x5A { return false }
                    index += 1
                } else if byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] >= 0xA0, bytes[index + 1] <= 0xBF {
                    index += 2
                } else {
                    return false
                }
            }
            return true
        }
        return answer ?? false
    }
}
