/// core/v1 Service: a stable name and virtual IP in front of the Pods its selector picks.
/// A Service with `clusterIP: None` is headless: DNS names its Pods one by one instead.
public struct Service: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Service", plural: "services", shortNames: ["svc"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta, spec: ServiceSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: ServiceSpec { ServiceSpec() }

    public var isHeadless: Bool { spec.clusterIP == "None" }
}

public struct ServiceSpec: Codable, Equatable, Sendable {
    public var type: String?
    public var clusterIP: String?
    public var clusterIPs: [String]?
    public var ports: [ServicePort]?
    public var selector: [String: String]?
    public var sessionAffinity: String?
    public var sessionAffinityConfig: SessionAffinityConfig?
    public var externalTrafficPolicy: String?
    public var internalTrafficPolicy: String?
    public var ipFamilies: [String]?
    public var ipFamilyPolicy: String?
    public var externalName: String?
    public var externalIPs: [String]?
    public var publishNotReadyAddresses: Bool?

    public init() {}
}

public struct ServicePort: Codable, Equatable, Sendable {
    public var name: String?
    public var `protocol`: String?
    public var port: Int32
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(port: Int32) { self.port = port }
}

public struct SessionAffinityConfig: Codable, Equatable, Sendable {
    public struct ClientIPConfig: Codable, Equatable, Sendable {
        public var timeoutSeconds: Int32?
    }
    public var clientIP: ClientIPConfig?
}

public struct ServiceStatus: Codable, Equatable, Sendable {
    public var loadBalancer: LoadBalancerStatus?
    public init(loadBalancer: LoadBalancerStatus?) { self.loadBalancer = loadBalancer }
}

/// Where a LoadBalancer Service (or an Ingress) is reachable from outside.
public struct LoadBalancerStatus: Codable, Equatable, Sendable {
    public struct Ingress: Codable, Equatable, Sendable {
        public var ip: String?
        public var hostname: String?
        public var ipMode: String?
        public init(ip: String?, hostname: String? = nil, ipMode: String? = nil) {
            self.ip = ip
            self.hostname = hostname
            self.ipMode = ipMode
        }
    }
    public var ingress: [Ingress]?
    public init(ingress: [Ingress]? = nil) { self.ingress = ingress }
}

extension Service {
    /// The addresses a cloud load balancer gave the Service.
    public var loadBalancerIngressIPs: [String] { status?.loadBalancer?.ingress?.compactMap(\.ip) ?? [] }
}

extension String {
    /// Orders dotted IPv4 addresses by their numbers, as controllers and kube-proxy sort them.
    public func ipv4Precedes(_ other: String) -> Bool {
        let (x, y) = (split(separator: ".").compactMap { Int($0) }, other.split(separator: ".").compactMap { Int($0) })
        return x.lexicographicallyPrecedes(y)
    }
}
