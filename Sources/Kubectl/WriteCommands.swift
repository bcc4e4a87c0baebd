import Cluster
import Foundation
import KubeYAML

/// `kubectl apply -f`: create what is missing, patch what differs (three-way, against the
/// last-applied-configuration annotation), leave the rest unchanged.
struct ApplyCommand: KubectlCommand {
    static let name = "apply"
    static let flags: [Arguments.Flag] = [.init("filename", short: "f"), .init("recursive", short: "R", value: false),
                                          .init("record", value: false), .init("dry-run"), .init("output", short: "o")]
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        let dryRun = arguments.value("dry-run").map { $0 != "none" } ?? false
        var errors: [String] = []
        for document in documents {
            switch document.result {
            case .failure(let error): errors.append(error.message)
            case .success(let object): apply(object, source: document.source, kubectl: kubectl, namespace: kubectl.namespace(arguments), dryRun: dryRun)
            }
        }
        for error in errors { kubectl.console.err(error) }
    }

    private func apply(_ object: any APIObject, source: JSONValue, kubectl: Kubectl, namespace: String, dryRun: Bool) {
        var object = object
        let type = object.type
        let namespace = type.namespaced ? (object.metadata.namespace ?? namespace) : nil
        let label = "\(type.qualifiedSingular)/\(object.name)"
        let configuration = source.render(indent: "")
        if let current = kubectl.cluster.server.get(type, namespace: namespace, name: object.name) {
            let previous = current.metadata.annotations?[ApplyCommand.lastApplied].flatMap(parseJSON)
            var desired = source
            if case .object(var fields) = desired {
                var metadata = fields["metadata"]?.objectValue ?? [:]
                var annotations = metadata["annotations"]?.objectValue ?? [:]
                annotations[ApplyCommand.lastApplied] = .string(configuration + "\n")
                metadata["annotations"] = .object(annotations)
                fields["metadata"] = .object(metadata)
                desired = .object(fields)
            }
            guard let currentJSON = try? Codec.json(current) else { return }
            var patch = StrategicMerge.threeWayPatch(lastApplied: previous, desired: desired, current: currentJSON)
            if case .object(var fields) = patch { fields["apiVersion"] = nil; fields["kind"] = nil; patch = .object(fields) }
            if patch == .object([:]) {
                kubectl.console.out("\(label) unchanged\(dryRun ? " (dry run)" : "")")
                return
            }
            let request = APIRequest(verb: .patch, type: type, namespace: namespace, name: object.name, patch: patch,
                                     patchType: .strategic, user: .kubernetesAdmin, dryRun: dryRun)
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(label) configured\(dryRun ? " (dry run)" : "")")
                case .failure(let error):
                    kubectl.console.err(Kubectl.serverError(error, context: "error when applying patch:\n\(patch.render(indent: ""))\n\nto:\nResource: \"\(type.group.isEmpty ? "" : type.group + "/")\(type.version), Resource=\(type.plural)\", GroupVersionKind: \"\(type.group.isEmpty ? "" : type.group + "/")\(type.version), Kind=\(type.kind)\"\nName: \"\(object.name)\", Namespace: \"\(namespace ?? "")\"\nfor: \"\(object.name)\""))
                }
            }
            return
        }
        var annotations = object.metadata.annotations ?? [:]
        annotations[ApplyCommand.lastApplied] = configuration + "\n"
        object.metadata.annotations = annotations
        var request = APIRequest.create(object, user: .kubernetesAdmin)
        request.namespace = namespace
        request.dryRun = dryRun
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out("\(label) created\(dryRun ? " (server dry run)" : "")")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error, context: error.reason == "Invalid" ? nil : "error when creating \"\(object.name)\""))
            }
        }
    }

    private func parseJSON(_ text: String) -> JSONValue? {
        (try? Manifest.parse(text, source: "annotation"))?.first?.source
    }
}

