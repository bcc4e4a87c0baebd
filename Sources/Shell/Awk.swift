import Foundation

/// awk as exam one-liners use it: `-F`, `-v`, BEGIN and END, patterns, fields, NR, NF, print,
/// printf, if, for, while, arithmetic, `~`, and length, substr, tolower, toupper, index, int.
enum Awk {
    static func run(_ call: ToolCall) -> Int32 {
        var separator: String?
        var assignments: [(String, String)] = []
        var operands: [String] = []
        var index = 0
        let arguments = call.arguments
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word.hasPrefix("-F") || word == "-v" {
                var value = word.hasPrefix("-F") ? String(word.dropFirst(2)) : ""
                if value.isEmpty {
                    guard index < arguments.count else { return call.fail("option requires an argument -- \(word.dropFirst())", status: 2) }
                    value = arguments[index]
                    index += 1
                }
                if word == "-v" {
                    let (name, text) = Builtins.split(value)
                    assignments.append((name, text ?? ""))
                } else {
                    separator = value == "\\t" ? "\t" : value
                }
            } else {
                operands.append(word)
            }
        }
        guard let source = operands.first else { return call.fail("usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]", status: 2) }
        let program: AwkProgram
        do { program = try AwkParser.parse(source) } catch {
            call.io.err("awk: \(error.message)\n awk: \(source)\n")
            return 2
        }
        let machine = AwkMachine(separator: separator ?? " ") { call.shell.host?.isInterrupted == true }
        for (name, value) in assignments { machine.variables[name] = .text(value) }
        do {
            let input = try call.inputs(Array(operands.dropFirst())).joined()
            call.io.out(machine.run(program, input: input))
            if let failure = machine.failure {
                call.io.err("awk: \(failure)\n")
                return 2
            }
            return call.shell.host?.isInterrupted == true ? 130 : 0
        } catch {
            call.io.err("awk: " + error.message.replacingOccurrences(of: "awk: ", with: "can't open file ") + "\n")
            return 2
        }
    }
}

/// An awk value: numbers from arithmetic and literals, text from strings and input (which
/// compares as a number when it looks like one).
enum AwkValue {
    case number(Double)
    case text(String)

    var number: Double {
        switch self {
        case .number(let value): value
        case .text(let text): Double(text.trimmingCharacters(in: .whitespaces).prefix { "0123456789.-+eE".contains($0) }) ?? 0
        }
    }

    var text: String {
        switch self {
        case .text(let text): text
        case .number(let value):
            value == value.rounded() && abs(value) < 1e16 ? String(Int64(value)) : String(format: "%.6g", value)
        }
    }

    var isTrue: Bool {
        switch self {
        case .number(let value): value != 0
        case .text(let text): !text.isEmpty
        }
    }

    /// Whether the value compares as a number: a number, or input text that looks like one.
    var looksNumeric: Bool {
        switch self {
        case .number: true
        case .text(let text): Double(text.trimmingCharacters(in: .whitespaces)) != nil
        }
    }
}

/// Runs a parsed program over the input's records.
final class AwkMachine {
    var variables: [String: AwkValue] = [:]
    private var fields: [String] = []
    private var record = ""
    private var recordNumber = 0
    private let separator: String
    private var output = ""
    /// A loop bound, so that `while (1)` ends instead of hanging the REPL.
    private var budget = 10_000_000
    /// Ctrl-C at the terminal, looked at every few thousand statements.
    private let isInterrupted: () -> Bool
    /// Why the program stopped early, as awk reports it: a string or the output past its limit.
    private(set) var failure: String?
    static let stringLimit = 1 << 24, outputLimit = 1 << 26

    init(separator: String, isInterrupted: @escaping () -> Bool) {
        self.separator = separator
        self.isInterrupted = isInterrupted
    }

    /// Counts one statement or loop turn; false once the program must stop.
    private func proceed() -> Bool {
        budget -= 1
        if budget % 4096 == 0, isInterrupted() { budget = 0 }
        if output.utf8.count > AwkMachine.outputLimit { stop("program limit exceeded: output size=\(AwkMachine.outputLimit)") }
        return budget > 0
    }

