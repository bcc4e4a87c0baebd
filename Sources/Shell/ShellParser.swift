/// Reads a command line the way bash does: quotes, escapes, expansions, operators, redirections,
/// heredocs whose bodies follow on the next lines, and the compound commands (`for`, `if`, ...)
/// in `CompoundParser.swift`. Functions are not part of the exam terminal's everyday use.
public struct ShellParser {
    let characters: [Character]
    var index = 0
    /// Heredocs opened on the current line, filled in when its newline is reached.
    var pendingHereDocuments: [HereDocument] = []
    /// How deeply compound commands and substitutions are nested at the cursor.
    var nesting = 0
    static let maximumNesting = 64

    init(_ text: String, nesting: Int = 0) {
        characters = Array(text)
        self.nesting = nesting
    }

    public static func parse(_ text: String) throws(ShellSyntaxError) -> ShellScript {
        try parse(text, nesting: 0)
    }

    /// Parses text found inside another construct (backquotes), which counts towards its nesting.
    static func parse(_ text: String, nesting: Int) throws(ShellSyntaxError) -> ShellScript {
        var parser = ShellParser(text, nesting: nesting)
        return try parser.parseList()
    }

    /// Enters a nested construct; the caller leaves it with `nesting -= 1`.
    mutating func enterNesting() throws(ShellSyntaxError) {
        nesting += 1
        guard nesting <= Self.maximumNesting else { throw .nestedTooDeeply }
    }

    // MARK: Lists, and-or chains, pipelines

    /// Commands up to the end of the input, the `closing` character (`)`), or one of the reserved
    /// words in `keywords` at a command's start (`done`, `fi`); in a `case` clause also up to `;;`.
    /// What ends the list is left for the caller to read.
    mutating func parseList(closing: Character? = nil, keywords: Set<String> = [], caseClause: Bool = false) throws(ShellSyntaxError) -> ShellScript {
        var items: [AndOrList] = []
        while true {
            try skipBlanks(newlines: true)
            guard let character = current else {
                if closing != nil || !keywords.isEmpty || !pendingHereDocuments.isEmpty { throw .incomplete }
                break
            }
            if character == closing || caseClause && sees(";;") { break }
            if let word = reservedWord(), keywords.contains(word) { break }
            if ";&|)".contains(character) { throw .unexpectedToken(operatorToken()) }
            items.append(try parseAndOr())
            try skipBlanks(newlines: false)
            guard let separator = current else { continue }
            switch separator {
            case ";":
                if peek(1) == ";" {
                    if caseClause { continue }
                    throw .unexpectedToken(";;")
                }
                index += 1
            case "&": index += 1
            case "\n": try consumeNewline()
            default:
                if separator == closing { continue }
                if let word = reservedWord(), keywords.contains(word) { continue }
                throw .unexpectedToken(tokenAhead())
            }
        }
        return ShellScript(items: items)
    }

    private mutating func parseAndOr() throws(ShellSyntaxError) -> AndOrList {
        let first = try parsePipeline()
        var rest: [(AndOrList.Connector, Pipeline)] = []
        while true {
            try skipBlanks(newlines: false)
            let connector: AndOrList.Connector
            if current == "&", peek(1) == "&" { connector = .and } else if current == "|", peek(1) == "|" { connector = .or } else { break }
            index += 2
            try skipBlanks(newlines: true)
            guard current != nil else { throw .incomplete }
            rest.append((connector, try parsePipeline()))
        }
        return AndOrList(first: first, rest: rest)
    }

    private mutating func parsePipeline() throws(ShellSyntaxError) -> Pipeline {
        try skipBlanks(newlines: false)
        var negated = false
        if current == "!", peek(1).map(Self.isBlank) ?? true {
            negated = true
            index += 1
        }
        var commands = [try parseCommand()]
        while true {
            try skipBlanks(newlines: false)
            guard current == "|", peek(1) != "|" else { break }
            index += 1
            try skipBlanks(newlines: true)
            guard current != nil else { throw .incomplete }
            commands.append(try parseCommand())
        }
        return Pipeline(negated: negated, commands: commands)
    }

