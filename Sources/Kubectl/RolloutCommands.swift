import Cluster
import KubeYAML

/// `kubectl set image TYPE/NAME CONTAINER=IMAGE ... [--record]`.
struct SetCommand: KubectlCommand {
    static let name = "set"
    static let flags: [Arguments.Flag] = [.init("record", value: false), .init("all", value: false), .init("selector", short: "l"),
                                          .init("dry-run"), .init("output", short: "o")]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard arguments.positionals.first == "image" else {
            throw .message("kubectl set \(arguments.positionals.first ?? "") is not simulated yet; kubectl set image is")
        }
        let words = Array(arguments.positionals.dropFirst())
        let assignments = words.filter { $0.contains("=") }
        let targets = try kubectl.targets(words.filter { !$0.contains("=") }, verb: "set image")
        guard !assignments.isEmpty else { throw .usage("at least one image update is required") }
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
            guard let object = kubectl.cluster.server.get(type, namespace: namespace, name: name) else {
                throw .raw(Kubectl.serverError(.notFound(type, name)))
            }
            let spec: PodSpec?
            switch object {
            case let deployment as Deployment: spec = deployment.spec.template?.spec
            case let rs as ReplicaSet: spec = rs.spec.template?.spec
            case let set as StatefulSet: spec = set.spec.template?.spec
            case let daemonSet as DaemonSet: spec = daemonSet.spec.template?.spec
            case let job as Job: spec = job.spec.template?.spec
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
                patch["metadata"] = .object(["annotations": .object(["kubernetes.io/change-cause": .string(kubectl.commandLine)])])
            }
            let request = APIRequest(verb: .patch, type: type, namespace: namespace, name: name, patch: .object(patch),
                                     patchType: .strategic, user: .kubernetesAdmin)
            kubectl.send(request) { result in
                switch result {
                case .success: kubectl.console.out("\(type.qualifiedSingular)/\(name) image updated")
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
    }
}

/// `kubectl rollout status|history|undo|pause|resume|restart deployment/NAME`.
struct RolloutCommand: KubectlCommand {
    static let name = "rollout"
    static let flags: [Arguments.Flag] = [.init("to-revision"), .init("revision"), .init("watch", short: "w"), .init("timeout")]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let action = arguments.positionals.first else {
            throw .usage("Required resource not specified.")
        }
        guard ["status", "history", "undo", "pause", "resume", "restart"].contains(action) else {
            throw .raw("Error: unknown command \"\(action)\" for \"kubectl rollout\"")
        }
        let namespace = kubectl.namespace(arguments)
        for (type, name) in try kubectl.targets(Array(arguments.positionals.dropFirst()), verb: "rollout \(action)") {
            guard let name else { throw .raw("error: resource(s) were provided, but no name was specified") }
            guard type == Deployment.type else {
                throw .raw("error: no \(action == "status" ? "status viewer" : "rollbacker") has been implemented for \(type.qualifiedSingular == "replicaset.apps" ? "ReplicaSet" : type.kind)")
            }
            guard let deployment = kubectl.cluster.server.get(Deployment.self, namespace: namespace, name: name) else {
                throw .raw(Kubectl.serverError(.notFound(type, name)))
            }
            let label = "deployment.apps/\(name)"
            switch action {
            case "status": status(name, namespace: namespace, kubectl: kubectl)
            case "history": try history(deployment, revision: arguments.int("revision"), kubectl: kubectl)
            case "undo": try undo(deployment, to: arguments.int("to-revision") ?? 0, kubectl: kubectl)
            case "pause", "resume":
                let pause = action == "pause"
                guard (deployment.spec.paused ?? false) != pause else {
                    throw .raw("error: \(label) is \(pause ? "already paused" : "not paused")")
                }
                patch(deployment, ["spec": .object(["paused": pause ? .bool(true) : .null])], done: "\(label) \(pause ? "paused" : "resumed")", kubectl: kubectl)
            default:
                let stamp = kubectl.cluster.server.now.rfc3339
                patch(deployment, ["spec": .object(["template": .object(["metadata": .object(["annotations": .object(["kubectl.kubernetes.io/restartedAt": .string(stamp)])])])])],
                      done: "\(label) restarted", kubectl: kubectl)
            }
        }
    }

    private func patch(_ deployment: Deployment, _ body: [String: JSONValue], done: String, kubectl: Kubectl) {
        let request = APIRequest(verb: .patch, type: Deployment.type, namespace: deployment.namespace, name: deployment.name,
                                 patch: .object(body), patchType: .strategic, user: .kubernetesAdmin)
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out(done)
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }

