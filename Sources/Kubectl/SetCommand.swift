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
        guard let name = arguments.positionals.first else { throw .raw(SetCommand.help) }
        guard let subcommand = SetCommand.subcommands.first(where: { $0.name == name || $0.aliases.contains(name) }) else {
            throw .usage("unknown command \(GoQuote.quote(name))")
        }
        let own = Set(subcommand.flags.map(\.long))
        if let foreign = SetCommand.flags.first(where: { !own.contains($0.long) && arguments.has($0.long) }) {
            throw .raw("Error: unknown flag: --\(foreign.long)\nSee 'kubectl set \(subcommand.name) --help' for usage.")
        }
        try subcommand.init().run(Array(arguments.positionals.dropFirst()), arguments: arguments, kubectl: kubectl, stdin: stdin)
    }

    /// What `kubectl set` alone prints (on standard error, failing, as kubectl does).
    static let help = """
        Configure application resources.

         These commands help you make changes to existing application resources.

        Available Commands:
          env              Update environment variables on a pod template
          image            Update the image of a pod template
          resources        Update resource requests/limits on objects with pod templates
          selector         Set the selector on a resource
          serviceaccount   Update the service account of a resource
          subject          Update the user, group, or service account in a role binding or cluster role binding

        Usage:
          kubectl set SUBCOMMAND [options]

        Use "kubectl set <command> --help" for more information about a given command.
        Use "kubectl options" for a list of global command-line options (applies to all commands).
        """
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
