/// Decides how a file's bytes are to be read, the way browsers and careful tools do:
/// a BOM wins; bytes that are valid UTF-8 are UTF-8 (even when a meta tag says otherwise: it often lies);
/// then an HTML `<meta charset>`; then ICU's detector; and Latin-1/ASCII labels are read as Windows-1252.
public struct EncodingDetector: Sendable {
    public struct Decision: Equatable, Sendable {
        /// Canonical name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `UTF-32LE`, `UTF-32BE`, `windows-1252`,
        /// `ISO-8859-15`, or another name ICU reported.
        public var encoding: String
        /// Bytes to skip at the start (a byte order mark).
        public var bomLength: Int
        /// How it was decided: `bom`, `utf8`, `utf8-with-errors`, `meta`, `detector`, `default`.
        public var basis: String

        public var isUTF8: Bool { encoding == "UTF-8" }

        public init(encoding: String, bomLength: Int, basis: String) {
            self.encoding = encoding
            self.bomLength = bomLength
            self.basis = basis
        }
    }

    /// How many bytes of the file are looked at.
    public static let sampleSize = 64 * 1024

    /// Encodings ICU's detector may return that are plausible for Spanish text; anything else (Shift_JIS
    /// on a short Latin-1 sample, say) is a misfire and the file is read as Windows-1252.
    static let plausibleDetections: Set<String> = [
        "ISO-8859-1", "windows-1252", "ISO-8859-15", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "IBM850",
    ]

    public init() {}

    /// `sample` is the start of the file; `isComplete` tells whether it is the whole file (a multi-byte
    /// sequence cut at the end of a partial sample is not an error).
    public func detect(sample: UnsafeBufferPointer<UInt8>, isComplete: Bool, isHTML: Bool) -> Decision {
        if let bom = Self.byteOrderMark(sample) { return bom }
        switch UTF8Validation.validate(sample) {
        case .valid: return Decision(encoding: "UTF-8", bomLength: 0, basis: "utf8")
        case .truncated where !isComplete: return Decision(encoding: "UTF-8", bomLength: 0, basis: "utf8")
        default: break
        }
        // UTF-8 with a few stray bytes (one record pasted from a Latin-1 source): read as UTF-8 and let the
        // readers reject or mark the bad records, rather than mis-decoding every good one.
        let census = UTF8Validation.census(sample)
        if census.multiByte > 0, census.multiByte >= census.invalid * 2 {
            return Decision(encoding: "UTF-8", bomLength: 0, basis: "utf8-with-errors")
        }
        if isHTML, let declared = HTMLCharsetPrescan.declaredCharset(sample) {
            let label = Self.browserLabel(declared)
            // A page that declares UTF-8 but is not: the declaration is wrong, fall through to detection.
            if label != "UTF-8" { return Decision(encoding: label, bomLength: 0, basis: "meta") }
        }
        if let guess = ICU.detectCharset(sample), Self.plausibleDetections.contains(guess.name) {
            return Decision(encoding: Self.browserLabel(guess.name), bomLength: 0, basis: "detector")
        }
        return Decision(encoding: "windows-1252", bomLength: 0, basis: "default")
    }

    /// WHATWG's mapping of labels: ISO-8859-1, Latin-1 and ASCII all mean Windows-1252.
    public static func browserLabel(_ label: String) -> String {
        let lowered = label.lowercased().trimmingASCIIWhitespace()
        switch lowered {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252",
             "windows-1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            return "windows-1252"
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-15", "iso8859-15", "latin9", "latin-9": return "ISO-8859-15"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        default: return label
        }
    }

    static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Decision? {
        func starts(with prefix: [UInt8]) -> Bool {
            bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
        }
        if starts(with: [0xEF, 0xBB, 0xBF]) { return Decision(encoding: "UTF-8", bomLength: 3, basis: "bom") }
        if starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return Decision(encoding: "UTF-32LE", bomLength: 4, basis: "bom") }
        if starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return Decision(encoding: "UTF-32BE", bomLength: 4, basis: "bom") }
        if starts(with: [0xFF, 0xFE]) { return Decision(encoding: "UTF-16LE", bomLength: 2, basis: "bom") }
        if starts(with: [0xFE, 0xFF]) { return Decision(encoding: "UTF-16BE", bomLength: 2, basis: "bom") }
        return nil
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        Whitespace.trimmed(self)
    }
}
