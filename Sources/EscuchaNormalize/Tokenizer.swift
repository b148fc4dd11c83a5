#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscuchaCore

/// A token's kind and byte range, before normalization.
struct RawToken: Equatable {
    var kind: TokenKind
    var start: Int
    var end: Int

    /// Punctuation ending in `!`, `?`, `.` or `…`: where `Normalizer.terminalStarts` may end a sentence.
    @inline(__always)
    func mayEndSentence(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard kind == .punctuation else { return false }
        let lastByte = bytes[end - 1]
        return lastByte == UInt8(ascii: "!") || lastByte == UInt8(ascii: "?") || lastByte == UInt8(ascii: ".")
            || lastByte == 0xA6 && end - start >= 3
    }
}

/// Where the tokenizer writes a text's raw tokens: room for one token a byte, which no text exceeds (every token holds
/// at least one byte), so an append checks nothing. Appending to an array checked its uniqueness (a runtime call) and
/// its capacity at every token. The room belongs to the caller (`LentBuffers.rawRoom`).
struct RawTokenSink {
    private let base: UnsafeMutablePointer<RawToken>
    private let capacity: Int
    private(set) var count = 0
    /// Whether an emoji or an emoticon was written: sentence segmentation looks at the tokens after those (and at line
    /// breaks) only.
    var hasEmoji: Bool { !emoji.isEmpty }
    /// From the first emoji or emoticon written to the last (`appendEmoji`), empty when there is none: without a line break,
    /// only the tokens right after one may start a sentence of their own (`Normalizer.segmentSentences`).
    private(set) var emoji = 0..<0
    /// From the first punctuation token written that may end a sentence to the last (`RawToken.mayEndSentence`), empty when
    /// there is none: `Normalizer.terminalStarts` looks at these only (walking every token of a text cost about 7
    /// instructions a token, and half of all tokens lie before the first or after the last).
    private(set) var terminals = 0..<0
    /// The indices of the first and the last number written, nil when there is none: phones, cards and RUTs are made of
    /// numbers (`Normalizer.mergeIdentifiers` looks between these only).
    private(set) var numbers: ClosedRange<Int>?

    /// Where the indices of the punctuation tokens that may end a sentence are written, in order (`terminalIndices`).
    private let terminalBase: UnsafeMutablePointer<Int>
    private var terminalCount = 0

    /// `capacity` must be at least the byte count of the text tokenized into it, and `terminals` must have room for as
    /// many indices.
    init(_ base: UnsafeMutablePointer<RawToken>, terminals: UnsafeMutablePointer<Int>, capacity: Int) {
        self.base = base
        terminalBase = terminals
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ token: RawToken) {
        // Holds by construction (see above); checked all the same, since the room is raw memory.
        precondition(count < capacity, "more tokens than bytes")
        (base + count).initialize(to: token)
        count += 1
    }

    /// `append` for a number, noting where it is (`numbers`).
    @inline(__always)
    mutating func appendNumber(start: Int, end: Int) {
        numbers = (numbers?.lowerBound ?? count)...count
        append(RawToken(kind: .number, start: start, end: end))
    }

    /// `append` for an emoji or an emoticon, noting where it is (`emoji`).
    @inline(__always)
    mutating func appendEmoji(_ token: RawToken) {
        emoji = (emoji.isEmpty ? count : emoji.lowerBound)..<(count + 1)
        append(token)
    }

    /// `append` for punctuation or a symbol, noting a punctuation token that may end a sentence (`terminals`).
    @inline(__always)
    mutating func appendMark(_ token: RawToken, in bytes: UnsafeBufferPointer<UInt8>) {
        append(token)
        if token.mayEndSentence(in: bytes) {
            terminals = (terminals.isEmpty ? count - 1 : terminals.lowerBound)..<count
            // Fewer terminals than tokens, so fewer than `capacity` (checked by `append`).
            (terminalBase + terminalCount).initialize(to: count - 1)
            terminalCount += 1
        }
    }

    /// The tokens written.
    var tokens: UnsafeMutableBufferPointer<RawToken> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// The indices of the punctuation tokens written that may end a sentence (`RawToken.mayEndSentence`), ascending: every
    /// one within `terminals`.
    var terminalIndices: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: terminalBase, count: terminalCount) }
}

