import Cluster

/// `kubectl exec POD [-c CONTAINER] [-it] -- COMMAND [ARGS...]`: runs a command in a running
/// container. Network tools (curl, wget, nslookup) send their requests over the simulated
/// network; the hops they took are printed apart from the command's output.
struct ExecCommand: KubectlCommand {
    static let name = "exec"
    static let flags: [Arguments.Flag] = [.init("container", short: "c"), .init("stdin", short: "i", value: false),
                                          .init("tty", short: "t", value: false), .init("quiet", short: "q", value: false)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let namespace = kubectl.namespace(arguments)
        guard let target = arguments.positionals.first else {
            throw .message("pod, type/name or --filename must be specified")
        }
        guard !arguments.trailing.isEmpty else { throw .message("you must specify at least one command for the container") }
        let name = target.hasPrefix("pod/") || target.hasPrefix("pods/") ? String(target.split(separator: "/").last ?? "") : target
        guard let pod = kubectl.client.get(Pod.self, namespace: namespace, name: name).value else {
            throw .raw(Kubectl.serverError(.notFound(Pod.type, name)))
        }
        let names = pod.spec.containers.map(\.name)
        let containerName = arguments.value("container") ?? names.first ?? ""
        guard let container = pod.spec.containers.first(where: { $0.name == containerName }) else {
            throw .raw("Error from server (BadRequest): container \(containerName) is not valid for pod \(name)")
        }
        if arguments.value("container") == nil, names.count > 1 {
            kubectl.console.err("Defaulted container \"\(containerName)\" out of: \(names.joined(separator: ", "))")
        }
        guard pod.phase != "Succeeded", pod.phase != "Failed" else {
            throw .raw("error: cannot exec into a container in a completed pod; current phase is \(pod.phase)")
        }
        let running = pod.status?.containerStatuses?.first { $0.name == containerName }?.state?.running != nil
        guard running else { throw .raw("error: unable to upgrade connection: container not found (\"\(containerName)\")") }
        let command = arguments.trailing
        guard let run = kubectl.cluster.network.exec(command, in: pod, container: container) else {
            kubectl.console.err("error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"\(String(repeating: (pod.metadata.uid ?? "").replacingOccurrences(of: "-", with: ""), count: 2))\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"\(command[0])\": executable file not found in $PATH: unknown")
            return
        }
        for hop in run.trace { kubectl.console.trace(hop) }
        if !run.output.isEmpty { kubectl.console.out(run.output) }
        if run.status != 0 { kubectl.console.err("command terminated with exit code \(run.status)") }
    }
}
