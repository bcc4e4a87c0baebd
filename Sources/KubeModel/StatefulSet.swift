/// apps/v1 StatefulSet: Pods with stable names (`web-0`, `web-1` ...), each with its own
/// claims, created and removed in ordinal order.
public struct StatefulSet: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", shortNames: ["sts"], namespaced: true)
    /// The labels the controller puts on every Pod it makes.
    public static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    public static let podIndexLabel = "apps.kubernetes.io/pod-index"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec
    public var status: StatefulSetStatus?

    public init(metadata: ObjectMeta, spec: StatefulSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: StatefulSetSpec { StatefulSetSpec() }

    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }
    public var isParallel: Bool { spec.podManagementPolicy == "Parallel" }
    /// Ordinals below the partition keep the current revision during a rolling update.
    public var partition: Int { Int(spec.updateStrategy?.rollingUpdate?.partition ?? 0) }

    /// The name of the Pod with `ordinal`: `mysts-0`.
    public func podName(_ ordinal: Int) -> String { "\(name)-\(ordinal)" }
    /// The name of the claim a template gives the Pod with `ordinal`: `vol-mysts-0`.
    public func claimName(_ template: PersistentVolumeClaimTemplate, ordinal: Int) -> String {
        "\(template.metadata?.name ?? "")-\(podName(ordinal))"
    }

    /// The ordinal in a Pod name of this set (`mysts-2` → 2), or nil for any other name.
    public func ordinal(ofPod podName: String) -> Int? {
        let prefix = name + "-"
        guard podName.hasPrefix(prefix), let number = Int(podName.dropFirst(prefix.count)), number >= 0,
              String(number) == podName.dropFirst(prefix.count) else { return nil }
        return number
    }
}

public struct StatefulSetSpec: Codable, Equatable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var volumeClaimTemplates: [PersistentVolumeClaimTemplate]?
    public var serviceName: String?
    public var podManagementPolicy: String?
    public var updateStrategy: StatefulSetUpdateStrategy?
    public var revisionHistoryLimit: Int32?
    public var minReadySeconds: Int32?
    public var persistentVolumeClaimRetentionPolicy: PersistentVolumeClaimRetentionPolicy?

    public init() {}
}

public struct StatefulSetUpdateStrategy: Codable, Equatable, Sendable {
    public var type: String?
    public var rollingUpdate: RollingUpdateStatefulSetStrategy?

    public init(type: String?, rollingUpdate: RollingUpdateStatefulSetStrategy?) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateStatefulSetStrategy: Codable, Equatable, Sendable {
    public var partition: Int32?
    public var maxUnavailable: IntOrString?

    public init(partition: Int32?) { self.partition = partition }
}

public struct PersistentVolumeClaimRetentionPolicy: Codable, Equatable, Sendable {
    public var whenDeleted: String?
    public var whenScaled: String?

    public init(whenDeleted: String?, whenScaled: String?) {
        self.whenDeleted = whenDeleted
        self.whenScaled = whenScaled
    }
}

public struct StatefulSetStatus: Codable, Equatable, Sendable {
    public var observedGeneration: Int64?
    public var replicas: Int32
    public var readyReplicas: Int32?
    public var currentReplicas: Int32?
    public var updatedReplicas: Int32?
    public var currentRevision: String?
    public var updateRevision: String?
    public var collisionCount: Int32?
    public var availableReplicas: Int32

    public init() {
        replicas = 0
        availableReplicas = 0
    }
}