/// Cuts UTF-8 text into tokens in one pass over the bytes: URLs, emails, mentions, hashtags, emoji
/// (whole grapheme clusters: ZWJ sequences, skin tones, flags, keycaps), emoticons, numbers, words and
/// punctuation. Social text is what ICU's word rules get wrong (`#MalServicio` split in two, a URL in a
/// dozen pieces, emoji with rule status 0), so these are found first; for the rest the boundaries match
/// ICU's word break (checked against it in the tests on the demo corpora).
struct Tokenizer {
    /// Emoticons to recognise by their first byte, longest first.
    let emoticons: [[[UInt8]]]
    let maximumEmoticonLength: Int
    /// Bytes some emoticon starts with, so that most positions skip the emoticon table at once.
    let startsEmoticon: [Bool]

    /// What the tokenizer's loop asks of a token's first byte, one load for all (`letterByte` and the rest): a letter, a
    /// byte some emoticon starts with (`startsEmoticon`), `h` or `w` (`startsURLPrefix`), and for an ASCII byte that can
    /// only start a punctuation or symbol token (not a letter, digit, space or control, nor `@` `#` `*` `+`, which start
    /// handles, keycaps and numbers) which of the two (`isPunctuation`). Such a byte, unless it and the next may start an
    /// emoticon (`emoticonPairs`), is a mark token at once: the way through every other test cost about 200 instructions
    /// a mark (one token in eight).
    let byteClasses: [UInt8]
    static let letterByte: UInt8 = 1, emoticonByte: UInt8 = 2, linkByte: UInt8 = 4
    static let punctuationByte: UInt8 = 8, symbolByte: UInt8 = 16
    /// The first two bytes of every emoticon, one bit a pair (`first << 8 | second`); for an emoticon of one byte, every
    /// pair it starts.
    let emoticonPairs: [UInt64]

