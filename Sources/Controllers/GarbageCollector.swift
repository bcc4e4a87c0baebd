import ClientKit

/// The garbage collector (pkg/controller/garbagecollector), simplified: when an owner is gone,
/// its dependents (found by ownerReferences) are deleted: background cascading deletion.
/// Owners it follows: Deployments, ReplicaSets and DaemonSets; dependents: ReplicaSets and Pods.
public final class GarbageCollector {
    public static let component = "garbage-collector"
    let client: Client
    let pods: Informer<Pod>
    let replicaSets: Informer<ReplicaSet>
    let deployments: Informer<Deployment>
    let daemonSets: Informer<DaemonSet>
    private var queue: WorkQueue!
    private static let ownerIndex = "owner-uid"

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: GarbageCollector.component, user: .controller("generic-garbage-collector"), server: server, simulation: simulation)
        pods = Informer(client: client)
        replicaSets = Informer(client: client)
        deployments = Informer(client: client)
        daemonSets = Informer(client: client)
        pods.addIndex(GarbageCollector.ownerIndex) { $0.metadata.ownerReferences?.map(\.uid) ?? [] }
        replicaSets.addIndex(GarbageCollector.ownerIndex) { $0.metadata.ownerReferences?.map(\.uid) ?? [] }
        queue = WorkQueue(simulation: simulation, component: GarbageCollector.component) { [unowned self] in self.collect($0) }
        replicaSets.addHandlers(add: { [unowned self] in self.checkOwners(of: $0) }, delete: { [unowned self] in self.ownerGone($0) })
        deployments.addHandlers(delete: { [unowned self] in self.ownerGone($0) })
        daemonSets.addHandlers(delete: { [unowned self] in self.ownerGone($0) })
        pods.addHandlers(add: { [unowned self] in self.checkOwners(of: $0) })
    }

    private func dependents(of uid: String) -> [any APIObject] {
        (replicaSets.byIndex(GarbageCollector.ownerIndex, uid) as [any APIObject]) + pods.byIndex(GarbageCollector.ownerIndex, uid)
    }

    private func ownerGone(_ owner: any APIObject) -> String? {
        guard let uid = owner.metadata.uid, !dependents(of: uid).isEmpty else { return nil }
        return "owner gone: " + queue.add("\(uid)|\(owner.type.kind) \(owner.key)")
    }

    /// A dependent created after its owner was deleted (a create still in flight) is collected too.
    private func checkOwners(of object: any APIObject) -> String? {
        let namespace = object.namespace ?? ""
        let dangling = (object.metadata.ownerReferences ?? []).first { reference in
            switch reference.kind {
            case "ReplicaSet": return replicaSets.object(referencedBy: reference, in: namespace) == nil
            case "Deployment": return deployments.object(referencedBy: reference, in: namespace) == nil
            case "DaemonSet": return daemonSets.object(referencedBy: reference, in: namespace) == nil
            default: return false
            }
        }
        guard let owner = dangling else { return nil }
        return "owner gone: " + queue.add("\(owner.uid)|\(owner.kind) \(namespace)/\(owner.name)")
    }

    private func collect(_ item: String) -> StepOutcome {
        let parts = item.split(separator: "|", maxSplits: 1).map(String.init)
        let uid = parts.first ?? ""
        let owner = parts.count > 1 ? parts[1] : uid
        let doomed = dependents(of: uid).filter { $0.metadata.deletionTimestamp == nil }
        for object in doomed {
            client.delete(object.type, namespace: object.namespace, name: object.name, preconditionUID: object.metadata.uid,
                          why: "its owner \(owner) was deleted (propagationPolicy Background)")
        }
        let names = doomed.map { "\($0.type.singular)/\($0.name)" }
        return StepOutcome(object: "uid/\(uid)",
                           summary: "owner \(owner) is gone → deletes \(doomed.count) dependent(s)",
                           explanation: "The owner \(owner) (uid \(uid)) no longer exists.\nDependents whose ownerReferences name it: \(names.joined(separator: ", ")).\nEach is deleted in the background.")
    }
}
