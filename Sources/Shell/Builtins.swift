import Foundation

/// The commands bash runs itself because they change the shell: variables, aliases, the working
/// directory, and `source`. `complete` is accepted so that the exam's setup lines work.
enum Builtins {
    static let all: [String: Tool] = [
        "export": export, "unset": unset, "alias": alias, "unalias": unalias, "cd": cd, "pwd": pwd,
        "source": source, ".": source, "complete": { _ in 0 }, "set": set, "true": { _ in 0 }, "false": { _ in 1 },
        ":": { _ in 0 }, "break": jump, "continue": jump, "test": Conditions.test, "[": Conditions.test,
    ]

    static var names: [String] { all.keys.sorted() }

    private static func export(_ call: ToolCall) -> Int32 {
        let words = call.arguments.filter { $0 != "-n" && $0 != "-p" }
        if words.isEmpty {
            for name in call.shell.variables.keys.sorted() {
                call.io.out("declare -x \(name)=\"\(call.shell.variables[name] ?? "")\"\n")
            }
            return 0
        }
        var status: Int32 = 0
        for word in words {
            let (name, value) = split(word)
            guard isName(name) else {
                call.io.err("bash: export: `\(word)': not a valid identifier\n")
                status = 1
                continue
            }
            if let value { call.shell.variables[name] = value } else if call.shell.variables[name] == nil { call.shell.variables[name] = "" }
        }
        return status
    }

    private static func unset(_ call: ToolCall) -> Int32 {
        for name in call.arguments where !name.hasPrefix("-") { call.shell.variables[name] = nil }
        return 0
    }

    private static func alias(_ call: ToolCall) -> Int32 {
        let shell = call.shell
        if call.arguments.isEmpty || call.arguments == ["-p"] {
            for name in shell.aliases.keys.sorted() { call.io.out(aliasLine(name, shell.aliases[name] ?? "")) }
            return 0
        }
        var status: Int32 = 0
        for word in call.arguments {
            let (name, value) = split(word)
            if let value {
                shell.aliases[name] = value
            } else if let value = shell.aliases[name] {
                call.io.out(aliasLine(name, value))
            } else {
                call.io.err("bash: alias: \(name): not found\n")
                status = 1
            }
        }
        return status
    }

    private static func aliasLine(_ name: String, _ value: String) -> String {
        "alias \(name)='\(value.replacingOccurrences(of: "'", with: "'\\''"))'\n"
    }

    private static func unalias(_ call: ToolCall) -> Int32 {
        if call.arguments == ["-a"] {
            call.shell.aliases = [:]
            return 0
        }
        var status: Int32 = 0
        for name in call.arguments where call.shell.aliases.removeValue(forKey: name) == nil {
            call.io.err("bash: unalias: \(name): not found\n")
            status = 1
        }
        return status
    }

    private static func cd(_ call: ToolCall) -> Int32 {
        guard call.arguments.count <= 1 else {
            call.io.err("bash: cd: too many arguments\n")
            return 1
        }
        let typed = call.arguments.first ?? call.shell.variables["HOME"] ?? call.shell.workingDirectory
        let path = call.shell.path(typed)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            call.io.err("bash: cd: \(typed): No such file or directory\n")
            return 1
        }
        guard isDirectory.boolValue else {
            call.io.err("bash: cd: \(typed): Not a directory\n")
            return 1
        }
        call.shell.workingDirectory = path
        return 0
    }

    private static func pwd(_ call: ToolCall) -> Int32 {
        call.io.out(call.shell.workingDirectory + "\n")
        return 0
    }

    /// `source FILE` runs the file's lines in this shell. `source <(kubectl completion bash)`
    /// is accepted as it is: completion is built in, and the script is bash's, not ours.
    private static func source(_ call: ToolCall) -> Int32 {
        guard let file = call.arguments.first else {
            call.io.err("bash: \(call.name): filename argument required\n")
            return 2
        }
        if file.hasPrefix("/dev/fd/") { return 0 }
        do {
            let text = try call.shell.read(file, tool: "bash")
            return call.shell.execute(try ShellParser.parse(text), io: call.io)
        } catch let failure as ShellFailure {
            call.io.err(failure.message + "\n")
            return 1
        } catch {
            call.io.err("bash: \(file): \((error as? ShellSyntaxError)?.message ?? "cannot be read")\n")
            return 2
        }
    }

    /// `break [N]` and `continue [N]`: leave, or go on with, the Nth loop out. Outside a loop,
    /// `continue` is the stepper's (run until the cluster settles).
    private static func jump(_ call: ToolCall) -> Int32 {
        let shell = call.shell
        guard shell.loopDepth > 0 else {
            if call.name == "continue", let status = shell.host?.run(call.name, call.arguments, environment: call.environment, io: call.io) {
                return status
            }
            call.io.err("bash: \(call.name): only meaningful in a `for', `while', or `until' loop\n")
            return 0
        }
        var count = 1
        if let argument = call.arguments.first {
            guard let number = Int(argument) else {
                call.io.err("bash: \(call.name): \(argument): numeric argument required\n")
                return 1
            }
            guard number >= 1 else {
                call.io.err("bash: \(call.name): \(argument): loop count out of range\n")
                return 1
            }
            count = min(number, shell.loopDepth)
        }
        shell.pendingJump = call.name == "break" ? .breakLoop(count) : .continueLoop(count)
        return 0
    }

    /// `set -o vi`, `set -e` and the like are accepted; `set` alone lists the variables.
    private static func set(_ call: ToolCall) -> Int32 {
        if call.arguments.isEmpty {
            for name in call.shell.variables.keys.sorted() { call.io.out("\(name)=\(call.shell.variables[name] ?? "")\n") }
        }
        return 0
    }

    /// `NAME=value` into its two halves; the value is nil without `=`.
    static func split(_ word: String) -> (String, String?) {
        guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    static func isName(_ name: String) -> Bool {
        guard let first = name.first, ShellParser.isNameStart(first) else { return false }
        return name.allSatisfy(ShellParser.isNameCharacter)
    }
}