    init(emoticons: some Sequence<String>) {
        let list = emoticons.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        var byFirstByte = [[[UInt8]]](repeating: [], count: 256)
        for emoticon in list where !emoticon.isEmpty { byFirstByte[Int(emoticon[0])].append(emoticon) }
        self.emoticons = byFirstByte
        startsEmoticon = byFirstByte.map { !$0.isEmpty }
        maximumEmoticonLength = list.first?.count ?? 0
        var pairs = [UInt64](repeating: 0, count: 1 << 10)
        for emoticon in list where !emoticon.isEmpty {
            let seconds = emoticon.count > 1 ? [emoticon[1]] : Array(0...255)
            for second in seconds {
                let pair = Int(emoticon[0]) << 8 | Int(second)
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        emoticonPairs = pairs
        let startsEmoticon = startsEmoticon
        byteClasses = (0...UInt8.max).map { byte in
            let scalar = Unicode.Scalar(byte)
            var byteClass: UInt8 = startsEmoticon[Int(byte)] ? Self.emoticonByte : 0
            if CharacterClass.isASCIILetter(byte) { byteClass |= Self.letterByte }
            if byte | 0x20 == UInt8(ascii: "h") || byte | 0x20 == UInt8(ascii: "w") { byteClass |= Self.linkByte }
            if byte > 0x20, byte < 0x7F, !CharacterClass.isASCIILetter(byte), !CharacterClass.isDigit(byte),
               !"@#*+".unicodeScalars.contains(scalar) {
                byteClass |= Self.isPunctuation(scalar) ? Self.punctuationByte : Self.symbolByte
            }
            return byteClass
        }
    }

    /// Whether an emoticon may start with the byte at `index` and the next (true at the text's last byte, where the fast
    /// way of `byteClasses` is not taken).
    @inline(__always)
    func mayStartEmoticon(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index + 1 < bytes.count else { return true }
        let pair = Int(bytes[index]) << 8 | Int(bytes[index + 1])
        return emoticonPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    /// The tokens of `bytes`, appended to `tokens` (room for one a byte, which the normalizer lends per thread).
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout RawTokenSink) {
        var index = 0
        let count = bytes.count
        // Most texts have no email or URL: look once for their marks instead of at every token.
        // `memchr`, not `contains`: a byte at a time over every text without an `@` cost 3.8 M instructions a megabyte.
        // The last `@` (-1 when there is none), found `@` by `@`: an email's local part ends at its `@`, so no word after the
        // last one starts an email (the local-part test cost about 40 instructions a word, and in a text with a mention, three
        // words in four come after it).
        var lastAt = -1
        if let base = bytes.baseAddress {
            while lastAt + 1 < count, let found = memchr(base + lastAt + 1, Int32(UInt8(ascii: "@")), count - lastAt - 1) {
                lastAt = UnsafeRawPointer(base).distance(to: found)
            }
        }
        let hasAt = lastAt >= 0
        // Whether the text holds a link's mark (`hasURLMark`) is asked only where `url` could find a link (`startsURLPrefix`):
        // looking for the marks in every text first cost about 230 instructions a text without an `@`.
        var previousIndex = -1
        while index < count {
            let byte = bytes[index]
            // Most tokens are plain words: a letter starts one, so skip the other tests, unless it may start an
            // emoticon (a letter some emoticon starts with, not followed by a lowercase letter: `xD`, not `como`) or,
            // a URL (`startsURLPrefix`, in a text with a link's mark) or an email (before an `@`, a run of an address's
            // characters stopping at one of its marks). Texts with an `@` or a link (a third of the 1 MB sample's lines) took
            // the tests below for every word.
            // Tested first: no space starts with a letter's byte, and this way always moves forward, so a word needs neither
            // the space tests nor the guard below (about 9 instructions a word).
            let byteClass = byteClasses[Int(byte)]
            if byteClass & Self.letterByte != 0
                || (byte == 0xC3 && index + 1 < count && bytes[index + 1] != 0x97 && bytes[index + 1] != 0xB7),
               byteClass & Self.emoticonByte == 0 || Self.startsPlainWord(bytes, index),
               !(byteClass & Self.linkByte != 0 && Self.startsURLPrefix(bytes, index) && Self.hasURLMark(bytes, hasAt: hasAt)
                 || index < lastAt && Self.localRunStopsAtEmailMark(bytes, index)) {
                let end = plainWordEnd(bytes, index)
                tokens.append(RawToken(kind: .word, start: index, end: end))
                // The space after a word, the commonest byte there, is passed here rather than by a turn of the loop.
                index = end < count && bytes[end] == 0x20 ? end + 1 : end
                continue
            }
            // Spaces.
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                index += 1
                continue
            }
            // Punctuation and symbols that start nothing else (`byteClasses`): runs of `.`, and of `!` and `?`, as below.
            if byteClass & (Self.punctuationByte | Self.symbolByte) != 0,
               byteClass & Self.emoticonByte == 0 || !mayStartEmoticon(bytes, index) {
                var end = index + 1
                if byte == UInt8(ascii: ".") {
                    while end < count, bytes[end] == UInt8(ascii: ".") { end += 1 }
                } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                    while end < count, bytes[end] == UInt8(ascii: "!") || bytes[end] == UInt8(ascii: "?") { end += 1 }
                }
                let kind: TokenKind = byteClass & Self.punctuationByte != 0 ? .punctuation : .symbol
                tokens.appendMark(RawToken(kind: kind, start: index, end: end), in: bytes)
                index = end
                continue
            }
            if byte >= 0x80 {
                let (scalar, length) = decodeScalar(bytes, at: index)
                if CharacterClass.isSpace(scalar) {
                    index += length
                    continue
                }
            }
            // Every branch below moves forward; this guard turns a bug into one odd token, never a hang.
            if index <= previousIndex {
                let length = decodeScalar(bytes, at: index).length
                tokens.append(RawToken(kind: .symbol, start: index, end: index + length))
                index += length
                continue
            }
            previousIndex = index
            // Only URLs, emails and emoticons care whether a token starts after a boundary.
            let startsURL = Self.startsURLPrefix(bytes, index)
            let mayNeedBoundary = startsURL || hasAt || startsEmoticon[Int(byte)]
            let atBoundary = mayNeedBoundary && (index == 0 || Self.isBoundaryBefore(bytes, index))
            // `url` is asked only where its prefixes start: in a text with a link it was asked at every token that is not a
            // plain word (about 80 instructions each).
            if atBoundary, startsURL, Self.hasURLMark(bytes, hasAt: hasAt), let end = url(bytes, index) {
                tokens.append(RawToken(kind: .url, start: index, end: end))
                index = end
                continue
            }
            // An email is a run of local-part characters followed by '@': test only where the run stops at one
            // of the characters an address may hold there.
            if atBoundary, index < lastAt, Self.localRunStopsAtEmailMark(bytes, index), let end = email(bytes, index) {
                tokens.append(RawToken(kind: .email, start: index, end: end))
                index = end
                continue
            }
            if atBoundary, startsEmoticon[Int(byte)], !Self.startsPlainWord(bytes, index), let match = emoticon(bytes, index) {
                tokens.appendEmoji(RawToken(kind: .emoticon, start: index, end: match))
                index = match
                continue
            }
            if (byte == UInt8(ascii: "@") || byte == UInt8(ascii: "#")), index + 1 < count {
                let end = wordEnd(bytes, index + 1, allowUnderscore: true)
                if end > index + 1 {
                    tokens.append(RawToken(kind: byte == UInt8(ascii: "@") ? .mention : .hashtag, start: index, end: end))
                    index = end
                    continue
                }
            }
            // Keycap emoji (1️⃣ #️⃣) start with a digit, # or *.
            if byte < 0x80, index + 3 < count, bytes[index + 1] == 0xEF || bytes[index + 1] == 0xE2, let end = emojiEnd(bytes, index) {
                tokens.appendEmoji(RawToken(kind: .emoji, start: index, end: end))
                index = end
                continue
            }
            if CharacterClass.isDigit(byte) || (byte == UInt8(ascii: "+") && index + 1 < count && CharacterClass.isDigit(bytes[index + 1])) {
                let end = numberEnd(bytes, index)
                // Digits glued to letters (`4g`, `2x1`, `salu2`): a word. Not after a `+`, which no word holds.
                if byte != UInt8(ascii: "+"), end < count,
                   CharacterClass.isASCIILetter(bytes[end]) || bytes[end] >= 0xC3 && isLetterAt(bytes, end) {
                    let wordStop = wordEnd(bytes, index, allowUnderscore: false)
                    // A unit written against its amount (`17horas`, `3dias`, `40min`) is the amount and the unit.
                    if wordStop > end, Self.isGluedUnit(bytes, end..<wordStop) {
                        tokens.appendNumber(start: index, end: end)
                        tokens.append(RawToken(kind: .word, start: end, end: wordStop))
                        index = wordStop
                        continue
                    }
                    if wordStop > index {
                        tokens.append(RawToken(kind: .word, start: index, end: wordStop))
                        index = wordStop
                        continue
                    }
                }
                tokens.appendNumber(start: index, end: end)
                index = end
                continue
            }
            // Here an ASCII byte is a letter (one an emoticon or an address may start) or punctuation: it starts no emoji
            // (digits were numbers, and keycaps were tried above), and a letter is told by its byte. Punctuation, about
            // one token in eight, goes straight on below (through `isLetterAt` and `emojiEnd`, about 60 instructions a token).
            if byte < 0x80 ? CharacterClass.isASCIILetter(byte) : isLetterAt(bytes, index) {
                let end = wordEnd(bytes, index, allowUnderscore: false)
                tokens.append(RawToken(kind: .word, start: index, end: end))
                index = end
                continue
            }
            if byte >= 0x80, let end = emojiEnd(bytes, index) {
                tokens.appendEmoji(RawToken(kind: .emoji, start: index, end: end))
                index = end
                continue
            }
            // Punctuation and symbols: runs of ! and ? (and of the same mark) stay one token.
            let (scalar, length) = decodeScalar(bytes, at: index)
            var end = index + length
            if scalar == "!" || scalar == "?" || scalar == "¡" || scalar == "¿" || scalar == "." {
                while end < count {
                    let next = bytes[end]
                    let isRunMark = scalar == "." ? next == UInt8(ascii: ".")
                        : next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
                        || (scalar == "¡" || scalar == "¿") && next == 0xC2 && end + 1 < count && (bytes[end + 1] == 0xA1 || bytes[end + 1] == 0xBF)
                    guard isRunMark else { break }
                    end += next == 0xC2 ? 2 : 1
                }
            }
            tokens.appendMark(RawToken(kind: Self.isPunctuation(scalar) ? .punctuation : .symbol, start: index, end: end), in: bytes)
            index = end
        }
    }

