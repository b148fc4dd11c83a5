/// Appends compact JSON to a byte buffer. Hand-written because output is on the hot path (Foundation's
/// encoders allocate per value and sort nothing predictably), and because key order is part of the
/// documented schema.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// One bit per open container (bit `depth - 1`): set once it holds a value, so the next needs a comma.
    /// A bit set rather than an array: this runs for every member of every document.
    private var commaBits: UInt64 = 0
    private var depth = 0

    public init(reservingCapacity capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        commaBits = 0
        depth = 0
        suppressNextSeparator = false
    }

    // MARK: structure

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(); bytes.append(UInt8(ascii: "]")) }

    /// Nesting deeper than 64 levels is not something Escucha writes.
    private mutating func open() {
        precondition(depth < 64, "JSONWriter nests at most 64 levels")
        depth += 1
        commaBits &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close() { depth -= 1 }

    /// Reopens the top-level object just written (its `}` must be the last byte) to append members to it:
    /// an analysis adds its results to a document already serialized.
    public mutating func reopenObject() {
        precondition(depth == 0 && bytes.last == UInt8(ascii: "}"), "reopenObject needs a complete top-level object at the end")
        bytes.removeLast()
        depth = 1
        commaBits = 1
    }
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Writes `"name":`; the next value call completes the member.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        suppressNextSeparator = true
    }

    /// Disfavoured so that a literal name (`key("compound")`) takes the `StaticString` version above, which
    /// copies its bytes, rather than this one, which scans them for characters to escape: Swift otherwise
    /// prefers `String` for a literal, and literal names are most of every document's keys.
    @_disfavoredOverload
    public mutating func key(_ name: String) {
        separator()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        suppressNextSeparator = true
    }

    // MARK: values

    public mutating func string(_ value: String) { separator(); appendQuoted(value) }
    public mutating func int(_ value: Int) { separator(); appendInteger(Int64(value)) }
    public mutating func int64(_ value: Int64) { separator(); appendInteger(value) }
    public mutating func bool(_ value: Bool) { separator(); appendASCII(value ? "true" : "false") }
    public mutating func null() { separator(); appendASCII("null") }

    /// Doubles print without a trailing `.0` when whole (a rating of 4 is `4`, 4.5 is `4.5`).
    public mutating func double(_ value: Double) {
        separator()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value))
        } else if value.isFinite, abs(value) < Self.thousandthsLimit, let thousandths = Self.thousandths(value) {
            appendThousandths(thousandths)
        } else if value.isFinite {
            appendASCII(String(value))
        } else {
            appendASCII("null")
        }
    }

    /// A double rounded to `decimals` places (priorities, shares), written like `double`.
    public mutating func number(_ value: Double, decimals: Int) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        double((value * scale).rounded() / scale)
    }

    /// Already-valid JSON text (a number lexeme, a nested value kept from the source).
    public mutating func raw(_ json: String) { separator(); appendASCII(json) }

    /// Appends a literal fragment of JSON with no separator bookkeeping, for a serializer that places its
    /// own commas (the documents writer, on the hot path). Only valid outside `beginObject`/`beginArray`.
    public mutating func fragment(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // Optional conveniences: members with nil values are omitted, never written as null, so that
    // consumers can rely on "absent means unknown".
    public mutating func member(_ name: StaticString, _ value: String?) { if let value { key(name); string(value) } }
    public mutating func member(_ name: StaticString, _ value: Int?) { if let value { key(name); int(value) } }
    public mutating func member(_ name: StaticString, _ value: Double?) { if let value { key(name); double(value) } }

    // MARK: internals

    private var suppressNextSeparator = false

    private mutating func separator() {
        if suppressNextSeparator {
            suppressNextSeparator = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if commaBits & bit != 0 { bytes.append(UInt8(ascii: ",")) } else { commaBits |= bit }
    }

    /// Digits written straight into the buffer: no String per number (this runs for every offset and score).
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
    }

    /// Scores and contributions are rounded to thousandths. A double that is exactly the nearest one to k/1000
    /// prints as k/1000 with its trailing zeros dropped, which is what `String(value)` (the shortest digits
    /// that read back as the same double) gives for it: below 10^9, neighbouring thousandths are far more
    /// than a rounding step apart, so no shorter decimal reads back as the same double.
    static let thousandthsLimit = 1e9

    @inline(__always)
    static func thousandths(_ value: Double) -> Int64? {
        let scaled = (value * 1000).rounded()
        return scaled / 1000 == value ? Int64(scaled) : nil
    }

    private mutating func appendThousandths(_ thousandths: Int64) {
        if thousandths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        appendDigits(magnitude / 1000)
        var fraction = magnitude % 1000
        var places = 3
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }  // not whole: some place is non-zero
        bytes.append(UInt8(ascii: "."))
        appendDigits(fraction, width: places)
    }

    private mutating func appendASCII(_ text: String) {
        text.withUTF8Bytes { bytes.append(contentsOf: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Bytes that stop the copy loop: controls, `"`, `\\`, DEL, and 0xE2 (the lead byte of U+2028/U+2029).
    private static let stopBytes: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { utf8 in
            Self.stopBytes.withUnsafeBufferPointer { stop in
                var runStart = 0
                var index = 0
                let count = utf8.count
                while index < count {
                    let byte = utf8[index]
                    if !stop[Int(byte)] {
                        index += 1
                        continue
                    }
                    if byte == 0xE2 {
                        // Only U+2028 and U+2029 (E2 80 A8/A9) need escaping; other E2 sequences (“ ” … €) do not.
                        guard index + 2 < count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 else {
                            index += 1
                            continue
                        }
                    }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    switch byte {
                    case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5c, 0x22])
                    case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5c, 0x5c])
                    case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
                    case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
                    case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
                    case 0xE2:
                        let code: UInt8 = utf8[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")
                        bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), UInt8(ascii: "2"), UInt8(ascii: "0"), UInt8(ascii: "2"), code])
                        index += 3
                        runStart = index
                        continue
                    default:
                        bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                                  Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xf)]])
                    }
                    index += 1
                    runStart = index
                }
                if runStart < count {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a timestamp as an ISO 8601 string without building an intermediate String.
    public mutating func timestamp(_ value: Timestamp) {
        separator()
        let c = value.civil
        bytes.append(UInt8(ascii: "\""))
        appendDigits(UInt64(max(0, c.year)), width: 4); bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(c.month), width: 2); bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(c.day), width: 2); bytes.append(UInt8(ascii: "T"))
        appendDigits(UInt64(c.hour), width: 2); bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(c.minute), width: 2); bytes.append(UInt8(ascii: ":"))
        appendDigits(UInt64(c.second), width: 2)
        if value.utcOffsetSeconds == 0 {
            bytes.append(UInt8(ascii: "Z"))
        } else {
            let magnitude = Int(abs(value.utcOffsetSeconds))
            bytes.append(value.utcOffsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendDigits(UInt64(magnitude / 3600), width: 2); bytes.append(UInt8(ascii: ":"))
            appendDigits(UInt64(magnitude / 60 % 60), width: 2)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `value`, zero-padded to `width`.
    private mutating func appendDigits(_ value: UInt64, width: Int = 1) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        var remaining = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0 || count < min(width, 20)
            for position in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[position]) }
        }
    }
}