/// `kubectl create -f`: create every object, failing on the ones that already exist.
struct CreateCommand: KubectlCommand {
    static let name = "create"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("save-config", value: false),
        .init("dry-run"), .init("output", short: "o"), .init("image"), .init("replicas", short: "r"), .init("port"),
        .init("schedule"), .init("restart"), .init("from"), .init("tcp"), .init("node-port"), .init("clusterip"), .init("external-name"),
        .init("rule"), .init("class"), .init("default-backend"), .init("annotation"),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if let kind = arguments.positionals.first, kind == "service" || kind == "svc" {
            return try kubectl.submit(try CreateCommand.service(Array(arguments.positionals.dropFirst()), arguments), arguments: arguments)
        }
        if let kind = arguments.positionals.first {
            guard let generator = CreateCommand.generators[kind] else {
                throw .message("kubectl create \(kind) is not simulated yet; write a manifest and use kubectl create -f")
            }
            guard arguments.positionals.count == 2 else { throw .usage("exactly one NAME is required, got \(arguments.positionals.count - 1)") }
            return try kubectl.submit(try generator(arguments.positionals[1], arguments, kubectl), arguments: arguments)
        }
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        var errors: [String] = []
        for document in documents {
            switch document.result {
            case .failure(let error): errors.append(error.message)
            case .success(let object):
                var request = APIRequest.create(object, user: .kubernetesAdmin)
                if object.type.namespaced { request.namespace = object.metadata.namespace ?? kubectl.namespace(arguments) }
                let source = request.type.qualifiedSingular
                kubectl.send(request) { result in
                    switch result {
                    case .success(let created): kubectl.console.out("\(source)/\(created.name) created")
                    case .failure(let error):
                        kubectl.console.err(Kubectl.serverError(error, context: error.reason == "Invalid" ? nil : "error when creating \"\(arguments.all("filename").first ?? "")\""))
                    }
                }
            }
        }
        for error in errors { kubectl.console.err(error) }
    }
}

/// `kubectl run NAME --image=IMAGE [-- COMMAND...]`: one Pod.
struct RunCommand: KubectlCommand {
    static let name = "run"
    static let flags: [Arguments.Flag] = [
        .init("image"), .init("labels", short: "l"), .init("port"), .init("restart"), .init("env"), .init("command", value: false),
        .init("dry-run"), .init("output", short: "o"), .init("image-pull-policy"),
        .init("rm", value: false), .init("stdin", short: "i", value: false), .init("tty", short: "t", value: false),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let name = arguments.positionals.first else {
            throw .usage("NAME is required for run")
        }
        guard let image = arguments.value("image"), !image.isEmpty else {
            throw .requiredFlags(["image"])
        }
        let labels = try Arguments.labels(arguments.value("labels")) ?? ["run": name]
        var container = Container(name: name, image: image)
        let extra = arguments.trailing + Array(arguments.positionals.dropFirst())
        if arguments.bool("command") { container.command = extra } else if !extra.isEmpty { container.args = extra }
        if let port = try arguments.int("port") { container.ports = [ContainerPort(containerPort: Int32(clamping: port))] }
        container.imagePullPolicy = arguments.value("image-pull-policy")
        let env = arguments.all("env").compactMap { pair -> EnvVar? in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? EnvVar(name: parts[0], value: parts[1]) : nil
        }
        if !env.isEmpty { container.env = env }
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: kubectl.namespace(arguments), labels: labels), spec: PodSpec(containers: [container]))
        pod.spec.restartPolicy = arguments.value("restart") ?? "Always"
        pod.spec.dnsPolicy = "ClusterFirst"
        try kubectl.submit(pod, arguments: arguments)
    }
}

/// `kubectl delete TYPE NAME | -f FILE | --all | -l SELECTOR`.
struct DeleteCommand: KubectlCommand {
    static let name = "delete"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("all", value: false), .init("selector", short: "l"), .init("grace-period"),
        .init("force", value: false), .init("now", value: false), .init("cascade"), .init("wait", value: false),
        .init("ignore-not-found", value: false), .init("all-namespaces", short: "A", value: false), .init("recursive", short: "R", value: false),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        var targets: [(ResourceType, String?, String)] = []
        let namespace = kubectl.namespace(arguments)
        if arguments.has("filename") {
            for document in try kubectl.readManifests(arguments, stdin: stdin) {
                switch document.result {
                case .failure(let error): kubectl.console.err(error.message)
                case .success(let object): targets.append((object.type, object.metadata.namespace ?? namespace, object.name))
                }
            }
        } else {
            let named = try kubectl.targets(arguments.positionals, verb: "delete")
            for (type, name) in named {
                if let name {
                    targets.append((type, namespace, name))
                } else if arguments.bool("all") || arguments.has("selector") {
                    let scope = arguments.bool("all-namespaces") ? nil : namespace
                    let objects = try kubectl.list(type, namespace: type.namespaced ? scope : nil, labelSelector: arguments.value("selector") ?? "")
                    if objects.isEmpty { kubectl.console.out("No resources found") }
                    targets += objects.map { (type, $0.metadata.namespace, $0.name) }
                } else {
                    throw .raw("error: resource(s) were provided, but no name was specified")
                }
            }
        }
        // kubectl's rules: a negative period means "the object's own", --now means 1, and 0 means 1
        // unless --force asks for an immediate deletion.
        var grace: Int64? = try arguments.int("grace-period").flatMap { $0 < 0 ? nil : Int64($0) }
        if arguments.bool("now") { grace = 1 }
        if arguments.bool("force") { grace = grace ?? 0 } else if grace == 0 { grace = 1 }
        if arguments.bool("force") && grace == 0 {
            kubectl.console.warn("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")
        }
        let policy: PropagationPolicy?
        switch arguments.value("cascade") ?? "background" {
        case "background", "true": policy = .background
        case "foreground": policy = .foreground
        case "orphan", "false": policy = .orphan
        case let other: throw .message("invalid cascade value (\(other)). Must be \"background\", \"foreground\", or \"orphan\"")
        }
        for (type, objectNamespace, name) in targets {
            let request = APIRequest(verb: .delete, type: type, namespace: objectNamespace, name: name, user: .kubernetesAdmin,
                                     gracePeriodSeconds: grace, propagationPolicy: policy)
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(type.qualifiedSingular) \"\(name)\" \(arguments.bool("force") && grace == 0 ? "force deleted" : "deleted")")
                case .failure(let error):
                    if error.reason == "NotFound", arguments.bool("ignore-not-found") { return }
                    kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
    }
}

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
               let current = kubectl.cluster.server.get(type, namespace: kubectl.namespace(arguments), name: name),
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

