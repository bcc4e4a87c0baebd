import Cluster

/// StatefulSets at quiescence: every Pod a set controls is named by one of its ordinals; the
/// ordinals are exactly 0..<replicas once they can be (Parallel, or OrderedReady with every
/// Pod Running and Ready: an unready Pod rightly holds up the ones after it), unless a Pod it
/// does not control holds one of their names.
enum StatefulSetInvariants {
    static func check(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for set in snapshot.statefulSets where set.metadata.deletionTimestamp == nil {
            let name = set.violationName
            let owned = snapshot.activePods(controlledBy: set)
            let ordinals = owned.compactMap { set.ordinal(ofPod: $0.name) }
            for pod in owned where set.ordinal(ofPod: pod.name) == nil {
                violations.append(InvariantViolation(.statefulSet, name, "controls \(pod.key), which is not named for an ordinal"))
            }
            for pod in snapshot.unadoptedPods(for: set, selector: set.spec.selector, member: { set.ordinal(ofPod: $0.name) != nil }) {
                violations.append(InvariantViolation(.statefulSet, name, "orphan \(pod.key) is one of its ordinals and was not adopted"))
            }
            let wanted = Array(0..<max(set.desiredReplicas, 0))
            // A Pod of the same name the set does not control (relabelled out of it while
            // orphaned) blocks that ordinal for good, in Kubernetes too.
            let blocked = wanted.contains { ordinal in
                snapshot.pods.contains { $0.namespace == set.namespace && $0.name == set.podName(ordinal) && $0.metadata.controllerRef?.uid != set.metadata.uid }
            }
            let settled = !blocked && (set.isParallel || owned.allSatisfy { $0.phase == "Running" && $0.isReady })
            if settled, ordinals.sorted() != wanted {
                violations.append(InvariantViolation(.statefulSet, name, "runs ordinals \(ordinals.sorted()), spec.replicas \(set.desiredReplicas) wants \(wanted)"))
            }
            if settled, set.status?.replicas ?? 0 != Int32(owned.count) {
                violations.append(InvariantViolation(.statefulSet, name, "status.replicas is \(set.status?.replicas ?? 0), it controls \(owned.count)"))
            }
        }
        return violations
    }
}
