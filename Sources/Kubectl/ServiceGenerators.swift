import Cluster
import KubeYAML

/// `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME`: a Service
/// selecting `app=NAME`, its ports from `--tcp=PORT[:TARGET]`.
extension CreateCommand {
    static let serviceTypes = ["clusterip": "ClusterIP", "nodeport": "NodePort", "loadbalancer": "LoadBalancer", "externalname": "ExternalName"]

    /// `kubectl create service` without a type it knows: cobra's errors for the group.
    static func serviceTypeError(_ words: some Collection<String>) -> KubectlError {
        guard !words.isEmpty else {
            return .raw("error: a service type is required: clusterip, externalname, loadbalancer or nodeport\nSee 'kubectl create service -h' for help and examples")
        }
        return .raw("error: unknown command \"\(words.joined(separator: " "))\"\nSee 'kubectl create service -h' for help and examples")
    }

    /// The generator of `kubectl create service TYPE NAME`.
    static func service(_ type: String) -> Generator {
        { name, arguments, _ throws(KubectlError) in try service(type: type, name: name, arguments) }
    }

    private static func service(type: String, name: String, _ arguments: Arguments) throws(KubectlError) -> Service {
        var spec = ServiceSpec()
        spec.type = type
        spec.selector = ["app": name]
        spec.ports = try tcpPorts(arguments.all("tcp").flatMap { $0.split(separator: ",").map(String.init) })
        if let nodePort = try arguments.int("node-port"), nodePort > 0 {
            for index in (spec.ports ?? []).indices { spec.ports?[index].nodePort = Int32(clamping: nodePort) }
        }
        switch type {
        case "ExternalName":
            let externalName = arguments.value("external-name") ?? ""
            guard NameRules.isSubdomain(externalName) else { throw .message("invalid service external name \(externalName)") }
            spec.externalName = externalName
        case "ClusterIP":
            spec.clusterIP = arguments.value("clusterip")
            if spec.ports?.isEmpty ?? true, spec.clusterIP != "None" { throw .message("at least one tcp port specifier must be provided") }
        default:
            if spec.ports?.isEmpty ?? true { throw .message("at least one tcp port specifier must be provided") }
        }
        if spec.ports?.isEmpty == true { spec.ports = nil }
        var service = Service(metadata: ObjectMeta(name: name, labels: ["app": name]), spec: spec)
        service.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
        return service
    }

    /// `--tcp` values: `80` (port and target 80, named "80") or `5678:8080` (named "5678-8080");
    /// a target that is not a number is a named container port.
    private static func tcpPorts(_ specs: [String]) throws(KubectlError) -> [ServicePort] {
        var ports: [ServicePort] = []
        for text in specs {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let port = UInt16(parts[0]) else {
                throw .message("strconv.ParseUint: parsing \"\(parts[0])\": invalid syntax")
            }
            var servicePort = ServicePort(port: Int32(port))
            servicePort.protocol = "TCP"
            if parts.count == 2 {
                servicePort.name = "\(port)-\(parts[1])"
                servicePort.targetPort = Int(parts[1]).map { .int($0) } ?? .string(parts[1])
            } else {
                servicePort.name = String(port)
                servicePort.targetPort = .int(Int(port))
            }
            ports.append(servicePort)
        }
        return ports
    }
}