/// `kubectl logs POD [-c CONTAINER] [--previous]`, fetched from the kubelet.
struct LogsCommand: KubectlCommand {
    static let name = "logs"
    static let flags: [Arguments.Flag] = [.init("container", short: "c"), .init("previous", short: "p", value: false),
                                          .init("follow", short: "f", value: false), .init("tail"), .init("timestamps", value: false),
                                          .init("all-containers", value: false), .init("selector", short: "l"), .init("prefix", value: false)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let namespace = kubectl.namespace(arguments)
        let server = kubectl.cluster.server
        if let text = arguments.value("selector") {
            let pods = try kubectl.list(Pod.type, namespace: namespace, labelSelector: text).compactMap { $0 as? Pod }
            if pods.isEmpty { kubectl.console.err("No resources found in \(namespace) namespace.") }
            for pod in pods { try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: arguments.bool("prefix")) }
            return
        }
        guard let target = arguments.positionals.first else {
            throw .usage("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command")
        }
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, let type = Catalog.type(named: parts[0])?.type, type != Pod.type {
            guard let owner = server.get(type, namespace: namespace, name: parts[1]) else { throw .raw(Kubectl.serverError(.notFound(type, parts[1]))) }
            let selector = Kubectl.podSelector(of: owner)
            let pods = server.list(Pod.self, namespace: namespace).filter { selector?.matches($0.labels) == true }
                .sorted { ($0.metadata.creationTimestamp?.seconds ?? 0, $0.name) < ($1.metadata.creationTimestamp?.seconds ?? 0, $1.name) }
            guard let pod = pods.first else { throw .raw("error: timed out waiting for the condition") }
            if pods.count > 1 { kubectl.console.err("Found \(pods.count) pods, using pod/\(pod.name)") }
            return try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: false)
        }
        let name = parts.count == 2 ? parts[1] : target
        guard let pod = server.get(Pod.self, namespace: namespace, name: name) else {
            throw .raw(Kubectl.serverError(.notFound(Pod.type, name)))
        }
        try printLogs(pod, arguments: arguments, kubectl: kubectl, prefix: arguments.bool("prefix"))
    }

    private func printLogs(_ pod: Pod, arguments: Arguments, kubectl: Kubectl, prefix: Bool) throws(KubectlError) {
        let name = pod.name
        let names = pod.spec.containers.map(\.name)
        let container = arguments.value("container") ?? (names.count == 1 ? names.first : nil)
        guard let container else {
            throw .raw("error: a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]")
        }
        guard names.contains(container) else {
            throw .raw("error: container \(container) is not valid for pod \(name)")
        }
        let status = pod.status?.containerStatuses?.first { $0.name == container }
        guard status?.containerID != nil,
              let lines = kubectl.cluster.logs(namespace: pod.namespace ?? "default", pod: name, container: container, previous: arguments.bool("previous")) else {
            if arguments.bool("previous") {
                throw .raw("Error from server (BadRequest): previous terminated container \"\(container)\" in pod \"\(name)\" not found")
            }
            let waiting = status?.state?.waiting?.reason ?? "ContainerCreating"
            let reason = waiting.contains("Image") ? "trying and failing to pull image" : waiting
            throw .raw("Error from server (BadRequest): container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)")
        }
        var shown = lines
        if let tail = try arguments.int("tail"), tail >= 0 { shown = Array(lines.suffix(tail)) }
        if prefix { shown = shown.map { "[pod/\(name)/\(container)] \($0)" } }
        if !shown.isEmpty { kubectl.console.out(shown.joined(separator: "\n")) }
    }
}
