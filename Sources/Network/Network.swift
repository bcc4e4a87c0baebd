import ClientKit
import CloudControllerManager
import ClusterDNS
import IngressController
import KubeProxy
import NodeAgents

/// The simulated data plane: a connection from a node or a Pod to an address, hop by hop. It
/// reads what the agents made (each node's kube-proxy rules, the Pods each kubelet runs,
/// CoreDNS's records) and changes nothing in the cluster, so a request is not a step. Endpoint
/// choices draw from their own seeded stream, so sending requests never changes the names and
/// choices the control plane makes.
public final class Network {
    let kubelets: () -> [Kubelet]
    let proxies: () -> [String: KubeProxy]
    let dns: CoreDNS
    let random: SeededRandom
    let server: APIServer
    /// What the nginx in an ingress-nginx controller Pod reads its routes and upstreams with.
    let nginx: Client
    let policies: NetworkPolicyEnforcer
    let cloud: CloudLoadBalancers

    public init(seed: UInt64, server: APIServer, simulation: Simulation, dns: CoreDNS, cloud: CloudLoadBalancers, kubelets: @escaping () -> [Kubelet], proxies: @escaping () -> [String: KubeProxy]) {
        self.dns = dns
        self.server = server
        self.cloud = cloud
        nginx = Client(component: IngressNginxController.component, user: .controller("ingress-nginx"), server: server, simulation: simulation)
        policies = NetworkPolicyEnforcer(client: Client(component: NetworkPolicyEnforcer.component, user: .controller(NetworkPolicyEnforcer.component),
                                                        server: server, simulation: simulation))
        self.kubelets = kubelets
        self.proxies = proxies
        random = SeededRandom(seed: seed &+ 0x6E65_7477_6F72_6B)
    }

    /// Where a request starts: a machine's own network, or a Pod's.
    public enum Origin {
        case node(String)
        case pod(Pod)

        var node: String { switch self { case .node(let name): name; case .pod(let pod): pod.spec.nodeName ?? "" } }
        var pod: Pod? { if case .pod(let pod) = self { pod } else { nil } }
    }

    /// What became of a connection, with the hops that led there.
    public struct Trip {
        public enum Outcome {
            case answered(Listener, Listener.Reply)
            /// The name did not resolve (NXDOMAIN, or no DNS server answered).
            case unresolved(String)
            /// A RST or an ICMP port-unreachable: nothing listens, or kube-proxy's REJECT.
            case refused(ip: String, port: Int32)
            /// Nothing answered: no host has the address.
            case timedOut(ip: String, port: Int32)
        }
        public var hops: [String]
        public var outcome: Outcome
    }

    /// The machines' addresses, as every node's /etc/hosts lists them.
    func nodeAddress(_ name: String) -> String? { kubelets().first { $0.nodeName == name }?.machine.internalIP }

    func nodeHolding(_ ip: String) -> Kubelet? {
        kubelets().first { $0.machine.internalIP == ip } ?? kubelets().first { ip.hasPrefix($0.machine.podNetwork + ".") }
    }

    // MARK: DNS

    /// The result of resolving a name the way the origin's resolver does.
    public struct Lookup {
        public var hops: [String] = []
        public var name: String
        public var answer: CoreDNS.Answer = .nameError
        public var timedOut = false
    }

    /// The search path of a Pod's /etc/resolv.conf (dnsPolicy ClusterFirst).
    public static func searchPath(namespace: String) -> [String] {
        ["\(namespace).svc.\(CoreDNS.clusterDomain)", "svc.\(CoreDNS.clusterDomain)", CoreDNS.clusterDomain]
    }

    /// A Pod's resolv.conf, as the kubelet writes it for dnsPolicy ClusterFirst.
    public static func resolvConf(for pod: Pod) -> String {
        if usesNodeResolver(pod) { return "nameserver 192.168.100.1\nsearch .\n" }
        return "search \(searchPath(namespace: pod.namespace ?? "default").joined(separator: " "))\nnameserver \(CoreDNS.serviceIP)\noptions ndots:5\n"
    }

    static func usesNodeResolver(_ pod: Pod) -> Bool {
        pod.spec.dnsPolicy == "Default" || (pod.spec.hostNetwork == true && pod.spec.dnsPolicy != "ClusterFirstWithHostNet")
    }

