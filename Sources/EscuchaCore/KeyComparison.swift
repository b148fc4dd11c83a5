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
