import Cluster
import Controllers

/// Deployments at quiescence: one ReplicaSet runs the current template; once every Pod of the
/// Deployment is Ready (good images, room to schedule) the rollout must be over: that
/// ReplicaSet alone asks for Pods, and there are exactly spec.replicas of them.
enum DeploymentInvariants {
    static func check(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        for deployment in snapshot.deployments where deployment.metadata.deletionTimestamp == nil && deployment.spec.paused != true {
            let name = deployment.violationName
            let owned = snapshot.replicaSets.filter { $0.metadata.controllerRef?.uid == deployment.metadata.uid }
            let current = owned.filter { $0.spec.template?.withoutHashLabel == deployment.spec.template?.withoutHashLabel }
            let limit = Int(deployment.spec.revisionHistoryLimit ?? 10)
            if owned.count > limit + 1 {
                violations.append(InvariantViolation(.deployment, name, "controls \(owned.count) ReplicaSets, revisionHistoryLimit is \(limit)"))
            }
            if current.isEmpty, DeploymentInvariants.stuckInAScalingEvent(deployment, owned: owned) { continue }
            guard current.count == 1, let newRS = current.first else {
                violations.append(InvariantViolation(.deployment, name, "\(current.count) ReplicaSets run the current template, wanted 1"))
                continue
            }
            let pods = owned.flatMap { snapshot.activePods(controlledBy: $0) }
            guard pods.allSatisfy(\.isReady) else { continue }
            let asking = owned.filter { ($0.spec.replicas ?? 0) > 0 && $0.metadata.uid != newRS.metadata.uid }
            if !asking.isEmpty {
                violations.append(InvariantViolation(.deployment, name, "every Pod is Ready but old ReplicaSet(s) \(asking.map(\.name).sorted()) still ask for Pods"))
            }
            if Int(newRS.spec.replicas ?? 0) != deployment.desiredReplicas || pods.count != deployment.desiredReplicas {
                violations.append(InvariantViolation(.deployment, name, "every Pod is Ready but \(newRS.name) asks for \(newRS.spec.replicas ?? 0) and \(pods.count) Pod(s) run; spec.replicas is \(deployment.desiredReplicas)"))
            }
            if deployment.status?.updatedReplicas ?? 0 != Int32(deployment.desiredReplicas) || deployment.status?.readyReplicas ?? 0 != Int32(deployment.desiredReplicas) {
                violations.append(InvariantViolation(.deployment, name, "status says \(deployment.status?.updatedReplicas ?? 0) updated, \(deployment.status?.readyReplicas ?? 0) ready; spec.replicas is \(deployment.desiredReplicas)"))
            }
        }
        return violations
    }

    /// kube-controller-manager's own dead end: a Recreate Deployment whose active ReplicaSets
    /// (two or more, adopted after `--cascade=orphan`) were sized for another replica count is
    /// a scaling event at every sync, and scale() moves nothing for Recreate with no new
    /// ReplicaSet, so the rollout never starts (sync.go, isScalingEvent and scale). The same
    /// happens here; it is not a violation.
    static func stuckInAScalingEvent(_ deployment: Deployment, owned: [ReplicaSet]) -> Bool {
        deployment.spec.strategy?.type == "Recreate" && owned.filter { ($0.spec.replicas ?? 0) > 0 }.count > 1
            && DeploymentController.isScalingEvent(deployment, owned: owned)
    }
}