    /// A compound command where a reserved word or `(` starts one, else a simple command.
    private mutating func parseCommand() throws(ShellSyntaxError) -> Command {
        try skipBlanks(newlines: false)
        if current == "(" || reservedWord().map(Self.openingWords.contains) == true {
            let compound = try parseCompound()
            return .compound(compound, redirections: try parseTrailingRedirections())
        }
        if let word = reservedWord() { throw .unexpectedToken(word) }
        return .simple(try parseSimpleCommand())
    }

    // MARK: Simple commands and redirections

    private mutating func parseSimpleCommand() throws(ShellSyntaxError) -> SimpleCommand {
        var command = SimpleCommand(assignments: [], words: [], redirections: [], textAfterFirstWord: "")
        var firstWordEnd: Int?
        while true {
            try skipBlanks(newlines: false)
            guard let character = current else { break }
            if character == "&", peek(1) == ">" {
                command.redirections.append(try parseRedirection())
                continue
            }
            if ";&|\n)".contains(character) { break }
            if character == "(" { throw .unexpectedToken("(") }
            if isRedirectionStart {
                command.redirections.append(try parseRedirection())
                continue
            }
            let word = try parseWord()
            if command.words.isEmpty, let assignment = Self.assignment(word) {
                command.assignments.append(assignment)
            } else {
                command.words.append(word)
                if firstWordEnd == nil { firstWordEnd = index }
            }
        }
        if command.words.isEmpty && command.assignments.isEmpty && command.redirections.isEmpty {
            throw current == nil ? .incomplete : .unexpectedToken(operatorToken())
        }
        if let firstWordEnd { command.textAfterFirstWord = String(characters[firstWordEnd..<index]) }
        return command
    }

    /// `2>`, `>`, `<`, but not `<(`, which starts a process substitution word.
    private var isRedirectionStart: Bool {
        var offset = 0
        while let digit = peek(offset), digit.isASCII, digit.isNumber { offset += 1 }
        guard let symbol = peek(offset), symbol == "<" || symbol == ">" else { return false }
        return !(offset == 0 && symbol == "<" && peek(1) == "(")
    }

    private mutating func parseRedirection() throws(ShellSyntaxError) -> Redirection {
        var digits = ""
        while let digit = current, digit.isASCII, digit.isNumber { digits.append(digit); index += 1 }
        let explicit = Int(digits).map { min($0, 9) }
        let operation: Redirection.Operator
        var descriptor = explicit ?? 1
        if take("&>>") { operation = .outputAndError(append: true) }
        else if take("&>") { operation = .outputAndError(append: false) }
        else if take("<<<") { operation = .hereString; descriptor = explicit ?? 0 }
        else if take("<<") {
            let stripsTabs = take("-")
            try skipBlanks(newlines: false)
            guard let delimiter = current, !Self.endsWord(delimiter) else { throw unexpectedAfterRedirection() }
            let word = try parseWord()
            let literal = word.parts.contains { if case .literal = $0 { false } else { true } }
            let document = HereDocument(delimiter: Self.unquoted(word), literal: literal, stripsTabs: stripsTabs)
            pendingHereDocuments.append(document)
            return Redirection(descriptor: explicit ?? 0, operation: .hereDocument(document), target: word)
        }
        else if take("<&") { operation = .duplicate; descriptor = explicit ?? 0 }
        else if take("<") { operation = .input; descriptor = explicit ?? 0 }
        else if take(">>") { operation = .append }
        else if take(">&") { operation = .duplicate }
        else if take(">|") || take(">") { operation = .output }
        else { throw .unexpectedToken(operatorToken()) }
        try skipBlanks(newlines: false)
        guard let next = current, !Self.endsWord(next) || sees("<(") else { throw unexpectedAfterRedirection() }
        return Redirection(descriptor: descriptor, operation: operation, target: try parseWord())
    }

    /// The redirections after a compound command (`done > out`); a word there is an error.
    private mutating func parseTrailingRedirections() throws(ShellSyntaxError) -> [Redirection] {
        var redirections: [Redirection] = []
        while true {
            try skipBlanks(newlines: false)
            guard current == "&" && peek(1) == ">" || isRedirectionStart else { break }
            redirections.append(try parseRedirection())
        }
        if let next = current, !";&|\n)".contains(next), reservedWord() == nil { throw .unexpectedToken(tokenAhead()) }
        return redirections
    }

    private func unexpectedAfterRedirection() -> ShellSyntaxError {
        guard current != nil, current != "\n" else { return .unexpectedToken("newline") }
        return .unexpectedToken(operatorToken())
    }

