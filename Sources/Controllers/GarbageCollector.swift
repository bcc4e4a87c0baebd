import ClientKit

/// The garbage collector (pkg/controller/garbagecollector), simplified: it follows
/// ownerReferences between the kinds it tracks and carries out the three propagation policies.
/// - Background: once an owner is gone, its dependents are deleted.
/// - Foreground: an owner being deleted with the `foregroundDeletion` finalizer has its
///   dependents deleted (in the foreground too) and loses the finalizer when none is left.
/// - Orphan: an owner with the `orphan` finalizer is removed from its dependents'
///   ownerReferences, then loses the finalizer.
public final class GarbageCollector {
    public static let component = "garbage-collector"
    static let ownerIndex = "owner-uid"
    let client: Client
    private var queue: WorkQueue!
    /// Every tracked kind, as the graph sees it: objects by key and dependents by owner UID.
    private var kinds: [String: TrackedKind] = [:]
    /// The UIDs of queued items: an item reads `foreground ReplicaSet default/web-7d4b9`.
    private var uids: [String: String] = [:]

    struct TrackedKind {
        let type: ResourceType
        let get: (String) -> (any APIObject)?
        let owner: (OwnerReference, String?) -> (any APIObject)?
        let dependents: (String) -> [any APIObject]
    }

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: GarbageCollector.component, serviceAccount: "generic-garbage-collector")
        queue = WorkQueue(simulation: simulation, component: GarbageCollector.component) { [unowned self] in self.collect($0) }
        track(informers.informer(Pod.self))
        track(informers.informer(ReplicaSet.self))
        track(informers.informer(Deployment.self))
        track(informers.informer(DaemonSet.self))
        track(informers.informer(StatefulSet.self))
        track(informers.informer(ControllerRevision.self))
        track(informers.informer(Job.self))
        track(informers.informer(CronJob.self))
        track(informers.informer(PersistentVolumeClaim.self))
        track(informers.informer(Service.self))
        track(informers.informer(EndpointSlice.self))
    }

    private func track<T: APIObject>(_ informer: Informer<T>) {
        informer.addIndex(GarbageCollector.ownerIndex) { $0.metadata.ownerReferences?.map(\.uid) ?? [] }
        kinds[T.type.kind] = TrackedKind(type: T.type, get: { informer.get($0) }, owner: { informer.object(referencedBy: $0, in: $1) }, dependents: { informer.byIndex(GarbageCollector.ownerIndex, $0) })
        informer.addHandlers(owner: GarbageCollector.component, add: { [unowned self] in self.objectChanged($0) },
                             update: { [unowned self] _, object in self.objectChanged(object) },
                             delete: { [unowned self] in self.objectDeleted($0) })
    }

    private func dependents(of uid: String) -> [any APIObject] {
        kinds.keys.sorted().flatMap { kinds[$0]?.dependents(uid) ?? [] }
    }

    /// Queues work on one owner, named for the trace.
    private func enqueue(_ action: String, kind: String, key: String, uid: String) -> String {
        let item = "\(action) \(kind) \(key)"
        uids[item] = uid
        return queue.add(item)
    }

    private func enqueue(_ action: String, _ object: any APIObject) -> String {
        enqueue(action, kind: object.type.kind, key: object.key, uid: object.metadata.uid ?? "")
    }

    // MARK: events

    /// A new or changed object: an owner being deleted with a finalizer this collector serves,
    /// or a dependent whose owner is already gone (a create that was still in flight).
    private func objectChanged(_ object: any APIObject) -> String? {
        var notes: [String] = []
        let finalizers = object.metadata.finalizers ?? []
        if object.metadata.deletionTimestamp != nil {
            if finalizers.contains(PropagationPolicy.orphanFinalizer) { notes.append(enqueue("orphan", object)) }
            if finalizers.contains(PropagationPolicy.foregroundFinalizer) {
                notes.append(enqueue("foreground", object))
            }
        }
        for reference in object.metadata.ownerReferences ?? [] {
            guard let kind = kinds[reference.kind], kind.owner(reference, object.namespace) == nil else { continue }
            notes.append(enqueue("gone", kind: reference.kind, key: kind.type.key(namespace: object.namespace, name: reference.name), uid: reference.uid))
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// A deleted object: its dependents lose their owner, and an owner waiting in the
    /// foreground for it may now be able to go.
    private func objectDeleted(_ object: any APIObject) -> String? {
        var notes: [String] = []
        if let uid = object.metadata.uid, !dependents(of: uid).isEmpty {
            notes.append(enqueue("gone", object))
        }
        for reference in object.metadata.ownerReferences ?? [] {
            guard let owner = kinds[reference.kind]?.owner(reference, object.namespace),
                  owner.metadata.finalizers?.contains(PropagationPolicy.foregroundFinalizer) == true else { continue }
            notes.append(enqueue("foreground", owner))
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    // MARK: collect

    private func collect(_ item: String) -> StepOutcome {
        let parts = item.split(separator: " ").map(String.init)
        guard parts.count == 3, let uid = uids.removeValue(forKey: item) else { return StepOutcome(object: item, summary: "nothing to do") }
        let (action, kind, key) = (parts[0], parts[1], parts[2])
        let owner = "\(kind) \(key)"
        let dependents = dependents(of: uid)
        switch action {
        case "gone":
            let doomed = dependents.filter { $0.metadata.deletionTimestamp == nil }
            for object in doomed {
                client.delete(object.type, namespace: object.namespace, name: object.name, propagationPolicy: .background,
                              preconditionUID: object.metadata.uid, why: "its owner \(owner) was deleted (propagationPolicy Background)")
            }
            let names = doomed.map { "\($0.type.singular)/\($0.name)" }
            return StepOutcome(object: "uid/\(uid)", summary: "owner \(owner) is gone → deletes \(doomed.count) dependent(s)",
                               explanation: "The owner \(owner) (uid \(uid)) no longer exists.\nDependents whose ownerReferences name it: \(names.joined(separator: ", ")).\nEach is deleted in the background.")
        case "orphan":
            guard let current = kinds[kind]?.get(key), current.metadata.uid == uid else { return StepOutcome(object: owner, summary: "\(owner) is gone") }
            for dependent in dependents {
                var released = dependent
                released.metadata.ownerReferences = dependent.metadata.ownerReferences?.filter { $0.uid != uid }
                if released.metadata.ownerReferences?.isEmpty == true { released.metadata.ownerReferences = nil }
                client.update(released, why: "orphan \(dependent.type.singular)/\(dependent.name): its owner \(owner) is deleted with propagationPolicy Orphan")
            }
            removeFinalizer(PropagationPolicy.orphanFinalizer, from: current)
            return StepOutcome(object: owner, summary: "orphan \(dependents.count) dependent(s) of \(owner), then let it go",
                               explanation: "\(owner) is being deleted with propagationPolicy Orphan.\nThe collector removes it from the ownerReferences of \(dependents.map { "\($0.type.singular)/\($0.name)" }.joined(separator: ", ")), so they stay, then removes the orphan finalizer.")
        default:
            guard let current = kinds[kind]?.get(key), current.metadata.uid == uid,
                  current.metadata.finalizers?.contains(PropagationPolicy.foregroundFinalizer) == true else {
                return StepOutcome(object: owner, summary: "\(owner) no longer waits for its dependents")
            }
            let undeleted = dependents.filter { $0.metadata.deletionTimestamp == nil }
            for object in undeleted {
                client.delete(object.type, namespace: object.namespace, name: object.name, propagationPolicy: .foreground,
                              preconditionUID: object.metadata.uid, why: "its owner \(owner) is deleted in the foreground")
            }
            let blocking = dependents.filter { dependent in
                dependent.metadata.ownerReferences?.contains { $0.uid == uid && $0.blockOwnerDeletion == true } == true
            }
            guard blocking.isEmpty else {
                let names = blocking.map { "\($0.type.singular)/\($0.name)" }.joined(separator: ", ")
                return StepOutcome(object: owner, summary: "\(owner) waits for \(blocking.count) dependent(s)" + (undeleted.isEmpty ? "" : "; deletes \(undeleted.count)"),
                                   explanation: "\(owner) is being deleted with propagationPolicy Foreground: it stays (with deletionTimestamp set) until the dependents that block it are gone: \(names).")
            }
            removeFinalizer(PropagationPolicy.foregroundFinalizer, from: current)
            return StepOutcome(object: owner, summary: "\(owner) has no dependents left → remove its foregroundDeletion finalizer",
                               explanation: "Every dependent of \(owner) that blocked its deletion is gone, so the collector removes the foregroundDeletion finalizer and the API server deletes it.")
        }
    }

    private func removeFinalizer(_ finalizer: String, from object: any APIObject) {
        var updated = object
        updated.metadata.finalizers = object.metadata.finalizers?.filter { $0 != finalizer }
        if updated.metadata.finalizers?.isEmpty == true { updated.metadata.finalizers = nil }
        client.update(updated, why: "remove the \(finalizer) finalizer from \(object.type.singular)/\(object.name)")
    }
}