    private func stop(_ reason: String) {
        failure = failure ?? reason
        budget = 0
    }

    func run(_ program: AwkProgram, input: String) -> String {
        for rule in program.rules { if case .begin = rule.pattern { execute(rule.action ?? []) } }
        lines: for line in input.shellLines {
            recordNumber += 1
            setRecord(line)
            for rule in program.rules {
                let selected: Bool
                switch rule.pattern {
                case .begin, .end: continue
                case .always: selected = true
                case .expression(let expression): selected = truth(expression)
                }
                guard selected else { continue }
                guard let action = rule.action else { output += record + "\n"; continue }
                if !execute(action) { continue lines }
            }
        }
        for rule in program.rules { if case .end = rule.pattern { execute(rule.action ?? []) } }
        return output
    }

    private func setRecord(_ line: String) {
        record = line
        if separator == " " {
            fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        } else if separator.count == 1, let character = separator.first {
            fields = line.split(separator: character, omittingEmptySubsequences: false).map(String.init)
        } else {
            fields = line.components(separatedBy: separator)
        }
    }

    /// Runs statements; false when `next` ends the record.
    @discardableResult
    private func execute(_ statements: [AwkStatement]) -> Bool {
        for statement in statements {
            guard proceed() else { return false }
            switch statement {
            case .print(let expressions):
                output += (expressions.isEmpty ? record : expressions.map { evaluate($0).text }.joined(separator: " ")) + "\n"
            case .printf(let expressions):
                guard let format = expressions.first else { continue }
                var arguments = expressions.dropFirst().map { evaluate($0).text }[...]
                output += PrintfFormat.render(evaluate(format).text, arguments: &arguments)
            case .expression(let expression):
                _ = evaluate(expression)
            case .conditional(let condition, let then, let otherwise):
                if !execute(truth(condition) ? then : otherwise) { return false }
            case .loop(let initial, let condition, let step, let body):
                if let initial { _ = evaluate(initial) }
                while condition.map(truth) ?? true, proceed() {
                    if !execute(body) { return false }
                    if let step { _ = evaluate(step) }
                }
            case .next:
                return false
            }
        }
        return true
    }

    private func truth(_ expression: AwkExpression) -> Bool {
        if case .regex(let regex) = expression { return regex.matches(record) }
        return evaluate(expression).isTrue
    }

    private func evaluate(_ expression: AwkExpression) -> AwkValue {
        switch expression {
        case .number(let value): return .number(value)
        case .string(let text): return .text(text)
        case .regex(let regex): return .number(regex.matches(record) ? 1 : 0)
        case .field(let index): return .text(field(evaluate(index).number.integer))
        case .variable(let name): return variable(name)
        case .assign(let target, let operation, let value):
            var result = evaluate(value)
            if operation != "=" { result = arithmetic(String(operation.dropLast()), evaluate(target), result) }
            assign(target, result)
            return result
        case .increment(let target, let amount, let prefix):
            let old = evaluate(target).number
            assign(target, .number(old + amount))
            return .number(prefix ? old + amount : old)
        case .unary(let operation, let operand):
            let value = evaluate(operand)
            return operation == "!" ? .number(value.isTrue ? 0 : 1) : .number(operation == "-" ? -value.number : value.number)
        case .binary(let operation, let left, let right):
            switch operation {
            case "&&": return .number(truth(left) && truth(right) ? 1 : 0)
            case "||": return .number(truth(left) || truth(right) ? 1 : 0)
            case "<", "<=", "==", "!=", ">=", ">": return .number(compare(operation, evaluate(left), evaluate(right)) ? 1 : 0)
            default: return arithmetic(operation, evaluate(left), evaluate(right))
            }
        case .match(let text, let pattern, let negated):
            let regex: NSRegularExpression?
            if case .regex(let literal) = pattern { regex = literal } else { regex = try? POSIXRegex.compile(evaluate(pattern).text, extended: true) }
            return .number((regex?.matches(evaluate(text).text) ?? false) != negated ? 1 : 0)
        case .call(let name, let arguments): return call(name, arguments.map(evaluate))
        case .concatenation(let left, let right):
            let (head, tail) = (evaluate(left).text, evaluate(right).text)
            guard head.utf8.count + tail.utf8.count <= AwkMachine.stringLimit else {
                stop("program limit exceeded: string size=\(AwkMachine.stringLimit)")
                return .text("")
            }
            return .text(head + tail)
        case .conditional(let condition, let yes, let no): return evaluate(truth(condition) ? yes : no)
        }
    }

