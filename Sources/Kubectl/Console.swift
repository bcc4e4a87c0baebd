/// Where kubectl writes. Output of requests that complete later (in step mode) lands here too,
/// and the REPL prints it after each command or step.
public final class Console {
    public private(set) var text = ""
    /// Set when something went to stderr, so a script can fail like a shell would.
    public private(set) var failed = false

    public init() {}

    public func out(_ line: String) { text += line.hasSuffix("\n") ? line : line + "\n" }

    public func err(_ line: String) {
        failed = true
        out(line)
    }

    /// Takes what was written since the last drain.
    public func drain() -> (text: String, failed: Bool) {
        defer { text = ""; failed = false }
        return (text, failed)
    }
}
