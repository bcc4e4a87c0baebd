import KubeModel

/// The API server's rules for NetworkPolicies: policyTypes and port protocols are defaulted.
struct NetworkPolicyStrategy: Strategy {
    typealias Object = NetworkPolicy
    var tracksGeneration: Bool { true }
    static let directions = ["Egress", "Ingress"]

    func prepareForCreate(_ policy: inout NetworkPolicy, _ context: inout AdmissionContext) {
        NetworkPolicyStrategy.applyDefaults(&policy.spec, &context)
    }

    func prepareForUpdate(_ policy: inout NetworkPolicy, old: NetworkPolicy, _ context: inout AdmissionContext) {
        NetworkPolicyStrategy.applyDefaults(&policy.spec, &context)
    }

    /// Without policyTypes a policy restricts ingress, and egress too when it has egress rules.
    private static func applyDefaults(_ spec: inout NetworkPolicySpec, _ context: inout AdmissionContext) {
        if spec.podSelector == nil { spec.podSelector = LabelSelector() }
        if spec.policyTypes?.isEmpty ?? true {
            spec.policyTypes = ["Ingress"] + ((spec.egress ?? []).isEmpty ? [] : ["Egress"])
            context.defaulted.append("policyTypes=\(spec.policyTypes?.joined(separator: ",") ?? "")")
        }
        func withProtocols(_ ports: [NetworkPolicyPort]?) -> [NetworkPolicyPort]? {
            ports?.map { port in
                var port = port
                if port.protocol == nil { port.protocol = "TCP" }
                return port
            }
        }
        spec.ingress = spec.ingress?.map { rule in
            var rule = rule
            rule.ports = withProtocols(rule.ports)
            return rule
        }
        spec.egress = spec.egress?.map { rule in
            var rule = rule
            rule.ports = withProtocols(rule.ports)
            return rule
        }
    }

    func validate(_ policy: NetworkPolicy) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, type) in (policy.spec.policyTypes ?? []).enumerated() where !NetworkPolicyStrategy.directions.contains(type) {
            errors.append(FieldError("spec.policyTypes[\(index)]", .unsupported(value: type, supported: NetworkPolicyStrategy.directions)))
        }
        for (index, rule) in (policy.spec.ingress ?? []).enumerated() {
            errors += validate(peers: rule.from, ports: rule.ports, path: "spec.ingress[\(index)]", peerField: "from")
        }
        for (index, rule) in (policy.spec.egress ?? []).enumerated() {
            errors += validate(peers: rule.to, ports: rule.ports, path: "spec.egress[\(index)]", peerField: "to")
        }
        return errors
    }

    private func validate(peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?, path: String, peerField: String) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, peer) in (peers ?? []).enumerated() {
            let field = "\(path).\(peerField)[\(index)]"
            let given = [peer.podSelector != nil, peer.namespaceSelector != nil, peer.ipBlock != nil].filter { $0 }.count
            if given == 0 { errors.append(FieldError(field, .required("must specify a peer"))) }
            if let block = peer.ipBlock {
                if given > 1 { errors.append(FieldError(field, .forbidden("may not specify both ipBlock and another peer"))) }
                if IPv4Range(cidr: block.cidr) == nil {
                    errors.append(FieldError("\(field).ipBlock.cidr", .invalid(value: "\"\(block.cidr)\"", detail: "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")))
                }
            }
        }
        for (index, port) in (ports ?? []).enumerated() {
            let field = "\(path).ports[\(index)]"
            errors += NameRules.validateProtocol(port.protocol, field: "\(field).protocol")
            if case .int(let number) = port.port { errors += NameRules.validatePort(number, field: "\(field).port") }
        }
        return errors
    }
}

/// The API server's rules for Ingresses, with the DefaultIngressClass admission plugin: an
/// Ingress that names no class gets the default IngressClass.
struct IngressStrategy: Strategy {
    typealias Object = Ingress
    var tracksGeneration: Bool { true }
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    func prepareForCreate(_ ingress: inout Ingress, _ context: inout AdmissionContext) {
        if ingress.spec.ingressClassName == nil,
           let defaultClass = context.stored(IngressClass.type, nil).compactMap({ $0 as? IngressClass }).first(where: \.isDefault) {
            ingress.spec.ingressClassName = defaultClass.name
            context.admission.append("DefaultIngressClass: ingressClassName=\(defaultClass.name)")
        }
        ingress.status = IngressStatus(loadBalancer: IngressLoadBalancerStatus(ingress: nil))
    }

    func validate(_ ingress: Ingress) -> [FieldError] {
        var errors: [FieldError] = []
        let rules = ingress.spec.rules ?? []
        if rules.isEmpty, ingress.spec.defaultBackend == nil {
            errors.append(FieldError("spec", .invalid(value: "{}", detail: "either `defaultBackend` or `rules` must be specified")))
        }
        if let backend = ingress.spec.defaultBackend { errors += validate(backend, field: "spec.defaultBackend") }
        for (ruleIndex, rule) in rules.enumerated() {
            if let host = rule.host, !host.isEmpty, !NameRules.isSubdomain(host.hasPrefix("*.") ? String(host.dropFirst(2)) : host) {
                errors.append(FieldError("spec.rules[\(ruleIndex)].host", .invalid(value: "\"\(host)\"", detail: NameRules.subdomainMessage)))
            }
            for (pathIndex, path) in (rule.http?.paths ?? []).enumerated() {
                let field = "spec.rules[\(ruleIndex)].http.paths[\(pathIndex)]"
                if let type = path.pathType {
                    if !IngressStrategy.pathTypes.contains(type) {
                        errors.append(FieldError("\(field).pathType", .unsupported(value: type, supported: IngressStrategy.pathTypes)))
                    } else if type != "ImplementationSpecific", !(path.path ?? "").hasPrefix("/") {
                        errors.append(FieldError("\(field).path", .invalid(value: "\"\(path.path ?? "")\"", detail: "must be an absolute path")))
                    }
                } else {
                    errors.append(FieldError("\(field).pathType", .required("pathType must be specified")))
                }
                errors += validate(path.backend, field: "\(field).backend")
            }
        }
        return errors
    }

    private func validate(_ backend: IngressBackend, field: String) -> [FieldError] {
        guard let service = backend.service else {
            return backend.resource == nil ? [FieldError(field, .invalid(value: "\"\"", detail: "resource or service backend is required"))] : []
        }
        var errors = service.name.isEmpty ? [FieldError("\(field).service.name", .required())] : []
        if service.port?.number == nil, (service.port?.name ?? "").isEmpty {
            errors.append(FieldError("\(field).service.port", .invalid(value: "\"\"", detail: "port name or number is required")))
        }
        return errors
    }
}

/// The API server's rules for IngressClasses: the controller is required and fixed.
struct IngressClassStrategy: Strategy {
    typealias Object = IngressClass

    func validate(_ ingressClass: IngressClass) -> [FieldError] {
        (ingressClass.spec.controller ?? "").isEmpty ? [FieldError("spec.controller", .required())] : []
    }

    func validateUpdate(_ new: IngressClass, old: IngressClass) -> [FieldError] {
        var errors = validate(new)
        if new.spec.controller != old.spec.controller { errors.append(FieldError("spec.controller", .invalid(value: "\"\(new.spec.controller ?? "")\"", detail: "field is immutable"))) }
        return errors
    }
}
