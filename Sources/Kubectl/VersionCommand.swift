import Cluster

/// `kubectl version [--client] [-o yaml|json]`: the client as the installed kubectl v1.32 reports
/// itself, and the simulated API server's v1.32.0.
struct VersionCommand: KubectlCommand {
    static let name = "version"
    static let flags: [Arguments.Flag] = [.init("client", value: false), .init("output", short: "o")]

    /// One component's version.Info, in the order Go's JSON encoder writes its fields.
    typealias Info = [(key: String, value: String)]

    static let client: Info = [
        ("major", "1"), ("minor", "32+"), ("gitVersion", "v1.32.4-dispatcher"), ("gitCommit", "4cb5f0764b8d5f425645c6f433394fede34a8a26"),
        ("gitTreeState", "clean"), ("buildDate", "2025-05-15T20:09:34Z"), ("goVersion", "go1.23.8"), ("compiler", "gc"), ("platform", "linux/amd64"),
    ]
    static let server: Info = [
        ("major", "1"), ("minor", "32"), ("gitVersion", "v1.32.0"), ("gitCommit", "70d3cc986aa8221cd1dfb1121852688902d3bf53"),
        ("gitTreeState", "clean"), ("buildDate", "2024-12-11T17:59:15Z"), ("goVersion", "go1.23.3"), ("compiler", "gc"), ("platform", "linux/amd64"),
    ]
    static let kustomize = "v5.5.0"

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output") ?? ""
        guard ["", "yaml", "json"].contains(format) else { throw .message("--output must be 'yaml' or 'json'") }
        let clientOnly = arguments.bool("client")
        var sections: [(key: String, value: Info?)] = [("clientVersion", VersionCommand.client), ("kustomizeVersion", nil)]
        if !clientOnly { sections.append(("serverVersion", VersionCommand.server)) }
        func version(_ info: Info) -> String { info.first { $0.key == "gitVersion" }?.value ?? "" }
        switch format {
        case "yaml":
            let fields = sections.map { section in
                (section.key, section.value.map { JSONValue.object(Dictionary(uniqueKeysWithValues: $0.map { ($0.key, JSONValue.string($0.value)) })) }
                    ?? .string(VersionCommand.kustomize))
            }
            // kubectl prints the document and then an empty line.
            kubectl.console.out(Printer.text(.object(Dictionary(uniqueKeysWithValues: fields)), format: "yaml") + "\n\n")
        case "json":
            let body = sections.map { section -> String in
                guard let info = section.value else { return "  \"\(section.key)\": \"\(VersionCommand.kustomize)\"" }
                let lines = info.map { "    \"\($0.key)\": \"\($0.value)\"" }.joined(separator: ",\n")
                return "  \"\(section.key)\": {\n\(lines)\n  }"
            }
            kubectl.console.out("{\n" + body.joined(separator: ",\n") + "\n}")
        default:
            var lines = ["Client Version: \(version(VersionCommand.client))", "Kustomize Version: \(VersionCommand.kustomize)"]
            if !clientOnly { lines.append("Server Version: \(version(VersionCommand.server))") }
            kubectl.console.out(lines.joined(separator: "\n"))
        }
    }
}
