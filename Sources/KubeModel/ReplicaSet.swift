/// apps/v1 ReplicaSet.
public struct ReplicaSet: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", shortNames: ["rs"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var status: ReplicaSetStatus?

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: ReplicaSetSpec { ReplicaSetSpec() }

    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }
}

public struct ReplicaSetSpec: Codable, Equatable, Sendable {
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?

    public init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}

public struct PodTemplateSpec: Codable, Equatable, Sendable {
    public var metadata: ObjectMeta?
    public var spec: PodSpec?

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct ReplicaSetStatus: Codable, Equatable, Sendable {
    public var replicas: Int32
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [JSONValue]?

    public init(replicas: Int32) { self.replicas = replicas }
}

/// autoscaling/v1 Scale: the `scale` subresource of ReplicaSets and friends.
public struct Scale: APIObject, Equatable {
    public static let type = ResourceType(group: "autoscaling", version: "v1", kind: "Scale", plural: "scales", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus?

    public init(metadata: ObjectMeta, replicas: Int32) {
        self.metadata = metadata
        self.spec = ScaleSpec(replicas: replicas)
    }
}

public struct ScaleSpec: Codable, Equatable, Sendable {
    public var replicas: Int32?
}

public struct ScaleStatus: Codable, Equatable, Sendable {
    public var replicas: Int32
    public var selector: String?
    public init(replicas: Int32, selector: String?) {
        self.replicas = replicas
        self.selector = selector
    }
}
