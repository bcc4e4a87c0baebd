/// metav1.ObjectMeta: the metadata every API object carries.
public struct ObjectMeta: Codable, Equatable, Sendable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var managedFields: [ManagedFieldsEntry]?

    public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
    }

    /// The controller owner reference, if any (the one with `controller: true`).
    public var controllerRef: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

public struct OwnerReference: Codable, Equatable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// A reference to an object, as events and bindings carry it.
public struct ObjectReference: Codable, Equatable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil,
                uid: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

/// metav1.LabelSelector: matchLabels and matchExpressions, ANDed.
public struct LabelSelector: Codable, Equatable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public var isEmpty: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }

    public func matches(_ labels: [String: String]?) -> Bool {
        let labels = labels ?? [:]
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] where !requirement.matches(labels) { return false }
        return true
    }

    /// The selector in kubectl's string form: `app=web,tier in (a,b)`.
    public var text: String {
        var parts = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in matchExpressions ?? [] {
            let values = (requirement.values ?? []).joined(separator: ",")
            switch requirement.operator {
            case "In": parts.append("\(requirement.key) in (\(values))")
            case "NotIn": parts.append("\(requirement.key) notin (\(values))")
            case "Exists": parts.append(requirement.key)
            default: parts.append("!\(requirement.key)")
            }
        }
        return parts.joined(separator: ",")
    }
}

public struct LabelSelectorRequirement: Codable, Equatable, Sendable {
    public var key: String
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    public func matches(_ labels: [String: String]) -> Bool {
        SelectorOperator.matches(self.operator, label: labels[key], values: values ?? [])
    }
}

/// The operators of label and node selector requirements, shared by both.
public enum SelectorOperator {
    /// Whether a label value (nil when the label is absent) satisfies `op` with `values`.
    /// `Gt` and `Lt` (node selectors only) compare integers.
    public static func matches(_ op: String, label: String?, values: [String]) -> Bool {
        switch op {
        case "In": return label.map(values.contains) ?? false
        case "NotIn": return label.map { !values.contains($0) } ?? true
        case "Exists": return label != nil
        case "DoesNotExist": return label == nil
        case "Gt", "Lt":
            guard let number = label.flatMap({ Int64($0) }), let bound = values.first.flatMap({ Int64($0) }) else { return false }
            return op == "Gt" ? number > bound : number < bound
        default: return false
        }
    }
}
