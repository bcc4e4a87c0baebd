extension Client {
    /// Reads one object through the API server's pipeline, now: a read is no step of its own,
    /// but the server keeps it among its reads (`trace --reads`).
    public func get(_ type: ResourceType, namespace: String?, name: String, subresource: String? = nil) -> Result<any APIObject, APIError> {
        read(.get(type, namespace: namespace, name: name, subresource: subresource, user: user)).result
    }

    public func get<T: APIObject>(_ kind: T.Type, namespace: String? = nil, name: String) -> Result<T, APIError> {
        get(T.type, namespace: namespace, name: name).flatMap { object in
            guard let typed = object as? T else { return .failure(.notFound(T.type, name)) }
            return .success(typed)
        }
    }

    /// Lists objects in one namespace or all (nil), sorted by namespace and name, selected by
    /// the server with `labelSelector` and `fieldSelector`.
    public func list(_ type: ResourceType, namespace: String? = nil, labelSelector: String = "",
                     fieldSelector: String = "") -> Result<[any APIObject], APIError> {
        read(.list(type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, user: user)).items
    }

    public func list<T: APIObject>(_ kind: T.Type, namespace: String? = nil, labelSelector: String = "",
                                   fieldSelector: String = "") -> Result<[T], APIError> {
        list(T.type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector).map { $0.compactMap { $0 as? T } }
    }

    /// A container's log lines (`GET pods/NAME/log`), which the API server fetches from the Pod's kubelet.
    public func logs(namespace: String, pod: String, container: String, previous: Bool = false) -> Result<[String], APIError> {
        var request = APIRequest.get(Pod.type, namespace: namespace, name: pod, subresource: "log", user: user)
        request.parameters = ["container": container, "previous": previous ? "true" : ""]
        return read(request).logLines
    }

    private func read(_ request: APIRequest) -> APIServer.Response {
        var request = request
        request.userAgent = component
        return server.handle(request)
    }
}

extension Result {
    /// The success, or nil: for a reader to whom every failure means "not there".
    public var value: Success? { try? get() }
}
