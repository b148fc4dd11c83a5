#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscuchaCore
import EscuchaLexicon
import EscuchaText

/// Decoded text in, tokens and sentences out, each token still knowing where it came from.
///
/// One pure, `Sendable` value: build it once (it holds the lexicons) and call `normalize` from any thread.
public struct Normalizer: Sendable {
    public let lexicons: NormalizationLexicons
    let tokenizer: Tokenizer
    let segmenter: HashtagSegmenter
    let morphology: Morphology
    /// `lexicons.vocabulary`, answered from an NFC word's bytes (`NFCKeyedTable`): a new word's reading asks it often.
    public var vocabulary: NFCKeyedTable<Double> { morphology.vocabulary }
    /// The forms every thread has worked out, asked when this thread's memo (`LentBuffers.forms`) misses (`SharedFormsTable`).
    let sharedForms = SharedFormsTable()
    /// `lemmaCandidates` of words already asked about on this thread: the sentiment model and each topic
    /// matcher ask about every new surface, and working them out is dozens of string operations.
    let candidatesMemo = ThreadLocal { WordMemo<[(lemma: String, rule: String)]>() }
    /// Each thread's buffers for a text's raw tokens and tokens, lent to every `normalize`: an array made per text
    /// costs a metadata lookup, an allocation and a free. The tokens come back through `recycle`. The thread's forms
    /// memo is kept with them: a thread-local of its own cost a second lookup per text (about 65 instructions).
    let lentBuffers = ThreadLocal { LentBuffers() }
    let abbreviationKeys: AbbreviationKeys
    /// Each surface's keys for term matching, shared by the stages that match terms (`surfaceKeys`).
    let surfaceKeysMemo = SurfaceKeysMemo()

    public init(lexicons: NormalizationLexicons) {
        self.lexicons = lexicons
        tokenizer = Tokenizer(emoticons: EntityEscapes.withEscapedSpellings(lexicons.emoticons.keys))
        segmenter = HashtagSegmenter(spellings: lexicons.vocabularyByKey, zipf: lexicons.vocabulary)
        morphology = Morphology(vocabulary: lexicons.vocabulary, irregular: lexicons.lemmas, masculine: lexicons.masculine)
        abbreviationKeys = AbbreviationKeys(lexicons.abbreviations)
    }

    /// Loads the lexicons from a folder (`lexicons/es`) and validates them.
    public init(lexiconDirectory: String) throws(LexiconError) {
        self.init(lexicons: try NormalizationLexicons.load(directory: lexiconDirectory, key: { Folding.key(Folding.fold($0)) }))
    }

    public func normalize(_ text: String) -> NormalizedText {
        let lent = lentBuffers.value
        return text.withUTF8Bytes { bytes in
            // Declared in the closure: captured from outside, every access to it went through a box.
            // `rawRoom` first: it resizes the terminals' room too (arguments are evaluated left to right).
            var sink = RawTokenSink(lent.rawRoom(for: bytes.count), terminals: lent.terminalRoom, capacity: bytes.count)
            tokenizer.tokenize(bytes, into: &sink)
            var raw = sink.tokens
            var terminals = sink.terminals, emoji = sink.emoji
            var terminalIndices: UnsafeBufferPointer<Int>? = sink.terminalIndices
            // Phones, cards and RUTs are made of digits: most texts have none. Merging only joins tokens, so the merged
            // list fits where the tokens were.
            if let numbers = sink.numbers, let merged = mergeIdentifiers(UnsafeBufferPointer(raw), bytes, numbers: numbers) {
                raw = UnsafeMutableBufferPointer(rebasing: raw[..<merged.count])
                _ = raw.update(fromContentsOf: merged)
                // The tokens after a merge have moved: sentence segmentation then looks at all of them.
                if !terminals.isEmpty { terminals = raw.indices }
                terminalIndices = nil
                if !emoji.isEmpty { emoji = raw.indices }
            }
            var offsets = UTF16Offsets(bytes)
            var tokens: [Token] = []
            swap(&tokens, &lent.tokens)
            tokens.reserveCapacity(raw.count)
            let memo = lent.forms
            // Whether some token's kind is not its raw kind (laughter, an id): most texts have none, and then the spans
            // need no refining (a pass that wrote kinds back cost 25 instructions a token).
            var refined = false
            // The lent array still holds the last text's tokens (`recycle`): each is overwritten, its release part of the
            // write, and only those past this text's count are removed. Emptied in `recycle`, the array was destroyed token
            // by token through the type's metadata and the generic `replaceSubrange` (about 8 instructions a token more).
            for index in raw.indices {
                let span = raw[index]
                let utf16Start = offsets.offset(at: span.start)
                let token: Token
                // Most tokens are surfaces this thread has seen: their forms come from its memo here, in the loop, and only
                // the others go through `makeToken` (a call with the whole analysis's frame cost 60 instructions a token).
                // Personal data is analysed every time and never kept in the memo.
                if !span.kind.isPersonalData, let forms = memo.lookup(span.start..<span.end, in: bytes),
                   forms.tokenizedAs == span.kind {
                    if forms.kind != span.kind { refined = true }
                    // The surface's UTF-16 length is known: its bytes need not be counted again.
                    let utf16End = utf16Start + forms.utf16Count
                    offsets.skip(to: span.end, offset: utf16End)
                    token = Token(kind: forms.kind, utf8: span.start..<span.end, utf16: utf16Start..<utf16End, forms: forms)
                } else {
                    let utf16End = offsets.offset(at: span.end)
                    token = makeToken(span, index: index, all: UnsafeBufferPointer(raw), bytes: bytes, utf16: utf16Start..<utf16End, memo: memo)
                    if token.kind != span.kind { refined = true }
                }
                if index < tokens.count { tokens[index] = token } else { tokens.append(token) }
            }
            while tokens.count > raw.count { tokens.removeLast() }
            // Sentences are found on these plain spans (no copies of tokens), with the refined kinds.
            if refined {
                for index in raw.indices where raw[index].kind == .word || raw[index].kind.isPersonalData || raw[index].kind == .number {
                    raw[index].kind = tokens[index].kind
                }
            }
            let sentences = segmentSentences(bytes: bytes, spans: UnsafeBufferPointer(raw), terminals: terminals,
                                             terminalIndices: terminalIndices, emoji: emoji, tokens: tokens, lent: lent)
            lent.giveBackRawRoom()
            return NormalizedText(text: text, tokens: tokens, sentences: sentences)
        }
    }

