import Cluster

extension Kubectl {
    /// A list request with `-l` and `--field-selector`: the API server parses and applies both;
    /// a selector it rejects fails the command as kubectl's resource builder reports it
    /// (EnhanceListError), naming the resource and both selectors.
    func list(_ type: ResourceType, namespace: String?, labelSelector: String, fieldSelector: String = "") throws(KubectlError) -> [any APIObject] {
        switch client.list(type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector) {
        case .success(let objects): return objects
        case .failure(let error): throw Kubectl.listError(error, type: type, labelSelector: labelSelector, fieldSelector: fieldSelector)
        }
    }

    /// What a watch request selects, parsed as the server parses a list's selectors; rejected,
    /// it fails the command as the list before the watch does.
    func watchSelector(_ type: ResourceType, labelSelector: String, fieldSelector: String) throws(KubectlError) -> (any APIObject) -> Bool {
        let labels: LabelSelector
        let fields: FieldSelector
        do {
            labels = try LabelSelectorParser.parse(labelSelector)
        } catch {
            throw Kubectl.listError(.badRequest(error.message), type: type, labelSelector: labelSelector, fieldSelector: fieldSelector)
        }
        do {
            fields = try FieldSelector.parse(fieldSelector, for: type)
        } catch {
            throw Kubectl.listError(error, type: type, labelSelector: labelSelector, fieldSelector: fieldSelector)
        }
        return { labels.matches($0.labels) && fields.matches($0) }
    }

    private static func listError(_ error: APIError, type: ResourceType, labelSelector: String, fieldSelector: String) -> KubectlError {
        let resource = "\(type.group)/\(type.version), Resource=\(type.plural)"
        let context = "Unable to find \(GoQuote.quote(resource)) that match label selector \(GoQuote.quote(labelSelector)), field selector \(GoQuote.quote(fieldSelector))"
        return .raw(serverError(error, context: context))
    }
}
