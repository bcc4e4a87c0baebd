import Cluster
import Foundation
import Kubectl
import Exercises
import Lessons
import Shell

/// One student's session: a cluster, kubectl, the stepper and the bash around them.
/// Pure and synchronous: a frontend feeds it lines and prints what comes back.
public final class Session {
    public enum Mode: String { case auto, step }

    public private(set) var cluster: Cluster
    public let console = Console()
    public private(set) var kubectl: Kubectl
    public internal(set) var mode: Mode = .auto
    /// The machine commands run on: controlplane, or a node logged in to with `ssh`.
    var machine = NodeShell()
    /// bash: variables, aliases, the working directory, and the tools around kubectl.
    public let shell: ShellInterpreter
    let workers: Int
    let seed: UInt64
    /// The language lessons are shown in (`en`, `ko`); `lesson N --lang ko` changes it.
    public var language = "en"
    /// The numbered lessons, from `Lessons/` in the directory stepkube started in.
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
    /// Whether a person is at a terminal: then `kubectl edit` and `vi` may run the real editor.
    public var interactive = false
    /// Where a line's terminal output goes as it is written, so that `kubectl get -w` shows each
    /// change as it happens; a frontend at a terminal sets it. Without it, `feed` returns the
    /// output once the line is done.
    public var liveOutput: ((String) -> Void)?
    /// Whether the user pressed Ctrl-C; a frontend at a terminal sets it from its signal handler.
    /// Long runs (`clock advance 1h`, `continue`, `sleep`, a waiting kubectl) stop at the next
    /// step boundary and the rest of the line is not run.
    public var interruption: () -> Bool = { false }
    /// Forgets a Ctrl-C that reached stepkube while an editor owned the terminal.
    public var interruptionHandled: () -> Void = {}
    /// Lines of a command not finished yet (an open quote, a heredoc before its delimiter).
    private var pendingLines: [String] = []
    /// The line being run, which the steps a kubectl command queues name as their cause.
    var currentLine = ""
    /// Set by `exit` at home: the frontend ends after printing the line's output.
    public private(set) var exitRequested = false

    public init(workers: Int = 2, seed: UInt64 = 1, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.workers = workers
        self.seed = seed
        lessons = LessonBook(directory: (workingDirectory as NSString).appendingPathComponent("Lessons"))
        cluster = Cluster(workers: workers, seed: seed)
        kubectl = Kubectl(cluster: cluster, console: console, workingDirectory: workingDirectory)
        shell = ShellInterpreter(workingDirectory: workingDirectory)
        shell.host = self
        watchForInterrupts()
    }

    /// The shell's variables: `export` and `NAME=value` set them, and kubectl reads
    /// `KUBE_EDITOR` and `EDITOR` from them. A frontend at a terminal starts them from its own.
    public var environment: [String: String] {
        get { shell.variables }
        set { shell.variables = newValue }
    }

    private func watchForInterrupts() {
        cluster.simulation.isInterrupted = { [weak self] in self?.interruption() ?? false }
    }

    /// Replaces the cluster with a freshly booted one, as at start-up: same nodes, same seed.
    /// A lesson or exercise in progress ends with the old cluster.
    func bootFreshCluster() {
        progress = nil
        exerciseProgress = nil
        cluster = Cluster(workers: workers, seed: seed)
        kubectl = Kubectl(cluster: cluster, console: console, workingDirectory: shell.workingDirectory)
        watchForInterrupts()
        machine = NodeShell()
        mode = .auto
        pendingLines = []
        _ = console.drain()
    }

    /// Types a lesson's or exercise's setup, its output hidden; a multi-line entry is typed line
    /// by line, so a heredoc works.
    func runQuietly(_ entries: [String]) {
        for entry in entries {
            for line in entry.components(separatedBy: "\n") { _ = interpret(line) }
        }
    }

    /// True while a command is unfinished, so the frontend can show a continuation prompt.
    public var needsMoreInput: Bool { !pendingLines.isEmpty }

    /// Ends the input: an unfinished command is an error, as at the end of a bash script.
    public func finishInput() -> String {
        guard needsMoreInput else { return "" }
        pendingLines = []
        shell.recordSyntaxError()
        return "bash: \(ShellSyntaxError.incomplete.message)\n"
    }

    /// Forgets an unfinished command, as Ctrl-C does at bash's continuation prompt.
    public func discardPendingInput() { pendingLines = [] }

    /// The prompt for the next line: a continuation, a node's root shell, or the stepper's.
    public var prompt: String { needsMoreInput ? "> " : machine.prompt(mode: mode) }

    /// Whether `line` ends the REPL: `exit` or `quit` on controlplane, outside an unfinished
    /// command (on a node logged in to, `exit` logs out instead).
    public func ends(with line: String) -> Bool {
        !needsMoreInput && machine.isHome && ["exit", "quit"].contains(line.trimmingCharacters(in: .whitespaces))
    }

    /// What to ask before leaving: a lesson or an exercise in progress is lost with the cluster.
    public var workInProgress: String? {
        if let progress { return "lesson \(progress.lesson.number)" }
        if let exerciseProgress { return "the exercise \"\(exerciseProgress.exercise.title)\"" }
        return nil
    }

    /// Feeds one line; returns what to print (empty while a command is still unfinished; without
    /// what `liveOutput` already showed). In a lesson, a line that completes the section's checks
    /// is followed by the news.
    public func feed(_ line: String) -> String {
        let output = interpret(line)
        return output + lessonNews(after: line)
    }

    func interpret(_ line: String) -> String {
        let text = (pendingLines + [line]).joined(separator: "\n")
        let terminal = TerminalSink(forward: liveOutput)
        currentLine = text
        defer { currentLine = "" }
        do {
            try shell.run(text, terminal: terminal)
            pendingLines = []
        } catch ShellSyntaxError.incomplete {
            pendingLines.append(line)
        } catch {
            pendingLines = []
            shell.recordSyntaxError()
            return "bash: \(error.message)\n"
        }
        return terminal.text
    }

    /// Runs a command line and returns what it printed (for tests and checks).
    public func execute(_ line: String) -> String {
        pendingLines = []
        return interpret(line)
    }

    /// Names for Tab completion: commands, kubectl verbs, resource types and object names.
    public func completions(for buffer: String) -> [String] {
        Completion.candidates(buffer, session: self)
    }

    /// Marks that `exit` was typed at home.
    func requestExit() { exitRequested = true }

    /// The frontend asked and the user stayed.
    public func cancelExitRequest() { exitRequested = false }
}