    /// Gives a text's token and sentence arrays back to this thread's normalizer for the next text, leaving `text` without
    /// tokens: for a caller done with the text (each scored line). The tokens stay in the array until the next text's
    /// overwrite them (`normalize`).
    public func recycle(_ text: inout NormalizedText) {
        let lent = lentBuffers.value
        var tokens: [Token] = []
        swap(&tokens, &text.tokens)
        guard tokens.capacity <= LentBuffers.keptCapacity else { return }
        if lent.tokens.capacity < tokens.capacity { swap(&tokens, &lent.tokens) }
        var sentences: [Sentence] = []
        swap(&sentences, &text.sentences)
        guard sentences.capacity <= LentBuffers.keptCapacity else { return }
        // `empty`, not `removeAll(keepingCapacity:)`: a text has a few sentences, and the generic `replaceSubrange` cost
        // about 80 instructions a text.
        sentences.empty()
        if lent.sentences.capacity < sentences.capacity { swap(&sentences, &lent.sentences) }
    }

    // MARK: Tokens

    private func makeToken(_ raw: RawToken, index: Int, all: UnsafeBufferPointer<RawToken>, bytes: UnsafeBufferPointer<UInt8>,
                           utf16: Range<Int>, memo: ByteKeyedTable<TokenForms>) -> Token {
        let span = UnsafeBufferPointer(rebasing: bytes[raw.start..<raw.end])
        let utf8 = raw.start..<raw.end
        // Personal data is analysed every time and never kept in the memo. (`normalize` has asked this thread's memo.)
        let isPersonal = raw.kind.isPersonalData
        // Another thread may have analysed the surface already: the same forms then serve this thread too.
        if !isPersonal, let forms = sharedForms.lookup(span), forms.tokenizedAs == raw.kind {
            memo.store(span, forms)
            return Token(kind: forms.kind, utf8: utf8, utf16: utf16, forms: forms)
        }
        let surface = String(decoding: span, as: UTF8.self)
        var analysis = Analysis(kind: raw.kind, surface: surface, length: span.count)
        var cacheable = !isPersonal
        switch raw.kind {
        case .word:
            cacheable = normalizeWord(&analysis, index: index, all: all, bytes: bytes)
        case .hashtag:
            normalizeHashtag(&analysis)
        case .emoji:
            // Variation selectors and skin tones do not change what an emoji means.
            let base = String(String.UnicodeScalarView(surface.unicodeScalars.filter {
                $0.value != 0xFE0F && $0.value != 0xFE0E && !CharacterClass.isSkinTone($0)
            }))
            analysis.key = base.isEmpty ? surface : base
            analysis.lemma = analysis.key
        case .mention, .url, .email, .emoticon:
            // An emoticon escaped by the export (`&lt;3`) is keyed as typed (`<3`).
            analysis.folded = raw.kind == .emoticon ? EntityEscapes.unescaped(surface).lowercased() : Folding.fold(surface)
            analysis.normalized = analysis.folded
            analysis.key = analysis.folded
            analysis.lemma = analysis.folded
        case .punctuation:
            let marks = span.filter { $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") || $0 == 0xA1 || $0 == 0xBF }.count
            if marks >= 2 { analysis.emphasis = .repeated }
        case .number, .phone, .nationalID, .cardNumber, .symbol, .laughter:
            break
        }
        let forms = TokenForms(analysis, tokenizedAs: raw.kind)
        if cacheable, forms.kind != .nationalID {
            memo.store(span, forms)
            sharedForms.store(span, forms)
        }
        return Token(kind: forms.kind, utf8: utf8, utf16: utf16, forms: forms)
    }

    private func normalizeHashtag(_ token: inout Analysis) {
        let body = String(token.surface.dropFirst())
        token.folded = Folding.fold(token.surface)
        token.segments = segmenter.segment(body)
        token.normalized = token.segments.joined(separator: " ")
        token.key = Folding.key(token.normalized)
        token.lemma = token.normalized
        token.steps.append("hashtag")
        if Folding.isAllCaps(body, minimum: 3) { token.emphasis.insert(.allCaps) }
    }

    private func isKnown(_ word: String) -> Bool {
        morphology.vocabulary[word] != nil || lexicons.vocabularyByKey[Folding.key(word)] != nil
    }

    /// Normalizes a word in place; returns whether the result depends on the word alone (and may be memoized).
    @discardableResult
    private func normalizeWord(_ token: inout Analysis, index: Int, all: UnsafeBufferPointer<RawToken>, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let surface = token.surface
        let length = token.length
        // Ids have digits and 9 to 18 characters: test only those.
        if length >= 9, length <= 18, surface.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
           NationalIDs.isDNIorNIE(surface) || NationalIDs.isCURP(surface) {
            token.kind = .nationalID
            return false  // personal data is never kept in a memo
        }
        var word = Folding.fold(surface)
        token.folded = word
        // `isKnown` over the two tables it reads: the method passed as a closure copied the whole normalizer (retaining
        // each of its tables) for every new word.
        let vocabulary = morphology.vocabulary, vocabularyByKey = lexicons.vocabularyByKey
        func known(_ word: String) -> Bool { vocabulary[word] != nil || vocabularyByKey[Folding.key(word)] != nil }
        if Self.hasRepeatedLetter(word), let repaired = Elongation.repair(word, isKnown: known) {
            word = repaired
            token.emphasis.insert(.elongated)
            token.steps.append("elongation")
        }
        if length >= 4, let first = word.utf8.first, first == UInt8(ascii: "j") || first == UInt8(ascii: "h") || first == UInt8(ascii: "a"),
           Self.isLaughter(word) {
            token.kind = .laughter
            token.normalized = word
            token.key = word
            token.lemma = "jaja"
            return true
        }
        var dependsOnContext = false
        if let entry = lexicons.sms[word] {
            dependsOnContext = entry.condition != .always
            if smsApplies(entry.condition, index: index, all: all, bytes: bytes, surface: surface) {
                word = entry.expansion
                token.steps.append("sms")
            }
        }
        if let spoken = Self.spokenParticiple(word, isKnown: known) {
            word = spoken
            token.steps.append("spoken")
        }
        if let lemma = morphology.knownLemma(word) {
            // The common case: a word the vocabulary knows, its lemma computed once per thread.
            token.lemma = lemma.lemma
            if let rule = lemma.rule { token.steps.append(rule) }
        } else {
            // Accents the customer left out, when the vocabulary knows only the accented spelling (`atencion`). Not an
            // accent the customer wrote on a form the lemma table lists: `amplía` is `ampliar`'s, not the vocabulary's `amplia`.
            if let spelled = lexicons.vocabularyByKey[Folding.key(word)], spelled != word,
               morphology.irregular[word] == nil {
                word = spelled
                token.steps.append("accents")
            }
            if !word.utf8.contains(0x20) {
                let (lemma, rule) = morphology.lemma(word)
                token.lemma = lemma
                if let rule { token.steps.append(rule) }
            } else {
                token.lemma = word
            }
        }
        token.normalized = word
        token.key = Folding.key(word)
        if let first = surface.utf8.first, (first >= 0x41 && first <= 0x5A) || first == 0xC3,
           Folding.isAllCaps(surface, minimum: 2), isKnown(token.folded) || token.emphasis.contains(.elongated) {
            token.emphasis.insert(.allCaps)
        }
        return !dependsOnContext
    }

    /// A participle written as it is said in much of Spain (`retrasao`, `cansaos`, `flipao`): the word with its
    /// `d` back, when only that is a word the vocabulary knows (`bacalao`, `tío` are words of their own). Not the
    /// feminine `-ía`, which is as often a plural or a verb the vocabulary lacks (`mías`, `preferías`).
    static func spokenParticiple(_ word: String, isKnown: (String) -> Bool) -> String? {
        guard word.utf8.count >= 5, let last = word.utf8.last, last == UInt8(ascii: "o") || last == UInt8(ascii: "s"),
              !isKnown(word) else { return nil }
        for (spoken, written) in [("aos", "ados"), ("ao", "ado"), ("íos", "idos"), ("ío", "ido")]
        where word.hasSuffix(spoken) {
            let candidate = String(word.dropLast(spoken.count)) + written
            return isKnown(candidate) ? candidate : nil
        }
        return nil
    }

    /// Two equal letters in a row, the precondition for elongation, tested on bytes.
    static func hasRepeatedLetter(_ word: String) -> Bool {
        var previous: UInt8 = 0
        for byte in word.utf8 {
            if byte == previous, byte >= 0x61 { return true }
            previous = byte
        }
        return false
    }

    private func smsApplies(_ condition: NormalizationLexicons.SMSCondition, index: Int, all: UnsafeBufferPointer<RawToken>,
                            bytes: UnsafeBufferPointer<UInt8>, surface: String) -> Bool {
        switch condition {
        case .always:
            return true
        case .standalone, .notBeforeDigit:
            let next = index + 1 < all.count ? all[index + 1] : nil
            let previous = index > 0 ? all[index - 1] : nil
            if next?.kind == .number || previous?.kind == .number && condition == .standalone { return false }
            return true
        case .neverInitialCapital:
            // Only when written all in lowercase: `TB` is terabytes, `Toy` a name.
            return !surface.unicodeScalars.contains(where: { $0.properties.isUppercase })
        }
    }

    /// `jajaja`, `jejeje`, `jsjsjs`, `jajsjs`, `hahaha`, `jiji`: only laugh letters, and a laugh syllable
    /// at least twice (`hija` has `ja` once).
    static func isLaughter(_ key: String) -> Bool {
        guard key.utf8.allSatisfy({ "jhaeiosk".utf8.contains($0) }) else { return false }
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= 4 else { return false }
        var syllables: [String: Int] = [:]
        for index in 0..<(scalars.count - 1) {
            let pair = String(String.UnicodeScalarView([scalars[index], scalars[index + 1]]))
            if ["ja", "je", "ji", "jo", "ha", "he", "hi", "js", "sj", "aj", "ej"].contains(pair) { syllables[pair, default: 0] += 1 }
        }
        return syllables.values.contains { $0 >= 2 }
    }

    // MARK: Phones, cards and RUTs that span several tokens

    /// Joins digit groups into one phone, card or RUT token: `+34 612 345 678`, `(55) 1234-5678`,
    /// `4111 1111 1111 1111`, `12.345.678-5`. Dates and amounts keep their own tokens.
    /// `numbers`: the indices of the text's first and last number (`RawTokenSink.numbers`).
    private func mergeIdentifiers(_ tokens: UnsafeBufferPointer<RawToken>, _ bytes: UnsafeBufferPointer<UInt8>,
                                  numbers: ClosedRange<Int>) -> [RawToken]? {
        // Filled from the first merge only, with the tokens before it: most texts with numbers have nothing to merge and
        // keep their array (copying every token of it cost more than the search).
        var out: [RawToken] = []
        var merged = false
        // Only a number, or the `(` just before one, starts an identifier: the tokens before the first number's `(` and after
        // the last number are kept as they are, unvisited (walking every token of a text with a number cost about 30
        // instructions a token).
        var index = max(0, numbers.lowerBound - 1)
        func keep(_ token: RawToken) { if merged { out.append(token) } }
        func merge(_ token: RawToken) {
            if !merged {
                merged = true
                out.reserveCapacity(tokens.count)
                out.append(contentsOf: tokens[..<index])
            }
            out.append(token)
        }
        func text(_ token: RawToken) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self) }
        func isPlainDigits(_ token: RawToken) -> Bool {
            token.kind == .number && bytes[token.start..<token.end].allSatisfy { CharacterClass.isDigit($0) || $0 == UInt8(ascii: "+") }
        }
        while index < tokens.count, index <= numbers.upperBound {
            let token = tokens[index]
            // RUT: number with dots, '-', digit or K, no spaces.
            if token.kind == .number, index + 2 < tokens.count, tokens[index + 1].start == token.end,
               bytes[tokens[index + 1].start] == UInt8(ascii: "-"), tokens[index + 2].start == tokens[index + 1].end {
                let candidate = RawToken(kind: .nationalID, start: token.start, end: tokens[index + 2].end)
                if NationalIDs.isRUT(text(candidate)) {
                    merge(candidate)
                    index += 3
                    continue
                }
            }
            // Digit groups separated by one space, hyphen, dot or parentheses.
            var startIndex = index
            var start = token.start
            if token.kind == .punctuation, bytes[token.start] == UInt8(ascii: "("), token.end - token.start == 1,
               index + 1 < tokens.count, isPlainDigits(tokens[index + 1]), tokens[index + 1].start == token.end {
                startIndex = index + 1
                start = token.start
            }
            guard startIndex < tokens.count, isPlainDigits(tokens[startIndex]) else {
                keep(token)
                index += 1
                continue
            }
            // The groups' digits, counted: their values are needed only for the card check, of 13 to 19 digits, and an array
            // of them cost an allocation for every number of every text.
            var digitCount = 0
            func countDigits(of group: RawToken) {
                for byte in bytes[group.start..<group.end] where CharacterClass.isDigit(byte) { digitCount += 1 }
            }
            countDigits(of: tokens[startIndex])
            var end = tokens[startIndex].end
            var last = startIndex
            var probe = startIndex + 1
            while probe < tokens.count {
                let next = tokens[probe]
                let gap = bytes[end..<next.start]
                if isPlainDigits(next), gap.count <= 2,
                   gap.allSatisfy({ [UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ")")].contains($0) }) {
                    countDigits(of: next)
                    end = next.end
                    last = probe
                    probe += 1
                } else if next.kind == .punctuation, next.start == end, [UInt8(ascii: ")"), UInt8(ascii: "-")].contains(bytes[next.start]),
                          probe + 1 < tokens.count, isPlainDigits(tokens[probe + 1]), tokens[probe + 1].start - next.end <= 1 {
                    probe += 1  // `(55) 1234-5678`: the ')' or '-' is part of the number
                } else {
                    break
                }
            }
            let groups = last - startIndex + 1
            // The digits of `start..<end` are the groups' (what lies between them is spaces and marks).
            if (13...19).contains(digitCount), groups == 1 || groups == 4 || groups == 5,
               NationalIDs.isCardNumber(bytes[start..<end].filter(CharacterClass.isDigit).map { $0 - 0x30 }) {
                merge(RawToken(kind: .cardNumber, start: start, end: end))
                index = last + 1
            } else if (9...15).contains(digitCount), groups > 1 || start != tokens[startIndex].start || digitCount >= 9 {
                merge(RawToken(kind: .phone, start: start, end: end))
                index = last + 1
            } else {
                keep(token)
                index += 1
            }
        }
        guard merged else { return nil }
        out.append(contentsOf: tokens[index...])
        return out
    }

    // MARK: Sentences

    /// Where sentences start, as token indices: after `.` `!` `?` `…` (and runs of them), the way ICU's
    /// sentence rules (UAX #29) place ends: after `!` and `?` always; after `.` and `…` unless a lowercase
    /// word follows (past opening brackets and quotes); closing quotes and brackets stay with their
    /// sentence; `,` `;` `:` right after continue it. Checked against ICU's sentence break on the demo
    /// corpora in the tests; done on tokens, by index, because ICU's iterator and copying tokens cost a
    /// third of normalization time.
    static func terminalStarts(_ tokens: [RawToken], _ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        tokens.withUnsafeBufferPointer { terminalStarts($0, bytes, within: $0.indices, into: &starts) }
        return starts
    }

    /// The same, appended to `starts` (the thread's lent array), for the terminators within `terminals` (every one of the
    /// text's: `RawTokenSink.terminals`).
    static func terminalStarts(_ tokens: UnsafeBufferPointer<RawToken>, _ bytes: UnsafeBufferPointer<UInt8>, within terminals: Range<Int>,
                               into starts: inout [Int]) {
        var index = terminals.lowerBound
        while index < terminals.upperBound {
            guard tokens[index].mayEndSentence(in: bytes) else {
                index += 1
                continue
            }
            guard let next = sentenceStart(after: index, tokens, bytes, into: &starts) else { break }
            index = next
        }
    }

    /// The same, for the terminators at `indices` (ascending: `RawTokenSink.terminalIndices`, every one of the text's).
    /// Walking every token from the first terminator to the last cost about 7 instructions a token.
    static func terminalStarts(_ tokens: UnsafeBufferPointer<RawToken>, _ bytes: UnsafeBufferPointer<UInt8>,
                               at indices: UnsafeBufferPointer<Int>, into starts: inout [Int]) {
        var index = 0
        for terminal in indices where terminal >= index {
            guard let next = sentenceStart(after: terminal, tokens, bytes, into: &starts) else { break }
            index = next
        }
    }

    /// For the terminator at `index`: appends where the next sentence starts, if one does, and returns the index to go on
    /// from (nil when the text ends first).
    @inline(__always)
    private static func sentenceStart(after index: Int, _ tokens: UnsafeBufferPointer<RawToken>, _ bytes: UnsafeBufferPointer<UInt8>,
                                  into starts: inout [Int]) -> Int? {
        let count = tokens.count
        let lastByte = bytes[tokens[index].end - 1]
        let strong = lastByte == UInt8(ascii: "!") || lastByte == UInt8(ascii: "?")
        var end = index
        // Closing quotes and brackets right after the terminator belong to the sentence.
        while end + 1 < count, tokens[end + 1].kind == .punctuation, tokens[end + 1].start == tokens[end].end,
              Self.isCloser(bytes, tokens[end + 1].start..<tokens[end + 1].end) {
            end += 1
        }
        guard end + 1 < count else { return nil }
        let nextRange = tokens[end + 1].start..<tokens[end + 1].end
        let continues = tokens[end + 1].kind == .punctuation && nextRange.count == 1
            && [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(bytes[nextRange.lowerBound])
        var word = end + 1
        while word < count, tokens[word].kind == .punctuation, Self.isOpener(bytes, tokens[word].start..<tokens[word].end) { word += 1 }
        let startsLowercase = word < count && tokens[word].kind == .word && Self.startsLowercase(bytes, tokens[word].start)
        let spaced = nextRange.lowerBound > tokens[end].end
        if !continues, strong || (!startsLowercase && spaced) {
            starts.append(end + 1)
        }
        return end + 1
    }

    /// A line at least this long that breaks mid-clause was wrapped by an editor or an export, not by the writer.
    static let wrappedLineLength = 45

    static func isCloser(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let first = bytes[range.lowerBound]
        if range.count == 1 { return first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: ")") || first == UInt8(ascii: "]") }
        // ” ’ (E2 80 9D / 99) and » (C2 BB)
        if range.count == 3, first == 0xE2 { return bytes[range.lowerBound + 2] == 0x9D || bytes[range.lowerBound + 2] == 0x99 }
        return range.count == 2 && first == 0xC2 && bytes[range.lowerBound + 1] == 0xBB
    }

    static func isOpener(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let first = bytes[range.lowerBound]
        if range.count == 1 { return first == UInt8(ascii: "(") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") }
        if range.count == 3, first == 0xE2 { return bytes[range.lowerBound + 2] == 0x9C || bytes[range.lowerBound + 2] == 0x98 }  // “ ‘
        return range.count == 2 && first == 0xC2 && bytes[range.lowerBound + 1] == 0xAB  // «
    }

    static func startsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let first = bytes[index]
        if first < 0x80 { return first >= 0x61 && first <= 0x7A }
        return decodeScalar(bytes, at: index).scalar.properties.isLowercase
    }

    /// `terminals` and `emoji`: the spans from the first punctuation that may end a sentence to the last, and from the first
    /// emoji or emoticon to the last (`RawTokenSink.terminals` and `emoji`).
    private func segmentSentences(bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<RawToken>, terminals: Range<Int>,
                                  terminalIndices: UnsafeBufferPointer<Int>?, emoji: Range<Int>, tokens: [Token], lent: LentBuffers)
        -> [Sentence] {
        guard !spans.isEmpty else { return [] }
        // Punctuation ends, except after Spanish abbreviations (`Sr.`, `Dña.`, `p. ej.`, `Av.`).
        var starts: [Int] = []
        swap(&starts, &lent.starts)
        if let terminalIndices {
            Self.terminalStarts(spans, bytes, at: terminalIndices, into: &starts)
        } else {
            Self.terminalStarts(spans, bytes, within: terminals, into: &starts)
        }
        // The starts after an abbreviation's period dropped in place: `removeAll(where:)` made the array unique, called its
        // closure through a context and ended in the generic `replaceSubrange` even when it removed nothing (most texts).
        var kept = 0
        for index in starts.indices {
            let start = starts[index]
            var end = spans[start - 1].end
            while end > 0, bytes[end - 1] != UInt8(ascii: "."), Self.isCloser(bytes, (end - 1)..<end) { end -= 1 }
            if bytes[end - 1] == UInt8(ascii: "."), isAbbreviation(endingAt: end, bytes) { continue }
            if kept != index { starts[kept] = start }
            kept += 1
        }
        if kept < starts.count { starts.removeSubrange(kept...) }
        // Social text: a line break ends a sentence, and so does a run of emoji followed by more words. A single line
        // break after a long line, between words with a lowercase word after it, is a wrapped line (exports of reviews
        // keep the writer's hard wraps, `no es la⏎gran cosa`); short lines are a post's separate thoughts.
        // Line breaks and emoji are all the loop below looks for, and most texts have neither (no line of `score --lines`
        // has a line break): then the starts are the terminal ones, already in order, and the loop (about 23 instructions
        // a token) is skipped.
        let hasLineBreak = bytes.baseAddress.map { memchr($0, 0x0A, bytes.count) != nil } ?? false
        if hasLineBreak || !emoji.isEmpty {
            var lineStart = 0
            // Without a line break, only the tokens right after an emoji or an emoticon may start a sentence here.
            let walked = hasLineBreak ? 1..<spans.count : max(1, emoji.lowerBound + 1)..<min(spans.count, emoji.upperBound + 1)
            for index in walked {
                let gapStart = spans[index - 1].end
                let gapEnd = spans[index].start
                if hasLineBreak, gapEnd > gapStart, bytes[gapStart..<gapEnd].contains(0x0A) {
                    let wrapped = gapStart - lineStart >= Self.wrappedLineLength && bytes[gapStart..<gapEnd].lazy.filter { $0 == 0x0A }.count == 1
                        && (spans[index - 1].kind == .word || spans[index - 1].kind == .punctuation && bytes[spans[index - 1].start] == UInt8(ascii: ","))
                        && spans[index].kind == .word && Self.startsLowercase(bytes, spans[index].start)
                    lineStart = gapEnd
                    if !wrapped { starts.append(index) }
                    continue
                }
                let previous = spans[index - 1].kind
                let current = spans[index].kind
                if previous == .emoji || previous == .emoticon,
                   current != .emoji, current != .punctuation, current != .emoticon, current != .laughter {
                    starts.append(index)
                }
            }
            starts.sort()
        }
        starts.append(spans.count)
        var sentences: [Sentence] = []
        swap(&sentences, &lent.sentences)
        sentences.reserveCapacity(starts.count)
        var first = 0
        for start in starts where start > first {
            sentences.append(Sentence(utf8: spans[first].start..<spans[start - 1].end,
                                      utf16: tokens[first].utf16.lowerBound..<tokens[start - 1].utf16.upperBound,
                                      tokens: first..<start))
            first = start
        }
        if starts.capacity <= LentBuffers.keptCapacity {
            starts.empty()  // a few starts: see `recycle`
            swap(&starts, &lent.starts)
        }
        return sentences
    }

    /// Whether the one or two words before the period at `end` are an abbreviation of the lexicon.
    private func isAbbreviation(endingAt end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every key that fits in eight bytes (all of the lexicon's) lies in the eight before `end`, loaded and lowercased once:
        // a candidate is then a shift of them and a probe (each packed from its bytes and searched by halves cost about 330
        // instructions a period).
        let before = end >= 8 && abbreviationKeys.maximumLength <= 8 && bytes[end - 1] != 0
            ? AbbreviationKeys.lowercasedWord(endingAt: end, in: bytes) : nil
        var spaces = 0
        var start = end - 1
        while start > 0, end - start <= abbreviationKeys.maximumLength {
            if bytes[start - 1] == 0x20 || bytes[start - 1] == 0x0A || bytes[start - 1] == UInt8(ascii: "(") {
                spaces += 1
                if let before {
                    if abbreviationKeys.contains(packed: before &>> UInt64(8 * (8 - (end - start)))) { return true }
                } else if abbreviationKeys.contains(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                    return true
                }
                if spaces == 2 { return false }
            }
            start -= 1
        }
        return start == 0 && abbreviationKeys.contains(UnsafeBufferPointer(rebasing: bytes[0..<end]))
    }
}

