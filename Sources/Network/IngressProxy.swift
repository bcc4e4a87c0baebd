import ClientKit
import IngressController
import NodeAgents

/// The nginx inside an ingress-nginx controller Pod: it picks a route as `IngressRouter` says,
/// then opens a connection of its own from the controller Pod straight to one of the backend
/// Service's ready endpoints (ingress-nginx balances over endpoints, not the cluster IP).
extension Network {
    func proxyIngress(_ listener: Listener, host: String, path: String, hops: [String]) -> Trip {
        var hops = hops
        let parts = listener.pod.split(separator: "/").map(String.init)
        guard parts.count == 2, let controller = nginx.get(Pod.self, namespace: parts[0], name: parts[1]).value else {
            return Trip(hops: hops, outcome: .answered(listener, Network.nginxError("502 Bad Gateway")))
        }
        let classes = nginx.list(IngressClass.self).value ?? []
        let ingresses = nginx.list(Ingress.self).value ?? []
        let router = IngressRouter(ingresses: ingresses.filter { IngressNginxController.serves($0, classes: classes) })
        guard let route = router.route(host: host, path: path) else {
            hops.append("ingress-nginx: no Ingress rule matches host \(host), path \(path) → its default backend answers 404")
            return Trip(hops: hops, outcome: .answered(listener, Network.nginxError("404 Not Found")))
        }
        let namespace = route.ingress.namespace ?? "default"
        let backend = "\(route.backend.name):\(route.backend.port?.number.map(String.init) ?? route.backend.port?.name ?? "")"
        let matched = "ingress-nginx: Host \(host), path \(path) matches Ingress \(route.ingress.key) rule \(route.rule) → Service \(backend)"
        let servicePort = nginx.get(Service.self, namespace: namespace, name: route.backend.name).value?.spec.ports?.first { port in
            if let number = route.backend.port?.number { return port.port == number }
            return port.name == route.backend.port?.name
        }
        let slices = nginx.list(EndpointSlice.self, namespace: namespace).value ?? []
        let endpoints = slices.filter { $0.serviceKey == "\(namespace)/\(route.backend.name)" }
            .flatMap { slice -> [(ip: String, port: Int32)] in
                guard let port = slice.ports?.first(where: { ($0.name ?? "") == (servicePort?.name ?? "") })?.port else { return [] }
                return (slice.endpoints ?? []).filter { $0.conditions?.ready ?? true }.compactMap { $0.addresses.first.map { ($0, port) } }
            }
            .sorted { $0.ip.ipv4Precedes($1.ip) }
        guard servicePort != nil, !endpoints.isEmpty else {
            hops.append(matched + (servicePort == nil ? ", which does not exist" : ", which has no ready endpoints") + " → 503")
            return Trip(hops: hops, outcome: .answered(listener, Network.nginxError("503 Service Temporarily Unavailable")))
        }
        let upstream = endpoints[random.int(below: endpoints.count)]
        hops.append(matched + " → upstream \(upstream.ip):\(upstream.port)" + (route.path == path ? "" : ", path rewritten to \(route.path)"))
        let next = request(upstream.ip, port: upstream.port, path: route.path, from: .pod(controller))
        hops += next.hops
        switch next.outcome {
        case .answered: return Trip(hops: hops, outcome: next.outcome)
        case .timedOut: return Trip(hops: hops, outcome: .answered(listener, Network.nginxError("504 Gateway Time-out")))
        case .refused, .unresolved: return Trip(hops: hops, outcome: .answered(listener, Network.nginxError("502 Bad Gateway")))
        }
    }

    /// nginx's own error page.
    static func nginxError(_ status: String) -> Listener.Reply {
        .http(status: status, server: "nginx",
              body: "<html>\n<head><title>\(status)</title></head>\n<body>\n<center><h1>\(status)</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n")
    }
}
