import Foundation

/// grep with -i, -v, -c, -w, -x, -E, -F, -n, -o, -q, -l, -h, -e PATTERN and context (-A, -B, -C).
enum Grep {
    static func run(_ call: ToolCall) -> Int32 {
        let arguments = call.arguments.map { $0 == "--color=auto" || $0 == "--color" ? "" : $0 }.filter { !$0.isEmpty }
        let options: ToolOptions
        do {
            options = try ToolOptions(arguments, valued: ["A", "B", "C", "e", "m"], plain: ["i", "v", "c", "w", "x", "E", "F", "n", "o", "q", "l", "h", "H", "s", "r"], tool: "grep")
        } catch {
            call.io.err(error.message + "\nUsage: grep [OPTION]... PATTERNS [FILE]...\n")
            return 2
        }
        var operands = options.operands
        guard let pattern = options.value("e") ?? (operands.isEmpty ? nil : operands.removeFirst()) else {
            call.io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
            return 2
        }
        var context: [Character: Int] = [:]
        for letter in ["A", "B", "C"] as [Character] {
            guard let text = options.value(letter) else { continue }
            guard let number = Int(text), number >= 0 else { return call.fail("\(text): invalid context length argument", status: 2) }
            context[letter] = min(number, 10_000)
        }
        let after = context["A"] ?? context["C"] ?? 0, before = context["B"] ?? context["C"] ?? 0
        var source = options.has("F") ? NSRegularExpression.escapedPattern(for: pattern) : POSIXRegex.translate(pattern, extended: options.has("E") || call.name == "egrep")
        if options.has("w") { source = "(?<![\\w])(?:" + source + ")(?![\\w])" }
        if options.has("x") { source = "^(?:" + source + ")$" }
        guard let regex = try? NSRegularExpression(pattern: source, options: options.has("i") ? [.caseInsensitive] : []) else {
            return call.fail("Unmatched ( or \\(", status: 2)
        }
        var matched = false
        var status: Int32 = 0
        let names = operands.isEmpty ? ["-"] : operands
        for name in names {
            let text: String
            do { text = try call.inputs([name]).joined() } catch {
                if !options.has("s") { call.io.err(error.message + "\n") }
                status = 2
                continue
            }
            let prefix = (names.count > 1 && !options.has("h")) || options.has("H") ? (name == "-" ? "(standard input)" : name) : nil
            let lines = text.shellLines
            let hits = lines.indices.filter { regex.matches(lines[$0]) != options.has("v") }
            if !hits.isEmpty { matched = true }
            if options.has("q") { continue }
            if options.has("l") { if !hits.isEmpty { call.io.out(name == "-" ? "(standard input)\n" : name + "\n") }; continue }
            if options.has("c") { call.io.out((prefix.map { $0 + ":" } ?? "") + "\(hits.count)\n"); continue }
            call.io.out(render(hits, lines: lines, regex: regex, options: options, before: before, after: after, prefix: prefix))
        }
        if status == 2 && !matched { return 2 }
        return matched ? 0 : 1
    }

    private static func render(_ hits: [Int], lines: [String], regex: NSRegularExpression, options: ToolOptions,
                               before: Int, after: Int, prefix: String?) -> String {
        var shown: [Int] = []
        for hit in hits {
            let low = max(hit - before, 0), high = min(hit + after, lines.count - 1)
            guard low <= high else { continue }
            for line in low...high where shown.last.map({ line > $0 }) ?? true {
                if let last = shown.last, line > last + 1, before + after > 0 { shown.append(-1) }
                shown.append(line)
            }
        }
        let hitSet = Set(hits)
        var output = ""
        for line in shown {
            guard line >= 0 else { output += "--\n"; continue }
            let separator = hitSet.contains(line) ? ":" : "-"
            let lead = (prefix.map { $0 + separator } ?? "") + (options.has("n") ? "\(line + 1)\(separator)" : "")
            if options.has("o") && !options.has("v") {
                let text = lines[line]
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range, in: text), !range.isEmpty { output += lead + text[range] + "\n" }
                }
            } else {
                output += lead + lines[line] + "\n"
            }
        }
        return output
    }
}
