import KubeModel

/// A list request's `labelSelector` parameter, read as apimachinery's `labels.Parse` reads it:
/// a lexer over bytes, then a recursive descent with the same tokens, rules and messages, so
/// that `-l '!'`, `-l 'app=web,'` and `-l 'app in (web'` fail as kube-apiserver fails them
/// instead of matching everything.
///
///     selector    ::= requirement | requirement "," selector
///     requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
public enum LabelSelectorParser {
    /// A selector that does not parse; `message` is the server's (`unable to parse requirement: ...`).
    public struct Failure: Error, Equatable {
        public let message: String
    }

    public static func parse(_ text: String) throws(Failure) -> LabelSelector {
        var parser = Parser(tokens: Lexer.tokens(of: text))
        let requirements = try parser.selector()
        var matchLabels: [String: String] = [:]
        var expressions: [LabelSelectorRequirement] = []
        for requirement in requirements.sorted(by: { $0.key < $1.key }) {
            if requirement.operator == "Equals", matchLabels[requirement.key] == nil, let value = requirement.values.first {
                matchLabels[requirement.key] = value
            } else {
                let op = requirement.operator == "Equals" ? "In" : requirement.operator
                expressions.append(LabelSelectorRequirement(key: requirement.key, operator: op, values: requirement.values.isEmpty ? nil : requirement.values))
            }
        }
        return LabelSelector(matchLabels: matchLabels.isEmpty ? nil : matchLabels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }

    enum Token: Equatable {
        case end, closePar, comma, doesNotExist, doubleEquals, equals, greaterThan, identifier, `in`, lessThan, notEquals, notIn, openPar
    }

    /// The lexer: identifiers run to whitespace or one of `=!(),><`; operators take the longest
    /// run of those characters that is still a token.
    enum Lexer {
        static let symbols: [String: Token] = [
            ")": .closePar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
            "<": .lessThan, "!=": .notEquals, "(": .openPar,
        ]
        static let keywords: [String: Token] = ["in": .in, "notin": .notIn]

        static func tokens(of text: String) -> [(Token, String)] {
            let bytes = Array(text.utf8)
            var tokens: [(Token, String)] = []
            var position = 0
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
            func isSymbol(_ byte: UInt8) -> Bool { "=!(),><".utf8.contains(byte) }
            while true {
                while position < bytes.count, isSpace(bytes[position]) { position += 1 }
                guard position < bytes.count else { break }
                let start = position
                if isSymbol(bytes[position]) {
                    var longest: (Token, Int)?
                    while position < bytes.count, isSymbol(bytes[position]) {
                        let candidate = String(decoding: bytes[start...position], as: UTF8.self)
                        if let token = symbols[candidate] {
                            longest = (token, position + 1)
                        } else if longest != nil {
                            break
                        }
                        position += 1
                    }
                    // Every symbol character is a token on its own, so a longest match exists.
                    let (token, end) = longest ?? (.comma, start + 1)
                    tokens.append((token, String(decoding: bytes[start..<end], as: UTF8.self)))
                    position = end
                } else {
                    while position < bytes.count, !isSymbol(bytes[position]), !isSpace(bytes[position]) { position += 1 }
                    let word = String(decoding: bytes[start..<position], as: UTF8.self)
                    tokens.append((keywords[word] ?? .identifier, word))
                }
            }
            tokens.append((.end, ""))
            return tokens
        }
    }

    struct Requirement {
        let key: String
        let `operator`: String
        let values: [String]
    }

    /// The parser. In value position `in` and `notin` are plain identifiers (`env in (in)`).
    struct Parser {
        let tokens: [(Token, String)]
        var position = 0

        private func peek(values: Bool = true) -> (Token, String) {
            let (token, text) = tokens[min(position, tokens.count - 1)]
            return values && (token == .in || token == .notIn) ? (.identifier, text) : (token, text)
        }

        private mutating func next(values: Bool = true) -> (Token, String) {
            defer { position += 1 }
            return peek(values: values)
        }

        mutating func selector() throws(Failure) -> [Requirement] {
            var requirements: [Requirement] = []
            while true {
                let (token, text) = peek()
                switch token {
                case .identifier, .doesNotExist:
                    do {
                        requirements.append(try requirement())
                    } catch {
                        throw Failure(message: "unable to parse requirement: " + error.message)
                    }
                    let (after, afterText) = next()
                    switch after {
                    case .end: return requirements
                    case .comma:
                        let (following, followingText) = peek()
                        guard following == .identifier || following == .doesNotExist else {
                            throw Failure(message: "found '\(followingText)', expected: identifier after ','")
                        }
                    default: throw Failure(message: "found '\(afterText)', expected: ',' or 'end of string'")
                    }
                case .end: return requirements
                default: throw Failure(message: "found '\(text)', expected: !, identifier, or 'end of string'")
                }
            }
        }

        private mutating func requirement() throws(Failure) -> Requirement {
            var (token, key) = next()
            let negated = token == .doesNotExist
            if negated { (token, key) = next() }
            guard token == .identifier else { throw Failure(message: "found '\(key)', expected: identifier") }
            try validate(key: key)
            if negated { return Requirement(key: key, operator: "DoesNotExist", values: []) }
            if [.end, .comma].contains(peek().0) { return Requirement(key: key, operator: "Exists", values: []) }
            let (operatorToken, operatorText) = next(values: false)
            let values: [String]
            let op: String
            switch operatorToken {
            case .in, .notIn:
                op = operatorToken == .in ? "In" : "NotIn"
                values = try valueSet()
            case .equals, .doubleEquals, .notEquals, .greaterThan, .lessThan:
                op = [.equals: "Equals", .doubleEquals: "Equals", .notEquals: "NotIn", .greaterThan: "Gt", .lessThan: "Lt"][operatorToken] ?? "Equals"
                values = [try exactValue()]
            default:
                throw Failure(message: "found '\(operatorText)', expected: in, notin, =, ==, !=, gt, lt")
            }
            // NewRequirement's checks, every one reported, as a field.ErrorList aggregate.
            var problems: [String] = []
            if op == "Gt" || op == "Lt" {
                for (index, value) in values.enumerated() where Int64(value) == nil {
                    problems.append("values[\(index)]: Invalid value: \(GoQuote.quote(value)): for 'Gt', 'Lt' operators, the value must be an integer")
                }
            }
            for (index, value) in values.enumerated() {
                let valueProblems = NameRules.labelValueProblems(value)
                if !valueProblems.isEmpty {
                    problems.append("values[\(index)][\(key)]: Invalid value: \(GoQuote.quote(value)): " + valueProblems.joined(separator: "; "))
                }
            }
            if problems.count == 1 { throw Failure(message: problems[0]) }
            if problems.count > 1 { throw Failure(message: "[" + problems.joined(separator: ", ") + "]") }
            return Requirement(key: key, operator: op, values: values)
        }

        private func validate(key: String) throws(Failure) {
            let problems = NameRules.qualifiedNameProblems(key)
            guard problems.isEmpty else {
                throw Failure(message: "<nil>: Invalid value: \(GoQuote.quote(key)): " + problems.joined(separator: "; "))
            }
        }

        /// `(a,b)`: a set, sorted, where empty members (`(,a)`, `()`) are the empty value.
        private mutating func valueSet() throws(Failure) -> [String] {
            let (open, openText) = next()
            guard open == .openPar else { throw Failure(message: "found '\(openText)' expected: '('") }
            let (first, firstText) = peek()
            switch first {
            case .closePar:
                position += 1
                return [""]
            case .identifier, .comma:
                var values: Set<String> = []
                while true {
                    let (token, text) = next()
                    switch token {
                    case .identifier:
                        values.insert(text)
                        let (after, afterText) = peek()
                        if after == .closePar {
                            position += 1
                            return values.sorted()
                        }
                        guard after == .comma else { throw Failure(message: "found '\(afterText)', expected: ',' or ')'") }
                    case .comma:
                        if values.isEmpty { values.insert("") }
                        let after = peek().0
                        if after == .closePar {
                            position += 1
                            values.insert("")
                            return values.sorted()
                        }
                        if after == .comma { values.insert("") }
                    default:
                        throw Failure(message: "found '\(text)', expected: ',', or identifier")
                    }
                }
            default:
                throw Failure(message: "found '\(firstText)', expected: ',', ')' or identifier")
            }
        }

        /// The one value of `=`, `==`, `!=`, `>` and `<`; nothing before `,` or the end is "".
        private mutating func exactValue() throws(Failure) -> String {
            if [.end, .comma].contains(peek().0) { return "" }
            let (token, text) = next()
            guard token == .identifier else { throw Failure(message: "found '\(text)', expected: identifier") }
            return text
        }
    }
}
