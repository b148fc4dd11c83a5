#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscuchaCore

/// Repairs classic mojibake: UTF-8 bytes that were decoded as Windows-1252/Latin-1 somewhere upstream
/// (`atenciÃ³n` → `atención`, `Â¿QuÃ© tal?` → `¿Qué tal?`, `â‚¬` → `€`), also twice over.
///
/// Unambiguous only: each run of non-ASCII Latin-1/Windows-1252 characters is re-encoded to bytes and
/// must decode as valid UTF-8, with at least one multi-byte sequence; otherwise the run stays as it
/// was. A correctly written `ó` on its own is one byte 0xF3 after re-encoding, which is not valid
/// UTF-8, so correct text is never touched, even mixed with broken text.
public enum MojibakeRepair {
    /// Returns the repaired text, or nil when there was nothing to repair.
    public static func repair(_ text: String) -> String? {
        guard mayContainMojibake(text) else { return nil }
        var current = text
        var changed = false
        // Text mangled twice (`atenciÃƒÂ³n`) needs two rounds.
        for _ in 0..<2 {
            guard let next = repairOnce(current) else { break }
            current = next
            changed = true
        }
        return changed ? current : nil
    }

    /// Cheap pre-check on UTF-8: mojibake of Spanish text always contains `Ã` (C3 83) or `Â` (C3 82)
    /// or `â` (C3 A2, lead of € “ ” … in mangled form).
    public static func mayContainMojibake(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard bytes.count >= 2, let base = bytes.baseAddress else { return false }
            // memchr for the lead byte C3, then look at the next byte.
            var index = 0
            while index < bytes.count - 1 {
                guard let hit = memchr(base + index, 0xC3, bytes.count - 1 - index) else { return false }
                let position = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                let next = bytes[position + 1]
                if next == 0x83 || next == 0x82 || next == 0xA2 { return true }
                index = position + 1
            }
            return false
        }
    }

    private static func repairOnce(_ text: String) -> String? {
        var output = String.UnicodeScalarView()
        var runBytes: [UInt8] = []
        var runScalars: [Unicode.Scalar] = []
        var changed = false

        // Within a run, each well-formed multi-byte sequence is decoded; any other byte keeps the
        // character it was, so a correct `ñ` next to a broken `Ã³` survives.
        func flush() {
            var index = 0
            while index < runBytes.count {
                let length = sequenceLength(lead: runBytes[index])
                if length >= 2, index + length <= runBytes.count,
                   UTF8Validation.validate(runBytes[index..<(index + length)]) == .valid {
                    output.append(contentsOf: String(decoding: runBytes[index..<(index + length)], as: UTF8.self).unicodeScalars)
                    index += length
                    changed = true
                } else {
                    output.append(runScalars[index])
                    index += 1
                }
            }
            runBytes.removeAll(keepingCapacity: true)
            runScalars.removeAll(keepingCapacity: true)
        }

        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80, let byte = Windows1252.byte(for: scalar.value) {
                runBytes.append(byte)
                runScalars.append(scalar)
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return changed ? String(output) : nil
    }

    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }
}
