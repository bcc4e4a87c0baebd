import Cluster

/// `kubectl replace -f FILE [--force]`: the object as the file has it (a PUT). With `--force`,
/// kubectl deletes the object, watches until it is gone and creates it again: the way to
/// change what an update may not, such as most of a Pod's spec after `kubectl edit` refused it.
struct ReplaceCommand: KubectlCommand {
    static let name = "replace"
    static let fieldManager: String? = "kubectl-replace"
    static let flags: [Arguments.Flag] = [.init("filename", short: "f"), .init("recursive", short: "R", value: false),
                                          .init("force", value: false), .init("grace-period", integerBits: 64)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let grace = try arguments.int("grace-period").flatMap { $0 < 0 ? nil : Int64($0) }
        for document in try kubectl.readManifests(arguments, stdin: stdin) {
            switch document.result {
            case .failure(let error): kubectl.console.err(error.message)
            case .success(var object):
                object.metadata.namespace = object.type.namespaced ? object.metadata.namespace ?? kubectl.namespace(arguments) : nil
                if arguments.bool("force") {
                    forceReplace(object, grace: grace, kubectl: kubectl)
                } else {
                    replace(object, kubectl: kubectl)
                }
            }
        }
    }

    private func replace(_ object: any APIObject, kubectl: Kubectl) {
        kubectl.send(.update(object, user: .kubernetesAdmin)) { result in
            switch result {
            case .success: kubectl.console.out("\(object.type.qualifiedSingular)/\(object.name) replaced")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }

    /// Deletes, and creates again once the watch reports the object gone.
    private func forceReplace(_ object: any APIObject, grace: Int64?, kubectl: Kubectl) {
        let client = kubectl.client
        var fresh = object
        fresh.metadata.resourceVersion = nil
        fresh.metadata.uid = nil
        fresh.metadata.creationTimestamp = nil
        fresh.metadata.deletionTimestamp = nil
        let label = "\(object.type.qualifiedSingular)/\(object.name)"
        let create = {
            kubectl.send(.create(fresh, user: .kubernetesAdmin)) { result in
                switch result {
                case .success: kubectl.console.out("\(label) replaced")
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
        guard client.get(object.type, namespace: object.namespace, name: object.name).value != nil else { return create() }
        var watch: Int?
        watch = client.server.watch(object.type, component: "kubectl", objectKey: object.key) { event in
            guard event.type == .deleted else {
                return StepOutcome(object: label, summary: "kubectl replace --force waits for \(label) to be deleted", routine: true)
            }
            if let watch { client.server.stopWatching(watch) }
            create()
            return StepOutcome(object: label, summary: "\(label) is gone: kubectl replace --force creates it again from the file")
        }
        let request = APIRequest(verb: .delete, type: object.type, namespace: object.namespace, name: object.name,
                                 user: .kubernetesAdmin, gracePeriodSeconds: grace)
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out("\(object.type.qualifiedSingular) \"\(object.name)\" deleted")
            case .failure(let error):
                if let watch { client.server.stopWatching(watch) }
                kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }
}
