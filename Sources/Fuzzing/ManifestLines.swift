import Foundation
import SimCore

/// Manifests written to files and applied: each kind's usual shape, then bent (types changed,
/// keys dropped, huge and negative numbers, deep nesting, aliases, alias bombs, raw bytes).
struct ManifestLines {
    let random: SeededRandom

    /// Writes a manifest (a heredoc typed line by line, or a file saved with raw bytes), then
    /// applies, creates, replaces, diffs or deletes it.
    func entries() -> [FuzzEntry] {
        let file = "m\(random.int(below: 4)).yaml"
        let text = random.weighted([
            (6, { mutated(base()).document }),
            (2, { base().document }),
            (1, { aliasBomb() }),
            (1, { deepNesting() }),
            (1, { [base().document, mutated(base()).document].joined(separator: "---\n") }),
        ])
        var entries: [FuzzEntry]
        if random.chance(0.15) {
            entries = [.file(name: file, bytes: withRawBytes(Array(text.utf8)))]
        } else {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { $0 != "EOF" }
            entries = [.line("cat > \(file) <<'EOF'")] + lines.map { .line($0) } + [.line("EOF")]
        }
        let verb = random.pick(["apply", "apply", "apply", "create", "replace", "diff", "delete", "apply --dry-run=server", "create --dry-run=client -o yaml", "replace --force"])
        return entries + [.line("kubectl \(verb) -f \(file)")]
    }

    /// A manifest that is wrong in one way kubectl or the API server refuses, so that applying it
    /// changes nothing: a decode error, an invalid field, an unknown kind, a syntax error.
    func mustFailEntries() -> [FuzzEntry] {
        let name = Vocabulary.missingPrefix + "m"
        var tree = base(named: name)
        while !tree.document.contains("\n  replicas:") { tree = base(named: name) }
        let broken: String = random.weighted([
            (2, { set(tree, key: "replicas", to: random.pick(["abc", "[1]", "{a: 1}", "\"3\"", "1.5", "true"])) }),
            (1, { set(tree, key: "replicas", to: "-1") }),
            (1, { set(tree, key: "name", to: random.pick(["Bad_Name", "UPPER", "'a b'", "-x-", String(repeating: "n", count: 300)])) }),
            (1, { set(tree, key: "kind", to: random.pick(["NoSuchKind", "pod", "'Deployment '", "[]"])) }),
            (1, { set(tree, key: "apiVersion", to: random.pick(["v9", "apps/v0", "bogus/v1"])) }),
            (1, { tree.document + "spec: [\n" }),
            (1, { tree.document.replacingOccurrences(of: "  ", with: "\t") }),
        ])
        let file = "bad\(random.int(below: 3)).yaml"
        let verb = random.pick(["apply", "create", "replace"])
        return [.file(name: file, bytes: Array(broken.utf8)), .line("kubectl \(verb) -f \(file)", mustFail: true)]
    }

    private func set(_ tree: ManifestTree, key: String, to value: String) -> String {
        tree.document.split(separator: "\n").map { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(key + ":") else { return String(line) }
            return String(line.prefix(line.count - trimmed.count)) + key + ": " + value
        }.joined(separator: "\n") + "\n"
    }

    private func name() -> String {
        random.chance(0.8) ? random.pick(["web", "api", "nginx", "db", "m"]) : random.pick(Vocabulary.names).shellQuotedForYAML
    }

