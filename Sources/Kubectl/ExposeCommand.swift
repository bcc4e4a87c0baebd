import Cluster

/// `kubectl expose (TYPE NAME | TYPE/NAME | -f FILE) [--port] [--target-port] [--type] [--name]`:
/// a Service whose selector is the workload's (or the Pod's labels) and whose port, when not
/// given, is the first container port.
struct ExposeCommand: KubectlCommand {
    static let name = "expose"
    static let fieldManager: String? = "kubectl-expose"
    static let flags: [Arguments.Flag] = [
        .init("port"), .init("target-port"), .init("type"), .init("name"), .init("protocol"), .init("selector"),
        .init("labels", short: "l"), .init("external-ip"), .init("cluster-ip"), .init("session-affinity"),
        .init("filename", short: "f"), .init("dry-run"), .init("output", short: "o"),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let object = try source(arguments, kubectl: kubectl, stdin: stdin)
        var spec = ServiceSpec()
        spec.selector = try selector(of: object, arguments)
        spec.ports = try ports(of: object, arguments)
        if let type = arguments.value("type") {
            guard let canonical = CreateCommand.serviceTypes[type.lowercased()] else {
                throw .raw("The Service \"\(arguments.value("name") ?? object.name)\" is invalid: spec.type: Unsupported value: \"\(type)\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")
            }
            spec.type = canonical
        }
        spec.clusterIP = arguments.value("cluster-ip")
        spec.sessionAffinity = arguments.value("session-affinity")
        if let addresses = arguments.value("external-ip") { spec.externalIPs = addresses.split(separator: ",").map(String.init) }
        let labels = try Arguments.labels(arguments.value("labels")) ?? object.metadata.labels
        var service = Service(metadata: ObjectMeta(name: arguments.value("name") ?? object.name, labels: labels), spec: spec)
        service.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
        try kubectl.submit(service, arguments: arguments, verb: "exposed")
    }

    /// The one object to expose: named on the command line or read from `-f`.
    private func source(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) -> any APIObject {
        let object: any APIObject
        if arguments.has("filename") {
            guard let document = try kubectl.readManifests(arguments, stdin: stdin).first else {
                throw .message("no objects passed to expose")
            }
            switch document.result {
            case .failure(let error): throw .raw(error.message)
            case .success(let read): object = read
            }
        } else {
            guard !arguments.positionals.isEmpty else {
                throw .noResources
            }
            let targets = try kubectl.targets(arguments.positionals, verb: "expose")
            guard targets.count == 1, let (type, name) = targets.first, let name else {
                throw .raw("error: resource(s) were provided, but no name was specified")
            }
            guard let found = kubectl.client.get(type, namespace: kubectl.namespace(arguments), name: name).value else {
                throw .raw(Kubectl.serverError(.notFound(type, name)))
            }
            object = found
        }
        guard [Pod.type, Service.type, Deployment.type, ReplicaSet.type].contains(object.type) else {
            throw .message("cannot expose a \(object.type.kind)\(object.type.group.isEmpty ? "" : "." + object.type.group)")
        }
        return object
    }

    private func selector(of object: any APIObject, _ arguments: Arguments) throws(KubectlError) -> [String: String] {
        if let given = try Arguments.labels(arguments.value("selector")) { return given }
        if let pod = object as? Pod {
            guard let labels = pod.metadata.labels, !labels.isEmpty else {
                throw .message("couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed")
            }
            return labels
        }
        guard let selector = Kubectl.podSelector(of: object) else {
            throw .message("couldn't retrieve selectors via --selector flag or introspection: the \(object.type.kind) has no selector")
        }
        if let expressions = selector.matchExpressions, !expressions.isEmpty {
            throw .message("couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - \"\(selector.text)\", to map-based selector format")
        }
        return selector.matchLabels ?? [:]
    }

    /// `--port` (one or several, comma-separated), else the ports of the object's containers (or
    /// of the Service); the target is `--target-port`, else the port itself.
    private func ports(of object: any APIObject, _ arguments: Arguments) throws(KubectlError) -> [ServicePort] {
        var numbers: [String]
        if let given = arguments.value("port") {
            numbers = given.split(separator: ",").map(String.init)
        } else if let service = object as? Service {
            numbers = (service.spec.ports ?? []).map { String($0.port) }
        } else {
            let spec = (object as? Pod)?.spec ?? (object as? any PodSelecting)?.podTemplate?.spec
            numbers = (spec?.containers ?? []).flatMap { ($0.ports ?? []).map { String($0.containerPort) } }
        }
        guard !numbers.isEmpty else { throw .message("couldn't find port via --port flag or introspection") }
        var ports: [ServicePort] = []
        for (index, text) in numbers.enumerated() {
            guard let number = Int32(text) else {
                throw .message("strconv.Atoi: parsing \"\(text)\": invalid syntax")
            }
            var port = ServicePort(port: number)
            if numbers.count > 1 { port.name = "port-\(index + 1)" }
            port.protocol = arguments.value("protocol") ?? "TCP"
            port.targetPort = arguments.value("target-port").map { Int($0).map(IntOrString.int) ?? .string($0) } ?? .int(Int(number))
            ports.append(port)
        }
        return ports
    }
}
