import ArgumentParser
import Foundation
import REPL

/// `stepkube`: boots the simulated cluster and reads commands from a terminal (with line
/// editing) or, when stdin is not a terminal, from a script, line by line.
struct Stepkube: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stepkube",
        abstract: "A Kubernetes cluster in memory that you can stop after every step.")

    @Option(help: "Worker nodes to boot besides controlplane.")
    var nodes = 2

    @Option(help: "Seed for generated names and every other random choice.")
    var seed: UInt64 = 1

    @Option(help: "Read commands from this file instead of standard input.")
    var script: String?

    @Flag(help: "Print each command before its output, as a transcript.")
    var echo = false

    func validate() throws {
        guard (0...5000).contains(nodes) else { throw ValidationError("--nodes must be between 0 and 5000") }
    }

    func run() throws {
        let session = Session(workers: nodes, seed: seed)
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw ValidationError("cannot read script \(script)")
            }
            runScript(session, lines: text.components(separatedBy: "\n"))
        } else if isatty(0) == 1 {
            // At a terminal kubectl edit runs the user's editor, as kubectl would; a script sets its own.
            session.interactive = true
            session.environment = ProcessInfo.processInfo.environment.filter { ["KUBE_EDITOR", "EDITOR"].contains($0.key) }
            Terminal(session: session).run()
        } else {
            var lines: [String] = []
            while let line = readLine(strippingNewline: true) { lines.append(line) }
            runScript(session, lines: lines)
        }
    }

    private func runScript(_ session: Session, lines: [String]) {
        for line in lines {
            if session.ends(with: line) { break }
            if echo { print(session.prompt + line) }
            let output = session.feed(line)
            if !output.isEmpty { print(output, terminator: output.hasSuffix("\n") ? "" : "\n") }
        }
    }
}

Stepkube.main()
