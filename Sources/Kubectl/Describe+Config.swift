import Cluster

/// kubectl's ConfigMap, Secret and ServiceAccount describers. Go ranges over the data maps in
/// random order; here keys are sorted, so the output is one of kubectl's possible ones.
extension Describer {
    func describeConfigMap(_ configMap: ConfigMap) -> [String] {
        var lines = header(configMap) + ["Annotations:\t\(annotationLines(configMap))", "", "Data", "===="]
        for (key, value) in (configMap.data ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines += ["\(key):", "----", value, ""]
        }
        lines += ["", "BinaryData", "===="]
        for (key, value) in (configMap.binaryData ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append("\(key): \(value.bytes.count) bytes")
        }
        return lines + [""]
    }

    /// A Secret's values are never shown, only their sizes (a service account token excepted).
    func describeSecret(_ secret: Secret) -> [String] {
        var lines = header(secret) + ["Annotations:\t\(annotationLines(secret))", "", "Type:\t\(secret.secretType ?? "")", "", "Data", "===="]
        for (key, value) in (secret.data ?? [:]).sorted(by: { $0.key < $1.key }) {
            let tokenShown = key == "token" && secret.secretType == "kubernetes.io/service-account-token"
            lines.append("\(key):\t\(tokenShown ? value.text : "\(value.bytes.count) bytes")")
        }
        return lines
    }

    func describeServiceAccount(_ account: ServiceAccount) -> [String] {
        let pullSecrets = (account.imagePullSecrets ?? []).compactMap { $0["name"]?.stringValue }
        let mountable = (account.secrets ?? []).compactMap(\.name)
        return header(account) + [
            "Annotations:\t\(annotationLines(account))",
            "Image pull secrets:\t\(pullSecrets.isEmpty ? "<none>" : pullSecrets.joined(separator: "\n\t"))",
            "Mountable secrets:\t\(mountable.isEmpty ? "<none>" : mountable.joined(separator: "\n\t"))",
            "Tokens:\t<none>",
        ]
    }
}
