import Foundation

/// GNU sed for exam use: `s///` (flags g, p, i, N), d, p, q, a, i, c and y, addresses (N, $,
/// /re/, ranges, `!`), -n, -e, -E, and -i to edit a file in place.
enum Sed {
    static func run(_ call: ToolCall) -> Int32 {
        var scripts: [String] = []
        var files: [String] = []
        var quiet = false, extended = false, inPlace = false
        var index = 0
        let arguments = call.arguments
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            switch word {
            case "-n", "--quiet", "--silent": quiet = true
            case "-E", "-r", "--regexp-extended": extended = true
            case "-e", "--expression":
                guard index < arguments.count else { return call.fail("option requires an argument -- 'e'") }
                scripts.append(arguments[index])
                index += 1
            default:
                if word.hasPrefix("-i") || word.hasPrefix("--in-place") { inPlace = true; continue }
                if word.hasPrefix("-"), word.count > 1, word.dropFirst().allSatisfy({ "nErs".contains($0) }) {
                    quiet = quiet || word.contains("n")
                    extended = extended || word.contains("E") || word.contains("r")
                    continue
                }
                if word.hasPrefix("-"), word.count > 1 { return call.fail("invalid option -- '\(word.dropFirst().prefix(1))'") }
                if scripts.isEmpty { scripts.append(word) } else { files.append(word) }
            }
        }
        guard !scripts.isEmpty else { return call.fail("no script specified") }
        let program: [SedCommand]
        do {
            program = try SedScript.parse(scripts.joined(separator: "\n"), extended: extended)
        } catch {
            return call.fail("-e expression #1, char 0: \(error.message)")
        }
        if inPlace {
            guard !files.isEmpty else { return call.fail("no input files") }
            for file in files {
                do {
                    let text = try call.shell.read(file, tool: "sed")
                    try call.shell.write(execute(program, on: text, quiet: quiet), to: file, tool: "sed")
                } catch {
                    call.io.err("sed: can't read \(file): No such file or directory\n")
                    return 2
                }
            }
            return 0
        }
        do {
            call.io.out(execute(program, on: try call.inputs(files).joined(), quiet: quiet))
            return 0
        } catch {
            call.io.err(error.message.replacingOccurrences(of: "sed: ", with: "sed: can't read ").replacingOccurrences(of: ": No such", with: ": No such") + "\n")
            return 2
        }
    }

    static func execute(_ program: [SedCommand], on text: String, quiet: Bool) -> String {
        let lines = text.shellLines
        var output = ""
        var active = Array(repeating: false, count: program.count)
        lineLoop: for (number, line) in lines.enumerated() {
            var space = line
            var appended = ""
            var deleted = false
            let isLast = number == lines.count - 1
            for (position, command) in program.enumerated() {
                guard command.selects(line: number + 1, text: space, isLast: isLast, active: &active[position]) else { continue }
                switch command.action {
                case .substitute(let regex, let replacement, let global, let occurrence, let print):
                    let (result, changed) = substitute(space, regex: regex, replacement: replacement, global: global, occurrence: occurrence)
                    space = result
                    if changed && print { output += space + "\n" }
                case .delete:
                    deleted = true
                case .print:
                    output += space + "\n"
                case .quit:
                    if !quiet { output += space + "\n" }
                    output += appended
                    break lineLoop
                case .append(let text): appended += text + "\n"
                case .insert(let text): output += text + "\n"
                case .change(let text):
                    if !active[position] { output += text + "\n" }
                    deleted = true
                case .transliterate(let from, let to):
                    space = String(space.map { character in from.firstIndex(of: character).map { to[$0] } ?? character })
                }
                if deleted { break }
            }
            if !deleted && !quiet { output += space + "\n" }
            output += appended
        }
        return output
    }

    private static func substitute(_ text: String, regex: NSRegularExpression, replacement: String, global: Bool, occurrence: Int) -> (String, Bool) {
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var result = ""
        var cursor = text.startIndex
        var changed = false
        for (position, match) in matches.enumerated() {
            guard global ? position + 1 >= occurrence : position + 1 == occurrence, let range = Range(match.range, in: text) else { continue }
            result += text[cursor..<range.lowerBound]
            result += expand(replacement, match: match, in: text)
            cursor = range.upperBound
            changed = true
            if !global { break }
        }
        result += text[cursor...]
        return (result, changed)
    }

    /// `&` is the match, `\1`-`\9` the groups, `\n` a newline, `\&` and `\\` themselves.
    private static func expand(_ replacement: String, match: NSTextCheckingResult, in text: String) -> String {
        func group(_ number: Int) -> String {
            guard number < match.numberOfRanges, let range = Range(match.range(at: number), in: text) else { return "" }
            return String(text[range])
        }
        var result = ""
        var escaped = false
        for character in replacement {
            if escaped {
                if let digit = character.wholeNumberValue { result += group(digit) } else if character == "n" { result += "\n" } else if character == "t" { result += "\t" } else { result.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "&" {
                result += group(0)
            } else {
                result.append(character)
            }
        }
        return result
    }
}