/// Abbreviations as lowercase bytes, looked up without building a String (sentence ends are checked
/// after every period).
struct AbbreviationKeys: Sendable {
    /// Keys of up to 16 bytes packed in two words with their length (every abbreviation of the lexicon): asked at every
    /// sentence end, a lookup packs the bytes where an array of them cost an allocation. Longer keys stay as bytes.
    private struct Packed: Hashable, Comparable {
        var low: UInt64, high: UInt64, length: Int
        static func < (a: Packed, b: Packed) -> Bool { (a.length, a.low, a.high) < (b.length, b.low, b.high) }
    }
    /// Sorted and searched by halves: a `Set` hashed the three words with SipHash (about 340 instructions a lookup).
    private let packed: [Packed]
    private let long: Set<[UInt8]>
    /// The keys of up to eight bytes whose last byte is not zero, each packed in a word (`Packed.low`), in an open-addressing
    /// table (a zero slot is empty): asked at every period, a probe is a multiply and a load or two, where the search by halves
    /// cost about 200 instructions. The last byte's place tells a packed key's length, so equal words are equal keys.
    private let short: [UInt64]
    private let shortMask: Int
    let maximumLength: Int

    init(_ abbreviations: Set<String>) {
        let keys = abbreviations.map { Array($0.lowercased().utf8) }
        packed = Set(keys.compactMap { key in key.withUnsafeBufferPointer { Self.pack($0, lowercasing: false) } }).sorted()
        long = Set(keys.filter { $0.count > 16 })
        maximumLength = keys.map(\.count).max() ?? 0
        let shortKeys = Set(packed.filter { $0.length <= 8 && $0.length > 0 && $0.low >> UInt64(8 * ($0.length - 1)) != 0 }.map(\.low))
        var size = 16
        while size < 4 * shortKeys.count { size *= 2 }
        var table = [UInt64](repeating: 0, count: size)
        for key in shortKeys.sorted() {
            var index = Self.slot(of: key, mask: size - 1)
            while table[index] != 0 { index = (index + 1) & (size - 1) }
            table[index] = key
        }
        short = table
        shortMask = size - 1
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> 32) & mask
    }

    /// Whether a key of up to eight bytes packed as `pack` packs it (ASCII capitals lowered), its last byte not zero, is one.
    func contains(packed key: UInt64) -> Bool {
        var index = Self.slot(of: key, mask: shortMask)
        while true {
            let slot = short[index]
            if slot == key { return true }
            if slot == 0 { return false }
            index = (index + 1) & shortMask
        }
    }

    /// The eight bytes before `end` (at least 8) packed as `pack` packs them, ASCII capitals lowered all at once the way
    /// `Tokenizer.asciiWordRun` tests bytes: for a byte below 0x80, adding `0x80 - low` sets its top bit exactly when it is
    /// at least `low`, and no addition carries into the next byte.
    static func lowercasedWord(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        precondition(end >= 8 && end <= bytes.count)
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + (end - 8)).loadUnaligned(as: UInt64.self))
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let seven = word & ~high
        let capital = (seven &+ (0x80 - 0x41) &* ones) & ~(seven &+ (0x7F - 0x5A) &* ones) & ~word & high
        return word | (capital &>> 2)
    }

    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maximumLength else { return false }
        if bytes.count <= 8, let last = bytes.last, last != 0, let key = Self.pack(bytes, lowercasing: true) {
            return contains(packed: key.low)
        }
        // ASCII lowercase is enough: the abbreviations' capitals are ASCII (Sr., Dña., Av.).
        if let key = Self.pack(bytes, lowercasing: true) {
            var low = 0, high = packed.count
            while low < high {
                let middle = (low + high) / 2
                if packed[middle] < key { low = middle + 1 } else { high = middle }
            }
            return low < packed.count && packed[low] == key
        }
        return long.contains(bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
    }

    /// The bytes (ASCII capitals lowered when asked) packed little-endian, nil past 16 bytes.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, lowercasing: Bool) -> Packed? {
        guard bytes.count <= 16 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (index, byte) in bytes.enumerated() {
            let value = UInt64(lowercasing && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << UInt64(8 * (index & 7))
            if index < 8 { words.0 |= value } else { words.1 |= value }
        }
        return Packed(low: words.0, high: words.1, length: bytes.count)
    }
}

