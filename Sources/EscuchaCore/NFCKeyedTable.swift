#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only `String`-keyed table that answers from the key's UTF-8 bytes when that is exact, for the lexicon
/// lookups a word's first reading makes (morphology alone makes five or six a new word).
///
/// Why: a `Dictionary<String, _>` hashes with SipHash and, for any key with a non-ASCII byte, normalizes the key
/// before hashing it (about 680 instructions a lookup for a Spanish word with an accent). Bytes are enough when both
/// sides are NFC, since two NFC strings are canonically equivalent exactly when their bytes are equal. A string whose
/// scalars are all below U+0300 (every UTF-8 byte below 0xCC: ASCII, Latin-1 and Latin Extended), "plain" below, is
/// NFC by definition, so a plain key is looked up by its bytes; any other key (a decomposed `e` + U+0301, an emoji)
/// asks the `Dictionary`, which stays the source of truth. Table keys that are not plain are left out of the byte
/// index; if one of them might be canonically equivalent to a plain string, a byte miss also asks the `Dictionary`.
/// A key with a scalar at or above U+2300 (an emoji, CJK) never is: no such scalar decomposes into plain characters
/// and the combining marks they compose with, so it stays in any equivalent spelling.
public final class NFCKeyedTable<Value: Sendable>: Sendable {
    public let dictionary: [String: Value]
    /// Open addressing, at most half full; a slot's key is `keyBytes[start ..< start + length]`, its value
    /// `values[slot]`. A class, so that a caller's copy of a table is one retain, not one for each array.
    @usableFromInline let slots: [Slot]
    @usableFromInline let values: [Value?]
    @usableFromInline let keyBytes: [UInt8]
    @usableFromInline let mask: Int
    /// Whether a plain key the byte index lacks is absent from `dictionary` too (see above).
    @usableFromInline let complete: Bool

    @usableFromInline struct Slot: Sendable {
        @usableFromInline var hash: UInt64
        @usableFromInline var start: Int32
        /// -1 for an empty slot.
        @usableFromInline var length: Int32
        @inlinable init(hash: UInt64, start: Int32, length: Int32) {
            self.hash = hash
            self.start = start
            self.length = length
        }
        @inlinable static var empty: Slot { Slot(hash: 0, start: 0, length: -1) }
    }

    /// Inlinable, as the lookups: each module reading a table gets them specialized for its values.
    @inlinable
    public init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        self.mask = mask
        var byteCount = 0
        for key in dictionary.keys { byteCount += key.utf8.count }
        var slots = [Slot](repeating: .empty, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        var keyBytes = [UInt8](repeating: 0, count: byteCount)
        var complete = true
        // Through buffers: appending to arrays captured by the closure below checked uniqueness at every step
        // (200 instructions an entry, at every start-up).
        slots.withUnsafeMutableBufferPointer { slots in
            values.withUnsafeMutableBufferPointer { values in
                keyBytes.withUnsafeMutableBufferPointer { arena in
                    var used = 0
                    for (key, value) in dictionary {
                        let stored = key.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                            guard Self.isPlain(bytes) else { return false }
                            let hash = ByteHash.hash(bytes).hash
                            var slot = Int(truncatingIfNeeded: hash) & mask
                            while slots[slot].length >= 0 { slot = (slot + 1) & mask }
                            if let base = bytes.baseAddress { (arena.baseAddress! + used).update(from: base, count: bytes.count) }
                            slots[slot] = Slot(hash: hash, start: Int32(used), length: Int32(bytes.count))
                            values[slot] = value
                            used += bytes.count
                            return true
                        } ?? false
                        if !stored, key.unicodeScalars.allSatisfy({ $0.value < 0x2300 }) { complete = false }
                    }
                }
            }
        }
        self.slots = slots
        self.values = values
        self.keyBytes = keyBytes
        self.complete = complete
    }

    /// Every byte below 0xCC: every scalar below U+0300, so the text is NFC.
    @inlinable @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0xCC { return false }
        return true
    }

    @inlinable
    public subscript(key: String) -> Value? {
        let slot = key.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            Self.isPlain(bytes) ? self.slot(of: bytes) : -2
        } ?? -2
        if slot >= 0 { return values[slot] }
        if slot == -1 && complete { return nil }
        return dictionary[key]
    }

    /// The key's slot, or -1 when the byte index lacks it.
    @inlinable
    func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = ByteHash.hash(bytes).hash
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.length < 0 { return -1 }
                if entry.hash == hash, Int(entry.length) == bytes.count, bytes.isEmpty || keyBytes.withUnsafeBufferPointer({ keys in
                    memcmp(keys.baseAddress! + Int(entry.start), bytes.baseAddress!, bytes.count) == 0
                }) { return slot }
                slot = (slot + 1) & mask
            }
        }
    }
}
