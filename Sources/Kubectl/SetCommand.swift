import KubeModel
/// `kubectl set SUBCOMMAND`: hands the words after the subcommand's name to it. Flags are read
/// once for all subcommands, so a flag another subcommand takes is refused here as pflag would.
struct SetCommand: KubectlCommand {
    static let name = "set"
    static let fieldManager: String? = "kubectl-set"
    static let subcommands: [any SetSubcommand.Type] = [
        SetEnvCommand.self, SetImageCommand.self, SetResourcesCommand.self, SetSelectorCommand.self, SetServiceAccountCommand.self,
    ]
    static let flags: [Arguments.Flag] = {
        var all: [Arguments.Flag] = []
        for subcommand in subcommands {
            for flag in subcommand.flags where !all.contains(where: { $0.long == flag.long }) { all.append(flag) }
        }
        return all
    }()

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let name = arguments.positionals.first,
              let subcommand = SetCommand.subcommands.first(where: { $0.name == name || $0.aliases.contains(name) }) else {
            // cobra's DefaultSubCommandRun: the group's help on standard error alone, else "unknown command".
            if arguments.positionals.isEmpty { throw .raw(HelpTexts.byCommand["set"] ?? "") }
            throw .usage("unknown command \(GoQuote.quote(arguments.positionals.joined(separator: " ")))")
        }
        let own = Set(subcommand.flags.map(\.long))
        if let foreign = SetCommand.flags.first(where: { !own.contains($0.long) && arguments.has($0.long) }) {
            throw .raw("Error: unknown flag: --\(foreign.long)\nSee 'kubectl set \(subcommand.name) --help' for usage.")
        }
        try subcommand.init().run(Array(arguments.positionals.dropFirst()), arguments: arguments, kubectl: kubectl, stdin: stdin)
    }
}

/// One `kubectl set` subcommand; `words` are the positionals after its name.
protocol SetSubcommand: Sendable {
    static var name: String { get }
    static var aliases: [String] { get }
    static var flags: [Arguments.Flag] { get }
    init()
    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError)
}

extension SetSubcommand {
    static var aliases: [String] { [] }
}
