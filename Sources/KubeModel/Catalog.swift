/// The kinds this cluster serves, and how names typed on the command line map to them.
public enum Catalog {
    /// Every top-level kind the API server stores, in the order `kubectl api-resources` lists them.
    public static let served: [any APIObject.Type] = [
        Binding.self, ConfigMap.self, Endpoints.self, Event.self, Namespace.self, Node.self, PersistentVolumeClaim.self, PersistentVolume.self,
        Pod.self, Secret.self, ServiceAccount.self, Service.self, ControllerRevision.self, DaemonSet.self, Deployment.self, ReplicaSet.self, StatefulSet.self, CronJob.self, Job.self,
        Lease.self, EndpointSlice.self, IngressClass.self, Ingress.self, NetworkPolicy.self, StorageClass.self,
    ]

    public static func type(kind: String, apiVersion: String) -> (any APIObject.Type)? {
        served.first { $0.type.kind == kind && $0.type.apiVersion == apiVersion }
    }

    /// Resolves `po`, `pod`, `pods`, `replicasets.apps`, `rs` ... to a served type.
    public static func type(named name: String) -> (any APIObject.Type)? {
        let lower = name.lowercased()
        let parts = lower.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let base = parts[0]
        let group = parts.count == 2 ? parts[1] : nil
        guard !base.isEmpty, group?.isEmpty != true else { return nil }
        return served.first { type in
            let resource = type.type
            guard resource.plural != "bindings" else { return false }
            if let group, group != resource.group { return false }
            return resource.plural == base || resource.singular == base || resource.shortNames.contains(base)
                || resource.kind.lowercased() == base
        }
    }
}
