import Cluster

/// `kubectl apply --prune (-l SELECTOR | --all) [--prune-allowlist=GROUP/VERSION/KIND]`: after
/// applying, deletes the objects of the allowed kinds, in the namespaces applied to, that match
/// the selector and carry the last-applied annotation (made by apply) but are not in the files.
struct ApplyPrune {
    /// The objects that may be pruned: nil selects every one (`--all`).
    let selector: LabelSelector?
    let types: [ResourceType]

    /// kubectl's default allowlist, in its order.
    static let defaultTypes: [(group: String, kind: String)] = [
        ("", "ConfigMap"), ("", "Endpoints"), ("", "Namespace"), ("", "PersistentVolumeClaim"), ("", "PersistentVolume"),
        ("", "Pod"), ("", "ReplicationController"), ("", "Secret"), ("", "Service"), ("batch", "Job"), ("batch", "CronJob"),
        ("networking.k8s.io", "Ingress"), ("apps", "DaemonSet"), ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"),
    ]

    /// Reads the prune flags; nil without `--prune`.
    init?(_ arguments: Arguments) throws(KubectlError) {
        guard arguments.bool("prune") else { return nil }
        let all = arguments.bool("all")
        if all, arguments.has("selector") { throw .message("cannot set --all and --selector at the same time") }
        guard all || arguments.has("selector") else {
            throw .message("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. "
                           + "If you did not mean to prune all resources, specify a label selector")
        }
        selector = try arguments.value("selector").map(Selector.parseForFiles)
        let allowlist = arguments.all("prune-allowlist")
        guard !allowlist.isEmpty else {
            // Kinds stepkube does not serve (ConfigMap, Secret ...) have nothing to prune.
            types = ApplyPrune.defaultTypes.compactMap { entry in
                Catalog.served.first { $0.type.group == entry.group && $0.type.kind == entry.kind }?.type
            }
            return
        }
        var types: [ResourceType] = []
        for entry in allowlist {
            let parts = entry.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { throw .message("invalid GroupVersionKind format: \(entry), please follow <group/version/kind>") }
            let group = parts[0] == "core" ? "" : parts[0]
            let apiVersion = group.isEmpty ? parts[1] : "\(group)/\(parts[1])"
            guard let type = Catalog.type(kind: parts[2], apiVersion: apiVersion)?.type else {
                throw .message("no matches for kind \"\(parts[2])\" in version \"\(apiVersion)\"")
            }
            types.append(type)
        }
        self.types = types
    }

    /// Deletes (or, in a dry run, only names) what the apply left out. `applied` holds the storage
    /// keys of the objects in the files; `namespaces` the namespaces they were applied to.
    func prune(applied: Set<String>, namespaces: Set<String>, dryRun: String, kubectl: Kubectl) {
        let client = kubectl.client
        let suffix = ObjectSelection.dryRunSuffix(dryRun)
        let namespaced = namespaces.sorted().flatMap { namespace in types.filter(\.namespaced).map { ($0, Optional(namespace)) } }
        for (type, namespace) in namespaced + types.filter({ !$0.namespaced }).map({ ($0, String?.none) }) {
            for object in (client.list(type, namespace: namespace).value ?? []) {
                let key = type.storageKey(namespace: object.metadata.namespace, name: object.name)
                guard !applied.contains(key), object.metadata.annotations?[ApplyCommand.lastApplied] != nil,
                      selector?.matches(object.labels) ?? true else { continue }
                let label = "\(type.qualifiedSingular)/\(object.name) pruned\(suffix)"
                if dryRun == "client" {
                    kubectl.console.out(label)
                    continue
                }
                let request = APIRequest(verb: .delete, type: type, namespace: object.metadata.namespace, name: object.name,
                                         user: .kubernetesAdmin, dryRun: dryRun == "server")
                kubectl.send(request) { result in
                    switch result {
                    case .success: kubectl.console.out(label)
                    case .failure(let error) where error.reason == "NotFound": return
                    case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                    }
                }
            }
        }
    }
}
