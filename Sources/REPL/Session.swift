import Cluster
import Foundation
import Kubectl
import Exercises
import Lessons

/// One student's session: a cluster, kubectl, the stepper and the shell around them.
/// Pure and synchronous: a frontend feeds it lines and prints what comes back.
public final class Session {
    public enum Mode: String { case auto, step }

    public private(set) var cluster: Cluster
    public let console = Console()
    public private(set) var kubectl: Kubectl
    public private(set) var mode: Mode = .auto
    /// The machine commands run on: controlplane, or a node logged in to with `ssh`.
    private var shell = NodeShell()
    private let workers: Int
    private let seed: UInt64
    private let workingDirectory: String
    /// The language lessons are shown in (`en`, `ko`); `lesson N --lang ko` changes it.
    public var language = "en"
    /// The numbered lessons, from `Lessons/` in the working directory.
    public let lessons: LessonBook
    /// The lesson being worked through, if any.
    var progress: LessonProgress?
    /// Lessons finished in this session.
    var completedLessons: Set<Int> = []
    /// The exercise being worked on (`stepkube exercise FILE`), if any.
    var exerciseProgress: ExerciseProgress?
    /// Seconds on a wall clock, for an exercise's time limit; a frontend at a terminal sets it,
    /// so that scripts and tests stay deterministic.
    public var wallClock: (() -> Double)?
    /// The shell variables kubectl reads (`KUBE_EDITOR`, `EDITOR`): `export` and `NAME=value`
    /// set them. A frontend at a terminal starts them from its own environment.
    public var environment: [String: String] = [:]
    /// Whether a person is at a terminal: then `kubectl edit` may fall back to `vi`.
    public var interactive = false
    /// A heredoc being collected: the command line that opened it, its terminator and the lines so far.
    private var heredoc: (line: String, terminator: String, stripTabs: Bool, body: [String])?

    public init(workers: Int = 2, seed: UInt64 = 1, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workers = workers
        self.seed = seed
        self.workingDirectory = workingDirectory
        lessons = LessonBook(directory: (workingDirectory as NSString).appendingPathComponent("Lessons"))
        cluster = Cluster(workers: workers, seed: seed)
        kubectl = Kubectl(cluster: cluster, console: console, workingDirectory: workingDirectory)
    }

    /// Replaces the cluster with a freshly booted one, as at start-up: same nodes, same seed.
    /// A lesson or exercise in progress ends with the old cluster.
    func bootFreshCluster() {
        progress = nil
        exerciseProgress = nil
        cluster = Cluster(workers: workers, seed: seed)
        kubectl = Kubectl(cluster: cluster, console: console, workingDirectory: workingDirectory)
        shell = NodeShell()
        mode = .auto
        heredoc = nil
        _ = console.drain()
    }

    /// Types a lesson's or exercise's setup, its output hidden; a multi-line entry is typed line
    /// by line, so a heredoc works.
    func runQuietly(_ entries: [String]) {
        for entry in entries {
            for line in entry.components(separatedBy: "\n") { _ = interpret(line) }
        }
    }

    /// True while a heredoc is open, so the frontend can show a continuation prompt.
    public var needsMoreInput: Bool { heredoc != nil }

    /// The prompt for the next line: a heredoc's continuation, a node's root shell, or the stepper's.
    public var prompt: String { needsMoreInput ? "> " : shell.prompt(mode: mode) }

    /// Whether `line` ends the REPL: `exit` or `quit` on controlplane, outside a heredoc (on a
    /// node logged in to, `exit` logs out instead).
    public func ends(with line: String) -> Bool {
        !needsMoreInput && shell.isHome && ["exit", "quit"].contains(line.trimmingCharacters(in: .whitespaces))
    }

    /// Feeds one line; returns what to print (empty while a heredoc is still being collected).
    /// In a lesson, a line that completes the section's checks is followed by the news.
    public func feed(_ line: String) -> String {
        let output = interpret(line)
        return output + lessonNews(after: line)
    }

