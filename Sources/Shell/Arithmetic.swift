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
    private var lexer: ArithmeticLexer
    private let shell: ShellInterpreter
    /// How deep variables' values and parentheses have nested, towards `maximumDepth`.
    private var depth: Int
    /// Inside the branch `&&`, `||` or `?:` does not take: nothing is assigned or divided.
    private var skipping = 0

    static let maximumDepth = 64
    private static let assignments: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^="]
    /// The binary operators from `|` up, by how tightly they bind.
    private static let precedence: [String: Int] = [
        "|": 1, "^": 2, "&": 3, "==": 4, "!=": 4, "<": 5, ">": 5, "<=": 5, ">=": 5, "<<": 6, ">>": 6,
        "+": 7, "-": 7, "*": 8, "/": 8, "%": 8,
    ]

    init(_ text: String, shell: ShellInterpreter, depth: Int) {
        lexer = ArithmeticLexer(text)
        self.shell = shell
        self.depth = depth
    }

    mutating func evaluate() throws(ArithmeticFailure) -> Int64 {
        guard depth < Self.maximumDepth else { throw lexer.failure("expression recursion level exceeded") }
        try lexer.advance()
        if lexer.token == .end { return 0 }
        let value = try comma()
        guard lexer.token == .end else { throw lexer.failure("syntax error in expression") }
        return value
    }

    // MARK: Grammar, loosest first

    private mutating func comma() throws(ArithmeticFailure) -> Int64 {
        var value = try assignment()
        while lexer.token == .symbol(",") {
            try lexer.advance()
            value = try assignment()
        }
        return value
    }

    private mutating func assignment() throws(ArithmeticFailure) -> Int64 {
        if case .name(let name) = lexer.token, let symbol = assignmentAhead() {
            try lexer.advance()
            let operatorEnd = lexer.position
            try lexer.advance()
            try enter()
            var value = try assignment()
            depth -= 1
            if symbol != "=" { value = try apply(String(symbol.dropLast()), try variable(name), value, operatorEnd: operatorEnd) }
            assign(name, value)
            return value
        }
        let value = try conditional()
        if case .symbol(let symbol) = lexer.token, Self.assignments.contains(symbol) { throw lexer.failure("attempted assignment to non-variable") }
        return value
    }

    private mutating func conditional() throws(ArithmeticFailure) -> Int64 {
        let condition = try binary(logical: "||")
        guard lexer.token == .symbol("?") else { return condition }
        try lexer.advance()
        let chosen = try skippingUnless(condition != 0) { (evaluator: inout Self) throws(ArithmeticFailure) in try evaluator.comma() }
        guard lexer.token == .symbol(":") else { throw lexer.failure("`:' expected for conditional expression") }
        try lexer.advance()
        try enter()
        let other = try skippingUnless(condition == 0) { (evaluator: inout Self) throws(ArithmeticFailure) in try evaluator.conditional() }
        depth -= 1
        return condition != 0 ? chosen : other
    }

    /// `||` and `&&`: the right side is read but not evaluated when the left decides.
    private mutating func binary(logical symbol: String) throws(ArithmeticFailure) -> Int64 {
        var value = symbol == "||" ? try binary(logical: "&&") : try binary(minimum: 1)
        while lexer.token == .symbol(symbol) {
            try lexer.advance()
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
        while case .symbol(let symbol) = lexer.token, let level = Self.precedence[symbol], level >= minimum {
            let operatorEnd = lexer.position
            try lexer.advance()
            let right = try binary(minimum: level + 1)
            value = try apply(symbol, value, right, operatorEnd: operatorEnd)
        }
        return value
    }

    /// `**`, which groups to the right: `2**3**2` is 512.
    private mutating func power() throws(ArithmeticFailure) -> Int64 {
        let base = try unary()
        guard lexer.token == .symbol("**") else { return base }
        try lexer.advance()
        try enter()
        var exponent = try power()
        depth -= 1
        guard skipping == 0 else { return 0 }
        guard exponent >= 0 else { throw lexer.failure("exponent less than 0") }
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
        switch lexer.token {
        case .symbol("!"), .symbol("~"), .symbol("-"), .symbol("+"):
            let symbol = lexer.token
            try enter()
            try lexer.advance()
            let value = try unary()
            depth -= 1
            switch symbol {
            case .symbol("!"): return value == 0 ? 1 : 0
            case .symbol("~"): return ~value
            case .symbol("-"): return 0 &- value
            default: return value
            }
        case .prefixStep(let step):
            try lexer.advance()
            guard case .name(let name) = lexer.token else { throw lexer.failure("syntax error: operand expected") }
            let value = try variable(name) &+ step
            assign(name, value)
            try lexer.advance()
            return value
        default:
            return try primary()
        }
    }

    private mutating func primary() throws(ArithmeticFailure) -> Int64 {
        switch lexer.token {
        case .symbol("("):
            try enter()
            try lexer.advance()
            let value = try comma()
            guard lexer.token == .symbol(")") else { throw lexer.failure("missing `)'") }
            depth -= 1
            try lexer.advance()
            return value
        case .number(let value):
            try lexer.advance()
            return value
        case .name(let name):
            let value = try variable(name)
            try lexer.advance()
            if case .postfixStep(let step) = lexer.token {
                assign(name, value &+ step)
                try lexer.advance()
            }
            return value
        default:
            throw lexer.failure("syntax error: operand expected")
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
                throw lexer.failure("division by 0", from: operatorEnd)
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
        guard depth < Self.maximumDepth else { throw lexer.failure("expression recursion level exceeded") }
    }

    /// The assignment operator after the name at the cursor, if one follows; nothing is read.
    private func assignmentAhead() -> String? {
        var ahead = lexer
        guard (try? ahead.advance()) != nil, case .symbol(let symbol) = ahead.token, Self.assignments.contains(symbol) else { return nil }
        return symbol
    }
}
