import Foundation

/// The little shell around kubectl that exam terminals have: words with quotes, pipes into
/// grep, wc, head, tail, base64, sort, and heredocs.
enum Shell {
    /// Splits a command line into words, honouring single and double quotes and backslashes.
    static func words(_ line: String) throws(ShellError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                // Inside double quotes a backslash only escapes $ ` " \ and keeps itself otherwise, as in sh.
                if quote == "\"", !"$`\"\\".contains(character) { current.append("\\") }
                current.append(character)
                escaped = false
                inWord = true
                continue
            }
            if character == "\\" && quote != "'" { escaped = true; continue }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "'" || character == "\"" { quote = character; inWord = true; continue }
            if character == " " || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(character)
            inWord = true
        }
        if quote != nil { throw .message("unexpected EOF while looking for matching `\(quote ?? "\"")'") }
        if inWord { words.append(current) }
        return words
    }

    /// Splits on `|` outside quotes.
    static func pipeline(_ line: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "|" {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The filters `filter` knows, which may also start a line (reading an empty input).
    static let filters: Set<String> = ["grep", "egrep", "wc", "head", "tail", "sort", "uniq", "cat", "base64", "awk"]

    /// Runs a filter command over `input` (the output of the previous pipeline stage).
    static func filter(_ words: [String], input: String) throws(ShellError) -> String {
        guard let command = words.first else { throw .message("syntax error near unexpected token `|'") }
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let flags = words.dropFirst().filter { $0.hasPrefix("-") && $0.count > 1 }
        let operands = words.dropFirst().filter { !($0.hasPrefix("-") && $0.count > 1) }
        func join(_ lines: [String]) -> String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
        switch command {
        case "grep", "egrep":
            return try grep(Array(words.dropFirst()), lines: lines)
        case "wc":
            if flags.contains("-l") { return "\(lines.count)\n" }
            if flags.contains("-w") { return "\(input.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)\n" }
            if flags.contains("-c") { return "\(input.utf8.count)\n" }
            return "\(lines.count) \(input.split(whereSeparator: { $0 == " " || $0 == "\n" }).count) \(input.utf8.count)\n"
        case "head", "tail":
            let count = words.dropFirst().compactMap { Int($0.replacingOccurrences(of: "-n", with: "").replacingOccurrences(of: "-", with: "")) }.first ?? 10
            let useTailFromLine = words.contains { $0.hasPrefix("+") }
            if command == "head" { return join(Array(lines.prefix(count))) }
            if useTailFromLine, let start = words.compactMap({ $0.hasPrefix("+") ? Int($0.dropFirst()) : nil }).first {
                return join(Array(lines.dropFirst(max(start - 1, 0))))
            }
            return join(Array(lines.suffix(count)))
        case "sort":
            var sorted = lines.sorted()
            if flags.contains("-r") { sorted.reverse() }
            return join(sorted)
        case "uniq": return join(lines.enumerated().filter { $0.offset == 0 || lines[$0.offset - 1] != $0.element }.map(\.element))
        case "cat": return input
        case "base64":
            if flags.contains("-d") || flags.contains("--decode") {
                let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
                    throw .message("base64: invalid input")
                }
                return decoded
            }
            return Data(input.utf8).base64EncodedString() + "\n"
        case "awk":
            guard let program = operands.first, let range = program.range(of: #"\$([0-9]+)"#, options: .regularExpression),
                  let field = Int(program[range].dropFirst()) else {
                throw .message("awk: only '{print $N}' is simulated")
            }
            return join(lines.map { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                return field == 0 ? line : (field <= fields.count ? fields[field - 1] : "")
            })
        default:
            throw .message("\(command): command not found")
        }
    }
}

extension Shell {
    /// grep with -i, -v, -c, -w, -E and context lines (-A N, -B N, -C N).
    static func grep(_ arguments: [String], lines: [String]) throws(ShellError) -> String {
        var options = Set<Character>()
        var after = 0, before = 0
        var pattern: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            guard word.hasPrefix("-"), word.count > 1, pattern == nil else {
                if pattern == nil { pattern = word }
                continue
            }
            let letters = Array(word.dropFirst())
            if let context = letters.first, "ABC".contains(context) {
                let inline = String(letters.dropFirst())
                let value = inline.isEmpty ? (index < arguments.count ? arguments[index] : "") : inline
                if inline.isEmpty { index += 1 }
                guard let number = Int(value), number >= 0 else { throw .message("grep: \(value): invalid context length argument") }
                if context != "B" { after = number }
                if context != "A" { before = number }
            } else {
                options.formUnion(letters)
            }
        }
        guard var pattern else { throw .message("usage: grep [-ivcwE] [-A N] [-B N] [-C N] PATTERN") }
        if options.contains("w") { pattern = "\\b(?:" + pattern + ")\\b" }
        let compare: String.CompareOptions = options.contains("i") ? [.caseInsensitive, .regularExpression] : [.regularExpression]
        let hits = lines.indices.filter { (lines[$0].range(of: pattern, options: compare) != nil) != options.contains("v") }
        if options.contains("c") { return "\(hits.count)\n" }
        var shown: [Int] = []
        for hit in hits {
            for line in max(hit - before, 0)...min(hit + after, lines.count - 1) where shown.last.map({ line > $0 }) ?? true {
                if let last = shown.last, line > last + 1, before + after > 0 { shown.append(-1) }
                shown.append(line)
            }
        }
        let output = shown.map { $0 < 0 ? "--" : lines[$0] }
        return output.isEmpty ? "" : output.joined(separator: "\n") + "\n"
    }
}

enum ShellError: Error {
    case message(String)
}
