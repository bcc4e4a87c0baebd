import Cluster
import KubeYAML

/// `kubectl delete TYPE NAME | -f FILE | --all | -l SELECTOR`.
struct DeleteCommand: KubectlCommand {
    static let name = "delete"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("all", value: false), .init("selector", short: "l"), .init("grace-period", integerBits: 64),
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
