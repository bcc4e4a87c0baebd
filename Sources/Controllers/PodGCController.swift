import ClientKit

/// The pod garbage collector (pkg/controller/podgc). Every gcCheckPeriod it force-deletes:
/// - terminated Pods beyond `terminatedPodThreshold`, evicted first, then oldest first;
/// - terminating Pods on a NotReady node tainted `node.kubernetes.io/out-of-service`;
/// - orphaned Pods, bound to a node that no longer exists: a missing node is quarantined for
///   40s (it may yet appear in the informer), then checked with a fresh GET before its Pods go;
/// - terminating Pods that were never scheduled, which no kubelet will ever finish.
/// A Pod not yet finished is first patched to phase Failed (with a DisruptionTarget condition
/// when it is orphaned), since no kubelet may be left to say how it ended.
public final class PodGCController {
    public static let component = "pod-garbage-collector"
    public static let gcCheckPeriod: SimTime = 20_000
    public static let quarantineTime: SimTime = 40_000
    public static let outOfServiceTaint = "node.kubernetes.io/out-of-service"
    /// kube-controller-manager's --terminated-pod-gc-threshold; 0 turns that collection off.
    public var terminatedPodThreshold = 12_500
    let client: Client
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    /// Missing node names and when their quarantine ends (upstream's delaying queue
    /// orphaned_pods_nodes: a name already waiting keeps its earlier time).
    private var quarantine: [String: SimTime] = [:]

    public init(informers: SharedInformerFactory) {
        client = informers.client(component: PodGCController.component, serviceAccount: "pod-garbage-collector")
        pods = informers.informer()
        nodes = informers.informer()
        scheduleNextPass()
    }

    private func scheduleNextPass() {
        client.simulation.schedule(after: PodGCController.gcCheckPeriod, component: PodGCController.component, kind: .reconcile,
                                   label: "garbage-collect Pods", background: true) { [unowned self] in
            self.scheduleNextPass()
            return self.collect()
        }
    }

    // MARK: one pass

    /// One gc(): each kind of collection in upstream's order, over one listing of the caches.
    private func collect() -> StepOutcome {
        let pods = self.pods.list()
        var lines: [String] = []
        var actions: [String] = []
        if terminatedPodThreshold > 0 { collectTerminated(pods, &lines, &actions) }
        collectTerminatingOutOfService(pods, &lines, &actions)
        collectOrphaned(pods, &lines, &actions)
        for pod in pods where pod.metadata.deletionTimestamp != nil && pod.spec.nodeName == nil {
            markFailedAndDelete(pod, why: "terminating and never scheduled: no kubelet will finish it")
            actions.append("force-delete unscheduled terminating \(pod.key)")
        }
        let summary = actions.isEmpty ? "nothing to collect" : actions.joined(separator: "; ")
        let explanation = "pod-garbage-collector runs every \(PodGCController.gcCheckPeriod / 1000)s over \(pods.count) Pod(s) and \(nodes.count) Node(s).\n"
            + (lines + (actions.isEmpty ? ["no terminated Pods over the threshold, no orphans, no unscheduled terminating Pods"] : [])).joined(separator: "\n")
        return StepOutcome(object: "pods", summary: summary, explanation: explanation, routine: actions.isEmpty)
    }

    /// Terminated Pods beyond the threshold go, evicted ones first, then the oldest.
    private func collectTerminated(_ pods: [Pod], _ lines: inout [String], _ actions: inout [String]) {
        let terminated = pods.filter { !["Pending", "Running", "Unknown"].contains($0.phase) }
        let excess = terminated.count - terminatedPodThreshold
        guard excess > 0 else { return }
        let doomed = terminated.sorted(by: PodGCController.collectionOrder).prefix(excess)
        lines.append("terminated     \(terminated.count) Pod(s), threshold \(terminatedPodThreshold): delete the \(excess) evicted or oldest")
        for pod in doomed { markFailedAndDelete(pod, why: "\(terminated.count) terminated Pods exceed --terminated-pod-gc-threshold=\(terminatedPodThreshold)") }
        actions.append("delete \(excess) terminated Pod(s): \(doomed.map(\.name).joined(separator: ", "))")
    }

    /// byEvictionAndCreationTimestamp: evicted before the rest, then older before newer, then by name.
    static func collectionOrder(_ a: Pod, _ b: Pod) -> Bool {
        let (aEvicted, bEvicted) = (a.phase == "Failed" && a.status?.reason == "Evicted", b.phase == "Failed" && b.status?.reason == "Evicted")
        if aEvicted != bEvicted { return aEvicted }
        let (aCreated, bCreated) = (a.metadata.creationTimestamp?.seconds ?? 0, b.metadata.creationTimestamp?.seconds ?? 0)
        return aCreated != bCreated ? aCreated < bCreated : a.name < b.name
    }

