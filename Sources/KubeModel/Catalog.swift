/// The kinds this cluster serves, and how names typed on the command line map to them.
public enum Catalog {
    /// Every top-level kind the API server stores, in the order `kubectl api-resources` lists them.
    public static let served: [any APIObject.Type] = [
        Binding.self, Event.self, Namespace.self, Node.self, Pod.self, ReplicaSet.self, Lease.self,
    ]

    /// Kinds a real v1.32 cluster serves that stepkube does not simulate yet.
    public static let notYetServed: [(kind: String, apiVersion: String, plural: String)] = [
        ("Deployment", "apps/v1", "deployments"), ("StatefulSet", "apps/v1", "statefulsets"),
        ("DaemonSet", "apps/v1", "daemonsets"), ("Job", "batch/v1", "jobs"), ("CronJob", "batch/v1", "cronjobs"),
        ("Service", "v1", "services"), ("ConfigMap", "v1", "configmaps"), ("Secret", "v1", "secrets"),
        ("PersistentVolumeClaim", "v1", "persistentvolumeclaims"), ("PersistentVolume", "v1", "persistentvolumes"),
        ("Ingress", "networking.k8s.io/v1", "ingresses"), ("NetworkPolicy", "networking.k8s.io/v1", "networkpolicies"),
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
