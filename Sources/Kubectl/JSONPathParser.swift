/// Parses a JSONPath template the way client-go's `jsonpath.Parser` does, rune by rune, with its
/// error messages. Text outside `{}` is kept as is; each `{...}` becomes a `.list` of nodes.
struct JSONPathParser {
    private let input: [Unicode.Scalar]
    private var position = 0
    /// Where the text not yet turned into a node begins.
    private var start = 0
    /// Whether the last `next()` read a character (so `backup()` can step back over it).
    private var lastWidth = 0

    private init(_ text: String) { input = Array(text.unicodeScalars) }

    /// The root nodes of `template`: `.text` and `.list` only.
    static func parse(_ template: String) throws(JSONPathError) -> [JSONPathNode] {
        var parser = JSONPathParser(template)
        return try parser.parseTemplate()
    }

    /// Parses `{text}` and returns its one action's nodes, as client-go's parseAction does for
    /// the parts of unions, bracketed keys and filters.
    private static func parseAction(_ text: String) throws(JSONPathError) -> [JSONPathNode] {
        guard case .list(let nodes)? = try parse("{" + text + "}").first else { return [] }
        return nodes
    }

    // MARK: Reading

    private var atEnd: Bool { position >= input.count }

    private mutating func next() -> Unicode.Scalar? {
        guard position < input.count else { lastWidth = 0; return nil }
        lastWidth = 1
        position += 1
        return input[position - 1]
    }

    private mutating func backup() { position -= lastWidth }

    private mutating func peek() -> Unicode.Scalar? {
        let scalar = next()
        backup()
        return scalar
    }