    private func field(_ index: Int) -> String {
        if index == 0 { return record }
        return index > 0 && index <= fields.count ? fields[index - 1] : ""
    }

    private func variable(_ name: String) -> AwkValue {
        switch name {
        case "NR", "FNR": .number(Double(recordNumber))
        case "NF": .number(Double(fields.count))
        case "length": .number(Double(record.count))
        default: variables[name] ?? .text("")
        }
    }

    private func assign(_ target: AwkExpression, _ value: AwkValue) {
        switch target {
        case .variable(let name): variables[name] = value
        case .field(let index):
            let position = evaluate(index).number.integer
            guard position >= 0, position <= 10_000 else { return }
            if position == 0 { setRecord(value.text); return }
            while fields.count < position { fields.append("") }
            fields[position - 1] = value.text
            record = fields.joined(separator: " ")
        default: break
        }
    }

    private func arithmetic(_ operation: String, _ left: AwkValue, _ right: AwkValue) -> AwkValue {
        let a = left.number, b = right.number
        switch operation {
        case "+": return .number(a + b)
        case "-": return .number(a - b)
        case "*": return .number(a * b)
        case "/": return .number(b == 0 ? 0 : a / b)
        case "%": return .number(b == 0 ? 0 : a.truncatingRemainder(dividingBy: b))
        default: return .number(0)
        }
    }

    private func compare(_ operation: String, _ left: AwkValue, _ right: AwkValue) -> Bool {
        let order: ComparisonResult
        if left.looksNumeric && right.looksNumeric {
            order = left.number < right.number ? .orderedAscending : left.number > right.number ? .orderedDescending : .orderedSame
        } else {
            order = left.text < right.text ? .orderedAscending : left.text > right.text ? .orderedDescending : .orderedSame
        }
        switch operation {
        case "<": return order == .orderedAscending
        case "<=": return order != .orderedDescending
        case "==": return order == .orderedSame
        case "!=": return order != .orderedSame
        case ">=": return order != .orderedAscending
        default: return order == .orderedDescending
        }
    }

    private func call(_ name: String, _ arguments: [AwkValue]) -> AwkValue {
        let first = arguments.first?.text ?? record
        switch name {
        case "length": return .number(Double(first.count))
        case "tolower": return .text(first.lowercased())
        case "toupper": return .text(first.uppercased())
        case "int": return .number((arguments.first?.number ?? 0).rounded(.towardZero))
        case "index":
            guard arguments.count > 1, let range = first.range(of: arguments[1].text) else { return .number(0) }
            return .number(Double(first.distance(from: first.startIndex, to: range.lowerBound) + 1))
        case "substr":
            let characters = Array(first)
            let start = max((arguments.count > 1 ? arguments[1].number : 1).integer, 1)
            let length = arguments.count > 2 ? arguments[2].number.integer : characters.count
            let low = min(start - 1, characters.count), high = min(max(low, low + max(length, 0)), characters.count)
            return .text(String(characters[low..<high]))
        default: return .text("")
        }
    }
}

private extension Double {
    /// The whole number toward zero, kept within ±10^15 so that converting never traps.
    var integer: Int { isFinite ? Int(Swift.min(Swift.max(self, -1e15), 1e15)) : 0 }
}
