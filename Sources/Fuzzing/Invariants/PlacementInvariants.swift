import Cluster

/// Where Pods are and who serves them: no Pod is bound to a node the API server does not have
/// (what the pod garbage collector removes), and every Service with a selector has
/// EndpointSlices holding exactly its ready selected Pods (by IP, ready endpoints against Pods
/// that are Ready and not terminating).
public enum PlacementInvariants {
    public static func podsOnMissingNodes(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        let nodes = Set(snapshot.nodes.map(\.name))
        return snapshot.pods.compactMap { pod in
            guard let node = pod.spec.nodeName, !nodes.contains(node) else { return nil }
            return InvariantViolation(.podOnMissingNode, pod.violationName, "bound to node \(node), which does not exist")
        }
    }

    public static func endpointSliceMismatches(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        snapshot.services.compactMap { service in
            guard let selector = service.spec.selector else { return nil }
            let wanted = Set(snapshot.pods.filter { pod in
                pod.namespace == service.namespace && selector.allSatisfy { pod.labels[$0.key] == $0.value }
                    && pod.isReady && !pod.isTerminal && pod.metadata.deletionTimestamp == nil
            }.compactMap { $0.status?.podIP })
            let held = Set(snapshot.endpointSlices.filter { $0.namespace == service.namespace && $0.labels[EndpointSlice.serviceNameLabel] == service.name }
                .flatMap { $0.endpoints ?? [] }.filter { $0.conditions?.ready == true }.flatMap(\.addresses))
            guard held != wanted else { return nil }
            return InvariantViolation(.endpointSlices, service.violationName, "slices hold \(held.sorted()), ready Pods are \(wanted.sorted())")
        }
    }
}
