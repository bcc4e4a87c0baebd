import Foundation

/// `break N` or `continue N`, counting the loops still to leave.
enum LoopJump {
    case breakLoop(Int)
    case continueLoop(Int)
}

/// Running bash's compound commands. Loops stop at Ctrl-C (the host's `isInterrupted`), which
/// every command and every iteration checks, so `while true; do sleep 1; done` can be ended.
extension ShellInterpreter {
    func run(_ compound: CompoundCommand, io: CommandIO) -> Int32 {
        do {
            switch compound {
            case .group(let body):
                return execute(body, io: io)
            case .subshell(let body):
                return runSubshell(body, io: io)
            case .forLoop(let name, let words, let body):
                guard Builtins.isName(name) else {
                    io.err("bash: `\(name)': not a valid identifier\n")
                    return 1
                }
                return runFor(name, values: try expand(words), body: body, io: io)
            case .whileLoop(let condition, let body, let until):
                return runWhile(condition, body: body, until: until, io: io)
            case .ifChain(let branches, let otherwise):
                for branch in branches {
                    let condition = execute(branch.condition, io: io)
                    if isStopping { return status }
                    if condition == 0 { return execute(branch.body, io: io) }
                }
                return otherwise.map { execute($0, io: io) } ?? 0
            case .caseSelection(let subject, let clauses):
                return try runCase(try expandToText(subject), clauses: clauses, io: io)
            case .arithmetic(let expression):
                let text = try expandToText(expression)
                do {
                    return try evaluateArithmetic(text) == 0 ? 1 : 0
                } catch {
                    io.err("bash: ((: \(error.message)\n")
                    return 1
                }
            case .conditional(let expression):
                return try evaluate(expression) ? 0 : 1
            }
        } catch {
            io.err("bash: \(error.message)\n")
            return 1
        }
    }

    private func runFor(_ name: String, values: [String], body: ShellScript, io: CommandIO) -> Int32 {
        loopDepth += 1
        defer { loopDepth -= 1 }
        var result: Int32 = 0
        for value in values {
            variables[name] = value
            result = execute(body, io: io)
            guard loopGoesOn() else { break }
        }
        return interruptedStatus ?? result
    }

    private func runWhile(_ condition: ShellScript, body: ShellScript, until: Bool, io: CommandIO) -> Int32 {
        loopDepth += 1
        defer { loopDepth -= 1 }
        var result: Int32 = 0
        while true {
            let tested = execute(condition, io: io)
            guard loopGoesOn(), (tested == 0) != until else { break }
            result = execute(body, io: io)
            guard loopGoesOn() else { break }
        }
        return interruptedStatus ?? result
    }

    /// 130 when Ctrl-C ended the loop, wherever it came (in the condition, between iterations),
    /// as bash's status of a command SIGINT stopped.
    private var interruptedStatus: Int32? { host?.isInterrupted == true ? 130 : nil }

    /// After a loop's condition or body: whether the loop goes on. A `break` or `continue` that
    /// names this loop ends here; one that names an outer loop ends this one and goes on out.
    private func loopGoesOn() -> Bool {
        switch pendingJump {
        case .none:
            return !isStopping
        case .breakLoop(let count):
            pendingJump = count > 1 ? .breakLoop(count - 1) : nil
            return false
        case .continueLoop(let count):
            pendingJump = count > 1 ? .continueLoop(count - 1) : nil
            return count == 1 && !isStopping
        }
    }

    /// The first clause with a pattern the subject matches runs; none matching is success.
    private func runCase(_ subject: String, clauses: [CaseClause], io: CommandIO) throws(ShellFailure) -> Int32 {
        for clause in clauses {
            for pattern in clause.patterns where Glob.matches(try globPattern(pattern), subject) {
                return clause.body.items.isEmpty ? 0 : execute(clause.body, io: io)
            }
        }
        return 0
    }

    /// `( list )`: the list runs on a copy of the shell's state, which is put back after it.
    private func runSubshell(_ body: ShellScript, io: CommandIO) -> Int32 {
        let saved = (variables, aliases, workingDirectory, loopDepth)
        loopDepth = 0
        defer { (variables, aliases, workingDirectory, loopDepth) = saved }
        return execute(body, io: io)
    }
}
