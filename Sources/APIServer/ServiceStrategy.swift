import KubeModel
import SimCore

/// The API server's rules for Services: defaults, and the ClusterIP and NodePort allocators.
struct ServiceStrategy: Strategy {
    typealias Object = Service
    static let serviceTypes = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    /// The service CIDR kubeadm uses (10.96.0.0/12) and the default NodePort range.
    static let clusterIPBase: UInt32 = 10 << 24 | 96 << 16
    static let clusterIPCount: UInt32 = 1 << 20
    static let nodePorts: ClosedRange<Int32> = 30000...32767

    func prepareForCreate(_ service: inout Service, _ context: inout AdmissionContext) {
        if service.spec.type == nil { service.spec.type = "ClusterIP"; context.defaulted.append("type=ClusterIP") }
        if service.spec.sessionAffinity == nil { service.spec.sessionAffinity = "None" }
        ServiceStrategy.prepare(&service, old: nil, &context)
        service.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
    }

    func prepareForUpdate(_ service: inout Service, old: Service, _ context: inout AdmissionContext) {
        ServiceStrategy.dropTypeDependentFields(&service.spec, old: old.spec)
        ServiceStrategy.prepare(&service, old: old, &context)
    }

    /// Defaults, then the allocators: a cluster IP unless the Service is an ExternalName, node
    /// ports for NodePort and LoadBalancer Services. A requested address or port another Service
    /// holds is refused with the allocator's error.
    private static func prepare(_ service: inout Service, old: Service?, _ context: inout AdmissionContext) {
        var spec = service.spec
        let type = spec.type ?? "ClusterIP"
        let external = type == "NodePort" || type == "LoadBalancer"
        if type != "ExternalName" {
            if spec.internalTrafficPolicy == nil { spec.internalTrafficPolicy = "Cluster" }
            if spec.ipFamilies == nil { spec.ipFamilies = ["IPv4"] }
            if spec.ipFamilyPolicy == nil { spec.ipFamilyPolicy = "SingleStack" }
        }
        if external, spec.externalTrafficPolicy == nil { spec.externalTrafficPolicy = "Cluster" }
        for index in (spec.ports ?? []).indices {
            guard var port = spec.ports?[index] else { continue }
            if port.protocol == nil { port.protocol = "TCP" }
            if port.targetPort == nil { port.targetPort = .int(Int(port.port)) }
            spec.ports?[index] = port
        }
        let others = context.stored(Service.type, nil).compactMap { $0 as? Service }
            .filter { $0.metadata.uid != service.metadata.uid }
        if type != "ExternalName" {
            if spec.clusterIP == nil || spec.clusterIP == "" {
                let used = Set(others.compactMap(\.spec.clusterIP))
                spec.clusterIP = allocateClusterIP(avoiding: used, random: context.random[.clusterIPs])
                context.admission.append("ClusterIP allocator: \(spec.clusterIP ?? "")")
            } else if let address = spec.clusterIP, address != old?.spec.clusterIP, !service.isHeadless,
                      others.contains(where: { $0.spec.clusterIP == address }) {
                context.errors.append(FieldError("spec.clusterIPs", .invalid(value: "[]string{\"\(address)\"}",
                                                                          detail: "failed to allocate IP \(address): provided IP is already allocated")))
            }
            spec.clusterIPs = [spec.clusterIP ?? "None"]
        }
        if external {
            var used = Set(others.flatMap { ($0.spec.ports ?? []).compactMap(\.nodePort) })
            let kept = Set((old?.spec.ports ?? []).compactMap(\.nodePort))
            for index in (spec.ports ?? []).indices {
                if let requested = spec.ports?[index].nodePort {
                    if !kept.contains(requested), !used.insert(requested).inserted {
                        context.errors.append(FieldError("spec.ports[\(index)].nodePort",
                                                         .invalid(value: String(requested), detail: "provided port is already allocated")))
                    }
                    continue
                }
                let port = allocateNodePort(avoiding: used, random: context.random[.nodePorts])
                used.insert(port)
                spec.ports?[index].nodePort = port
                context.admission.append("NodePort allocator: \(port)")
            }
        }
        service.spec = spec
    }

