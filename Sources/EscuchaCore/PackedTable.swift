/// Open-addressing tables for the lookups made for every word of every text, with a multiply-shift hash
/// instead of SipHash: keys here are pointers and small integers chosen by Escucha, not by users.

/// A map from 64-bit keys to 32-bit values, built once and then read-only. Inlinable, so that each module
/// reading one gets the lookup inlined in its loop.
public struct PackedTable: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [Int32]
    @usableFromInline let mask: Int
    @inlinable static var empty: UInt64 { .max }

    public init(_ pairs: [(UInt64, Int32)]) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = Array(repeating: Self.empty, count: capacity)
        values = Array(repeating: 0, count: capacity)
        for (key, value) in pairs {
            var slot = Self.slot(key, mask)
            while keys[slot] != Self.empty && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    /// Where `key`'s probe starts in a table of `mask + 1` slots (a power of two): a multiply-shift hash.
    @inlinable @inline(__always)
    public static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inlinable @inline(__always)
    public func value(_ key: UInt64) -> Int32? {
        var slot = Self.slot(key, mask)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
