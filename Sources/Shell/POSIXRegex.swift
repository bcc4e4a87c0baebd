import Foundation

/// POSIX regular expressions as grep and sed read them, translated to ICU's dialect: basic (BRE),
/// where `\(`, `\{`, `\+`, `\?` and `\|` are the operators and their bare forms literal, or
/// extended (ERE, `-E`).
enum POSIXRegex {
    static func compile(_ pattern: String, extended: Bool, ignoreCase: Bool = false) throws(ShellFailure) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: translate(pattern, extended: extended), options: ignoreCase ? [.caseInsensitive] : [])
        } catch {
            throw ShellFailure("Invalid regular expression")
        }
    }

    static func translate(_ pattern: String, extended: Bool) -> String {
        var result = ""
        var characters = Substring(pattern)
        var inBracket = false
        while let character = characters.first {
            characters = characters.dropFirst()
            if inBracket {
                if character == "]" { inBracket = false }
                if character == "[", characters.first == ":" , let close = characters.range(of: ":]") {
                    result += "[" + characters[..<close.upperBound]
                    characters = characters[close.upperBound...]
                    continue
                }
                result += character == "\\" ? "\\\\" : String(character)
                continue
            }
            switch character {
            case "[":
                inBracket = true
                result.append("[")
                if characters.first == "^" { result.append("^"); characters = characters.dropFirst() }
                if characters.first == "]" { result += "\\]"; characters = characters.dropFirst() }
            case "\\":
                guard let next = characters.first else { result += "\\\\"; break }
                characters = characters.dropFirst()
                switch next {
                case "<", ">": result += "\\b"
                case "(", ")", "{", "}", "|", "+", "?": result += extended ? "\\" + String(next) : String(next)
                default: result += "\\" + String(next)
                }
            case "(", ")", "{", "}", "|", "+", "?":
                result += extended ? String(character) : "\\" + String(character)
            default:
                result.append(character)
            }
        }
        return result
    }
}

extension NSRegularExpression {
    func matches(_ text: String) -> Bool {
        firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
