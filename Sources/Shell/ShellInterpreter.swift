import Foundation

/// What the shell asks of the program around it: the commands it runs itself (kubectl, the
/// stepper), Ctrl-C, and the virtual clock that `sleep` and `date` use.
public protocol ShellHost: AnyObject {
    /// Runs a command the shell has no built-in for; nil when the host has none either.
    func run(_ command: String, _ arguments: [String], environment: [String: String], io: CommandIO) -> Int32?
    /// Whether the user pressed Ctrl-C: a list stops before its next command.
    var isInterrupted: Bool { get }
    /// Lets virtual time pass (`sleep 5`), running the cluster meanwhile.
    func sleep(milliseconds: Int64, io: CommandIO)
    /// The virtual clock, in seconds since 1970, for `date`.
    var secondsSince1970: Int64 { get }
}

/// bash, as far as the exam terminal needs it: lists, pipelines, redirections, expansions,
/// aliases and the everyday tools. Commands run one after another on one thread, so output is the
/// same on every run; files are the student's real files, relative to `workingDirectory`.
public final class ShellInterpreter {
    /// Shell variables; every one is exported to the commands the shell runs.
    public var variables: [String: String] = [:]
    public var aliases: [String: String] = [:]
    /// `$?`: the status of the last command.
    public private(set) var status: Int32 = 0
    public var workingDirectory: String
    public weak var host: (any ShellHost)?
    /// Files that `<(...)` made: `/dev/fd/63` and on, for the tools that read them.
    private(set) var substitutedFiles: [String: String] = [:]
    private var expandingAliases: Set<String> = []
    /// Where the running command's errors go, for the commands its `$(...)` runs.
    private(set) var currentErrorSink: (any TextSink)?
    /// How deep `$(...)`, `source`, aliases and compound commands have nested, so that a loop of
    /// them ends.
    private var depth = 0
    static let maximumDepth = 64
    /// How many loops enclose the running command, for `break` and `continue`.
    var loopDepth = 0
    /// A `break N` or `continue N` on its way out to the loop it names.
    var pendingJump: LoopJump?
    /// Set by an expansion error (`$((1/0))`): as in bash, the rest of the line is not run.
    var lineAborted = false

    public init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    /// Runs a whole command line; what it prints to the terminal goes to `terminal`.
    /// An unfinished line (open quote, heredoc) throws `.incomplete`.
    @discardableResult
    public func run(_ line: String, terminal: any TextSink) throws(ShellSyntaxError) -> Int32 {
        let script = try ShellParser.parse(line)
        substitutedFiles = [:]
        lineAborted = false
        pendingJump = nil
        defer { substitutedFiles = [:] }
        return execute(script, io: CommandIO(output: terminal, error: terminal))
    }

    /// A line bash could not read sets `$?` to 2, as bash does.
    public func recordSyntaxError() { status = 2 }

