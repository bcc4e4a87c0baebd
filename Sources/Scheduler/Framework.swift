import ClientKit

/// What the scheduler knows about one node: the Node object and the Pods it has bound or assumed there.
/// A class, as in the real scheduler's cache, so that a cycle reads it without copying.
public final class NodeInfo {
    public var node: Node { didSet { refresh() } }
    public private(set) var pods: [String: Pod] = [:]
    /// Sum of the Pods' requests (millicores, bytes in thousandths) by resource.
    public private(set) var requested: [String: Int64] = [:]
    /// cpu and memory requested, counting a Pod that asks for nothing as 100m and 200Mi (for scoring).
    public private(set) var nonZeroCPU: Int64 = 0
    public private(set) var nonZeroMemory: Int64 = 0
    /// What the plugins read of the Node, taken out once per change rather than once per cycle.
    public private(set) var allocatable: [String: Int64] = [:]
    public private(set) var allocatableCPU: Int64 = 0
    public private(set) var allocatableMemory: Int64 = 0
    public private(set) var maxPods: Int64 = 0
    public private(set) var unschedulable = false
    public private(set) var labels: [String: String] = [:]
    public private(set) var taints: [Taint] = []
    public private(set) var name = ""

    public init(node: Node) {
        self.node = node
        refresh()
    }

    private func refresh() {
        name = node.name
        allocatable = node.allocatable.mapValues(\.milliValue)
        allocatableCPU = allocatable["cpu"] ?? 0
        allocatableMemory = allocatable["memory"] ?? 0
        maxPods = (allocatable["pods"] ?? 0) / 1000
        unschedulable = node.spec.unschedulable == true
        labels = node.labels
        taints = node.spec.taints ?? []
    }

    public func allocatable(_ resource: String) -> Int64 { allocatable[resource] ?? 0 }

    func add(_ pod: Pod) {
        guard pods[pod.key] == nil else { return }
        pods[pod.key] = pod
        apply(pod, sign: 1)
    }

    func remove(_ key: String) {
        guard let pod = pods.removeValue(forKey: key) else { return }
        apply(pod, sign: -1)
    }

    private func apply(_ pod: Pod, sign: Int64) {
        for (resource, amount) in PodRequests.requests(of: pod) { requested[resource, default: 0] += sign * amount }
        let nonZero = PodRequests.nonZeroRequests(of: pod)
        nonZeroCPU += sign * (nonZero["cpu"] ?? 0)
        nonZeroMemory += sign * (nonZero["memory"] ?? 0)
    }
}

/// What a scheduling cycle works out once about its Pod (the framework's PreFilter results),
/// so that plugins need not recompute it for every node.
public struct CycleState {
    /// The Pod's requests by resource, sorted by name, zero requests left out.
    public let requests: [(resource: String, amount: Int64)]
    public let nonZeroCPU: Int64
    public let nonZeroMemory: Int64
    public let tolerations: [Toleration]
    public let nodeName: String?
    public let nodeSelector: [String: String]
    public let requiredAffinity: NodeSelector?
    public let preferredAffinity: [PreferredSchedulingTerm]

    public init(pod: Pod) {
        requests = PodRequests.requests(of: pod).filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let nonZero = PodRequests.nonZeroRequests(of: pod)
        nonZeroCPU = nonZero["cpu"] ?? 0
        nonZeroMemory = nonZero["memory"] ?? 0
        tolerations = pod.spec.tolerations ?? []
        nodeName = pod.spec.nodeName
        nodeSelector = pod.spec.nodeSelector ?? [:]
        requiredAffinity = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        preferredAffinity = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    }
}

/// A filter plugin answers: can this Pod run on this node? Reasons say why not.
public protocol FilterPlugin {
    var name: String { get }
    /// Reasons the node is unsuitable; empty when it passes.
    func filter(_ state: CycleState, _ node: NodeInfo) -> [String]
    /// Whether preemption could never help (the failure does not depend on other Pods).
    var unresolvable: Bool { get }
}

/// A score plugin ranks the nodes that passed filtering, 0 to 100 after normalizing.
public protocol ScorePlugin {
    var name: String { get }
    var weight: Int { get }
    func score(_ state: CycleState, _ node: NodeInfo) -> Int64
    /// Rescales raw scores to 0...100 across the feasible nodes (identity by default).
    func normalize(_ scores: [Int64]) -> [Int64]
}

extension ScorePlugin {
    public func normalize(_ scores: [Int64]) -> [Int64] { scores }
}

/// The framework's default normalization: scale so the highest raw score becomes 100.
func normalizeToMax(_ scores: [Int64], reverse: Bool) -> [Int64] {
    let highest = scores.max() ?? 0
    if highest == 0 { return scores.map { _ in reverse ? 100 : 0 } }
    return scores.map { reverse ? 100 - $0 * 100 / highest : $0 * 100 / highest }
}
