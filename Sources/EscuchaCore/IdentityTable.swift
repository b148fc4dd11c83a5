/// Values remembered per object (a token surface's shared forms), holding the object so that its address
/// is not reused while remembered. Not thread-safe: one per thread.
public final class IdentityTable<Key: AnyObject, Value: AnyObject> {
    private var keys: [Key?]
    private var values: [Value?]
    private var count = 0
    private let mask: Int
    /// Cleared when this full (a corpus with more distinct surfaces than this starts over).
    private let limit: Int

    public init(capacityPowerOfTwo: Int = 17) {
        let capacity = 1 << capacityPowerOfTwo
        mask = capacity - 1
        limit = capacity / 2
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: nil, count: capacity)
    }

    @inline(__always)
    private func slot(_ key: Key) -> Int {
        let bits = UInt64(UInt(bitPattern: ObjectIdentifier(key)))
        return Int(truncatingIfNeeded: ((bits >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    public func value(for key: Key, make: () -> Value) -> Value {
        var index = slot(key)
        while let stored = keys[index] {
            if stored === key { return values[index]! }
            index = (index + 1) & mask
        }
        let value = make()
        if count >= limit {
            for i in keys.indices { keys[i] = nil; values[i] = nil }
            count = 0
            index = slot(key)
        }
        keys[index] = key
        values[index] = value
        count += 1
        return value
    }
}
