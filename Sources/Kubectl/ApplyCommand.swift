import Cluster
import KubeYAML

/// `kubectl apply -f [-l SELECTOR] [--prune]`: create what is missing, patch what differs
/// (three-way, against the last-applied-configuration annotation), leave the rest unchanged;
/// with --prune, delete what the files no longer hold. `--server-side` leaves the merge to the
/// API server (ApplyServerSide).
struct ApplyCommand: KubectlCommand {
    static let name = "apply"
    static let fieldManager: String? = "kubectl-client-side-apply"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("record", value: false), .init("dry-run"),
        .init("output", short: "o"), .init("selector", short: "l"), .init("prune", value: false), .init("all", value: false),
        .init("prune-allowlist"), .init("server-side", value: false), .init("force-conflicts", value: false), .init("field-manager"),
    ]
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let dryRunMode = try arguments.dryRun()
        let pruner = try ApplyPrune(arguments)
        let serverSide = try ApplyServerSide(arguments, dryRun: dryRunMode, pruning: pruner != nil)
        let selector = try arguments.value("selector").map(Selector.parseForFiles)
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        let dryRun = dryRunMode != "none"
        var errors: [String] = []
        var applied: Set<String> = [], namespaces: Set<String> = []
        for document in documents {
            switch document.result {
            case .failure(let error): errors.append(error.message)
            case .success(let object):
                guard selector?.matches(object.labels) ?? true else { continue }
                let namespace = object.type.namespaced ? object.metadata.namespace ?? kubectl.namespace(arguments) : nil
                applied.insert(object.type.storageKey(namespace: namespace, name: object.name))
                if let namespace { namespaces.insert(namespace) }
                if let serverSide {
                    serverSide.apply(object, source: document.source, namespace: kubectl.namespace(arguments), kubectl: kubectl)
                } else {
                    apply(object, source: document.source, kubectl: kubectl, namespace: kubectl.namespace(arguments), dryRun: dryRun)
                }
            }
        }
        for error in errors { kubectl.console.err(error) }
        pruner?.prune(applied: applied, namespaces: namespaces, dryRun: dryRunMode, kubectl: kubectl)
    }

    /// What `kubectl apply` asks of the API server for one object read from a file.
    enum Plan {
        /// The object does not exist: create it, with the last-applied annotation.
        case create(APIRequest)
        /// The object exists and differs: the three-way strategic merge patch.
        case patch(APIRequest, JSONValue)
        /// The object exists as the file has it.
        case unchanged(any APIObject)
    }

    /// The request that applies `object` (as read from `source`) to what the server holds.
    static func plan(_ object: any APIObject, source: JSONValue, namespace: String, client: Client, dryRun: Bool) -> Plan {
        var object = object
        let type = object.type
        let namespace = type.namespaced ? (object.metadata.namespace ?? namespace) : nil
        let configuration = source.render(indent: "") + "\n"
        guard let current = client.get(type, namespace: namespace, name: object.name).value, let currentJSON = try? Codec.json(current) else {
            object.metadata.annotations = (object.metadata.annotations ?? [:]).merging([lastApplied: configuration]) { $1 }
            var request = APIRequest.create(object, user: .kubernetesAdmin)
            request.namespace = namespace
            request.dryRun = dryRun
            return .create(request)
        }
        let previous = current.metadata.annotations?[lastApplied].flatMap { (try? Manifest.parse($0, source: "annotation"))?.first?.source }
        var desired = source
        if case .object(var fields) = desired {
            var metadata = fields["metadata"]?.objectValue ?? [:]
            var annotations = metadata["annotations"]?.objectValue ?? [:]
            annotations[lastApplied] = .string(configuration)
            metadata["annotations"] = .object(annotations)
            fields["metadata"] = .object(metadata)
            desired = .object(fields)
        }
        var patch = StrategicMerge.threeWayPatch(lastApplied: previous, desired: desired, current: currentJSON)
        if case .object(var fields) = patch { fields["apiVersion"] = nil; fields["kind"] = nil; patch = .object(fields) }
        if patch == .object([:]) { return .unchanged(current) }
        return .patch(APIRequest(verb: .patch, type: type, namespace: namespace, name: object.name, patch: patch,
                                 patchType: .strategic, user: .kubernetesAdmin, dryRun: dryRun), patch)
    }

    private func apply(_ object: any APIObject, source: JSONValue, kubectl: Kubectl, namespace: String, dryRun: Bool) {
        let type = object.type
        let label = "\(type.qualifiedSingular)/\(object.name)"
        switch ApplyCommand.plan(object, source: source, namespace: namespace, client: kubectl.client, dryRun: dryRun) {
        case .unchanged:
            kubectl.console.out("\(label) unchanged\(dryRun ? " (dry run)" : "")")
        case .patch(let request, let patch):
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(label) configured\(dryRun ? " (dry run)" : "")")
                case .failure(let error):
                    let groupVersion = "\(type.group.isEmpty ? "" : type.group + "/")\(type.version)"
                    kubectl.console.err(Kubectl.serverError(error, context: "error when applying patch:\n\(patch.render(indent: ""))\n\nto:\n"
                        + "Resource: \"\(groupVersion), Resource=\(type.plural)\", GroupVersionKind: \"\(groupVersion), Kind=\(type.kind)\"\n"
                        + "Name: \"\(object.name)\", Namespace: \"\(request.namespace ?? "")\"\nfor: \"\(object.name)\""))
                }
            }
        case .create(let request):
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(label) created\(dryRun ? " (server dry run)" : "")")
                case .failure(let error):
                    kubectl.console.err(Kubectl.serverError(error, context: error.reason == "Invalid" ? nil : "error when creating \"\(object.name)\""))
                }
            }
        }
    }
}
