import Cluster
import KubeYAML

/// `kubectl create -f FILE`: create every object, failing on the ones that already exist; and
/// `kubectl create KIND NAME`, each subcommand with its own flags (CreateGenerators.swift).
struct CreateCommand: KubectlCommand {
    static let name = "create"
    static let fieldManager: String? = "kubectl-create"
    /// The flags of `kubectl create -f` and of every subcommand: the writing ones.
    private static let writeFlags: [Arguments.Flag] = [.init("dry-run"), .init("output", short: "o"), .init("save-config", value: false)]
    private static let fileFlags: [Arguments.Flag] = [.init("filename", short: "f"), .init("recursive", short: "R", value: false)]
    static let flags = Arguments.Flag.union([fileFlags, writeFlags] + subcommands.map(\.flags))

    static func flags(subcommand words: [String]) -> [Arguments.Flag] {
        if words.isEmpty { return fileFlags + writeFlags }
        // A kind not simulated yet takes any flag, so that it reaches the message that says so.
        return subcommand(words).map { $0.flags + writeFlags } ?? flags
    }

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if let kind = arguments.positionals.first {
            guard let subcommand = CreateCommand.subcommand(arguments.positionals) else {
                let group = Kubectl.subcommandAliases[kind] ?? kind
                if group == "service" { throw CreateCommand.serviceTypeError(arguments.positionals.dropFirst()) }
                if group == "secret" {
                    // cobra's DefaultSubCommandRun: the group's help on standard error alone, else "unknown command".
                    let words = arguments.positionals.dropFirst()
                    if words.isEmpty { throw .raw(HelpTexts.byCommand["create secret"] ?? "") }
                    throw .usage("unknown command \(GoQuote.quote(words.joined(separator: " ")))")
                }
                throw .message("kubectl create \(kind) is not simulated yet; write a manifest and use kubectl create -f")
            }
            // cobra checks required flags before the command runs and looks at its NAME.
            let missing = subcommand.required.filter { !arguments.has($0) }
            guard missing.isEmpty else { throw .requiredFlags(missing) }
            let names = arguments.positionals.dropFirst(subcommand.path.count)
            guard let name = names.first, names.count == 1 else { throw .usage("exactly one NAME is required, got \(names.count)") }
            return try kubectl.submit(try subcommand.build(name, arguments, kubectl), arguments: arguments, failure: subcommand.failure)
        }
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        var errors: [String] = []
        for document in documents {
            switch document.result {
            case .failure(let error): errors.append(error.message)
            case .success(let object):
                var request = APIRequest.create(object, user: .kubernetesAdmin)
                if object.type.namespaced { request.namespace = object.metadata.namespace ?? kubectl.namespace(arguments) }
                let source = request.type.qualifiedSingular
                kubectl.send(request) { result in
                    switch result {
                    case .success(let created): kubectl.console.out("\(source)/\(created.name) created")
                    case .failure(let error):
                        kubectl.console.err(Kubectl.serverError(error, context: error.reason == "Invalid" ? nil : "error when creating \"\(arguments.all("filename").first ?? "")\""))
                    }
                }
            }
        }
        for error in errors { kubectl.console.err(error) }
    }
}
