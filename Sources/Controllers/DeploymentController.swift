import ClientKit

/// The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template
/// (named by the template's hash), rolled from old to new as the strategy allows:
/// RollingUpdate within maxSurge and maxUnavailable, or Recreate.
public final class DeploymentController {
    public static let component = "deployment-controller"
    let client: Client
    let deployments: Informer<Deployment>
    let replicaSets: Informer<ReplicaSet>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    private var requests: SyncRequests!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: DeploymentController.component, serviceAccount: "deployment-controller")
        deployments = informers.informer()
        replicaSets = informers.informer()
        replicaSets.addIndex(PodIndex.controller) { [$0.metadata.controllerRef?.uid ?? ""] }
        recorder = EventRecorder(client: client, component: "deployment-controller")
        queue = WorkQueue(simulation: simulation, component: DeploymentController.component) { [unowned self] in self.sync($0) }
        requests = SyncRequests(queue: queue)
        deployments.addHandlers(owner: DeploymentController.component, add: { [unowned self] in self.queue.add($0.key) },
                                update: { [unowned self] _, new in self.queue.add(new.key) },
                                delete: { [unowned self] in self.queue.add($0.key) })
        let ownerChanged: (ReplicaSet) -> String? = { [unowned self] rs in
            self.deployments.controller(of: rs).map { self.queue.add($0.key) }
        }
        replicaSets.addHandlers(owner: DeploymentController.component, add: ownerChanged, update: { _, new in ownerChanged(new) }, delete: ownerChanged)
    }

    // MARK: sync

    private func sync(_ key: String) -> StepOutcome {
        let reference = "deployment/\(key)"
        guard let deployment = deployments.get(key) else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its ReplicaSets are the garbage collector's")
        }
        let orphans = Adoption.orphans(replicaSets.list(namespace: deployment.namespace), for: deployment, selector: deployment.spec.selector)
        if !orphans.isEmpty {
            return Adoption.adopt(orphans, by: deployment, client: client) { requests.completion(deployment.key) }
        }
        let owned = replicaSets.byIndex(PodIndex.controller, deployment.metadata.uid ?? "")
        let hash = TemplateHash.of(deployment.spec.template)
        let newRS = owned.first { $0.spec.template?.withoutHashLabel == deployment.spec.template?.withoutHashLabel }
        let oldRSs = owned.filter { $0.metadata.uid != newRS?.metadata.uid }
            .sorted { ($0.metadata.creationTimestamp?.seconds ?? 0, $0.name) < ($1.metadata.creationTimestamp?.seconds ?? 0, $1.name) }
        let replicas = deployment.desiredReplicas
        var actions: [String] = []
        var header = "Deployment \(key): desired state \(replicas) replica(s) of template hash \(hash), strategy \(deployment.spec.strategy?.type ?? "RollingUpdate")\n"
        header += "current state  new ReplicaSet \(newRS.map { "\($0.name) (\($0.spec.replicas ?? 0) wanted, \($0.status?.availableReplicas ?? 0) available)" } ?? "none yet")"
        header += oldRSs.isEmpty ? "\n" : "; old: " + oldRSs.map { "\($0.name) (\($0.spec.replicas ?? 0))" }.joined(separator: ", ") + "\n"

        let scalingEvent = DeploymentController.isScalingEvent(deployment, owned: owned)
        if deployment.metadata.deletionTimestamp == nil, deployment.spec.paused == true || scalingEvent {
            if scalingEvent { header += "scaling event  replicas is now \(replicas), not what the ReplicaSets were sized for\n" }
            actions += proportionalScale(deployment, newRS: newRS, old: oldRSs)
            if deployment.spec.paused == true { actions.append("paused: no rollout until `kubectl rollout resume`") }
        } else if deployment.metadata.deletionTimestamp == nil {
            if let newRS {
                actions += bumpRevisionIfNeeded(newRS, old: oldRSs)
                if deployment.spec.strategy?.type == "Recreate" {
                    actions += recreate(deployment, newRS: newRS, old: oldRSs)
                } else {
                    actions += rollingUpdate(deployment, newRS: newRS, old: oldRSs)
                }
                actions += cleanUp(deployment, old: oldRSs)
            } else {
                actions.append(createReplicaSet(deployment, hash: hash, old: oldRSs))
            }
        }
        if let status = updateStatus(deployment, newRS: newRS, all: owned) { actions.append("status \(status)") }
        let summary = actions.isEmpty ? "in sync" : actions.joined(separator: "; ")
        let explanation = header + "decision       " + (actions.isEmpty ? "nothing to do" : actions.joined(separator: "\n               "))
        return StepOutcome(object: reference, summary: summary, explanation: explanation)
    }

    // MARK: rollout

    /// maxSurge rounded up and maxUnavailable rounded down, as the real controller resolves
    /// them; if both come to 0, maxUnavailable becomes 1 so the rollout can move.
    static func fenceposts(_ deployment: Deployment) -> (surge: Int, unavailable: Int) {
        let replicas = deployment.desiredReplicas
        guard deployment.spec.strategy?.type != "Recreate" else { return (0, replicas) }
        let rolling = deployment.spec.strategy?.rollingUpdate
        let surge = rolling?.maxSurge?.scaled(total: replicas, roundUp: true) ?? 0
        var unavailable = rolling?.maxUnavailable?.scaled(total: replicas, roundUp: false) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    private func rollingUpdate(_ deployment: Deployment, newRS: ReplicaSet, old: [ReplicaSet]) -> [String] {
        let replicas = deployment.desiredReplicas
        let (maxSurge, maxUnavailable) = DeploymentController.fenceposts(deployment)
        let all = [newRS] + old
        let current = all.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
        let newReplicas = Int(newRS.spec.replicas ?? 0)
        // Scale the new ReplicaSet up as far as maxSurge allows.
        if newReplicas < replicas, old.contains(where: { ($0.spec.replicas ?? 0) > 0 }) {
            let room = replicas + maxSurge - current
            guard room > 0 else { return scaleDownOld(deployment, newRS: newRS, old: old, maxUnavailable: maxUnavailable) }
            let target = newReplicas + min(room, replicas - newReplicas)
            return [scale(newRS, to: target, deployment: deployment, why: "surge: \(current) Pods of at most \(replicas + maxSurge) (replicas + maxSurge \(maxSurge))")]
        }
        if newReplicas != replicas, !old.contains(where: { ($0.spec.replicas ?? 0) > 0 }) {
            return [scale(newRS, to: replicas, deployment: deployment, why: "no old Pods left: the new ReplicaSet takes all \(replicas)")]
        }
        if newReplicas > replicas {
            return [scale(newRS, to: replicas, deployment: deployment, why: "replicas lowered to \(replicas)")]
        }
        return scaleDownOld(deployment, newRS: newRS, old: old, maxUnavailable: maxUnavailable)
    }

    /// Scales old ReplicaSets down, oldest first, never below replicas - maxUnavailable available.
    private func scaleDownOld(_ deployment: Deployment, newRS: ReplicaSet, old: [ReplicaSet], maxUnavailable: Int) -> [String] {
        let active = old.filter { ($0.spec.replicas ?? 0) > 0 }
        guard !active.isEmpty else { return [] }
        let replicas = deployment.desiredReplicas
        let minAvailable = replicas - maxUnavailable
        let all = [newRS] + old
        let allPods = all.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
        let newUnavailable = Int(newRS.spec.replicas ?? 0) - Int(newRS.status?.availableReplicas ?? 0)
        var budget = allPods - minAvailable - newUnavailable
        guard budget > 0 else { return [] }
        var actions: [String] = []
        // First drop old Pods that are not available anyway: that costs no availability.
        var remaining: [(ReplicaSet, Int)] = []
        for rs in active {
            let wanted = Int(rs.spec.replicas ?? 0)
            let unhealthy = max(wanted - Int(rs.status?.availableReplicas ?? 0), 0)
            let drop = min(unhealthy, budget)
            budget -= drop
            remaining.append((rs, wanted - drop))
        }
        let available = all.reduce(0) { $0 + Int($1.status?.availableReplicas ?? 0) }
        var scaleDown = min(available - minAvailable, budget)
        for (rs, replicasLeft) in remaining {
            let drop = max(min(replicasLeft, scaleDown), 0)
            scaleDown -= drop
            let target = replicasLeft - drop
            if target != Int(rs.spec.replicas ?? 0) {
                actions.append(scale(rs, to: target, deployment: deployment,
                                     why: "keep at least \(minAvailable) available (replicas - maxUnavailable \(maxUnavailable))"))
            }
        }
        return actions
    }

    private func recreate(_ deployment: Deployment, newRS: ReplicaSet, old: [ReplicaSet]) -> [String] {
        let scaling = old.filter { ($0.spec.replicas ?? 0) > 0 }
        if !scaling.isEmpty {
            return scaling.map { scale($0, to: 0, deployment: deployment, why: "Recreate: every old Pod goes first") }
        }
        if old.contains(where: { ($0.status?.replicas ?? 0) > 0 }) { return ["Recreate: waiting for the old Pods to terminate"] }
        let replicas = deployment.desiredReplicas
        guard Int(newRS.spec.replicas ?? 0) != replicas else { return [] }
        return [scale(newRS, to: replicas, deployment: deployment, why: "Recreate: old Pods are gone")]
    }

    private func createReplicaSet(_ deployment: Deployment, hash: String, old: [ReplicaSet]) -> String {
        var template = deployment.spec.template ?? PodTemplateSpec()
        var labels = template.metadata?.labels ?? [:]
        labels[PodTemplateSpec.hashLabel] = hash
        if template.metadata == nil { template.metadata = ObjectMeta() }
        template.metadata?.labels = labels
        var selector = deployment.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([PodTemplateSpec.hashLabel: hash]) { $1 }
        let replicas = deployment.desiredReplicas
        let (surge, _) = DeploymentController.fenceposts(deployment)
        let oldPods = old.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
        let initial: Int
        if deployment.spec.strategy?.type == "Recreate" {
            initial = oldPods > 0 ? 0 : replicas
        } else {
            initial = oldPods == 0 ? replicas : max(min(replicas + surge - oldPods, replicas), 0)
        }
        let revision = (old.compactMap { $0.revision }.max() ?? 0) + 1
        var rs = ReplicaSet(metadata: ObjectMeta(name: "\(deployment.name)-\(hash)", namespace: deployment.namespace, labels: labels),
                            spec: ReplicaSetSpec(replicas: Int32(initial), selector: selector, template: template))
        rs.spec.minReadySeconds = deployment.spec.minReadySeconds
        let copied = (deployment.metadata.annotations ?? [:]).filter {
            $0.key != "kubectl.kubernetes.io/last-applied-configuration" && $0.key != ReplicaSet.revisionAnnotation
        }
        rs.metadata.annotations = copied.merging([ReplicaSet.revisionAnnotation: String(revision),
                                   DeploymentController.desiredReplicasAnnotation: String(replicas),
                                   DeploymentController.maxReplicasAnnotation: String(replicas + surge)]) { $1 }
        rs.metadata.ownerReferences = [deployment.ownerReference(controller: true)]
        client.create(rs, why: "Deployment \(deployment.key) has no ReplicaSet for its current template",
                      completion: requests.completion(deployment.key) { [unowned self] result in
            guard case .success = result else { return }
            self.recorder.record(deployment, reason: "ScalingReplicaSet", message: "Scaled up replica set \(rs.name) from 0 to \(initial)")
        })
        return "creates ReplicaSet \(rs.name) (revision \(revision)) with \(initial) replica(s)"
    }

    /// A ReplicaSet that becomes current again (a rollback) takes the next revision number.
    private func bumpRevisionIfNeeded(_ newRS: ReplicaSet, old: [ReplicaSet]) -> [String] {
        let highest = old.compactMap { $0.revision }.max() ?? 0
        guard let current = newRS.revision, current <= highest else { return [] }
        client.send(APIRequest(verb: .patch, type: ReplicaSet.type, namespace: newRS.namespace, name: newRS.name,
                               patch: .object(["metadata": .object(["annotations": .object([ReplicaSet.revisionAnnotation: .string(String(highest + 1))])])]),
                               patchType: .merge, user: client.user), why: "ReplicaSet \(newRS.name) is current again: it takes revision \(highest + 1)")
        return ["ReplicaSet \(newRS.name) becomes revision \(highest + 1)"]
    }

    /// The Deployment size each ReplicaSet was last scaled for, and that size plus maxSurge:
    /// how proportional scaling tells a scaling event from a rollout.
    static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"

    /// isScalingEvent: an active ReplicaSet was sized for another replica count than the Deployment's.
    public static func isScalingEvent(_ deployment: Deployment, owned: [ReplicaSet]) -> Bool {
        owned.contains { rs in
            (rs.spec.replicas ?? 0) > 0
                && rs.metadata.annotations?[desiredReplicasAnnotation].flatMap(Int.init).map { $0 != deployment.desiredReplicas } ?? false
        }
    }
    static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"

    /// Sets a ReplicaSet's replicas, and the annotations that record the Deployment size it is for.
    private func scale(_ rs: ReplicaSet, to replicas: Int, deployment: Deployment, why: String) -> String {
        let from = Int(rs.spec.replicas ?? 0)
        let desired = deployment.desiredReplicas
        let annotations: JSONValue = .object([DeploymentController.desiredReplicasAnnotation: .string(String(desired)),
                                              DeploymentController.maxReplicasAnnotation: .string(String(desired + DeploymentController.fenceposts(deployment).surge))])
        client.send(APIRequest(verb: .patch, type: ReplicaSet.type, namespace: rs.namespace, name: rs.name,
                               patch: .object(["metadata": .object(["annotations": annotations]), "spec": .object(["replicas": .int(Int64(replicas))])]),
                               patchType: .merge, user: client.user),
                    why: why, completion: requests.completion(deployment.key) { [unowned self] result in
            guard case .success = result, replicas != from else { return }
            self.recorder.record(deployment, reason: "ScalingReplicaSet",
                                 message: "Scaled \(replicas > from ? "up" : "down") replica set \(rs.name) from \(from) to \(replicas)")
        })
        return replicas == from ? "records size \(desired) on \(rs.name) (\(why))" : "scales \(rs.name) from \(from) to \(replicas) (\(why))"
    }

    /// The real controller's scale(): when replicas changes during a rollout (or while paused),
    /// the difference is shared among the active ReplicaSets in proportion to their sizes, so
    /// the rollout keeps its shape and the total stays within replicas + maxSurge.
    private func proportionalScale(_ deployment: Deployment, newRS: ReplicaSet?, old: [ReplicaSet]) -> [String] {
        let replicas = deployment.desiredReplicas
        let all = ([newRS].compactMap { $0 } + old)
        let active = all.filter { ($0.spec.replicas ?? 0) > 0 }
        func size(_ rs: ReplicaSet) -> Int { Int(rs.spec.replicas ?? 0) }
        func recorded(_ rs: ReplicaSet) -> Bool {
            rs.metadata.annotations?[DeploymentController.desiredReplicasAnnotation] == String(replicas)
        }
        if active.count <= 1 {
            // One active ReplicaSet (or none: then the newest) simply takes the whole count.
            let newest = old.max { ($0.metadata.creationTimestamp?.seconds ?? 0, $0.name) < ($1.metadata.creationTimestamp?.seconds ?? 0, $1.name) }
            guard let only = active.first ?? newRS ?? newest, size(only) != replicas || !recorded(only) else { return [] }
            return [scale(only, to: replicas, deployment: deployment, why: "the only active ReplicaSet takes all \(replicas)")]
        }
        if let newRS, size(newRS) == replicas, recorded(newRS), Int(newRS.status?.availableReplicas ?? 0) == replicas {
            return old.filter { size($0) > 0 }.map { scale($0, to: 0, deployment: deployment, why: "the new ReplicaSet is saturated") }
        }
        guard deployment.spec.strategy?.type != "Recreate" else { return [] }
        let surge = DeploymentController.fenceposts(deployment).surge
        let allowed = replicas > 0 ? replicas + surge : 0
        let toAdd = allowed - active.reduce(0) { $0 + size($1) }
        // Larger first; among equals the newer first when growing, the older first when shrinking.
        let ordered = active.sorted { a, b in
            if size(a) != size(b) { return size(a) > size(b) }
            let (ta, tb) = (a.metadata.creationTimestamp?.seconds ?? 0, b.metadata.creationTimestamp?.seconds ?? 0)
            if ta != tb { return toAdd > 0 ? ta > tb : ta < tb }
            return a.name < b.name
        }
        var targets = ordered.map(size)
        var added = 0
        if toAdd != 0 {
            for (index, rs) in ordered.enumerated() {
                let proportion = DeploymentController.proportion(of: rs, in: deployment, toAdd: toAdd, added: added)
                targets[index] += proportion
                added += proportion
            }
            targets[0] = max(targets[0] + toAdd - added, 0)
        }
        return zip(ordered, targets).compactMap { rs, target in
            guard target != size(rs) || !recorded(rs) else { return nil }
            return scale(rs, to: target, deployment: deployment,
                         why: "proportional scaling: \(toAdd > 0 ? "+" : "")\(toAdd) Pod(s) shared by size, within replicas + maxSurge \(allowed)")
        }
    }

    /// GetProportion: a ReplicaSet's share of `toAdd`, from its size relative to the Deployment
    /// size (plus surge) it was last scaled for, never beyond what is left to add.
    static func proportion(of rs: ReplicaSet, in deployment: Deployment, toAdd: Int, added: Int) -> Int {
        let size = Int(rs.spec.replicas ?? 0)
        guard size > 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction: Int
        if deployment.desiredReplicas == 0 {
            fraction = -size
        } else {
            let maxReplicas = deployment.desiredReplicas + fenceposts(deployment).surge
            let before = rs.metadata.annotations?[maxReplicasAnnotation].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
                ?? Int(deployment.status?.replicas ?? 0)
            guard before > 0 else { return 0 }
            let scaled = Double(size * maxReplicas) / Double(before)
            fraction = Int((scaled + 0.5).rounded(.down)) - size
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit.
    private func cleanUp(_ deployment: Deployment, old: [ReplicaSet]) -> [String] {
        let limit = Int(deployment.spec.revisionHistoryLimit ?? 10)
        let empty = old.filter { ($0.spec.replicas ?? 0) == 0 && ($0.status?.replicas ?? 0) == 0 && $0.metadata.deletionTimestamp == nil }
        guard empty.count > limit else { return [] }
        return empty.prefix(empty.count - limit).map { rs in
            client.delete(ReplicaSet.type, namespace: rs.namespace, name: rs.name, why: "more old ReplicaSets than revisionHistoryLimit \(limit)")
            return "deletes old ReplicaSet \(rs.name) (revisionHistoryLimit \(limit))"
        }
    }

    // MARK: status

    private func updateStatus(_ deployment: Deployment, newRS: ReplicaSet?, all: [ReplicaSet]) -> String? {
        let replicas = deployment.desiredReplicas
        let now = client.server.now
        var status = DeploymentStatus()
        status.observedGeneration = deployment.metadata.generation
        status.replicas = all.reduce(0) { $0 + ($1.status?.replicas ?? 0) }
        status.updatedReplicas = newRS?.status?.replicas ?? 0
        status.readyReplicas = all.reduce(0) { $0 + ($1.status?.readyReplicas ?? 0) }
        status.availableReplicas = all.reduce(0) { $0 + ($1.status?.availableReplicas ?? 0) }
        status.unavailableReplicas = max(Int32(replicas) - (status.availableReplicas ?? 0), 0)
        for field in [\DeploymentStatus.replicas, \.updatedReplicas, \.readyReplicas, \.availableReplicas, \.unavailableReplicas] where status[keyPath: field] == 0 {
            status[keyPath: field] = nil
        }
        let (_, maxUnavailable) = DeploymentController.fenceposts(deployment)
        let available = Int(status.availableReplicas ?? 0) >= replicas - maxUnavailable
        var conditions: [DeploymentCondition] = []
        func condition(_ type: String, _ value: Bool, _ reason: String, _ message: String) -> DeploymentCondition {
            let old = deployment.condition(type)
            let changed = old?.status != (value ? "True" : "False")
            let sameReason = old?.reason == reason && old?.message == message
            return DeploymentCondition(type: type, status: value ? "True" : "False",
                                       lastUpdateTime: sameReason ? old?.lastUpdateTime : now,
                                       lastTransitionTime: changed ? now : old?.lastTransitionTime, reason: reason, message: message)
        }
        conditions.append(available ? condition("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability.")
                                    : condition("Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability."))
        if let newRS {
            let complete = Int(status.updatedReplicas ?? 0) == replicas && Int(status.replicas ?? 0) == replicas
                && Int(status.availableReplicas ?? 0) == replicas
            let progressing = deployment.condition("Progressing")
            let deadline = Int64(deployment.spec.progressDeadlineSeconds ?? 600)
            if complete {
                conditions.append(condition("Progressing", true, "NewReplicaSetAvailable", "ReplicaSet \"\(newRS.name)\" has successfully progressed."))
            } else if progressing?.reason == "ProgressDeadlineExceeded" {
                conditions.append(progressing ?? condition("Progressing", false, "ProgressDeadlineExceeded", ""))
            } else if let since = progressing?.lastUpdateTime, progressing?.status == "True", now.seconds - since.seconds > deadline,
                      deployment.spec.paused != true {
                conditions.append(condition("Progressing", false, "ProgressDeadlineExceeded", "ReplicaSet \"\(newRS.name)\" has timed out progressing."))
            } else {
                let created = deployment.condition("Progressing") == nil
                conditions.append(created ? condition("Progressing", true, "NewReplicaSetCreated", "Created new replica set \"\(newRS.name)\"")
                                          : condition("Progressing", true, "ReplicaSetUpdated", "ReplicaSet \"\(newRS.name)\" is progressing."))
                queue.add(deployment.key, after: (deadline + 1) * 1000, reason: "check progressDeadlineSeconds \(deadline)")
            }
        } else if let progressing = deployment.condition("Progressing") {
            conditions.append(progressing)
        }
        status.conditions = conditions
        // The revision annotation on the Deployment follows its current ReplicaSet.
        let revision = newRS.flatMap { $0.revision }
        var updated = deployment
        if let revision, deployment.metadata.annotations?[ReplicaSet.revisionAnnotation] != String(revision) {
            updated.metadata.annotations = (deployment.metadata.annotations ?? [:]).merging([ReplicaSet.revisionAnnotation: String(revision)]) { $1 }
            client.send(APIRequest(verb: .patch, type: Deployment.type, namespace: deployment.namespace, name: deployment.name,
                                   patch: .object(["metadata": .object(["annotations": .object([ReplicaSet.revisionAnnotation: .string(String(revision))])])]),
                                   patchType: .merge, user: client.user), why: "record the current revision \(revision)")
        }
        guard status != deployment.status else { return nil }
        updated.status = status
        client.updateStatus(updated, why: "report observed state of \(deployment.key)")
        return "replicas=\(status.replicas ?? 0) updated=\(status.updatedReplicas ?? 0) available=\(status.availableReplicas ?? 0)"
    }
}
