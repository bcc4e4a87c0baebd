import Foundation

/// One sed command with its addresses.
struct SedCommand {
    enum Address {
        case line(Int)
        case last
        case pattern(NSRegularExpression)

        func matches(line: Int, text: String, isLast: Bool) -> Bool {
            switch self {
            case .line(let number): number == line
            case .last: isLast
            case .pattern(let regex): regex.matches(text)
            }
        }
    }

    enum Action {
        case substitute(NSRegularExpression, replacement: String, global: Bool, occurrence: Int, print: Bool)
        case delete, print, quit
        case append(String), insert(String), change(String)
        case transliterate([Character], [Character])
    }

    var first: Address?
    var second: Address?
    var negated = false
    var action: Action

    /// Whether the command applies to this line; `active` carries a range's state between lines.
    func selects(line: Int, text: String, isLast: Bool, active: inout Bool) -> Bool {
        var selected: Bool
        if let first, let second {
            if active {
                selected = true
                if second.matches(line: line, text: text, isLast: isLast) { active = false }
                if case .line(let end) = second, line >= end { active = false }
            } else if first.matches(line: line, text: text, isLast: isLast) {
                selected = true
                active = true
                if case .line(let end) = second, end <= line { active = false }
            } else {
                selected = false
            }
        } else {
            selected = first?.matches(line: line, text: text, isLast: isLast) ?? true
        }
        return selected != negated
    }
}

/// Reads a sed script: commands separated by `;` or newlines.
enum SedScript {
    static func parse(_ script: String, extended: Bool) throws(ShellFailure) -> [SedCommand] {
        var reader = Reader(characters: Array(script), extended: extended)
        var commands: [SedCommand] = []
        while true {
            reader.skip(" \t\n;")
            guard reader.current != nil else { break }
            commands.append(try reader.command())
        }
        return commands
    }

    private struct Reader {
        let characters: [Character]
        let extended: Bool
        var index = 0

        var current: Character? { index < characters.count ? characters[index] : nil }

        mutating func skip(_ set: String) {
            while let character = current, set.contains(character) { index += 1 }
        }

        mutating func command() throws(ShellFailure) -> SedCommand {
            let first = try address()
            var second: SedCommand.Address?
            if first != nil, current == "," {
                index += 1
                guard let address = try address() else { throw ShellFailure("unexpected `,'") }
                second = address
            }
            skip(" \t")
            var negated = false
            if current == "!" { negated = true; index += 1; skip(" \t") }
            guard let letter = current else { throw ShellFailure("missing command") }
            index += 1
            let action: SedCommand.Action
            switch letter {
            case "s": action = try substitution()
            case "y":
                let from = Array(try delimited(delimiter(), regex: false)), to = Array(try delimited(characters[index - 1], regex: false))
                guard from.count == to.count else { throw ShellFailure("strings for `y' command are different lengths") }
                action = .transliterate(from, to)
            case "d": action = .delete
            case "p": action = .print
            case "q": action = .quit
            case "a", "i", "c":
                let text = self.text()
                action = letter == "a" ? .append(text) : letter == "i" ? .insert(text) : .change(text)
            default: throw ShellFailure("unknown command: `\(letter)'")
            }
            return SedCommand(first: first, second: second, negated: negated, action: action)
        }

        mutating func address() throws(ShellFailure) -> SedCommand.Address? {
            guard let character = current else { return nil }
            if character == "$" { index += 1; return .last }
            if character.isNumber {
                var digits = ""
                while let digit = current, digit.isNumber { digits.append(digit); index += 1 }
                guard let number = Int(digits) else { throw ShellFailure("invalid line number") }
                return .line(number)
            }
            if character == "/" || character == "\\" {
                if character == "\\" { index += 1 }
                let pattern = try delimited(delimiter(), regex: true)
                return .pattern(try POSIXRegex.compile(pattern, extended: extended))
            }
            return nil
        }

        mutating func delimiter() throws(ShellFailure) -> Character {
            guard let character = current, character != "\n", character != "\\" else { throw ShellFailure("unterminated `s' command") }
            index += 1
            return character
        }

        /// Text up to an unescaped `delimiter`; `\delimiter` stands for the delimiter itself.
        mutating func delimited(_ delimiter: Character, regex: Bool) throws(ShellFailure) -> String {
            var text = ""
            while let character = current {
                index += 1
                if character == delimiter { return text }
                if character == "\\", let next = current {
                    index += 1
                    if next == delimiter { text.append(next) } else if next == "n" && !regex { text.append("\n") } else { text += "\\" + String(next) }
                    continue
                }
                text.append(character)
            }
            throw ShellFailure("unterminated `s' command")
        }

        mutating func substitution() throws(ShellFailure) -> SedCommand.Action {
            let delimiter = try delimiter()
            let pattern = try delimited(delimiter, regex: true)
            let replacement = try delimited(delimiter, regex: false)
            var global = false, print = false, ignoreCase = false
            var occurrence = 1
            while let flag = current, !" \t\n;}".contains(flag) {
                index += 1
                switch flag {
                case "g": global = true
                case "p": print = true
                case "i", "I": ignoreCase = true
                default:
                    guard let digit = flag.wholeNumberValue, digit > 0 else { throw ShellFailure("unknown option to `s'") }
                    occurrence = digit
                }
            }
            let regex = try POSIXRegex.compile(pattern, extended: extended, ignoreCase: ignoreCase)
            return .substitute(regex, replacement: replacement, global: global, occurrence: occurrence, print: print)
        }

        /// The text of `a`, `i` and `c`: GNU's one-line form (`a text`, `a\text`) to the line's end.
        mutating func text() -> String {
            skip(" \t")
            if current == "\\" { index += 1; skip("\n") }
            var text = ""
            while let character = current, character != "\n" { text.append(character); index += 1 }
            return text
        }
    }
}
