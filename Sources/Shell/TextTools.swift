import Foundation

/// The coreutils that filter text: echo, printf, head, tail, wc, sort, uniq, cut, tr, base64, seq,
/// with the options exam tasks use and GNU's messages for the rest.
enum TextTools {
    static func echo(_ call: ToolCall) -> Int32 {
        var words = call.arguments
        var newline = true, escapes = false
        while let flag = words.first, flag.count > 1, flag.hasPrefix("-"), flag.dropFirst().allSatisfy({ "neE".contains($0) }) {
            if flag.contains("n") { newline = false }
            if flag.contains("e") { escapes = true }
            if flag.contains("E") { escapes = false }
            words.removeFirst()
        }
        let text = words.joined(separator: " ")
        call.io.out((escapes ? unescape(text) : text) + (newline ? "\n" : ""))
        return 0
    }

    /// printf FORMAT [ARGUMENT...]: %s %d %i %f %x %c %b %%, widths and `-`; the format is reused
    /// while arguments remain, as coreutils does.
    static func printf(_ call: ToolCall) -> Int32 {
        guard let format = call.arguments.first else { return call.fail("usage: printf format [arguments]", status: 2) }
        var arguments = Array(call.arguments.dropFirst())[...]
        var output = ""
        repeat {
            let consumedBefore = arguments.count
            output += PrintfFormat.render(unescape(format), arguments: &arguments)
            if arguments.count == consumedBefore { break }
        } while !arguments.isEmpty
        call.io.out(output)
        return 0
    }

    static func head(_ call: ToolCall) -> Int32 { headOrTail(call, head: true) }
    static func tail(_ call: ToolCall) -> Int32 { headOrTail(call, head: false) }

