import ClientKit

/// CoreDNS's kubernetes plugin: it watches Services and EndpointSlices and answers for names
/// under cluster.local. A Service's name gets its cluster IP, a headless Service's name its
/// ready endpoints, a Pod of a headless Service its own `hostname.service` name, and an
/// ExternalName Service a CNAME. The answers reach a Pod only through the kube-dns Service,
/// so they need a running CoreDNS Pod behind it.
public final class CoreDNS {
    public static let component = "coredns"
    public static let clusterDomain = "cluster.local"
    /// The kube-dns Service's cluster IP: every Pod's nameserver.
    public static let serviceIP = "10.96.0.10"
    let services: Informer<Service>
    let slices: Informer<EndpointSlice>

    public enum Answer: Equatable {
        case addresses([String])
        case canonicalName(String)
        /// No such name in the cluster zone.
        case nameError
        /// A name outside cluster.local, for the upstream resolver (the node's /etc/resolv.conf).
        case upstream
    }

    public init(server: APIServer, simulation: Simulation) {
        let client = Client(component: CoreDNS.component, user: .controller("coredns"), server: server, simulation: simulation)
        services = Informer(client: client)
        slices = Informer(client: client)
        slices.addIndex("service") { $0.serviceKey.map { [$0] } ?? [] }
    }

    /// Answers an A query for the fully qualified `name`.
    public func resolve(_ name: String) -> Answer {
        let labels = name.lowercased().split(separator: ".").map(String.init)
        let zone = CoreDNS.clusterDomain.split(separator: ".").map(String.init)
        guard labels.count > zone.count, Array(labels.suffix(zone.count)) == zone else { return .upstream }
        let local = Array(labels.dropLast(zone.count))
        // <service>.<namespace>.svc or <hostname>.<service>.<namespace>.svc
        if local.last == "svc", local.count == 3 || local.count == 4 {
            let (namespace, serviceName) = (local[local.count - 2], local[local.count - 3])
            guard let service = services.get("\(namespace)/\(serviceName)") else { return .nameError }
            if service.spec.type == "ExternalName", let target = service.spec.externalName { return local.count == 3 ? .canonicalName(target) : .nameError }
            let endpoints = slices.byIndex("service", service.key).flatMap { $0.endpoints ?? [] }.filter { $0.conditions?.ready ?? true }
            if local.count == 4 {
                let addresses = endpoints.filter { $0.hostname == local[0] }.flatMap(\.addresses)
                return addresses.isEmpty ? .nameError : .addresses(addresses)
            }
            if service.isHeadless {
                let addresses = endpoints.flatMap(\.addresses).sorted { $0.ipv4Precedes($1) }
                return addresses.isEmpty ? .nameError : .addresses(addresses)
            }
            return service.spec.clusterIP.map { .addresses([$0]) } ?? .nameError
        }
        // <a-b-c-d>.<namespace>.pod: the dashed address itself.
        if local.count == 3, local.last == "pod" {
            let address = local[0].replacingOccurrences(of: "-", with: ".")
            return IPv4Range.number(address) != nil ? .addresses([address]) : .nameError
        }
        return .nameError
    }
}