    // MARK: Blanks, newlines and heredoc bodies

    /// Skips blanks, line continuations and comments, and newlines too when the grammar allows
    /// them (after `|`, `&&`, between commands).
    mutating func skipBlanks(newlines: Bool) throws(ShellSyntaxError) {
        while let character = current {
            if Self.isBlank(character) {
                index += 1
            } else if character == "\\", peek(1) == "\n" {
                index += 2
            } else if character == "#" {
                while let next = current, next != "\n" { index += 1 }
            } else if character == "\n", newlines {
                try consumeNewline()
            } else {
                break
            }
        }
    }

    /// Moves past a newline, reading the bodies of the heredocs opened on the line it ends.
    mutating func consumeNewline() throws(ShellSyntaxError) {
        index += 1
        let documents = pendingHereDocuments
        pendingHereDocuments = []
        for document in documents {
            var body = ""
            while true {
                guard current != nil else { throw .incomplete }
                var line = ""
                while let character = current, character != "\n" { line.append(character); index += 1 }
                let ended = current == "\n"
                if ended { index += 1 }
                if document.stripsTabs { line = String(line.drop { $0 == "\t" }) }
                if line == document.delimiter { break }
                guard ended else { throw .incomplete }
                body += line + "\n"
            }
            if document.literal {
                document.body = body.isEmpty ? [] : [.quoted(body)]
            } else {
                var bodyParser = ShellParser(body)
                document.body = try bodyParser.parseParts(mode: .hereDocument)
            }
        }
    }

    // MARK: Characters

    var current: Character? { index < characters.count ? characters[index] : nil }

    func peek(_ offset: Int) -> Character? {
        let position = index + offset
        return position < characters.count ? characters[position] : nil
    }

    func sees(_ text: String) -> Bool {
        text.enumerated().allSatisfy { peek($0.offset) == $0.element }
    }

    mutating func take(_ text: String) -> Bool {
        guard sees(text) else { return false }
        index += text.count
        return true
    }

    /// The unquoted word at the cursor, without reading it; nil when it has quotes or expansions.
    func plainWordAhead() -> String? {
        var end = index
        while end < characters.count, !Self.endsWord(characters[end]) {
            if "'\"\\$`".contains(characters[end]) { return nil }
            end += 1
        }
        return end > index ? String(characters[index..<end]) : nil
    }

    /// The token at the cursor as bash names it in a syntax error: an operator, or the word.
    func tokenAhead() -> String {
        guard let character = current, !Self.endsWord(character) else { return operatorToken() }
        var end = index
        while end < characters.count, !Self.endsWord(characters[end]) { end += 1 }
        return String(characters[index..<end])
    }

    /// The operator at the cursor, as bash names it in a syntax error.
    func operatorToken() -> String {
        guard let character = current else { return "newline" }
        if character == "\n" { return "newline" }
        for token in [";;", "&&", "||", "<<<", "<<", ">>", "&>", ">&", "|&"] where sees(token) { return token }
        return String(character)
    }

    static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    static func endsWord(_ character: Character) -> Bool {
        isBlank(character) || ";&|<>()\n".contains(character)
    }

    static func isNameStart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character == "_")
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    /// `NAME=value` at the start of a command: an assignment, not a word.
    static func assignment(_ word: Word) -> (name: String, value: Word)? {
        guard case .literal(let text)? = word.parts.first, let equals = text.firstIndex(of: "="),
              let first = text.first, isNameStart(first), text[..<equals].allSatisfy(isNameCharacter) else { return nil }
        let rest = String(text[text.index(after: equals)...])
        let value = (rest.isEmpty ? [] : [WordPart.literal(rest)]) + word.parts.dropFirst()
        let valueText = String(word.text.drop { $0 != "=" }.dropFirst())
        return (String(text[..<equals]), Word(parts: value, text: valueText))
    }

    /// A heredoc delimiter with its quotes removed: `'EOF'` and `E"O"F` are both `EOF`.
    static func unquoted(_ word: Word) -> String {
        word.parts.map { part in
            switch part {
            case .literal(let text), .quoted(let text): text
            case .doubleQuoted(let inner): unquoted(Word(parts: inner, text: ""))
            default: ""
            }
        }.joined()
    }
}
