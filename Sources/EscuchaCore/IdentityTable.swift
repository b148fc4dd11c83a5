/// Values remembered per object (a token surface's shared forms), holding the object so that its address
/// is not reused while remembered. Not thread-safe: one per thread.
///
/// Inlinable so that the modules using it get a version specialized to their key and value types: the
/// generic one goes through value witnesses and metadata lookups on every call, and this is called for
/// every word by every matcher.
public final class IdentityTable<Key: AnyObject, Value: AnyObject> {
    @usableFromInline var keys: UnsafeMutablePointer<Unmanaged<Key>?>
    @usableFromInline var values: UnsafeMutablePointer<Unmanaged<Value>?>
    @usableFromInline var count = 0
    @usableFromInline var mask: Int
    /// Cleared when this full (a corpus with more distinct surfaces than this starts over).
    @usableFromInline let limit: Int
    /// Whether `value(for:make:)` clears a full table itself. A caller that holds values unretained while it
    /// reads a text says no, and calls `clearIfFull()` between texts instead: a clear mid-text would free them.
    @usableFromInline let clearsWhenFull: Bool

    /// Starts with 2^10 slots and doubles while half full, up to 2^`capacityPowerOfTwo` (further only for a
    /// table that does not clear itself, until its owner does): a table holds what its corpus needs, not
    /// megabytes of empty slots per thread.
    public init(capacityPowerOfTwo: Int = 17, clearsWhenFull: Bool = true) {
        self.clearsWhenFull = clearsWhenFull
        limit = (1 << capacityPowerOfTwo) / 2
        let capacity = 1 << min(10, capacityPowerOfTwo)
        mask = capacity - 1
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: nil, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: nil, count: capacity)
    }

    deinit {
        clear()
        keys.deallocate()
        values.deallocate()
    }

    @inlinable @inline(__always)
    func slot(_ key: Key) -> Int {
        let bits = UInt64(UInt(bitPattern: ObjectIdentifier(key)))
        return Int(truncatingIfNeeded: ((bits >> 4) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for `key`, or nil.
    @inlinable
    public func lookup(_ key: Key) -> Value? {
        var index = slot(key)
        while let stored = keys[index] {
            if stored.toOpaque() == Unmanaged.passUnretained(key).toOpaque() { return values[index]!.takeUnretainedValue() }
            index = (index + 1) & mask
        }
        return nil
    }

    @inlinable
    public func value(for key: Key, make: () -> Value) -> Value {
        var index = slot(key)
        while let stored = keys[index] {
            if stored.toOpaque() == Unmanaged.passUnretained(key).toOpaque() { return values[index]!.takeUnretainedValue() }
            index = (index + 1) & mask
        }
        let value = make()
        if clearsWhenFull, count >= limit {
            clear()
        } else if count * 2 >= mask + 1 {
            grow()
        }
        index = slot(key)
        while keys[index] != nil { index = (index + 1) & mask }
        keys[index] = Unmanaged.passRetained(key)
        values[index] = Unmanaged.passRetained(value)
        count += 1
        return value
    }

    /// Twice the slots, every entry moved.
    @usableFromInline
    func grow() {
        let oldKeys = keys
        let oldValues = values
        let oldCapacity = mask + 1
        mask = oldCapacity * 2 - 1
        keys = .allocate(capacity: oldCapacity * 2)
        keys.initialize(repeating: nil, count: oldCapacity * 2)
        values = .allocate(capacity: oldCapacity * 2)
        values.initialize(repeating: nil, count: oldCapacity * 2)
        for old in 0..<oldCapacity {
            guard let key = oldKeys[old] else { continue }
            var index = slot(key.takeUnretainedValue())
            while keys[index] != nil { index = (index + 1) & mask }
            keys[index] = key
            values[index] = oldValues[old]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
    }

    /// Starts over if the table holds `limit` values or more.
    public func clearIfFull() {
        guard count >= limit else { return }
        clear()
        // Back to the starting size: a table that grew past its limit within one text does not stay big.
        let capacity = 1 << 10
        if mask + 1 > capacity {
            keys.deallocate()
            values.deallocate()
            mask = capacity - 1
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: nil, count: capacity)
            values = .allocate(capacity: capacity)
            values.initialize(repeating: nil, count: capacity)
        }
    }

    @usableFromInline
    func clear() {
        for index in 0...mask {
            keys[index]?.release()
            values[index]?.release()
            keys[index] = nil
            values[index] = nil
        }
        count = 0
    }
}