    @inline(__always)
    static func localRunStopsAtEmailMark(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        var index = start
        // Eight bytes at a time (`asciiWordRun`): asked at most words of a text with an `@`.
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let run = asciiWordRun(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                index += run
                if run < 8 { break }
            }
        }
        while index < bytes.count, isASCIIWordByte(bytes[index]) { index += 1 }
        guard index < bytes.count, index > start else { return false }
        let stop = bytes[index]
        return stop == UInt8(ascii: "@") || stop == UInt8(ascii: ".") || stop == UInt8(ascii: "_") || stop == UInt8(ascii: "-")
            || stop == UInt8(ascii: "+")
    }

    /// Whether `url` may find a link here: the four bytes are `http` or `www.` as `url` compares its prefixes (every byte
    /// with 0x20 set), from one load. False means `url` finds none, so a word starting here is a plain word.
    @inline(__always)
    static func startsURLPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        // The first byte alone first (`h` or `w`, in either case): most words are neither.
        let first = bytes[index] | 0x20
        guard first == UInt8(ascii: "h") || first == UInt8(ascii: "w"), index + 4 <= bytes.count, let base = bytes.baseAddress else {
            return false
        }
        let four = UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)) | 0x2020_2020
        return four == 0x7074_7468 || four == 0x2E77_7777  // "http", "www." little-endian
    }

    /// Whether the text holds a link's mark: an `@`, `http`, `www.` or `WWW.` anywhere. `url` is tried only in such a text
    /// (a rule older than `startsURLPrefix`, kept so that tokens stay as they were).
    @inline(never)
    static func hasURLMark(_ bytes: UnsafeBufferPointer<UInt8>, hasAt: Bool) -> Bool {
        hasAt || contains(bytes, "http") || contains(bytes, "www.") || contains(bytes, "WWW.")
    }

    /// A lowercase letter followed by another lowercase letter starts a word, never an emoticon (`como`
    /// is not `c:`); `xd` is the one emoticon spelled that way.
    @inline(__always)
    static func startsPlainWord(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let first = bytes[index]
        guard first >= 0x61, first <= 0x7A, index + 1 < bytes.count else { return false }
        let second = bytes[index + 1]
        if first == UInt8(ascii: "x"), second == UInt8(ascii: "d") { return false }
        return (second >= 0x61 && second <= 0x7A) || second >= 0xC3
    }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        bytes.contains(bytes: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", ";", ":", "!", "?", "¡", "¿", "(", ")", "[", "]", "{", "}", "\"", "'", "«", "»", "“", "”", "‘", "’",
             "…", "-", "–", "—", "/", "\\", "·", "•":
            return true
        default:
            return false
        }
    }

    /// Whether the byte before `index` ends a token (space, punctuation, start of text).
    static func isBoundaryBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous < 0x80 { return !(CharacterClass.isASCIILetter(previous) || CharacterClass.isDigit(previous) || previous == UInt8(ascii: "_")) }
        // A non-ASCII character before: a boundary unless it is a letter.
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return !CharacterClass.isLetter(decodeScalar(bytes, at: start).scalar)
    }

    func isLetterAt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return CharacterClass.isASCIILetter(byte) }
        // Latin-1 letters (á é í ó ú ñ ü…) are C3 80–BF but × and ÷ (C3 97, C3 B7).
        if byte == 0xC3, index + 1 < bytes.count { return bytes[index + 1] != 0x97 && bytes[index + 1] != 0xB7 }
        return CharacterClass.isLetter(decodeScalar(bytes, at: index).scalar)
    }

    /// ASCII letters and digits: they continue a word (underscore is decided by the caller).
    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26
    }

    /// How many of the eight bytes (little-endian, first byte lowest) are ASCII letters or digits before
    /// the first that is not, found for all eight at once: for a byte below 0x80, adding `0x80 - low`
    /// sets its top bit exactly when it is at least `low`, and no addition carries into the next byte.
    @inline(__always)
    static func asciiWordRun(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let ascii = ~word & high                       // top bit set where the byte is ASCII
        let seven = word & ~high                       // the low seven bits of every byte
        let lower = seven | (0x20 &* ones)             // ASCII letters folded to lowercase
        let letter = (lower &+ (0x80 - 0x61) &* ones) & ~(lower &+ (0x7F - 0x7A) &* ones)
        let digit = (seven &+ (0x80 - 0x30) &* ones) & ~(seven &+ (0x7F - 0x39) &* ones)
        let wordBytes = (letter | digit) & ascii & high
        let stops = ~wordBytes & high
        return stops == 0 ? 8 : stops.trailingZeroBitCount / 8
    }

    /// `wordEnd` without underscores. A word of ASCII letters and digits shorter than eight bytes that ends at an ASCII byte
    /// other than the hyphen and the apostrophe (which may join it to the next letters) is found from one load (up to sixteen
    /// bytes, from two). Most words are such words, and this runs in the tokenizer's loop, where the call to `wordEnd` cost
    /// about 60 instructions a word.
    /// Any other word goes on in `wordEnd` past the letters and digits that load found (reading them again cost about 25).
    @inline(__always)
    func plainWordEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard start + 8 <= bytes.count, let base = bytes.baseAddress else { return wordEnd(bytes, start, allowUnderscore: false) }
        let run = Self.asciiWordRun(UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        var end = start + run
        var stopped = run > 0 && run < 8
        // A word of eight letters or more (about one word in nine): its next eight bytes from a second load (the call to
        // `wordEnd` cost about 60 instructions for such a word).
        if run == 8, end + 8 <= bytes.count {
            let more = Self.asciiWordRun(UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
            end += more
            stopped = more < 8
        }
        if stopped {
            let stop = bytes[end]
            if stop < 0x80, stop != UInt8(ascii: "-"), stop != UInt8(ascii: "'") { return end }
        }
        return wordEnd(bytes, start, from: end, allowUnderscore: false)
    }

    /// End of a word: letters, digits, combining marks; an apostrophe, hyphen or dot between letters
    /// joins (`check-in`, `e-mail`); underscores for handles and hashtags. `from`: where to go on reading, when the
    /// bytes from `start` up to it are known ASCII letters or digits.
    func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, from resume: Int? = nil, allowUnderscore: Bool) -> Int {
        var index = resume ?? start
        let count = bytes.count
        while index < count {
            // Eight bytes at a time while they are all ASCII letters or digits (most of most words).
            if index + 8 <= count, let base = bytes.baseAddress {
                let run = Self.asciiWordRun(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                index += run
                if run == 8 { continue }
            }
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if Self.isASCIIWordByte(byte) || (allowUnderscore && byte == UInt8(ascii: "_")) {
                    index += 1
                    continue
                }
                if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'")), index > start, index + 1 < count, isLetterAt(bytes, index + 1),
                   isLetterAt(bytes, index - 1) {
                    index += 1
                    continue
                }
                return index
            }
            if byte == 0xC3, index + 1 < count, bytes[index + 1] != 0x97, bytes[index + 1] != 0xB7 {
                index += 2  // á é í ó ú ñ ü and the rest of Latin-1's letters
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: index)
            if CharacterClass.isLetter(scalar) || CharacterClass.isCombiningMark(scalar) {
                index += length
                continue
            }
            return index
        }
        return index
    }

    /// Units of time and money that customers glue to the amount. `4g`, `2x1`, `salu2` stay one word.
    static let gluedUnits: Set<[UInt8]> = Set(["h", "hr", "hrs", "hora", "horas", "min", "mins", "minuto", "minutos", "seg", "segundos",
                                                "dia", "dias", "día", "días", "semana", "semanas", "mes", "meses", "año", "años", "euros",
                                                "pesos", "soles", "dolares", "dólares"].map { Array($0.utf8) })

    static func isGluedUnit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= 9 else { return false }
        // ASCII letters lowercased; the accented letters of the list are lowercase already.
        let lowered = bytes[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return gluedUnits.contains(lowered)
    }

    /// End of a number: digits with inner `.` `,` `:` `/` between digits (`1.234,56`, `14:05`, `21/03/2024`),
    /// a leading `+`, and a trailing `%`, `º` or `ª`.
    func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        let count = bytes.count
        if bytes[index] == UInt8(ascii: "+") { index += 1 }
        while index < count {
            let byte = bytes[index]
            if CharacterClass.isDigit(byte) {
                index += 1
            } else if [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/")].contains(byte),
                      index + 1 < count, CharacterClass.isDigit(bytes[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        if index < count, bytes[index] == UInt8(ascii: "%") { index += 1 }
        if index + 1 < count, bytes[index] == 0xC2, bytes[index + 1] == 0xBA || bytes[index + 1] == 0xAA { index += 2 }
        return index
    }

    /// `http://`, `https://` or `www.` up to the next space; trailing punctuation is not part of it
    /// (a closing parenthesis only when there is no opening one inside).
    func url(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard start + length <= bytes.count else { return false }
            for offset in 0..<length where bytes[start + offset] | 0x20 != prefix.utf8Start[offset] | 0x20 { return false }
            return true
        }
        guard hasPrefix("http://") || hasPrefix("https://") || hasPrefix("www.") else { return nil }
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte <= 0x20 { break }
            if byte >= 0x80 {
                let (scalar, length) = decodeScalar(bytes, at: end)
                if CharacterClass.isSpace(scalar) || CharacterClass.isEmojiBase(scalar) || scalar == "»" || scalar == "”" { break }
                end += length
                continue
            }
            end += 1
        }
        let opens = bytes[start..<end].filter { $0 == UInt8(ascii: "(") }.count
        while end > start, let last = Optional(bytes[end - 1]),
              [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
               UInt8(ascii: "\""), UInt8(ascii: "'")].contains(last) || (last == UInt8(ascii: ")") && opens == 0) {
            end -= 1
        }
        return end - start > 4 ? end : nil
    }

    /// `local@domain.tld` starting here.
    func email(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        func isLocal(_ byte: UInt8) -> Bool {
            CharacterClass.isASCIILetter(byte) || CharacterClass.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
        var index = start
        while index < bytes.count, isLocal(bytes[index]) { index += 1 }
        guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: "@") else { return nil }
        index += 1
        let domainStart = index
        var lastDot = -1
        while index < bytes.count {
            let byte = bytes[index]
            if CharacterClass.isASCIILetter(byte) || CharacterClass.isDigit(byte) || byte == UInt8(ascii: "-") {
                index += 1
            } else if byte == UInt8(ascii: "."), index + 1 < bytes.count, CharacterClass.isASCIILetter(bytes[index + 1]) || CharacterClass.isDigit(bytes[index + 1]) {
                lastDot = index
                index += 1
            } else {
                break
            }
        }
        guard lastDot > domainStart, index - lastDot > 2 else { return nil }
        return index
    }

    /// An emoticon from the table starting here, followed by a boundary.
    func emoticon(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        let first = bytes[start]
        // Emoticons start with ASCII punctuation or a few letters (xD, XD, D:, c:, T_T, u_u, o_O).
        guard first < 0x80, maximumEmoticonLength > 0 else { return nil }
        for candidate in emoticons[Int(first)] where start + candidate.count <= bytes.count {
            guard bytes[start..<(start + candidate.count)].elementsEqual(candidate) else { continue }
            let end = start + candidate.count
            if end < bytes.count {
                let next = bytes[end]
                if CharacterClass.isASCIILetter(next) || CharacterClass.isDigit(next) { continue }
                if next >= 0xC3, isLetterAt(bytes, end) { continue }
            }
            // A letter-initial emoticon (`xD`) must not be the end of a word.
            return end
        }
        return nil
    }

    /// One emoji grapheme cluster: pictograph or keycap or flag, with modifiers and ZWJ sequences.
    func emojiEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        let count = bytes.count
        let (first, firstLength) = decodeScalar(bytes, at: start)
        var index = start + firstLength
        if CharacterClass.isRegionalIndicator(first) {
            if index < count {
                let (second, secondLength) = decodeScalar(bytes, at: index)
                if CharacterClass.isRegionalIndicator(second) { index += secondLength }
            }
            return index
        }
        // Keycaps: 1️⃣ #️⃣ are a digit or #/* followed by FE0F? and U+20E3.
        if first.value < 0x80 {
            guard first == "#" || first == "*" || (first.value >= 0x30 && first.value <= 0x39) else { return nil }
            var probe = index
            if probe + 2 < count, bytes[probe] == 0xEF, bytes[probe + 1] == 0xB8, bytes[probe + 2] == 0x8F { probe += 3 }
            if probe + 2 < count, bytes[probe] == 0xE2, bytes[probe + 1] == 0x83, bytes[probe + 2] == 0xA3 { return probe + 3 }
            return nil
        }
        guard CharacterClass.isEmojiBase(first) || CharacterClass.isSkinTone(first) else { return nil }
        while index < count {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if CharacterClass.isEmojiComponent(scalar) {
                index += length
            } else if scalar.value == CharacterClass.zeroWidthJoiner, index + length < count {
                let (next, nextLength) = decodeScalar(bytes, at: index + length)
                guard CharacterClass.isEmojiBase(next) else { break }
                index += length + nextLength
            } else {
                break
            }
        }
        return index
    }
}
