/// `kubectl [COMMAND] -h|--help` and `kubectl help [COMMAND]`: kubectl v1.32's own help texts,
/// and the command path its usage hints name (`See 'kubectl create deployment -h' ...`).
extension Kubectl {
    /// The short names kubectl's subcommands answer to (`create deploy`, `set sa`).
    static let subcommandAliases = ["deploy": "deployment", "ns": "namespace", "cj": "cronjob", "svc": "service", "ing": "ingress",
                                    "sa": "serviceaccount", "cm": "configmap"]

    /// The verb and as many of the words after it as name its subcommands: `create deployment`
    /// for `create deploy web --image=nginx`, `rollout status` for `rollout status deploy/web`.
    /// Flags and their values are passed over.
    static func commandPath(verb: String, words: [String]) -> String {
        var path = verb
        for word in words where !word.hasPrefix("-") {
            let longer = path + " " + (subcommandAliases[word] ?? word)
            guard HelpTexts.byCommand[longer] != nil else { break }
            path = longer
        }
        return path
    }

    /// `kubectl help TOPIC...`: the help of the command the words name; words that name no kubectl
    /// command get cobra's `Unknown help topic` and kubectl's usage, on standard error, status 0.
    func printHelp(topic words: [String]) {
        guard let verb = words.first else { return printHelp("") }
        let command = Kubectl.commands.first { $0.name == verb || $0.aliases.contains(verb) }
        guard command != nil || HelpTexts.verbs.contains(verb) else {
            let help = HelpTexts.byCommand[""] ?? ""
            let usage = help.range(of: "\n\nBasic Commands").map { String(help[$0.lowerBound...]) } ?? ""
            return console.warn("Unknown help topic [\(words.map { "`\($0)`" }.joined(separator: " "))]\n" + usage)
        }
        printHelp(Kubectl.commandPath(verb: command?.name ?? verb, words: Array(words.dropFirst())))
    }

    /// Prints the help of the command at `path` ("" for kubectl itself).
    func printHelp(_ path: String) {
        guard let text = HelpTexts.byCommand[path] else {
            console.err("error: stepkube has no help text for \"kubectl \(path)\" yet")
            return
        }
        console.out(text)
    }
}
