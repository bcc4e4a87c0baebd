import Cluster

extension Printer {
    /// `kubectl get configmaps`, `secrets` and `serviceaccounts`: DATA counts keys, SECRETS the
    /// Secrets a ServiceAccount lists.
    static func configTable(for type: ResourceType, objects: [any APIObject], now: Int64) -> Table {
        switch type.kind {
        case "ConfigMap":
            return Table(header: ["NAME", "DATA", "AGE"], rows: objects.compactMap { $0 as? ConfigMap }.map { configMap in
                [configMap.name, String((configMap.data?.count ?? 0) + (configMap.binaryData?.count ?? 0)), age(configMap, now: now)]
            })
        case "Secret":
            return Table(header: ["NAME", "TYPE", "DATA", "AGE"], rows: objects.compactMap { $0 as? Secret }.map { secret in
                [secret.name, secret.secretType ?? "", String(secret.data?.count ?? 0), age(secret, now: now)]
            })
        default:
            return Table(header: ["NAME", "SECRETS", "AGE"], rows: objects.compactMap { $0 as? ServiceAccount }.map { account in
                [account.name, String(account.secrets?.count ?? 0), age(account, now: now)]
            })
        }
    }
}
