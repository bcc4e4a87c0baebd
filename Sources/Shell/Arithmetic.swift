/// An arithmetic error in bash's words: `1/0: division by 0 (error token is "0")`.
struct ArithmeticFailure: Error {
    let expression: String
    let problem: String
    let token: String

    var message: String { "\(expression): \(problem) (error token is \"\(token)\")" }
}

extension ShellInterpreter {
    /// Evaluates `$((...))`'s or `((...))`'s text as bash does, assigning shell variables.
    func evaluateArithmetic(_ text: String) throws(ArithmeticFailure) -> Int64 {
        var evaluator = ArithmeticEvaluator(text, shell: self, depth: 0)
        return try evaluator.evaluate()
    }
}

/// bash's arithmetic on 64-bit integers, evaluated while it is parsed, as bash's expr.c does:
/// `+ - * / % **`, comparisons, `! ~ & | ^ << >>`, `&& ||` and `?:` (which skip what they do
/// not take), assignments, `++`/`--`, parentheses and bases (`0x1f`, `010`, `2#101`).
/// Overflow wraps as in bash; dividing by 0 is an error, never a trap. A variable's value is
/// itself an expression (`x=3+4`), evaluated to a bounded depth.
private struct ArithmeticEvaluator {
    private enum Token: Equatable {
        case number(Int64)
        case name(String)
        case symbol(String)
        /// `++` or `--` before a name (+1 or -1), or after one.
        case prefixStep(Int64)
        case postfixStep(Int64)
        case end
    }

    private let text: [Character]
    private let shell: ShellInterpreter
    /// How deep variables' values and parentheses have nested, towards `maximumDepth`.
    private var depth: Int
    private var position = 0
    /// Where the last token read starts: bash's error token runs from there to the end.
    private var tokenStart = 0
    private var token = Token.end
    /// Inside the branch `&&`, `||` or `?:` does not take: nothing is assigned or divided.
    private var skipping = 0

    static let maximumDepth = 64
    private static let symbols = [
        "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", ",", "(", ")",
    ]
    private static let assignments: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="]
    /// The binary operators from `|` up, by how tightly they bind.
    private static let precedence: [String: Int] = [
        "|": 1, "^": 2, "&": 3, "==": 4, "!=": 4, "<": 5, ">": 5, "<=": 5, ">=": 5, "<<": 6, ">>": 6,
        "+": 7, "-": 7, "*": 8, "/": 8, "%": 8,
    ]

    init(_ text: String, shell: ShellInterpreter, depth: Int) {
        self.text = Array(text)
        self.shell = shell
        self.depth = depth
    }

    mutating func evaluate() throws(ArithmeticFailure) -> Int64 {
        guard depth < Self.maximumDepth else { throw failure("expression recursion level exceeded") }
        try readToken()
        if token == .end { return 0 }
        let value = try comma()
        guard token == .end else { throw failure("syntax error in expression") }
        return value
    }

    // MARK: Grammar, loosest first

    private mutating func comma() throws(ArithmeticFailure) -> Int64 {
        var value = try assignment()
        while token == .symbol(",") {
            try readToken()
            value = try assignment()
        }
        return value
    }

    private mutating func assignment() throws(ArithmeticFailure) -> Int64 {
        if case .name(let name) = token, let symbol = assignmentAhead() {
            try readToken()
            let operatorEnd = position
            try readToken()
            try enter()
            var value = try assignment()
            depth -= 1
            if symbol != "=" { value = try apply(String(symbol.dropLast()), try variable(name), value, operatorEnd: operatorEnd) }
            assign(name, value)
            return value
        }
        let value = try conditional()
        if case .symbol(let symbol) = token, Self.assignments.contains(symbol) { throw failure("attempted assignment to non-variable") }
        return value
    }

    private mutating func conditional() throws(ArithmeticFailure) -> Int64 {
        let condition = try binary(logical: "||")
        guard token == .symbol("?") else { return condition }
        try readToken()
        let chosen = try skippingUnless(condition != 0) { (evaluator: inout Self) throws(ArithmeticFailure) in try evaluator.comma() }
        guard token == .symbol(":") else { throw failure("`:' expected for conditional expression") }
        try readToken()
        try enter()
        let other = try skippingUnless(condition == 0) { (evaluator: inout Self) throws(ArithmeticFailure) in try evaluator.conditional() }
        depth -= 1
        return condition != 0 ? chosen : other
    }

    /// `||` and `&&`: the right side is read but not evaluated when the left decides.
    private mutating func binary(logical symbol: String) throws(ArithmeticFailure) -> Int64 {
        var value = symbol == "||" ? try binary(logical: "&&") : try binary(minimum: 1)
        while token == .symbol(symbol) {
            try readToken()
            let decided = symbol == "||" ? value != 0 : value == 0
            let right = try skippingUnless(!decided) { (evaluator: inout Self) throws(ArithmeticFailure) in
                symbol == "||" ? try evaluator.binary(logical: "&&") : try evaluator.binary(minimum: 1)
            }
            value = decided ? (symbol == "||" ? 1 : 0) : (right != 0 ? 1 : 0)
        }
        return value
    }

