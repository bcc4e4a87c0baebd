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
    private var podControl: PodControl!
    private var queue: WorkQueue!
    private var requests: SyncRequests!
    private var expectations: Expectations

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: ReplicaSetController.component, serviceAccount: "replicaset-controller")
        expectations = Expectations { [unowned simulation] in simulation.now }
        replicaSets = informers.informer()
        pods = informers.informer()
        pods.addIndex(PodIndex.controller, PodIndex.controllerUID)
        queue = WorkQueue(simulation: simulation, component: ReplicaSetController.component) { [unowned self] in self.sync($0) }
        requests = SyncRequests(queue: queue)
        podControl = PodControl(client: client, recorder: EventRecorder(client: client, component: "replicaset-controller"), requests: requests)
        replicaSets.addHandlers(owner: ReplicaSetController.component, add: { [unowned self] in self.queue.add($0.key) },
                                update: { [unowned self] _, new in self.queue.add(new.key) },
                                delete: { [unowned self] rs in
                                    self.expectations.forget(rs.key)
                                    return self.queue.add(rs.key)
                                })
        pods.addHandlers(owner: ReplicaSetController.component, add: { [unowned self] in self.podAdded($0) },
                         update: { [unowned self] in self.podUpdated($0, $1) },
                         delete: { [unowned self] in self.podDeleted($0) })
        for rs in replicaSets.list() { queue.add(rs.key) }
    }

    /// ReplicaSets whose selector matches an orphan Pod: candidates to adopt it.
    private func matching(_ pod: Pod) -> [ReplicaSet] {
        replicaSets.list(namespace: pod.namespace).filter { $0.spec.selector?.matches(pod.labels) == true }
    }

    private func podAdded(_ pod: Pod) -> String? {
        if let rs = replicaSets.controller(of: pod) {
            expectations.creationObserved(rs.key)
            return queue.add(rs.key)
        }
        guard pod.metadata.controllerRef == nil, PodIndex.isActive(pod) else { return nil }
        let notes = matching(pod).map { queue.add($0.key) }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }

    private func podUpdated(_ old: Pod, _ pod: Pod) -> String? {
        var notes: [String] = []
        if old.metadata.deletionTimestamp == nil, pod.metadata.deletionTimestamp != nil,
           let waiting = expectations.deletionObserved(pod: pod.key) {
            notes.append(queue.add(waiting))
        }
        if let rs = replicaSets.controller(of: pod) {
            let changed = old.isReady != pod.isReady || old.phase != pod.phase || old.labels != pod.labels
                || old.metadata.deletionTimestamp != pod.metadata.deletionTimestamp
            if changed { notes.append(queue.add(rs.key)) }
        } else if pod.metadata.controllerRef == nil, PodIndex.isActive(pod) {
            notes += matching(pod).map { queue.add($0.key) }
        }
        if let oldRef = old.metadata.controllerRef, oldRef.uid != pod.metadata.controllerRef?.uid, let previous = replicaSets.controller(of: old) {
            notes.append(queue.add(previous.key))
        }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }

    private func podDeleted(_ pod: Pod) -> String? {
        let keys = [expectations.deletionObserved(pod: pod.key), replicaSets.controller(of: pod)?.key].compactMap { $0 }
        let notes = Set(keys).sorted().map { queue.add($0) }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }

    // MARK: sync

    /// What one pass over a ReplicaSet's Pods found.
    struct Census {
        /// Keys of the owned Pods that are neither finished nor being deleted, in no order.
        var active: [String] = []
        var fullyLabeled: Int32 = 0
        var ready: Int32 = 0
        var available: Int32 = 0
        var adopted: [String] = []
        var released: [String] = []
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "replicaset/\(key)"
        guard let rs = replicaSets.get(key) else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its Pods are the garbage collector's")
        }
        let desired = rs.desiredReplicas
        let census = takeCensus(rs)
        let active = census.active.count
        let waiting = expectations.satisfied(key) ? nil : expectations.describe(key)
        var summary: String
        var decision: String
        if rs.metadata.deletionTimestamp != nil {
            summary = "being deleted; has \(active) Pod(s)"
            decision = "decision       the ReplicaSet is being deleted: it no longer creates or deletes Pods, the garbage collector does"
        } else if let waiting {
            summary = "wants \(desired), has \(active); waiting: \(waiting)"
            decision = "expectations   \(waiting): acting again now could double them, so only status is updated"
            queue.add(key, after: Expectations.timeout, reason: "expectations expire after 5m")
        } else if active < desired {
            let count = min(desired - active, ReplicaSetController.burstReplicas)
            expectations.expect(key, adds: count)
            for _ in 0..<count { createPod(for: rs) }
            summary = "wants \(desired), has \(active) → creates \(count) Pod(s)"
            decision = "decision       too few: create \(count) Pod(s) from spec.template (generateName \(rs.name)-)"
        } else if active > desired {
            let candidates = census.active.compactMap { pods.get($0) }
            let victims = Array(candidates.sorted(by: ReplicaSetController.deletionOrder).prefix(min(active - desired, ReplicaSetController.burstReplicas)))
            expectations.expect(key, deleting: victims.map(\.key))
            for pod in victims { deletePod(pod, of: rs) }
            let names = victims.map(\.name)
            summary = "wants \(desired), has \(active) → deletes \(ReplicaSetController.list(names))"
            decision = "decision       too many: delete \(victims.count) Pod(s), least valuable first (unscheduled, pending, not ready, newest)"
        } else {
            summary = "wants \(desired), has \(active): in sync"
            decision = "decision       nothing to create or delete"
        }
        let status = updateStatus(rs, census)
        if let status { summary += "; status \(status)" }
        let activeKeys = census.active
        let selector = rs.spec.selector?.text ?? ""
        let finalSummary = summary
        return StepOutcome(object: reference, summary: finalSummary, explanation:
            "ReplicaSet \(key): desired state spec.replicas=\(desired), selector \(selector)\n"
            + census.released.map { "release        \($0) (labels no longer match)\n" }.joined()
            + census.adopted.map { "adopt          \($0) (orphan whose labels match the selector; counted as one of its own)\n" }.joined()
            + "current state  \(active) active Pod(s): \(ReplicaSetController.list(activeKeys.sorted().prefix(11).map { String($0.split(separator: "/").last ?? "") }, total: active))\n"
            + decision + "\n"
            + (status.map { "status         \($0)\n" } ?? ""))
    }

    /// `a, b, c` for a few names, `a, b, ... (N in all)` for many.
    static func list(_ names: [String], total: Int? = nil) -> String {
        let count = total ?? names.count
        if count <= 10 { return names.prefix(10).joined(separator: ", ") }
        return names.prefix(10).joined(separator: ", ") + ", ... (\(count) in all)"
    }

    /// One pass over the Pods the ReplicaSet owns and the orphans it may adopt: releases owned
    /// Pods that stopped matching, adopts matching orphans (PodControllerRefManager), and counts.
    private func takeCensus(_ rs: ReplicaSet) -> Census {
        var census = Census()
        let selector = rs.spec.selector ?? LabelSelector()
        let templateLabels = rs.spec.template?.metadata?.labels ?? [:]
        let now = client.server.now.seconds
        let minReady = Int64(rs.spec.minReadySeconds ?? 0)
        var toRelease: [Pod] = []
        pods.forEach(inIndex: PodIndex.controller, rs.metadata.uid ?? "", sorted: false) { pod in
            guard selector.matches(pod.labels) || pod.metadata.deletionTimestamp != nil else {
                toRelease.append(pod)
                return
            }
            guard PodIndex.isActive(pod) else { return }
            census.active.append(pod.key)
            if templateLabels.allSatisfy({ pod.labels[$0.key] == $0.value }) { census.fullyLabeled += 1 }
            guard pod.isReady else { return }
            census.ready += 1
            if let since = pod.condition("Ready")?.lastTransitionTime?.seconds, now - since >= minReady { census.available += 1 }
        }
        for pod in toRelease.sorted(by: { $0.key < $1.key }) {
            var released = pod
            released.metadata.ownerReferences = pod.metadata.ownerReferences?.filter { $0.uid != rs.metadata.uid }
            client.update(released, why: "\(pod.name)'s labels no longer match \(rs.name)'s selector: release it")
            census.released.append(pod.name)
        }
        guard rs.metadata.deletionTimestamp == nil else { return census }
        pods.forEach(inIndex: PodIndex.controller, "") { pod in
            guard pod.namespace == rs.namespace, PodIndex.isActive(pod), selector.matches(pod.labels) else { return }
            var adopted = pod
            adopted.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []) + [rs.ownerReference(controller: true)]
            client.update(adopted, why: "orphan \(pod.name) matches \(rs.name)'s selector: adopt it", completion: requests.completion(rs.key))
            census.adopted.append(pod.name)
            census.active.append(pod.key)
        }
        return census
    }

    private func createPod(for rs: ReplicaSet) {
        podControl.create(PodControl.pod(from: rs.spec.template, owner: rs), owner: rs, why: "ReplicaSet \(rs.key) needs more replicas") { [unowned self] in
            self.expectations.creationObserved(rs.key)
        }
    }

    private func deletePod(_ pod: Pod, of rs: ReplicaSet) {
        podControl.delete(pod, owner: rs, why: "ReplicaSet \(rs.key) has too many replicas") { [unowned self] in
            _ = self.expectations.deletionObserved(pod: pod.key)
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

    private func updateStatus(_ rs: ReplicaSet, _ census: Census) -> String? {
        var status = ReplicaSetStatus(replicas: Int32(census.active.count))
        status.fullyLabeledReplicas = census.fullyLabeled == 0 ? nil : census.fullyLabeled
        status.readyReplicas = census.ready == 0 ? nil : census.ready
        status.availableReplicas = census.available == 0 ? nil : census.available
        status.observedGeneration = rs.metadata.generation
        status.conditions = rs.status?.conditions
        guard status != rs.status else { return nil }
        var updated = rs
        updated.status = status
        client.updateStatus(updated, why: "report observed state of \(rs.key)")
        return "replicas=\(status.replicas) ready=\(status.readyReplicas ?? 0) available=\(status.availableReplicas ?? 0)"
    }
}
