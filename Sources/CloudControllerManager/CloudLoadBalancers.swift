import ClientKit

/// The simulated cloud's load balancers: an address pool, and for each address it gave out the
/// Service it fronts and the nodes it forwards to. Like MetalLB in layer-2 mode, one node
/// answers for each address and kube-proxy's rules there take the traffic on.
public final class CloudLoadBalancers {
    /// The pool addresses come from (as a kind or MetalLB cluster configures one).
    public static let pool = (first: "172.18.255.200", count: 51)
    /// The load balancer of each address: the Service (`namespace/name`) and the node answering for it.
    public private(set) var balancers: [String: (service: String, node: String)] = [:]

    public init() {}

    /// The address of the Service's load balancer, making one on the first free address.
    func ensure(service key: String, nodes: [String]) -> String? {
        if let existing = balancers.first(where: { $0.value.service == key }) {
            if let node = CloudLoadBalancers.announcer(for: key, among: nodes) { balancers[existing.key] = (key, node) }
            return existing.key
        }
        guard let base = IPv4Range.number(CloudLoadBalancers.pool.first), let node = CloudLoadBalancers.announcer(for: key, among: nodes) else { return nil }
        for offset in 0..<UInt32(CloudLoadBalancers.pool.count) {
            let address = IPv4Range.text(base + offset)
            if balancers[address] == nil {
                balancers[address] = (key, node)
                return address
            }
        }
        return nil
    }

    /// Deletes the Service's load balancer; its address goes back to the pool.
    func release(service key: String) -> String? {
        guard let address = balancers.first(where: { $0.value.service == key })?.key else { return nil }
        balancers[address] = nil
        return address
    }

    /// The node that answers for an address the pool gave out.
    public func node(answering address: String) -> String? { balancers[address]?.node }

    /// The same node for a Service every time, spread over the nodes by the Service's name.
    private static func announcer(for key: String, among nodes: [String]) -> String? {
        guard !nodes.isEmpty else { return nil }
        let hash = key.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 }
        return nodes.sorted()[Int(hash % UInt32(nodes.count))]
    }
}