    func base(named: String? = nil) -> ManifestTree {
        let name = named ?? self.name()
        let labels = ManifestTree.map([("app", .scalar(random.pick(["web", "api", "m"])))])
        let container = ManifestTree.map([("name", .scalar("c")), ("image", .scalar(random.pick(["nginx", "busybox", "nginx:1.25"]))),
                                          ("ports", .list([.map([("containerPort", .scalar("80"))])]))])
        let podSpec = ManifestTree.map([("containers", .list([container]))])
        let template = ManifestTree.map([("metadata", .map([("labels", labels)])), ("spec", podSpec)])
        let selector = ManifestTree.map([("matchLabels", labels)])
        func object(_ apiVersion: String, _ kind: String, _ rest: [(String, ManifestTree)]) -> ManifestTree {
            .map([("apiVersion", .scalar(apiVersion)), ("kind", .scalar(kind)), ("metadata", .map([("name", .scalar(name)), ("labels", labels)]))] + rest)
        }
        let replicas = ManifestTree.scalar(random.pick(["1", "2", "3", "0"]))
        return random.pick([
            object("v1", "Pod", [("spec", podSpec)]),
            object("apps/v1", "Deployment", [("spec", .map([("replicas", replicas), ("selector", selector), ("template", template)]))]),
            object("apps/v1", "ReplicaSet", [("spec", .map([("replicas", replicas), ("selector", selector), ("template", template)]))]),
            object("apps/v1", "StatefulSet", [("spec", .map([("replicas", replicas), ("serviceName", .scalar(name)), ("selector", selector), ("template", template)]))]),
            object("apps/v1", "DaemonSet", [("spec", .map([("selector", selector), ("template", template)]))]),
            object("batch/v1", "Job", [("spec", .map([("completions", .scalar("2")), ("parallelism", .scalar("1")), ("backoffLimit", .scalar("2")),
                                                      ("template", .map([("spec", .map([("restartPolicy", .scalar("Never")), ("containers", .list([container]))]))]))]))]),
            object("batch/v1", "CronJob", [("spec", .map([("schedule", .scalar("\"*/5 * * * *\"")), ("jobTemplate", .map([("spec", .map([("template", .map([("spec", .map([("restartPolicy", .scalar("OnFailure")), ("containers", .list([container]))]))]))]))]))]))]),
            object("v1", "Service", [("spec", .map([("selector", labels), ("ports", .list([.map([("port", .scalar("80")), ("targetPort", .scalar("80"))])])), ("type", .scalar(random.pick(["ClusterIP", "NodePort", "LoadBalancer"])))]))]),
            object("v1", "ConfigMap", [("data", .map([("key", .scalar("value")), ("n", .scalar("\"1\""))]))]),
            object("v1", "Secret", [("type", .scalar("Opaque")), ("data", .map([("password", .scalar("cGFzcw=="))]))]),
            object("v1", "Namespace", []),
            object("v1", "PersistentVolumeClaim", [("spec", .map([("accessModes", .list([.scalar("ReadWriteOnce")])), ("resources", .map([("requests", .map([("storage", .scalar("1Gi"))]))]))]))]),
            object("networking.k8s.io/v1", "NetworkPolicy", [("spec", .map([("podSelector", selector), ("policyTypes", .list([.scalar("Ingress")]))]))]),
            object("networking.k8s.io/v1", "Ingress", [("spec", .map([("rules", .list([.map([("host", .scalar("a.com")), ("http", .map([("paths", .list([.map([("path", .scalar("/")), ("pathType", .scalar("Prefix")), ("backend", .map([("service", .map([("name", .scalar(name)), ("port", .map([("number", .scalar("80"))]))]))]))])]))]))])]))]))]),
        ])
    }

    /// One to four changes anywhere in the tree.
    func mutated(_ tree: ManifestTree) -> ManifestTree {
        var tree = tree
        for _ in 0..<random.small(1...4) {
            let paths = tree.paths.filter { !$0.isEmpty }
            guard !paths.isEmpty else { break }
            let path = random.pick(paths)
            let replacement: ManifestTree? = random.weighted([
                (3, { .scalar(random.pick(scalars)) }),
                (1, { nil }),
                (1, { .list([.scalar(random.pick(scalars))]) }),
                (1, { .map([(random.pick(["a", "name", "x-y", "\"\"", "? a"]), .scalar(random.pick(scalars)))]) }),
                (1, { .list([]) }),
                (1, { .map([]) }),
            ])
            tree = tree.replacing(path, with: replacement) ?? tree
        }
        return tree
    }

    private var scalars: [String] {
        Vocabulary.numbers.filter { !$0.isEmpty && !$0.hasPrefix(" ") } + [
            "~", "null", "true", "yes", "off", "\"\"", "''", "\"3\"", "0o17", "0b101", ".inf", "-.inf", ".nan", "2001-01-01", "1:30", "1Gi", "-1Gi", "1e400Gi", "100m", "0.000000001",
            "nginx", "\"\\u0000\"", "\"\\uD800\"", "'\u{202E}x'", "&anchor x", "*anchor", "*undefined", "!!binary aGk=", "!!int x", "!!float 1e400", "!!str 1", "!custom x", "|", ">", "@", "`", "%", "{", "[", "- x", "a: b",
            "\"" + String(repeating: "x", count: 5000) + "\"",
        ]
    }

    private func aliasBomb() -> String {
        let width = random.pick([2, 5, 9])
        let depth = random.pick([3, 6, 9, 12])
        var lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: bomb", "  annotations:"]
        lines.append("    a0: &a0 [\"lol\"]")
        for level in 1...depth {
            lines.append("    a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: width).joined(separator: ", ") + "]")
        }
        lines.append(random.pick(["data:", "spec:", "x:"]) + " *a\(depth)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func deepNesting() -> String {
        let depth = random.pick([100, 1000, 10_000, 100_000])
        let (open, close) = random.pick([("[", "]"), ("{a: ", "}")])
        let value = String(repeating: open, count: depth) + String(repeating: close, count: depth)
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n" + random.pick(["data", "x", "metadata"]) + ": " + value + "\n"
    }

    /// The text with a few bytes replaced by any byte at all: NUL, invalid UTF-8, a lone continuation.
    private func withRawBytes(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return [0xFF] }
        for _ in 0..<random.small(1...6) {
            bytes[random.int(below: bytes.count)] = random.pick([0, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xF8, 0xFE, 0xFF, 0x1B, 0x7F, UInt8(truncatingIfNeeded: random.next())])
        }
        return bytes
    }
}

private extension String {
    /// A name as a YAML scalar: quoted when it is not plain.
    var shellQuotedForYAML: String {
        allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." } && !isEmpty ? self : "\"" + replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
