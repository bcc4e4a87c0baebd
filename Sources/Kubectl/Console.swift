/// Where kubectl writes. Output of requests that complete later (in step mode) lands here too,
/// and the REPL prints it after each command or step.
public final class Console {
    public private(set) var text = ""
    /// stepkube's own notes on a request's path (DNS, iptables, the endpoint that answered),
    /// shown on the terminal but never fed to a pipe, like a tool's stderr.
    private var traceText = ""

    public init() {}

    public func out(_ line: String) { text += line.hasSuffix("\n") ? line : line + "\n" }

    /// kubectl's stderr; the REPL shows both streams in order, as a terminal does.
    public func err(_ line: String) { out(line) }

    public func trace(_ line: String) { traceText += "* \(line)\n" }

    /// Takes the trace lines written since the last call.
    public func drainTrace() -> String {
        defer { traceText = "" }
        return traceText
    }

    /// Takes what was written since the last drain.
    public func drain() -> String {
        defer { text = "" }
        return text
    }
}