    func interpret(_ line: String) -> String {
        if var open = heredoc {
            let candidate = open.stripTabs ? String(line.drop { $0 == "\t" }) : line
            if candidate == open.terminator {
                heredoc = nil
                let body = open.body.isEmpty ? "" : open.body.joined(separator: "\n") + "\n"
                return execute(open.line, stdin: body)
            }
            open.body.append(candidate)
            heredoc = open
            return ""
        }
        if let match = Session.heredocOpening(in: line) {
            let token = String(line[match])
            let terminator = token.replacingOccurrences(of: #"[<\-'"\s]"#, with: "", options: .regularExpression)
            var command = line
            command.removeSubrange(match)
            heredoc = (command, terminator, token.hasPrefix("<<-"), [])
            return ""
        }
        return execute(line, stdin: nil)
    }

    /// Where `<<EOF` (or `<<'EOF'`, `<<-EOF`) opens a heredoc in `line`, ignoring quoted text.
    static func heredocOpening(in line: String) -> Range<String.Index>? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if line[index...].hasPrefix("<<"),
                      let match = line.range(of: #"^<<(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?"#, options: .regularExpression, range: index..<line.endIndex) {
                return match
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// Runs a complete command line (a pipeline of stages), returning its output.
    public func execute(_ line: String, stdin: String? = nil) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return "" }
        var input = stdin
        var output = ""
        defer { _ = console.drainTrace() }
        for (index, stage) in Shell.pipeline(trimmed).enumerated() {
            do {
                let words = try Shell.words(stage)
                output = index == 0 || isCommand(words) ? try run(words, stdin: input, line: trimmed) : try Shell.filter(words, input: input ?? "")
            } catch ShellError.message(let message) {
                return output + "stepkube: \(message)\n"
            } catch {
                return output + "stepkube: \(error)\n"
            }
            input = output
        }
        // The hops of requests sent in the pipeline reach the terminal, never the next stage.
        return console.drainTrace() + output
    }

