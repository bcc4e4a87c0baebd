@_spi(Observer) import APIServer
import Cluster

/// What the invariants read, listed from the API server once: the store at one quiescent moment.
public struct ClusterSnapshot {
    public let now: Timestamp
    public let nodes: [Node]
    public let pods: [Pod]
    public let replicaSets: [ReplicaSet]
    public let deployments: [Deployment]
    public let statefulSets: [StatefulSet]
    public let daemonSets: [DaemonSet]
    public let jobs: [Job]
    public let cronJobs: [CronJob]
    public let services: [Service]
    public let endpointSlices: [EndpointSlice]
    /// Every stored object of every served kind, for the checks that hold across kinds.
    public let everything: [any APIObject]

    public init(_ server: APIServer) {
        now = server.now
        nodes = server.list(Node.self)
        pods = server.list(Pod.self)
        replicaSets = server.list(ReplicaSet.self)
        deployments = server.list(Deployment.self)
        statefulSets = server.list(StatefulSet.self)
        daemonSets = server.list(DaemonSet.self)
        jobs = server.list(Job.self)
        cronJobs = server.list(CronJob.self)
        services = server.list(Service.self)
        endpointSlices = server.list(EndpointSlice.self)
        everything = Catalog.served.filter { $0.type.plural != "bindings" }.flatMap { server.list($0.type) }
    }

    /// Active Pods without a controller in `owner`'s namespace that its selector matches (and
    /// `member` accepts): ones it should have adopted.
    func unadoptedPods(for owner: any APIObject, selector: LabelSelector?, member: (Pod) -> Bool = { _ in true }) -> [Pod] {
        guard let selector, !selector.isEmpty else { return [] }
        return pods.filter { pod in
            pod.namespace == owner.namespace && pod.metadata.controllerRef == nil && !pod.isTerminal
                && pod.metadata.deletionTimestamp == nil && selector.matches(pod.labels) && member(pod)
        }
    }

    /// The Pods `owner` controls that are neither finished nor being deleted.
    func activePods(controlledBy owner: any APIObject) -> [Pod] {
        pods.filter { $0.metadata.controllerRef?.uid == owner.metadata.uid && !$0.isTerminal && $0.metadata.deletionTimestamp == nil }
    }
}

extension APIObject {
    /// `ReplicaSet default/web-7d4b9`: how a violation names the object.
    var violationName: String { "\(type.kind) \(key)" }
}