/// See `Normalizer.lentBuffers`. `sentences` and `starts` are kept empty, `tokens` holds the last text's tokens (for the
/// next text to overwrite); the raw tokens' room holds the current text's raw tokens while it is normalized.
final class LentBuffers {
    /// Forms of words, hashtags, emoji and handles already seen on this thread, keyed by their bytes (only those that do
    /// not depend on their neighbours: an SMS spelling with a condition, or an id, is analysed every time).
    let forms = ByteKeyedTable<TokenForms>()
    var tokens: [Token] = []
    var sentences: [Sentence] = []
    var starts: [Int] = []
    static let keptCapacity = 1 << 16
    private var rawBase = UnsafeMutablePointer<RawToken>.allocate(capacity: 1 << 10)
    private var rawCapacity = 1 << 10
    /// Room for as many token indices as the raw tokens' room has tokens (`RawTokenSink.terminalIndices`), resized with it.
    private(set) var terminalRoom = UnsafeMutablePointer<Int>.allocate(capacity: 1 << 10)

    /// Room for at least `count` raw tokens (`RawTokenSink`), valid until `giveBackRawRoom` or the next call.
    func rawRoom(for count: Int) -> UnsafeMutablePointer<RawToken> {
        if count > rawCapacity { resizeRawRoom(to: max(count, 2 * rawCapacity)) }
        return rawBase
    }

