/// awk's tokens. A `/` starts a regular expression where an operand is expected, and divides
/// after one.
enum AwkToken: Equatable {
    case number(Double)
    case string(String)
    case regex(String)
    case word(String)
    case symbol(String)
    case newline

    /// Whether the token can begin the right side of a concatenation (`$1 " " $2`).
    var startsOperand: Bool {
        switch self {
        case .number, .string, .regex: true
        case .word(let name): !["in", "else"].contains(name)
        case .symbol(let symbol): symbol == "$" || symbol == "("
        case .newline: false
        }
    }

    /// Whether an operand ends with this token, so that a `/` after it divides.
    private var endsOperand: Bool {
        switch self {
        case .number, .string, .regex, .word: true
        case .symbol(let symbol): symbol == ")" || symbol == "++" || symbol == "--"
        case .newline: false
        }
    }

    static func scan(_ source: String) throws(ShellFailure) -> [AwkToken] {
        let characters = Array(source)
        var tokens: [AwkToken] = []
        var index = 0
        let symbols = ["&&", "||", "==", "!=", "<=", ">=", "!~", "++", "--", "+=", "-=", "*=", "/=", "%=",
                       "{", "}", "(", ")", ";", ",", "$", "+", "-", "*", "/", "%", "<", ">", "!", "~", "=", "?", ":"]
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\t" { index += 1; continue }
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "\n" { index += 2; continue }
            if character == "#" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "\n" { tokens.append(.newline); index += 1; continue }
            if character.isNumber || character == "." && index + 1 < characters.count && characters[index + 1].isNumber {
                var text = ""
                while index < characters.count, characters[index].isNumber || characters[index] == "." { text.append(characters[index]); index += 1 }
                tokens.append(.number(Double(text) ?? 0))
                continue
            }
            if character.isLetter || character == "_" {
                var text = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(.word(text))
                continue
            }
            if character == "\"" {
                index += 1
                var text = ""
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                        switch characters[index] {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        default: text.append(characters[index])
                        }
                    } else {
                        text.append(characters[index])
                    }
                    index += 1
                }
                guard index < characters.count else { throw ShellFailure("non-terminated string") }
                index += 1
                tokens.append(.string(text))
                continue
            }
            if character == "/", !(tokens.last?.endsOperand ?? false) {
                index += 1
                var text = ""
                while index < characters.count, characters[index] != "/" {
                    if characters[index] == "\\", index + 1 < characters.count, characters[index + 1] == "/" { index += 1 }
                    text.append(characters[index])
                    index += 1
                }
                guard index < characters.count else { throw ShellFailure("non-terminated regular expression") }
                index += 1
                tokens.append(.regex(text))
                continue
            }
            guard let symbol = symbols.first(where: { symbol in
                symbol.enumerated().allSatisfy { index + $0.offset < characters.count && characters[index + $0.offset] == $0.element }
            }) else {
                throw ShellFailure("syntax error at source line 1: unexpected character '\(character)'")
            }
            tokens.append(.symbol(symbol))
            index += symbol.count
        }
        return tokens
    }
}
