import Cluster

/// `kubectl describe` for Services and their endpoints, Ingresses and NetworkPolicies.
extension Describer {
    func describeService(_ service: Service) -> [String] {
        let spec = service.spec
        let endpoints = client.get(Endpoints.self, namespace: service.namespace, name: service.name).value
        var lines = ["Name:\t\(service.name)", "Namespace:\t\(service.namespace ?? "")",
                     "Labels:\t\(mapLines(service.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(service))",
                     "Selector:\t\(Printer.labelsText(spec.selector).replacingOccurrences(of: "<none>", with: ""))",
                     "Type:\t\(spec.type ?? "ClusterIP")"]
        if let policy = spec.ipFamilyPolicy { lines.append("IP Family Policy:\t\(policy)") }
        lines.append("IP Families:\t\((spec.ipFamilies ?? []).isEmpty ? "<none>" : (spec.ipFamilies ?? []).joined(separator: ","))")
        lines.append("IP:\t\(spec.clusterIP ?? "")")
        if let ips = spec.clusterIPs, !ips.isEmpty { lines.append("IPs:\t\(ips.joined(separator: ","))") }
        if let external = spec.externalIPs, !external.isEmpty { lines.append("External IPs:\t\(external.joined(separator: ","))") }
        if spec.type == "ExternalName" { lines.append("External Name:\t\(spec.externalName ?? "")") }
        if let ingress = service.status?.loadBalancer?.ingress, !ingress.isEmpty {
            let addresses = ingress.map { ($0.ip ?? $0.hostname ?? "") + ($0.ipMode.map { " (\($0))" } ?? "") }
            lines.append("LoadBalancer Ingress:\t\(addresses.joined(separator: ", "))")
        }
        for port in spec.ports ?? [] {
            let name = port.name.flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>"
            let proto = port.protocol ?? "TCP"
            lines.append("Port:\t\(name)\t\(port.port)/\(proto)")
            lines.append("TargetPort:\t\(port.targetPort.map { "\($0)" } ?? String(port.port))/\(proto)")
            if let nodePort = port.nodePort, nodePort != 0 { lines.append("NodePort:\t\(name)\t\(nodePort)/\(proto)") }
            lines.append("Endpoints:\t\(Printer.endpointsText(endpoints, portName: port.name ?? ""))")
        }
        lines.append("Session Affinity:\t\(spec.sessionAffinity ?? "None")")
        if let policy = spec.externalTrafficPolicy { lines.append("External Traffic Policy:\t\(policy)") }
        if let policy = spec.internalTrafficPolicy { lines.append("Internal Traffic Policy:\t\(policy)") }
        return lines
    }

    func describeEndpoints(_ endpoints: Endpoints) -> [String] {
        var lines = header(endpoints) + ["Annotations:\t\(annotationLines(endpoints))", "Subsets:"]
        for subset in endpoints.subsets ?? [] {
            lines.append("  Addresses:\t\((subset.addresses ?? []).isEmpty ? "<none>" : (subset.addresses ?? []).map(\.ip).joined(separator: ","))")
            lines.append("  NotReadyAddresses:\t\((subset.notReadyAddresses ?? []).isEmpty ? "<none>" : (subset.notReadyAddresses ?? []).map(\.ip).joined(separator: ","))")
            lines += ["  Ports:", "    Name\tPort\tProtocol", "    ----\t----\t--------"]
            lines += (subset.ports ?? []).map { "    \($0.name.flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>")\t\($0.port)\t\($0.protocol ?? "TCP")" }
            lines.append("")
        }
        return lines
    }

    func describeIngress(_ ingress: Ingress) -> [String] {
        let defaultBackend = ingress.spec.defaultBackend.map { backendText($0, namespace: ingress.namespace) } ?? "<default>"
        var lines = ["Name:\t\(ingress.name)", "Labels:\t\(mapLines(ingress.metadata.labels, indent: 0))", "Namespace:\t\(ingress.namespace ?? "")",
                     "Address:\t\(Printer.addressText(ingress))", "Ingress Class:\t\(ingress.spec.ingressClassName ?? "<none>")",
                     "Default backend:\t\(defaultBackend)"]
        if let tls = ingress.spec.tls, !tls.isEmpty {
            lines.append("TLS:")
            lines += tls.map { "  \($0.secretName ?? "SNI") terminates \(($0.hosts ?? []).joined(separator: ","))" }
        }
        lines += ["Rules:", "  Host\tPath\tBackends", "  ----\t----\t--------"]
        let rules = (ingress.spec.rules ?? []).filter { $0.http != nil }
        for rule in rules {
            lines.append("  \(rule.host.flatMap { $0.isEmpty ? nil : $0 } ?? "*")\t")
            lines += (rule.http?.paths ?? []).map { "    \t\($0.path ?? "") \t\(backendText($0.backend, namespace: ingress.namespace))" }
        }
        if rules.isEmpty { lines.append("  *\t*\t\(defaultBackend)") }
        lines.append("Annotations:\t\(annotationLines(ingress))")
        return lines
    }

