import ClientKit

/// NetworkPolicy enforcement by the Pod network's plugin (what Calico's Felix or Cilium's agent
/// does on every node): a connection leaves a Pod only if its egress policies allow it and
/// enters a Pod only if its ingress policies allow it. Policies are additive: a Pod no policy
/// selects for a direction is open in that direction; once one selects it, only what some
/// rule of the selecting policies names passes, and the rest is dropped silently.
///
/// Simplified: the agent reads the policies, Pods and namespaces from the API server when a
/// connection is checked, instead of keeping watch-fed caches on each node.
struct NetworkPolicyEnforcer {
    static let component = "network-policy-agent"
    let client: Client

    enum Direction: String {
        case ingress = "Ingress", egress = "Egress"
        var word: String { rawValue.lowercased() }
    }

    /// The other end of a checked connection: an address, and the Pod that has it if one does.
    struct Peer {
        let ip: String
        let pod: Pod?
        var text: String { pod.map { "Pod \($0.key) (\(ip))" } ?? ip }
    }

    enum Decision {
        /// No policy selects the Pod for this direction.
        case open
        case allowed(String)
        case denied(String)
    }

    /// Whether `pod` may send (egress) to or receive (ingress) from `peer` on `port`.
    func decide(_ direction: Direction, pod: Pod, peer: Peer, port: Int32, protocol proto: String, destination: Pod?) -> Decision {
        let policies = client.list(NetworkPolicy.self, namespace: pod.namespace).value ?? []
        let selecting = policies
            .filter { $0.spec.governs(direction.rawValue) && ($0.spec.podSelector ?? LabelSelector()).matches(pod.metadata.labels) }
            .sorted { $0.name < $1.name }
        guard !selecting.isEmpty else { return .open }
        let connection = "\(direction == .ingress ? "from" : "to") \(peer.text) on \(proto)/\(port)"
        for policy in selecting {
            let rules: [([NetworkPolicyPeer]?, [NetworkPolicyPort]?)] = direction == .ingress
                ? (policy.spec.ingress ?? []).map { ($0.from, $0.ports) }
                : (policy.spec.egress ?? []).map { ($0.to, $0.ports) }
            for (index, rule) in rules.enumerated()
            where matches(rule.0, peer: peer, namespace: policy.namespace) && matches(rule.1, port: port, protocol: proto, on: destination) {
                return .allowed("NetworkPolicy \(policy.key) (\(direction.word) rule \(index + 1)) allows \(pod.key) \(direction.word) \(connection)")
            }
        }
        let names = selecting.map(\.key).joined(separator: ", ")
        let subject = selecting.count == 1 ? "NetworkPolicy \(names) selects" : "NetworkPolicies \(names) select"
        return .denied("\(subject) Pod \(pod.key) for \(direction.word) and no rule allows \(connection): dropped")
    }

    /// Whether a rule's peers take in `peer`: no peers means every peer.
    private func matches(_ peers: [NetworkPolicyPeer]?, peer: Peer, namespace: String?) -> Bool {
        guard let peers, !peers.isEmpty else { return true }
        return peers.contains { rule in
            if let block = rule.ipBlock {
                guard IPv4Range(cidr: block.cidr)?.contains(peer.ip) == true else { return false }
                return !(block.except ?? []).contains { IPv4Range(cidr: $0)?.contains(peer.ip) == true }
            }
            guard let pod = peer.pod else { return false }
            if let namespaces = rule.namespaceSelector {
                let labels = client.get(Namespace.self, name: pod.namespace ?? "").value?.metadata.labels
                guard namespaces.matches(labels) else { return false }
            } else if pod.namespace != namespace {
                return false
            }
            return (rule.podSelector ?? LabelSelector()).matches(pod.metadata.labels)
        }
    }

    /// Whether a rule's ports take in `port`: no ports means every port; a named port is the
    /// destination Pod's container port of that name.
    private func matches(_ ports: [NetworkPolicyPort]?, port: Int32, protocol proto: String, on destination: Pod?) -> Bool {
        guard let ports, !ports.isEmpty else { return true }
        return ports.contains { rule in
            guard (rule.protocol ?? "TCP") == proto else { return false }
            switch rule.port {
            case nil: return true
            case .int(let number): return number == Int(port) || (rule.endPort.map { Int(port) > number && Int(port) <= Int($0) } ?? false)
            case .string(let name):
                return (destination?.spec.containers ?? []).flatMap { $0.ports ?? [] }.contains { $0.name == name && $0.containerPort == port }
            }
        }
    }
}
