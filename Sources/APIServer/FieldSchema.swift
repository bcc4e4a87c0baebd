import KubeModel

/// What structured-merge-diff learns from the OpenAPI schema, for the fields stepkube's kinds
/// have: which lists are keyed (`+listType=map`), which are sets, and which lists and maps are
/// atomic (owned and replaced as one value). Every other list is atomic; every other map and
/// struct is granular, owned field by field.
enum FieldSchema {
    enum ListKind: Equatable {
        case atomic
        case set
        /// Items are told apart by these fields (sorted).
        case keyed([String])
    }

    /// Keyed lists by field name, with their key fields.
    private static let keyedLists: [String: [String]] = [
        "containers": ["name"], "initContainers": ["name"], "ephemeralContainers": ["name"], "volumes": ["name"],
        "env": ["name"], "volumeMounts": ["mountPath"], "volumeDevices": ["devicePath"], "imagePullSecrets": ["name"],
        "conditions": ["type"], "ownerReferences": ["uid"], "hostAliases": ["ip"], "resourceClaims": ["name"],
        "schedulingGates": ["name"], "topologySpreadConstraints": ["topologyKey", "whenUnsatisfiable"],
    ]

    /// Maps kept whole: label selectors (`+structType=atomic`), a Service's selector and a Pod's
    /// nodeSelector (`+mapType=atomic`).
    private static let atomicMaps: Set<String> = ["selector", "nodeSelector"]

    /// Key fields the API defaults, so an item that leaves them out is keyed by the default.
    private static let keyDefaults: [String: JSONValue] = ["protocol": .string("TCP")]

    static func listKind(_ field: String?, _ items: [JSONValue]) -> ListKind {
        guard let field else { return .atomic }
        if field == "finalizers" { return .set }
        if field == "ports" {
            // A container's ports and a Service's: the items tell them apart.
            return .keyed(items.contains { $0["containerPort"] != nil } ? ["containerPort", "protocol"] : ["port", "protocol"])
        }
        return keyedLists[field].map(ListKind.keyed) ?? .atomic
    }

    static func isAtomicMap(_ field: String?) -> Bool {
        field.map(atomicMaps.contains) ?? false
    }

    /// Whether `value` under `field` is one leaf: a scalar, an atomic list or map, or an
    /// empty list or map (kept as a leaf so that empty and absent stay apart).
    static func isLeaf(_ value: JSONValue, field: String?) -> Bool {
        switch value {
        case .object(let fields): return fields.isEmpty || isAtomicMap(field)
        case .array(let items): return items.isEmpty || listKind(field, items) == .atomic
        default: return true
        }
    }

    /// The path element of a list item: `k:{"name":"nginx"}` or `v:"x"`; nil when a keyed
    /// item lacks a key field that has no default.
    static func element(of item: JSONValue, in kind: ListKind) -> String? {
        switch kind {
        case .atomic: return nil
        case .set: return "v:" + item.render(indent: "")
        case .keyed(let keys):
            var key: [String: JSONValue] = [:]
            for name in keys {
                guard let value = item[name] ?? keyDefaults[name] else { return nil }
                key[name] = value
            }
            return "k:" + JSONValue.object(key).render(indent: "")
        }
    }

    /// The first key field a keyed item lacks, for the error that names it.
    static func missingKey(of item: JSONValue, in kind: ListKind) -> String? {
        guard case .keyed(let keys) = kind else { return nil }
        return keys.first { item[$0] == nil && keyDefaults[$0] == nil }
    }
}
