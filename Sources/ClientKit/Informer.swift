/// A shared informer, simplified: lists once, then keeps a cache fed by watch events and calls
/// its handlers on every change. Each delivery is a step of the component that owns it.
public final class Informer<Object: APIObject> {
    public let component: String
    private(set) var cache: [String: Object] = [:]
    /// Handlers return what they did ("queued default/web") for the step's explanation; one
    /// registered by a controller sharing the informer names it in front of that note.
    private var onAdd: [(Object) -> String?] = []
    private var onUpdate: [(Object, Object) -> String?] = []
    private var onDelete: [(Object) -> String?] = []
    /// Secondary indexes (cache.Indexer): index name → index value → keys.
    private var indexers: [String: (Object) -> [String]] = [:]
    private var indexes: [String: [String: Set<String>]] = [:]

    /// Lists `Object`s now and watches for changes (`nodeName` narrows Pods to one node: the
    /// kubelet's `spec.nodeName` field selector).
    public init(client: Client, nodeName: String? = nil) {
        component = client.component
        for object in client.list(Object.self, fieldSelector: nodeName.map { "spec.nodeName=\($0)" } ?? "").value ?? [] {
            cache[object.key] = object
        }
        addIndex(Informer.namespaceIndex) { [$0.metadata.namespace ?? ""] }
        client.server.watch(Object.type, component: client.component, nodeName: nodeName) { [unowned self] event in
            self.deliver(event)
        }
    }

    /// Registers handlers; `owner` is the controller they belong to when the informer is shared.
    public func addHandlers(owner: String? = nil, add: ((Object) -> String?)? = nil, update: ((Object, Object) -> String?)? = nil,
                            delete: ((Object) -> String?)? = nil) {
        let signed: (String?) -> String? = { note in note.map { note in owner.map { "\($0): \(note)" } ?? note } }
        if let add { onAdd.append { signed(add($0)) } }
        if let update { onUpdate.append { signed(update($0, $1)) } }
        if let delete { onDelete.append { signed(delete($0)) } }
    }

    public func get(_ key: String) -> Object? { cache[key] }

    /// The index every informer keeps, as client-go's NamespaceIndex: `list(namespace:)` reads it.
    static var namespaceIndex: String { "namespace" }

    /// The cached object an ownerReference names (same kind, name and UID), if it exists.
    public func object(referencedBy reference: OwnerReference, in namespace: String?) -> Object? {
        guard reference.kind == Object.type.kind else { return nil }
        let object = get(Object.type.key(namespace: namespace, name: reference.name))
        return object?.metadata.uid == reference.uid ? object : nil
    }

    /// The cached object that controls `dependent` through its controller ownerReference.
    public func controller(of dependent: any APIObject) -> Object? {
        dependent.metadata.controllerRef.flatMap { object(referencedBy: $0, in: dependent.namespace) }
    }

    /// Adds an index, such as Pods by owner UID, so lookups need not scan the cache. Controllers
    /// sharing the informer share its indexes: a name already indexed is kept as it is.
    public func addIndex(_ name: String, _ values: @escaping (Object) -> [String]) {
        guard indexers[name] == nil else { return }
        indexers[name] = values
        var index: [String: Set<String>] = [:]
        for (key, object) in cache { for value in values(object) { index[value, default: []].insert(key) } }
        indexes[name] = index
    }

    /// Objects whose index `name` holds `value`, sorted by key.
    public func byIndex(_ name: String, _ value: String) -> [Object] {
        (indexes[name]?[value] ?? []).sorted().compactMap { cache[$0] }
    }

    /// Calls `body` for each object whose index `name` holds `value`, without building an array
    /// of them (a ReplicaSet may own tens of thousands of Pods). In key order unless `sorted` is
    /// false, for work such as counting that does not depend on order.
    public func forEach(inIndex name: String, _ value: String, sorted: Bool = true, _ body: (Object) -> Void) {
        let keys = indexes[name]?[value] ?? []
        for key in sorted ? keys.sorted() : Array(keys) {
            if let object = cache[key] { body(object) }
        }
    }

    /// Moves `key` between index values, touching only the indexes whose values changed.
    private func reindex(key: String, old: Object?, new: Object?) {
        for (name, values) in indexers {
            let (before, after) = (old.map(values) ?? [], new.map(values) ?? [])
            guard before != after else { continue }
            for value in before { indexes[name]?[value]?.remove(key) }
            for value in after { indexes[name, default: [:]][value, default: []].insert(key) }
        }
    }

    /// Cached objects (of one namespace, through its index), sorted by key so that iteration
    /// order never depends on hashing.
    public func list(namespace: String? = nil) -> [Object] {
        guard let namespace else { return cache.keys.sorted().compactMap { cache[$0] } }
        return byIndex(Informer.namespaceIndex, namespace)
    }

    public var keys: [String] { cache.keys.sorted() }
    public var count: Int { cache.count }

    private func deliver(_ event: WatchEvent) -> StepOutcome {
        guard let object = event.object as? Object else {
            return StepOutcome(object: "", summary: "ignored an event of another type")
        }
        let key = object.key
        var notes: [String] = []
        switch event.type {
        case .added, .modified:
            let old = cache[key]
            cache[key] = object
            reindex(key: key, old: old, new: object)
            if let old {
                notes = onUpdate.compactMap { $0(old, object) }
            } else {
                notes = onAdd.compactMap { $0(object) }
            }
        case .deleted:
            reindex(key: key, old: cache[key], new: nil)
            cache[key] = nil
            notes = onDelete.compactMap { $0(object) }
        }
        let reference = "\(Object.type.singular)/\(key)"
        let reaction = notes.isEmpty ? "nothing to do" : notes.joined(separator: "; ")
        let (component, cached) = (self.component, cache.count)
        return StepOutcome(
            object: reference,
            summary: "\(event.type.rawValue) \(reference) (rv \(event.revision)) → \(reaction)",
            explanation: "\(component)'s informer received a watch event from kube-apiserver.\n"
                + "event          \(event.type.rawValue) \(reference) at resourceVersion \(event.revision)\n"
                + "cache          \(Object.type.plural) cached: \(cached)\n"
                + "handlers       \(reaction)",
            // A delivery that changed nothing but the cache is left out of the default trace.
            routine: notes.isEmpty)
    }
}
