import Cluster

extension Kubectl {
    /// A list request with `-l`: the API server parses the selector; one it rejects fails the
    /// command as kubectl's resource builder reports it (EnhanceListError), naming the
    /// resource and both selectors.
    func list(_ type: ResourceType, namespace: String?, labelSelector: String, fieldSelector: String = "") throws(KubectlError) -> [any APIObject] {
        do {
            return try cluster.server.list(type, namespace: namespace, labelSelector: labelSelector)
        } catch {
            let resource = "\(type.group)/\(type.version), Resource=\(type.plural)"
            let context = "Unable to find \(GoQuote.quote(resource)) that match label selector \(GoQuote.quote(labelSelector)), field selector \(GoQuote.quote(fieldSelector))"
            throw .raw(Kubectl.serverError(error, context: context))
        }
    }
}
