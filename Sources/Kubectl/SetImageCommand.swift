import Cluster
import KubeYAML

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE ... [--record] [--dry-run=client|server] [-o yaml|json|name]`.
struct SetImageCommand: SetSubcommand {
    static let name = "image"
    static let flags: [Arguments.Flag] = [.init("record", value: false), .init("dry-run"), .init("output", short: "o")]

    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let assignments = words.filter { $0.contains("=") }
        let targets = try kubectl.targets(words.filter { !$0.contains("=") }, verb: "set image")
        guard !assignments.isEmpty else { throw .usage("at least one image update is required") }
        let dryRun = try arguments.dryRun()
        let format = arguments.value("output")
        /// What kubectl prints for the patched object: the object itself with -o, else its name and what happened.
        func report(_ object: any APIObject, suffix: String) {
            let source = "\(object.type.qualifiedSingular)/\(object.name)"
            if let format, format != "name" { kubectl.console.out(Printer.render(object, format: format)) } else {
                kubectl.console.out(source + (format == "name" ? "" : " image updated\(suffix)"))
            }
        }
        var containers: [JSONValue] = []
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw .message("invalid image update: \(assignment)") }
            containers.append(.object(["name": .string(parts[0]), "image": .string(parts[1])]))
        }
        if arguments.bool("record") {
            kubectl.console.out("Flag --record has been deprecated, --record will be removed in the future")
        }
        for (type, name) in targets {
            guard let name else { throw .raw("error: resource(s) were provided, but no name was specified") }
            let namespace = kubectl.namespace(arguments)
            guard let object = kubectl.client.get(type, namespace: namespace, name: name).value else {
                throw .raw(Kubectl.serverError(.notFound(type, name)))
            }
            let spec: PodSpec?
            switch object {
            case let workload as any PodSelecting: spec = workload.podTemplate?.spec
            case let pod as Pod: spec = pod.spec
            default: throw .message("\(type.qualifiedSingular)/\(name) has no pod template")
            }
            let known = Set((spec?.containers ?? []).map(\.name))
            for container in containers {
                let wanted = container["name"]?.stringValue ?? ""
                if wanted != "*", !known.contains(wanted) {
                    throw .raw("error: unable to find container named \"\(wanted)\"")
                }
            }
            let list: JSONValue = .array(containers.flatMap { container -> [JSONValue] in
                guard container["name"]?.stringValue == "*" else { return [container] }
                return known.sorted().map { .object(["name": .string($0), "image": container["image"] ?? .null]) }
            })
            var patch: [String: JSONValue] = object is Pod
                ? ["spec": .object(["containers": list])]
                : ["spec": .object(["template": .object(["spec": .object(["containers": list])])])]
            if arguments.bool("record") {
                patch["metadata"] = .object(["annotations": .object([Kubectl.changeCause: .string(kubectl.commandLine)])])
            }
            if dryRun == "client" {
                // kubectl patches its own copy and sends nothing.
                guard let patched = applying(.object(patch), to: object) else {
                    throw .message("unable to apply the patch to \(type.qualifiedSingular)/\(name)")
                }
                report(patched, suffix: " (dry run)")
                continue
            }
            var request = APIRequest(verb: .patch, type: type, namespace: namespace, name: name, patch: .object(patch),
                                     patchType: .strategic, user: .kubernetesAdmin)
            request.dryRun = dryRun == "server"
            kubectl.send(request) { result in
                switch result {
                case .success(let updated): report(updated, suffix: request.dryRun ? " (server dry run)" : "")
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
    }

    /// The object with a strategic merge patch applied, as a client-side dry run shows it.
    private func applying<Object: APIObject>(_ patch: JSONValue, to object: Object) -> Object? {
        guard let original = try? Codec.json(object) else { return nil }
        return try? Codec.decode(Object.self, from: StrategicMerge.apply(patch, to: original))
    }
}
