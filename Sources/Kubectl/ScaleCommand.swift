import Cluster

/// `kubectl scale rs|deploy|sts NAME --replicas=N`.
struct ScaleCommand: KubectlCommand {
    static let name = "scale"
    static let flags: [Arguments.Flag] = [.init("replicas"), .init("current-replicas"), .init("filename", short: "f"),
                                          .init("selector", short: "l"), .init("all", value: false)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let replicas = try arguments.int("replicas") else { throw .requiredFlags(["replicas"]) }
        guard replicas >= 0 else { throw .message("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0") }
        guard replicas <= Int(Int32.max) else {
            throw .flag("invalid argument \"\(replicas)\" for \"--replicas\" flag: strconv.ParseInt: parsing \"\(replicas)\": value out of range")
        }
        let targets = try kubectl.targets(arguments.positionals, verb: "scale")
        for (type, name) in targets {
            guard let name else { throw .raw("error: resource(s) were provided, but no name was specified") }
            guard ["ReplicaSet", "Deployment", "StatefulSet"].contains(type.kind) else {
                throw .raw("error: no scaler has been implemented for {\"\(type.group)\" \"\(type.kind)\"}")
            }
            if let expected = try arguments.int("current-replicas"),
               let current = kubectl.client.get(type, namespace: kubectl.namespace(arguments), name: name).value,
               let replicas = (current as? any Scalable)?.scaleReplicas, Int(replicas) != expected {
                throw .raw("error: Expected replicas to be \(expected), was \(replicas)")
            }
            let request = APIRequest(verb: .patch, type: type, namespace: kubectl.namespace(arguments), name: name, subresource: "scale",
                                     patch: .object(["spec": .object(["replicas": .int(Int64(replicas))])]), patchType: .merge, user: .kubernetesAdmin)
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(type.qualifiedSingular)/\(name) scaled")
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
    }
}
