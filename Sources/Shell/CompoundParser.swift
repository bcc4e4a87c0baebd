/// bash's compound commands: `for`, `while`, `until`, `if`, `case`, `{ }`, `( )`, `(( ))` and
/// `[[ ]]`. A construct without its closing word asks for more input, so that a student can
/// type a loop over several lines.
extension ShellParser {
    /// Reserved words that start a compound command.
    static let openingWords: Set<String> = ["for", "while", "until", "if", "case", "{", "[["]
    /// Reserved words that end or continue one; where no construct expects them, an error.
    static let closingWords: Set<String> = ["then", "elif", "else", "fi", "do", "done", "esac", "}"]

    /// The reserved word at the cursor, when a command may start there.
    func reservedWord() -> String? {
        guard let word = plainWordAhead(), Self.openingWords.contains(word) || Self.closingWords.contains(word) else { return nil }
        return word
    }

    /// From the reserved word or `(` that starts it: the whole compound command.
    mutating func parseCompound() throws(ShellSyntaxError) -> CompoundCommand {
        if current == "(" {
            if let expression = try parseArithmetic() { return .arithmetic(expression) }
            let body = try parseNestedList()
            guard !body.items.isEmpty else { throw .unexpectedToken(")") }
            return .subshell(body)
        }
        let keyword = reservedWord() ?? ""
        try enterNesting()
        defer { nesting -= 1 }
        index += keyword.count
        switch keyword {
        case "for": return try parseFor()
        case "while", "until":
            let condition = try parseClause(until: ["do"]).list
            return .whileLoop(condition: condition, body: try parseClause(until: ["done"]).list, until: keyword == "until")
        case "if": return try parseIf()
        case "case": return try parseCase()
        case "[[": return .conditional(try parseConditional())
        default: return .group(try parseClause(until: ["}"]).list)
        }
    }

    /// A list that may not be empty, and the reserved word that ends it, read past.
    private mutating func parseClause(until keywords: Set<String>) throws(ShellSyntaxError) -> (list: ShellScript, end: String) {
        let list = try parseList(keywords: keywords)
        guard let end = reservedWord(), keywords.contains(end) else { throw .unexpectedToken(tokenAhead()) }
        guard !list.items.isEmpty else { throw .unexpectedToken(end) }
        index += end.count
        return (list, end)
    }

    /// `for NAME [in WORDS] ; do LIST; done`: the name and `in` may follow on later lines.
    private mutating func parseFor() throws(ShellSyntaxError) -> CompoundCommand {
        try skipBlanks(newlines: false)
        guard let first = current, !Self.endsWord(first) else { throw .unexpectedToken(tokenAhead()) }
        let name = try parseWord().text
        var words: [Word] = []
        try skipBlanks(newlines: true)
        if plainWordAhead() == "in" {
            index += 2
            while true {
                try skipBlanks(newlines: false)
                guard let next = current else { throw .incomplete }
                if next == ";" && peek(1) != ";" || next == "\n" { break }
                if Self.endsWord(next) { throw .unexpectedToken(operatorToken()) }
                words.append(try parseWord())
            }
        }
        if current == ";" { index += 1 } else if current == "\n" { try consumeNewline() }
        try skipBlanks(newlines: true)
        guard current != nil else { throw .incomplete }
        guard plainWordAhead() == "do" else { throw .unexpectedToken(tokenAhead()) }
        index += 2
        return .forLoop(name: name, words: words, body: try parseClause(until: ["done"]).list)
    }

    private mutating func parseIf() throws(ShellSyntaxError) -> CompoundCommand {
        var branches: [ConditionalBranch] = []
        var end = "elif"
        while end == "elif" {
            let condition = try parseClause(until: ["then"]).list
            let body: ShellScript
            (body, end) = try parseClause(until: ["elif", "else", "fi"])
            branches.append(ConditionalBranch(condition: condition, body: body))
        }
        let otherwise = end == "else" ? try parseClause(until: ["fi"]).list : nil
        return .ifChain(branches: branches, otherwise: otherwise)
    }

