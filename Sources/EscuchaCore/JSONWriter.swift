/// Appends compact JSON to a byte buffer. Hand-written because output is on the hot path (Foundation's
/// encoders allocate per value and sort nothing predictably), and because key order is part of the
/// documented schema.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public var bytes: [UInt8] { Array(written) }
    /// The JSON written so far, without a copy.
    public var written: ArraySlice<UInt8> { storage[..<count] }

    /// The JSON written, as the writer's own buffer cut to its length, leaving the writer empty: `bytes` would
    /// allocate and copy an array for a writer that is done with.
    public mutating func takeBytes() -> [UInt8] {
        storage.removeLast(storage.count - count)
        var taken: [UInt8] = []
        swap(&taken, &storage)
        reset()
        return taken
    }
    /// How many bytes are written.
    public var count: Int { length }
    // The writer's state is visible to inlinable code: the calls that open and close containers, write keys and
    // make room for runs are inlined where they are written (each had been a call into this module, with its own
    // checks of the buffer: about a hundred instructions for a key, half a million structure calls a MB).
    @usableFromInline var length = 0
    /// The written bytes and room after them: a value is written straight into place, so the array's
    /// uniqueness and capacity are checked once per value rather than once per byte (an append each).
    @usableFromInline var storage: [UInt8]
    /// One bit per open container (bit `depth - 1`): set once it holds a value, so the next needs a comma.
    /// A bit set rather than an array: this runs for every member of every document.
    @usableFromInline var commaBits: UInt64 = 0
    @usableFromInline var depth = 0

    public init(reservingCapacity capacity: Int = 1024) {
        storage = [UInt8](repeating: 0, count: max(capacity, 64))
    }

    public mutating func reset() {
        length = 0
        commaBits = 0
        depth = 0
        suppressNextSeparator = false
    }

    // MARK: structure

    @inlinable public mutating func beginObject() { separated(UInt8(ascii: "{")); open() }
    @inlinable public mutating func endObject() { close(); append(UInt8(ascii: "}")) }
    @inlinable public mutating func beginArray() { separated(UInt8(ascii: "[")); open() }
    @inlinable public mutating func endArray() { close(); append(UInt8(ascii: "]")) }

    /// Nesting deeper than 64 levels is not something Escucha writes.
    @inlinable mutating func open() {
        precondition(depth < 64, "JSONWriter nests at most 64 levels")
        depth += 1
        commaBits &= ~(1 << UInt64(depth - 1))
    }

    @inlinable mutating func close() { depth -= 1 }

    /// Reopens the top-level object just written (its `}` must be the last byte) to append members to it:
    /// an analysis adds its results to a document already serialized.
    public mutating func reopenObject() {
        precondition(depth == 0 && count > 0 && storage[count - 1] == UInt8(ascii: "}"), "reopenObject needs a complete top-level object at the end")
        length -= 1
        depth = 1
        commaBits = 1
    }
    public mutating func newline() { append(UInt8(ascii: "\n")) }

    /// Writes `"name":`; the next value call completes the member.
    @inlinable @inline(__always) public mutating func key(_ name: StaticString) {
        let comma = takeComma()
        let length = name.utf8CodeUnitCount
        write(length + 4) { out in
            var at = 0
            if comma { out[0] = UInt8(ascii: ","); at = 1 }
            out[at] = UInt8(ascii: "\"")
            (out + at + 1).update(from: name.utf8Start, count: length)
            out[at + length + 1] = UInt8(ascii: "\"")
            out[at + length + 2] = UInt8(ascii: ":")
            return at + length + 3
        }
        suppressNextSeparator = true
    }

    /// Disfavoured so that a literal name (`key("compound")`) takes the `StaticString` version above, which
    /// copies its bytes, rather than this one, which scans them for characters to escape: Swift otherwise
    /// prefers `String` for a literal, and literal names are most of every document's keys.
    @_disfavoredOverload
    public mutating func key(_ name: String) {
        appendQuoted(name, comma: takeComma())
        append(UInt8(ascii: ":"))
        suppressNextSeparator = true
    }

    // MARK: values

    public mutating func string(_ value: String) { appendQuoted(value, comma: takeComma()) }
    public mutating func int(_ value: Int) { appendInteger(Int64(value), comma: takeComma()) }
    public mutating func int64(_ value: Int64) { appendInteger(value, comma: takeComma()) }
    public mutating func bool(_ value: Bool) { separator(); appendASCII(value ? "true" : "false") }
    public mutating func null() { separator(); appendASCII("null") }

    /// Doubles print without a trailing `.0` when whole (a rating of 4 is `4`, 4.5 is `4.5`).
    public mutating func double(_ value: Double) {
        let comma = takeComma()
        write(Run.numberRoom + 1) { out in
            var at = 0
            if comma { out[0] = UInt8(ascii: ","); at = 1 }
            return at + Self.writeDouble(value, into: out + at)
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
    @inlinable @inline(__always) public mutating func fragment(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        write(length) { out in
            out.update(from: text.utf8Start, count: length)
            return length
        }
    }

    // Optional conveniences: members with nil values are omitted, never written as null, so that
    // consumers can rely on "absent means unknown".
    public mutating func member(_ name: StaticString, _ value: String?) { if let value { key(name); string(value) } }
    public mutating func member(_ name: StaticString, _ value: Int?) { if let value { key(name); int(value) } }
    public mutating func member(_ name: StaticString, _ value: Double?) { if let value { key(name); double(value) } }

    // MARK: runs written whole

    /// Whether the next value of the open container needs a comma before it, recording that the container now
    /// holds a value: for a run (`appendRun`) that writes the container's values itself.
    @inlinable public mutating func commaDue() -> Bool { takeComma() }

    /// Writes a run of JSON whose commas the caller places (as with `fragment`), into room made once for it:
    /// `body` may write at most `capacity` bytes (`Run.room(for:)`, `Run.numberRoom`). A document's
    /// contributions have a dozen members each, and making room and checking the buffer once per member cost
    /// more than writing them.
    @inlinable public mutating func appendRun(reserving capacity: Int, _ body: (inout Run) -> Void) {
        write(capacity) { out in
            var run = Run(out)
            body(&run)
            let written = run.pointer - out
            precondition(written <= capacity, "a JSON run wrote more than the room it reserved")
            return written
        }
    }

    /// A run written once into an array of its own, for members written many times (`Run.encoded`); `capacity` as
    /// for `appendRun`. Written into temporary room (on the stack when small) and copied into an array of its exact
    /// size: a writer of its own grew its buffer before copying it (thousands of lexicon entries are encoded at
    /// start-up), and an array of the reserved room would keep several times the bytes written for good.
    public static func encoded(reserving capacity: Int, _ body: (inout Run) -> Void) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(capacity, 1)) { room in
            let base = room.baseAddress!
            var run = Run(base)
            body(&run)
            let count = run.pointer - base
            precondition(count <= capacity, "a JSON run wrote more than the room it reserved")
            return Array(UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// A cursor in room the writer made (`appendRun`). Each method writes exactly what the writer's method of
    /// the same name writes for the value, without a separator.
    public struct Run {
        @usableFromInline var pointer: UnsafeMutablePointer<UInt8>
        /// `JSONWriter.numberWords`, read once for the run: each number read through the global's accessor would pay
        /// its once-check.
        @usableFromInline let numberWords: UnsafePointer<UInt64>

        @usableFromInline init(_ pointer: UnsafeMutablePointer<UInt8>) {
            self.pointer = pointer
            numberWords = JSONWriter.numberWords
        }

        /// Room for any number `int` or `double` writes (`-1.2345678901234567e+300` is 24 bytes).
        public static let numberRoom = 32

        /// Room for `value` as a JSON string.
        /// Inlinable: four calls for every contribution, where the length is read straight from the string.
        /// Always inlined, the long string's measuring a call of its own: left to the optimizer, the sentiment writer
        /// called it for each string, retaining and releasing the string around the call (about 50 instructions a string,
        /// 27,000 strings a MB of texts).
        @inlinable @inline(__always)
        public static func room(for value: String) -> Int {
            // A string knows its length: only a long one, which `quotedCapacity` measures, is read (reading each short one
            // cost 80 instructions, four times for every contribution).
            let count = value.utf8.count
            return count <= JSONWriter.measuredLength ? 6 * count + 2 : measuredRoom(for: value)
        }

        /// `room(for:)` for a long string, measured.
        @usableFromInline
        static func measuredRoom(for value: String) -> Int {
            value.withUTF8Bytes { JSONWriter.quotedCapacity($0) }
        }

        /// Inlinable: a literal's length is then known where it is written, and its bytes are copied by a few moves
        /// instead of a call to `memcpy` (600,000 fragments on 1 MB of texts). Copied as raw bytes: `update(from:count:)`
        /// compared the cursor with the literal's address before each copy (three instructions a fragment).
        @inlinable @inline(__always)
        public mutating func fragment(_ text: StaticString) {
            UnsafeMutableRawPointer(pointer).copyMemory(from: UnsafeRawPointer(text.utf8Start), byteCount: text.utf8CodeUnitCount)
            pointer += text.utf8CodeUnitCount
        }

        /// A comma if `comma`, then `text`: the literal's length stays known where it is written (a fragment chosen
        /// by `comma ? ",{" : "{"` is copied by a call to `memcpy`, two or three times for every contribution).
        @inlinable @inline(__always)
        public mutating func fragment(_ text: StaticString, afterComma comma: Bool) {
            if comma { byte(UInt8(ascii: ",")) }
            fragment(text)
        }

        @inlinable @inline(__always)
        public mutating func byte(_ byte: UInt8) {
            pointer[0] = byte
            pointer += 1
        }

        /// JSON written before, copied as it is (room: its count): members encoded once for values written many times.
        /// Always inlined: called, it made the caller retain and release the object the array was read from around the
        /// call (a contribution's `OpinionLookup.Found`, 40,000 times a MB of texts); inlined, the copy is a `memmove`.
        @inlinable @inline(__always)
        public mutating func encoded(_ json: [UInt8]) {
            json.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                pointer.update(from: base, count: bytes.count)
                pointer += bytes.count
            }
        }

        /// The same, for bytes lent rather than an array (which a caller reading it from an object retains).
        public mutating func encoded(_ json: UnsafeBufferPointer<UInt8>) {
            guard let base = json.baseAddress else { return }
            pointer.update(from: base, count: json.count)
            pointer += json.count
        }

        /// Always inlined, with `writeQuoted` declared to release nothing: a caller reading the string from an array (a
        /// contribution's text, a rule's name) otherwise retained and released it around the call, as the call might have
        /// freed it (about 30 instructions, 80,000 strings a MB of texts).
        @inlinable @inline(__always)
        public mutating func string(_ value: String) {
            let at = pointer
            pointer += value.withUTF8Bytes { JSONWriter.writeQuoted($0, into: at) }
        }

        /// `utf8` as a JSON string: what `string` writes for the text those bytes decode to, when they are
        /// valid UTF-8 (room: `JSONWriter.quotedCapacity(utf8)`).
        public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
            pointer += JSONWriter.writeQuoted(utf8, into: pointer)
        }

        /// Inlinable, a small number written where it is called: the call and the cursor kept in memory across it cost
        /// about as much as the digits (about 200,000 numbers a MB of texts fully analyzed). Always inlined: left to the
        /// optimizer, the sentiment writer still called it (and `double(roundedToThousandths:)`). A number below 10,000
        /// (an offset, a sentence's index, a line number: almost all) is one word of the table (`numberWords`), stored
        /// whole (the room allows it), where its digits worked out place by place (`smallDigits`) cost about 20.
        @inlinable @inline(__always)
        public mutating func int(_ value: Int) {
            guard value >= 0, value < JSONWriter.tabledNumbers else {
                pointer += JSONWriter.writeLargeInteger(Int64(value), into: pointer)
                return
            }
            let word = numberWords[value]
            UnsafeMutableRawPointer(pointer).storeBytes(of: UInt32(truncatingIfNeeded: word), as: UInt32.self)
            pointer += Int(truncatingIfNeeded: word >> 56)
        }

        /// `thousandths / 1000` as `double` writes it. A magnitude below 10 (almost every score, value and strength) is
        /// one word of the table (`numberWords`), stored whole after the sign, where `writeNumber(thousandths:into:)`
        /// worked out the digits (about 30 instructions).
        @inlinable @inline(__always)
        mutating func write(thousandths: Int64) {
            let magnitude = thousandths.magnitude
            guard magnitude < UInt64(JSONWriter.tabledNumbers) else {
                pointer += JSONWriter.writeLargeThousandths(thousandths, into: pointer)
                return
            }
            let sign = thousandths < 0 ? 1 : 0
            pointer[0] = UInt8(ascii: "-")  // overwritten by the first digit when positive (the room allows it)
            let word = numberWords[JSONWriter.tabledNumbers + Int(truncatingIfNeeded: magnitude)]
            // Eight bytes, the length in the top one: the bytes past the number are room, overwritten by what follows.
            UnsafeMutableRawPointer(pointer + sign).storeBytes(of: word, as: UInt64.self)
            pointer += sign + Int(truncatingIfNeeded: word >> 56)
        }

        /// Inlinable, a thousandth's digits found where it is written as with `double(roundedToThousandths:)`: almost every
        /// number written is one (a contribution's value, a topic's, an emotion's strength), and the two calls to reach
        /// `writeThousandths` cost about 25 instructions of 120. Any other number takes `writeDouble`, which writes the same
        /// bytes for a thousandth.
        @inlinable @inline(__always)
        public mutating func double(_ value: Double) {
            if let thousandths = JSONWriter.nearbyThousandths(value) {
                write(thousandths: thousandths)
            } else {
                pointer += JSONWriter.writeDouble(value, into: pointer)
            }
        }

        /// What `double((value * 1000).rounded() / 1000)` writes (a score rounded to thousandths, as the sentiment
        /// model rounds), from the rounded thousandths themselves: the rounding is done in integers, without libm's
        /// `round`, the division, and the rounding `double` would do again to find the digits (about 60 instructions
        /// of 100, for 90,000 numbers a MB). Inlinable, as `int` is; the thousandths' digits stay a call.
        /// A magnitude of 10^9 or more (never a score) takes a call of its own: written here, its `double` made the body
        /// too large, and the optimizer called this function (about 82,000 times a MB of texts) instead of inlining it.
        @inlinable @inline(__always)
        public mutating func double(roundedToThousandths value: Double) {
            guard abs(value) < JSONWriter.thousandthsLimit else {
                pointer += JSONWriter.writeRoundedLarge(value, into: pointer)
                return
            }
            write(thousandths: JSONWriter.nearest(value * 1000))
        }
    }

    /// How many integers (from 0) and thousandths (from 0, of either sign) `numberWords` holds.
    @inlinable static var tabledNumbers: Int { 10_000 }  // a constant, not a stored global read through its once-token

    /// The JSON of the integers below 10,000, then of the thousandths below 10 (`0.001` is `0.001`, `0.5` is `0.5`, `2`
    /// is `2`, as `double` writes them), each as one word: its bytes (first byte lowest, at most five) and, in the top
    /// byte, how many. Made once (160 KB, about a million instructions at start-up) and never freed: `Run` keeps its
    /// address for the run. `nonisolated(unsafe)`: written only while the global is initialized, read-only after.
    @usableFromInline nonisolated(unsafe) static let numberWords: UnsafePointer<UInt64> = {
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * tabledNumbers)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: Run.numberRoom)
        defer { out.deallocate() }
        func word(_ count: Int) -> UInt64 {
            var word = UInt64(count) << 56
            for index in 0..<count { word |= UInt64(out[index]) << UInt64(8 * index) }
            return word
        }
        for number in 0..<tabledNumbers {
            words[number] = word(digits(UInt64(number), width: 1, into: out))
            words[tabledNumbers + number] = word(writeNumber(thousandths: Int64(number), into: out))
        }
        return UnsafePointer(words)
    }()

    /// What `Run.write(thousandths:)` writes for a magnitude of 10 or more, out of line.
    @usableFromInline @inline(never)
    static func writeLargeThousandths(_ thousandths: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        writeNumber(thousandths: thousandths, into: out)
    }

    /// What `Run.double(roundedToThousandths:)` writes for a magnitude of 10^9 or more (or NaN), at `out` (room:
    /// `Run.numberRoom`); returns how many.
    @usableFromInline @inline(never)
    static func writeRoundedLarge(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        writeDouble((value * 1000).rounded() / 1000, into: out)
    }

    // MARK: internals

    @usableFromInline var suppressNextSeparator = false

    private mutating func separator() {
        if takeComma() { append(UInt8(ascii: ",")) }
    }

    /// Whether the next value needs a comma before it, recording that the container now holds a value.
    @inlinable @inline(__always)
    mutating func takeComma() -> Bool {
        if suppressNextSeparator {
            suppressNextSeparator = false
            return false
        }
        guard depth > 0 else { return false }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if commaBits & bit != 0 { return true }
        commaBits |= bit
        return false
    }

    /// Runs `body` on room for at least `capacity` bytes after those written; it returns how many it wrote.
    @inlinable @inline(__always)
    mutating func write(_ capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if length + capacity > storage.count { grow(length + capacity) }
        let start = length
        length += storage.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }

    @usableFromInline mutating func grow(_ needed: Int) {
        storage.append(contentsOf: repeatElement(0, count: max(needed, 2 * storage.count) - storage.count))
    }

    @inlinable @inline(__always)
    mutating func append(_ byte: UInt8) { write(1) { $0[0] = byte; return 1 } }

    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let source = run.baseAddress, !run.isEmpty else { return }
        write(run.count) { $0.update(from: source, count: run.count); return run.count }
    }

    /// A comma if one is due, then `byte`.
    @inlinable @inline(__always)
    mutating func separated(_ byte: UInt8) {
        separated(byte, comma: takeComma())
    }

    /// Digits written straight into the buffer: no String per number (this runs for every offset and score).
    private mutating func appendInteger(_ value: Int64, comma: Bool) {
        write(22) { out in
            var at = 0
            if comma { out[at] = UInt8(ascii: ","); at += 1 }
            return at + Self.writeInteger(value, into: out + at)
        }
    }

    /// The digits of `value`, with its sign, at `out` (room for 21 bytes); returns how many. Inlined where it is
    /// written: a number of up to four digits (almost every one) is written there, a larger one by a call.
    @inlinable @inline(__always)
    static func writeInteger(_ value: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if value >= 0, value < 10_000 { return smallDigits(UInt32(truncatingIfNeeded: value), into: out) }
        return writeLargeInteger(value, into: out)
    }

    /// `writeInteger` for a negative number or one of five digits or more.
    @usableFromInline
    static func writeLargeInteger(_ value: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 0
        if value < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
        return at + digits(value.magnitude, width: 1, into: out + at)
    }

    /// What `double(_:)` writes for `value`, at `out` (room for `Run.numberRoom` bytes); returns how many.
    @usableFromInline
    static func writeDouble(_ value: Double, into out: UnsafeMutablePointer<UInt8>) -> Int {
        // Every score is a thousandth below 10^9: found without libm's `round` (two calls, and the checks around
        // them, cost 190 instructions a number). What follows is then what the general path below writes.
        if let thousandths = nearbyThousandths(value) {
            return thousandths % 1000 == 0 ? writeInteger(thousandths / 1000, into: out) : writeThousandths(thousandths, into: out)
        }
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return writeInteger(Int64(value), into: out)
        } else if value.isFinite, abs(value) < thousandthsLimit, let thousandths = thousandths(value) {
            return writeThousandths(thousandths, into: out)
        }
        let text = value.isFinite ? String(value) : "null"
        return text.withUTF8Bytes { bytes in
            if let base = bytes.baseAddress { out.update(from: base, count: bytes.count) }
            return bytes.count
        }
    }

    /// Scores and contributions are rounded to thousandths. A double that is exactly the nearest one to k/1000
    /// prints as k/1000 with its trailing zeros dropped, which is what `String(value)` (the shortest digits
    /// that read back as the same double) gives for it: below 10^9, neighbouring thousandths are far more
    /// than a rounding step apart, so no shorter decimal reads back as the same double.
    @inlinable static var thousandthsLimit: Double { 1e9 }  // a constant, not a stored global read through its once-token

    @inline(__always)
    static func thousandths(_ value: Double) -> Int64? {
        let scaled = (value * 1000).rounded()
        return scaled / 1000 == value ? Int64(scaled) : nil
    }

    /// `thousandths(value)` for a value below `thousandthsLimit` (nil for any other, NaN included), with the
    /// rounding done in integers: `scaled - Double(truncated)` is the exact fraction (both below 2^53), so the
    /// nearest integer, ties away from zero, is `scaled.rounded()` itself.
    @inlinable @inline(__always)
    static func nearbyThousandths(_ value: Double) -> Int64? {
        guard abs(value) < thousandthsLimit else { return nil }
        let nearest = nearest(value * 1000)
        return Double(nearest) / 1000 == value ? nearest : nil
    }

    /// `scaled.rounded()` (ties away from zero) for `scaled` below 10^12 in magnitude, found in integers.
    @inlinable @inline(__always)
    static func nearest(_ scaled: Double) -> Int64 {
        let truncated = Int64(scaled)
        let fraction = scaled - Double(truncated)
        return fraction >= 0.5 ? truncated + 1 : fraction <= -0.5 ? truncated - 1 : truncated
    }

    /// `thousandths / 1000` as `double` writes it (whole: its integer; otherwise its trailing zeros dropped), at `out`
    /// (room for 25 bytes); returns how many. Almost every number written is a thousandth below 10 (a score, a value, a
    /// rule's from and to: about 95,000 a MB of texts): its one integer digit and its three places are found by
    /// multiplications and the places stored as one word (`.` and three digits, first byte lowest), their trailing zeros
    /// left out of the count, where `% 1000`, the call to `writeThousandths` and its general digits cost about 50
    /// instructions more. Any other thousandth takes the general path, which writes the same bytes.
    @inlinable @inline(__always)
    static func writeNumber(thousandths: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = thousandths.magnitude
        guard magnitude < 10_000 else {
            return thousandths % 1000 == 0 ? writeInteger(thousandths / 1000, into: out) : writeThousandths(thousandths, into: out)
        }
        let small = UInt32(truncatingIfNeeded: magnitude)
        let sign = thousandths < 0 ? 1 : 0
        out[0] = UInt8(ascii: "-")  // overwritten by the digit when positive (the room allows it)
        let whole = small / 1000
        let fraction = small &- 1000 &* whole
        out[sign] = digit(whole)
        guard fraction != 0 else { return sign + 1 }
        let tenths = fraction / 100
        let rest = fraction &- 100 &* tenths
        let hundredths = rest / 10
        let thousandthsPlace = rest &- 10 &* hundredths
        let places = UInt32(UInt8(ascii: ".")) | (0x30 | tenths) << 8 | (0x30 | hundredths) << 16 | (0x30 | thousandthsPlace) << 24
        UnsafeMutableRawPointer(out + sign + 1).storeBytes(of: places.littleEndian, as: UInt32.self)
        return sign + 1 + (thousandthsPlace != 0 ? 4 : hundredths != 0 ? 3 : 2)
    }

    /// `thousandths / 1000` with its trailing zeros dropped, at `out` (room for 25 bytes); returns how many.
    @usableFromInline
    static func writeThousandths(_ thousandths: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = thousandths.magnitude
        var at = 0
        if thousandths < 0 { out[at] = UInt8(ascii: "-"); at += 1 }
        at += digits(magnitude / 1000, width: 1, into: out + at)
        // The three places are written whole and the trailing zeros left out of the count (the room allows it):
        // a loop over digits cost as much as the rest of the number.
        let fraction = magnitude % 1000  // not whole: some place is non-zero
        let hundredths = fraction / 10
        out[at] = UInt8(ascii: ".")
        out[at + 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: fraction / 100)
        out[at + 2] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: hundredths % 10)
        out[at + 3] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: fraction % 10)
        return at + (fraction % 10 != 0 ? 4 : hundredths % 10 != 0 ? 3 : 2)
    }

    private mutating func appendASCII(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }


    /// Bytes that stop the copy loop: controls, `"`, `\\`, DEL, and 0xE2 (the lead byte of U+2028/U+2029).
    private static let stopBytes: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
    }

    private mutating func appendQuoted(_ text: String, comma: Bool) {
        text.withUTF8Bytes { utf8 in
            write(Self.quotedCapacity(utf8) + 1) { out in
                var at = 0
                if comma { out[0] = UInt8(ascii: ","); at = 1 }
                return at + Self.writeQuoted(utf8, into: out + at)
            }
        }
    }

    /// Strings longer than this are measured for their room (`quotedCapacity`); shorter ones get six bytes a byte.
    @inlinable static var measuredLength: Int { 4096 }  // a constant, not a stored global read through its once-token

    /// The top bit of each of eight bytes (a word loaded from a string, first byte lowest) that may be one of
    /// `stopBytes`, all eight at once: a byte equal to `c` is a zero byte of `word ^ c…c`, and
    /// `(x - 0x01…01) & ~x & 0x80…80` marks zero bytes of `x` (`x - 0x20…20`: bytes below 0x20). A borrow may
    /// mark bytes after a marked one, never a byte before it: no mark means no stop byte, and the lowest mark is one.
    @inline(__always)
    static func stopMarks(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func below(_ x: UInt64, _ bound: UInt64) -> UInt64 { (x &- bound &* ones) & ~x & high }
        return below(word, 0x20) | below(word ^ (0x22 &* ones), 1) | below(word ^ (0x5C &* ones), 1)
            | below(word ^ (0x7F &* ones), 1) | below(word ^ (0xE2 &* ones), 1)
    }

    /// Whether one of sixteen bytes is one of `stopBytes` (the lanes of a compare are all ones where it holds).
    @inline(__always)
    static func hasStopByte(_ chunk: SIMD16<UInt8>) -> Bool {
        // The constants are spelled `SIMD16<UInt8>`: as `SIMD16(repeating:)` the generic compares were picked, a loop
        // over the lanes.
        typealias Bytes = SIMD16<UInt8>
        let stops = (chunk .< Bytes(repeating: 0x20)) .| (chunk .== Bytes(repeating: 0x22)) .| (chunk .== Bytes(repeating: 0x5C))
            .| (chunk .== Bytes(repeating: 0x7F)) .| (chunk .== Bytes(repeating: 0xE2))
        // `any(stops)` reduces the lanes one by one; the two halves as words are tested at once.
        let halves = unsafeBitCast(stops, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    /// Room enough for `utf8` as a JSON string with its quotes: at most six bytes per byte (`\u00XX`); a long
    /// string is measured instead (five more bytes per byte that may be escaped), so that a text of megabytes
    /// does not reserve six times its size.
    public static func quotedCapacity(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        guard utf8.count > measuredLength else { return 6 * utf8.count + 2 }
        var escapable = 0
        stopBytes.withUnsafeBufferPointer { stop in
            for byte in utf8 where stop[Int(byte)] { escapable += 1 }
        }
        return utf8.count + 5 * escapable + 2
    }

    /// Writes `utf8` as a JSON string, quotes included, at `out` (which has room for `quotedCapacity(utf8)`
    /// bytes); returns how many bytes it wrote. Most strings (words, names, rule names, sentences) need no escape:
    /// they are checked and stored eight bytes at a time, the last few bytes as one word too. A string with a
    /// byte that may need escaping is finished by `writeEscaping` from the first word that holds one. A byte-wise
    /// loop and a `memcpy` had cost about 150 instructions for a ten-byte string (100,000 strings a MB of texts).
    @usableFromInline
    static func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\"")
        let count = utf8.count
        guard let base = utf8.baseAddress, count > 0 else {
            out[1] = UInt8(ascii: "\"")
            return 2
        }
        var index = 0
        // A long string (a line's text, a sentence) is checked sixteen bytes at a time with vector compares, about
        // one instruction a byte; the eight-byte words below cost about four.
        while index + 16 <= count {
            let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            if hasStopByte(chunk) { return writeEscaping(utf8, from: index, into: out) }
            UnsafeMutableRawPointer(out + 1 + index).storeBytes(of: chunk, as: SIMD16<UInt8>.self)
            index += 16
        }
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if stopMarks(word) != 0 { return writeEscaping(utf8, from: index, into: out) }
            UnsafeMutableRawPointer(out + 1 + index).storeBytes(of: word, as: UInt64.self)
            index += 8
        }
        if index < count {
            if count >= 8 {
                // The last eight bytes, overlapping bytes already copied (which have no stop byte), stored where
                // they end the string: no byte is written past it, whatever the room.
                let word = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
                if stopMarks(word) != 0 { return writeEscaping(utf8, from: index, into: out) }
                UnsafeMutableRawPointer(out + 1 + count - 8).storeBytes(of: word, as: UInt64.self)
            } else {
                // One to seven bytes, gathered from two overlapping loads into the low bytes of a word; the zero bytes
                // above them would read as controls, so only the string's own marks count. A string of two or more
                // bytes has room for the whole word (`quotedCapacity`: six bytes a byte).
                let word = shortWord(base, count)
                let own: UInt64 = (1 << UInt64(8 * count)) - 1
                if stopMarks(word) & own != 0 { return writeEscaping(utf8, from: 0, into: out) }
                if count >= 2 {
                    UnsafeMutableRawPointer(out + 1).storeBytes(of: word, as: UInt64.self)
                } else {
                    out[1] = base[0]
                }
            }
        }
        out[1 + count] = UInt8(ascii: "\"")
        return count + 2
    }

    /// The `count` (1…7) bytes at `base` as the low bytes of a word (first byte lowest), the rest zero.
    @inline(__always)
    private static func shortWord(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << UInt64(8 * (count - 4))
        }
        if count >= 2 {
            let low = UInt64(raw.loadUnaligned(as: UInt16.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self))
            return low | high << UInt64(8 * (count - 2))
        }
        return UInt64(base[0])
    }

    /// `writeQuoted` from `start`, where a byte that may need escaping lies ahead: the bytes before `start` have
    /// none and are copied as they are. Runs without escapes are copied whole.
    private static func writeEscaping(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var at = 1
        @inline(__always) func put(_ byte: UInt8) { out[at] = byte; at += 1 }
        Self.stopBytes.withUnsafeBufferPointer { stop in
            var runStart = 0
            var index = start
            let count = utf8.count
            @inline(__always) func flush(_ end: Int) {
                guard end > runStart, let base = utf8.baseAddress else { return }
                (out + at).update(from: base + runStart, count: end - runStart)
                at += end - runStart
            }
            guard let base = utf8.baseAddress else { return }
            let lastWord = count - 8
            while index < count {
                // Sixteen bytes, then eight at a time up to the first that may stop the copy; the bytes left after the
                // last whole word go one by one.
                while index + 16 <= count, !hasStopByte(UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)) {
                    index += 16
                }
                while index <= lastWord {
                    let marks = stopMarks(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if marks == 0 {
                        index += 8
                        continue
                    }
                    index += marks.trailingZeroBitCount >> 3
                    break
                }
                guard index < count else { break }
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
                flush(index)
                switch byte {
                case UInt8(ascii: "\""): put(0x5c); put(0x22)
                case UInt8(ascii: "\\"): put(0x5c); put(0x5c)
                case 0x0a: put(0x5c); put(UInt8(ascii: "n"))
                case 0x0d: put(0x5c); put(UInt8(ascii: "r"))
                case 0x09: put(0x5c); put(UInt8(ascii: "t"))
                case 0xE2:
                    let code: UInt8 = utf8[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")
                    put(0x5c); put(UInt8(ascii: "u")); put(UInt8(ascii: "2")); put(UInt8(ascii: "0")); put(UInt8(ascii: "2")); put(code)
                    index += 3
                    runStart = index
                    continue
                default:
                    put(0x5c); put(UInt8(ascii: "u")); put(UInt8(ascii: "0")); put(UInt8(ascii: "0"))
                    put(hexDigit(byte >> 4)); put(hexDigit(byte & 0xf))
                }
                index += 1
                runStart = index
            }
            flush(count)
        }
        put(UInt8(ascii: "\""))
        return at
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// A comma if `comma`, then `byte`.
    @inlinable @inline(__always)
    mutating func separated(_ byte: UInt8, comma: Bool) {
        write(2) { out in
            if comma {
                out[0] = UInt8(ascii: ",")
                out[1] = byte
                return 2
            }
            out[0] = byte
            return 1
        }
    }

    /// Writes a timestamp as an ISO 8601 string without building an intermediate String.
    public mutating func timestamp(_ value: Timestamp) {
        separator()
        let c = value.civil
        append(UInt8(ascii: "\""))
        appendDigits(UInt64(max(0, c.year)), width: 4); append(UInt8(ascii: "-"))
        appendDigits(UInt64(c.month), width: 2); append(UInt8(ascii: "-"))
        appendDigits(UInt64(c.day), width: 2); append(UInt8(ascii: "T"))
        appendDigits(UInt64(c.hour), width: 2); append(UInt8(ascii: ":"))
        appendDigits(UInt64(c.minute), width: 2); append(UInt8(ascii: ":"))
        appendDigits(UInt64(c.second), width: 2)
        if value.utcOffsetSeconds == 0 {
            append(UInt8(ascii: "Z"))
        } else {
            let magnitude = Int(abs(value.utcOffsetSeconds))
            append(value.utcOffsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            appendDigits(UInt64(magnitude / 3600), width: 2); append(UInt8(ascii: ":"))
            appendDigits(UInt64(magnitude / 60 % 60), width: 2)
        }
        append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `value`, zero-padded to `width`.
    private mutating func appendDigits(_ value: UInt64, width: Int = 1) {
        write(20) { Self.digits(value, width: width, into: $0) }
    }

    /// The digits of `value` (below 10,000) at `out`; returns how many. Offsets in a text have up to four digits
    /// (a quarter of a million of them a MB of texts): written place by place with no loop, where `digits` (one loop
    /// for the length, one for the digits) cost about 60 instructions for three digits.
    @inlinable @inline(__always)
    static func smallDigits(_ value: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 10 {
            out[0] = digit(value)
            return 1
        }
        if value < 100 {
            writeTwoDigits(value, into: out)
            return 2
        }
        let hundreds = value / 100
        if value < 1000 {
            out[0] = digit(hundreds)
            writeTwoDigits(value &- 100 &* hundreds, into: out + 1)
            return 3
        }
        writeTwoDigits(hundreds, into: out)
        writeTwoDigits(value &- 100 &* hundreds, into: out + 2)
        return 4
    }

    /// The ASCII digit of `value` (below 10).
    @inlinable @inline(__always)
    static func digit(_ value: UInt32) -> UInt8 { UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value) }

    /// `value` (below 100) as two digits, a leading zero included.
    @inlinable @inline(__always)
    static func writeTwoDigits(_ value: UInt32, into out: UnsafeMutablePointer<UInt8>) {
        let tens = value / 10
        out[0] = digit(tens)
        out[1] = digit(value &- 10 &* tens)
    }

    /// Writes the decimal digits of `value`, zero-padded to `width` (at most 20), at `out`; returns how many.
    @inline(__always)
    private static func digits(_ value: UInt64, width: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        // One digit is most numbers written (the whole part of a score, a rule's from and to).
        if value < 10, width <= 1 {
            out[0] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value)
            return 1
        }
        // The length from comparisons with powers of ten, then one division a digit from the last (a division to
        // count each digit and a `stride` to write them cost 70 instructions for an offset of four digits).
        var length = 1
        var bound: UInt64 = 10
        while length < 20, value >= bound {
            length += 1
            bound = bound &* 10  // wraps only past 10^19, when the loop stops
        }
        length = max(length, min(width, 20))
        var remaining = value
        var position = length
        while position > 0 {
            position -= 1
            let (quotient, digit) = remaining.quotientAndRemainder(dividingBy: 10)
            out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
            remaining = quotient
        }
        return length
    }
}
