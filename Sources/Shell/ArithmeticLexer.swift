/// The tokens of bash's arithmetic: numbers, names and operators, read one at a time, with
/// where each starts, since bash's error token runs from there to the end of the expression.
struct ArithmeticLexer {
    enum Token: Equatable {
        case number(Int64)
        case name(String)
        case symbol(String)
        /// `++` or `--` before a name (+1 or -1), or after one.
        case prefixStep(Int64)
        case postfixStep(Int64)
        case end
    }

    private let text: [Character]
    private(set) var position = 0
    /// Where the last token read starts; at the end of the text it stays on the last one, as in bash.
    private var tokenStart = 0
    private(set) var token = Token.end

    private static let symbols = [
        "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", ",", "(", ")",
    ]

    init(_ text: String) { self.text = Array(text) }

    /// An error at the last token read, or from `start` (blanks skipped) to the end.
    func failure(_ problem: String, from start: Int? = nil) -> ArithmeticFailure {
        var from = min(start ?? tokenStart, text.count)
        while from < text.count, text[from].isWhitespace { from += 1 }
        let expression = String(text.drop { $0 == " " || $0 == "\t" || $0 == "\n" })
        return ArithmeticFailure(expression: expression, problem: problem, token: String(text[from...]))
    }

    mutating func advance() throws(ArithmeticFailure) {
        let previous = token
        while position < text.count, text[position].isWhitespace { position += 1 }
        guard position < text.count else {
            token = .end
            return
        }
        tokenStart = position
        let character = text[position]
        if character.isASCII && (character.isLetter || character == "_") {
            while position < text.count, text[position].isASCII && (text[position].isLetter || text[position].isNumber || text[position] == "_") { position += 1 }
            token = .name(String(text[tokenStart..<position]))
        } else if character.isASCII && character.isNumber {
            while position < text.count, text[position].isASCII && (text[position].isLetter || text[position].isNumber || "#@_".contains(text[position])) { position += 1 }
            token = .number(try number(String(text[tokenStart..<position])))
        } else if let symbol = Self.symbols.first(where: { symbolAt(position, is: $0) }) {
            position += symbol.count
            token = .symbol(symbol)
            if symbol == "++" || symbol == "--" { stepOrSign(symbol, after: previous) }
        } else {
            throw failure("syntax error: invalid arithmetic operator")
        }
    }

    /// `i++` after a name, `++i` before one; otherwise the two characters are two signs.
    private mutating func stepOrSign(_ symbol: String, after previous: Token) {
        let step: Int64 = symbol == "++" ? 1 : -1
        if case .name = previous {
            token = .postfixStep(step)
            return
        }
        var next = position
        while next < text.count, text[next].isWhitespace { next += 1 }
        if next < text.count, text[next].isASCII && (text[next].isLetter || text[next] == "_") {
            token = .prefixStep(step)
        } else {
            position -= 1
            token = .symbol(String(symbol.prefix(1)))
        }
    }

    private func symbolAt(_ start: Int, is symbol: String) -> Bool {
        var index = start
        for character in symbol {
            guard index < text.count, text[index] == character else { return false }
            index += 1
        }
        return true
    }

    /// A constant: decimal, `0x` hexadecimal, `0` octal or `BASE#digits`; too many digits wrap.
    private func number(_ literal: String) throws(ArithmeticFailure) -> Int64 {
        var base: Int64 = 10
        var digits = Substring(literal)
        if let hash = literal.firstIndex(of: "#") {
            guard let given = Int64(literal[..<hash]), (2...64).contains(given) else { throw failure("invalid arithmetic base") }
            base = given
            digits = literal[literal.index(after: hash)...]
            guard !digits.isEmpty else { throw failure("invalid integer constant") }
        } else if literal.hasPrefix("0x") || literal.hasPrefix("0X") {
            base = 16
            digits = digits.dropFirst(2)
        } else if literal.hasPrefix("0") {
            base = 8
        }
        var value: Int64 = 0
        for character in digits {
            guard let digit = Self.digitValue(character, base: base), digit < base else { throw failure("value too great for base") }
            value = value &* base &+ digit
        }
        return value
    }

    private static func digitValue(_ character: Character, base: Int64) -> Int64? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int64(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int64(ascii - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int64(ascii - UInt8(ascii: "A")) + (base > 36 ? 36 : 10)
        case UInt8(ascii: "@"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
