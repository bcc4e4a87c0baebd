import Cluster

/// `kubectl logs POD [-c CONTAINER] [--previous]`, fetched from the kubelet.
struct LogsCommand: KubectlCommand {
    static let name = "logs"
    static let flags: [Arguments.Flag] = [.init("container", short: "c"), .init("previous", short: "p", value: false),
                                          .init("follow", short: "f", value: false), .init("tail", integerBits: 64), .init("timestamps", value: false),
                                          .init("all-containers", value: false), .init("selector", short: "l"), .init("prefix", value: false)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let namespace = kubectl.namespace(arguments)
        let client = kubectl.client
        if let text = arguments.value("selector") {
            let pods = try kubectl.list(Pod.type, namespace: namespace, labelSelector: text).compactMap { $0 as? Pod }
            if pods.isEmpty { kubectl.console.err("No resources found in \(namespace) namespace.") }
            for pod in pods { try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: arguments.bool("prefix")) }
            return
        }
        guard let target = arguments.positionals.first else {
            throw .usage("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command")
        }
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, let type = Catalog.type(named: parts[0])?.type, type != Pod.type {
            guard let owner = client.get(type, namespace: namespace, name: parts[1]).value else { throw .raw(Kubectl.serverError(.notFound(type, parts[1]))) }
            let selector = Kubectl.podSelector(of: owner)
            let pods = (client.list(Pod.self, namespace: namespace).value ?? []).filter { selector?.matches($0.labels) == true }
                .sorted { ($0.metadata.creationTimestamp?.seconds ?? 0, $0.name) < ($1.metadata.creationTimestamp?.seconds ?? 0, $1.name) }
            guard let pod = pods.first else { throw .raw("error: timed out waiting for the condition") }
            if pods.count > 1 { kubectl.console.err("Found \(pods.count) pods, using pod/\(pod.name)") }
            return try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: false)
        }
        let name = parts.count == 2 ? parts[1] : target
        guard let pod = client.get(Pod.self, namespace: namespace, name: name).value else {
            throw .raw(Kubectl.serverError(.notFound(Pod.type, name)))
        }
        try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: arguments.bool("prefix"))
    }

    /// A container's log lines (`GET pods/NAME/log`), or the API server's BadRequest for a
    /// container that has none yet.
    static func lines(of pod: Pod, container: String, previous: Bool, kubectl: Kubectl) -> Result<[String], APIError> {
        kubectl.client.logs(namespace: pod.namespace ?? "default", pod: pod.name, container: container, previous: previous)
    }

    private func printLogs(_ pod: Pod, arguments: Arguments, kubectl: Kubectl, prefix: Bool) throws(KubectlError) {
        let name = pod.name
        let names = pod.spec.containers.map(\.name)
        let container = arguments.value("container") ?? (names.count == 1 ? names.first : nil)
        guard let container else {
            throw .raw("error: a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]")
        }
        guard names.contains(container) else {
            throw .raw("error: container \(container) is not valid for pod \(name)")
        }
        let lines: [String]
        switch LogsCommand.lines(of: pod, container: container, previous: arguments.bool("previous"), kubectl: kubectl) {
        case .success(let found): lines = found
        case .failure(let error): throw .raw(Kubectl.serverError(error))
        }
        var shown = lines
        if let tail = try arguments.int("tail"), tail >= 0 { shown = Array(lines.suffix(tail)) }
        if prefix { shown = shown.map { "[pod/\(name)/\(container)] \($0)" } }
        if !shown.isEmpty { kubectl.console.out(shown.joined(separator: "\n")) }
    }
}
