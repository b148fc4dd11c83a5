import EscuchaCore

/// Parses the dates found in customer-feedback exports, Spanish and Latin American first:
/// ISO 8601 (`2024-03-21T14:05:00+01:00`, `2024-03-21 14:05`), day-first numeric dates
/// (`21/03/2024 14:05`, `21-03-24`), month names (`3 mar. 2024`, `15 de abril de 2024`,
/// `Jue 21 Mar, 2024 14:05`, `21 de marzo de 2024, 2:05pm`, `Mar 21, 2024`), relative dates
/// (`hace 2 días`, `hace 3 h`, `ayer`, `Ayer, 21:40`, `hoy`, `anteayer`, `2 days ago`), the classic
/// Twitter format (`Wed Oct 10 20:19:24 +0000 2018`) and Unix epochs in seconds or milliseconds.
///
/// Local times without an offset take the `zone`'s offset; relative dates count back from `reference`.
public struct ExportDateParser: Sendable {
    public var reference: Timestamp
    public var zone: TimeZoneRule
    /// `03/04/2024` is 3 April when true (Spanish), 4 March when false (US exports).
    public var dayFirst: Bool

    public init(reference: Timestamp, zone: TimeZoneRule = .utc, dayFirst: Bool = true) {
        self.reference = reference
        self.zone = zone
        self.dayFirst = dayFirst
    }

    public func parse(_ raw: String) -> Timestamp? {
        if let fast = fastPath(raw) { return fast }
        let tokens = DateTokenizer.tokenize(raw)
        guard !tokens.isEmpty else { return nil }
        if let epoch = epochSeconds(tokens) { return Timestamp(secondsSinceEpoch: epoch, utcOffsetSeconds: 0) }
        if let relative = relativeDate(tokens) { return relative }
        return absoluteDate(tokens)
    }

    // MARK: Fast path

