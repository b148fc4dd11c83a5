import EscuchaCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table keyed by raw UTF-8 bytes: a token is looked up straight from the text's
/// buffer, with no `String` built and no SipHash (this lookup happens for every word of every text).
/// Not thread-safe: each thread owns one (`ThreadLocal`).
final class ByteKeyedTable<Value: AnyObject> {
    /// Two slots a cache line. The value and, for keys of up to eight bytes (most Spanish words), the key
    /// itself live in the slot, so a hit on a short word reads one line of the table and nothing else.
    private struct Slot {
        var hash: UInt64
        /// The key's first eight bytes, zero-padded: equal hashes, lengths and prefixes mean equal keys
        /// when the key is no longer than eight bytes.
        var prefix: UInt64
        var value: Unmanaged<Value>?
        var start: Int32
        var length: Int32

        static var empty: Slot { Slot(hash: 0, prefix: 0, value: nil, start: -1, length: 0) }
    }

    // Raw storage, not arrays: array properties of a class cost an exclusivity check and a retain on
    // every access, and this runs for every word.
    private var slots: UnsafeMutablePointer<Slot>
    private let arena: UnsafeMutablePointer<UInt8>
    private let arenaCapacity: Int
    private var arenaCount = 0
    private var count = 0
    private var capacity: Int
    private var mask: Int
    private let maximumCapacity: Int
    /// The values of one-byte keys, by the byte: `,` `.` `y` `a` `o` are a fifth of all tokens, and this spares them the
    /// hash and the probe.
    private let singles: UnsafeMutablePointer<Unmanaged<Value>?>

