import ClientKit

/// kube-scheduler: watches for Pods with no node, runs each through the filter and score
/// plugins in one scheduling cycle (one step), and binds it to the best node.
public final class Scheduler {
    public static let component = "kube-scheduler"
    let client: Client
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let claims: Informer<PersistentVolumeClaim>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    private var nodeInfos: [String: NodeInfo] = [:] {
        didSet { if nodeInfos.count != sortedNodes?.count { sortedNodes = nil } }
    }
    /// The nodes by name, kept so that a cycle need neither sort nor look them up.
    private var sortedNodes: [NodeInfo]?
    private var nodeOrder: [NodeInfo] {
        if let sortedNodes { return sortedNodes }
        let sorted = nodeInfos.keys.sorted().compactMap { nodeInfos[$0] }
        sortedNodes = sorted
        return sorted
    }
    /// Where the next cycle starts looking, so that big clusters share the load (nextStartNodeIndex).
    private var nextStartNode = 0
    /// Pods that failed a cycle and wait for a cluster change that might help them.
    private var unschedulable: Set<String> = []
    /// Pods this scheduler assumed onto a node whose binding has not come back yet.
    private var assumed: [String: String] = [:]

    let filters: [any FilterPlugin] = [NodeUnschedulable(), NodeName(), TaintToleration(), NodeAffinityPlugin(), NodeResourcesFit()]
    let scorers: [any ScorePlugin] = [TaintToleration(), NodeAffinityPlugin(), LeastAllocated(), BalancedAllocation()]

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: Scheduler.component, user: .scheduler, server: server, simulation: simulation)
        pods = Informer(client: client)
        nodes = Informer(client: client)
        claims = Informer(client: client)
        recorder = EventRecorder(client: client, component: "default-scheduler")
        queue = WorkQueue(simulation: simulation, component: Scheduler.component, kind: .schedule) { [unowned self] key in
            self.scheduleOne(key)
        }
        for node in nodes.list() { nodeInfos[node.name] = NodeInfo(node: node) }
        for pod in pods.list() where pod.spec.nodeName != nil { nodeInfos[pod.spec.nodeName ?? ""]?.add(pod) }
        nodes.addHandlers(add: { [unowned self] in self.nodeChanged(nil, $0) },
                          update: { [unowned self] in self.nodeChanged($0, $1) },
                          delete: { [unowned self] node in
                              self.nodeInfos[node.name] = nil
                              return "removed node \(node.name) from the scheduler cache"
                          })
        let claimChanged: (PersistentVolumeClaim) -> String? = { [unowned self] claim in
            let retried = self.retryUnschedulable()
            return retried.isEmpty ? nil : "claim \(claim.key) changed" + retried
        }
        claims.addHandlers(add: claimChanged, update: { _, claim in claimChanged(claim) })
        pods.addHandlers(add: { [unowned self] in self.podChanged($0) },
                         update: { [unowned self] _, pod in self.podChanged(pod) },
                         delete: { [unowned self] in self.podDeleted($0) })
        for pod in pods.list() where needsScheduling(pod) { queue.add(pod.key) }
    }

    private func needsScheduling(_ pod: Pod) -> Bool {
        pod.spec.nodeName == nil && pod.spec.schedulerName == "default-scheduler" && pod.metadata.deletionTimestamp == nil
            && !pod.isTerminal
    }

    private func podChanged(_ pod: Pod) -> String? {
        if let node = pod.spec.nodeName {
            if let assumedNode = assumed.removeValue(forKey: pod.key), assumedNode != node {
                nodeInfos[assumedNode]?.remove(pod.key)
            }
            let cached = nodeInfos[node]?.pods[pod.key] != nil
            if pod.isTerminal { return cached ? freeResources(of: pod, on: node) : nil }
            guard !cached else { return nil }
            nodeInfos[node]?.add(pod)
            return "node \(node) now runs \(pod.name) in the scheduler cache"
        }
        guard needsScheduling(pod) else { return nil }
        if unschedulable.contains(pod.key) { return "\(pod.key) waits in the unschedulable queue" }
        if assumed[pod.key] != nil { return nil }
        return "scheduling queue: " + queue.add(pod.key)
    }

    private func podDeleted(_ pod: Pod) -> String? {
        unschedulable.remove(pod.key)
        if let node = assumed.removeValue(forKey: pod.key) ?? pod.spec.nodeName, nodeInfos[node]?.pods[pod.key] != nil {
            return freeResources(of: pod, on: node)
        }
        return nil
    }

    /// A Pod leaving a node may make room: give the unschedulable Pods another try.
    private func freeResources(of pod: Pod, on node: String) -> String {
        nodeInfos[node]?.remove(pod.key)
        return "freed \(pod.name)'s place on \(node)" + retryUnschedulable()
    }

    private func nodeChanged(_ old: Node?, _ node: Node) -> String? {
        if let info = nodeInfos[node.name] { info.node = node } else { nodeInfos[node.name] = NodeInfo(node: node) }
        let relevant = old == nil || old?.spec != node.spec || old?.labels != node.labels || old?.allocatable != node.allocatable
        guard relevant else { return nil }
        return "node \(node.name) \(old == nil ? "added to" : "updated in") the scheduler cache" + retryUnschedulable()
    }

    private func retryUnschedulable() -> String {
        guard !unschedulable.isEmpty else { return "" }
        let keys = unschedulable.sorted()
        unschedulable.removeAll()
        for key in keys { queue.add(key) }
        return "; \(keys.count) unschedulable pod(s) moved back to the active queue"
    }

    // MARK: The scheduling cycle

    /// One filter verdict in the cycle's table: the plugins passed, and the failing one if any.
    struct FilterRow {
        let node: String
        let passed: [String]
        let failure: (plugin: String, reasons: [String])?
    }

    /// How many feasible nodes a cycle looks for before it stops filtering: all of a small
    /// cluster, an adaptive share of a big one (percentageOfNodesToScore, at least 100 nodes).
    static func feasibleNodesToFind(_ total: Int) -> Int {
        guard total >= 100 else { return total }
        let percentage = max(50 - total / 125, 5)
        return max(total * percentage / 100, 100)
    }

    private func scheduleOne(_ key: String) -> StepOutcome {
        let reference = "pod/\(key)"
        guard let pod = pods.get(key), needsScheduling(pod), assumed[key] == nil else {
            return StepOutcome(object: reference, summary: "\(key) no longer needs scheduling")
        }
        let state = CycleState(pod: pod)
        let nodeOrder = self.nodeOrder
        let total = nodeOrder.count
        if let reason = VolumeBinding.preFilter(pod, claims: claims) {
            let message = "0/\(total) nodes are available: \(reason). preemption: 0/\(total) nodes are available: \(total) Preemption is not helpful for scheduling."
            unschedulable.insert(key)
            markUnschedulable(pod, message: message)
            return StepOutcome(object: reference, summary: "\(key): unschedulable, \(message)",
                               explanation: "Scheduling cycle for pod \(key)\nPreFilter VolumeBinding ✗ (\(reason))\n\nThe Pod's claims must be bound before any node is considered (their StorageClass binds Immediately).\nThe Pod waits in the unschedulable queue until a claim changes.")
        }
        let wanted = Scheduler.feasibleNodesToFind(total)
        var rows: [FilterRow] = []
        var feasible: [NodeInfo] = []
        var reasons: [String: Int] = [:]
        var resolvableFailures = 0
        var unresolvableFailures = 0
        var processed = 0
        while processed < total, feasible.count < wanted {
            let info = nodeOrder[(nextStartNode + processed) % total]
            processed += 1
            var failedAt: Int?
            for (index, plugin) in filters.enumerated() {
                let result = plugin.filter(state, info)
                if result.isEmpty { continue }
                failedAt = index
                for reason in result { reasons[reason, default: 0] += 1 }
                if plugin.unresolvable { unresolvableFailures += 1 } else { resolvableFailures += 1 }
                if rows.count < Scheduler.tableRows {
                    rows.append(FilterRow(node: info.name, passed: filters.prefix(index).map(\.name), failure: (plugin.name, result)))
                }
                break
            }
            if failedAt == nil {
                feasible.append(info)
                if rows.count < Scheduler.tableRows { rows.append(FilterRow(node: info.name, passed: filters.map(\.name), failure: nil)) }
            }
        }
        nextStartNode = total == 0 ? 0 : (nextStartNode + processed) % total
        let filtered = processed
        func header() -> String {
            let requests = Dictionary(uniqueKeysWithValues: state.requests.map { ($0.resource, $0.amount) })
            return "Scheduling cycle for pod \(key)\n"
                + "requests       cpu \(requests["cpu"].map { "\($0)m" } ?? "0"), memory \(requests["memory"].map { Quantity.bytesText($0 / 1000) } ?? "0")\n"
                + (filtered < total ? "nodes          filtered \(filtered) of \(total), enough to find \(wanted) feasible (percentageOfNodesToScore)\n" : "")
        }
        guard !feasible.isEmpty else {
            let message = FitError(nodeCount: total, reasons: reasons,
                                   unresolvable: unresolvableFailures, resolvable: resolvableFailures).message
            unschedulable.insert(key)
            markUnschedulable(pod, message: message)
            return StepOutcome(object: reference, summary: "\(key): unschedulable, \(message)",
                               explanation: header() + Scheduler.renderFilters(rows, processed: filtered)
                                   + "\nNo node passed every filter.\n\(message)\nThe Pod waits in the unschedulable queue until a node or Pod changes.")
        }
        var totals = Array(repeating: Int64(0), count: feasible.count)
        var columns: [[Int64]] = []
        for plugin in scorers {
            let normalized = plugin.normalize(feasible.map { plugin.score(state, $0) })
            columns.append(normalized)
            for index in feasible.indices { totals[index] += normalized[index] * Int64(plugin.weight) }
        }
        let best = totals.max() ?? 0
        let top = feasible.indices.filter { totals[$0] == best }
        let chosen = feasible[top[client.simulation.random[.schedulerTies].int(below: top.count)]]
        let names = feasible.map(\.name)
        let plugins = scorers.map { (name: $0.name, weight: $0.weight) }
        let ties = top.count
        assume(pod, on: chosen.name)
        return StepOutcome(object: reference, summary: "\(key) → \(chosen.name) (\(feasible.count)/\(total) nodes feasible, score \(best))",
                           explanation: header() + Scheduler.renderFilters(rows, processed: filtered)
                               + Scheduler.renderScores(names: names, columns: columns, totals: totals, plugins: plugins)
                               + "\nChosen: \(chosen.name) (score \(best)\(ties > 1 ? ", picked at random among \(ties) tied nodes" : ""))."
                               + "\nThe Pod is assumed onto \(chosen.name) in the cache and a Binding is sent to kube-apiserver.")
    }

    /// At most this many nodes are listed in a cycle's tables; the rest are counted.
    static let tableRows = 12

    static func renderFilters(_ rows: [FilterRow], processed: Int) -> String {
        let width = max(rows.map(\.node.count).max() ?? 4, 4) + 2
        var text = "\nFilter plugins (node × plugin):\n"
        for row in rows {
            var line = "  " + row.node.padded(to: width)
            line += row.passed.map { "\($0) ✓  " }.joined()
            if let failure = row.failure { line += "\(failure.plugin) ✗ (\(failure.reasons.joined(separator: ", ")))" }
            text += line + "\n"
        }
        if processed > rows.count { text += "  ... and \(processed - rows.count) more node(s)\n" }
        return text
    }

    static func renderScores(names: [String], columns: [[Int64]], totals: [Int64], plugins: [(name: String, weight: Int)]) -> String {
        let width = max(names.prefix(tableRows).map(\.count).max() ?? 4, 4) + 2
        var text = "\nScore plugins (weighted, normalized to 0-100):\n"
        text += "  " + "".padded(to: width)
            + plugins.map { "\($0.name)(×\($0.weight))" }.joined(separator: "  ") + "  total\n"
        for (index, name) in names.enumerated().prefix(tableRows) {
            var line = "  " + name.padded(to: width)
            for (column, plugin) in plugins.enumerated() {
                line += String(columns[column][index]).padded(to: plugin.name.count + 6)
            }
            text += line + String(totals[index]) + "\n"
        }
        if names.count > tableRows { text += "  ... and \(names.count - tableRows) more feasible node(s)\n" }
        return text
    }

    private func assume(_ pod: Pod, on node: String) {
        assumed[pod.key] = node
        nodeInfos[node]?.add(pod)
        let binding = Binding(metadata: ObjectMeta(name: pod.name, namespace: pod.namespace),
                              target: ObjectReference(apiVersion: "v1", kind: "Node", name: node))
        client.send(APIRequest(verb: .create, type: Pod.type, namespace: pod.namespace, name: pod.name, subresource: "binding",
                               body: binding, user: client.user),
                    why: "bind \(pod.key) to \(node)") { [unowned self] result in
            switch result {
            case .success:
                self.recorder.record(pod, reason: "Scheduled", message: "Successfully assigned \(pod.key) to \(node)")
            case .failure:
                if self.assumed.removeValue(forKey: pod.key) != nil { self.nodeInfos[node]?.remove(pod.key) }
                if self.pods.get(pod.key).map(self.needsScheduling) == true {
                    self.queue.add(pod.key, after: 1000, reason: "binding failed: back off 1s")
                }
            }
        }
    }

    private func markUnschedulable(_ pod: Pod, message: String) {
        recorder.record(pod, type: "Warning", reason: "FailedScheduling", message: message)
        var updated = pod
        var status = updated.status ?? PodStatus(phase: "Pending")
        let condition = PodCondition(type: "PodScheduled", status: "False", lastTransitionTime: client.server.now,
                                     reason: "Unschedulable", message: message)
        if let existing = status.conditions?.first(where: { $0.type == "PodScheduled" }),
           existing.status == "False", existing.message == message { return }
        status.conditions = (status.conditions ?? []).filter { $0.type != "PodScheduled" } + [condition]
        updated.status = status
        updated.metadata.resourceVersion = nil
        client.updateStatus(updated, why: "record why \(pod.key) cannot be scheduled")
    }
}

/// The scheduler's summary of why no node fits, in v1.32's words.
struct FitError {
    let nodeCount: Int
    let reasons: [String: Int]
    let unresolvable: Int
    let resolvable: Int

    var message: String {
        let histogram = reasons.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
        var preemption: [String] = []
        if unresolvable > 0 { preemption.append("\(unresolvable) Preemption is not helpful for scheduling") }
        if resolvable > 0 { preemption.append("\(resolvable) No preemption victims found for incoming pod") }
        return "0/\(nodeCount) nodes are available: \(histogram). preemption: 0/\(nodeCount) nodes are available: \(preemption.sorted().joined(separator: ", "))."
    }
}