    /// Resolves `name` from `origin`: a node reads /etc/hosts; a Pod asks CoreDNS through the
    /// kube-dns Service, trying the search domains first while the name has fewer than 5 dots.
    public func lookup(_ name: String, from origin: Origin) -> Lookup {
        var result = Lookup(name: name)
        guard case .pod(let pod) = origin, !Network.usesNodeResolver(pod) else {
            if let address = nodeAddress(name) ?? (name == "localhost" ? "127.0.0.1" : nil) {
                result.hops.append("/etc/hosts on \(origin.node): \(name) is \(address)")
                result.answer = .addresses([address])
            } else {
                result.hops.append("\(origin.node)'s resolver: \(name) is neither in /etc/hosts nor known upstream (cluster names need CoreDNS, which only Pods use)")
            }
            return result
        }
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        let dots = trimmed.filter { $0 == "." }.count
        let search = Network.searchPath(namespace: pod.namespace ?? "default").map { "\(trimmed).\($0)" }
        let candidates = name.hasSuffix(".") ? [trimmed] : (dots < 5 ? search + [trimmed] : [trimmed] + search)
        guard let server = dnsServer(from: origin, hops: &result.hops) else {
            result.timedOut = true
            return result
        }
        for candidate in candidates {
            let answer = dns.resolve(candidate)
            switch answer {
            case .nameError, .upstream:
                result.hops.append("DNS A \(candidate)? → NXDOMAIN")
            case .addresses(let addresses):
                result.hops.append("DNS A \(candidate)? → \(addresses.joined(separator: ", ")) (answered by \(server))")
                result.name = candidate
                result.answer = answer
                return result
            case .canonicalName(let target):
                result.hops.append("DNS A \(candidate)? → CNAME \(target) (answered by \(server)); \(target) is outside the cluster and does not resolve here")
                result.name = candidate
                result.answer = answer
                return result
            }
        }
        result.answer = .nameError
        return result
    }

    /// The CoreDNS Pod that a query to the kube-dns Service reaches from `origin`, if one answers.
    private func dnsServer(from origin: Origin, hops: inout [String]) -> String? {
        let source = sourceAddress(origin)
        guard let proxy = proxies()[origin.node], let address = nodeAddress(origin.node) else { return nil }
        switch proxy.route(to: CoreDNS.serviceIP, port: 53, protocol: "udp", from: source, nodeAddress: address, random: random) {
        case .endpoint(_, let endpoint, _):
            if let kubelet = nodeHolding(endpoint.ip), case .listening(let listener) = kubelet.answer(ip: endpoint.ip, port: 53), listener.program == "coredns" {
                hops.append("nameserver \(CoreDNS.serviceIP):53 (Service kube-system/kube-dns) → \(origin.node) iptables DNAT → \(endpoint.address), Pod \(listener.pod)")
                let server = kubelet.pod(withIP: endpoint.ip)
                guard admits(from: origin, seenAs: Peer(ip: source, pod: origin.pod), to: Peer(ip: endpoint.ip, pod: server), port: 53, protocol: "UDP", hops: &hops) else {
                    hops.append("the query goes unanswered")
                    return nil
                }
                return listener.pod
            }
            hops.append("nameserver \(CoreDNS.serviceIP):53 → \(endpoint.address): no CoreDNS answers there")
        case .rejected:
            hops.append("nameserver \(CoreDNS.serviceIP):53: Service kube-system/kube-dns has no endpoints (no CoreDNS Pod is ready)")
        case .unmatched:
            hops.append("nameserver \(CoreDNS.serviceIP):53: no Service rule on \(origin.node) (is the kube-dns Service there?)")
        }
        return nil
    }

    typealias Peer = NetworkPolicyEnforcer.Peer

    /// The NetworkPolicy checks of one connection: the sending Pod's egress, then the receiving
    /// Pod's ingress, which sees the sender as `sender` (a node's address once masqueraded).
    /// Each check that a policy decided is a hop; false when one dropped it.
    private func admits(from origin: Origin, seenAs sender: Peer, to receiver: Peer, port: Int32, protocol proto: String, hops: inout [String]) -> Bool {
        var checks: [NetworkPolicyEnforcer.Decision] = []
        if let pod = origin.pod, pod.spec.hostNetwork != true {
            checks.append(policies.decide(.egress, pod: pod, peer: receiver, port: port, protocol: proto, destination: receiver.pod))
        }
        if let pod = receiver.pod, pod.spec.hostNetwork != true {
            checks.append(policies.decide(.ingress, pod: pod, peer: sender, port: port, protocol: proto, destination: pod))
        }
        for check in checks {
            switch check {
            case .open: continue
            case .allowed(let reason): hops.append(reason)
            case .denied(let reason):
                hops.append(reason)
                return false
            }
        }
        return true
    }

