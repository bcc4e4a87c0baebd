import Cluster

/// Ownership and deletion at quiescence, across every kind. An ownerReference to a kind the
/// garbage collector follows names an owner that exists with that UID (else the collector
/// should have deleted the dependent, or orphaned it). Nothing stays half-deleted: an object
/// with a deletionTimestamp at quiescence waits for a finalizer no controller will clear
/// (foregroundDeletion, orphan, a Terminating namespace's `kubernetes`), or is a Pod whose
/// grace period ran out without its kubelet (or the pod garbage collector) removing it.
enum OwnershipInvariants {
    /// The owner kinds the garbage collector tracks (GarbageCollector.init).
    static let collectedKinds: Set<String> = ["Pod", "ReplicaSet", "Deployment", "DaemonSet", "StatefulSet", "ControllerRevision",
                                              "Job", "CronJob", "PersistentVolumeClaim", "Service", "EndpointSlice"]

    static func danglingOwners(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var uids: [String: String] = [:]
        for object in snapshot.everything where collectedKinds.contains(object.type.kind) {
            uids["\(object.type.kind) \(object.namespace ?? "")/\(object.name)"] = object.metadata.uid
        }
        var violations: [InvariantViolation] = []
        for object in snapshot.everything {
            for reference in object.metadata.ownerReferences ?? [] where collectedKinds.contains(reference.kind) {
                let owner = "\(reference.kind) \(object.namespace ?? "")/\(reference.name)"
                guard uids[owner] != reference.uid else { continue }
                let found = uids[owner].map { "one with uid \($0)" } ?? "none"
                violations.append(InvariantViolation(.ownerReference, object.violationName,
                                                     "owned by \(owner) uid \(reference.uid), which does not exist (found \(found))"))
            }
        }
        return violations
    }

    static func stuckDeletions(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        snapshot.everything.compactMap { object in
            guard let since = object.metadata.deletionTimestamp else { return nil }
            let finalizers = (object.metadata.finalizers ?? []) + ((object as? Namespace)?.spec?.finalizers ?? [])
            if !finalizers.isEmpty || object is Namespace {
                return InvariantViolation(.stuckDeletion, object.violationName, "deleted at \(since) and still held by finalizers \(finalizers)")
            }
            if object is Pod, since.seconds < snapshot.now.seconds {
                return InvariantViolation(.stuckDeletion, object.violationName, "its grace period ended at \(since), it is still there")
            }
            return nil
        }
    }
}
