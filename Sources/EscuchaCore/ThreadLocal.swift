#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `Value` per thread, made on first use by `make` (the normalizer's and the sentiment model's memos: a shared one behind a
/// lock stopped two cores from being faster than one).
public final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    private let make: @Sendable () -> Value
    /// A constant: a class's `var` is checked for exclusive access at every read, and `value` is read for every text.
    private let key: pthread_key_t

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
        precondition(status == 0, "pthread_key_create failed: \(status)")
        self.key = key
    }

    deinit { pthread_key_delete(key) }

    public var value: Value {
        if let pointer = pthread_getspecific(key) {
            return unsafeDowncast(Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue(), to: Value.self)
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value as AnyObject).toOpaque())
        return value
    }
}
