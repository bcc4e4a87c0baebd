import Cluster
import Foundation
import KubeYAML

/// `kubectl cluster-info dump [--namespaces a,b | -A] [--output-directory DIR] [-o json|yaml]`:
/// the nodes, then for each namespace its events, replication controllers, services, daemon
/// sets, deployments, replica sets, pods and every container's logs, in the order and with the
/// markers of kubectl's clusterinfo_dump.go. Lists print as the API server returns them: items
/// without kind and apiVersion, JSON in Go's field order.
struct ClusterInfoDump {
    static let flags: [Arguments.Flag] = [
        .init("output-directory"), .init("namespaces"), .init("all-namespaces", short: "A", value: false),
        .init("output", short: "o"), .init("pod-running-timeout"),
    ]

    /// What each namespace holds, in kubectl's order, with the file each list goes to.
    private static let namespacedLists: [(file: String, kind: String, type: ResourceType?)] = [
        ("events", "Event", Event.type), ("replication-controllers", "ReplicationController", nil),
        ("services", "Service", Service.type), ("daemonsets", "DaemonSet", DaemonSet.type),
        ("deployments", "Deployment", Deployment.type), ("replicasets", "ReplicaSet", ReplicaSet.type), ("pods", "Pod", Pod.type),
    ]

    let kubectl: Kubectl
    let format: String
    let directory: String?
    /// YAML documents after the first begin with `---`, across every file, as kubectl's one
    /// YAML printer counts them.
    private var printed = 0

    init(_ arguments: Arguments, kubectl: Kubectl) throws(KubectlError) {
        format = arguments.value("output") ?? "json"
        try Kubectl.checkOutputFormat(format)
        guard format != "name" else { throw .message("-o name is not simulated for cluster-info dump; -o json and -o yaml are") }
        let directory = arguments.value("output-directory") ?? ""
        self.directory = directory.isEmpty || directory == "-" ? nil : directory
        self.kubectl = kubectl
    }

    /// Writes the dump; `namespaces` nil means kube-system and the current namespace.
    mutating func run(namespaces: [String]) throws(KubectlError) {
        let client = kubectl.client
        try emit(list(kind: "Node", (client.list(Node.type).value ?? [])), to: "nodes" + fileExtension)
        for namespace in namespaces {
            for entry in ClusterInfoDump.namespacedLists {
                let objects = entry.type.map { (client.list($0, namespace: namespace).value ?? []) } ?? []
                try emit(list(kind: entry.kind, objects), to: namespace + "/" + entry.file + fileExtension)
            }
            for case let pod as Pod in (client.list(Pod.type, namespace: namespace).value ?? []) {
                let containers = (pod.spec.initContainers ?? []) + pod.spec.containers
                try write(containers.map { logs(of: $0.name, in: pod) }.joined(), to: "\(namespace)/\(pod.name)/logs.txt")
            }
        }
        if let directory { kubectl.console.out("Cluster info dumped to \(directory)") }
    }

    private var fileExtension: String { format == "yaml" ? ".yaml" : ".json" }

    /// A list as the API server returns it, without the objects' managedFields (kubectl's printer
    /// leaves them out).
    private func list(kind: String, _ objects: [any APIObject]) -> JSONValue {
        let items = objects.map { object -> JSONValue in
            guard case .object(var fields)? = try? Codec.json(object.withoutManagedFields()) else { return .null }
            fields["kind"] = nil
            fields["apiVersion"] = nil
            return .object(fields)
        }
        return .object(["kind": .string(kind + "List"), "apiVersion": .string(Catalog.served.first { $0.type.kind == kind }?.type.apiVersion ?? "v1"),
                        "metadata": .object(["resourceVersion": .string(String(kubectl.cluster.server.revision))]), "items": .array(items)])
    }

    private mutating func emit(_ list: JSONValue, to file: String) throws(KubectlError) {
        let text: String
        if format == "yaml" {
            printed += 1
            text = (printed > 1 ? "---\n" : "") + Manifest.yaml(list)
        } else {
            let kind = String((list["kind"]?.stringValue ?? "").dropLast("List".count))
            let order = GoFieldOrder.fields([("kind", .sorted), ("apiVersion", .sorted), ("metadata", .sorted),
                                             ("items", GoFieldOrder.object(kind: kind))])
            text = order.render(list) + "\n"
        }
        try write(text, to: file)
    }

    /// One container's logs between kubectl's markers, or the API server's refusal.
    private func logs(of container: String, in pod: Pod) -> String {
        let namespace = pod.namespace ?? "default"
        var text = "==== START logs for container \(container) of pod \(namespace)/\(pod.name) ====\n"
        switch LogsCommand.lines(of: pod, container: container, previous: false, kubectl: kubectl) {
        case .success(let lines): text += lines.map { $0 + "\n" }.joined()
        case .failure(let error): text += "Request log error: \(error.message)\n"
        }
        return text + "==== END logs for container \(container) of pod \(namespace)/\(pod.name) ====\n"
    }

    /// Text to standard output, or to `file` under the output directory (made as needed).
    private func write(_ text: String, to file: String) throws(KubectlError) {
        guard let directory else {
            kubectl.console.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            return
        }
        let root = directory.hasPrefix("/") ? directory : (kubectl.workingDirectory as NSString).appendingPathComponent(directory)
        let path = (root as NSString).appendingPathComponent(file)
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .message("mkdir \((directory as NSString).appendingPathComponent((file as NSString).deletingLastPathComponent)): not a directory")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw .message("open \((directory as NSString).appendingPathComponent(file)): permission denied")
        }
    }
}
