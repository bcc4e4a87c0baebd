import ClientKit

/// ControllerRefManager's adoption (pkg/controller/controller_ref_manager.go): an owner that is
/// not being deleted claims the objects in its namespace that have no controller and whose
/// labels its selector matches. This is what lets a Deployment, StatefulSet or DaemonSet that
/// is created again after `kubectl delete --cascade=orphan` take back its ReplicaSets, Pods and
/// ControllerRevisions, instead of failing to create ones of the same name.
enum Adoption {
    /// The orphans `owner` claims among `candidates`; `member` narrows them further (a
    /// StatefulSet claims only Pods named for one of its ordinals).
    static func orphans<Object: APIObject>(_ candidates: [Object], for owner: some APIObject, selector: LabelSelector?,
                                           member: (Object) -> Bool = { _ in true }) -> [Object] {
        guard let selector, !selector.isEmpty, owner.metadata.deletionTimestamp == nil else { return [] }
        return candidates.filter {
            $0.namespace == owner.namespace && $0.metadata.controllerRef == nil && $0.metadata.deletionTimestamp == nil
                && selector.matches($0.labels) && member($0)
        }.sorted { $0.name < $1.name }
    }

    /// Makes `owner` the controller of each orphan, one update each (which requeues the owner
    /// through its informers); the step's outcome names them.
    static func adopt(_ orphans: [any APIObject], by owner: some APIObject, client: Client,
                      completion: () -> Client.Completion?) -> StepOutcome {
        for orphan in orphans {
            var adopted = orphan
            adopted.metadata.ownerReferences = (orphan.metadata.ownerReferences ?? []) + [owner.ownerReference(controller: true)]
            client.update(adopted, why: "orphan \(orphan.type.singular)/\(orphan.name) matches the selector of \(owner.type.kind) \(owner.name): adopt it",
                          completion: completion())
        }
        let names = orphans.map { "\($0.type.singular)/\($0.name)" }.joined(separator: ", ")
        return StepOutcome(object: "\(owner.type.singular)/\(owner.key)", summary: "adopt orphan(s) \(names)",
                           explanation: "\(owner.type.kind) \(owner.key) has no controller for \(names), whose labels match its selector: it adopts them, adding itself as their controller in ownerReferences.")
    }

    /// Queues the owners that may adopt `pod`, an active Pod without a controller (added, or
    /// relabelled, or just orphaned): the informer handlers' getPodDaemonSets/getPodStatefulSets.
    static func queueAdopters<Owner: APIObject>(of pod: Pod, among owners: [Owner], selector: (Owner) -> LabelSelector?,
                                                member: (Owner) -> Bool = { _ in true }, queue: WorkQueue) -> String? {
        guard pod.metadata.controllerRef == nil, !pod.isTerminal, pod.metadata.deletionTimestamp == nil else { return nil }
        let notes = owners.filter { !orphans([pod], for: $0, selector: selector($0)).isEmpty && member($0) }.map { queue.add($0.key) }
        return notes.isEmpty ? nil : notes.joined(separator: ", ")
    }
}