    /// Done with the room: a huge text's room is not kept for the next.
    func giveBackRawRoom() {
        if rawCapacity > Self.keptCapacity { resizeRawRoom(to: 1 << 10) }
    }

    private func resizeRawRoom(to capacity: Int) {
        // Raw tokens are plain values: the room is only ever allocated and freed, never deinitialized.
        rawBase.deallocate()
        rawBase = .allocate(capacity: capacity)
        terminalRoom.deallocate()
        terminalRoom = .allocate(capacity: capacity)
        rawCapacity = capacity
    }

    deinit {
        rawBase.deallocate()
        terminalRoom.deallocate()
    }
}

// MARK: Morphology for other lexicons

extension Normalizer {
    /// Whether the vocabulary or the lemma tables know this folded word.
    public func isKnownWord(_ word: String) -> Bool {
        // `morphology.isKnown` less the vocabulary, which `isKnown` has asked (each lookup hashes the word).
        isKnown(word) || morphology.masculine[word] != nil || morphology.irregular[word] != nil
    }

    /// A form the lemma table lists under a lemma that is no infinitive (`soluciones` → `solución`, `tarde`, `costa`):
    /// a noun's or an adverb's, never read as a verb its ending could also make (`solucionar`, `tardar`, `costar`).
    public func isListedAsNonVerb(_ word: String) -> Bool {
        Self.isNonVerbLemma(morphology.irregular[word])
    }

