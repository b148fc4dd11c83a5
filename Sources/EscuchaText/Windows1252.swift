/// Windows-1252, the encoding behind most "Latin-1" Spanish files: bytes 0x80–0x9F hold € “ ” … – —
/// where ISO-8859-1 has C1 controls. Browsers (WHATWG) read ISO-8859-1 and ASCII labels as this.
public enum Windows1252 {
    /// Unicode scalars for bytes 0x80–0x9F; the five undefined bytes map to their C1 control, as WHATWG does.
    public static let highControlBlock: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The scalar a byte stands for.
    @inlinable
    public static func scalar(for byte: UInt8) -> UInt32 {
        (byte >= 0x80 && byte <= 0x9F) ? highControlBlock[Int(byte - 0x80)] : UInt32(byte)
    }

    /// The byte that encodes `scalar`, or nil when Windows-1252 cannot encode it.
    public static func byte(for scalar: UInt32) -> UInt8? {
        if scalar < 0x80 || (scalar >= 0xA0 && scalar <= 0xFF) { return UInt8(scalar) }
        if let index = highControlBlock.firstIndex(of: scalar) { return UInt8(0x80 + index) }
        return nil
    }

    /// Decodes Windows-1252 bytes (every byte is defined) to a String.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let value = scalar(for: byte)
            if value < 0x800 {
                utf8.append(UInt8(0xC0 | (value >> 6)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (value >> 12)))
                utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
