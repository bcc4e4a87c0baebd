import Cluster

/// `kubectl rollout status|history|undo|pause|resume|restart TYPE/NAME` for Deployments,
/// DaemonSets and StatefulSets. A Deployment's history is its ReplicaSets; the other two keep
/// theirs in ControllerRevisions.
struct RolloutCommand: KubectlCommand {
    static let name = "rollout"
    static let fieldManager: String? = "kubectl-rollout"
    static let flags = Arguments.Flag.union(subcommandFlags.keys.sorted().compactMap { subcommandFlags[$0] })
    /// The flags of each subcommand that takes any.
    private static let subcommandFlags: [String: [Arguments.Flag]] = [
        "status": [.init("revision", integerBits: 64), .init("watch", short: "w"), .init("timeout")],
        "history": [.init("revision", integerBits: 64)],
        "undo": [.init("to-revision", integerBits: 64)],
    ]

    static func flags(subcommand words: [String]) -> [Arguments.Flag] {
        guard let action = words.first else { return flags }
        return subcommandFlags[action] ?? []
    }
    static let kinds = [Deployment.type, DaemonSet.type, StatefulSet.type]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let action = arguments.positionals.first, ["status", "history", "undo", "pause", "resume", "restart"].contains(action) else {
            // As cobra's DefaultSubCommandRun here: the help on standard output, failing, alone; else "unknown command".
            if arguments.positionals.isEmpty {
                kubectl.console.out(HelpTexts.byCommand["rollout"] ?? "")
                return kubectl.console.exit(1)
            }
            throw .usage("unknown command \(GoQuote.quote(arguments.positionals.joined(separator: " ")))")
        }
        let namespace = kubectl.namespace(arguments)
        for (type, name) in try kubectl.targets(Array(arguments.positionals.dropFirst()), verb: "rollout \(action)") {
            guard let name else { throw .raw("error: resource(s) were provided, but no name was specified") }
            guard let object = kubectl.client.get(type, namespace: namespace, name: name).value else {
                throw .raw(Kubectl.serverError(.notFound(type, name)))
            }
            guard RolloutCommand.kinds.contains(type), let workload = object as? any PodSelecting else {
                throw .raw(RolloutCommand.unsupported(action, type: type, name: name))
            }
            let label = "\(type.qualifiedSingular)/\(name)"
            switch action {
            case "status": try status(type, name: name, namespace: namespace, kubectl: kubectl)
            case "history": try history(workload, revision: arguments.int("revision"), kubectl: kubectl)
            case "undo": try undo(workload, to: arguments.int("to-revision") ?? 0, kubectl: kubectl)
            case "pause", "resume":
                let pause = action == "pause"
                guard let deployment = workload as? Deployment else { throw .raw(RolloutCommand.unsupported(action, type: type, name: name)) }
                guard (deployment.spec.paused ?? false) != pause else {
                    throw .raw("error: \(type.qualifiedPlural) \"\(name)\" \(pause ? "is already paused" : "is not paused")")
                }
                patch(workload, ["spec": .object(["paused": pause ? .bool(true) : .null])], done: "\(label) \(pause ? "paused" : "resumed")", kubectl: kubectl)
            default:
                if (workload as? Deployment)?.spec.paused == true {
                    throw .raw("error: \(type.qualifiedPlural) \"\(name)\" can't restart paused deployment (run rollout resume first)")
                }
                let stamp = kubectl.cluster.server.now.rfc3339
                patch(workload, ["spec": .object(["template": .object(["metadata": .object(["annotations": .object(["kubectl.kubernetes.io/restartedAt": .string(stamp)])])])])],
                      done: "\(label) restarted", kubectl: kubectl)
            }
        }
    }

    /// kubectl's words when a kind has no status viewer, history viewer, rollbacker, pauser ...
    static func unsupported(_ action: String, type: ResourceType, name: String) -> String {
        let groupKind = type.group.isEmpty ? type.kind : "\(type.kind).\(type.group)"
        switch action {
        case "status": return "error: no status viewer has been implemented for \(groupKind)"
        case "history": return "error: no history viewer has been implemented for \"\(groupKind)\""
        case "undo": return "error: no rollbacker has been implemented for \"\(groupKind)\""
        default:
            let verb = ["pause": "pausing", "resume": "resuming", "restart": "restarting"][action] ?? action
            return "error: \(type.qualifiedPlural) \"\(name)\" \(verb) is not supported"
        }
    }

    private func patch(_ workload: any PodSelecting, _ body: [String: JSONValue], done: String, kubectl: Kubectl,
                       failure: @escaping (APIError) -> String = { Kubectl.serverError($0) }) {
        let request = APIRequest(verb: .patch, type: workload.type, namespace: workload.namespace, name: workload.name,
                                 patch: .object(body), patchType: .strategic, user: .kubernetesAdmin)
        kubectl.send(request) { result in
            switch result {
            case .success: kubectl.console.out(done)
            case .failure(let error): kubectl.console.err(failure(error))
            }
        }
    }

    // MARK: status

    /// Prints what `rollout status` would print as it watches; when kubectl may wait, the
    /// virtual clock moves on until the rollout finishes or its progress deadline passes.
    private func status(_ type: ResourceType, name: String, namespace: String, kubectl: Kubectl) throws(KubectlError) {
        var last = ""
        let deadline = kubectl.cluster.simulation.now + 15 * 60 * 1000
        while true {
            guard let object = kubectl.client.get(type, namespace: namespace, name: name).value else { return }
            let state = try RolloutCommand.state(of: object)
            if state.message != last {
                state.failed ? kubectl.console.err(state.message) : kubectl.console.out(state.message)
                last = state.message
            }
            guard !state.finished, kubectl.mayWait, kubectl.cluster.simulation.now < deadline, !kubectl.cluster.simulation.isInterrupted() else { return }
            kubectl.cluster.simulation.advance(by: 1000)
        }
    }

    /// What kubectl's status viewer for the object's kind says: the message, whether the
    /// rollout is over, and whether it failed.
    struct State: Equatable {
        var message: String
        var finished = false
        var failed = false
    }

    static func state(of object: any APIObject) throws(KubectlError) -> State {
        switch object {
        case let deployment as Deployment: return state(of: deployment)
        case let daemonSet as DaemonSet: return try state(of: daemonSet)
        case let set as StatefulSet: return try state(of: set)
        default: throw .raw(unsupported("status", type: object.type, name: object.name))
        }
    }

    static func state(of deployment: Deployment) -> State {
        let name = deployment.name
        let status = deployment.status
        let replicas = Int(deployment.spec.replicas ?? 1)
        if (status?.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0) {
            return State(message: "Waiting for deployment spec update to be observed...")
        }
        if deployment.condition("Progressing")?.reason == "ProgressDeadlineExceeded" {
            return State(message: "error: deployment \"\(name)\" exceeded its progress deadline", finished: true, failed: true)
        }
        let updated = Int(status?.updatedReplicas ?? 0)
        let total = Int(status?.replicas ?? 0)
        let available = Int(status?.availableReplicas ?? 0)
        if updated < replicas {
            return State(message: "Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(replicas) new replicas have been updated...")
        }
        if total > updated {
            return State(message: "Waiting for deployment \"\(name)\" rollout to finish: \(total - updated) old replicas are pending termination...")
        }
        if available < updated {
            return State(message: "Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...")
        }
        return State(message: "deployment \"\(name)\" successfully rolled out", finished: true)
    }

    static func state(of daemonSet: DaemonSet) throws(KubectlError) -> State {
        guard daemonSet.spec.updateStrategy?.type == "RollingUpdate" else {
            throw .message("rollout status is only available for RollingUpdate strategy type")
        }
        let name = daemonSet.name
        guard let status = daemonSet.status, (daemonSet.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return State(message: "Waiting for daemon set spec update to be observed...")
        }
        let desired = status.desiredNumberScheduled
        if (status.updatedNumberScheduled ?? 0) < desired {
            return State(message: "Waiting for daemon set \"\(name)\" rollout to finish: \(status.updatedNumberScheduled ?? 0) out of \(desired) new pods have been updated...")
        }
        if (status.numberAvailable ?? 0) < desired {
            return State(message: "Waiting for daemon set \"\(name)\" rollout to finish: \(status.numberAvailable ?? 0) of \(desired) updated pods are available...")
        }
        return State(message: "daemon set \"\(name)\" successfully rolled out", finished: true)
    }

    static func state(of set: StatefulSet) throws(KubectlError) -> State {
        guard set.spec.updateStrategy?.type == "RollingUpdate" else {
            throw .message("rollout status is only available for RollingUpdate strategy type")
        }
        guard let status = set.status, let observed = status.observedGeneration, observed > 0,
              (set.metadata.generation ?? 0) <= observed else {
            return State(message: "Waiting for statefulset spec update to be observed...")
        }
        let replicas = set.desiredReplicas
        let ready = Int(status.readyReplicas ?? 0)
        if ready < replicas {
            return State(message: "Waiting for \(replicas - ready) pods to be ready...")
        }
        let updated = Int(status.updatedReplicas ?? 0)
        if set.spec.updateStrategy?.rollingUpdate != nil {
            if updated < replicas - set.partition {
                return State(message: "Waiting for partitioned roll out to finish: \(updated) out of \(replicas - set.partition) new pods have been updated...")
            }
            return State(message: "partitioned roll out complete: \(updated) new pods have been updated...", finished: true)
        }
        if status.updateRevision != status.currentRevision {
            return State(message: "waiting for statefulset rolling update to complete \(updated) pods at revision \(status.updateRevision ?? "")...")
        }
        return State(message: "statefulset rolling update complete \(status.currentReplicas ?? 0) pods at revision \(status.currentRevision ?? "")...", finished: true)
    }

    // MARK: history and undo

    /// One entry of a workload's rollout history.
    struct Revision {
        let number: Int
        let template: PodTemplateSpec?
        let changeCause: String?
        /// The ControllerRevision that records it (DaemonSets and StatefulSets).
        let controllerRevision: ControllerRevision?
    }

    /// The history oldest first: a Deployment's ReplicaSets by their revision annotation, or
    /// the ControllerRevisions a DaemonSet or StatefulSet controls.
    private func revisions(of workload: any PodSelecting, kubectl: Kubectl) -> [Revision] {
        let client = kubectl.client
        let uid = workload.metadata.uid
        if workload is Deployment {
            return (client.list(ReplicaSet.self, namespace: workload.namespace).value ?? [])
                .filter { $0.metadata.controllerRef?.uid == uid }
                .compactMap { rs in
                    rs.revision.map { Revision(number: $0, template: rs.spec.template, changeCause: rs.metadata.annotations?[Kubectl.changeCause], controllerRevision: nil) }
                }
                .sorted { $0.number < $1.number }
        }
        return (client.list(ControllerRevision.self, namespace: workload.namespace).value ?? [])
            .filter { $0.metadata.controllerRef?.uid == uid }
            .map { Revision(number: Int($0.revision), template: $0.podTemplate, changeCause: $0.metadata.annotations?[Kubectl.changeCause], controllerRevision: $0) }
            .sorted { $0.number < $1.number }
    }

    private func history(_ workload: any PodSelecting, revision: Int?, kubectl: Kubectl) throws(KubectlError) {
        let all = revisions(of: workload, kubectl: kubectl)
        let label = "\(workload.type.qualifiedSingular)/\(workload.name)"
        guard !all.isEmpty else {
            kubectl.console.out("\(label) \nNo rollout history found.")
            return
        }
        if let revision, revision != 0 {
            guard let entry = all.first(where: { $0.number == revision }) else {
                throw .message("unable to find the specified revision")
            }
            var template = entry.template ?? PodTemplateSpec()
            if let cause = entry.changeCause, workload is Deployment {
                var metadata = template.metadata ?? ObjectMeta()
                metadata.annotations = (metadata.annotations ?? [:]).merging([Kubectl.changeCause: cause]) { $1 }
                template.metadata = metadata
            }
            let text = TabWriter.format(Describer(client: kubectl.client).podTemplate(template).joined(separator: "\n"), padding: 2)
            kubectl.console.out("\(label) with revision #\(revision)\n\(text)\n")
            return
        }
        let table = workload is StatefulSet
            ? TabWriter.table(["REVISION"], all.map { [String($0.number)] })
            : TabWriter.table(["REVISION", "CHANGE-CAUSE"], all.map { [String($0.number), $0.changeCause ?? "<none>"] })
        kubectl.console.out("\(label) \n\(table)\n")
    }

    private func undo(_ workload: any PodSelecting, to revision: Int, kubectl: Kubectl) throws(KubectlError) {
        guard revision >= 0 else { throw .message("unable to find specified revision \(revision) in history") }
        let all = revisions(of: workload, kubectl: kubectl)
        let label = "\(workload.type.qualifiedSingular)/\(workload.name)"
        guard let deployment = workload as? Deployment else {
            guard revision > 0 || all.count > 1 else { throw .message("no last revision to roll back to") }
            guard let target = revision > 0 ? all.first(where: { $0.number == revision }) : all[all.count - 2],
                  let data = target.controllerRevision?.data?.objectValue else {
                throw .message("unable to find specified revision \(revision) in history")
            }
            if target.template == workload.podTemplate {
                kubectl.console.out("\(label) skipped rollback (current template already matches revision \(revision))")
                return
            }
            patch(workload, data, done: "\(label) rolled back", kubectl: kubectl) { error in
                "error: failed restoring revision \(target.number): \(error.message)"
            }
            return
        }
        if deployment.spec.paused == true {
            throw .message("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/\(deployment.name)' and try again")
        }
        let target: Revision
        if revision > 0 {
            guard let found = all.first(where: { $0.number == revision }) else {
                throw .message("unable to find specified revision \(revision) in history")
            }
            target = found
        } else {
            guard all.count >= 2 else { throw .message("no rollout history found for deployment \"\(deployment.name)\"") }
            target = all[all.count - 2]
        }
        let template = (target.template ?? PodTemplateSpec()).withoutHashLabel
        if template == deployment.spec.template?.withoutHashLabel {
            kubectl.console.out("\(label) skipped rollback (current template already matches revision \(target.number))")
            return
        }
        var updated = deployment
        updated.spec.template = template
        if let cause = target.changeCause {
            updated.metadata.annotations = (updated.metadata.annotations ?? [:]).merging([Kubectl.changeCause: cause]) { $1 }
        }
        kubectl.send(.update(updated, user: .kubernetesAdmin)) { result in
            switch result {
            case .success: kubectl.console.out("\(label) rolled back")
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }
}