    /// `web:80 (10.244.1.2:80,10.244.2.3:80)`: a backend with the endpoints of its Service port.
    private func backendText(_ backend: IngressBackend, namespace: String?) -> String {
        guard let backendService = backend.service else { return backend.text }
        guard let endpoints = client.get(Endpoints.self, namespace: namespace, name: backendService.name).value else {
            return "\(backend.text) (<error: endpoints \"\(backendService.name)\" not found>)"
        }
        guard let service = client.get(Service.self, namespace: namespace, name: backendService.name).value else {
            return "\(backend.text)(<error: services \"\(backendService.name)\" not found>)"
        }
        let port = (service.spec.ports ?? []).last { port in
            if let number = backendService.port?.number, number != 0 { return number == port.port }
            return !(backendService.port?.name ?? "").isEmpty && backendService.port?.name == port.name
        }
        return "\(backend.text) (\(Printer.endpointsText(endpoints, portName: port?.name ?? "")))"
    }

    func describeNetworkPolicy(_ policy: NetworkPolicy) -> [String] {
        let spec = policy.spec
        var lines = ["Name:\t\(policy.name)", "Namespace:\t\(policy.namespace ?? "")",
                     "Created on:\t\(policy.metadata.creationTimestamp?.goString ?? "")",
                     "Labels:\t\(mapLines(policy.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(policy))", "Spec:"]
        let selector = spec.podSelector ?? LabelSelector()
        lines.append("  PodSelector:     " + (selector.isEmpty ? "<none> (Allowing the specific traffic to all pods in this namespace)" : selector.text))
        if spec.governs("Ingress") {
            lines.append("  Allowing ingress traffic:")
            lines += policyRules((spec.ingress ?? []).map { ($0.ports, $0.from) }, peerLabel: "From", direction: "ingress", unrestricted: "source")
        } else {
            lines.append("  Not affecting ingress traffic")
        }
        if spec.governs("Egress") {
            lines.append("  Allowing egress traffic:")
            lines += policyRules((spec.egress ?? []).map { ($0.ports, $0.to) }, peerLabel: "To", direction: "egress", unrestricted: "destination")
        } else {
            lines.append("  Not affecting egress traffic")
        }
        lines.append("  Policy Types: \((spec.policyTypes ?? []).joined(separator: ", "))")
        return lines
    }

    /// The rules of one direction, as kubectl's printNetworkPolicySpecIngressFrom prints them.
    private func policyRules(_ rules: [([NetworkPolicyPort]?, [NetworkPolicyPeer]?)], peerLabel: String, direction: String, unrestricted: String) -> [String] {
        let indent = "    "
        guard !rules.isEmpty else { return ["\(indent)<none> (Selected pods are isolated for \(direction) connectivity)"] }
        var lines: [String] = []
        for (index, (ports, peers)) in rules.enumerated() {
            if let ports, !ports.isEmpty {
                lines += ports.map { "\(indent)To Port: \($0.port.map { "\($0)" } ?? "<nil>")/\($0.protocol ?? "TCP")" }
            } else {
                lines.append("\(indent)To Port: <any> (traffic allowed to all ports)")
            }
            if let peers, !peers.isEmpty {
                for peer in peers {
                    lines.append("\(indent)\(peerLabel):")
                    if let namespaces = peer.namespaceSelector { lines.append("\(indent)  NamespaceSelector: \(selectorText(namespaces))") }
                    if let pods = peer.podSelector { lines.append("\(indent)  PodSelector: \(selectorText(pods))") }
                    if peer.podSelector == nil, peer.namespaceSelector == nil, let block = peer.ipBlock {
                        lines += ["\(indent)  IPBlock:", "\(indent)    CIDR: \(block.cidr)", "\(indent)    Except: \((block.except ?? []).joined(separator: ", "))"]
                    }
                }
            } else {
                lines.append("\(indent)\(peerLabel): <any> (traffic not restricted by \(unrestricted))")
            }
            if index != rules.count - 1 { lines.append("\(indent)----------") }
        }
        return lines
    }

    /// metav1.FormatLabelSelector: `<none>` for an empty selector.
    private func selectorText(_ selector: LabelSelector) -> String { selector.isEmpty ? "<none>" : selector.text }
}
