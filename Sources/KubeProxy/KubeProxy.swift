import ClientKit

/// kube-proxy on one node, in iptables mode (pkg/proxy/iptables): it watches Services and
/// EndpointSlices and rewrites the node's rules whenever either changes. Each rewrite is one
/// step, whose explanation says which chains came and went.
public final class KubeProxy {
    public let nodeName: String
    public let component: String
    let client: Client
    let services: Informer<Service>
    let slices: Informer<EndpointSlice>
    private var queue: WorkQueue!
    /// The rules as last written to the node's kernel.
    public private(set) var rules = ProxyRuleSet()
    /// The kernel's `recent` lists for session affinity: client → ServicePortName → endpoint, until when.
    private var affinity: [String: (endpoint: ServicePortRules.Endpoint, until: SimTime)] = [:]
    static let syncKey = "iptables"

    public init(nodeName: String, server: APIServer, simulation: Simulation) {
        self.nodeName = nodeName
        component = "kube-proxy@\(nodeName)"
        client = Client(component: component, user: UserInfo(name: "system:kube-proxy", groups: ["system:authenticated"], authenticatedBy: "x509 certificate"),
                        server: server, simulation: simulation)
        services = Informer(client: client)
        slices = Informer(client: client)
        slices.addIndex("service") { $0.serviceKey.map { [$0] } ?? [] }
        queue = WorkQueue(simulation: simulation, component: component) { [unowned self] _ in self.syncProxyRules() }
        let resync: (any APIObject) -> String? = { [unowned self] _ in self.queue.add(KubeProxy.syncKey) }
        services.addHandlers(add: resync, update: { old, new in old.spec != new.spec || old.status != new.status ? resync(new) : nil }, delete: resync)
        slices.addHandlers(add: resync, update: { old, new in old.endpoints != new.endpoints || old.ports != new.ports ? resync(new) : nil }, delete: resync)
        queue.add(KubeProxy.syncKey)
    }

    /// The rule set the informers' caches call for now.
    private func desiredRules() -> ProxyRuleSet {
        ProxyRuleSet(ports: services.list().flatMap { ServicePortRules.of($0, slices: slices.byIndex("service", $0.key)) })
    }

    /// syncProxyRules: writes the whole rule set again (iptables-restore), then reports what changed.
    private func syncProxyRules() -> StepOutcome {
        let old = rules
        rules = desiredRules()
        let before = Dictionary(old.ports.map { ($0.name + "/" + $0.protocol, $0) }) { first, _ in first }
        let after = Dictionary(rules.ports.map { ($0.name + "/" + $0.protocol, $0) }) { first, _ in first }
        var changes: [String] = []
        // Chain names are hashes of the port's name, so only the ports that changed can add or remove chains.
        var (newChains, oldChains) = (Set<String>(), Set<String>())
        for key in after.keys.sorted() {
            guard let port = after[key], before[key] != port else { continue }
            let endpoints = port.endpoints.isEmpty ? "no endpoints (REJECT)" : port.endpoints.map(\.address).joined(separator: ", ")
            changes.append(before[key] == nil ? "\(port.name) added: \(endpoints)" : "\(port.name): \(endpoints)")
            newChains.formUnion(port.chains)
            oldChains.formUnion(before[key]?.chains ?? [])
        }
        for key in before.keys.sorted() where after[key] == nil {
            guard let port = before[key] else { continue }
            changes.append("\(port.name) removed")
            oldChains.formUnion(port.chains)
        }
        let addedChains = newChains.subtracting(oldChains).sorted()
        let removedChains = oldChains.subtracting(newChains).sorted()
        let nodeName = self.nodeName
        let summary = changes.isEmpty ? "iptables rules unchanged (\(rules.ports.count) service port(s))" : "synced iptables rules: " + changes.joined(separator: "; ")
        return StepOutcome(object: "node/\(nodeName)", summary: summary,
                           explanation: "kube-proxy on \(nodeName) rebuilt the nat and filter tables from its Service and EndpointSlice caches and loaded them with iptables-restore.\n"
                               + (changes.isEmpty ? "no service port changed\n" : changes.map { "changed        \($0)\n" }.joined())
                               + (addedChains.isEmpty ? "" : "new chains     \(addedChains.joined(separator: " "))\n")
                               + (removedChains.isEmpty ? "" : "gone chains    \(removedChains.joined(separator: " "))\n")
                               + "see them with  ssh \(nodeName), then iptables-save -t nat",
                           routine: changes.isEmpty)
    }

