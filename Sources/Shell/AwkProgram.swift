import Foundation

/// An awk program as the parser reads it: rules of a pattern and an action.
struct AwkProgram {
    enum Pattern { case begin, end, always, expression(AwkExpression) }
    var rules: [(pattern: Pattern, action: [AwkStatement]?)]
}

indirect enum AwkStatement {
    case print([AwkExpression])
    case printf([AwkExpression])
    case expression(AwkExpression)
    case conditional(AwkExpression, [AwkStatement], [AwkStatement])
    case loop(initial: AwkExpression?, condition: AwkExpression?, step: AwkExpression?, body: [AwkStatement])
    case next
}

indirect enum AwkExpression {
    case number(Double)
    case string(String)
    case regex(NSRegularExpression)
    case field(AwkExpression)
    case variable(String)
    case assign(AwkExpression, String, AwkExpression)
    case increment(AwkExpression, Double, prefix: Bool)
    case unary(String, AwkExpression)
    case binary(String, AwkExpression, AwkExpression)
    case match(AwkExpression, AwkExpression, negated: Bool)
    case call(String, [AwkExpression])
    case concatenation(AwkExpression, AwkExpression)
    case conditional(AwkExpression, AwkExpression, AwkExpression)
}

/// Reads awk's grammar: rules, statements (print, printf, if, for, while, next, expressions) and
/// expressions with awk's precedence, including concatenation by juxtaposition.
struct AwkParser {
    private var tokens: [AwkToken]
    private var index = 0

    static func parse(_ source: String) throws(ShellFailure) -> AwkProgram {
        var parser = AwkParser(tokens: try AwkToken.scan(source))
        var rules: [(AwkProgram.Pattern, [AwkStatement]?)] = []
        parser.skipTerminators()
        while parser.index < parser.tokens.count {
            let pattern: AwkProgram.Pattern
            if parser.take(.word("BEGIN")) { pattern = .begin } else if parser.take(.word("END")) { pattern = .end } else if parser.peek == .symbol("{") { pattern = .always } else { pattern = .expression(try parser.expression()) }
            let action = parser.peek == .symbol("{") ? try parser.block() : nil
            rules.append((pattern, action))
            parser.skipTerminators()
        }
        return AwkProgram(rules: rules)
    }

    private var peek: AwkToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func take(_ token: AwkToken) -> Bool {
        guard peek == token else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ token: AwkToken) throws(ShellFailure) {
        guard take(token) else { throw ShellFailure("syntax error at source line 1") }
    }

    private mutating func skipTerminators() {
        while peek == .symbol(";") || peek == .newline { index += 1 }
    }

    private mutating func block() throws(ShellFailure) -> [AwkStatement] {
        try expect(.symbol("{"))
        var statements: [AwkStatement] = []
        skipTerminators()
        while !take(.symbol("}")) {
            guard peek != nil else { throw ShellFailure("syntax error at source line 1: missing }") }
            statements.append(try statement())
            skipTerminators()
        }
        return statements
    }

    private mutating func body() throws(ShellFailure) -> [AwkStatement] {
        while peek == .newline { index += 1 }
        return peek == .symbol("{") ? try block() : [try statement()]
    }

    private mutating func statement() throws(ShellFailure) -> AwkStatement {
        if take(.word("print")) { return .print(try expressionList()) }
        if take(.word("printf")) { return .printf(try expressionList()) }
        if take(.word("next")) { return .next }
        if take(.word("if")) {
            try expect(.symbol("("))
            let condition = try expression()
            try expect(.symbol(")"))
            let then = try body()
            let saved = index
            skipTerminators()
            if take(.word("else")) { return .conditional(condition, then, try body()) }
            index = saved
            return .conditional(condition, then, [])
        }
        if take(.word("while")) {
            try expect(.symbol("("))
            let condition = try expression()
            try expect(.symbol(")"))
            return .loop(initial: nil, condition: condition, step: nil, body: try body())
        }
        if take(.word("for")) {
            try expect(.symbol("("))
            let initial = peek == .symbol(";") ? nil : try expression()
            try expect(.symbol(";"))
            let condition = peek == .symbol(";") ? nil : try expression()
            try expect(.symbol(";"))
            let step = peek == .symbol(")") ? nil : try expression()
            try expect(.symbol(")"))
            return .loop(initial: initial, condition: condition, step: step, body: try body())
        }
        return .expression(try expression())
    }

