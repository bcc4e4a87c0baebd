/// xargs [-n N] [-I {}] [-r] COMMAND...: runs a command with the words of standard input, calling
/// back into the shell, so `kubectl get pods -o name | xargs kubectl delete` works.
enum Xargs {
    static func run(_ call: ToolCall) -> Int32 {
        var arguments = call.arguments[...]
        var perCommand: Int?
        var placeholder: String?
        while let flag = arguments.first, flag.hasPrefix("-") {
            arguments = arguments.dropFirst()
            switch flag {
            case "-r", "--no-run-if-empty", "-t": continue
            case "-n", "-I":
                guard let value = arguments.first else { return call.fail("option requires an argument -- '\(flag.dropFirst())'") }
                arguments = arguments.dropFirst()
                if flag == "-n" {
                    guard let number = Int(value), number > 0 else { return call.fail("value \(value) for -n option should be >= 1") }
                    perCommand = number
                } else {
                    placeholder = value
                }
            default:
                if flag.hasPrefix("-n"), let number = Int(flag.dropFirst(2)), number > 0 { perCommand = number; continue }
                if flag.hasPrefix("-I"), flag.count > 2 { placeholder = String(flag.dropFirst(2)); continue }
                return call.fail("invalid option -- '\(flag.dropFirst().prefix(1))'")
            }
        }
        let command = arguments.isEmpty ? ["echo"] : Array(arguments)
        let io = CommandIO(output: call.io.output, error: call.io.error)
        if let placeholder {
            var status: Int32 = 0
            for line in call.io.input.shellLines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                if call.shell.host?.isInterrupted == true { return 130 }
                let words = command.map { $0.replacingOccurrences(of: placeholder, with: line) }
                if call.shell.runCommand(words, io: io) != 0 { status = 123 }
            }
            return status
        }
        let items = call.io.input.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard !items.isEmpty else { return 0 }
        var status: Int32 = 0
        var start = 0
        while start < items.count {
            if call.shell.host?.isInterrupted == true { return 130 }
            let end = perCommand.map { min(start + $0, items.count) } ?? items.count
            if call.shell.runCommand(command + items[start..<end], io: io) != 0 { status = 123 }
            start = end
        }
        return status
    }
}
