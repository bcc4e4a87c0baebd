/// apps/v1 Deployment.
public struct Deployment: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", shortNames: ["deploy"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta, spec: DeploymentSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: DeploymentSpec { DeploymentSpec() }

    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }

    public func condition(_ type: String) -> DeploymentCondition? {
        status?.conditions?.first { $0.type == type }
    }
}

public struct DeploymentSpec: Codable, Equatable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec?
    public var strategy: DeploymentStrategy?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?

    public init(replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}

public struct DeploymentStrategy: Codable, Equatable, Sendable {
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String?, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateDeployment: Codable, Equatable, Sendable {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString?, maxSurge: IntOrString?) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

public struct DeploymentStatus: Codable, Equatable, Sendable {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var conditions: [DeploymentCondition]?
    public var collisionCount: Int32?

    public init() {}
}

public struct DeploymentCondition: Codable, Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastUpdateTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, lastUpdateTime: Timestamp?, lastTransitionTime: Timestamp?, reason: String?, message: String?) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// A value that is either a number or a string, such as `targetPort` or `maxSurge: 25%`.
public enum IntOrString: Codable, Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .string(let text): return text
        }
    }

    /// intstr.GetScaledValueFromIntOrPercent: a number as is, or a percentage of `total`
    /// rounded up or down. Nil when the string is not a valid percentage.
    public func scaled(total: Int, roundUp: Bool) -> Int? {
        switch self {
        case .int(let number): return number
        case .string(let text):
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()) else { return nil }
            let product = percent * total
            return roundUp ? (product + 99) / 100 : product / 100
        }
    }
}

extension PodTemplateSpec {
    /// The label a Deployment adds to the template and selector of each of its ReplicaSets.
    public static let hashLabel = "pod-template-hash"

    /// The template as a Deployment compares it: without the hash label, empty label maps dropped.
    public var withoutHashLabel: PodTemplateSpec {
        var template = self
        template.metadata?.labels?[PodTemplateSpec.hashLabel] = nil
        if template.metadata?.labels?.isEmpty == true { template.metadata?.labels = nil }
        return template
    }
}

extension ReplicaSet {
    public static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// The Deployment revision this ReplicaSet stands for.
    public var revision: Int? { metadata.annotations?[ReplicaSet.revisionAnnotation].flatMap { Int($0) } }
}
