import Cluster

/// `kubectl describe` for Services and their endpoints.
extension Describer {
    func describeService(_ service: Service) -> [String] {
        let spec = service.spec
        let endpoints = server.get(Endpoints.self, namespace: service.namespace, name: service.name)
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
}
