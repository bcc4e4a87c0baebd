import ArgumentParser
import Exercises
import Foundation
import REPL

/// `stepkube`: boots the simulated cluster and reads commands from a terminal (with line
/// editing) or, when stdin is not a terminal, from a script, line by line. `stepkube exercise`
/// and `stepkube grade` run an instructor's exercise file.
struct Stepkube: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepkube",
        abstract: "A Kubernetes cluster in memory that you can stop after every step.",
        subcommands: [Start.self, ExerciseCommand.self, GradeCommand.self],
        defaultSubcommand: Start.self)
}

/// The cluster every subcommand boots.
struct ClusterOptions: ParsableArguments {
    @Option(help: "Worker nodes to boot besides controlplane.")
    var nodes = 2

    @Option(help: "Seed for generated names and every other random choice.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (0...5000).contains(nodes) else { throw ValidationError("--nodes must be between 0 and 5000") }
    }

    func session() -> Session { Session(workers: nodes, seed: seed) }
}

/// Lines of a script file, or of standard input.
func scriptLines(_ path: String?) throws -> [String] {
    if let path {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read script \(path)") }
        return text.components(separatedBy: "\n")
    }
    var lines: [String] = []
    while let line = readLine(strippingNewline: true) { lines.append(line) }
    return lines
}

/// Feeds a script to the session, printing what it answers (each command first, with `echo`).
func runScript(_ session: Session, lines: [String], echo: Bool) {
    for line in lines {
        if session.ends(with: line) { break }
        if echo { print(session.prompt + line) }
        let output = session.feed(line)
        if !output.isEmpty { print(output, terminator: output.hasSuffix("\n") ? "" : "\n") }
        if session.exitRequested { return }
    }
    print(session.finishInput(), terminator: "")
}

/// At a terminal: the REPL with line editing, kubectl edit running the user's editor, and a
/// wall clock for exercise timers. `opening` is printed before the first prompt.
func runInteractively(_ session: Session, opening: String = "") {
    session.interactive = true
    session.environment = ProcessInfo.processInfo.environment.filter { ["KUBE_EDITOR", "EDITOR"].contains($0.key) }
    session.wallClock = { Date().timeIntervalSince1970 }
    Terminal(session: session, opening: opening).run()
}

struct Start: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the cluster and its REPL (the default).")

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Read commands from this file instead of standard input.")
    var script: String?

    @Flag(help: "Print each command before its output, as a transcript.")
    var echo = false

    @Option(help: "The language of the lessons: en or ko.")
    var lang = "en"

    func run() throws {
        let session = cluster.session()
        session.language = lang
        if script == nil, isatty(0) == 1 {
            runInteractively(session)
        } else {
            runScript(session, lines: try scriptLines(script), echo: echo)
        }
    }
}

struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Work through an exercise file: its setup runs, then 'task N', 'hint', 'check', 'score' and 'time'.")

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The exercise file (YAML).")
    var file: String

    func run() throws {
        let exercise: Exercise
        do { exercise = try Exercise(file: file) } catch { throw ValidationError(error.description) }
        let session = cluster.session()
        if isatty(0) == 1 {
            session.wallClock = { Date().timeIntervalSince1970 }
            runInteractively(session, opening: session.start(exercise))
        } else {
            print(session.start(exercise), terminator: "")
            runScript(session, lines: try scriptLines(nil), echo: true)
        }
    }
}

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a student's answers: run the exercise's setup, then the answers script, then every check.",
        discussion: "Prints each check's result, each task's points and the total; exits 0 on a pass and 1 on a fail, so a class can be graded from a shell loop.")

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The exercise file (YAML).")
    var file: String

    @Option(help: "The student's commands, one per line, as typed at the REPL.")
    var answers: String

    func run() throws {
        let exercise: Exercise
        do { exercise = try Exercise(file: file) } catch { throw ValidationError(error.description) }
        let grade = cluster.session().grade(exercise, answers: try scriptLines(answers))
        print(grade.report, terminator: "")
        if !grade.passed { throw ExitCode.failure }
    }
}

Stepkube.main()