    /// `NAME=value` as a shell assignment, or nil for any other word.
    static func assignment(_ word: String) -> (String, String)? {
        guard let equals = word.firstIndex(of: "="), word[..<equals].range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil else {
            return nil
        }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private func isCommand(_ words: [String]) -> Bool {
        ["kubectl", "k", "echo"].contains(words.first ?? "")
    }

    private func run(_ words: [String], stdin: String?, line: String) throws -> String {
        // `NAME=value command ...` sets NAME for that command; `NAME=value` alone, for the session.
        let assignments = words.prefix { Session.assignment($0) != nil }.compactMap(Session.assignment)
        guard let command = words.dropFirst(assignments.count).first else {
            for (name, value) in assignments { environment[name] = value }
            return ""
        }
        let arguments = Array(words.dropFirst(assignments.count + 1))
        if let output = shell.run(command, arguments, cluster: cluster) { return output }
        if let output = exerciseCommand(command, arguments) { return output }
        if let run = cluster.network.tool(command, arguments, from: .node(shell.host)) {
            for hop in run.trace { console.trace(hop) }
            return run.output
        }
        switch command {
        case "kubectl", "k":
            let scoped = environment.merging(assignments) { $1 }
            return runKubectl(arguments, stdin: stdin, line: line, environment: scoped)
        case "export":
            for word in arguments {
                guard let (name, value) = Session.assignment(word) else { continue }
                environment[name] = value
            }
            return ""
        case "unset":
            for name in arguments { environment[name] = nil }
            return ""
        case "echo":
            let noNewline = arguments.first == "-n"
            let text = (noNewline ? Array(arguments.dropFirst()) : arguments).joined(separator: " ")
            return noNewline ? text : text + "\n"
        case "cat" where arguments.isEmpty: return stdin ?? ""
        case "step": return step(arguments)
        case "continue", "c": return continueRunning()
        case "mode": return setMode(arguments)
        case "trace": return Stepper.trace(cluster, arguments, directory: workingDirectory)
        case "explain": return Stepper.explain(cluster, arguments)
        case "pending": return Stepper.pending(cluster)
        case "clock": return clock(arguments)
        case "etcdctl": return Stepper.etcdctl(cluster, arguments)
        case "node": return addNode(arguments)
        case "lesson": return lesson(arguments)
        case "hint": return hint()
        case "help", "?": return Session.help
        case "clear": return "\u{1B}[H\u{1B}[2J"
        default:
            if Shell.filters.contains(command) {
                return try Shell.filter(words, input: stdin ?? "")
            }
            return "stepkube: \(command): command not found (try 'help')\n"
        }
    }

    private func runKubectl(_ arguments: [String], stdin: String?, line: String, environment: [String: String]) -> String {
        cluster.simulation.currentCommand = line
        kubectl.mayWait = mode == .auto
        kubectl.editor = ExternalEditor.chosen(from: environment, interactive: interactive)
        kubectl.run(arguments, stdin: stdin)
        cluster.simulation.currentCommand = nil
        var text = ""
        if mode == .auto {
            cluster.simulation.runUntilSettled()
        } else if cluster.simulation.hasForegroundWork, let next = cluster.simulation.nextItem, next.command == line {
            text = "(step mode) queued: \(next.label). Type 'step' to send it, 'continue' to run to quiescence.\n"
        }
        return console.drain() + text
    }

    // MARK: Stepper commands

    private func step(_ arguments: [String]) -> String {
        if arguments.first == "until" { return stepUntil(arguments.dropFirst().first) }
        let count = arguments.first.flatMap(Int.init) ?? 1
        guard (1...10_000).contains(count) else { return "step: expects a number of steps from 1 to 10000, or 'until COMPONENT'\n" }
        var lines: [String] = []
        for _ in 0..<count {
            guard let record = cluster.simulation.step() else {
                lines.append("(nothing left to run)")
                break
            }
            lines += shown(record)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `step until COMPONENT`: runs steps until that component acts (a watch event delivered to it
    /// does not count), as a debugger runs to a breakpoint. `kubelet` stands for every node's
    /// kubelet. Routine steps are hidden.
    private func stepUntil(_ component: String?) -> String {
        guard let component else {
            return "step until: name a component, such as kube-scheduler, replicaset-controller or kubelet@node01\n"
        }
        var lines: [String] = []
        while cluster.simulation.hasForegroundWork, let record = cluster.simulation.step() {
            if !record.routine { lines += shown(record) }
            if record.kind != .watch, record.component == component || record.component.hasPrefix(component + "@") {
                return lines.joined(separator: "\n") + "\n"
            }
        }
        return (lines + ["(the cluster settled before \(component) took a step)"]).joined(separator: "\n") + "\n"
    }

    /// A step's line, then whatever kubectl printed when its request was answered.
    private func shown(_ record: TraceRecord) -> [String] {
        let output = console.drain()
        return [Stepper.line(record)] + (output.isEmpty ? [] : [output.trimmingCharacters(in: .newlines)])
    }

    private func continueRunning() -> String {
        let start = cluster.simulation.trace.count
        cluster.simulation.runUntilSettled()
        let records = cluster.simulation.trace.records(after: start).filter { !$0.routine }
        var text = records.map(Stepper.line).joined(separator: "\n")
        text += (text.isEmpty ? "" : "\n") + "(settled: \(cluster.simulation.trace.count - start) steps run, \(records.count) shown; heartbeats, event writes and watch deliveries that changed nothing are hidden: trace --all shows them)\n"
        return text + console.drain()
    }

    private func setMode(_ arguments: [String]) -> String {
        guard let value = arguments.first else { return "mode: \(mode.rawValue)\n" }
        guard let newMode = Mode(rawValue: value) else { return "mode: expected 'auto' or 'step'\n" }
        mode = newMode
        if newMode == .auto, cluster.simulation.hasForegroundWork {
            cluster.simulation.runUntilSettled()
            return "mode: auto (ran the queued work to quiescence)\n" + console.drain()
        }
        return newMode == .step
            ? "mode: step. kubectl commands now only queue their API requests; use 'step', 'pending', 'continue'.\n"
            : "mode: auto\n"
    }

    private func clock(_ arguments: [String]) -> String {
        let simulation = cluster.simulation
        if arguments.first == "advance" {
            guard let text = arguments.dropFirst().first, let milliseconds = Duration.parse(text) else {
                return "clock advance: expected a duration such as 30s, 5m, 1h30m\n"
            }
            let steps = simulation.advance(by: milliseconds)
            return "advanced \(text): \(steps) steps ran\n" + console.drain() + Stepper.clockLine(cluster)
        }
        return Stepper.clockLine(cluster)
    }

    private func addNode(_ arguments: [String]) -> String {
        guard arguments.first == "add" else { return "usage: node add [NAME]\n" }
        let name = arguments.dropFirst().first
        if let name, cluster.kubelet(on: name) != nil { return "node \(name) already exists\n" }
        if let name, name.range(of: #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#, options: .regularExpression) == nil {
            return "node add: \"\(name)\" is not a valid node name: use lower case letters, digits, '-' and '.'\n"
        }
        let added = cluster.addNode(named: name)
        if mode == .auto { cluster.simulation.runUntilSettled() }
        return "machine \(added) booted; its kubelet registers the Node\n" + console.drain()
    }

    /// Names for Tab completion: commands, kubectl verbs, resource types and object names.
    public func completions(for buffer: String) -> [String] {
        Completion.candidates(buffer, session: self)
    }

    public static let help = """
    stepkube — a Kubernetes cluster you can stop after every step.

    kubectl (or k) VERB ...     kubectl as in the exam: apply, create, get, describe, delete, run, scale, logs,
                                set image, rollout, edit, replace, exec
    mode auto|step              auto: every command runs to quiescence; step: commands only queue requests
    step [N]                    run the next N steps (default 1), each explained in one line
    step until COMPONENT        run until kube-scheduler, replicaset-controller, kubelet ... acts
    continue                    run until only background work (heartbeats, back-offs) is left
    pending                     what each component will do next
    trace [--last N] [--all] [KIND/NAME]
                                the steps so far (routine heartbeats and events hidden unless --all)
    trace ... --diagram         the same steps as a sequence diagram, one arrow per step; --mermaid prints
                                it as Mermaid, --svg FILE and --html FILE write a picture for a browser
    explain [N]                 the full explanation of step N (default: the last)
    clock                       the virtual time; clock advance 30s|5m|1h moves it forward
    etcdctl get KEY [--prefix] [--keys-only]
                                read etcd directly (read-only)
    node add [NAME]             boot another worker node
    ssh NODE, exit              log in to a node as root, and back to controlplane
    iptables-save [-t nat]      the rules kube-proxy wrote on this machine
    curl, wget, nslookup        send a request from this machine (kubectl exec POD -- curl ... from a Pod);
                                lines starting with * show the hops: DNS, iptables, the Pod that answered
    lesson list|N|next|check|reset [--lang ko]
                                the numbered lessons: start one, check the section, go on, start again
    hint                        a hint for the lesson's current section
    help, exit                  this text; leave (Ctrl-D too)

    Around kubectl: | grep, | wc -l, | head, | tail, | sort, | base64 -d, echo, and heredocs
    (cat <<EOF | kubectl apply -f -). kubectl edit opens $KUBE_EDITOR or $EDITOR (vi at a
    terminal); a script names its editor: KUBE_EDITOR="sed -i 's/1.7.9/1.9.1/'" kubectl edit deploy/mydeploy,
    or export KUBE_EDITOR=... once.

    """
}

/// Durations as kubectl and the stepper accept them: `30s`, `5m`, `1h30m`, `250ms`.
enum Duration {
    /// Ten years: more than any lesson needs, far from overflowing the clock.
    static let maximum = 10 * 365 * 86_400_000.0

    static func parse(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Int64
            if rest.hasPrefix("ms") { unit = 1; rest = rest.dropFirst(2) } else {
                switch character {
                case "s": unit = 1000
                case "m": unit = 60_000
                case "h": unit = 3_600_000
                case "d": unit = 86_400_000
                default: return nil
                }
                rest = rest.dropFirst()
            }
            let amount = value * Double(unit)
            guard amount.isFinite, amount < maximum, total < Int64(maximum) - Int64(amount) else { return nil }
            total += Int64(amount)
            number = ""
        }
        if !number.isEmpty {
            guard let value = Double(number), value * 1000 < maximum - Double(total) else { return nil }
            total += Int64(value * 1000)
        }
        return total
    }
}
