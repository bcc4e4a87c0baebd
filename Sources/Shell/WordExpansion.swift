import Foundation

/// Word expansion in bash's order: parameters and command substitutions, then field splitting of
/// what they produced outside quotes (so `$do` becomes `--dry-run=client -o yaml`, three words),
/// then file-name matching of unquoted `*`, `?` and `[`, then quote removal.
extension ShellInterpreter {
    /// Expands words into the fields a command receives.
    func expand(_ words: [Word]) throws(ShellFailure) -> [String] {
        var fields: [String] = []
        for word in words { fields += try expand(word) }
        return fields
    }

    /// Expands a word that stays one field whatever it holds (an assignment's value, a heredoc).
    func expandToText(_ word: Word) throws(ShellFailure) -> String {
        try expandQuoted(word.parts)
    }

    /// Text from parts inside double quotes: expansions, but no splitting and no matching.
    func expandQuoted(_ parts: [WordPart]) throws(ShellFailure) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let value), .quoted(let value): text += value
            case .doubleQuoted(let inner): text += try expandQuoted(inner)
            default: text += try value(of: part)
            }
        }
        return text
    }

    private func expand(_ word: Word) throws(ShellFailure) -> [String] {
        var fields: [FieldInProgress] = []
        var current = FieldInProgress()
        for part in word.parts {
            switch part {
            case .literal(let text):
                current.append(text, pattern: text)
            case .quoted(let text):
                current.append(text, pattern: Glob.escaped(text))
            case .doubleQuoted(let inner):
                let text = try expandQuoted(inner)
                current.append(text, pattern: Glob.escaped(text))
            default:
                let value = try value(of: part)
                let pieces = value.split(whereSeparator: Self.isFieldSeparator).map(String.init)
                if value.first.map(Self.isFieldSeparator) == true, current.started {
                    fields.append(current)
                    current = FieldInProgress()
                }
                for (position, piece) in pieces.enumerated() {
                    if position > 0 {
                        fields.append(current)
                        current = FieldInProgress()
                    }
                    current.append(piece, pattern: Glob.escaped(piece))
                }
                if value.last.map(Self.isFieldSeparator) == true, current.started {
                    fields.append(current)
                    current = FieldInProgress()
                }
            }
        }
        if current.started { fields.append(current) }
        return fields.flatMap { field in
            guard Glob.hasWildcards(field.pattern) else { return [field.text] }
            let matches = Glob.matches(field.pattern, in: workingDirectory)
            return matches.isEmpty ? [field.text] : matches
        }
    }

    private static func isFieldSeparator(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n"
    }

    /// What a parameter or a substitution stands for.
    private func value(of part: WordPart) throws(ShellFailure) -> String {
        switch part {
        case .parameter(let parameter): return try value(of: parameter)
        case .commandSubstitution(let script):
            var output = capture(script, error: substitutionErrors)
            while output.hasSuffix("\n") { output.removeLast() }
            return output
        case .processSubstitution(let script):
            return substitutedFile(holding: capture(script, error: substitutionErrors))
        case .arithmetic(let expression):
            let text = try expandToText(expression)
            do throws(ArithmeticFailure) {
                return String(try evaluateArithmetic(text))
            } catch {
                lineAborted = true
                throw ShellFailure(error.message)
            }
        case .literal(let text), .quoted(let text): return text
        case .doubleQuoted(let inner): return try expandQuoted(inner)
        }
    }

    private func value(of parameter: Parameter) throws(ShellFailure) -> String {
        let current = special(parameter.name) ?? variables[parameter.name]
        switch parameter.operation {
        case .value: return current ?? ""
        case .length: return String((current ?? "").count)
        case .useDefault(let word, let colon):
            return isUnset(current, colon) ? try expandToText(word) : current ?? ""
        case .assignDefault(let word, let colon):
            guard isUnset(current, colon) else { return current ?? "" }
            let value = try expandToText(word)
            variables[parameter.name] = value
            return value
        case .useAlternative(let word, let colon):
            return isUnset(current, colon) ? "" : try expandToText(word)
        case .removePrefix(let word, let longest):
            return Glob.removePrefix(try globPattern(word), from: current ?? "", longest: longest)
        case .removeSuffix(let word, let longest):
            return Glob.removeSuffix(try globPattern(word), from: current ?? "", longest: longest)
        }
    }

    private func isUnset(_ value: String?, _ colon: Bool) -> Bool {
        value == nil || colon && value?.isEmpty == true
    }

    /// A word as a pattern: its unquoted parts keep their wildcards.
    func globPattern(_ word: Word) throws(ShellFailure) -> String {
        var pattern = ""
        for part in word.parts {
            if case .literal(let text) = part { pattern += text } else { pattern += Glob.escaped(try value(of: part)) }
        }
        return pattern
    }

    /// `$?`, `$$`, `$#` and the other names bash gives itself.
    private func special(_ name: String) -> String? {
        switch name {
        case "?": String(status)
        case "$": "4242"
        case "#": "0"
        case "0": "bash"
        case "-": "himBHs"
        case "@", "*", "!": ""
        default: name.first?.isNumber == true ? "" : nil
        }
    }

    /// A substitution's standard error goes to the terminal; the interpreter's caller owns it.
    private var substitutionErrors: any TextSink { currentErrorSink ?? DiscardSink() }
}

/// A field being built from a word's parts: its text, and the pattern file-name matching uses
/// (with quoted characters escaped so that they match only themselves).
private struct FieldInProgress {
    var text = ""
    var pattern = ""
    var started = false

    mutating func append(_ text: String, pattern: String) {
        self.text += text
        self.pattern += pattern
        started = true
    }
}
