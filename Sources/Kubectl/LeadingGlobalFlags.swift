/// kubectl's global flags may come before the verb (`kubectl -n kube-system get pods`), as cobra's
/// persistent flags do. They are moved behind the verb, where every command reads them.
extension Kubectl {
    enum LeadingFlags {
        /// The words with the verb first.
        case reordered([String])
        /// Only global flags were typed: kubectl prints its help.
        case noVerb
        /// What kubectl prints for a flag it cannot take there.
        case failure(String)
    }

    static func reorderLeadingGlobalFlags(_ words: [String]) -> LeadingFlags {
        var flags: [String] = []
        var index = 0
        while index < words.count, words[index].hasPrefix("-"), words[index] != "-" {
            let word = words[index]
            index += 1
            let isLong = word.hasPrefix("--")
            let name = isLong ? String(word.dropFirst(2).prefix { $0 != "=" }) : String(word.dropFirst().prefix(1))
            guard let flag = globalFlags.first(where: { isLong ? $0.long == name : $0.short.map(String.init) == name }), flag.long != "help" else {
                // An unknown word before the verb is, to kubectl, a plugin name with flags in front.
                return .failure("Error: flags cannot be placed before plugin name: \(word)")
            }
            flags.append(word)
            let inline = isLong ? word.contains("=") : word.count > 2
            if flag.takesValue, !inline {
                guard index < words.count else {
                    let spelled = isLong ? "--\(name)" : "'\(name)' in -\(name)"
                    return .failure("Error: flag needs an argument: \(spelled)\nSee 'kubectl --help' for usage.")
                }
                flags.append(words[index])
                index += 1
            }
        }
        guard index < words.count else { return .noVerb }
        return .reordered([words[index]] + flags + words[(index + 1)...])
    }
}
