/// Words as bash reads them: quotes, backslashes, `$NAME`, `${...}`, `$(...)`, backquotes and
/// `<(...)`, kept in parts so that expansion knows what was quoted.
extension ShellParser {
    mutating func parseWord() throws(ShellSyntaxError) -> Word {
        let start = index
        var parts: [WordPart] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
        }
        while let character = current, !Self.endsWord(character) || (character == "<" && index == start && peek(1) == "(") {
            switch character {
            case "\\":
                guard let next = peek(1) else { throw .incomplete }
                index += 2
                if next != "\n" { flush(); parts.append(.quoted(String(next))) }
            case "'":
                index += 1
                guard let close = characters[index...].firstIndex(of: "'") else { throw .incomplete }
                flush()
                parts.append(.quoted(String(characters[index..<close])))
                index = close + 1
            case "\"":
                index += 1
                flush()
                parts.append(.doubleQuoted(try parseParts(mode: .doubleQuoted)))
                index += 1
            case "$":
                flush()
                parts.append(try parseDollar())
            case "`":
                flush()
                parts.append(try parseBackquote())
            case "<":
                index += 1
                flush()
                parts.append(.processSubstitution(try parseNestedList()))
            default:
                literal.append(character)
                index += 1
            }
        }
        flush()
        return Word(parts: parts, text: String(characters[start..<index]))
    }

    enum QuotingMode { case doubleQuoted, braceOperand, hereDocument, arithmetic }

    /// Reads up to (not past) the closing `"` or `}`, or to the end of a heredoc's body or an
    /// arithmetic expression (where double quotes are dropped, as bash does).
    mutating func parseParts(mode: QuotingMode) throws(ShellSyntaxError) -> [WordPart] {
        var parts: [WordPart] = []
        var text = ""
        func flush() {
            if !text.isEmpty { parts.append(mode == .braceOperand ? .literal(text) : .quoted(text)); text = "" }
        }
        while true {
            guard let character = current else {
                if mode == .hereDocument || mode == .arithmetic { break }
                throw .incomplete
            }
            if mode == .doubleQuoted && character == "\"" || mode == .braceOperand && character == "}" { break }
            switch character {
            case "\\":
                guard let next = peek(1) else { throw .incomplete }
                let escapable: String = mode == .doubleQuoted || mode == .braceOperand ? "$`\"\\\n" : "$`\\\n"
                index += 2
                if next == "\n" { continue }
                if escapable.contains(next) { text.append(next) } else { text += "\\" + String(next) }
            case "$":
                flush()
                parts.append(try parseDollar())
            case "`":
                flush()
                parts.append(try parseBackquote())
            case "'" where mode == .braceOperand:
                index += 1
                guard let close = characters[index...].firstIndex(of: "'") else { throw .incomplete }
                flush()
                parts.append(.quoted(String(characters[index..<close])))
                index = close + 1
            case "\"" where mode == .arithmetic:
                index += 1
            case "\"" where mode == .braceOperand:
                index += 1
                flush()
                parts.append(.doubleQuoted(try parseParts(mode: .doubleQuoted)))
                index += 1
            default:
                text.append(character)
                index += 1
            }
        }
        flush()
        return parts
    }

    /// `$NAME`, `${...}`, `$(...)`, `$?`; a `$` before anything else is itself.
    mutating func parseDollar() throws(ShellSyntaxError) -> WordPart {
        index += 1
        guard let character = current else { return .quoted("$") }
        if character == "(" {
            if let expression = try parseArithmetic() { return .arithmetic(expression) }
            return .commandSubstitution(try parseNestedList())
        }
        if character == "{" {
            index += 1
            return .parameter(try parseBracedParameter())
        }
        if Self.isNameStart(character) {
            var name = ""
            while let next = current, Self.isNameCharacter(next) { name.append(next); index += 1 }
            return .parameter(Parameter(name: name, operation: .value))
        }
        if character.isASCII && character.isNumber || "?$#@*!-".contains(character) {
            index += 1
            return .parameter(Parameter(name: String(character), operation: .value))
        }
        return .quoted("$")
    }

    mutating func parseBracedParameter() throws(ShellSyntaxError) -> Parameter {
        let length = current == "#" && peek(1) != "}"
        if length { index += 1 }
        var name = ""
        while let next = current, Self.isNameCharacter(next) || name.isEmpty && "?$#@*!".contains(next) {
            name.append(next)
            index += 1
        }
        guard !name.isEmpty, let next = current else { throw current == nil ? .incomplete : .unexpectedToken("${") }
        if next == "}" {
            index += 1
            return Parameter(name: name, operation: length ? .length : .value)
        }
        guard !length else { throw .unexpectedToken("${") }
        let colon = take(":")
        let symbol = current
        index += 1
        var longest = false
        if (symbol == "#" || symbol == "%") && !colon, current == symbol { longest = true; index += 1 }
        let operand = try parseBraceOperand()
        switch (symbol, colon) {
        case ("-", _): return Parameter(name: name, operation: .useDefault(operand, colon: colon))
        case ("=", _): return Parameter(name: name, operation: .assignDefault(operand, colon: colon))
        case ("+", _): return Parameter(name: name, operation: .useAlternative(operand, colon: colon))
        case ("#", false): return Parameter(name: name, operation: .removePrefix(operand, longest: longest))
        case ("%", false): return Parameter(name: name, operation: .removeSuffix(operand, longest: longest))
        default: throw .unexpectedToken("${\(name)")
        }
    }

    mutating func parseBraceOperand() throws(ShellSyntaxError) -> Word {
        let start = index
        let parts = try parseParts(mode: .braceOperand)
        let text = String(characters[start..<index])
        index += 1
        return Word(parts: parts, text: text)
    }

    /// `` `command` ``: the text up to the closing backquote, with `\``, `\\` and `\$` unescaped.
    mutating func parseBackquote() throws(ShellSyntaxError) -> WordPart {
        index += 1
        var text = ""
        while let character = current, character != "`" {
            if character == "\\", let next = peek(1), "`\\$".contains(next) {
                text.append(next)
                index += 2
            } else {
                text.append(character)
                index += 1
            }
        }
        guard current == "`" else { throw .incomplete }
        index += 1
        try enterNesting()
        defer { nesting -= 1 }
        return .commandSubstitution(try ShellParser.parse(text, nesting: nesting))
    }

    /// From the `(` of `$(`, `<(` or a subshell: the commands up to the matching `)`, read past.
    mutating func parseNestedList() throws(ShellSyntaxError) -> ShellScript {
        try enterNesting()
        defer { nesting -= 1 }
        index += 1
        let script = try parseList(closing: ")")
        index += 1
        return script
    }

    /// From the first `(` of `((expression))` or `$((expression))`: the expression, its `$`
    /// expansions to run before it is evaluated, read past the closing `))`. Nil, the cursor
    /// unmoved, when the parentheses close otherwise: `((a) | b)` is a subshell in a subshell.
    mutating func parseArithmetic() throws(ShellSyntaxError) -> Word? {
        guard current == "(", peek(1) == "(" else { return nil }
        let start = index + 2
        var depth = 0
        var position = start
        while true {
            guard position < characters.count else { throw .incomplete }
            let character = characters[position]
            if character == "(" {
                depth += 1
            } else if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            position += 1
        }
        guard position + 1 < characters.count else { throw .incomplete }
        guard characters[position + 1] == ")" else { return nil }
        try enterNesting()
        defer { nesting -= 1 }
        let text = String(characters[start..<position])
        var expressionParser = ShellParser(text, nesting: nesting)
        let parts = try expressionParser.parseParts(mode: .arithmetic)
        index = position + 2
        return Word(parts: parts, text: text)
    }
}
