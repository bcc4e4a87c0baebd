/// apps/v1 DaemonSet: one Pod on every node that qualifies.
public struct DaemonSet: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", shortNames: ["ds"], namespaced: true)
    /// Where apps/v1 keeps the template generation the API server counts.
    public static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec
    public var status: DaemonSetStatus?

    public init(metadata: ObjectMeta, spec: DaemonSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: DaemonSetSpec { DaemonSetSpec() }
}

public struct DaemonSetSpec: Codable, Equatable, Sendable {
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var updateStrategy: DaemonSetUpdateStrategy?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?

    public init() {}
}

public struct DaemonSetUpdateStrategy: Codable, Equatable, Sendable {
    public var type: String?
    public var rollingUpdate: RollingUpdateDaemonSet?

    public init(type: String?, rollingUpdate: RollingUpdateDaemonSet?) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateDaemonSet: Codable, Equatable, Sendable {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString?, maxSurge: IntOrString?) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

public struct DaemonSetStatus: Codable, Equatable, Sendable {
    public var currentNumberScheduled: Int32
    public var numberMisscheduled: Int32
    public var desiredNumberScheduled: Int32
    public var numberReady: Int32
    public var observedGeneration: Int64?
    public var updatedNumberScheduled: Int32?
    public var numberAvailable: Int32?
    public var numberUnavailable: Int32?

    public init() {
        currentNumberScheduled = 0
        numberMisscheduled = 0
        desiredNumberScheduled = 0
        numberReady = 0
    }
}