    private static func headOrTail(_ call: ToolCall, head: Bool) -> Int32 {
        // `-5` means `-n 5`; tail's `+5` (and `-n +5`) starts at line 5.
        let arguments = call.arguments.map { $0.count > 1 && $0.hasPrefix("-") && $0.dropFirst().allSatisfy(\.isNumber) ? "-n" + $0.dropFirst() : $0 }
        do {
            let options = try ToolOptions(arguments, valued: ["n", "c"], plain: ["q", "v", "f"], tool: call.name)
            var countText = options.value("n") ?? options.value("c") ?? "10"
            var fromStart = false
            if !head, countText.hasPrefix("+") { fromStart = true; countText.removeFirst() }
            guard let count = Int(countText), count >= 0 else {
                return call.fail("invalid number of \(options.has("c") ? "bytes" : "lines"): ‘\(countText)’")
            }
            let texts = try call.inputs(options.operands.filter { !$0.hasPrefix("+") || head })
            for text in texts {
                if options.has("c") {
                    let bytes = Array(text.utf8)
                    let kept = head ? bytes.prefix(count) : bytes.suffix(count)
                    call.io.out(String(decoding: kept, as: UTF8.self))
                    continue
                }
                let lines = text.shellLines
                let kept = head ? Array(lines.prefix(count)) : fromStart ? Array(lines.dropFirst(max(count - 1, 0))) : Array(lines.suffix(count))
                call.io.out(kept.joinedLines)
            }
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "\(call.name): ", with: ""))
        }
    }

    static func wc(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, plain: ["l", "w", "c", "m"], tool: "wc")
            let showAll = !options.has("l") && !options.has("w") && !options.has("c") && !options.has("m")
            let names = options.operands
            for (position, text) in try call.inputs(names).enumerated() {
                var counts: [Int] = []
                if showAll || options.has("l") { counts.append(text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }) }
                if showAll || options.has("w") { counts.append(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count) }
                if options.has("m") { counts.append(text.count) }
                if showAll || options.has("c") { counts.append(text.utf8.count) }
                let numbers = counts.count == 1 && names.isEmpty ? counts.map(String.init) : counts.map { String($0) }
                let name = position < names.count ? " " + names[position] : ""
                call.io.out(numbers.joined(separator: " ") + name + "\n")
            }
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "wc: ", with: ""))
        }
    }

    /// sort with -r, -n, -u, -k N and -t SEP.
    static func sort(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, valued: ["k", "t"], plain: ["r", "n", "u", "h", "f", "b"], tool: "sort")
            let lines = try call.inputs(options.operands).joined().shellLines
            let field = options.value("k").flatMap { Int($0.prefix { $0.isNumber }) }
            let separator = options.value("t")?.first
            func key(_ line: String) -> String {
                guard let field, field >= 1 else { return line }
                let fields = separator.map { line.split(separator: $0, omittingEmptySubsequences: false).map(String.init) }
                    ?? line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                return fields.dropFirst(field - 1).joined(separator: separator.map(String.init) ?? " ")
            }
            let numeric = options.has("n") || options.has("h")
            var sorted = lines.enumerated().sorted { left, right in
                let a = key(left.element), b = key(right.element)
                if numeric {
                    let x = leadingNumber(a), y = leadingNumber(b)
                    if x != y { return x < y }
                } else if options.has("f") {
                    let order = a.lowercased().compare(b.lowercased())
                    if order != .orderedSame { return order == .orderedAscending }
                } else if a != b {
                    return a < b
                }
                return left.offset < right.offset
            }.map(\.element)
            if options.has("r") { sorted.reverse() }
            if options.has("u") { sorted = sorted.enumerated().filter { $0.offset == 0 || key(sorted[$0.offset - 1]) != key($0.element) }.map(\.element) }
            call.io.out(sorted.joinedLines)
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "sort: ", with: ""), status: 2)
        }
    }

    /// The number a line starts with, as `sort -n` reads it (with a unit for `-h`: 10Mi, 2G).
    private static func leadingNumber(_ text: String) -> Double {
        let trimmed = text.drop { $0 == " " }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        let value = Double(digits) ?? 0
        let unit = trimmed.dropFirst(digits.count).first.map { String($0).uppercased() } ?? ""
        let scale: Double = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12][unit] ?? 1
        return value * scale
    }

    /// uniq with -c, -d and -u.
    static func uniq(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, plain: ["c", "d", "u", "i"], tool: "uniq")
            var groups: [(line: String, count: Int)] = []
            for line in try call.inputs(Array(options.operands.prefix(1))).joined().shellLines {
                let same = groups.last.map { options.has("i") ? $0.line.lowercased() == line.lowercased() : $0.line == line } ?? false
                if same { groups[groups.count - 1].count += 1 } else { groups.append((line, 1)) }
            }
            let kept = groups.filter { (!options.has("d") || $0.count > 1) && (!options.has("u") || $0.count == 1) }
            call.io.out(kept.map { options.has("c") ? String(repeating: " ", count: max(0, 7 - String($0.count).count)) + "\($0.count) \($0.line)" : $0.line }.joinedLines)
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "uniq: ", with: ""))
        }
    }

    /// cut -d SEP -f LIST, or -c LIST.
    static func cut(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, valued: ["d", "f", "c"], plain: ["s"], tool: "cut")
            guard let list = options.value("f") ?? options.value("c") else { return call.fail("you must specify a list of bytes, characters, or fields") }
            guard let ranges = fieldRanges(list) else { return call.fail("invalid field value ‘\(list)’") }
            let delimiter = options.value("d") ?? "\t"
            guard delimiter.count == 1, let separator = delimiter.first else { return call.fail("the delimiter must be a single character") }
            var lines: [String] = []
            for line in try call.inputs(options.operands).joined().shellLines {
                if options.has("c") {
                    let characters = Array(line)
                    lines.append(String(characters.indices.filter { index in ranges.contains { $0.contains(index + 1) } }.map { characters[$0] }))
                    continue
                }
                let fields = line.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
                if fields.count == 1 {
                    if !options.has("s") { lines.append(line) }
                    continue
                }
                lines.append(fields.indices.filter { index in ranges.contains { $0.contains(index + 1) } }.map { fields[$0] }.joined(separator: delimiter))
            }
            call.io.out(lines.joinedLines)
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "cut: ", with: ""))
        }
    }

    /// `1,3-5,7-` as ranges of 1-based positions.
    private static func fieldRanges(_ list: String) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            let low = bounds.first.flatMap { $0.isEmpty ? 1 : Int($0) }
            let high = bounds.count == 2 ? (bounds[1].isEmpty ? Int.max : Int(bounds[1])) : low
            guard let low, let high, low >= 1, low <= high else { return nil }
            ranges.append(low...high)
        }
        return ranges.isEmpty ? nil : ranges
    }

    /// tr SET1 SET2, tr -d SET, tr -s SET, with ranges (a-z) and [:upper:] / [:lower:] / [:space:].
    static func tr(_ call: ToolCall) -> Int32 {
        do {
            let options = try ToolOptions(call.arguments, plain: ["d", "s", "c"], tool: "tr")
            guard let first = options.operands.first else { return call.fail("missing operand") }
            let from = characterSet(first)
            let to = options.operands.count > 1 ? characterSet(options.operands[1]) : []
            if !options.has("d"), !options.has("s"), to.isEmpty { return call.fail("missing operand after ‘\(first)’") }
            var output = ""
            for character in call.io.input {
                if options.has("d") {
                    if !from.contains(character) { output.append(character) }
                    continue
                }
                var translated = character
                if let position = from.firstIndex(of: character), let last = to.last {
                    translated = position < to.count ? to[position] : last
                }
                if options.has("s"), output.last == translated, (to.isEmpty ? from : to).contains(translated) { continue }
                output.append(translated)
            }
            call.io.out(output)
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "tr: ", with: ""))
        }
    }

    private static func characterSet(_ text: String) -> [Character] {
        let classes: [String: String] = [
            "[:upper:]": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[:lower:]": "abcdefghijklmnopqrstuvwxyz",
            "[:digit:]": "0123456789", "[:space:]": " \t\n\r", "[:blank:]": " \t",
        ]
        var text = unescape(text)
        for (name, members) in classes { text = text.replacingOccurrences(of: name, with: members) }
        let characters = Array(text)
        var result: [Character] = []
        var index = 0
        while index < characters.count {
            if index + 2 < characters.count, characters[index + 1] == "-",
               let low = characters[index].unicodeScalars.first?.value, let high = characters[index + 2].unicodeScalars.first?.value, low <= high {
                result += (low...high).compactMap { Unicode.Scalar($0).map(Character.init) }
                index += 3
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    /// base64, base64 -d, base64 -w0.
    static func base64(_ call: ToolCall) -> Int32 {
        let arguments = call.arguments.map { $0 == "--decode" ? "-d" : $0 == "--wrap=0" ? "-w0" : $0 }
        do {
            let options = try ToolOptions(arguments, valued: ["w"], plain: ["d", "i"], tool: "base64")
            let text = try call.inputs(options.operands).joined()
            if options.has("d") {
                let compact = text.filter { !$0.isWhitespace }
                guard let data = Data(base64Encoded: compact) else { return call.fail("invalid input") }
                call.io.out(String(decoding: data, as: UTF8.self))
                return 0
            }
            let encoded = Data(text.utf8).base64EncodedString()
            let width = Int(options.value("w") ?? "76") ?? 76
            guard width > 0 else {
                call.io.out(encoded)
                return 0
            }
            var lines: [String] = []
            var rest = Substring(encoded)
            while !rest.isEmpty { lines.append(String(rest.prefix(width))); rest = rest.dropFirst(width) }
            call.io.out(lines.joinedLines)
            return 0
        } catch {
            return call.fail(error.message.replacingOccurrences(of: "base64: ", with: ""))
        }
    }

    /// seq LAST, seq FIRST LAST, seq FIRST STEP LAST (at most 100000 numbers).
    static func seq(_ call: ToolCall) -> Int32 {
        let numbers = call.arguments.compactMap { Int($0) }
        guard numbers.count == call.arguments.count, (1...3).contains(numbers.count) else {
            return call.fail(call.arguments.isEmpty ? "missing operand" : "invalid floating point argument: ‘\(call.arguments.first { Int($0) == nil } ?? "")’")
        }
        let first = numbers.count > 1 ? numbers[0] : 1
        let step = numbers.count == 3 ? numbers[1] : 1
        guard let last = numbers.last, step != 0 else { return call.fail("invalid Zero increment value: ‘0’") }
        var lines: [String] = []
        var value = first
        while step > 0 ? value <= last : value >= last, lines.count < 100_000 {
            lines.append(String(value))
            let (next, overflow) = value.addingReportingOverflow(step)
            if overflow { break }
            value = next
        }
        call.io.out(lines.joinedLines)
        return 0
    }

    /// The backslash escapes of `echo -e` and printf's format: \n \t \\ \" \r \a \0.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "a": result.append("\u{07}")
                case "\\": result.append("\\")
                case "\"": result.append("\"")
                case "0": break
                default: result += "\\" + String(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}
