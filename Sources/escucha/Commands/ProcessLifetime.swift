/// Keeps a value until the process exits. A command's analyzers hold large tables (lexicons, taxonomies, each
/// surface's forms and readings); the system frees them at exit for nothing, while releasing them one by one at
/// the end of a command cost about 30 M instructions (1% of scoring 1 MB).
enum ProcessLifetime {
    private final class Holder<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