    /// The same, for a word whose `lemmaCandidates` the caller has (see `listedLemma(in:)`).
    public static func isListedAsNonVerb(candidates: [(lemma: String, rule: String)]) -> Bool {
        isNonVerbLemma(listedLemma(in: candidates))
    }

    private static func isNonVerbLemma(_ lemma: String?) -> Bool {
        lemma.map { lemma in !["ar", "er", "ir", "ír"].contains { lemma.hasSuffix($0) } } ?? false
    }

    /// `isKnownWord`, for a word whose vocabulary entry the caller has looked up and whose `lemmaCandidates` it has.
    public func isKnownWord(_ word: String, inVocabulary: Bool, candidates: [(lemma: String, rule: String)]) -> Bool {
        inVocabulary || Self.listedLemma(in: candidates) != nil || Self.listedMasculine(in: candidates) != nil
            || lexicons.vocabularyByKey[Folding.key(word)] != nil
    }

    /// What the lemma table lists for a word, read from the word's `lemmaCandidates`: it is their first, under
    /// `irregular`, the only candidate under that rule. A new word's reading asked the table four times (each
    /// lookup hashes the word); its candidates, remembered per thread, already hold the answer.
    public static func listedLemma(in candidates: [(lemma: String, rule: String)]) -> String? {
        guard let first = candidates.first, first.rule.isKey("irregular") else { return nil }
        return first.lemma
    }

