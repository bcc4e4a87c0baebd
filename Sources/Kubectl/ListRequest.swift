import Cluster

extension Kubectl {
    /// A list request with `-l`: the API server parses the selector; one it rejects fails the
    /// command as kubectl's resource builder reports it (EnhanceListError), naming the
    /// resource and both selectors.
    func list(_ type: ResourceType, namespace: String?, labelSelector: String, fieldSelector: String = "") throws(KubectlError) -> [any APIObject] {
        do {
            return try cluster.server.list(type, namespace: namespace, labelSelector: labelSelector)
        } catch {
            throw Kubectl.listError(error, type: type, labelSelector: labelSelector, fieldSelector: fieldSelector)
        }
    }

    /// The selector of a watch request, parsed as the server parses a list's; rejected, it fails
    /// the command as the list before the watch does.
    func watchSelector(_ type: ResourceType, labelSelector: String, fieldSelector: String) throws(KubectlError) -> LabelSelector {
        do {
            return try LabelSelectorParser.parse(labelSelector)
        } catch {
            throw Kubectl.listError(.badRequest(error.message), type: type, labelSelector: labelSelector, fieldSelector: fieldSelector)
        }
    }

    private static func listError(_ error: APIError, type: ResourceType, labelSelector: String, fieldSelector: String) -> KubectlError {
        let resource = "\(type.group)/\(type.version), Resource=\(type.plural)"
        let context = "Unable to find \(GoQuote.quote(resource)) that match label selector \(GoQuote.quote(labelSelector)), field selector \(GoQuote.quote(fieldSelector))"
        return .raw(serverError(error, context: context))
    }
}
