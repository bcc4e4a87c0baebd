/// One run of a built-in command: its arguments, streams, environment and the shell it runs in
/// (for files relative to the working directory, and for `xargs` running a command).
struct ToolCall {
    let name: String
    let arguments: [String]
    let io: CommandIO
    let shell: ShellInterpreter
    let environment: [String: String]

    /// Prints `name: message` on standard error and returns the failure status.
    func fail(_ message: String, status: Int32 = 1) -> Int32 {
        io.err("\(name): \(message)\n")
        return status
    }

    /// The text of each operand file, or standard input when there is none (or for `-`).
    func inputs(_ operands: [String]) throws(ShellFailure) -> [String] {
        if operands.isEmpty { return [io.input] }
        var texts: [String] = []
        for operand in operands { texts.append(operand == "-" ? io.input : try shell.read(operand, tool: name)) }
        return texts
    }
}

typealias Tool = @Sendable (ToolCall) -> Int32

/// Short options as getopt reads them: `-ivc`, `-n 5`, `-n5`, `--` and `-` as an operand.
struct ToolOptions {
    private(set) var flags: [Character: String] = [:]
    private(set) var operands: [String] = []

    /// `valued` lists the letters that take a value; a letter in neither set is refused.
    init(_ arguments: [String], valued: Set<Character> = [], plain: Set<Character>, tool: String) throws(ShellFailure) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                operands.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            var letters = Substring(word.dropFirst())
            while let letter = letters.first {
                letters = letters.dropFirst()
                if valued.contains(letter) {
                    var value = String(letters)
                    if value.isEmpty {
                        guard index < arguments.count else { throw ShellFailure("\(tool): option requires an argument -- '\(letter)'") }
                        value = arguments[index]
                        index += 1
                    }
                    flags[letter] = value
                    break
                }
                guard plain.contains(letter) else { throw ShellFailure("\(tool): invalid option -- '\(letter)'") }
                flags[letter] = ""
            }
        }
    }

    func has(_ letter: Character) -> Bool { flags[letter] != nil }
    func value(_ letter: Character) -> String? { flags[letter] }
}

extension String {
    /// The text's lines without their newlines; a last line without one counts too.
    var shellLines: [String] {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension Array where Element == String {
    /// Lines joined back, each ending in a newline.
    var joinedLines: String { isEmpty ? "" : joined(separator: "\n") + "\n" }
}

/// Every built-in command other than the shell's own, by name.
enum ShellTools {
    static let all: [String: Tool] = [
        "echo": TextTools.echo, "printf": TextTools.printf, "head": TextTools.head, "tail": TextTools.tail,
        "wc": TextTools.wc, "sort": TextTools.sort, "uniq": TextTools.uniq, "cut": TextTools.cut, "tr": TextTools.tr,
        "base64": TextTools.base64, "seq": TextTools.seq,
        "cat": FileTools.cat, "ls": FileTools.ls, "tee": FileTools.tee, "touch": FileTools.touch, "mkdir": FileTools.mkdir,
        "rm": FileTools.rm, "cp": FileTools.cp, "mv": FileTools.mv,
        "grep": Grep.run, "egrep": Grep.run, "sed": Sed.run, "awk": Awk.run, "xargs": Xargs.run, "diff": Diff.run,
        "date": ClockTools.date, "sleep": ClockTools.sleep, "env": ClockTools.env,
    ]

    static var names: [String] { all.keys.sorted() }
}
