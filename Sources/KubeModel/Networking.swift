/// networking.k8s.io/v1 NetworkPolicy: which traffic may reach (ingress) or leave (egress) the
/// Pods its podSelector picks. A Pod no policy selects accepts everything; once one selects it
/// for a direction, only what some rule allows passes. The Pod network's plugin enforces them.
public struct NetworkPolicy: SpecObject, Equatable {
    public static let type = ResourceType(group: "networking.k8s.io", version: "v1", kind: "NetworkPolicy", plural: "networkpolicies",
                                          shortNames: ["netpol"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NetworkPolicySpec

    public init(metadata: ObjectMeta, spec: NetworkPolicySpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingMetadataAndSpecFrom: decoder) }
    public static var emptySpec: NetworkPolicySpec { NetworkPolicySpec() }
}

public struct NetworkPolicySpec: Codable, Equatable, Sendable {
    public var podSelector: LabelSelector?
    public var policyTypes: [String]?
    public var ingress: [NetworkPolicyIngressRule]?
    public var egress: [NetworkPolicyEgressRule]?

    public init() {}

    /// Whether the policy restricts `direction` ("Ingress" or "Egress").
    public func governs(_ direction: String) -> Bool { (policyTypes ?? ["Ingress"]).contains(direction) }
}

public struct NetworkPolicyIngressRule: Codable, Equatable, Sendable {
    public var from: [NetworkPolicyPeer]?
    public var ports: [NetworkPolicyPort]?
}

public struct NetworkPolicyEgressRule: Codable, Equatable, Sendable {
    public var to: [NetworkPolicyPeer]?
    public var ports: [NetworkPolicyPort]?
}

/// One side of a connection a rule names: Pods (in the policy's namespace, or in the namespaces
/// namespaceSelector picks; both together mean those Pods in those namespaces), or addresses.
public struct NetworkPolicyPeer: Codable, Equatable, Sendable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var ipBlock: IPBlock?
}

public struct IPBlock: Codable, Equatable, Sendable {
    public var cidr: String
    public var except: [String]?
}

public struct NetworkPolicyPort: Codable, Equatable, Sendable {
    public var `protocol`: String?
    /// A number, or the name of a container port of the selected Pods.
    public var port: IntOrString?
    public var endPort: Int32?
}

/// networking.k8s.io/v1 Ingress: HTTP routes from hosts and paths to Services, served by the
/// ingress controller its IngressClass names.
public struct Ingress: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", shortNames: ["ing"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: IngressSpec
    public var status: IngressStatus?

    public init(metadata: ObjectMeta, spec: IngressSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: IngressSpec { IngressSpec() }
}

public struct IngressSpec: Codable, Equatable, Sendable {
    public var ingressClassName: String?
    public var defaultBackend: IngressBackend?
    public var tls: [IngressTLS]?
    public var rules: [IngressRule]?
    public init() {}
}

public struct IngressTLS: Codable, Equatable, Sendable {
    public var hosts: [String]?
    public var secretName: String?
    public init() {}
}

public struct IngressRule: Codable, Equatable, Sendable {
    public var host: String?
    public var http: HTTPIngressRuleValue?
    public init(host: String?, http: HTTPIngressRuleValue?) {
        self.host = host
        self.http = http
    }
}

public struct HTTPIngressRuleValue: Codable, Equatable, Sendable {
    public var paths: [HTTPIngressPath]
    public init(paths: [HTTPIngressPath]) { self.paths = paths }
}

public struct HTTPIngressPath: Codable, Equatable, Sendable {
    public var path: String?
    /// Exact, Prefix or ImplementationSpecific.
    public var pathType: String?
    public var backend: IngressBackend
    public init(path: String?, pathType: String?, backend: IngressBackend) {
        self.path = path
        self.pathType = pathType
        self.backend = backend
    }
}

public struct IngressBackend: Codable, Equatable, Sendable {
    public struct ServiceBackend: Codable, Equatable, Sendable {
        public struct Port: Codable, Equatable, Sendable {
            public var name: String?
            public var number: Int32?
            public init(name: String?, number: Int32?) {
                self.name = name
                self.number = number
            }
        }
        public var name: String
        public var port: Port?
        public init(name: String, port: Port?) {
            self.name = name
            self.port = port
        }
    }
    public var service: ServiceBackend?
    public var resource: TypedLocalObjectReference?
    public init(service: ServiceBackend?) { self.service = service }

    /// `web:80` or `web:http`, as kubectl prints a backend.
    public var text: String {
        guard let service else { return resource.map { "APIGroup: \($0.apiGroup ?? ""), Kind: \($0.kind), Name: \($0.name)" } ?? "" }
        return "\(service.name):\(service.port?.number.map(String.init) ?? service.port?.name ?? "")"
    }
}

public struct TypedLocalObjectReference: Codable, Equatable, Sendable {
    public var apiGroup: String?
    public var kind: String
    public var name: String
}

public struct IngressStatus: Codable, Equatable, Sendable {
    public var loadBalancer: IngressLoadBalancerStatus?
    public init(loadBalancer: IngressLoadBalancerStatus?) { self.loadBalancer = loadBalancer }
}

public struct IngressLoadBalancerStatus: Codable, Equatable, Sendable {
    public struct Ingress: Codable, Equatable, Sendable {
        public var ip: String?
        public var hostname: String?
        public init(ip: String?, hostname: String? = nil) {
            self.ip = ip
            self.hostname = hostname
        }
    }
    public var ingress: [Ingress]?
    public init(ingress: [Ingress]?) { self.ingress = ingress }
}

/// networking.k8s.io/v1 IngressClass: names the controller that serves Ingresses of the class;
/// the one annotated `ingressclass.kubernetes.io/is-default-class: "true"` serves Ingresses
/// that name no class.
public struct IngressClass: SpecObject, Equatable {
    public static let type = ResourceType(group: "networking.k8s.io", version: "v1", kind: "IngressClass", plural: "ingressclasses", namespaced: false)
    public static let defaultAnnotation = "ingressclass.kubernetes.io/is-default-class"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: IngressClassSpec

    public init(metadata: ObjectMeta, spec: IngressClassSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingMetadataAndSpecFrom: decoder) }
    public static var emptySpec: IngressClassSpec { IngressClassSpec() }

    public var isDefault: Bool { metadata.annotations?[IngressClass.defaultAnnotation] == "true" }
}

public struct IngressClassSpec: Codable, Equatable, Sendable {
    public var controller: String?
    public var parameters: TypedLocalObjectReference?
    public init(controller: String? = nil) { self.controller = controller }
}

/// An IPv4 CIDR block such as `10.244.0.0/16`, for NetworkPolicy ipBlocks and address pools.
public struct IPv4Range: Equatable, Sendable {
    public let base: UInt32
    public let prefixLength: Int

    public init?(cidr: String) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPv4Range.number(String(parts[0])), let length = Int(parts[1]), (0...32).contains(length) else { return nil }
        prefixLength = length
        base = address & IPv4Range.mask(length)
    }

    public func contains(_ ip: String) -> Bool {
        guard let address = IPv4Range.number(ip) else { return false }
        return address & IPv4Range.mask(prefixLength) == base
    }

    private static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << (32 - length) }

    /// The dotted form of an IPv4 address's number.
    public static func text(_ number: UInt32) -> String {
        "\(number >> 24).\(number >> 16 & 255).\(number >> 8 & 255).\(number & 255)"
    }

    /// The number a dotted IPv4 address stands for, or nil when it is not one.
    public static func number(_ ip: String) -> UInt32? {
        let octets = ip.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ ($0 ?? 256) < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | ($1 ?? 0) }
    }
}