    /// `|` up to `*`, left to right, by precedence climbing.
    private mutating func binary(minimum: Int) throws(ArithmeticFailure) -> Int64 {
        var value = try power()
        while case .symbol(let symbol) = token, let level = Self.precedence[symbol], level >= minimum {
            let operatorEnd = position
            try readToken()
            let right = try binary(minimum: level + 1)
            value = try apply(symbol, value, right, operatorEnd: operatorEnd)
        }
        return value
    }

    /// `**`, which groups to the right: `2**3**2` is 512.
    private mutating func power() throws(ArithmeticFailure) -> Int64 {
        let base = try unary()
        guard token == .symbol("**") else { return base }
        try readToken()
        try enter()
        var exponent = try power()
        depth -= 1
        guard skipping == 0 else { return 0 }
        guard exponent >= 0 else { throw failure("exponent less than 0") }
        var result: Int64 = 1
        var factor = base
        while exponent > 0 {
            if exponent & 1 == 1 { result = result &* factor }
            factor = factor &* factor
            exponent >>= 1
        }
        return result
    }

    private mutating func unary() throws(ArithmeticFailure) -> Int64 {
        switch token {
        case .symbol("!"), .symbol("~"), .symbol("-"), .symbol("+"):
            let symbol = token
            try enter()
            try readToken()
            let value = try unary()
            depth -= 1
            switch symbol {
            case .symbol("!"): return value == 0 ? 1 : 0
            case .symbol("~"): return ~value
            case .symbol("-"): return 0 &- value
            default: return value
            }
        case .prefixStep(let step):
            try readToken()
            guard case .name(let name) = token else { throw failure("syntax error: operand expected") }
            let value = try variable(name) &+ step
            assign(name, value)
            try readToken()
            return value
        default:
            return try primary()
        }
    }

    private mutating func primary() throws(ArithmeticFailure) -> Int64 {
        switch token {
        case .symbol("("):
            try enter()
            try readToken()
            let value = try comma()
            guard token == .symbol(")") else { throw failure("missing `)'") }
            depth -= 1
            try readToken()
            return value
        case .number(let value):
            try readToken()
            return value
        case .name(let name):
            let value = try variable(name)
            try readToken()
            if case .postfixStep(let step) = token {
                assign(name, value &+ step)
                try readToken()
            }
            return value
        default:
            throw failure("syntax error: operand expected")
        }
    }

    // MARK: Values

    private func apply(_ symbol: String, _ left: Int64, _ right: Int64, operatorEnd: Int) throws(ArithmeticFailure) -> Int64 {
        switch symbol {
        case "+": return left &+ right
        case "-": return left &- right
        case "*": return left &* right
        case "/", "%":
            guard right != 0 else {
                guard skipping == 0 else { return 0 }
                var start = operatorEnd
                while start < text.count, text[start] == " " || text[start] == "\t" || text[start] == "\n" { start += 1 }
                throw failure("division by 0", from: start)
            }
            if left == .min && right == -1 { return symbol == "/" ? .min : 0 }
            return symbol == "/" ? left / right : left % right
        case "<<": return left &<< right
        case ">>": return left &>> right
        case "&": return left & right
        case "|": return left | right
        case "^": return left ^ right
        case "==": return left == right ? 1 : 0
        case "!=": return left != right ? 1 : 0
        case "<": return left < right ? 1 : 0
        case ">": return left > right ? 1 : 0
        case "<=": return left <= right ? 1 : 0
        default: return left >= right ? 1 : 0
        }
    }

    /// A variable's value: unset or empty is 0, anything else an expression of its own.
    private func variable(_ name: String) throws(ArithmeticFailure) -> Int64 {
        guard skipping == 0, let value = shell.variables[name], !value.allSatisfy(\.isWhitespace) else { return 0 }
        if value.first != "0", let number = Int64(value) { return number }
        var inner = ArithmeticEvaluator(value, shell: shell, depth: depth + 1)
        return try inner.evaluate()
    }

    private func assign(_ name: String, _ value: Int64) {
        if skipping == 0 { shell.variables[name] = String(value) }
    }

    /// Runs `part` skipping its effects unless `taken`.
    private mutating func skippingUnless(_ taken: Bool, _ part: (inout Self) throws(ArithmeticFailure) -> Int64) throws(ArithmeticFailure) -> Int64 {
        if !taken { skipping += 1 }
        let value = try part(&self)
        if !taken { skipping -= 1 }
        return value
    }

    private mutating func enter() throws(ArithmeticFailure) {
        depth += 1
        guard depth < Self.maximumDepth else { throw failure("expression recursion level exceeded") }
    }

    private func failure(_ problem: String, from start: Int? = nil) -> ArithmeticFailure {
        let from = min(start ?? tokenStart, text.count)
        let expression = String(text.drop { $0 == " " || $0 == "\t" || $0 == "\n" })
        return ArithmeticFailure(expression: expression, problem: problem, token: String(text[from...]))
    }

    // MARK: Tokens

    /// The assignment operator after the name at the cursor, if one follows; nothing is read.
    private mutating func assignmentAhead() -> String? {
        let saved = (position, tokenStart, token)
        defer { (position, tokenStart, token) = saved }
        guard (try? readToken()) != nil, case .symbol(let symbol) = token, Self.assignments.contains(symbol) else { return nil }
        return symbol
    }

    private mutating func readToken() throws(ArithmeticFailure) {
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