    /// What an update that changes the type leaves behind and the new type may not have: node
    /// ports and the external traffic policy when a Service stops being NodePort or
    /// LoadBalancer, the cluster IP when it becomes an ExternalName (unless the update set them).
    private static func dropTypeDependentFields(_ spec: inout ServiceSpec, old: ServiceSpec) {
        let type = spec.type ?? "ClusterIP"
        guard type != (old.type ?? "ClusterIP") else { return }
        if type != "NodePort", type != "LoadBalancer" {
            for index in (spec.ports ?? []).indices {
                guard let nodePort = spec.ports?[index].nodePort, old.ports?.contains(where: { $0.nodePort == nodePort }) == true else { continue }
                spec.ports?[index].nodePort = nil
            }
            if spec.externalTrafficPolicy == old.externalTrafficPolicy { spec.externalTrafficPolicy = nil }
        }
        if type == "ExternalName", spec.clusterIP == old.clusterIP {
            spec.clusterIP = nil
            spec.clusterIPs = nil
            spec.ipFamilies = nil
            spec.ipFamilyPolicy = nil
            spec.internalTrafficPolicy = nil
        }
    }

    /// A random free address of the service CIDR, skipping the network address and 10.96.0.1
    /// (the `kubernetes` Service's, given out explicitly).
    static func allocateClusterIP(avoiding used: Set<String>, random: SeededRandom) -> String {
        for _ in 0..<64 {
            let offset = UInt32(random.int(below: Int(clusterIPCount - 2))) + 2
            let address = IPv4Range.text(clusterIPBase + offset)
            if !used.contains(address) { return address }
        }
        var offset: UInt32 = 2
        while used.contains(IPv4Range.text(clusterIPBase + offset)), offset < clusterIPCount - 1 { offset += 1 }
        return IPv4Range.text(clusterIPBase + offset)
    }

    static func allocateNodePort(avoiding used: Set<Int32>, random: SeededRandom) -> Int32 {
        let size = Int(nodePorts.upperBound - nodePorts.lowerBound + 1)
        var port = nodePorts.lowerBound + Int32(random.int(below: size))
        while used.contains(port) { port = port == nodePorts.upperBound ? nodePorts.lowerBound : port + 1 }
        return port
    }

    func validate(_ service: Service) -> [FieldError] {
        var errors: [FieldError] = []
        let type = service.spec.type ?? "ClusterIP"
        if !ServiceStrategy.serviceTypes.contains(type) {
            errors.append(FieldError("spec.type", .unsupported(value: type, supported: ServiceStrategy.serviceTypes)))
        }
        let ports = service.spec.ports ?? []
        if ports.isEmpty, type != "ExternalName", !service.isHeadless { errors.append(FieldError("spec.ports", .required())) }
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            let field = "spec.ports[\(index)]"
            if ports.count > 1, (port.name ?? "").isEmpty { errors.append(FieldError("\(field).name", .required())) }
            if let name = port.name, !name.isEmpty, !names.insert(name).inserted { errors.append(FieldError("\(field).name", .duplicate(value: name))) }
            errors += NameRules.validatePort(Int(port.port), field: "\(field).port")
            errors += NameRules.validateProtocol(port.protocol, field: "\(field).protocol")
            if port.nodePort != nil, type == "ClusterIP" {
                errors.append(FieldError("\(field).nodePort", .forbidden("may not be used when `type` is 'ClusterIP'")))
            } else if let nodePort = port.nodePort, !ServiceStrategy.nodePorts.contains(nodePort) {
                errors.append(FieldError("\(field).nodePort", .invalid(value: String(nodePort), detail: "provided port is not in the valid range. The range of valid ports is 30000-32767")))
            }
        }
        if service.isHeadless, type == "NodePort" || type == "LoadBalancer" {
            errors.append(FieldError("spec.clusterIPs[0]", .invalid(value: "\"None\"", detail: "may not be set to 'None' for \(type) services")))
        }
        if type == "ExternalName" {
            if let name = service.spec.externalName, !name.isEmpty {
                errors += NameRules.validateObjectName(name, field: "spec.externalName")
            } else {
                errors.append(FieldError("spec.externalName", .required()))
            }
        }
        errors += NameRules.validateLabels(service.spec.selector, field: "spec.selector")
        return errors
    }

    /// spec.clusterIP is fixed once allocated (an ExternalName has none to keep).
    func validateUpdate(_ new: Service, old: Service) -> [FieldError] {
        var errors = validate(new)
        if new.spec.clusterIP != old.spec.clusterIP, new.spec.type != "ExternalName", old.spec.type != "ExternalName" {
            errors.append(FieldError("spec.clusterIPs[0]", .invalid(value: "[]string{\"\(new.spec.clusterIP ?? "")\"}", detail: "may not change once set")))
        }
        return errors
    }

}