    /// Starts small and doubles while half full, up to 2^17 slots of 32 bytes (and a 2 MB key arena, touched
    /// only as keys arrive); cleared when 70% full at that size. A table sized for the surfaces a corpus has
    /// (thousands, mostly) stays in the core's cache; a table at its maximum would miss it on every word.
    init(capacityPowerOfTwo: Int = 17, initialPowerOfTwo: Int = 12) {
        maximumCapacity = 1 << capacityPowerOfTwo
        capacity = 1 << min(initialPowerOfTwo, capacityPowerOfTwo)
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .empty, count: capacity)
        arenaCapacity = maximumCapacity * 16
        arena = .allocate(capacity: arenaCapacity)
        singles = .allocate(capacity: 256)
        singles.initialize(repeating: nil, count: 256)
    }

    /// Twice the slots, every entry moved by the hash it keeps.
    private func grow() {
        let old = slots
        let oldCapacity = capacity
        capacity *= 2
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: .empty, count: capacity)
        for index in 0..<oldCapacity where old[index].start >= 0 {
            var target = Int(truncatingIfNeeded: old[index].hash) & mask
            while slots[target].start >= 0 { target = (target + 1) & mask }
            slots[target] = old[index]
        }
        old.deallocate()
    }

    deinit {
        clear()
        slots.deallocate()
        arena.deallocate()
        singles.deallocate()
    }

    /// `ByteHash.hash`: a handful of instructions for most tokens.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, prefix: UInt64) { ByteHash.hash(bytes) }

    /// The hash a key's slot is found by: `hash`, but `shortHash` for a key of up to eight bytes.
    @inline(__always)
    static func slotHash(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, prefix: UInt64) {
        let (hash, prefix) = ByteHash.hash(bytes)
        return (bytes.count <= 8 ? shortHash(prefix: prefix) : hash, prefix)
    }

    /// The hash of a key of one to eight bytes given as `prefix` (its bytes little-endian, zero-padded): the two halves of
    /// one full-width multiply, folded. Every bit of the key reaches the low bits the table indexes by. The splitmix
    /// finalizer of `ByteHash` cost about ten instructions more, at every token of every text; words need no defence
    /// against chosen collisions, and equal prefixes still have their lengths compared.
    @inline(__always)
    static func shortHash(prefix: UInt64) -> UInt64 {
        let product = prefix.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let base = key.baseAddress else { return nil }
        if key.count == 1 { return singles[Int(base[0])]?.takeUnretainedValue() }
        let (hash, prefix) = Self.slotHash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if slot.hash == hash, slot.prefix == prefix, Int(slot.length) == key.count,
               key.count <= 8 || memcmp(arena + Int(slot.start), base, key.count) == 0 {
                return slot.value?.takeUnretainedValue()
            }
            index = (index + 1) & mask
        }
    }

    /// `lookup` of the key at `range` of `text`. A key of up to sixteen bytes (most words of a text) is read in one or two
    /// loads, and answered here, inlined into the caller's loop: through `lookup`, the call, the key's tail read in up to
    /// three loads and a longer key compared with `memcmp` cost about 40 instructions a token (and one token in five is a
    /// word of nine bytes or more).
    @inline(__always)
    func lookup(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Value? {
        let count = range.count
        guard count > 0, count <= 16, let base = text.baseAddress else { return lookup(UnsafeBufferPointer(rebasing: text[range])) }
        if count > 8 { return lookupLong(at: base + range.lowerBound, count: count) }
        let prefix: UInt64
        if range.lowerBound + 8 <= text.count {
            let word = UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self)
            // The key's bytes, the rest zeroed: the shift is 0 to 56 bits, hence the unchecked operators (the checked ones
            // cost about ten instructions a token).
            prefix = word & (~0 &>> UInt64(truncatingIfNeeded: (8 &- count) &<< 3))
        } else if range.upperBound >= 8 {
            // A text's last word: the eight bytes that end with it, the bytes before it shifted out.
            let word = UnsafeRawPointer(base + range.upperBound - 8).loadUnaligned(as: UInt64.self)
            prefix = word &>> UInt64(truncatingIfNeeded: (8 &- count) &<< 3)
        } else {
            return lookup(UnsafeBufferPointer(rebasing: text[range]))
        }
        if count == 1 { return singles[Int(prefix)]?.takeUnretainedValue() }
        let hash = Self.shortHash(prefix: prefix)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            // Equal prefixes and lengths of at most eight bytes are equal keys.
            if slot.hash == hash, slot.prefix == prefix, Int(slot.length) == count { return slot.value?.takeUnretainedValue() }
            index = (index + 1) & mask
        }
    }

    /// `lookup` of a key of nine to sixteen bytes at `key`, from two loads: its first eight bytes and its last eight (which
    /// overlap them unless the key has sixteen). A stored key's last eight bytes are compared the same way, in the arena.
    @inline(__always)
    private func lookupLong(at key: UnsafePointer<UInt8>, count: Int) -> Value? {
        let first = UnsafeRawPointer(key).loadUnaligned(as: UInt64.self)
        let last = UnsafeRawPointer(key + (count &- 8)).loadUnaligned(as: UInt64.self)
        // `ByteHash.hash` mixes the first word, then the rest zero-padded: the last word with the bytes it shares with the
        // first shifted out. `hash(prefix:count: 0)` is the mix alone.
        let rest = last &>> UInt64(truncatingIfNeeded: (16 &- count) &<< 3)
        let hash = ByteHash.hash(prefix: ByteHash.hash(prefix: first, count: count) ^ rest, count: 0)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if slot.hash == hash, slot.prefix == first, Int(slot.length) == count,
               UnsafeRawPointer(arena + (Int(slot.start) &+ count &- 8)).loadUnaligned(as: UInt64.self) == last {
                return slot.value?.takeUnretainedValue()
            }
            index = (index + 1) & mask
        }
    }

    func store(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        guard let base = key.baseAddress else { return }
        if key.count == 1 {
            singles[Int(base[0])]?.release()
            singles[Int(base[0])] = Unmanaged.passRetained(value)
            return
        }
        if count * 2 >= capacity, capacity < maximumCapacity { grow() }
        // Past 70% full at the largest size, or out of key room, start again: the memo is a cache, not a record.
        if count * 10 >= capacity * 7 || arenaCount + key.count > arenaCapacity { clear() }
        let (hash, prefix) = Self.slotHash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].start >= 0 {
            if slots[index].hash == hash, slots[index].prefix == prefix, Int(slots[index].length) == key.count,
               memcmp(arena + Int(slots[index].start), base, key.count) == 0 {
                slots[index].value?.release()
                slots[index].value = Unmanaged.passRetained(value)
                return
            }
            index = (index + 1) & mask
        }
        (arena + arenaCount).update(from: base, count: key.count)
        slots[index] = Slot(hash: hash, prefix: prefix, value: Unmanaged.passRetained(value),
                            start: Int32(arenaCount), length: Int32(key.count))
        arenaCount += key.count
        count += 1
    }

    private func clear() {
        for index in 0..<capacity where slots[index].start >= 0 {
            slots[index].value?.release()
            slots[index] = .empty
        }
        for byte in 0..<256 {
            singles[byte]?.release()
            singles[byte] = nil
        }
        arenaCount = 0
        count = 0
    }
}

/// The forms every thread has worked out, behind a lock, for the other threads: consulted only when a
/// thread's own table misses (a surface's first sight on that thread), so the lock is taken about once per
/// surface and thread, never per token. A surface's forms are then analysed once for the process rather
/// than once per core, and so is everything later stages attach to them (the sentiment reading of the
/// word, the topic matchers' word ids): those are computed from the forms alone, so which thread made the
/// forms changes no result.
final class SharedFormsTable: @unchecked Sendable {
    /// Guards `table`, which is touched only inside it (hence `@unchecked`).
    private let lock = Mutex(())
    private let table = ByteKeyedTable<TokenForms>()

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> TokenForms? {
        lock.withLock { _ in table.lookup(key) }
    }

    func store(_ key: UnsafeBufferPointer<UInt8>, _ forms: TokenForms) {
        lock.withLock { _ in table.store(key, forms) }
    }
}
