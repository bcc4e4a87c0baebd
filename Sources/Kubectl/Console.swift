/// Where kubectl writes. Output of requests that complete later (in step mode) lands here too,
/// and the REPL prints it after each command or step.
public final class Console {
    public private(set) var text = ""

    public init() {}

    public func out(_ line: String) { text += line.hasSuffix("\n") ? line : line + "\n" }

    /// kubectl's stderr; the REPL shows both streams in order, as a terminal does.
    public func err(_ line: String) { out(line) }

    /// Takes what was written since the last drain.
    public func drain() -> String {
        defer { text = "" }
        return text
    }
}
