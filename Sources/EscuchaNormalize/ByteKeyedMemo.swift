#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table keyed by raw UTF-8 bytes: a token is looked up straight from the text's
/// buffer, with no `String` built and no SipHash (this lookup happens for every word of every text).
/// Not thread-safe: each thread owns one (`ThreadLocalTables`).
final class ByteKeyedTable<Value: AnyObject> {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = -1
        var length: Int32 = 0
    }

    private var slots: [Slot]
    private var values: [Value?]
    private var arena: [UInt8] = []
    private var count = 0
    private let mask: Int

    init(capacityPowerOfTwo: Int = 18) {
        let capacity = 1 << capacityPowerOfTwo
        slots = Array(repeating: Slot(), count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        arena.reserveCapacity(capacity * 8)
    }

    /// FNV-1a over the bytes, finished with a multiply so the low bits mix.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
        return (state ^ (state >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.start < 0 { return nil }
            if slot.hash == hash, Int(slot.length) == key.count, equalBytes(slot, key) { return values[index] }
            index = (index + 1) & mask
        }
    }

    func store(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        // Past 70% full, start again: the memo is a cache, not a record.
        if count * 10 >= slots.count * 7 {
            for index in slots.indices { slots[index] = Slot() }
            for index in values.indices { values[index] = nil }
            arena.removeAll(keepingCapacity: true)
            count = 0
        }
        let hash = Self.hash(key)
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].start >= 0 {
            if slots[index].hash == hash, Int(slots[index].length) == key.count, equalBytes(slots[index], key) {
                values[index] = value
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(hash: hash, start: Int32(arena.count), length: Int32(key.count))
        arena.append(contentsOf: key)
        values[index] = value
        count += 1
    }

    @inline(__always)
    private func equalBytes(_ slot: Slot, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress else { return slot.length == 0 }
        return arena.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + Int(slot.start), base, key.count) == 0
        }
    }
}

/// One `ByteKeyedTable` per thread, created on first use.
final class ThreadLocalTables<Value: AnyObject>: @unchecked Sendable {
    private var key = pthread_key_t()

    init() {
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
    }

    deinit { pthread_key_delete(key) }

    var table: ByteKeyedTable<Value> {
        if let pointer = pthread_getspecific(key) {
            return unsafeDowncast(Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue(), to: ByteKeyedTable<Value>.self)
        }
        let table = ByteKeyedTable<Value>()
        pthread_setspecific(key, Unmanaged.passRetained(table as AnyObject).toOpaque())
        return table
    }
}
