import Cluster
import Foundation
import Kubectl
import Shell

/// The commands bash finds in the session rather than in its own tools: kubectl, the stepper,
/// lessons and exercises, the machines' own tools (ssh, iptables-save, curl), and the editors.
extension Session: ShellHost {
    public func run(_ command: String, _ arguments: [String], environment: [String: String], io: CommandIO) -> Int32? {
        if let output = machine.run(command, arguments, cluster: cluster) {
            io.out(output)
            return 0
        }
        if command == "exit" || command == "logout" {
            requestExit()
            return 0
        }
        if let output = exerciseCommand(command, arguments) {
            io.out(output)
            return 0
        }
        if let run = cluster.network.tool(command, arguments, from: .node(machine.host)) {
            for hop in run.trace { io.err("* \(hop)\n") }
            io.out(run.output)
            return run.status
        }
        if command == "kubectl" || command == "k" {
            return runKubectl(arguments, stdin: io.input, environment: environment, io: io)
        }
        if let path = HostTool.path(of: command, environment: environment) {
            return HostTool.run(path, arguments, workingDirectory: shell.workingDirectory, io: io)
        }
        if ["vi", "vim", "nano", "view"].contains(command) {
            return edit(command, arguments, environment: environment, io: io)
        }
        guard let output = stepperCommand(command, arguments) else { return nil }
        io.out(output)
        return 0
    }

    public var isInterrupted: Bool { interruption() }

    public func sleep(milliseconds: Int64, io: CommandIO) {
        cluster.simulation.advance(by: milliseconds)
        io.out(console.drain())
    }

    public var secondsSince1970: Int64 { cluster.simulation.nowSeconds }

    /// Runs kubectl, then (in auto mode) the cluster until it settles. Standard error and output
    /// keep their order at the terminal; the status is 1 when kubectl printed an error, or the one
    /// the command chose.
    private func runKubectl(_ arguments: [String], stdin: String, environment: [String: String], io: CommandIO) -> Int32 {
        cluster.simulation.currentCommand = currentLine
        kubectl.workingDirectory = shell.workingDirectory
        kubectl.mayWait = mode == .auto
        kubectl.editor = ExternalEditor.chosen(from: environment, interactive: interactive)
        var status: Int32 = 0
        /// Passes on what kubectl printed; the first nonzero status of any piece is the command's.
        func passOn() {
            let drained = console.drain { stream, text in stream == .error ? io.err(text) : io.out(text) }
            if status == 0 { status = drained }
        }
        // A watch's output as it happens; in step mode after the line of the step that caused it.
        kubectl.onOutput = { [unowned self] step in
            if let step, mode == .step { io.err(Stepper.line(step) + "\n") }
            passOn()
        }
        defer { kubectl.onOutput = nil }
        kubectl.run(arguments, stdin: stdin)
        if arguments.first == "edit" { interruptionHandled() }
        cluster.simulation.currentCommand = nil
        var queued = ""
        if mode == .auto {
            // Only a command that changed something runs the cluster: after Ctrl-C or a `step` the
            // cluster stays paused where it stopped, so reads and refused requests answer at once,
            // and a change or `continue` resumes it.
            let revision = cluster.server.revision
            if cluster.simulation.runQueued(from: currentLine) > 0, cluster.server.revision != revision {
                cluster.simulation.runUntilSettled()
                if interruption() { queued = "(interrupted: the cluster is paused between two steps; 'continue' runs it on)\n" }
            }
        } else if cluster.simulation.hasForegroundWork, let next = cluster.simulation.nextItem, next.command == currentLine {
            queued = "(step mode) queued: \(next.label). Type 'step' to send it, 'continue' to run to quiescence.\n"
        }
        passOn()
        io.err(queued)
        return status
    }

    /// `vi FILE` (or vim, nano): `$EDITOR` if set, else the editor typed, on the real file. A
    /// script without a terminal has no one to type into vi, so it needs `$EDITOR` set.
    private func edit(_ command: String, _ arguments: [String], environment: [String: String], io: CommandIO) -> Int32 {
        let files = arguments.filter { !$0.hasPrefix("-") && !$0.hasPrefix("+") }
        guard let file = files.first else {
            io.err("\(command): name a file to edit, as in '\(command) pod.yaml'\n")
            return 1
        }
        let chosen = environment["EDITOR"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        guard let editor = chosen ?? (interactive ? command : nil) else {
            io.err("\(command): no terminal to edit \(file) on; in a script set EDITOR to a command, such as EDITOR=\"sed -i s/a/b/\"\n")
            return 1
        }
        do {
            defer { interruptionHandled() }
            try ExternalEditor(command: editor, interactive: interactive).edit(shell.path(file))
            return 0
        } catch {
            io.err("\(command): \(error.message)\n")
            return 1
        }
    }
}
