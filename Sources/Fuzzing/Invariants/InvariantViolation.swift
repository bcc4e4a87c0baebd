/// One thing that does not hold once a cluster has settled: which invariant, on which object,
/// and what differs. Rendered to text only for people (`description`).
public struct InvariantViolation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The family of invariants a violation belongs to.
    public enum Invariant: String, Equatable, Hashable, Sendable, CaseIterable {
        case replicaSet = "replicaset"
        case deployment
        case statefulSet = "statefulset"
        case daemonSet = "daemonset"
        case job
        case cronJob = "cronjob"
        /// An ownerReference to an owner that no longer exists with that UID.
        case ownerReference = "owner-reference"
        /// A Pod bound to a node the API server does not have.
        case podOnMissingNode = "pod-on-missing-node"
        /// A Service's EndpointSlices do not hold exactly its ready selected Pods.
        case endpointSlices = "endpoint-slices"
        /// An informer's cache differs from the store.
        case informerCache = "informer-cache"
        /// An object being deleted that nothing will finish deleting.
        case stuckDeletion = "stuck-deletion"
        /// The cluster did not settle within the step budget.
        case livelock
    }

    public let invariant: Invariant
    /// The object's kind and key, `ReplicaSet default/web-7d4b9`, or what the check is about.
    public let object: String
    public let detail: String

    public init(_ invariant: Invariant, _ object: String, _ detail: String) {
        self.invariant = invariant
        self.object = object
        self.detail = detail
    }

    public var description: String { "[\(invariant.rawValue)] \(object): \(detail)" }
}
