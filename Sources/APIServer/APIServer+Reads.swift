import KubeModel
import Store

extension APIServer {
    /// A list request: the objects of its type in its namespace (all namespaces when nil),
    /// sorted by namespace and name, that match its label and field selectors. The server
    /// parses both: a selector it cannot read, or a field the kind does not support, is a BadRequest.
    func list(_ request: APIRequest, log: inout RequestLog) -> Result<[any APIObject], APIError> {
        let labels: LabelSelector
        do {
            labels = try LabelSelectorParser.parse(request.labelSelector)
        } catch {
            return .failure(.badRequest(error.message))
        }
        let fields: FieldSelector
        do {
            fields = try FieldSelector.parse(request.fieldSelector, for: request.type)
        } catch {
            return .failure(error)
        }
        let all = list(request.type, namespace: request.namespace)
        let selected = request.labelSelector.isEmpty && fields.isEmpty
            ? all : all.filter { labels.matches($0.labels) && fields.matches($0) }
        let (total, kept, type, namespace) = (all.count, selected.count, request.type, request.namespace)
        log.note("registry", "\(total) \(type.plural)" + (type.namespaced ? namespace.map { " in namespace \($0)" } ?? " in all namespaces" : "")
                     + (total == kept ? "" : ", \(kept) selected"))
        return .success(selected)
    }

    // MARK: Observer reads

    /// Reads the store directly, past authentication, authorization and the read log: for the
    /// API server's own admission, and for tests and invariant checks that observe the cluster
    /// from outside it (`@_spi(Observer) import APIServer`). Clients read through `handle`.
    @_spi(Observer)
    public func get(_ type: ResourceType, namespace: String?, name: String) -> (any APIObject)? {
        store.get(type.storageKey(namespace: namespace, name: name))?.value
    }

    @_spi(Observer)
    public func get<T: APIObject>(_ kind: T.Type, namespace: String? = nil, name: String) -> T? {
        get(T.type, namespace: namespace, name: name) as? T
    }

    /// Objects of a type, in one namespace or all (nil), sorted by namespace and name.
    @_spi(Observer)
    public func list(_ type: ResourceType, namespace: String? = nil) -> [any APIObject] {
        var prefix = type.storagePrefix
        if type.namespaced, let namespace { prefix += namespace + "/" }
        return store.range(prefix: prefix).map(\.value)
    }

    @_spi(Observer)
    public func list<T: APIObject>(_ kind: T.Type, namespace: String? = nil) -> [T] {
        list(T.type, namespace: namespace).compactMap { $0 as? T }
    }
}
