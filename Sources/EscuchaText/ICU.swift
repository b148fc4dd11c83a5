import CEscuchaICU

/// Thin Swift faces of the ICU calls in CEscuchaICU.
public enum ICU {
    /// The system ICU's version, e.g. `72.1`.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        escucha_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// ICU's charset detector: the best guess and its confidence (0–100). Confidence means little on
    /// short inputs; callers validate UTF-8 themselves first.
    public static func detectCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, confidence: Int)? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var name = [CChar](repeating: 0, count: 64)
        var confidence: Int32 = 0
        let status = escucha_icu_detect_charset(base, Int32(clamping: bytes.count), &name, Int32(name.count), &confidence)
        guard status <= 0 else { return nil }
        let text = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? nil : (text, Int(confidence))
    }
}

/// Streaming conversion from any charset ICU knows to UTF-8. A class because it owns ICU converters.
public final class Transcoder {
    private let handle: OpaquePointer
    public let charset: String
    /// Input bytes that were illegal or unmappable and became U+FFFD so far.
    public private(set) var substitutions: Int64 = 0

    public init?(charset: String) {
        var status: Int32 = 0
        guard let handle = escucha_transcoder_open(charset, &status), status <= 0 else { return nil }
        self.handle = handle
        self.charset = charset
    }

    deinit { escucha_transcoder_close(handle) }

    /// Converts `input` and appends UTF-8 to `output`. Pass `flush: true` with the last chunk; a sequence
    /// cut at the end of a chunk is kept inside the converter until the next call.
    public func convert(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], flush: Bool) {
        var scratch = [UInt8](repeating: 0, count: max(4096, input.count * 3 + 16))
        let emptyInput: [UInt8] = [0]
        emptyInput.withUnsafeBufferPointer { fallback in
            var sourcePointer: UnsafePointer<UInt8>? = input.baseAddress ?? fallback.baseAddress
            let sourceLimit = sourcePointer.map { $0 + input.count }
            while true {
                let (status, written) = scratch.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    let start = target.baseAddress!
                    var targetPointer: UnsafeMutablePointer<UInt8>? = start
                    var count: Int64 = 0
                    let status = escucha_transcoder_convert(handle, &sourcePointer, sourceLimit, &targetPointer,
                                                            start + target.count, flush ? 1 : 0, &count)
                    substitutions = count
                    return (status, targetPointer! - start)
                }
                output.append(contentsOf: scratch[0..<written])
                if status != 15 { break }  // 15: output buffer full, go round again
            }
        }
    }

    public func convert(_ input: [UInt8], into output: inout [UInt8], flush: Bool) {
        input.withUnsafeBufferPointer { convert($0, into: &output, flush: flush) }
    }
}

extension ICU {
    /// NFKC + case folding (what matching compares): `ÉXITO` → `éxito`, `ﬁ` → `fi`, full-width → ASCII.
    public static func nfkcCasefold(_ text: String) -> String {
        normalize(text, escucha_nfkc_casefold_utf8)
    }

    /// NFC (what display and offsets use): composes `e` + U+0301 into `é`.
    public static func nfc(_ text: String) -> String {
        normalize(text, escucha_nfc_utf8)
    }

    private static func normalize(
        _ text: String,
        _ function: (UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<UInt8>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
    ) -> String {
        text.withUTF8Bytes { input -> String in
            guard !input.isEmpty else { return "" }
            var capacity = input.count * 3 + 16
            while true {
                var status: Int32 = 0
                var written: Int32 = 0
                let result = String(unsafeUninitializedCapacity: capacity) { output in
                    written = function(input.baseAddress, Int32(input.count), output.baseAddress, Int32(capacity), &status)
                    return status > 0 ? 0 : Int(written)
                }
                if status == ESCUCHA_ICU_BUFFER_OVERFLOW, Int(written) > capacity {
                    capacity = Int(written) + 16
                    continue
                }
                return status > 0 ? text : result
            }
        }
    }

    public enum BreakKind {
        case word, sentence
    }

    /// ICU's boundaries (locale `es`) as UTF-8 byte offsets, from 0 to the text's length. For words, each
    /// segment's rule status comes too (>= 100 for words, 0 for spaces, punctuation and emoji).
    public static func breaks(_ kind: BreakKind, in text: String) -> (boundaries: [Int], ruleStatus: [Int32]) {
        guard !text.isEmpty else { return ([0], [0]) }
        return text.withUTF8Bytes { bytes in
            var capacity = max(16, bytes.count / 2 + 2)
            while true {
                var boundaries = [Int32](repeating: 0, count: capacity)
                var statuses = [Int32](repeating: 0, count: capacity)
                var status: Int32 = 0
                let count = escucha_break_utf8(kind == .word ? ESCUCHA_BREAK_WORD : ESCUCHA_BREAK_SENTENCE, bytes.baseAddress,
                                               Int32(bytes.count), &boundaries, &statuses, Int32(capacity), &status)
                guard status <= 0 else { return ([0, bytes.count], [0, 0]) }
                if Int(count) > capacity {
                    capacity = Int(count)
                    continue
                }
                return (boundaries.prefix(Int(count)).map(Int.init), Array(statuses.prefix(Int(count))))
            }
        }
    }
}
