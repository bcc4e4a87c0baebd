/// Where kubectl writes: standard output and standard error, kept in the order they were written
/// so that a terminal shows them interleaved while a pipe takes only standard output. Output of
/// requests that complete later (in step mode) lands here too, and the REPL prints it after each
/// command or step.
public final class Console {
    public enum Stream: Sendable { case output, error }

    private var chunks: [(stream: Stream, text: String)] = []
    /// Whether an error was written since the last drain: kubectl then exits with status 1.
    private var failed = false
    /// An exit status a command chose (`kubectl diff`: 1 for differences, 2 for errors).
    private var status: Int32?

    public init() {}

    public func out(_ line: String) { append(.output, line) }

    /// Standard output exactly as given, without a newline added: a watch's `-o jsonpath`
    /// prints one object after another on the same line, as kubectl does.
    func write(_ text: String) {
        if !text.isEmpty { chunks.append((.output, text)) }
    }

    /// Whether anything was written since the last drain.
    var hasOutput: Bool { !chunks.isEmpty }

    /// An error: written to standard error, and the command's exit status becomes 1.
    public func err(_ line: String) {
        append(.error, line)
        failed = true
    }

    /// Sets the command's exit status, whatever was written.
    public func exit(_ status: Int32) { self.status = status }

    /// A warning on standard error that does not fail the command.
    public func warn(_ line: String) { append(.error, line) }

    /// stepkube's own notes on a request's path (DNS, iptables, the endpoint that answered):
    /// on standard error, so they reach the terminal but never a pipe.
    public func trace(_ line: String) { append(.error, "* \(line)\n") }

    private func append(_ stream: Stream, _ line: String) {
        chunks.append((stream, line.hasSuffix("\n") ? line : line + "\n"))
    }

    /// Takes everything written since the last drain, both streams in order.
    public func drain() -> String {
        var text = ""
        _ = drain { text += $1 }
        return text
    }

    /// Hands each piece written since the last drain to `write`, in order, and returns the exit
    /// status: the one the command chose, else 1 when any of it was an error.
    public func drain(_ write: (Stream, String) -> Void) -> Int32 {
        let taken = chunks, exitStatus = status ?? (failed ? 1 : 0)
        chunks = []
        failed = false
        status = nil
        for chunk in taken { write(chunk.stream, chunk.text) }
        return exitStatus
    }
}
