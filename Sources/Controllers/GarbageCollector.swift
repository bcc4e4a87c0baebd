import ClientKit

/// The garbage collector (pkg/controller/garbagecollector), simplified: when an owner is gone,
/// its dependents (found by ownerReferences) are deleted: background cascading deletion.
public final class GarbageCollector {
    public static let component = "garbage-collector"
    let client: Client
    let pods: Informer<Pod>
    let replicaSets: Informer<ReplicaSet>
    private var queue: WorkQueue!
    private static let ownerIndex = "owner-uid"

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: GarbageCollector.component, user: .controller("generic-garbage-collector"), server: server, simulation: simulation)
        pods = Informer(client: client)
        replicaSets = Informer(client: client)
        pods.addIndex(GarbageCollector.ownerIndex) { $0.metadata.ownerReferences?.map(\.uid) ?? [] }
        queue = WorkQueue(simulation: simulation, component: GarbageCollector.component) { [unowned self] in self.collect($0) }
        replicaSets.addHandlers(delete: { [unowned self] rs in
            guard let uid = rs.metadata.uid, !self.pods.byIndex(GarbageCollector.ownerIndex, uid).isEmpty else { return nil }
            return "owner gone: " + self.queue.add("\(uid)|ReplicaSet \(rs.key)")
        })
        // A dependent created after its owner was deleted (a create still in flight) is collected too.
        pods.addHandlers(add: { [unowned self] pod in
            let dangling = (pod.metadata.ownerReferences ?? []).filter { reference in
                reference.kind == "ReplicaSet"
                    && self.replicaSets.get("\(pod.namespace ?? "")/\(reference.name)")?.metadata.uid != reference.uid
            }
            guard let owner = dangling.first else { return nil }
            return "owner gone: " + self.queue.add("\(owner.uid)|ReplicaSet \(pod.namespace ?? "")/\(owner.name)")
        })
    }

    private func collect(_ item: String) -> StepOutcome {
        let parts = item.split(separator: "|", maxSplits: 1).map(String.init)
        let uid = parts.first ?? ""
        let owner = parts.count > 1 ? parts[1] : uid
        let dependents = pods.byIndex(GarbageCollector.ownerIndex, uid).filter { $0.metadata.deletionTimestamp == nil }
        for pod in dependents {
            client.delete(Pod.type, namespace: pod.namespace, name: pod.name, preconditionUID: pod.metadata.uid,
                          why: "its owner \(owner) was deleted (propagationPolicy Background)")
        }
        return StepOutcome(object: "uid/\(uid)",
                           summary: "owner \(owner) is gone → deletes \(dependents.count) dependent(s)",
                           explanation: "The owner \(owner) (uid \(uid)) no longer exists.\nDependents whose ownerReferences name it: \(dependents.map(\.name).joined(separator: ", ")).\nEach is deleted in the background.")
    }
}
