/// Every object the API server stores: a kind, an apiVersion and metadata.
public protocol APIObject: Codable, Sendable {
    static var type: ResourceType { get }
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension APIObject {
    public var name: String { metadata.name ?? "" }
    public var namespace: String? { metadata.namespace }
    public var type: ResourceType { Self.type }
    public var resourceVersion: Int64 { Int64(metadata.resourceVersion ?? "") ?? 0 }

    /// `namespace/name`, or `name` for cluster-scoped objects: the key work queues use.
    public var key: String {
        if let namespace = metadata.namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }

    public var labels: [String: String] { metadata.labels ?? [:] }

    public func reference() -> ObjectReference {
        ObjectReference(apiVersion: Self.type.apiVersion, kind: Self.type.kind, namespace: metadata.namespace,
                        name: metadata.name, uid: metadata.uid, resourceVersion: metadata.resourceVersion)
    }

    public func ownerReference(controller: Bool) -> OwnerReference {
        OwnerReference(apiVersion: Self.type.apiVersion, kind: Self.type.kind, name: name, uid: metadata.uid ?? "",
                       controller: controller ? true : nil, blockOwnerDeletion: controller ? true : nil)
    }

    /// Fills `apiVersion` and `kind` from the type, as the API server does on every response.
    public func withTypeMeta() -> Self {
        var copy = self
        copy.apiVersion = Self.type.apiVersion
        copy.kind = Self.type.kind
        return copy
    }
}

/// What the API knows about a kind: its group, version, plural resource name and scope.
public struct ResourceType: Hashable, Sendable, CustomStringConvertible {
    public let group: String
    public let version: String
    public let kind: String
    public let plural: String
    public let singular: String
    public let shortNames: [String]
    public let namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, shortNames: [String] = [], namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.shortNames = shortNames
        self.namespaced = namespaced
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// The key informers and work queues use for an object of this kind: `namespace/name`, or `name`.
    public func key(namespace: String?, name: String) -> String { namespaced ? "\(namespace ?? "")/\(name)" : name }
    /// `pods`, `replicasets.apps`: how kubectl names the resource in messages.
    public var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `pod`, `replicaset.apps`: the prefix of `kubectl get -o name` and of `created` messages.
    public var qualifiedSingular: String { group.isEmpty ? singular : "\(singular).\(group)" }
    public var description: String { qualifiedPlural }

    /// The REST path of a collection or object: `/apis/apps/v1/namespaces/default/replicasets/web`.
    public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { path += "/namespaces/\(namespace)" }
        path += "/\(plural)"
        if let name { path += "/\(name)" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// The etcd key prefix: `/registry/pods/`, as a kube-apiserver stores them.
    public var storagePrefix: String {
        switch plural {
        case "nodes": return "/registry/minions/"
        case "services": return "/registry/services/specs/"
        default: return "/registry/\(plural)/"
        }
    }

    public func storageKey(namespace: String?, name: String) -> String {
        if namespaced { return storagePrefix + (namespace ?? "default") + "/" + name }
        return storagePrefix + name
    }
}
