/// core/v1 Pod.
public struct Pod: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Pod", plural: "pods", shortNames: ["po"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(metadata: ObjectMeta, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: PodSpec { PodSpec() }

    public var phase: String { status?.phase ?? "Pending" }

    /// True once the Pod has finished for good (Succeeded or Failed).
    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }

    public func condition(_ type: String) -> PodCondition? {
        status?.conditions?.first { $0.type == type }
    }

    public var isReady: Bool { condition("Ready")?.status == "True" }
}

public struct PodSpec: Codable, Equatable, Sendable {
    public var containers: [Container] = []
    public var initContainers: [Container]?
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    public var dnsPolicy: String?
    public var nodeSelector: [String: String]?
    public var serviceAccountName: String?
    public var serviceAccount: String?
    public var automountServiceAccountToken: Bool?
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostname: String?
    public var subdomain: String?
    public var affinity: Affinity?
    public var schedulerName: String?
    public var tolerations: [Toleration]?
    public var priority: Int32?
    public var priorityClassName: String?
    public var preemptionPolicy: String?
    public var enableServiceLinks: Bool?
    public var securityContext: JSONValue?
    public var volumes: [Volume]?
    public var imagePullSecrets: [JSONValue]?
    public var topologySpreadConstraints: [JSONValue]?

    public init(containers: [Container] = []) { self.containers = containers }
}

public struct Container: Codable, Equatable, Sendable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    public var env: [EnvVar]?
    public var envFrom: [JSONValue]?
    public var resources: ResourceRequirements?
    public var volumeMounts: [VolumeMount]?
    public var livenessProbe: JSONValue?
    public var readinessProbe: JSONValue?
    public var startupProbe: JSONValue?
    public var lifecycle: JSONValue?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: String?
    public var securityContext: JSONValue?
    public var stdin: Bool?
    public var tty: Bool?

    public init(name: String, image: String?) {
        self.name = name
        self.image = image
    }
}

public struct ContainerPort: Codable, Equatable, Sendable {
    public var name: String?
    public var containerPort: Int32
    public var hostPort: Int32?
    public var `protocol`: String?

    public init(containerPort: Int32, name: String? = nil) {
        self.containerPort = containerPort
        self.name = name
    }
}

public struct EnvVar: Codable, Equatable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: JSONValue?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

public struct ResourceRequirements: Codable, Equatable, Sendable {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

public struct VolumeMount: Codable, Equatable, Sendable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?
    public var subPath: String?

    public init(name: String, mountPath: String, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
    }
}

/// A Pod volume: its name plus one volume source, kept as written.
public struct Volume: Codable, Equatable, Sendable {
    public var name: String
    public var hostPath: JSONValue?
    public var emptyDir: JSONValue?
    public var persistentVolumeClaim: JSONValue?
    public var configMap: JSONValue?
    public var secret: JSONValue?
    public var projected: JSONValue?
    public var downwardAPI: JSONValue?
    public var nfs: JSONValue?

    public init(name: String) { self.name = name }
}

public struct Toleration: Codable, Equatable, Sendable {
    public var key: String?
    public var `operator`: String?
    public var value: String?
    public var effect: String?
    public var tolerationSeconds: Int64?

    public init(key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil, tolerationSeconds: Int64? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    /// Whether this toleration tolerates `taint` (same rules as v1.Toleration.ToleratesTaint).
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch self.operator ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return (value ?? "") == (taint.value ?? "")
        default: return false
        }
    }
}

public struct Affinity: Codable, Equatable, Sendable {
    public init(nodeAffinity: NodeAffinity?) { self.nodeAffinity = nodeAffinity }
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: JSONValue?
    public var podAntiAffinity: JSONValue?
}

public struct NodeAffinity: Codable, Equatable, Sendable {
    public init(required: NodeSelector?) { self.requiredDuringSchedulingIgnoredDuringExecution = required }
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?
}

public struct NodeSelector: Codable, Equatable, Sendable {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm]) { self.nodeSelectorTerms = nodeSelectorTerms }

    /// Terms are ORed; an empty list matches nothing. `nodeName` answers `matchFields` on
    /// `metadata.name`, the only field node selectors may name.
    public func matches(_ labels: [String: String], nodeName: String) -> Bool {
        nodeSelectorTerms.contains { $0.matches(labels, nodeName: nodeName) }
    }
}

public struct NodeSelectorTerm: Codable, Equatable, Sendable {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?

    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    public func matches(_ labels: [String: String], nodeName: String) -> Bool {
        let expressions = matchExpressions ?? []
        let fields = matchFields ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        return expressions.allSatisfy { $0.matches(labels) } && fields.allSatisfy { $0.matches(["metadata.name": nodeName]) }
    }
}

public struct NodeSelectorRequirement: Codable, Equatable, Sendable {
    public var key: String
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]?) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    public func matches(_ labels: [String: String]) -> Bool {
        SelectorOperator.matches(self.operator, label: labels[key], values: values ?? [])
    }
}

public struct PreferredSchedulingTerm: Codable, Equatable, Sendable {
    public var weight: Int32
    public var preference: NodeSelectorTerm
}

public struct PodStatus: Codable, Equatable, Sendable {
    public var phase: String?
    public var conditions: [PodCondition]?
    public var message: String?
    public var reason: String?
    public var hostIP: String?
    public var hostIPs: [IPEntry]?
    public var podIP: String?
    public var podIPs: [IPEntry]?
    public var startTime: Timestamp?
    public var containerStatuses: [ContainerStatus]?
    public var initContainerStatuses: [ContainerStatus]?
    public var qosClass: String?

    public init(phase: String? = nil) { self.phase = phase }
}

public struct IPEntry: Codable, Equatable, Sendable {
    public var ip: String
    public init(ip: String) { self.ip = ip }
}

public struct PodCondition: Codable, Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastProbeTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, lastTransitionTime: Timestamp? = nil, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    /// metav1 encodes a nil lastProbeTime as `null`; kubectl prints it that way, so do we.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encode(lastProbeTime, forKey: .lastProbeTime)
        try container.encodeIfPresent(lastTransitionTime, forKey: .lastTransitionTime)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(message, forKey: .message)
    }
}

public struct ContainerStatus: Codable, Equatable, Sendable {
    public var name: String
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var ready: Bool
    public var restartCount: Int32
    public var image: String
    public var imageID: String
    public var containerID: String?
    public var started: Bool?

    public init(name: String, image: String) {
        self.name = name
        self.image = image
        self.imageID = ""
        self.ready = false
        self.restartCount = 0
    }
}

public struct ContainerState: Codable, Equatable, Sendable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil, terminated: ContainerStateTerminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

public struct ContainerStateWaiting: Codable, Equatable, Sendable {
    public var reason: String?
    public var message: String?
    public init(reason: String?, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

public struct ContainerStateRunning: Codable, Equatable, Sendable {
    public var startedAt: Timestamp?
    public init(startedAt: Timestamp?) { self.startedAt = startedAt }
}

public struct ContainerStateTerminated: Codable, Equatable, Sendable {
    public var exitCode: Int32
    public var reason: String?
    public var message: String?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var containerID: String?

    public init(exitCode: Int32, reason: String?, startedAt: Timestamp?, finishedAt: Timestamp?, containerID: String?) {
        self.exitCode = exitCode
        self.reason = reason
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}

/// core/v1 Binding: the scheduler's request to put a Pod on a node (`POST pods/NAME/binding`).
public struct Binding: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Binding", plural: "bindings", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var target: ObjectReference

    public init(metadata: ObjectMeta, target: ObjectReference) {
        self.metadata = metadata
        self.target = target
    }
}
