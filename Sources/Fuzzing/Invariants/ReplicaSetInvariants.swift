import Cluster

/// ReplicaSets at quiescence: each controls exactly spec.replicas active Pods, all matching its
/// selector, and reports that count; no active orphan Pod matches a ReplicaSet left unadopted.
enum ReplicaSetInvariants {
    static func check(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for rs in snapshot.replicaSets where rs.metadata.deletionTimestamp == nil {
            let owned = snapshot.activePods(controlledBy: rs)
            let name = rs.violationName
            if owned.count != rs.desiredReplicas {
                violations.append(InvariantViolation(.replicaSet, name, "controls \(owned.count) active Pod(s), spec.replicas is \(rs.desiredReplicas)"))
            }
            if rs.status?.replicas != Int32(owned.count) {
                violations.append(InvariantViolation(.replicaSet, name, "status.replicas is \(rs.status.map { String($0.replicas) } ?? "unset"), it controls \(owned.count)"))
            }
            let selector = rs.spec.selector ?? LabelSelector()
            for pod in owned where !selector.matches(pod.labels) {
                violations.append(InvariantViolation(.replicaSet, name, "controls \(pod.key), whose labels no longer match its selector"))
            }
            let orphans = snapshot.unadoptedPods(for: rs, selector: rs.spec.selector)
            for pod in orphans {
                violations.append(InvariantViolation(.replicaSet, name, "orphan \(pod.key) matches its selector and was not adopted"))
            }
        }
        return violations
    }
}
