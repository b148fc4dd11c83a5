/// A topic's rule: which words and phrases in a sentence say it is about the topic.
///
/// The rule language of `--topics FILE` (and what the built-in packs compile to):
/// - a word or a phrase in quotes matches by lemma (`cobro` finds `cobros`, `"dar de baja"` finds
///   `me di de baja`); `=word` or `="phrase"` matches the exact spelling (accents aside);
/// - `a OR b OR c`: any of them; `a AND b`: all of them, anywhere in the sentence;
/// - `a NEAR/3 b`: both, at most 3 words apart, in either order;
/// - `NOT a`: the sentence does not have it (`cuenta AND NOT "cuenta bancaria"`);
/// - parentheses group; `AND` binds tighter than `OR`; `NOT` and `NEAR/n` tighter than `AND`.
public indirect enum TopicRule: Sendable, Equatable {
    /// Words matched in sequence; by lemma unless `exact`.
    case term(words: [String], exact: Bool)
    case any([TopicRule])
    case all([TopicRule])
    case not(TopicRule)
    case near(TopicRule, TopicRule, distance: Int)
}

/// A rule that cannot be read: where, and what was expected.
public struct TopicRuleError: Error, Equatable, CustomStringConvertible {
    /// 1-based character position in the rule.
    public var column: Int
    public var message: String
    public var description: String { "column \(column): \(message)" }
}

/// Parses the rule language (see `TopicRule`).
public struct TopicRuleParser {
    enum Token: Equatable {
        case word(String, exact: Bool)
        case phrase([String], exact: Bool)
        case and, or, not, near(Int), open, close
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var position = 0
    private let length: Int

    public static func parse(_ text: String) throws(TopicRuleError) -> TopicRule {
        var parser = TopicRuleParser(length: text.count)
        parser.tokens = try lex(text)
        guard !parser.tokens.isEmpty else { throw TopicRuleError(column: 1, message: "the rule is empty") }
        let rule = try parser.parseOr()
        if parser.position < parser.tokens.count {
            let (token, column) = parser.tokens[parser.position]
            throw TopicRuleError(column: column, message: "expected OR, AND, NEAR/n or the end of the rule, found \(describe(token))")
        }
        return rule
    }

    private init(length: Int) { self.length = length }

    static func describe(_ token: Token) -> String {
        switch token {
        case .word(let word, _): return "'\(word)'"
        case .phrase(let words, _): return "\"\(words.joined(separator: " "))\""
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .near(let n): return "NEAR/\(n)"
        case .open: return "'('"
        case .close: return "')'"
        }
    }

    static func lex(_ text: String) throws(TopicRuleError) -> [(token: Token, column: Int)] {
        var out: [(Token, Int)] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character == " " || character == "\t" { index += 1; continue }
            if character == "(" { out.append((.open, column)); index += 1; continue }
            if character == ")" { out.append((.close, column)); index += 1; continue }
            var exact = false
            if character == "=" {
                exact = true
                index += 1
                guard index < characters.count, characters[index] != " " else {
                    throw TopicRuleError(column: column, message: "expected a word or a phrase in quotes after '='")
                }
            }
            if index < characters.count, characters[index] == "\"" {
                var end = index + 1
                while end < characters.count, characters[end] != "\"" { end += 1 }
                guard end < characters.count else { throw TopicRuleError(column: index + 1, message: "a phrase in quotes is not closed") }
                let words = String(characters[(index + 1)..<end]).lowercased().split(separator: " ").map(String.init)
                guard !words.isEmpty else { throw TopicRuleError(column: index + 1, message: "the phrase in quotes is empty") }
                out.append((.phrase(words, exact: exact), column))
                index = end + 1
                continue
            }
            var end = index
            while end < characters.count, !" \t()\"".contains(characters[end]) { end += 1 }
            let word = String(characters[index..<end])
            index = end
            if !exact {
                switch word {
                case "AND": out.append((.and, column)); continue
                case "OR": out.append((.or, column)); continue
                case "NOT": out.append((.not, column)); continue
                default: break
                }
                if word.hasPrefix("NEAR/") {
                    guard let distance = Int(word.dropFirst(5)), distance >= 1, distance <= 50 else {
                        throw TopicRuleError(column: column, message: "expected NEAR/n with n from 1 to 50, found '\(word)'")
                    }
                    out.append((.near(distance), column))
                    continue
                }
                if word == word.uppercased(), word.count > 1, word.allSatisfy(\.isLetter), ["NEAR", "ANY", "ALL"].contains(word) {
                    throw TopicRuleError(column: column, message: "unknown operator '\(word)'; expected AND, OR, NOT or NEAR/n")
                }
            }
            out.append((.word(word.lowercased(), exact: exact), column))
        }
        return out
    }

    private var current: Token? { position < tokens.count ? tokens[position].token : nil }
    private var column: Int { position < tokens.count ? tokens[position].column : length + 1 }

    private mutating func parseOr() throws(TopicRuleError) -> TopicRule {
        var rules = [try parseAnd()]
        while current == .or {
            position += 1
            rules.append(try parseAnd())
        }
        return rules.count == 1 ? rules[0] : .any(rules)
    }

    private mutating func parseAnd() throws(TopicRuleError) -> TopicRule {
        var rules = [try parseNear()]
        while current == .and {
            position += 1
            rules.append(try parseNear())
        }
        return rules.count == 1 ? rules[0] : .all(rules)
    }

    private mutating func parseNear() throws(TopicRuleError) -> TopicRule {
        var rule = try parseUnary()
        while case .near(let distance)? = current {
            position += 1
            let right = try parseUnary()
            rule = .near(rule, right, distance: distance)
        }
        return rule
    }

    private mutating func parseUnary() throws(TopicRuleError) -> TopicRule {
        guard let token = current else {
            throw TopicRuleError(column: column, message: "expected a word, a phrase in quotes, NOT or '(' but the rule ends")
        }
        position += 1
        switch token {
        case .not:
            return .not(try parseUnary())
        case .open:
            let rule = try parseOr()
            guard current == .close else { throw TopicRuleError(column: column, message: "expected ')' to close the '('") }
            position += 1
            return rule
        case .word(let word, let exact):
            return .term(words: [word], exact: exact)
        case .phrase(let words, let exact):
            return .term(words: words, exact: exact)
        default:
            throw TopicRuleError(column: tokens[position - 1].column,
                                 message: "expected a word, a phrase in quotes, NOT or '(', found \(Self.describe(token))")
        }
    }
}