    /// `case WORD in [(]pattern[|pattern]) LIST ;; ... esac`.
    private mutating func parseCase() throws(ShellSyntaxError) -> CompoundCommand {
        try skipBlanks(newlines: false)
        guard let first = current, !Self.endsWord(first) else { throw .unexpectedToken(tokenAhead()) }
        let subject = try parseWord()
        try skipBlanks(newlines: true)
        guard current != nil else { throw .incomplete }
        guard plainWordAhead() == "in" else { throw .unexpectedToken(tokenAhead()) }
        index += 2
        var clauses: [CaseClause] = []
        while true {
            try skipBlanks(newlines: true)
            guard current != nil else { throw .incomplete }
            if plainWordAhead() == "esac" {
                index += 4
                return .caseSelection(subject: subject, clauses: clauses)
            }
            _ = take("(")
            var patterns: [Word] = []
            repeat {
                try skipBlanks(newlines: false)
                guard let next = current, !Self.endsWord(next) else { throw .unexpectedToken(tokenAhead()) }
                patterns.append(try parseWord())
                try skipBlanks(newlines: false)
            } while take("|")
            guard take(")") else { throw .unexpectedToken(tokenAhead()) }
            clauses.append(CaseClause(patterns: patterns, body: try parseList(keywords: ["esac"], caseClause: true)))
            _ = take(";;")
        }
    }

    // MARK: [[ ]]

    /// From after `[[`: the expression, read past the closing `]]`.
    private mutating func parseConditional() throws(ShellSyntaxError) -> ConditionalExpression {
        let expression = try parseConditionalChain("||")
        try skipBlanks(newlines: true)
        guard plainWordAhead() == "]]" else { throw current == nil ? .incomplete : .unexpectedToken(tokenAhead()) }
        index += 2
        return expression
    }

    /// `a || b` (`symbol` "||") of `c && d` ("&&") of terms. Each `||` and `&&` nests the
    /// expression one level deeper, so their chains count towards the nesting limit too.
    private mutating func parseConditionalChain(_ symbol: String) throws(ShellSyntaxError) -> ConditionalExpression {
        let outer = nesting
        defer { nesting = outer }
        var expression = try parseConditionalOperand(of: symbol)
        while true {
            try skipBlanks(newlines: true)
            guard take(symbol) else { return expression }
            try enterNesting()
            let right = try parseConditionalOperand(of: symbol)
            expression = symbol == "||" ? .or(expression, right) : .and(expression, right)
        }
    }

    private mutating func parseConditionalOperand(of symbol: String) throws(ShellSyntaxError) -> ConditionalExpression {
        symbol == "||" ? try parseConditionalChain("&&") : try parseConditionalTerm()
    }

    private mutating func parseConditionalTerm() throws(ShellSyntaxError) -> ConditionalExpression {
        try skipBlanks(newlines: true)
        guard current != nil else { throw .incomplete }
        if plainWordAhead() == "!" {
            index += 1
            try enterNesting()
            defer { nesting -= 1 }
            return .not(try parseConditionalTerm())
        }
        if take("(") {
            try enterNesting()
            defer { nesting -= 1 }
            let inner = try parseConditionalChain("||")
            try skipBlanks(newlines: true)
            guard take(")") else { throw current == nil ? .incomplete : .unexpectedToken(tokenAhead()) }
            return inner
        }
        let first = try parseConditionalOperand()
        try skipBlanks(newlines: false)
        if Self.unaryTests.contains(first.text), let next = current, !Self.endsWord(next), plainWordAhead() != "]]" {
            return .unary(first.text, try parseConditionalOperand())
        }
        let symbol: String? = if take("<") { "<" } else if take(">") { ">" } else { plainWordAhead() }
        guard let symbol, Self.binaryTests.contains(symbol) else { return .word(first) }
        if symbol != "<" && symbol != ">" { index += symbol.count }
        return .binary(first, symbol, try parseConditionalOperand())
    }

    /// A word inside `[[ ]]`; an operator or `]]` there is an error.
    private mutating func parseConditionalOperand() throws(ShellSyntaxError) -> Word {
        try skipBlanks(newlines: true)
        guard let next = current else { throw .incomplete }
        guard !Self.endsWord(next), plainWordAhead() != "]]" else { throw .unexpectedToken(tokenAhead()) }
        return try parseWord()
    }

    static let unaryTests: Set<String> = ["-z", "-n", "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h"]
    static let binaryTests: Set<String> = ["==", "=", "!=", "<", ">", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"]
}