    private mutating func expressionList() throws(ShellFailure) -> [AwkExpression] {
        var list: [AwkExpression] = []
        let parenthesized = take(.symbol("("))
        while let token = peek, token != .symbol(";"), token != .symbol("}"), token != .newline, !(parenthesized && token == .symbol(")")) {
            list.append(try expression(allowsGreater: parenthesized))
            if !take(.symbol(",")) { break }
        }
        if parenthesized { try expect(.symbol(")")) }
        return list
    }

    mutating func expression(allowsGreater: Bool = true) throws(ShellFailure) -> AwkExpression {
        let target = try ternary(allowsGreater)
        for operation in ["=", "+=", "-=", "*=", "/=", "%="] where take(.symbol(operation)) {
            return .assign(target, operation, try expression(allowsGreater: allowsGreater))
        }
        return target
    }

    private mutating func ternary(_ greater: Bool) throws(ShellFailure) -> AwkExpression {
        let condition = try logical(greater)
        guard take(.symbol("?")) else { return condition }
        let yes = try ternary(greater)
        try expect(.symbol(":"))
        return .conditional(condition, yes, try ternary(greater))
    }

    private mutating func logical(_ greater: Bool) throws(ShellFailure) -> AwkExpression {
        var left = try comparison(greater)
        while let operation = ["||", "&&"].first(where: { peek == .symbol($0) }) {
            index += 1
            left = .binary(operation, left, try comparison(greater))
        }
        return left
    }

    private mutating func comparison(_ greater: Bool) throws(ShellFailure) -> AwkExpression {
        let left = try concatenation()
        for operation in ["<", "<=", "==", "!=", ">=", ">"] where (operation != ">" || greater) && take(.symbol(operation)) {
            return .binary(operation, left, try concatenation())
        }
        if take(.symbol("~")) { return .match(left, try concatenation(), negated: false) }
        if take(.symbol("!~")) { return .match(left, try concatenation(), negated: true) }
        return left
    }

    private mutating func concatenation() throws(ShellFailure) -> AwkExpression {
        var left = try additive()
        while let token = peek, token.startsOperand {
            left = .concatenation(left, try additive())
        }
        return left
    }

    private mutating func additive() throws(ShellFailure) -> AwkExpression {
        var left = try multiplicative()
        while let operation = ["+", "-"].first(where: { peek == .symbol($0) }) {
            index += 1
            left = .binary(operation, left, try multiplicative())
        }
        return left
    }

    private mutating func multiplicative() throws(ShellFailure) -> AwkExpression {
        var left = try unary()
        while let operation = ["*", "/", "%"].first(where: { peek == .symbol($0) }) {
            index += 1
            left = .binary(operation, left, try unary())
        }
        return left
    }

    private mutating func unary() throws(ShellFailure) -> AwkExpression {
        if take(.symbol("!")) { return .unary("!", try unary()) }
        if take(.symbol("-")) { return .unary("-", try unary()) }
        if take(.symbol("+")) { return .unary("+", try unary()) }
        if take(.symbol("++")) { return .increment(try postfix(), 1, prefix: true) }
        if take(.symbol("--")) { return .increment(try postfix(), -1, prefix: true) }
        return try postfix()
    }

    private mutating func postfix() throws(ShellFailure) -> AwkExpression {
        let operand = try primary()
        if take(.symbol("++")) { return .increment(operand, 1, prefix: false) }
        if take(.symbol("--")) { return .increment(operand, -1, prefix: false) }
        return operand
    }

    private mutating func primary() throws(ShellFailure) -> AwkExpression {
        guard let token = peek else { throw ShellFailure("syntax error at source line 1") }
        index += 1
        switch token {
        case .number(let value): return .number(value)
        case .string(let text): return .string(text)
        case .regex(let pattern): return .regex(try POSIXRegex.compile(pattern, extended: true))
        case .symbol("$"): return .field(try primary())
        case .symbol("("):
            let inner = try expression()
            try expect(.symbol(")"))
            return inner
        case .word(let name):
            guard take(.symbol("(")) else { return .variable(name) }
            var arguments: [AwkExpression] = []
            while !take(.symbol(")")) {
                arguments.append(try expression())
                _ = take(.symbol(","))
                guard peek != nil else { throw ShellFailure("syntax error at source line 1") }
            }
            return .call(name, arguments)
        default: throw ShellFailure("syntax error at source line 1")
        }
    }
}
