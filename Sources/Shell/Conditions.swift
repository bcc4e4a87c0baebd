import Foundation

/// `test`, `[ ... ]` and `[[ ... ]]`: string, integer and file tests. `test` reads its operands
/// as the words it was given, by POSIX's rules for one to four of them; `[[ ]]` was parsed
/// already, matches `==` against patterns and reads `-eq`'s operands as arithmetic.
enum Conditions {
    /// `test ARGS` and `[ ARGS ]`; a malformed test is status 2, in bash's words.
    static func test(_ call: ToolCall) -> Int32 {
        var arguments = call.arguments
        if call.name == "[" {
            guard arguments.last == "]" else {
                call.io.err("bash: [: missing `]'\n")
                return 2
            }
            arguments.removeLast()
        }
        do {
            return try TestParser(arguments: arguments, shell: call.shell).evaluate() ? 0 : 1
        } catch {
            call.io.err("bash: \(call.name): \(error.message)\n")
            return 2
        }
    }

    /// `-z`, `-n` and the file tests; nil for an operator that is not one of them.
    static func unary(_ symbol: String, _ operand: String, shell: ShellInterpreter) -> Bool? {
        let path = shell.path(operand)
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = !operand.isEmpty && files.fileExists(atPath: path, isDirectory: &isDirectory)
        switch symbol {
        case "-z": return operand.isEmpty
        case "-n": return !operand.isEmpty
        case "-e": return exists
        case "-f": return exists && !isDirectory.boolValue
        case "-d": return exists && isDirectory.boolValue
        case "-s": return exists && ((try? files.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > 0
        case "-r": return exists && files.isReadableFile(atPath: path)
        case "-w": return exists && files.isWritableFile(atPath: path)
        case "-x": return exists && files.isExecutableFile(atPath: path)
        case "-L", "-h": return (try? files.destinationOfSymbolicLink(atPath: path)) != nil
        default: return nil
        }
    }

    /// `=`, `!=`, `<` and `>` on strings, and `-eq` and its kin on integers.
    static func binary(_ left: String, _ symbol: String, _ right: String, integer: (String) throws(ShellFailure) -> Int64) throws(ShellFailure) -> Bool? {
        switch symbol {
        case "=", "==": return left == right
        case "!=": return left != right
        case "<": return left < right
        case ">": return left > right
        case "-eq": return try integer(left) == integer(right)
        case "-ne": return try integer(left) != integer(right)
        case "-lt": return try integer(left) < integer(right)
        case "-le": return try integer(left) <= integer(right)
        case "-gt": return try integer(left) > integer(right)
        case "-ge": return try integer(left) >= integer(right)
        default: return nil
        }
    }

    static let binaryOperators: Set<String> = ["=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"]
}

/// `test`'s operands: by their count as POSIX says for up to four, else by precedence
/// (`!`, then `-a`, then `-o`, with parentheses).
private struct TestParser {
    let arguments: [String]
    let shell: ShellInterpreter
    var position = 0
    var nesting = 0

    func evaluate() throws(ShellFailure) -> Bool {
        var parser = self
        switch arguments.count {
        case 0: return false
        case 1...4: if let result = try parser.byCount(arguments[...]) { return result }
        default: break
        }
        parser.position = 0
        let result = try parser.chain("-o")
        guard parser.position == arguments.count else { throw ShellFailure("too many arguments") }
        return result
    }

    /// POSIX's rules for one to four operands; nil when they leave it to the general grammar.
    private func byCount(_ words: ArraySlice<String>) throws(ShellFailure) -> Bool? {
        let word = Array(words)
        switch word.count {
        case 0: return false
        case 1: return !word[0].isEmpty
        case 2:
            if word[0] == "!" { return word[1].isEmpty }
            guard let result = Conditions.unary(word[0], word[1], shell: shell) else { throw ShellFailure("\(word[0]): unary operator expected") }
            return result
        case 3:
            if let result = try Conditions.binary(word[0], word[1], word[2], integer: Self.integer) { return result }
            if word[0] == "!" { return try byCount(words.dropFirst()).map(!) }
            if word[0] == "(" && word[2] == ")" { return !word[1].isEmpty }
            if word[1] == "-a" { return !word[0].isEmpty && !word[2].isEmpty }
            if word[1] == "-o" { return !word[0].isEmpty || !word[2].isEmpty }
            throw ShellFailure("\(word[1]): binary operator expected")
        default:
            if word[0] == "!" { return try byCount(words.dropFirst()).map(!) }
            if word[0] == "(" && word[3] == ")" { return try byCount(words.dropFirst().dropLast()) }
            return nil
        }
    }

    /// Terms joined by `-o` (`symbol` "-o") of terms joined by `-a` ("-a").
    private mutating func chain(_ symbol: String) throws(ShellFailure) -> Bool {
        var result = symbol == "-o" ? try chain("-a") : try term()
        while position < arguments.count, arguments[position] == symbol {
            position += 1
            let right = symbol == "-o" ? try chain("-a") : try term()
            result = symbol == "-o" ? result || right : result && right
        }
        return result
    }

    private mutating func term() throws(ShellFailure) -> Bool {
        var negations = 0
        while position < arguments.count, arguments[position] == "!" { negations += 1; position += 1 }
        guard position < arguments.count else { throw ShellFailure("argument expected") }
        let word = arguments[position]
        var result: Bool
        if word == "(" {
            nesting += 1
            guard nesting <= ShellParser.maximumNesting else { throw ShellFailure("maximum nesting level exceeded") }
            position += 1
            result = try chain("-o")
            guard position < arguments.count, arguments[position] == ")" else { throw ShellFailure("`)' expected") }
            position += 1
            nesting -= 1
        } else if position + 2 < arguments.count, Conditions.binaryOperators.contains(arguments[position + 1]) {
            result = try Conditions.binary(word, arguments[position + 1], arguments[position + 2], integer: Self.integer) ?? false
            position += 3
        } else if position + 1 < arguments.count, let unary = Conditions.unary(word, arguments[position + 1], shell: shell) {
            result = unary
            position += 2
        } else {
            result = !word.isEmpty
            position += 1
        }
        return negations % 2 == 0 ? result : !result
    }

    /// An operand of `-eq` and its kin: an integer, blanks around it allowed.
    private static func integer(_ text: String) throws(ShellFailure) -> Int64 {
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw ShellFailure("\(text): integer expression expected") }
        return value
    }
}

/// `[[ ... ]]`: its words expanded without splitting or file-name matching.
extension ShellInterpreter {
    func evaluate(_ expression: ConditionalExpression) throws(ShellFailure) -> Bool {
        switch expression {
        case .word(let word):
            return !(try expandToText(word)).isEmpty
        case .not(let inner):
            return !(try evaluate(inner))
        case .and(let left, let right):
            guard try evaluate(left) else { return false }
            return try evaluate(right)
        case .or(let left, let right):
            if try evaluate(left) { return true }
            return try evaluate(right)
        case .unary(let symbol, let operand):
            return Conditions.unary(symbol, try expandToText(operand), shell: self) ?? false
        case .binary(let left, let symbol, let right):
            let value = try expandToText(left)
            switch symbol {
            case "==", "=": return Glob.matches(try globPattern(right), value)
            case "!=": return !Glob.matches(try globPattern(right), value)
            case "=~":
                return try POSIXRegex.compile(try expandToText(right), extended: true).matches(value)
            default:
                return try Conditions.binary(value, symbol, try expandToText(right)) { text throws(ShellFailure) in
                    do throws(ArithmeticFailure) {
                        return try evaluateArithmetic(text)
                    } catch {
                        throw ShellFailure("[[: \(error.message)")
                    }
                } ?? false
            }
        }
    }
}
