/// The hash of the byte-keyed tables (`ByteKeyedTable` in the normalizer, `NFCKeyedTable`): keys are words, which
/// need no defence against chosen collisions, and SipHash over a `String` normalizes any non-ASCII key first.
public enum ByteHash {
    /// Eight bytes at a time, each word mixed with a multiply-xorshift (splitmix64's finalizer): most
    /// tokens fit in one or two words, so this is a handful of instructions. Also returns the first
    /// eight bytes, zero-padded.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, prefix: UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var state = UInt64(bytes.count) &* 0x9e37_79b9_7f4a_7c15
        var prefix: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if index == 0 { prefix = word }
            state = mix(state ^ word)
            index += 8
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            // The last one to seven bytes in at most three loads (four, two, one), each little-endian like the words
            // above: the same value as the bytes shifted in one by one, which cost eleven instructions a byte.
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            if remaining & 4 != 0 {
                tail = UInt64(UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
                index += 4
                shift = 32
            }
            if remaining & 2 != 0 {
                tail |= UInt64(UnsafeRawPointer(base + index).loadUnaligned(as: UInt16.self)) << shift
                index += 2
                shift += 16
            }
            if remaining & 1 != 0 { tail |= UInt64(base[index]) << shift }
            if bytes.count < 8 { prefix = tail }
            state = mix(state ^ tail)
        }
        return (state, prefix)
    }

    /// `hash` of a key of one to eight bytes given as `prefix`, its bytes little-endian and zero-padded (what `hash`
    /// returns as the prefix): the same value, with no byte read.
    @inlinable @inline(__always)
    public static func hash(prefix: UInt64, count: Int) -> UInt64 {
        mix(UInt64(count) &* 0x9e37_79b9_7f4a_7c15 ^ prefix)
    }

    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
        x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
        return x ^ (x >> 31)
    }
}