    /// Terminating Pods on a node an operator declared out of service (NotReady and tainted).
    private func collectTerminatingOutOfService(_ pods: [Pod], _ lines: inout [String], _ actions: inout [String]) {
        let doomed = pods.filter { pod in
            guard pod.metadata.deletionTimestamp != nil, let node = pod.spec.nodeName.flatMap({ nodes.get($0) }) else { return false }
            return !node.isReady && (node.spec.taints ?? []).contains { $0.key == PodGCController.outOfServiceTaint }
        }.sorted(by: PodGCController.collectionOrder)
        guard !doomed.isEmpty else { return }
        for pod in doomed { markFailedAndDelete(pod, why: "terminating on node \(pod.spec.nodeName ?? "") tainted \(PodGCController.outOfServiceTaint)") }
        actions.append("force-delete \(doomed.count) terminating Pod(s) on out-of-service nodes")
    }

    /// Quarantines the nodes Pods are bound to that the cache does not have; for each whose
    /// quarantine is over and that is still missing, asks the API server (a fresh GET).
    private func collectOrphaned(_ pods: [Pod], _ lines: inout [String], _ actions: inout [String]) {
        let now = client.simulation.now
        for name in Set(pods.compactMap(\.spec.nodeName)).sorted() where nodes.get(name) == nil && quarantine[name] == nil {
            quarantine[name] = now + PodGCController.quarantineTime
            lines.append("orphans        node \(name) is missing: quarantine it for \(PodGCController.quarantineTime / 1000)s, in case the cache is behind")
            actions.append("quarantine missing node \(name) for \(PodGCController.quarantineTime / 1000)s")
        }
        for (name, until) in quarantine.sorted(by: { $0.key < $1.key }) where until <= now {
            quarantine[name] = nil
            guard nodes.get(name) == nil else { continue }
            lines.append("orphans        node \(name) is still missing after its quarantine: GET it to be sure")
            actions.append("GET node \(name)")
            client.send(APIRequest(verb: .get, type: Node.type, name: name, user: client.user),
                        why: "is node \(name) truly gone, or only missing from the cache?") { [unowned self] result in
                guard case .failure(let error) = result, error.code == 404 else { return }
                self.client.simulation.schedule(component: PodGCController.component, kind: .reconcile,
                                                label: "delete orphaned Pods of \(name)") { self.deleteOrphans(of: name) }
            }
        }
    }

    private func deleteOrphans(of node: String) -> StepOutcome {
        let orphans = pods.list().filter { $0.spec.nodeName == node }
        for pod in orphans {
            markFailedAndDelete(pod, why: "orphaned: node \(node) no longer exists",
                                condition: PodCondition(type: "DisruptionTarget", status: "True", lastTransitionTime: client.server.now,
                                                        reason: "DeletionByPodGC", message: "PodGC: node no longer exists"))
        }
        let names = orphans.map(\.key)
        return StepOutcome(object: "node/\(node)", summary: "node \(node) is gone → force-delete its \(orphans.count) orphaned Pod(s)",
                           explanation: "GET node \(node) answered 404 NotFound after its \(PodGCController.quarantineTime / 1000)s quarantine: the node no longer exists.\n"
                               + "Its Pods cannot be running anywhere the cluster knows of: \(names.isEmpty ? "none left" : names.joined(separator: ", ")).\n"
                               + "Each is patched to phase Failed with condition DisruptionTarget (reason DeletionByPodGC), then deleted with grace period 0.")
    }

    // MARK: writes

    /// markFailedAndDeletePodWithCondition: a Pod not yet finished is patched to Failed first
    /// (with the Pod's UID as a precondition), then deleted with no grace period.
    private func markFailedAndDelete(_ pod: Pod, why: String, condition: PodCondition? = nil) {
        let delete = { [client] in
            client.delete(Pod.type, namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0, preconditionUID: pod.metadata.uid,
                          why: "PodGC force-deletes it: \(why)")
        }
        guard !pod.isTerminal else { return delete() }
        var status: [String: JSONValue] = ["phase": .string("Failed")]
        if let condition, let encoded = try? Codec.json(condition) { status["conditions"] = .array([encoded]) }
        let patch: JSONValue = .object(["metadata": .object(["uid": .string(pod.metadata.uid ?? "")]), "status": .object(status)])
        client.send(APIRequest(verb: .patch, type: Pod.type, namespace: pod.namespace, name: pod.name, subresource: "status",
                               patch: patch, patchType: .strategic, user: client.user),
                    why: "mark \(pod.name) Failed before deleting it: \(why)") { result in
            if case .success = result { delete() }
        }
    }
}
