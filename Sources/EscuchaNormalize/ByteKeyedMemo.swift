#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table keyed by raw UTF-8 bytes: a token is looked up straight from the text's
/// buffer, with no `String` built and no SipHash (this lookup happens for every word of every text).
/// Not thread-safe: each thread owns one (`ThreadLocal`).
final class ByteKeyedTable<Value: AnyObject> {
    private struct Slot {
        var hash: UInt64
        var start: Int32
        var length: Int32
    }

    // Raw storage, not arrays: array properties of a class cost an exclusivity check and a retain on
    // every access, and this runs for every word.
    private let slots: UnsafeMutablePointer<Slot>
    private let values: UnsafeMutablePointer<Unmanaged<Value>?>
    private let arena: UnsafeMutablePointer<UInt8>
    private let arenaCapacity: Int
    private var arenaCount = 0
    private var count = 0
    private let capacity: Int
    private let mask: Int

    init(capacityPowerOfTwo: Int = 18) {
        capacity = 1 << capacityPowerOfTwo
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(hash: 0, start: -1, length: 0), count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: nil, count: capacity)
        arenaCapacity = capacity * 8
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        clear()
        slots.deallocate()
        values.deallocate()
        arena.deallocate()
    }

    /// Eight bytes at a time, each word mixed with a multiply-xorshift (splitmix64's finalizer): most
    /// tokens fit in one or two words, so this is a handful of instructions.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        @inline(__always) func mix(_ value: UInt64) -> UInt64 {
            var x = value
            x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
            x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
            return x ^ (x >> 31)
        }
        guard let base = bytes.baseAddress else { return 0 }
        var state = UInt64(bytes.count) &* 0x9e37_79b9_7f4a_7c15
        var index = 0
        while index + 8 <= bytes.count {
            state = mix(state ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            state = mix(state ^ tail)
        }
        return state
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let base = key.baseAddress else { return nil }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if slot.hash == hash, Int(slot.length) == key.count, Self.equal(arena + Int(slot.start), base, key.count) {
                return values[index]?.takeUnretainedValue()
            }
            index = (index + 1) & mask
        }
    }

    /// Most tokens are a few bytes: compare them inline rather than through a call to memcmp.
    @inline(__always)
    static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count > 16 { return memcmp(lhs, rhs, count) == 0 }
        var index = 0
        while index < count {
            if lhs[index] != rhs[index] { return false }
            index += 1
        }
        return true
    }

    func store(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        guard let base = key.baseAddress else { return }
        // Past 70% full, or out of key room, start again: the memo is a cache, not a record.
        if count * 10 >= capacity * 7 || arenaCount + key.count > arenaCapacity { clear() }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].start >= 0 {
            if slots[index].hash == hash, Int(slots[index].length) == key.count, memcmp(arena + Int(slots[index].start), base, key.count) == 0 {
                values[index]?.release()
                values[index] = Unmanaged.passRetained(value)
                return
            }
            index = (index + 1) & mask
        }
        (arena + arenaCount).update(from: base, count: key.count)
        slots[index] = Slot(hash: hash, start: Int32(arenaCount), length: Int32(key.count))
        values[index] = Unmanaged.passRetained(value)
        arenaCount += key.count
        count += 1
    }

    private func clear() {
        for index in 0..<capacity where slots[index].start >= 0 {
            values[index]?.release()
            values[index] = nil
            slots[index] = Slot(hash: 0, start: -1, length: 0)
        }
        arenaCount = 0
        count = 0
    }
}
