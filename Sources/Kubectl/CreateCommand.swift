import Cluster
import KubeYAML

/// `kubectl create -f`: create every object, failing on the ones that already exist.
struct CreateCommand: KubectlCommand {
    static let name = "create"
    static let fieldManager: String? = "kubectl-create"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("save-config", value: false),
        .init("dry-run"), .init("output", short: "o"), .init("image"), .init("replicas", short: "r", integerBits: 32), .init("port", integerBits: 32),
        .init("schedule"), .init("restart"), .init("from"), .init("tcp"), .init("node-port", integerBits: 64), .init("clusterip"), .init("external-name"),
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
