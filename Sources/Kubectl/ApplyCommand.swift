import Cluster
import KubeYAML

/// `kubectl apply -f`: create what is missing, patch what differs (three-way, against the
/// last-applied-configuration annotation), leave the rest unchanged.
struct ApplyCommand: KubectlCommand {
    static let name = "apply"
    static let flags: [Arguments.Flag] = [.init("filename", short: "f"), .init("recursive", short: "R", value: false),
                                          .init("record", value: false), .init("dry-run"), .init("output", short: "o")]
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        let dryRun = arguments.value("dry-run").map { $0 != "none" } ?? false
        var errors: [String] = []
        for document in documents {
            switch document.result {
            case .failure(let error): errors.append(error.message)
            case .success(let object): apply(object, source: document.source, kubectl: kubectl, namespace: kubectl.namespace(arguments), dryRun: dryRun)
            }
        }
        for error in errors { kubectl.console.err(error) }
    }

    private func apply(_ object: any APIObject, source: JSONValue, kubectl: Kubectl, namespace: String, dryRun: Bool) {
        var object = object
        let type = object.type
        let namespace = type.namespaced ? (object.metadata.namespace ?? namespace) : nil
        let label = "\(type.qualifiedSingular)/\(object.name)"
        let configuration = source.render(indent: "")
        if let current = kubectl.cluster.server.get(type, namespace: namespace, name: object.name) {
            let previous = current.metadata.annotations?[ApplyCommand.lastApplied].flatMap(parseJSON)
            var desired = source
            if case .object(var fields) = desired {
                var metadata = fields["metadata"]?.objectValue ?? [:]
                var annotations = metadata["annotations"]?.objectValue ?? [:]
                annotations[ApplyCommand.lastApplied] = .string(configuration + "\n")
                metadata["annotations"] = .object(annotations)
                fields["metadata"] = .object(metadata)
                desired = .object(fields)
            }
            guard let currentJSON = try? Codec.json(current) else { return }
            var patch = StrategicMerge.threeWayPatch(lastApplied: previous, desired: desired, current: currentJSON)
            if case .object(var fields) = patch { fields["apiVersion"] = nil; fields["kind"] = nil; patch = .object(fields) }
            if patch == .object([:]) {
                kubectl.console.out("\(label) unchanged\(dryRun ? " (dry run)" : "")")
                return
            }
            let request = APIRequest(verb: .patch, type: type, namespace: namespace, name: object.name, patch: patch,
                                     patchType: .strategic, user: .kubernetesAdmin, dryRun: dryRun)
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(label) configured\(dryRun ? " (dry run)" : "")")
                case .failure(let error):
                    kubectl.console.err(Kubectl.serverError(error, context: "error when applying patch:\n\(patch.render(indent: ""))\n\nto:\nResource: \"\(type.group.isEmpty ? "" : type.group + "/")\(type.version), Resource=\(type.plural)\", GroupVersionKind: \"\(type.group.isEmpty ? "" : type.group + "/")\(type.version), Kind=\(type.kind)\"\nName: \"\(object.name)\", Namespace: \"\(namespace ?? "")\"\nfor: \"\(object.name)\""))
                }
            }
            return
        }
        var annotations = object.metadata.annotations ?? [:]
        annotations[ApplyCommand.lastApplied] = configuration + "\n"
        object.metadata.annotations = annotations
        var request = APIRequest.create(object, user: .kubernetesAdmin)
        request.namespace = namespace
        request.dryRun = dryRun
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out("\(label) created\(dryRun ? " (server dry run)" : "")")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error, context: error.reason == "Invalid" ? nil : "error when creating \"\(object.name)\""))
            }
        }
    }

    private func parseJSON(_ text: String) -> JSONValue? {
        (try? Manifest.parse(text, source: "annotation"))?.first?.source
    }
}
