import ClientKit

/// NodeUnschedulable: a cordoned node (`spec.unschedulable`) takes no Pods that do not tolerate it.
public struct NodeUnschedulable: FilterPlugin {
    public let name = "NodeUnschedulable"
    public let unresolvable = true
    public func filter(_ state: CycleState, _ node: NodeInfo) -> [String] {
        guard node.unschedulable else { return [] }
        let taint = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")
        if state.tolerations.contains(where: { $0.tolerates(taint) }) { return [] }
        return ["node(s) were unschedulable"]
    }
}

/// NodeName: a Pod that names its node fits only there.
public struct NodeName: FilterPlugin {
    public let name = "NodeName"
    public let unresolvable = true
    public func filter(_ state: CycleState, _ node: NodeInfo) -> [String] {
        guard let wanted = state.nodeName, wanted != node.name else { return [] }
        return ["node(s) didn't match the requested node name"]
    }
}

/// NodeResourcesFit: the Pod's requests must fit in what the node has left, and so must one more Pod.
public struct NodeResourcesFit: FilterPlugin {
    public let name = "NodeResourcesFit"
    public let unresolvable = false
    public func filter(_ state: CycleState, _ node: NodeInfo) -> [String] {
        var reasons: [String] = []
        if Int64(node.pods.count) + 1 > node.maxPods { reasons.append("Too many pods") }
        for (resource, amount) in state.requests {
            if amount > node.allocatable(resource) - node.requested[resource, default: 0] {
                reasons.append("Insufficient \(resource)")
            }
        }
        return reasons
    }
}

/// TaintToleration: every NoSchedule and NoExecute taint on the node must be tolerated.
public struct TaintToleration: FilterPlugin, ScorePlugin {
    public let name = "TaintToleration"
    public let unresolvable = true
    public let weight = 3
    public func filter(_ state: CycleState, _ node: NodeInfo) -> [String] {
        let tolerations = state.tolerations
        for taint in node.taints where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !tolerations.contains(where: { $0.tolerates(taint) }) {
                return ["node(s) had untolerated taint \(taint.scheduleText)"]
            }
        }
        return []
    }

    /// Counts PreferNoSchedule taints the Pod does not tolerate: fewer is better.
    public func score(_ state: CycleState, _ node: NodeInfo) -> Int64 {
        let tolerations = state.tolerations
        return Int64(node.taints.filter { taint in
            taint.effect == "PreferNoSchedule" && !tolerations.contains { $0.tolerates(taint) }
        }.count)
    }

    public func normalize(_ scores: [Int64]) -> [Int64] { normalizeToMax(scores, reverse: true) }
}

/// NodeAffinity: `nodeSelector` and required node affinity must match the node's labels;
/// preferred terms add their weights to the score.
public struct NodeAffinityPlugin: FilterPlugin, ScorePlugin {
    public let name = "NodeAffinity"
    public let unresolvable = true
    public let weight = 2
    public func filter(_ state: CycleState, _ node: NodeInfo) -> [String] {
        let labels = node.labels
        for (key, value) in state.nodeSelector where labels[key] != value {
            return ["node(s) didn't match Pod's node affinity/selector"]
        }
        if let required = state.requiredAffinity, !required.matches(labels, nodeName: node.name) {
            return ["node(s) didn't match Pod's node affinity/selector"]
        }
        return []
    }

    public func score(_ state: CycleState, _ node: NodeInfo) -> Int64 {
        state.preferredAffinity.filter { $0.preference.matches(node.labels, nodeName: node.name) }.reduce(0) { $0 + Int64($1.weight) }
    }

    public func normalize(_ scores: [Int64]) -> [Int64] { normalizeToMax(scores, reverse: false) }
}

/// NodeResourcesFit's LeastAllocated scoring: prefer the node with the most cpu and memory left.
public struct LeastAllocated: ScorePlugin {
    public let name = "NodeResourcesFit"
    public let weight = 1
    public func score(_ state: CycleState, _ node: NodeInfo) -> Int64 {
        func free(_ capacity: Int64, _ requested: Int64) -> Int64 {
            capacity == 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity
        }
        return (free(node.allocatableCPU, node.nonZeroCPU + state.nonZeroCPU)
            + free(node.allocatableMemory, node.nonZeroMemory + state.nonZeroMemory)) / 2
    }
}

/// NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory use stay in proportion.
public struct BalancedAllocation: ScorePlugin {
    public let name = "NodeResourcesBalancedAllocation"
    public let weight = 1
    public func score(_ state: CycleState, _ node: NodeInfo) -> Int64 {
        func fraction(_ capacity: Int64, _ requested: Int64) -> Double {
            capacity == 0 ? 1 : min(Double(requested) / Double(capacity), 1)
        }
        let cpu = fraction(node.allocatableCPU, node.nonZeroCPU + state.nonZeroCPU)
        let memory = fraction(node.allocatableMemory, node.nonZeroMemory + state.nonZeroMemory)
        return Int64((1 - abs(cpu - memory) / 2) * 100)
    }
}

/// VolumeBinding's PreFilter: every claim the Pod mounts must exist, and with Immediate
/// binding must already be bound to a volume, before any node is considered.
enum VolumeBinding {
    static func preFilter(_ pod: Pod, claims: Informer<PersistentVolumeClaim>) -> String? {
        var unbound = false
        for volume in pod.spec.volumes ?? [] {
            guard let name = volume.claimName else { continue }
            guard let claim = claims.get("\(pod.namespace ?? "")/\(name)"), claim.metadata.deletionTimestamp == nil else {
                return "persistentvolumeclaim \"\(name)\" not found"
            }
            if claim.spec.volumeName == nil || claim.phase != "Bound" { unbound = true }
        }
        return unbound ? "pod has unbound immediate PersistentVolumeClaims" : nil
    }
}