    /// What the list of gendered words gives for the word itself: the candidate under `gender` that comes before any
    /// singular's (first, or second after the listed lemma).
    static func listedMasculine(in candidates: [(lemma: String, rule: String)]) -> String? {
        for candidate in candidates.prefix(2) {
            if candidate.rule.isKey("gender") { return candidate.lemma }
            if !candidate.rule.isKey("irregular") { return nil }
        }
        return nil
    }

    /// How much commoner (on the Zipf scale) a form may be than the infinitive it could conjugate and still be
    /// read as that verb: `vale` and `tiene` are, `casa`, `como` and `para` are words of their own.
    public static let verbMargin = 1.0

    /// Dictionary forms a folded word may come from, most likely first: the singular, the masculine, the
    /// base of a superlative or diminutive, the infinitive of a conjugated or enclitic verb. Unlike
    /// `Token.lemma`, these are not checked against the vocabulary: another lexicon (the sentiment
    /// words) picks the first it knows, so a word the vocabulary lacks still finds its lemma there.
    /// The infinitives a word may be a conjugated form of: its listed irregular lemma, and those its ending
    /// allows (`conoce` → `conocer`) even when the vocabulary knows the word (where `lemmaCandidates` keeps to
    /// endings only verbs have, so that `casa` is not `casar`: the caller weighs the homographs).
    public func conjugatedInfinitives(of word: String) -> [(infinitive: String, listed: Bool)] {
        conjugatedInfinitives(of: word, candidates: lemmaCandidates(of: word))
    }