    /// Prints what `rollout status` would print as it watches; when kubectl may wait, the
    /// virtual clock moves on until the rollout finishes or its progress deadline passes.
    private func status(_ name: String, namespace: String, kubectl: Kubectl) {
        var last = ""
        let deadline = kubectl.cluster.simulation.now + 15 * 60 * 1000
        while true {
            guard let deployment = kubectl.cluster.server.get(Deployment.self, namespace: namespace, name: name) else { return }
            let (message, finished, failed) = RolloutCommand.statusMessage(deployment)
            if message != last {
                failed ? kubectl.console.err(message) : kubectl.console.out(message)
                last = message
            }
            guard !finished, kubectl.mayWait, kubectl.cluster.simulation.now < deadline else { return }
            kubectl.cluster.simulation.advance(by: 1000)
        }
    }

    /// kubectl's DeploymentStatusViewer: the message, whether it is final, whether it is an error.
    static func statusMessage(_ deployment: Deployment) -> (String, Bool, Bool) {
        let name = deployment.name
        let status = deployment.status
        let replicas = Int(deployment.spec.replicas ?? 1)
        if (status?.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0) {
            return ("Waiting for deployment spec update to be observed...", false, false)
        }
        if deployment.condition("Progressing")?.reason == "ProgressDeadlineExceeded" {
            return ("error: deployment \"\(name)\" exceeded its progress deadline", true, true)
        }
        let updated = Int(status?.updatedReplicas ?? 0)
        let total = Int(status?.replicas ?? 0)
        let available = Int(status?.availableReplicas ?? 0)
        if updated < replicas {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(replicas) new replicas have been updated...", false, false)
        }
        if total > updated {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(total - updated) old replicas are pending termination...", false, false)
        }
        if available < updated {
            return ("Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...", false, false)
        }
        return ("deployment \"\(name)\" successfully rolled out", true, false)
    }

    private func revisions(of deployment: Deployment, kubectl: Kubectl) -> [(Int, ReplicaSet)] {
        kubectl.cluster.server.list(ReplicaSet.self, namespace: deployment.namespace)
            .filter { $0.metadata.controllerRef?.uid == deployment.metadata.uid }
            .compactMap { rs in rs.revision.map { ($0, rs) } }
            .sorted { $0.0 < $1.0 }
    }

    private func history(_ deployment: Deployment, revision: Int?, kubectl: Kubectl) throws(KubectlError) {
        let all = revisions(of: deployment, kubectl: kubectl)
        if let revision {
            guard let rs = all.first(where: { $0.0 == revision })?.1 else {
                throw .raw("error: unable to find the specified revision")
            }
            let template = (rs.spec.template ?? PodTemplateSpec()).withoutHashLabel
            let text = Manifest.yaml((try? Codec.json(template)) ?? .null).trimmingTrailing("\n")
            kubectl.console.out("deployment.apps/\(deployment.name) with revision #\(revision)\nPod Template:\n"
                                + text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            return
        }
        let rows = all.map { [String($0.0), $0.1.metadata.annotations?["kubernetes.io/change-cause"] ?? "<none>"] }
        kubectl.console.out("deployment.apps/\(deployment.name) \n" + TabWriter.table(["REVISION", "CHANGE-CAUSE"], rows) + "\n")
    }

    private func undo(_ deployment: Deployment, to revision: Int, kubectl: Kubectl) throws(KubectlError) {
        let all = revisions(of: deployment, kubectl: kubectl)
        let target: ReplicaSet
        if revision > 0 {
            guard let found = all.first(where: { $0.0 == revision })?.1 else {
                throw .raw("error: unable to find specified revision \(revision) in history")
            }
            target = found
        } else {
            guard all.count >= 2 else { throw .raw("error: no rollout history found for deployment \"\(deployment.name)\"") }
            target = all[all.count - 2].1
        }
        let template = (target.spec.template ?? PodTemplateSpec()).withoutHashLabel
        if template == deployment.spec.template?.withoutHashLabel {
            kubectl.console.out("deployment.apps/\(deployment.name) skipped rollback (current template already matches revision \(revision > 0 ? revision : all[all.count - 2].0))")
            return
        }
        var updated = deployment
        updated.spec.template = template
        if let cause = target.metadata.annotations?["kubernetes.io/change-cause"] {
            updated.metadata.annotations = (updated.metadata.annotations ?? [:]).merging(["kubernetes.io/change-cause": cause]) { $1 }
        }
        kubectl.send(.update(updated, user: .kubernetesAdmin)) { result in
            switch result {
            case .success: kubectl.console.out("deployment.apps/\(deployment.name) rolled back")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }
}

