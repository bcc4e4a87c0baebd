import ClientKit

/// What the scheduler knows about one node: the Node object and the Pods it has bound or assumed there.
public struct NodeInfo {
    public var node: Node
    public var pods: [String: Pod] = [:]
    /// Sum of the Pods' requests (millicores, bytes in thousandths) by resource.
    public var requested: [String: Int64] = [:]
    /// Same, counting a Pod that requests nothing as 100m cpu and 200Mi memory (for scoring).
    public var nonZeroRequested: [String: Int64] = [:]

    public init(node: Node) { self.node = node }

    public var name: String { node.name }

    public func allocatable(_ resource: String) -> Int64 {
        node.allocatable[resource]?.milliValue ?? 0
    }

    mutating func add(_ pod: Pod) {
        guard pods[pod.key] == nil else { return }
        pods[pod.key] = pod
        for (resource, amount) in PodRequests.requests(of: pod) { requested[resource, default: 0] += amount }
        for (resource, amount) in PodRequests.nonZeroRequests(of: pod) { nonZeroRequested[resource, default: 0] += amount }
    }

    mutating func remove(_ key: String) {
        guard let pod = pods.removeValue(forKey: key) else { return }
        for (resource, amount) in PodRequests.requests(of: pod) { requested[resource, default: 0] -= amount }
        for (resource, amount) in PodRequests.nonZeroRequests(of: pod) { nonZeroRequested[resource, default: 0] -= amount }
    }
}

/// A Pod's resource requests as the scheduler counts them: the sum over containers, or the
/// largest init container if that is larger.
public enum PodRequests {
    public static let defaultMilliCPU: Int64 = 100
    public static let defaultMemory: Int64 = 200 * 1024 * 1024 * 1000

    public static func requests(of pod: Pod) -> [String: Int64] {
        var total: [String: Int64] = [:]
        for container in pod.spec.containers {
            for (resource, quantity) in container.resources?.requests ?? [:] { total[resource, default: 0] += quantity.milliValue }
        }
        for container in pod.spec.initContainers ?? [] {
            for (resource, quantity) in container.resources?.requests ?? [:] where quantity.milliValue > total[resource, default: 0] {
                total[resource] = quantity.milliValue
            }
        }
        return total
    }

    public static func nonZeroRequests(of pod: Pod) -> [String: Int64] {
        var total: [String: Int64] = ["cpu": 0, "memory": 0]
        for container in pod.spec.containers {
            let requests = container.resources?.requests ?? [:]
            total["cpu", default: 0] += requests["cpu"]?.milliValue ?? defaultMilliCPU
            total["memory", default: 0] += requests["memory"]?.milliValue ?? defaultMemory
        }
        return total
    }
}

/// A filter plugin answers: can this Pod run on this node? Reasons say why not.
public protocol FilterPlugin {
    var name: String { get }
    /// Reasons the node is unsuitable; empty when it passes.
    func filter(_ pod: Pod, _ node: NodeInfo) -> [String]
    /// Whether preemption could never help (the failure does not depend on other Pods).
    var unresolvable: Bool { get }
}

/// A score plugin ranks the nodes that passed filtering, 0 to 100 after normalizing.
public protocol ScorePlugin {
    var name: String { get }
    var weight: Int { get }
    func score(_ pod: Pod, _ node: NodeInfo) -> Int64
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
