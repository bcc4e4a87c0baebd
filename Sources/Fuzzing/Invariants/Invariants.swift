@_spi(Observer) import APIServer
@_spi(Observer) import ClientKit
import Cluster

/// Every invariant that must hold once a cluster has settled, over one snapshot of the store
/// and the controllers' informer caches.
public enum Invariants {
    public static func check(_ cluster: Cluster) -> [InvariantViolation] {
        let snapshot = ClusterSnapshot(cluster.server)
        return ReplicaSetInvariants.check(snapshot) + DeploymentInvariants.check(snapshot) + StatefulSetInvariants.check(snapshot)
            + DaemonSetInvariants.check(snapshot) + BatchInvariants.check(snapshot)
            + OwnershipInvariants.danglingOwners(snapshot) + OwnershipInvariants.stuckDeletions(snapshot)
            + PlacementInvariants.podsOnMissingNodes(snapshot) + PlacementInvariants.endpointSliceMismatches(snapshot)
            + staleInformers(cluster)
    }

    /// Informer caches that differ from the store (`SharedInformerFactory.staleCaches`).
    public static func staleInformers(_ cluster: Cluster) -> [InvariantViolation] {
        cluster.informers.staleCaches.map { InvariantViolation(.informerCache, "informer \($0)", "its cache differs from the store") }
    }
}