    /// The same, from the word's `lemmaCandidates` when the caller has them (the listed lemma is read there too).
    public func conjugatedInfinitives(of word: String, candidates: [(lemma: String, rule: String)]) -> [(infinitive: String, listed: Bool)] {
        var out: [(infinitive: String, listed: Bool)] = []
        if let listed = Self.listedLemma(in: candidates) { out.append((listed, true)) }
        // The lemma candidates, remembered per thread, hold the same infinitives under `conjugation` (in the order
        // `Morphology.conjugations` gives them, less the word itself): working them out again cost 3,800 instructions.
        for (infinitive, rule) in candidates where rule.isKey("conjugation") { out.append((infinitive, false)) }
        return out
    }

    /// An imperative with its pronouns attached (`devuélvanme`, `devolvedme`, `contéstenme`, `dámelo`): the
    /// word takes enclitics, and without them it is neither an infinitive nor a gerund (`devolverme`,
    /// `llamándome` are not imperatives).
    public func isImperativeWithClitics(_ word: String) -> Bool {
        var base = Substring(word)
        var removed = 0
        while removed < 2, let clitic = Morphology.enclitic(endingOf: base) {
            base = base.dropLast(clitic.count)
            removed += 1
        }
        guard removed > 0, !base.hasSuffix("r"), !base.hasSuffix("ndo") else { return false }
        return lemmaCandidates(of: word).contains { $0.rule == "enclitic" }
    }

    public func lemmaCandidates(of word: String) -> [(lemma: String, rule: String)] {
        let memo = candidatesMemo.value
        if let known = memo.lookup(word) { return known }
        let candidates = computeLemmaCandidates(of: word)
        memo.store(word, candidates)
        return candidates
    }

    /// The lemma table's lemma comes first and the gendered words' masculine of the word itself next, before any
    /// singular's: `listedLemma(in:)` and `listedMasculine(in:)` read them there.
    private func computeLemmaCandidates(of word: String) -> [(lemma: String, rule: String)] {
        var out: [(lemma: String, rule: String)] = []
        // Room for the usual few (a number, a conjugation's three infinitives): growing from empty made the array
        // three times for most words.
        out.reserveCapacity(8)
        if let listed = morphology.irregular[word] { out.append((listed, "irregular")) }
        if let masculine = morphology.masculine[word] { out.append((masculine, "gender")) }
        // The word's bytes, copied once for every ending tested below.
        let w = Bytes(word)
        // Gender only where the list of gendered words says so: `merluza` is not a feminine `merluzo`.
        for singular in Morphology.singulars(w) {
            out.append((singular, "number"))
            if let masculine = morphology.masculine[singular] { out.append((masculine, "gender")) }
        }
        morphology.derivations(word, w, inVocabulary: false, into: &out)
        // Participles, for the perfect tenses: `he perdido` → `perder`, `han cobrado` → `cobrar`.
        for (ending, infinitives) in Self.participleEndings where w.ends(ending) && w.count > ending.count + 2 {
            let stem = w.dropping(ending)
            for infinitive in infinitives { out.append((stem + infinitive, "participle")) }
            break
        }
        return out
    }

    /// Compared as bytes (`Bytes`): `String.hasSuffix` walked Characters, 240 instructions for each ending.
    static let participleEndings: [([UInt8], [String])] = ([
        ("ados", ["ar"]), ("adas", ["ar"]), ("ado", ["ar"]), ("ada", ["ar"]),
        ("idos", ["er", "ir"]), ("idas", ["er", "ir"]), ("ido", ["er", "ir"]), ("ida", ["er", "ir"]),
    ] as [(String, [String])]).map { (Array($0.0.utf8), $0.1) }
}
