/// core/v1 Endpoints: the addresses behind a Service, named like it. The endpoints controller
/// keeps it for Services with a selector; for one without, the user writes it by hand.
public struct Endpoints: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Endpoints", plural: "endpoints", shortNames: ["ep"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subsets: [EndpointSubset]?

    public init(metadata: ObjectMeta, subsets: [EndpointSubset]?) {
        self.metadata = metadata
        self.subsets = subsets
    }
}

/// Addresses that share one set of ports.
public struct EndpointSubset: Codable, Equatable, Sendable {
    public var addresses: [EndpointAddress]?
    public var notReadyAddresses: [EndpointAddress]?
    public var ports: [EndpointPort]?

    public init(addresses: [EndpointAddress]?, notReadyAddresses: [EndpointAddress]?, ports: [EndpointPort]?) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

public struct EndpointAddress: Codable, Equatable, Sendable {
    public var ip: String
    public var hostname: String?
    public var nodeName: String?
    public var targetRef: ObjectReference?

    public init(ip: String, hostname: String? = nil, nodeName: String? = nil, targetRef: ObjectReference? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }
}

public struct EndpointPort: Codable, Equatable, Sendable {
    public var name: String?
    public var port: Int32
    public var `protocol`: String?

    public init(name: String?, port: Int32, protocol: String?) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }
}

/// discovery.k8s.io/v1 EndpointSlice: a slice of a Service's endpoints, each with its readiness,
/// labelled `kubernetes.io/service-name`. kube-proxy and DNS read these.
public struct EndpointSlice: APIObject, Equatable {
    public static let type = ResourceType(group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices", namespaced: true)
    /// The label that ties a slice to its Service.
    public static let serviceNameLabel = "kubernetes.io/service-name"
    public static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var addressType: String
    public var endpoints: [Endpoint]?
    public var ports: [Port]?

    public init(metadata: ObjectMeta, addressType: String = "IPv4", endpoints: [Endpoint]?, ports: [Port]?) {
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    public struct Endpoint: Codable, Equatable, Sendable {
        public var addresses: [String]
        public var conditions: Conditions?
        public var hostname: String?
        public var nodeName: String?
        public var targetRef: ObjectReference?

        public init(addresses: [String], conditions: Conditions?, hostname: String?, nodeName: String?, targetRef: ObjectReference?) {
            self.addresses = addresses
            self.conditions = conditions
            self.hostname = hostname
            self.nodeName = nodeName
            self.targetRef = targetRef
        }
    }

    /// Ready: it should get new traffic. Serving: it can answer, even while terminating.
    public struct Conditions: Codable, Equatable, Sendable {
        public var ready: Bool?
        public var serving: Bool?
        public var terminating: Bool?

        public init(ready: Bool?, serving: Bool?, terminating: Bool?) {
            self.ready = ready
            self.serving = serving
            self.terminating = terminating
        }
    }

    public struct Port: Codable, Equatable, Sendable {
        public var name: String?
        public var port: Int32?
        public var `protocol`: String?

        public init(name: String?, port: Int32?, protocol: String?) {
            self.name = name
            self.port = port
            self.protocol = `protocol`
        }
    }
}

extension EndpointSlice {
    /// `namespace/name` of the Service the slice belongs to, from its service-name label.
    public var serviceKey: String? { labels[EndpointSlice.serviceNameLabel].map { "\(namespace ?? "")/\($0)" } }

    /// The slice's Service key when `manager` manages it, as an index value list.
    public func serviceKey(managedBy manager: String) -> [String] {
        labels[EndpointSlice.managedByLabel] == manager ? serviceKey.map { [$0] } ?? [] : []
    }
}
