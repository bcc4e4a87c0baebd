import ClientKit

/// The ReplicaSet controller (pkg/controller/replicaset): keeps spec.replicas active Pods that
/// match the selector, adopting orphans and releasing Pods that stopped matching.
public final class ReplicaSetController {
    public static let component = "replicaset-controller"
    /// At most this many creations or deletions per sync, as the real controller's burstReplicas.
    static let burstReplicas = 500
    let client: Client
    let replicaSets: Informer<ReplicaSet>
    let pods: Informer<Pod>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    private var expectations: Expectations

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: ReplicaSetController.component, user: .controller("replicaset-controller"), server: server, simulation: simulation)
        expectations = Expectations { [unowned simulation] in simulation.now }
        replicaSets = Informer(client: client)
        pods = Informer(client: client)
        pods.addIndex(PodIndex.controller, PodIndex.controllerUID)
        recorder = EventRecorder(client: client, component: "replicaset-controller")
        queue = WorkQueue(simulation: simulation, component: ReplicaSetController.component) { [unowned self] in self.sync($0) }
        replicaSets.addHandlers(add: { [unowned self] in self.queue.add($0.key) },
                                update: { [unowned self] _, new in self.queue.add(new.key) },
                                delete: { [unowned self] rs in
                                    self.expectations.forget(rs.key)
                                    return self.queue.add(rs.key)
                                })
        pods.addHandlers(add: { [unowned self] in self.podAdded($0) },
                         update: { [unowned self] in self.podUpdated($0, $1) },
                         delete: { [unowned self] in self.podDeleted($0) })
        for rs in replicaSets.list() { queue.add(rs.key) }
    }

    private func owner(of pod: Pod) -> ReplicaSet? {
        guard let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet" else { return nil }
        let rs = replicaSets.get("\(pod.namespace ?? "")/\(ref.name)")
        return rs?.metadata.uid == ref.uid ? rs : nil
    }

    /// ReplicaSets whose selector matches an orphan Pod: candidates to adopt it.
    private func matching(_ pod: Pod) -> [ReplicaSet] {
        replicaSets.list(namespace: pod.namespace).filter { $0.spec.selector?.matches(pod.labels) == true }
    }

    private func podAdded(_ pod: Pod) -> String? {
        if let rs = owner(of: pod) {
            expectations.creationObserved(rs.key)
            return queue.add(rs.key)
        }
        guard pod.metadata.controllerRef == nil, PodIndex.isActive(pod) else { return nil }
        let notes = matching(pod).map { queue.add($0.key) }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }

    private func podUpdated(_ old: Pod, _ pod: Pod) -> String? {
        var notes: [String] = []
        if let rs = owner(of: pod) {
            let changed = old.isReady != pod.isReady || old.phase != pod.phase || old.labels != pod.labels
                || old.metadata.deletionTimestamp != pod.metadata.deletionTimestamp
            if changed { notes.append(queue.add(rs.key)) }
        } else if pod.metadata.controllerRef == nil, PodIndex.isActive(pod) {
            notes += matching(pod).map { queue.add($0.key) }
        }
        if let oldRef = old.metadata.controllerRef, oldRef.uid != pod.metadata.controllerRef?.uid, let previous = owner(of: old) {
            notes.append(queue.add(previous.key))
        }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }

    private func podDeleted(_ pod: Pod) -> String? {
        guard let rs = owner(of: pod) else { return nil }
        expectations.deletionObserved(rs.key)
        return queue.add(rs.key)
    }

    // MARK: sync

    private func sync(_ key: String) -> StepOutcome {
        let reference = "replicaset/\(key)"
        guard let rs = replicaSets.get(key) else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its Pods are the garbage collector's")
        }
        let desired = rs.desiredReplicas
        var explanation = "ReplicaSet \(key): desired state spec.replicas=\(desired), selector \(rs.spec.selector?.text ?? "")\n"
        var owned = claimPods(rs, explanation: &explanation)
        let active = owned.filter(PodIndex.isActive)
        explanation += "current state  \(active.count) active Pod(s): \(active.map(\.name).joined(separator: ", "))\n"
        var summary: String
        if !expectations.satisfied(key) {
            summary = "wants \(desired), has \(active.count); waiting: \(expectations.describe(key))"
            explanation += "expectations   \(expectations.describe(key)): acting again now could double them, so only status is updated\n"
            queue.add(key, after: Expectations.timeout, reason: "expectations expire after 5m")
        } else if active.count < desired {
            let count = min(desired - active.count, ReplicaSetController.burstReplicas)
            expectations.expect(key, adds: count)
            for _ in 0..<count { createPod(for: rs) }
            summary = "wants \(desired), has \(active.count) → creates \(count) Pod(s)"
            explanation += "decision       too few: create \(count) Pod(s) from spec.template (generateName \(rs.name)-)\n"
        } else if active.count > desired {
            let victims = Array(active.sorted(by: ReplicaSetController.deletionOrder).prefix(min(active.count - desired, ReplicaSetController.burstReplicas)))
            expectations.expect(key, deletes: victims.count)
            for pod in victims { deletePod(pod, of: rs) }
            summary = "wants \(desired), has \(active.count) → deletes \(victims.map(\.name).joined(separator: ", "))"
            explanation += "decision       too many: delete \(victims.count) Pod(s), least valuable first (unscheduled, pending, not ready, newest)\n"
        } else {
            summary = "wants \(desired), has \(active.count): in sync"
            explanation += "decision       nothing to create or delete\n"
        }
        owned = owned.filter { $0.metadata.deletionTimestamp == nil }
        if let status = updateStatus(rs, pods: owned) { explanation += "status         \(status)\n"; summary += "; status \(status)" }
        return StepOutcome(object: reference, summary: summary, explanation: explanation)
    }

    /// Adopts matching orphans and releases owned Pods that no longer match (PodControllerRefManager).
    private func claimPods(_ rs: ReplicaSet, explanation: inout String) -> [Pod] {
        var result: [Pod] = []
        let selector = rs.spec.selector ?? LabelSelector()
        for pod in pods.byIndex(PodIndex.controller, rs.metadata.uid ?? "") {
            if selector.matches(pod.labels) || pod.metadata.deletionTimestamp != nil {
                result.append(pod)
            } else {
                var released = pod
                released.metadata.ownerReferences = pod.metadata.ownerReferences?.filter { $0.uid != rs.metadata.uid }
                client.update(released, why: "\(pod.name)'s labels no longer match \(rs.name)'s selector: release it")
                explanation += "release        \(pod.name) (labels no longer match)\n"
            }
        }
        guard rs.metadata.deletionTimestamp == nil else { return result }
        for pod in pods.byIndex(PodIndex.controller, "") where pod.namespace == rs.namespace && PodIndex.isActive(pod) && selector.matches(pod.labels) {
            var adopted = pod
            adopted.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []) + [rs.ownerReference(controller: true)]
            client.update(adopted, why: "orphan \(pod.name) matches \(rs.name)'s selector: adopt it")
            explanation += "adopt          \(pod.name) (orphan whose labels match the selector; counted once the adoption is seen)\n"
        }
        return result
    }

    private func createPod(for rs: ReplicaSet) {
        let template = rs.spec.template ?? PodTemplateSpec()
        var metadata = ObjectMeta(namespace: rs.namespace, labels: template.metadata?.labels)
        metadata.generateName = "\(rs.name)-"
        metadata.annotations = template.metadata?.annotations
        metadata.ownerReferences = [rs.ownerReference(controller: true)]
        let pod = Pod(metadata: metadata, spec: template.spec ?? PodSpec())
        client.create(pod, why: "ReplicaSet \(rs.key) needs more replicas") { [unowned self] result in
            switch result {
            case .success(let created):
                self.recorder.record(rs, reason: "SuccessfulCreate", message: "Created pod: \(created.name)")
            case .failure(let error):
                self.expectations.creationObserved(rs.key)
                self.recorder.record(rs, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error.message)")
            }
        }
    }

    private func deletePod(_ pod: Pod, of rs: ReplicaSet) {
        client.delete(Pod.type, namespace: pod.namespace, name: pod.name, why: "ReplicaSet \(rs.key) has too many replicas") { [unowned self] result in
            switch result {
            case .success: self.recorder.record(rs, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)")
            case .failure: self.expectations.deletionObserved(rs.key)
            }
        }
    }

    /// The order in which surplus Pods go (controller.ActivePods, simplified): unscheduled before
    /// scheduled, pending before running, not ready before ready, newer before older.
    static func deletionOrder(_ a: Pod, _ b: Pod) -> Bool {
        if (a.spec.nodeName == nil) != (b.spec.nodeName == nil) { return a.spec.nodeName == nil }
        let rank = ["Pending": 0, "Unknown": 1, "Running": 2]
        let (ra, rb) = (rank[a.phase] ?? 0, rank[b.phase] ?? 0)
        if ra != rb { return ra < rb }
        if a.isReady != b.isReady { return !a.isReady }
        let (ta, tb) = (a.metadata.creationTimestamp?.seconds ?? 0, b.metadata.creationTimestamp?.seconds ?? 0)
        if ta != tb { return ta > tb }
        return a.name > b.name
    }

    private func updateStatus(_ rs: ReplicaSet, pods: [Pod]) -> String? {
        let active = pods.filter(PodIndex.isActive)
        let selector = rs.spec.selector ?? LabelSelector()
        let templateLabels = rs.spec.template?.metadata?.labels ?? [:]
        var status = ReplicaSetStatus(replicas: Int32(active.count))
        status.fullyLabeledReplicas = Int32(active.filter { pod in templateLabels.allSatisfy { pod.labels[$0.key] == $0.value } && selector.matches(pod.labels) }.count)
        let ready = active.filter(\.isReady)
        let minReady = Int64(rs.spec.minReadySeconds ?? 0)
        let now = client.server.now.seconds
        let available = ready.filter { pod in
            guard let since = pod.condition("Ready")?.lastTransitionTime?.seconds else { return false }
            return now - since >= minReady
        }
        status.readyReplicas = ready.isEmpty ? nil : Int32(ready.count)
        status.availableReplicas = available.isEmpty ? nil : Int32(available.count)
        status.observedGeneration = rs.metadata.generation
        if status.fullyLabeledReplicas == 0 { status.fullyLabeledReplicas = nil }
        status.conditions = rs.status?.conditions
        guard status != rs.status else { return nil }
        var updated = rs
        updated.status = status
        client.updateStatus(updated, why: "report observed state of \(rs.key)")
        return "replicas=\(status.replicas) ready=\(status.readyReplicas ?? 0) available=\(status.availableReplicas ?? 0)"
    }
}
