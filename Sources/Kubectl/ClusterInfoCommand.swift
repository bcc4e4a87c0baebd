import Cluster

/// `kubectl cluster-info`: where the control plane answers and the kube-system Services labelled
/// `kubernetes.io/cluster-service=true` (CoreDNS), printed without colour as kubectl does to a pipe.
/// `kubectl cluster-info dump` is ClusterInfoDump, with its own flags.
struct ClusterInfoCommand: KubectlCommand {
    static let name = "cluster-info"
    static let flags = ClusterInfoDump.flags

    static func flags(subcommand words: [String]) -> [Arguments.Flag] { words == ["dump"] ? ClusterInfoDump.flags : [] }
    /// The server address in the exam's kubeconfig.
    static let server = "https://controlplane:6443"

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if arguments.positionals.first == "dump" {
            var dump = try ClusterInfoDump(arguments, kubectl: kubectl)
            var namespaces = arguments.all("namespaces").flatMap { $0.split(separator: ",").map(String.init) }
            if arguments.bool("all-namespaces") {
                namespaces = (kubectl.client.list(Namespace.type).value ?? []).map(\.name)
            } else if namespaces.isEmpty {
                namespaces = ["kube-system", kubectl.namespace(arguments)]
            }
            return try dump.run(namespaces: namespaces)
        }
        var lines = ["Kubernetes control plane is running at \(ClusterInfoCommand.server)"]
        let services = (kubectl.client.list(Service.type, namespace: "kube-system").value ?? [])
            .compactMap { $0 as? Service }
            .filter { $0.labels["kubernetes.io/cluster-service"] == "true" }
            .sorted { $0.name < $1.name }
        for service in services {
            let title = service.labels["kubernetes.io/name"] ?? service.name
            let port = service.spec.ports?.first?.name.map { ":\($0)" } ?? ""
            lines.append("\(title) is running at \(ClusterInfoCommand.server)/api/v1/namespaces/kube-system/services/\(service.name)\(port)/proxy")
        }
        lines += ["", "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."]
        kubectl.console.out(lines.joined(separator: "\n"))
    }
}