    private mutating func consumeText() -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: input[min(start, position)..<position])
        start = position
        return String(text)
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        var index = position
        for scalar in prefix.unicodeScalars {
            guard index < input.count, input[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    /// The character before the one just read: client-go's `input[pos-2]`.
    private var beforeLast: Unicode.Scalar? { position >= 2 ? input[position - 2] : nil }

    // MARK: Template and actions

    private mutating func parseTemplate() throws(JSONPathError) -> [JSONPathNode] {
        var root: [JSONPathNode] = []
        while true {
            while !atEnd, !hasPrefix("{") { position += 1 }
            if position > start { root.append(.text(consumeText())) }
            if atEnd { return root }
            position += 1
            _ = consumeText()
            root.append(.list(try parseInsideAction()))
        }
    }

    /// Reads nodes until the action's closing `}`.
    private mutating func parseInsideAction() throws(JSONPathError) -> [JSONPathNode] {
        var nodes: [JSONPathNode] = []
        while true {
            if hasPrefix("}") {
                position += 1
                _ = consumeText()
                return nodes
            }
            if hasPrefix("[?(") {
                nodes.append(try parseFilter())
                continue
            }
            if hasPrefix("..") {
                try parseRecursive(&nodes)
                continue
            }
            guard let scalar = next(), !JSONPathParser.isEndOfLine(scalar) else { throw JSONPathError("unclosed action") }
            switch scalar {
            case " ", "@", "$":
                _ = consumeText()
            case "[":
                try parseArray(&nodes)
            case "\"", "'":
                nodes.append(try parseQuote(closing: scalar))
            case ".":
                nodes.append(parseField())
            case "+", "-":
                backup()
                nodes.append(try parseNumber())
            case _ where JSONPathParser.isDigit(scalar):
                backup()
                nodes.append(try parseNumber())
            case _ where JSONPathParser.isAlphaNumeric(scalar):
                backup()
                nodes.append(parseIdentifier())
            default:
                throw JSONPathError("unrecognized character in action: \(GoFormat.rune(scalar))")
            }
        }
    }

    /// `range`, `end`, `true`, `false` or any other bare word.
    private mutating func parseIdentifier() -> JSONPathNode {
        while let scalar = next(), !JSONPathParser.isTerminator(scalar) {}
        backup()
        let word = consumeText()
        if word == "true" || word == "false" { return .bool(word == "true") }
        return .identifier(word)
    }

    private mutating func parseRecursive(_ nodes: inout [JSONPathNode]) throws(JSONPathError) {
        if nodes.last == .recursive { throw JSONPathError("invalid multiple recursive descent") }
        position += 2
        _ = consumeText()
        nodes.append(.recursive)
        if let scalar = peek(), JSONPathParser.isAlphaNumeric(scalar) { nodes.append(parseField()) }
    }

    private mutating func parseNumber() throws(JSONPathError) -> JSONPathNode {
        if let sign = peek(), sign == "+" || sign == "-" { _ = next() }
        while let scalar = next(), scalar == "." || JSONPathParser.isDigit(scalar) {}
        backup()
        let text = consumeText()
        if let number = Int(text) { return .int(number) }
        if JSONPathParser.isGoFloat(text), let number = Double(text) { return .float(number) }
        throw JSONPathError("cannot parse number \(text)")
    }

    /// A field name runs to the next unescaped terminator; `\.` keeps a dot in the name.
    private mutating func parseField() -> JSONPathNode {
        _ = consumeText()
        while let scalar = next() {
            if scalar == "\\" {
                _ = next()
            } else if JSONPathParser.isTerminator(scalar) {
                backup()
                break
            }
        }
        let name = consumeText()
        return name == "*" ? .wildcard : .field(name.replacingOccurrences(of: "\\", with: ""))
    }

    private mutating func parseQuote(closing: Unicode.Scalar) throws(JSONPathError) -> JSONPathNode {
        while true {
            guard let scalar = next(), !JSONPathParser.isEndOfLine(scalar) else {
                throw JSONPathError("unterminated quoted string")
            }
            if scalar == closing, beforeLast != "\\" { break }
        }
        let quoted = consumeText()
        guard let text = GoFormat.unquote(quoted) else {
            throw JSONPathError("unquote string \(quoted) error invalid syntax")
        }
        return .text(text)
    }

    // MARK: Brackets

    /// `[N]`, `[a:b:c]`, `[*]`, `['key']` or a union `[0,1]`; the `[` is already read.
    private mutating func parseArray(_ nodes: inout [JSONPathNode]) throws(JSONPathError) {
        while true {
            guard let scalar = next(), scalar != "\n" else { throw JSONPathError("unterminated array") }
            if scalar == "]" { break }
        }
        var text = String(consumeText().dropFirst().dropLast())
        if text == "*" { text = ":" }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            var branches: [[JSONPathNode]] = []
            for part in parts {
                branches.append(try JSONPathParser.parseAction("[" + String(part).trimming(" ") + "]"))
            }
            nodes.append(.union(branches))
            return
        }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.dropFirst().dropLast().contains("'") {
            nodes += try JSONPathParser.parseAction("." + text.dropFirst().dropLast())
            return
        }
        nodes.append(.slice(try JSONPathParser.slice(text)))
    }

    /// `start:end:step`, each part `-?[0-9]*`, as client-go's slice regular expression reads them.
    private static func slice(_ text: String) throws(JSONPathError) -> JSONPathSlice {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let isBound = { (part: Substring) in part.drop { $0 == "-" }.allSatisfy { ("0"..."9").contains($0) } && !part.dropFirst().contains("-") }
        guard parts.count <= 3, parts.allSatisfy(isBound) else { throw JSONPathError("invalid array index \(text)") }
        var slice = JSONPathSlice()
        func bound(_ part: Substring) throws(JSONPathError) -> JSONPathSlice.Bound {
            guard let value = Int(part) else { throw JSONPathError("array index \(part) is not a number") }
            return JSONPathSlice.Bound(value: value, known: true)
        }
        if let first = parts.first, !first.isEmpty { slice.start = try bound(first) }
        if parts.count > 1 {
            if !parts[1].isEmpty { slice.end = try bound(parts[1]) }
        } else {
            slice.end = JSONPathSlice.Bound(value: slice.start.value &+ 1, known: true, derived: true)
        }
        if parts.count > 2, !parts[2].isEmpty { slice.step = try bound(parts[2]) }
        return slice
    }

    /// `[?(left op right)]`, or `[?(path)]` for existence. A `)` inside quotes does not close it.
    private mutating func parseFilter() throws(JSONPathError) -> JSONPathNode {
        position += 3
        _ = consumeText()
        var opened = false, closed = false
        var quote: Unicode.Scalar = "\""
        while true {
            guard let scalar = next(), scalar != "\n" else { throw JSONPathError("unterminated filter") }
            if scalar == "\"" || scalar == "'" {
                if !opened {
                    opened = true
                    quote = scalar
                } else if beforeLast != "\\", scalar == quote {
                    closed = true
                }
            } else if scalar == ")", opened == closed {
                break
            }
        }
        guard next() == "]" else { throw JSONPathError("unclosed array expect ]") }
        let text = String(consumeText().dropLast(2))
        guard let (left, comparison, right) = JSONPathParser.comparison(text) else {
            return .filter(left: try JSONPathParser.parseAction(text), operator: "exists", right: [])
        }
        return .filter(left: try JSONPathParser.parseAction(left), operator: comparison,
                       right: try JSONPathParser.parseAction(right))
    }

    /// Splits `left op right` as client-go's `^([^!<>=]+)([!<>=]+)(.+?)$` does.
    private static func comparison(_ text: String) -> (String, String, String)? {
        let isOperator = { (character: Character) in "!<>=".contains(character) }
        let left = text.prefix { !isOperator($0) }
        var operators = text.dropFirst(left.count).prefix(while: isOperator)
        var right = text.dropFirst(left.count + operators.count)
        if right.isEmpty, operators.count >= 2 {
            right = operators.suffix(1)
            operators = operators.dropLast()
        }
        guard !left.isEmpty, !operators.isEmpty, !right.isEmpty else { return nil }
        return (String(left), String(operators), String(right))
    }

    // MARK: Character classes (Go's unicode package)

    private static func isEndOfLine(_ scalar: Unicode.Scalar) -> Bool { scalar == "\r" || scalar == "\n" }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    private static func isAlphaNumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
        default: scalar == "_"
        }
    }

    private static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        " \t\r\n.,[]$@{}".unicodeScalars.contains(scalar)
    }

    /// Digits with at most one dot: what Go's ParseFloat accepts of the characters parseNumber reads.
    private static func isGoFloat(_ text: String) -> Bool {
        let body = text.drop { $0 == "+" || $0 == "-" }
        return body.count(where: { $0 == "." }) <= 1 && body.contains { $0.isNumber } && text.count - body.count <= 1
    }
}
