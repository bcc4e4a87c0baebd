import KubeModel
/// `kubectl set SUBCOMMAND`: hands the words after the subcommand's name to it, its line read
/// with the subcommand's own flags.
struct SetCommand: KubectlCommand {
    static let name = "set"
    static let fieldManager: String? = "kubectl-set"
    static let subcommands: [any SetSubcommand.Type] = [
        SetEnvCommand.self, SetImageCommand.self, SetResourcesCommand.self, SetSelectorCommand.self, SetServiceAccountCommand.self,
    ]
    static let flags = Arguments.Flag.union(subcommands.map { $0.flags })

    static func flags(subcommand words: [String]) -> [Arguments.Flag] {
        subcommand(named: words.first)?.flags ?? flags
    }

    private static func subcommand(named name: String?) -> (any SetSubcommand.Type)? {
        subcommands.first { $0.name == name || name.map($0.aliases.contains) == true }
    }

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let subcommand = SetCommand.subcommand(named: arguments.positionals.first) else {
            // cobra's DefaultSubCommandRun: the group's help on standard error alone, else "unknown command".
            if arguments.positionals.isEmpty { throw .raw(HelpTexts.byCommand["set"] ?? "") }
            throw .usage("unknown command \(GoQuote.quote(arguments.positionals.joined(separator: " ")))")
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
