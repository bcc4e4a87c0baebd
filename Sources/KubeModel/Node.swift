/// core/v1 Node.
public struct Node: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Node", plural: "nodes", shortNames: ["no"], namespaced: false)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec
    public var status: NodeStatus?

    public init(metadata: ObjectMeta, spec: NodeSpec = NodeSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: NodeSpec { NodeSpec() }

    public func condition(_ type: String) -> NodeCondition? {
        status?.conditions?.first { $0.type == type }
    }

    public var isReady: Bool { condition("Ready")?.status == "True" }

    public var allocatable: [String: Quantity] { status?.allocatable ?? [:] }

    /// The roles kubectl shows, from `node-role.kubernetes.io/ROLE` labels.
    public var roles: [String] {
        labels.keys.filter { $0.hasPrefix("node-role.kubernetes.io/") }
            .map { String($0.dropFirst("node-role.kubernetes.io/".count)) }.sorted()
    }

    public var internalIP: String? {
        status?.addresses?.first { $0.type == "InternalIP" }?.address
    }
}

public struct NodeSpec: Codable, Equatable, Sendable {
    public var podCIDR: String?
    public var podCIDRs: [String]?
    public var taints: [Taint]?
    public var unschedulable: Bool?
    public var providerID: String?

    public init() {}
}

public struct Taint: Codable, Equatable, Hashable, Sendable {
    public var key: String
    public var value: String?
    public var effect: String
    public var timeAdded: Timestamp?

    public init(key: String, value: String? = nil, effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    /// `{key: value}` as the scheduler prints a taint in its messages.
    public var scheduleText: String { "{\(key): \(value ?? "")}" }
}

public struct NodeStatus: Codable, Equatable, Sendable {
    public var capacity: [String: Quantity]?
    public var allocatable: [String: Quantity]?
    public var conditions: [NodeCondition]?
    public var addresses: [NodeAddress]?
    public var daemonEndpoints: JSONValue?
    public var nodeInfo: NodeSystemInfo?
    public var images: [JSONValue]?

    public init() {}
}

public struct NodeCondition: Codable, Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastHeartbeatTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, lastHeartbeatTime: Timestamp?, lastTransitionTime: Timestamp?, reason: String?, message: String?) {
        self.type = type
        self.status = status
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

public struct NodeAddress: Codable, Equatable, Sendable {
    public var type: String
    public var address: String
    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}

public struct NodeSystemInfo: Codable, Equatable, Sendable {
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    public var kernelVersion: String
    public var osImage: String
    public var containerRuntimeVersion: String
    public var kubeletVersion: String
    public var kubeProxyVersion: String
    public var operatingSystem: String
    public var architecture: String

    public init(machineID: String, systemUUID: String, bootID: String, kernelVersion: String, osImage: String,
                containerRuntimeVersion: String, kubeletVersion: String, kubeProxyVersion: String,
                operatingSystem: String, architecture: String) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}