    /// Runs `script` with `io`, returning the status of its last command.
    public func execute(_ script: ShellScript, io: CommandIO) -> Int32 {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            io.err("bash: maximum nesting level exceeded\n")
            return finish(1)
        }
        for item in script.items {
            if isStopping { return finish(host?.isInterrupted == true ? 130 : status) }
            var result = run(item.first, io: io)
            for (connector, pipeline) in item.rest where (connector == .and) == (result == 0) {
                if isStopping { break }
                result = run(pipeline, io: io)
            }
            status = result
        }
        return status
    }

    /// Whether the rest of the line is skipped: Ctrl-C, an expansion error, or a `break` or
    /// `continue` on its way out to its loop.
    var isStopping: Bool { pendingJump != nil || lineAborted || host?.isInterrupted == true }

    private func finish(_ result: Int32) -> Int32 {
        status = result
        return result
    }

    private func run(_ pipeline: Pipeline, io: CommandIO) -> Int32 {
        var input = io.input
        var result: Int32 = 0
        for (position, command) in pipeline.commands.enumerated() {
            let last = position == pipeline.commands.count - 1
            let pipe = BufferSink()
            result = run(command, io: CommandIO(input: input, output: last ? io.output : pipe, error: io.error))
            input = pipe.text
            status = result
            // Ctrl-C reaches every command of a pipeline at once: the later ones never run.
            if host?.isInterrupted == true, !last {
                status = 130
                return 130
            }
        }
        return pipeline.negated ? (result == 0 ? 1 : 0) : result
    }

    private func run(_ command: Command, io: CommandIO) -> Int32 {
        switch command {
        case .simple(let simple):
            return run(simple, io: io)
        case .compound(let compound, let redirections):
            let outerErrorSink = currentErrorSink
            defer { currentErrorSink = outerErrorSink }
            do {
                let redirected = try redirect(io, redirections)
                currentErrorSink = redirected.error
                return run(compound, io: redirected)
            } catch {
                io.err("bash: \(error.message)\n")
                return 1
            }
        }
    }

    private func run(_ command: SimpleCommand, io: CommandIO) -> Int32 {
        if command.assignments.isEmpty, let name = command.words.first?.plainText, let value = aliases[name],
           !expandingAliases.contains(name) {
            return runAlias(name, value: value, command: command, io: io)
        }
        let outerErrorSink = currentErrorSink
        currentErrorSink = io.error
        defer { currentErrorSink = outerErrorSink }
        do {
            let fields = try expand(command.words)
            let redirected = try redirect(io, command.redirections)
            var assigned: [(String, String)] = []
            for assignment in command.assignments { assigned.append((assignment.name, try expandToText(assignment.value))) }
            guard let name = fields.first else {
                for (name, value) in assigned { variables[name] = value }
                return 0
            }
            let environment = variables.merging(assigned) { $1 }
            return dispatch(name, Array(fields.dropFirst()), environment: environment, io: redirected)
        } catch {
            io.err("bash: \(error.message)\n")
            return 1
        }
    }

    /// An alias's value stands in for the first word, and the line is read again, as bash does.
    private func runAlias(_ name: String, value: String, command: SimpleCommand, io: CommandIO) -> Int32 {
        expandingAliases.insert(name)
        defer { expandingAliases.remove(name) }
        do {
            return execute(try ShellParser.parse(value + command.textAfterFirstWord), io: io)
        } catch {
            io.err("bash: \(error.message)\n")
            return 2
        }
    }

    /// Shell built-ins first, then the host's commands (kubectl, the stepper), then the tools.
    func dispatch(_ name: String, _ arguments: [String], environment: [String: String], io: CommandIO) -> Int32 {
        let call = ToolCall(name: name, arguments: arguments, io: io, shell: self, environment: environment)
        if let builtin = Builtins.all[name] { return builtin(call) }
        if let result = host?.run(name, arguments, environment: environment, io: io) { return result }
        if let tool = ShellTools.all[name] { return tool(call) }
        io.err("bash: \(name): command not found\n")
        return 127
    }

    /// Runs a command line's words as one command (for `xargs`), with the shell's variables.
    func runCommand(_ words: [String], io: CommandIO) -> Int32 {
        guard let name = words.first else { return 0 }
        return dispatch(name, Array(words.dropFirst()), environment: variables, io: io)
    }

    /// Runs `script` and returns its standard output (`$(...)`, `<(...)`).
    func capture(_ script: ShellScript, error: any TextSink) -> String {
        let sink = BufferSink()
        let saved = status
        _ = execute(script, io: CommandIO(output: sink, error: error))
        if depth > 0 { status = saved }
        return sink.text
    }

    /// Makes the text of `<(...)` readable under a name, as bash's `/dev/fd/63`.
    func substitutedFile(holding text: String) -> String {
        let name = "/dev/fd/\(63 - substitutedFiles.count)"
        substitutedFiles[name] = text
        return name
    }

    // MARK: Files

    /// A path typed by the user, made absolute against the working directory (`~` is `$HOME`).
    public func path(_ typed: String) -> String {
        var typed = typed
        if typed == "~" || typed.hasPrefix("~/"), let home = variables["HOME"] { typed = home + typed.dropFirst() }
        let full = typed.hasPrefix("/") ? typed : (workingDirectory as NSString).appendingPathComponent(typed)
        return (full as NSString).standardizingPath
    }

    /// A file's text, or the error `tool` prints when it cannot be read; a redirection's error
    /// (no tool) is bash's, which the shell prefixes itself.
    func read(_ typed: String, tool: String?) throws(ShellFailure) -> String {
        let prefix = tool.map { $0 + ": " } ?? ""
        if let text = substitutedFiles[typed] { return text }
        if typed == "-" || typed == "/dev/stdin" { throw ShellFailure(prefix + "-: reading standard input here is not supported") }
        let full = path(typed)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw ShellFailure(prefix + "\(typed): No such file or directory")
        }
        guard !isDirectory.boolValue else { throw ShellFailure(prefix + "\(typed): Is a directory") }
        guard let data = FileManager.default.contents(atPath: full) else { throw ShellFailure(prefix + "\(typed): Permission denied") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a whole file, replacing it.
    func write(_ text: String, to typed: String, tool: String) throws(ShellFailure) {
        let sink = try FileSink(path: path(typed), shownAs: "\(tool): \(typed)", append: false)
        sink.write(text)
    }

    // MARK: Redirections

    private func redirect(_ io: CommandIO, _ redirections: [Redirection]) throws(ShellFailure) -> CommandIO {
        var io = io
        for redirection in redirections {
            switch redirection.operation {
            case .input:
                io.input = try read(try target(redirection.target), tool: nil)
            case .hereString:
                io.input = try expandToText(redirection.target) + "\n"
            case .hereDocument(let document):
                io.input = try expandQuoted(document.body)
            case .output, .append:
                let append = if case .append = redirection.operation { true } else { false }
                let sink = try sink(for: try target(redirection.target), append: append)
                if redirection.descriptor == 2 { io.error = sink } else if redirection.descriptor == 1 { io.output = sink }
            case .duplicate:
                let target = try target(redirection.target)
                switch (redirection.descriptor, target) {
                case (2, "1"): io.error = io.output
                case (1, "2"): io.output = io.error
                case (1, "-"): io.output = DiscardSink()
                case (2, "-"): io.error = DiscardSink()
                case (_, "1"), (_, "2"), (_, "0"): break
                default:
                    guard redirection.descriptor == 1, Int(target) == nil else { throw ShellFailure("\(target): Bad file descriptor") }
                    let sink = try sink(for: target, append: false)
                    io.output = sink
                    io.error = sink
                }
            case .outputAndError(let append):
                let sink = try sink(for: try target(redirection.target), append: append)
                io.output = sink
                io.error = sink
            }
        }
        return io
    }

    private func target(_ word: Word) throws(ShellFailure) -> String {
        let fields = try expand([word])
        guard fields.count == 1, let only = fields.first else { throw ShellFailure("\(word.text): ambiguous redirect") }
        return only
    }

    private func sink(for typed: String, append: Bool) throws(ShellFailure) -> any TextSink {
        switch typed {
        case "/dev/null": return DiscardSink()
        default: return try FileSink(path: path(typed), shownAs: typed, append: append)
        }
    }
}
