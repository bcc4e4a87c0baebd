import Cluster
import Kubectl

/// Tab completion candidates, computed from the line so far (pure, so tests can check it).
enum Completion {
    static let commands = ["kubectl", "k", "step", "continue", "mode", "trace", "explain", "pending", "clock", "etcdctl",
                           "node", "help", "exit", "echo", "clear", "lesson", "hint"]
    static let resourceNames = ["pods", "nodes", "replicasets", "namespaces", "events", "leases", "pod", "node", "rs", "po", "ns", "no"]

    static func candidates(_ buffer: String, session: Session) -> [String] {
        let endsWithSpace = buffer.hasSuffix(" ")
        var words = buffer.split(separator: " ").map(String.init)
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")
        let options: [String]
        switch words.count {
        case 0:
            options = commands
        case 1 where words[0] == "kubectl" || words[0] == "k":
            options = Kubectl.verbs
        case 1 where words[0] == "mode":
            options = ["auto", "step"]
        case 1 where words[0] == "clock":
            options = ["advance"]
        case 1 where words[0] == "step":
            options = ["until"]
        case 1 where words[0] == "lesson":
            options = ["list", "next", "check", "reset", "--lang"] + session.lessons.catalogue().map { String($0.number) }
        case 1 where words[0] == "trace":
            options = ["--last", "--all", "--diagram", "--mermaid", "--svg", "--html"]
        default:
            guard words[0] == "kubectl" || words[0] == "k" else { return [] }
            let positional = words.dropFirst(2).filter { !$0.hasPrefix("-") }
            if positional.isEmpty && !partial.hasPrefix("-") {
                options = resourceNames
            } else if let typeName = positional.first, let type = Catalog.type(named: typeName) {
                let namespace = namespace(words) ?? "default"
                options = session.cluster.server.list(type.type, namespace: type.type.namespaced ? namespace : nil).map(\.name)
            } else {
                options = ["-n", "-o", "-l", "-A", "-f", "--all-namespaces", "--show-labels", "--replicas=", "--image="]
            }
        }
        return options.filter { $0.hasPrefix(partial) }.sorted()
    }

    private static func namespace(_ words: [String]) -> String? {
        guard let index = words.firstIndex(where: { $0 == "-n" || $0 == "--namespace" }), index + 1 < words.count else { return nil }
        return words[index + 1]
    }
}
