import KubeModel
/// `kubectl completion SHELL`: stepkube's prompt completes kubectl words by itself, so the script
/// is a comment saying so; `source <(kubectl completion bash)` and `complete -F __start_kubectl k`
/// are accepted by the shell and change nothing.
struct CompletionCommand: KubectlCommand {
    static let name = "completion"
    static let flags: [Arguments.Flag] = [.init("no-descriptions", value: false)]
    static let shells = ["bash", "zsh", "fish", "powershell"]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let shell = arguments.positionals.first else { throw .usage("Shell not specified.") }
        guard arguments.positionals.count == 1 else { throw .usage("Too many arguments. Expected only the shell type.") }
        guard CompletionCommand.shells.contains(shell) else { throw .usage("Unsupported shell type \(GoQuote.quote(shell)).") }
        kubectl.console.out("""
            # \(shell) completion for kubectl, as stepkube provides it.
            # stepkube completes kubectl commands, flags and object names itself: press Tab at the prompt.
            # `source <(kubectl completion \(shell))` and `complete -o default -F __start_kubectl k` are accepted
            # and change nothing; `alias k=kubectl` works as in bash.
            """)
    }
}