    /// `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:]MM]` and `DD/MM/YYYY[ HH:MM[:SS]]`, the two shapes most
    /// exports use, read without tokenizing. Anything else (or anything odd) goes the general way.
    private func fastPath(_ raw: String) -> Timestamp? {
        return raw.withUTF8Bytes { bytes -> Timestamp? in
            let count = bytes.count
            guard count >= 10 else { return nil }
            func digits(_ start: Int, _ length: Int) -> Int? {
                guard start + length <= count else { return nil }
                var value = 0
                for index in start..<(start + length) {
                    let digit = Int(bytes[index]) - 0x30
                    guard digit >= 0, digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            var year: Int, month: Int, day: Int
            if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
               let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) {
                (year, month, day) = (y, m, d)
            } else if dayFirst, bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
                      let d = digits(0, 2), let m = digits(3, 2), let y = digits(6, 4), m <= 12 {
                (year, month, day) = (y, m, d)
            } else {
                return nil
            }
            var index = 10
            var hour = 0, minute = 0, second = 0
            if index < count {
                guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " "),
                      let h = digits(index + 1, 2), index + 3 < count, bytes[index + 3] == UInt8(ascii: ":"),
                      let mi = digits(index + 4, 2) else { return nil }
                (hour, minute) = (h, mi)
                index += 6
                if index < count, bytes[index] == UInt8(ascii: ":") {
                    guard let s = digits(index + 1, 2) else { return nil }
                    second = s
                    index += 3
                    if index < count, bytes[index] == UInt8(ascii: ".") {
                        index += 1
                        while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                    }
                }
            }
            var offset: Int32?
            if index < count {
                let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self)
                guard let parsed = Self.parseOffset(rest) else { return nil }
                offset = parsed
            }
            return makeLocal(year: year, month: month, day: day, time: (hour, minute, second), offset: offset)
        }
    }

    // MARK: Epochs

    private func epochSeconds(_ tokens: [DateToken]) -> Int64? {
        guard tokens.count == 1, case .number(let value, let digits) = tokens[0] else { return nil }
        switch digits {
        case 10: return value
        case 13: return value / 1000
        default: return nil
        }
    }

    // MARK: Relative dates

    private static let units: [String: Int64] = [
        "s": 1, "seg": 1, "segs": 1, "segundo": 1, "segundos": 1, "second": 1, "seconds": 1, "sec": 1, "secs": 1,
        "m": 60, "min": 60, "mins": 60, "minuto": 60, "minutos": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hora": 3600, "horas": 3600, "hour": 3600, "hours": 3600,
        "d": 86_400, "dia": 86_400, "dias": 86_400, "day": 86_400, "days": 86_400,
        "sem": 604_800, "semana": 604_800, "semanas": 604_800, "week": 604_800, "weeks": 604_800,
        "mes": 2_592_000, "meses": 2_592_000, "month": 2_592_000, "months": 2_592_000,
        "ano": 31_536_000, "anos": 31_536_000, "año": 31_536_000, "años": 31_536_000, "year": 31_536_000, "years": 31_536_000,
    ]

    private func relativeDate(_ tokens: [DateToken]) -> Timestamp? {
        var dayShift: Int64?
        var amount: Int64?
        var unit: Int64?
        var isAgo = false
        var time: (Int, Int, Int)?
        for token in tokens {
            switch token {
            case .word(let word):
                switch word {
                case "hace", "ago": isAgo = true
                case "hoy", "today": dayShift = 0
                case "ayer", "yesterday": dayShift = 1
                case "anteayer", "antier": dayShift = 2
                case "un", "una", "a", "an": if amount == nil { amount = 1 }
                default: if let seconds = Self.units[word], unit == nil { unit = seconds }
                }
            case .number(let value, _): if amount == nil { amount = value }
            case .time(let hour, let minute, let second): time = (hour, minute, second)
            default: break
            }
        }
        if isAgo, let amount, let unit {
            let instant = reference.secondsSinceEpoch - amount * unit
            return Timestamp(secondsSinceEpoch: instant, utcOffsetSeconds: zone.offset(atInstant: instant))
        }
        guard let dayShift else { return nil }
        let local = reference.at(offset: zone.offset(atInstant: reference.secondsSinceEpoch)).civil
        let days = CivilDate.daysFromCivil(year: local.year, month: local.month, day: local.day) - dayShift
        let date = CivilDate.civilFromDays(days)
        return makeLocal(year: date.year, month: date.month, day: date.day, time: time ?? (0, 0, 0), offset: nil)
    }

    // MARK: Absolute dates

    static let months: [String: Int] = [
        "ene": 1, "enero": 1, "jan": 1, "january": 1,
        "feb": 2, "febrero": 2, "february": 2,
        "mar": 3, "marzo": 3, "march": 3,
        "abr": 4, "abril": 4, "apr": 4, "april": 4,
        "may": 5, "mayo": 5,
        "jun": 6, "junio": 6, "june": 6,
        "jul": 7, "julio": 7, "july": 7,
        "ago": 8, "agosto": 8, "aug": 8, "august": 8,
        "sep": 9, "sept": 9, "septiembre": 9, "setiembre": 9, "set": 9, "september": 9,
        "oct": 10, "octubre": 10, "october": 10,
        "nov": 11, "noviembre": 11, "november": 11,
        "dic": 12, "diciembre": 12, "dec": 12, "december": 12,
    ]

    private func absoluteDate(_ tokens: [DateToken]) -> Timestamp? {
        var numbers: [(index: Int, value: Int64, digits: Int)] = []
        var monthWords: [(index: Int, month: Int)] = []
        var time: (Int, Int, Int)?
        var offset: Int32?
        var meridiem: Int?  // 0 am, 12 pm
        for (index, token) in tokens.enumerated() {
            switch token {
            case .number(let value, let digits): numbers.append((index, value, digits))
            case .word(let word):
                if let month = Self.months[word] { monthWords.append((index, month)) }
                if ["am", "a.m", "a.m."].contains(word) { meridiem = 0 }
                if ["pm", "p.m", "p.m."].contains(word) { meridiem = 12 }
                if word == "utc" || word == "gmt" || word == "z" { offset = offset ?? 0 }
            case .time(let hour, let minute, let second): time = (hour, minute, second)
            case .offset(let seconds): offset = seconds
            case .separator: break
            }
        }
        if var current = time, let meridiem {
            if current.0 == 12 { current.0 = 0 }
            current.0 += meridiem
            time = current
        }
        var year: Int?
        var month: Int?
        var day: Int?
        if let monthWord = pickMonthWord(monthWords, numbers: numbers) {
            month = monthWord.month
            year = numbers.first(where: { $0.digits == 4 }).map { Int($0.value) }
            let dayCandidates = numbers.filter { $0.digits <= 2 && $0.value >= 1 && $0.value <= 31 }
            // Prefer the number right before the month (`21 mar`), else right after it (`Mar 21, 2024`).
            day = (dayCandidates.last(where: { $0.index < monthWord.index && monthWord.index - $0.index <= 2 })
                ?? dayCandidates.first(where: { $0.index > monthWord.index })).map { Int($0.value) }
            if year == nil, let short = numbers.last(where: { $0.digits == 2 && $0.index > monthWord.index && Int($0.value) != day }) {
                year = 2000 + Int(short.value)
            }
        } else if numbers.count >= 3 {
            let (a, b, c) = (numbers[0], numbers[1], numbers[2])
            if a.digits == 4 {
                (year, month, day) = (Int(a.value), Int(b.value), Int(c.value))
            } else if c.digits == 4 || c.digits == 2 {
                let fullYear = c.digits == 4 ? Int(c.value) : 2000 + Int(c.value)
                var (first, second) = (Int(a.value), Int(b.value))
                if !dayFirst { swap(&first, &second) }
                // An impossible month means the other order was meant (`03/21/2024` in a Spanish file).
                if second > 12, first <= 12 { swap(&first, &second) }
                (year, month, day) = (fullYear, second, first)
            }
        }
        guard let year, let month, let day else { return nil }
        return makeLocal(year: year, month: month, day: day, time: time ?? (0, 0, 0), offset: offset)
    }

    private func pickMonthWord(_ words: [(index: Int, month: Int)], numbers: [(index: Int, value: Int64, digits: Int)])
        -> (index: Int, month: Int)? {
        guard !words.isEmpty else { return nil }
        if words.count == 1 { return words[0] }
        // `Mar 21 Mar, 2024`: `mar` is also Tuesday; take the month word next to a number.
        return words.last(where: { word in numbers.contains(where: { abs($0.index - word.index) <= 2 }) }) ?? words.last
    }

    private func makeLocal(year: Int, month: Int, day: Int, time: (Int, Int, Int), offset: Int32?) -> Timestamp? {
        guard let naive = Timestamp(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2) else {
            return nil
        }
        let applied = offset ?? zone.offset(forLocalSeconds: naive.secondsSinceEpoch)
        return Timestamp(secondsSinceEpoch: naive.secondsSinceEpoch - Int64(applied), utcOffsetSeconds: applied)
    }

    /// `+01:00`, `+0100`, `-06`, `Z`, `UTC` → seconds east of UTC.
    public static func parseOffset(_ text: String) -> Int32? {
        let trimmed = text.trimmingCharacters(in: " ")
        if ["z", "utc", "gmt"].contains(trimmed.lowercased()) { return 0 }
        let bytes = Array(trimmed.utf8)
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), [2, 4].contains(digits.count) else { return nil }
        let values = digits.map { Int32($0 - 0x30) }
        let hours = values[0] * 10 + values[1]
        let minutes = values.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}

