import CEditLine
import Foundation
import REPL

/// The interactive frontend: libedit line editing, persistent history, Tab completion, and
/// Ctrl-C as bash has it: at the prompt it discards the line, during a command it stops the
/// command at the next step boundary; the REPL itself never dies of it.
final class Terminal {
    let session: Session
    private let historyPath = (NSHomeDirectory() as NSString).appendingPathComponent(".stepkube_history")

    /// Printed after the banner, before the first prompt (an exercise's tasks).
    private let opening: String

    init(session: Session, opening: String = "") {
        self.session = session
        self.opening = opening
    }

    func run() {
        guard let editor = stepkube_el_init("stepkube") else { return }
        let history = stepkube_history_init(1000)
        stepkube_history_load(history, historyPath)
        stepkube_el_set_history(editor, history)
        stepkube_el_set_editor(editor, "emacs")
        stepkube_el_set_signal(editor, 1)
        stepkube_el_set_no_isig(editor)
        stepkube_install_interrupt_handler()
        session.interruption = { stepkube_interrupt_pending() != 0 }
        session.interruptionHandled = { stepkube_clear_interrupt() }
        TerminalState.session = session
        stepkube_el_set_prompt(editor) { _ in TerminalState.prompt }
        stepkube_el_add_function(editor, "stepkube-complete", "Complete commands, kinds and names") { editor, _ in
            TerminalState.complete(editor)
        }
        stepkube_el_bind(editor, "^I", "stepkube-complete")
        stepkube_el_add_function(editor, "stepkube-interrupt", "Discard the line, as Ctrl-C does in bash") { editor, _ in
            TerminalState.lineDiscarded = true
            return UInt8(CC_NEWLINE)
        }
        stepkube_el_bind(editor, "^C", "stepkube-interrupt")
        print("stepkube: controlplane and \(session.cluster.kubelets.count - 1) worker node(s) are up. Type kubectl commands as in the exam, 'help' for the stepper; Ctrl-D leaves.")
        if !opening.isEmpty { print(opening, terminator: "") }
        while true {
            TerminalState.setPrompt(session.prompt)
            TerminalState.lineDiscarded = false
            var count: Int32 = 0
            let raw = el_gets(editor, &count)
            // Ctrl-C on an empty line ends el_gets with no line at all: that is not Ctrl-D.
            if TerminalState.lineDiscarded {
                print("^C")
                session.discardPendingInput()
                continue
            }
            guard let raw else {
                print("")
                if confirmLeaving() { break }
                continue
            }
            let line = String(cString: raw).trimmingCharacters(in: .newlines)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { stepkube_history_enter(history, line) }
            if session.ends(with: line) {
                if confirmLeaving() { break }
                continue
            }
            stepkube_clear_interrupt()
            let output = session.feed(line)
            // The terminal echoed ^C where the cursor was; bash goes on from the next line.
            if stepkube_interrupt_pending() != 0 { print("") }
            if !output.isEmpty { print(output, terminator: output.hasSuffix("\n") ? "" : "\n") }
            stepkube_clear_interrupt()
            if session.exitRequested, confirmLeaving() { break }
        }
        stepkube_history_save(history, historyPath)
        history_end(history)
        el_end(editor)
    }

    /// Leaving loses the cluster: with a lesson or exercise in progress, ask first.
    private func confirmLeaving() -> Bool {
        session.cancelExitRequest()
        guard let work = session.workInProgress else { return true }
        print("Leave stepkube? \(work) is in progress and ends with the cluster. [y/N] ", terminator: "")
        fflush(nil)
        guard let answer = readLine() else { return true }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// State the C callbacks reach: libedit callbacks cannot capture Swift context.
enum TerminalState {
    nonisolated(unsafe) static var session: Session?
    nonisolated(unsafe) static var promptBuffer: UnsafeMutablePointer<CChar> = strdup("$ ")
    /// Set by the Ctrl-C binding: the line el_gets returns is to be thrown away.
    nonisolated(unsafe) static var lineDiscarded = false

    static var prompt: UnsafeMutablePointer<CChar> { promptBuffer }

    static func setPrompt(_ text: String) {
        free(promptBuffer)
        promptBuffer = strdup(text)
    }

    /// Completes the word under the cursor, or lists the choices when there are several.
    static func complete(_ editor: OpaquePointer?) -> UInt8 {
        guard let editor, let session, let info = el_line(editor) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let buffer = String(decoding: UnsafeRawBufferPointer(start: info.pointee.buffer, count: length), as: UTF8.self)
        let candidates = session.completions(for: buffer)
        let partial = buffer.hasSuffix(" ") ? "" : String(buffer.split(separator: " ").last ?? "")
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        var common = candidates[0]
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        if common.count > partial.count {
            let suffix = String(common.dropFirst(partial.count)) + (candidates.count == 1 ? " " : "")
            el_insertstr(editor, suffix)
            return UInt8(CC_REFRESH)
        }
        print("\n" + candidates.joined(separator: "  "))
        return UInt8(CC_REDISPLAY)
    }
}