    /// What this node's rules do to a new connection to `ip:port` from `source`.
    public enum Verdict {
        /// DNAT to an endpoint, after the chains the packet went through.
        case endpoint(ServicePortRules, ServicePortRules.Endpoint, chains: [String])
        /// The filter table's REJECT for a Service port without endpoints.
        case rejected(ServicePortRules)
        /// No Service rule matched: the packet goes on to `ip` unchanged.
        case unmatched
    }

    /// Follows a connection through KUBE-SERVICES (and KUBE-NODEPORTS when `ip` is this node's own
    /// address), choosing an endpoint as the statistic rules would, with `random`.
    public func route(to ip: String, port: Int32, protocol: String = "tcp", from source: String, nodeAddress: String,
                      random: SeededRandom) -> Verdict {
        let proto = `protocol`.lowercased()
        for rule in rules.ports where rule.protocol == proto {
            var chains: [String]
            if rule.clusterIP == ip, rule.port == port {
                chains = ["KUBE-SERVICES -d \(ip)/32 --dport \(port) (\(rule.name) cluster IP)", rule.serviceChain]
            } else if (rule.externalIPs + rule.loadBalancerIPs).contains(ip), rule.port == port {
                let what = rule.externalIPs.contains(ip) ? "external IP" : "loadbalancer IP"
                chains = ["KUBE-SERVICES -d \(ip)/32 --dport \(port) (\(rule.name) \(what))", rule.externalChain, rule.serviceChain]
            } else if ip == nodeAddress, rule.nodePort == port {
                chains = ["KUBE-SERVICES --dst-type LOCAL → KUBE-NODEPORTS --dport \(port) (\(rule.name))", rule.externalChain, rule.serviceChain]
            } else {
                continue
            }
            guard !rule.endpoints.isEmpty else { return .rejected(rule) }
            let endpoint = choose(rule, from: source, random: random, chains: &chains)
            chains.append("\(rule.endpointChain(endpoint)) → DNAT \(endpoint.address)")
            return .endpoint(rule, endpoint, chains: chains)
        }
        return .unmatched
    }

    /// The endpoint the SVC chain sends a new connection to: a `recent` match first for
    /// session affinity, else each statistic rule in turn (1/n, then 1/(n-1), ... then the last).
    private func choose(_ rule: ServicePortRules, from source: String, random: SeededRandom, chains: inout [String]) -> ServicePortRules.Endpoint {
        let now = client.simulation.now
        let key = "\(source)|\(rule.name)"
        if let seconds = rule.affinitySeconds, let sticky = affinity[key], sticky.until > now, rule.endpoints.contains(sticky.endpoint) {
            affinity[key] = (sticky.endpoint, now + Int64(seconds) * 1000)
            chains.append("recent --rcheck: \(source) stays with \(sticky.endpoint.address) (sessionAffinity ClientIP)")
            return sticky.endpoint
        }
        var chosen = rule.endpoints[rule.endpoints.count - 1]
        for (index, endpoint) in rule.endpoints.enumerated().dropLast() {
            let remaining = rule.endpoints.count - index
            if random.int(below: remaining) == 0 {
                chosen = endpoint
                break
            }
        }
        let place = (rule.endpoints.firstIndex(of: chosen) ?? 0) + 1
        chains.append(rule.endpoints.count == 1 ? "its only endpoint" : "statistic --mode random: endpoint \(place) of \(rule.endpoints.count)")
        if let seconds = rule.affinitySeconds { affinity[key] = (chosen, now + Int64(seconds) * 1000) }
        return chosen
    }
}
