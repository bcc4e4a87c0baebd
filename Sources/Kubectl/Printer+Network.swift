import Cluster

extension Printer {
    /// `kubectl get` for Services, Endpoints, EndpointSlices, Ingresses, IngressClasses and NetworkPolicies.
    static func networkTable(for type: ResourceType, objects: [any APIObject], wide: Bool, now: Int64) -> Table {
        switch type {
        case Service.type:
            var header = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
            if wide { header.append("SELECTOR") }
            return Table(header: header, rows: objects.compactMap { $0 as? Service }.map { service in
                let ports = (service.spec.ports ?? []).map { port in
                    (port.nodePort ?? 0) > 0 ? "\(port.port):\(port.nodePort ?? 0)/\(port.protocol ?? "TCP")" : "\(port.port)/\(port.protocol ?? "TCP")"
                }
                var row = [service.name, service.spec.type ?? "ClusterIP", service.spec.clusterIPs?.first ?? "<none>", externalIPText(service),
                           ports.isEmpty ? "<none>" : ports.joined(separator: ","), age(service, now: now)]
                if wide { row.append(labelsText(service.spec.selector)) }
                return row
            })
        case Ingress.type:
            return Table(header: ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], rows: objects.compactMap { $0 as? Ingress }.map { ingress in
                let hosts = (ingress.spec.rules ?? []).compactMap { $0.host.flatMap { $0.isEmpty ? nil : $0 } }
                let ports = (ingress.spec.tls ?? []).isEmpty ? "80" : "80, 443"
                return [ingress.name, ingress.spec.ingressClassName ?? "<none>", hosts.isEmpty ? "*" : firstThree(hosts, unset: "*"),
                        addressText(ingress), ports, age(ingress, now: now)]
            })
        case IngressClass.type:
            return Table(header: ["NAME", "CONTROLLER", "PARAMETERS", "AGE"], rows: objects.compactMap { $0 as? IngressClass }.map { ingressClass in
                let parameters = ingressClass.spec.parameters.map { "\($0.apiGroup.map { "\($0)/" } ?? "")\($0.kind)/\($0.name)" }
                return [ingressClass.name, ingressClass.spec.controller ?? "", parameters ?? "<none>", age(ingressClass, now: now)]
            })
        case NetworkPolicy.type:
            return Table(header: ["NAME", "POD-SELECTOR", "AGE"], rows: objects.compactMap { $0 as? NetworkPolicy }.map { policy in
                [policy.name, policy.spec.podSelector.map { $0.isEmpty ? "<none>" : $0.text } ?? "<none>", age(policy, now: now)]
            })
        default: break
        }
        if type == EndpointSlice.type {
            return Table(header: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], rows: objects.compactMap { $0 as? EndpointSlice }.map { slice in
                let ports = (slice.ports ?? []).map { $0.port.map(String.init) ?? $0.name ?? "*" }
                let addresses = (slice.endpoints ?? []).flatMap(\.addresses)
                return [slice.name, slice.addressType, firstThree(ports, unset: "<unset>"), firstThree(addresses, unset: "<unset>"), age(slice, now: now)]
            })
        }
        return Table(header: ["NAME", "ENDPOINTS", "AGE"], rows: objects.compactMap { $0 as? Endpoints }.map { endpoints in
            [endpoints.name, endpointsText(endpoints), age(endpoints, now: now)]
        })
    }

    /// kubectl's formatEndpoints: `ip:port` of each ready address for each port (only the ports
    /// named `portName` when given), the first three and `+ N more...`; `<none>` without subsets.
    static func endpointsText(_ endpoints: Endpoints?, portName: String? = nil) -> String {
        guard let subsets = endpoints?.subsets, !subsets.isEmpty else { return "<none>" }
        var items: [String] = []
        for subset in subsets {
            let addresses = (subset.addresses ?? []).map(\.ip)
            guard let ports = subset.ports, !ports.isEmpty else { items += addresses; continue }
            for port in ports where portName == nil || (port.name ?? "") == portName {
                items += addresses.map { "\($0):\(port.port)" }
            }
        }
        return firstThree(items, unset: "")
    }

    /// EXTERNAL-IP: a LoadBalancer's ingress addresses (`<pending>` until the cloud gives one),
    /// an ExternalName's name, else the external IPs.
    static func externalIPText(_ service: Service) -> String {
        let externalIPs = service.spec.externalIPs ?? []
        switch service.spec.type {
        case "ExternalName": return service.spec.externalName ?? ""
        case "LoadBalancer":
            let addresses = service.loadBalancerIngressIPs + externalIPs
            return addresses.isEmpty ? "<pending>" : addresses.joined(separator: ",")
        default: return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        }
    }

    /// An Ingress's ADDRESS: the addresses its controller published.
    static func addressText(_ ingress: Ingress) -> String {
        (ingress.status?.loadBalancer?.ingress ?? []).compactMap { $0.ip ?? $0.hostname }.joined(separator: ",")
    }

    /// The first three items and `+ N more...`, as kubectl shortens address lists.
    static func firstThree(_ items: [String], unset: String) -> String {
        let text = items.prefix(3).joined(separator: ",")
        if items.count > 3 { return "\(text) + \(items.count - 3) more..." }
        return text.isEmpty ? unset : text
    }
}
