import Crypto
import KubeModel

/// One Service port as kube-proxy programs it: its virtual addresses and the endpoints that
/// traffic to them is spread over. Chain names are the real ones, derived from the port's name.
public struct ServicePortRules: Equatable, Sendable {
    public struct Endpoint: Equatable, Sendable {
        public let ip: String
        public let port: Int32
        public var address: String { "\(ip):\(port)" }
    }

    /// The ServicePortName kube-proxy keys everything by: `default/example-app`, or
    /// `default/kubernetes:https` when the port has a name.
    public let name: String
    /// Lower case, as in chain hashes and `-p tcp`.
    public let `protocol`: String
    public let clusterIP: String
    public let port: Int32
    public let nodePort: Int32?
    public let externalIPs: [String]
    public let loadBalancerIPs: [String]
    /// How long a client sticks to its endpoint with `sessionAffinity: ClientIP`.
    public let affinitySeconds: Int?
    /// Ready endpoints; when none is ready, the serving ones that are terminating.
    public let endpoints: [Endpoint]

    public var serviceChain: String { "KUBE-SVC-" + ServicePortRules.hash(name + `protocol`) }
    public var externalChain: String { "KUBE-EXT-" + ServicePortRules.hash(name + `protocol`) }
    public func endpointChain(_ endpoint: Endpoint) -> String { "KUBE-SEP-" + ServicePortRules.hash(name + `protocol` + endpoint.address) }
    /// The nat chains of this port: none without endpoints (the filter table rejects instead).
    var chains: Set<String> {
        guard !endpoints.isEmpty else { return [] }
        return Set([serviceChain] + (isExternal ? [externalChain] : []) + endpoints.map(endpointChain))
    }
    /// Whether anything outside the cluster IP reaches this port.
    var isExternal: Bool { nodePort != nil || !externalIPs.isEmpty || !loadBalancerIPs.isEmpty }

    /// The first 16 characters of base32(sha256(text)), kube-proxy's portProtoHash.
    static func hash(_ text: String) -> String {
        let digest = Array(SHA256.hash(data: Array(text.utf8)))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var result = ""
        var buffer = 0
        var bits = 0
        for byte in digest where result.count < 16 {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5, result.count < 16 {
                result.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        return result
    }

    /// The rules of every port of `service` that has a cluster IP, from its EndpointSlices.
    public static func of(_ service: Service, slices: [EndpointSlice]) -> [ServicePortRules] {
        guard let clusterIP = service.spec.clusterIP, clusterIP != "None", !clusterIP.isEmpty, service.spec.type != "ExternalName" else { return [] }
        let key = service.key
        let loadBalancerIPs = service.loadBalancerIngressIPs
        return (service.spec.ports ?? []).map { port in
            let portName = port.name ?? ""
            var ready: [Endpoint] = []
            var terminating: [Endpoint] = []
            for slice in slices {
                guard let target = slice.ports?.first(where: { ($0.name ?? "") == portName && $0.protocol == (port.protocol ?? "TCP") })?.port else { continue }
                for endpoint in slice.endpoints ?? [] {
                    for ip in endpoint.addresses {
                        let entry = Endpoint(ip: ip, port: target)
                        if endpoint.conditions?.ready ?? true {
                            ready.append(entry)
                        } else if endpoint.conditions?.serving == true && endpoint.conditions?.terminating == true {
                            terminating.append(entry)
                        }
                    }
                }
            }
            let byAddress: (Endpoint, Endpoint) -> Bool = { $0.ip.ipv4Precedes($1.ip) || ($0.ip == $1.ip && $0.port < $1.port) }
            let timeout = service.spec.sessionAffinity == "ClientIP" ? Int(service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : nil
            return ServicePortRules(name: portName.isEmpty ? key : "\(key):\(portName)", protocol: (port.protocol ?? "TCP").lowercased(),
                                    clusterIP: clusterIP, port: port.port, nodePort: port.nodePort, externalIPs: service.spec.externalIPs ?? [],
                                    loadBalancerIPs: loadBalancerIPs, affinitySeconds: timeout,
                                    endpoints: (ready.isEmpty ? terminating : ready).sorted(by: byAddress))
        }
    }
}
