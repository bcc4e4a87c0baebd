import Cluster
import Kubectl

/// Tab completion candidates, computed from the line so far (pure, so tests can check it):
/// commands (the stepper's, the shell's, aliases), kubectl's verbs, flags, resource types and the
/// names of objects in the namespace typed, the stepper's arguments, and file paths.
enum Completion {
    static let stepperCommands = ["kubectl", "k", "step", "continue", "mode", "trace", "explain", "pending", "clock", "etcdctl",
                                  "node", "help", "exit", "clear", "lesson", "hint", "ssh", "curl", "wget", "nslookup", "vi", "vim", "nano"]

    private static let keywordsBeforeACommand: Set<String> = ["do", "then", "else", "elif", "if", "while", "until", "{", "!"]

    static func candidates(_ buffer: String, session: Session) -> [String] {
        // Only the command after the last `|`, `;` or `&&` matters.
        let command = buffer.split(omittingEmptySubsequences: false) { "|;&".contains($0) }.last.map(String.init) ?? buffer
        let endsWithSpace = command.hasSuffix(" ") || command.isEmpty
        var words = command.split(separator: " ").map(String.init)
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")
        // A command may follow a reserved word: `do kubectl ...`, `then echo ...`.
        while let first = words.first, keywordsBeforeACommand.contains(first) { words.removeFirst() }
        if let alias = words.first.flatMap({ session.shell.aliases[$0] }) {
            words = alias.split(separator: " ").map(String.init) + words.dropFirst()
        }
        let options = options(words, partial: partial, session: session)
        return Array(Set(options.filter { $0.hasPrefix(partial) })).sorted()
    }

    private static func options(_ words: [String], partial: String, session: Session) -> [String] {
        guard let first = words.first else { return stepperCommands + session.shell.commandNames }
        let previous = words.last ?? ""
        if previous.hasSuffix(">") || previous == "<" || previous == "-f" || previous == "--filename" || partial.contains("/") && first != "kubectl" && first != "k" {
            return session.shell.pathCompletions(for: partial)
        }
        switch (first, words.count) {
        case ("kubectl", _), ("k", _): return kubectl(Array(words.dropFirst()), partial: partial, session: session)
        case ("mode", 1): return ["auto", "step"]
        case ("clock", 1): return ["advance"]
        case ("step", 1): return ["until"]
        case ("step", 2) where previous == "until": return session.componentNames
        case ("lesson", 1): return ["list", "next", "check", "reset", "--lang"] + session.lessons.catalogue().map { String($0.number) }
        case ("trace", _): return ["--last", "--all", "--reads", "--diagram", "--mermaid", "--svg", "--html"]
        case ("ssh", 1): return session.cluster.kubelets.map(\.nodeName)
        default: return session.shell.pathCompletions(for: partial)
        }
    }

    /// After `kubectl`: a verb, then flags, a resource type, `TYPE/NAME`, or the objects' names.
    private static func kubectl(_ words: [String], partial: String, session: Session) -> [String] {
        guard let verb = words.first else { return Kubectl.verbs }
        if partial.hasPrefix("-") { return Kubectl.flags(of: verb) + ["-n", "-o", "-l", "-A", "-f"] }
        if ["-n", "--namespace"].contains(words.last ?? "") {
            return (session.kubectl.client.list(Namespace.self).value ?? []).map(\.name)
        }
        if ["-o", "--output"].contains(words.last ?? "") {
            return ["yaml", "json", "wide", "name", "jsonpath=", "custom-columns="]
        }
        let namespace = words.firstIndex { $0 == "-n" || $0 == "--namespace" }.flatMap { words.indices.contains($0 + 1) ? words[$0 + 1] : nil } ?? "default"
        let positional = words.dropFirst().enumerated().filter { index, word in
            !word.hasPrefix("-") && !(index > 0 && ["-n", "--namespace", "-o", "-l", "-f", "-c"].contains(words[index]))
        }.map(\.element)
        if let slash = partial.firstIndex(of: "/"), let type = Catalog.type(named: String(partial[..<slash])) {
            let prefix = String(partial[...slash])
            return names(of: type, namespace: namespace, session: session).map { prefix + $0 }
        }
        guard let typeName = positional.first, let type = Catalog.type(named: typeName) else {
            return resourceNames
        }
        return names(of: type, namespace: namespace, session: session)
    }

    private static func names(of type: any APIObject.Type, namespace: String, session: Session) -> [String] {
        (session.kubectl.client.list(type.type, namespace: type.type.namespaced ? namespace : nil).value ?? []).map(\.name)
    }

    /// Every served type by its plural, singular and short names.
    static var resourceNames: [String] {
        var names: [String] = []
        for served in Catalog.served where served.type.plural != "bindings" {
            let resource = served.type
            names += [resource.plural, resource.singular] + resource.shortNames
        }
        return names
    }
}
