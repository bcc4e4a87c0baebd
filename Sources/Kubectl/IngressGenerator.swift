import Cluster

/// `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]... [--class=CLASS]
/// [--default-backend=service:port] [--annotation=key=value]...`.
extension CreateCommand {
    static func ingress(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        var spec = IngressSpec()
        spec.ingressClassName = arguments.value("class")
        if let text = arguments.value("default-backend") {
            guard let backend = serviceBackend(text) else {
                throw .message("default-backend should be in format servicename:serviceport")
            }
            spec.defaultBackend = IngressBackend(service: backend)
        }
        var rules: [IngressRule] = []
        var tls: [IngressTLS] = []
        for text in arguments.all("rule") {
            guard let rule = parseRule(text) else {
                throw .message("rule \(text) is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]")
            }
            let path = HTTPIngressPath(path: rule.path, pathType: rule.prefix ? "Prefix" : "Exact", backend: IngressBackend(service: rule.backend))
            let host = rule.host.isEmpty ? nil : rule.host
            if let index = rules.firstIndex(where: { $0.host == host }) {
                rules[index].http?.paths.append(path)
            } else {
                rules.append(IngressRule(host: host, http: HTTPIngressRuleValue(paths: [path])))
            }
            if let secret = rule.tls {
                var entry = IngressTLS()
                entry.hosts = host.map { [$0] }
                entry.secretName = secret.isEmpty ? nil : secret
                if let index = tls.firstIndex(where: { $0.secretName == entry.secretName }) {
                    tls[index].hosts = (tls[index].hosts ?? []) + (entry.hosts ?? [])
                } else {
                    tls.append(entry)
                }
            }
        }
        guard !rules.isEmpty || spec.defaultBackend != nil else {
            throw .message("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)")
        }
        spec.rules = rules.isEmpty ? nil : rules
        spec.tls = tls.isEmpty ? nil : tls
        var metadata = ObjectMeta(name: name)
        if let annotations = try annotations(arguments.all("annotation")) { metadata.annotations = annotations }
        var ingress = Ingress(metadata: metadata, spec: spec)
        ingress.status = IngressStatus(loadBalancer: IngressLoadBalancerStatus(ingress: nil))
        return ingress
    }

    /// `foo.com/bar*=svc:80,tls=secret` → host, path (a trailing `*` makes it a Prefix), backend, TLS secret.
    private static func parseRule(_ text: String) -> (host: String, path: String, prefix: Bool, backend: IngressBackend.ServiceBackend, tls: String?)? {
        var parts = text.split(separator: ",", maxSplits: 1).map(String.init)
        guard let route = parts.first else { return nil }
        var tls: String?
        if parts.count == 2 {
            let option = parts.removeLast()
            guard option == "tls" || option.hasPrefix("tls=") else { return nil }
            tls = option == "tls" ? "" : String(option.dropFirst(4))
        }
        guard let equals = route.lastIndex(of: "="), let slash = route.firstIndex(of: "/"), slash < equals,
              let backend = serviceBackend(String(route[route.index(after: equals)...])) else { return nil }
        let host = String(route[..<slash])
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-.*_".contains($0) }) else { return nil }
        var path = String(route[slash..<equals])
        let prefix = path.hasSuffix("*")
        if prefix { path.removeLast() }
        return (host, path, prefix, backend, tls)
    }

    /// `svc:80` or `svc:http`.
    private static func serviceBackend(_ text: String) -> IngressBackend.ServiceBackend? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        let port = Int32(parts[1]).map { IngressBackend.ServiceBackend.Port(name: nil, number: $0) } ?? .init(name: parts[1], number: nil)
        return IngressBackend.ServiceBackend(name: parts[0], port: port)
    }

    private static func annotations(_ pairs: [String]) throws(KubectlError) -> [String: String]? {
        guard !pairs.isEmpty else { return nil }
        var annotations: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .message("annotation \(pair) is invalid and should be in format key=[value]") }
            annotations[parts[0]] = parts[1]
        }
        return annotations
    }
}
