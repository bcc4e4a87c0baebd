import Cluster
import Controllers

/// DaemonSets at quiescence: exactly one active controlled Pod for each node the template may
/// run on (its node selector, affinity and tolerations, as the controller judges), none for
/// any other node, and none for a node that is gone; no orphan matching its selector is left.
enum DaemonSetInvariants {
    static func check(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let nodeNames = Set(snapshot.nodes.map(\.name))
        for ds in snapshot.daemonSets where ds.metadata.deletionTimestamp == nil {
            let name = ds.violationName
            var byNode: [String: [Pod]] = [:]
            for pod in snapshot.activePods(controlledBy: ds) {
                byNode[DaemonSetController.targetNode(of: pod) ?? "", default: []].append(pod)
            }
            for node in snapshot.nodes {
                let count = byNode[node.name]?.count ?? 0
                let reason = DaemonSetController.reasonNotToRun(ds, on: node)
                if reason == nil, count != 1 {
                    violations.append(InvariantViolation(.daemonSet, name, "node \(node.name) should run one daemon Pod and runs \(count)"))
                } else if let reason, count > 0 {
                    violations.append(InvariantViolation(.daemonSet, name, "node \(node.name) runs \(count) daemon Pod(s), but \(reason)"))
                }
            }
            for pod in snapshot.unadoptedPods(for: ds, selector: ds.spec.selector) {
                violations.append(InvariantViolation(.daemonSet, name, "orphan \(pod.key) matches its selector and was not adopted"))
            }
            for (node, pods) in byNode.sorted(by: { $0.key < $1.key }) where !nodeNames.contains(node) {
                violations.append(InvariantViolation(.daemonSet, name, "\(pods.map(\.key).sorted()) are for node \(node.isEmpty ? "(none)" : node), which does not exist"))
            }
        }
        return violations
    }
}