    func sourceAddress(_ origin: Origin) -> String {
        switch origin {
        case .node(let name): return nodeAddress(name) ?? name
        case .pod(let pod): return pod.status?.podIP ?? ""
        }
    }

    // MARK: Connections

    /// Opens a TCP connection from `origin` to `host:port` and sends `GET path`, with a Host
    /// header of `virtualHost` (or `host`).
    public func request(_ host: String, port: Int32, path: String, from origin: Origin, virtualHost: String? = nil) -> Trip {
        var hops: [String] = []
        var ip = host
        if IPv4Range.number(host) == nil {
            let lookup = lookup(host, from: origin)
            hops += lookup.hops
            guard case .addresses(let addresses) = lookup.answer, let first = addresses.first else {
                return Trip(hops: hops, outcome: .unresolved(host))
            }
            ip = first
        }
        if ip == "127.0.0.1" { ip = nodeAddress(origin.node) ?? ip }
        let source = sourceAddress(origin)
        var target = (ip: ip, port: port)
        // kube-proxy's rules on the sending node (OUTPUT), then on the receiving node (PREROUTING).
        var node = origin.node
        if let answering = cloud.node(answering: ip) {
            hops.append("the cloud load balancer \(ip) forwards the connection to \(answering)")
            node = answering
        }
        var masqueradedBy: String?
        for _ in 0..<2 {
            guard let proxy = proxies()[node], let address = nodeAddress(node) else { break }
            switch proxy.route(to: target.ip, port: target.port, from: source, nodeAddress: address, random: random) {
            case .endpoint(let rule, let endpoint, let chains):
                hops.append("\(node) iptables: " + chains.joined(separator: " → "))
                // Traffic that came in from outside the Service (a NodePort, an external or a
                // load-balancer address) is marked for masquerade: the Pod sees the node's address.
                if chains.contains(rule.externalChain) { masqueradedBy = node }
                target = (endpoint.ip, endpoint.port)
            case .rejected(let rule):
                hops.append("\(node) iptables (filter): \(rule.name) has no endpoints → REJECT --reject-with icmp-port-unreachable")
                return Trip(hops: hops, outcome: .refused(ip: target.ip, port: target.port))
            case .unmatched:
                break
            }
            guard let next = nodeHolding(target.ip), next.nodeName != node, next.machine.internalIP == target.ip else { break }
            hops.append("packet to \(target.ip):\(target.port) leaves \(node) for \(next.nodeName)")
            node = next.nodeName
        }
        guard let destination = nodeHolding(target.ip) else {
            hops.append("no machine of the cluster has \(target.ip): the SYN goes unanswered")
            return Trip(hops: hops, outcome: .timedOut(ip: target.ip, port: target.port))
        }
        if destination.nodeName != node, destination.machine.internalIP != target.ip {
            hops.append("\(node) routes \(target.ip) over the Pod network to \(destination.nodeName) (\(destination.machine.podCIDR))")
        }
        let receiver = destination.pod(withIP: target.ip)
        if receiver != nil || origin.pod != nil {
            let sender = masqueradedBy.flatMap(nodeAddress).map { Peer(ip: $0, pod: nil) } ?? Peer(ip: source, pod: origin.pod)
            guard admits(from: origin, seenAs: sender, to: Peer(ip: target.ip, pod: receiver), port: target.port, protocol: "TCP", hops: &hops) else {
                return Trip(hops: hops, outcome: .timedOut(ip: target.ip, port: target.port))
            }
        }
        switch destination.answer(ip: target.ip, port: target.port) {
        case .listening(let listener):
            hops.append("\(target.ip):\(target.port) is Pod \(listener.pod) on \(destination.nodeName): \(listener.program) in container \(listener.container) answers")
            if listener.program == "ingress-nginx" { return proxyIngress(listener, host: virtualHost ?? host, path: path, hops: hops) }
            return Trip(hops: hops, outcome: .answered(listener, listener.reply(to: path, now: server.now)))
        case .refused(let pod):
            hops.append("\(target.ip) is Pod \(pod) on \(destination.nodeName), but nothing listens on port \(target.port) → RST")
            return Trip(hops: hops, outcome: .refused(ip: target.ip, port: target.port))
        case .noPod where destination.machine.internalIP == target.ip:
            hops.append("\(destination.nodeName) has nothing listening on port \(target.port) → RST")
            return Trip(hops: hops, outcome: .refused(ip: target.ip, port: target.port))
        case .noPod:
            hops.append("no Pod on \(destination.nodeName) has \(target.ip): the SYN goes unanswered")
            return Trip(hops: hops, outcome: .timedOut(ip: target.ip, port: target.port))
        }
    }
}