enum DateToken: Equatable {
    case number(Int64, digits: Int)
    case word(String)
    case time(Int, Int, Int)
    case offset(Int32)
    case separator(UInt8)
}

/// Splits a date string into numbers, folded words, times (`14:05[:33[.123]]`) and UTC offsets.
enum DateTokenizer {
    static func tokenize(_ raw: String) -> [DateToken] {
        let bytes = Array(raw.utf8)
        var tokens: [DateToken] = []
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func readNumber() -> (Int64, Int) {
            let start = index
            var value: Int64 = 0
            while index < bytes.count, isDigit(bytes[index]), index - start < 18 {
                value = value * 10 + Int64(bytes[index] - 0x30)
                index += 1
            }
            return (value, index - start)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) {
                let (value, digits) = readNumber()
                // A time: H:MM or HH:MM, optional :SS and fractions.
                if digits <= 2, index + 2 < bytes.count, bytes[index] == UInt8(ascii: ":"), isDigit(bytes[index + 1]) {
                    index += 1
                    let (minute, _) = readNumber()
                    var second: Int64 = 0
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), isDigit(bytes[index + 1]) {
                        index += 1
                        second = readNumber().0
                        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                            index += 1
                            _ = readNumber()
                        }
                    }
                    tokens.append(.time(Int(value), Int(minute), Int(second)))
                    continue
                }
                tokens.append(.number(value, digits: digits))
                continue
            }
            if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")), tokens.contains(where: { if case .time = $0 { return true } else { return false } }),
               index + 2 < bytes.count, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]) {
                // An offset after a time: +01:00, -0300, -06.
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ":") { end += 1 }
                if let seconds = ExportDateParser.parseOffset(String(decoding: bytes[index..<end], as: UTF8.self)) {
                    tokens.append(.offset(seconds))
                    index = end
                    continue
                }
            }
            if byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7a) {
                let start = index
                while index < bytes.count, bytes[index] >= 0x80 || (bytes[index] | 0x20 >= 0x61 && bytes[index] | 0x20 <= 0x7a)
                    || (bytes[index] == UInt8(ascii: ".") && index + 1 < bytes.count && bytes[index + 1] | 0x20 == UInt8(ascii: "m")) {
                    index += 1
                }
                let word = foldWord(String(decoding: bytes[start..<index], as: UTF8.self))
                // ISO's `T` between date and time, and `Z` right after a time.
                if word == "t" { continue }
                if word == "z" { tokens.append(.offset(0)); continue }
                if word == "tz" { continue }
                // `14h05` reads as a time.
                if word == "h", case .number(let hour, let digits)? = tokens.last, digits <= 2, index < bytes.count, isDigit(bytes[index]) {
                    let minute = readNumber().0
                    tokens[tokens.count - 1] = .time(Int(hour), Int(minute), 0)
                    continue
                }
                if word == "p.m" || word == "a.m" || word == "p" || word == "a" {
                    // `2:05 p. m.` arrives as "p", ".", "m", "."
                    if word.count == 1, index + 2 < bytes.count, bytes[index] == UInt8(ascii: "."),
                       bytes[index + 1] == UInt8(ascii: " ") || bytes[index + 1] | 0x20 == UInt8(ascii: "m") {
                        var probe = index + 1
                        while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") { probe += 1 }
                        if probe < bytes.count, bytes[probe] | 0x20 == UInt8(ascii: "m") {
                            tokens.append(.word(word == "p" ? "pm" : "am"))
                            index = probe + 1
                            continue
                        }
                    }
                    tokens.append(.word(word.hasPrefix("p") ? (word.count > 1 ? "pm" : word) : (word.count > 1 ? "am" : word)))
                    continue
                }
                tokens.append(.word(word))
                continue
            }
            if byte != UInt8(ascii: " ") { tokens.append(.separator(byte)) }
            index += 1
        }
        return tokens
    }

    /// Lowercased, accents removed, ñ as n (no month, unit or channel slug needs it), trailing dots dropped.
    static func foldWord(_ word: String) -> String {
        var out = ""
        for scalar in word.lowercased().unicodeScalars {
            switch scalar {
            case "á", "à": out.append("a")
            case "é", "è": out.append("e")
            case "í", "ì": out.append("i")
            case "ó", "ò": out.append("o")
            case "ú", "ü", "ù": out.append("u")
            case "ñ": out.append("n")
            default: out.unicodeScalars.append(scalar)
            }
        }
        while out.hasSuffix(".") && out != "p.m." && out != "a.m." { out.removeLast() }
        return out
    }
}
