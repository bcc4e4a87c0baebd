import ClientKit

/// The DaemonSet controller (pkg/controller/daemon): one Pod on every node that the template's
/// node selector, node affinity and tolerations allow. Its Pods carry a required node affinity
/// on `metadata.name`, so the default scheduler places each on its node. Each template is
/// recorded as a ControllerRevision; a Pod whose `controller-revision-hash` is not the current
/// one is replaced by the rolling update.
public final class DaemonSetController {
    public static let component = "daemonset-controller"
    static let generationLabel = "pod-template-generation"
    let client: Client
    let daemonSets: Informer<DaemonSet>
    let nodes: Informer<Node>
    let pods: Informer<Pod>
    let revisions: Informer<ControllerRevision>
    private var podControl: PodControl!
    private var queue: WorkQueue!
    private var expectations: Expectations

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: DaemonSetController.component, serviceAccount: "daemon-set-controller")
        expectations = Expectations { [unowned simulation] in simulation.now }
        daemonSets = informers.informer()
        nodes = informers.informer()
        pods = informers.informer()
        revisions = informers.informer()
        pods.addIndex(PodIndex.controller, PodIndex.controllerUID)
        revisions.addIndex(PodIndex.controller) { [$0.metadata.controllerRef?.uid ?? ""] }
        queue = WorkQueue(simulation: simulation, component: DaemonSetController.component) { [unowned self] in self.sync($0) }
        podControl = PodControl(client: client, recorder: EventRecorder(client: client, component: "daemonset-controller"),
                                requests: SyncRequests(queue: queue))
        daemonSets.addHandlers(owner: DaemonSetController.component, add: { [unowned self] in self.queue.add($0.key) },
                               update: { [unowned self] _, new in self.queue.add(new.key) },
                               delete: { [unowned self] in self.expectations.forget($0.key); return nil })
        let owner: (ControllerRevision) -> String? = { [unowned self] revision in
            self.daemonSets.controller(of: revision).map { self.queue.add($0.key) }
        }
        revisions.addHandlers(owner: DaemonSetController.component, add: owner, update: { _, new in owner(new) }, delete: owner)
        let everyDaemonSet: (Node) -> String? = { [unowned self] _ in
            let notes = self.daemonSets.list().map { self.queue.add($0.key) }
            return notes.isEmpty ? nil : notes.joined(separator: ", ")
        }
        nodes.addHandlers(owner: DaemonSetController.component, add: everyDaemonSet,
                          update: { old, new in old.labels != new.labels || old.spec.taints != new.spec.taints ? everyDaemonSet(new) : nil },
                          delete: everyDaemonSet)
        let adopters: (Pod) -> String? = { [unowned self] pod in
            Adoption.queueAdopters(of: pod, among: self.daemonSets.list(namespace: pod.namespace), selector: \.spec.selector, queue: self.queue)
        }
        pods.addHandlers(owner: DaemonSetController.component, add: { [unowned self] pod in
                             guard let owner = self.daemonSets.controller(of: pod) else { return adopters(pod) }
                             self.expectations.creationObserved(owner.key)
                             return self.queue.add(owner.key)
                         },
                         update: { [unowned self] old, pod in
                             if pod.metadata.controllerRef == nil, old.labels != pod.labels || old.metadata.controllerRef != nil { return adopters(pod) }
                             guard let owner = self.daemonSets.controller(of: pod), old.isReady != pod.isReady || old.phase != pod.phase
                                 || old.spec.nodeName != pod.spec.nodeName || old.metadata.deletionTimestamp != pod.metadata.deletionTimestamp
                                 || old.metadata.controllerRef?.uid != pod.metadata.controllerRef?.uid else { return nil }
                             return self.queue.add(owner.key)
                         },
                         delete: { [unowned self] pod in
                             let waiting = self.expectations.deletionObserved(pod: pod.key)
                             let keys = Set([waiting, self.daemonSets.controller(of: pod)?.key].compactMap { $0 })
                             return keys.isEmpty ? nil : keys.sorted().map { self.queue.add($0) }.joined(separator: ", ")
                         })
    }

    /// The tolerations the controller adds to every daemon Pod, so that it keeps running on a
    /// node under pressure or being drained (util.AddOrUpdateDaemonPodTolerations).
    static let daemonTolerations: [Toleration] = [
        Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute"),
        Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute"),
        Toleration(key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule"),
        Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule"),
    ]

    /// Why a daemon Pod may not run on `node`, or nil when it should.
    public static func reasonNotToRun(_ ds: DaemonSet, on node: Node) -> String? {
        let spec = ds.spec.template?.spec ?? PodSpec()
        for (key, value) in (spec.nodeSelector ?? [:]).sorted(by: { $0.key < $1.key }) where node.labels[key] != value {
            return "nodeSelector \(key)=\(value) does not match"
        }
        if let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
           !required.matches(node.labels, nodeName: node.name) {
            return "required node affinity does not match"
        }
        let tolerations = (spec.tolerations ?? []) + daemonTolerations
        for taint in node.spec.taints ?? [] where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !tolerations.contains(where: { $0.tolerates(taint) }) { return "taint \(taint.key):\(taint.effect) is not tolerated" }
        }
        return nil
    }

    /// The node a daemon Pod is for: where it runs, or where its node affinity pins it.
    public static func targetNode(of pod: Pod) -> String? {
        pod.spec.nodeName ?? pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?
            .nodeSelectorTerms.first?.matchFields?.first { $0.key == "metadata.name" }?.values?.first
    }

    // MARK: sync

    private func sync(_ key: String) -> StepOutcome {
        let reference = "daemonset/\(key)"
        guard let ds = daemonSets.get(key), ds.metadata.deletionTimestamp == nil else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its Pods are the garbage collector's")
        }
        let generation = ds.metadata.annotations?[DaemonSet.templateGenerationAnnotation] ?? "1"
        let orphans: [any APIObject] = Adoption.orphans(revisions.list(namespace: ds.namespace), for: ds, selector: ds.spec.selector)
            + Adoption.orphans(pods.byIndex(PodIndex.controller, ""), for: ds, selector: ds.spec.selector)
        if !orphans.isEmpty { return Adoption.adopt(orphans, by: ds, client: client) { nil } }
        let hash = TemplateHash.of(ds.spec.template)
        let owned = revisions.byIndex(PodIndex.controller, ds.metadata.uid ?? "")
        let current = owned.first { $0.name == "\(ds.name)-\(hash)" }
        guard let current, ControllerHistory.isNewest(current, among: owned) else {
            return ControllerHistory.record(ds, template: ds.spec.template, existing: current, name: "\(ds.name)-\(hash)",
                                            number: ControllerHistory.nextNumber(among: owned), hashLabels: [ControllerRevision.hashLabel: hash],
                                            podLabel: hash, client: client)
        }
        var byNode: [String: [Pod]] = [:]
        for pod in pods.byIndex(PodIndex.controller, ds.metadata.uid ?? "") where PodIndex.isActive(pod) {
            byNode[DaemonSetController.targetNode(of: pod) ?? "", default: []].append(pod)
        }
        var lines: [String] = []
        var creates: [String] = []
        var deletes: [Pod] = []
        var eligible: Set<String> = []
        for node in nodes.list() {
            let reason = DaemonSetController.reasonNotToRun(ds, on: node)
            let existing = byNode[node.name] ?? []
            if reason == nil { eligible.insert(node.name) }
            switch (reason, existing.count) {
            case (nil, 0):
                creates.append(node.name)
                lines.append("\(node.name): should run a daemon Pod and has none → create one")
            case (nil, _):
                deletes += existing.dropFirst()
                lines.append("\(node.name): runs \(existing[0].name)" + (existing.count > 1 ? "; \(existing.count - 1) extra → delete" : ""))
            case (let why?, 0):
                lines.append("\(node.name): no daemon Pod wanted (\(why))")
            case (let why?, _):
                deletes += existing
                lines.append("\(node.name): \(why) → delete \(existing.map(\.name).joined(separator: ", "))")
            }
        }
        for (node, pods) in byNode.sorted(by: { $0.key < $1.key }) where nodes.get(node) == nil {
            deletes += pods
            lines.append("\(node.isEmpty ? "(no node)" : node): node is gone → delete \(pods.map(\.name).joined(separator: ", "))")
        }
        var summary: String
        if !expectations.satisfied(key) {
            summary = "waiting: \(expectations.describe(key))"
        } else if !creates.isEmpty || !deletes.isEmpty {
            expectations.expect(key, adds: creates.count, deleting: deletes.map(\.key))
            for node in creates { createPod(ds, on: node, hash: hash, generation: generation) }
            for pod in deletes { deletePod(pod, of: ds) }
            summary = "creates \(creates.count), deletes \(deletes.count) daemon Pod(s)"
        } else {
            let updates = rollingUpdate(ds, hash: hash, byNode: byNode)
            summary = updates.isEmpty ? "every eligible node runs its daemon Pod" : updates.joined(separator: "; ")
            lines += updates
        }
        if let status = updateStatus(ds, eligible: eligible, byNode: byNode, hash: hash) { summary += "; status \(status)" }
        let inUse = Set(byNode.values.joined().compactMap { $0.labels[ControllerRevision.hashLabel].map { "\(ds.name)-\($0)" } })
        for revision in ControllerHistory.expired(owned, inUse: inUse.union([current.name]), limit: ds.spec.revisionHistoryLimit) {
            client.delete(ControllerRevision.type, namespace: revision.namespace, name: revision.name,
                          why: "DaemonSet \(ds.key) keeps \(ds.spec.revisionHistoryLimit ?? 10) old revisions")
        }
        let (finalSummary, nodeCount) = (summary, nodes.count)
        return StepOutcome(object: reference, summary: finalSummary,
                           explanation: "DaemonSet \(key): one Pod on every node that qualifies (\(eligible.count) of \(nodeCount)).\n" + lines.joined(separator: "\n"))
    }

    /// Whether a daemon Pod was made from the current template: its revision hash says so.
    static func isUpdated(_ pod: Pod, hash: String) -> Bool { pod.labels[ControllerRevision.hashLabel] == hash }

    /// Replaces Pods of an older revision (the real controller's rollingUpdate with maxSurge 0):
    /// an old Pod that is not available anyway goes at once; available ones go while fewer than
    /// maxUnavailable nodes lack an available up-to-date Pod.
    private func rollingUpdate(_ ds: DaemonSet, hash: String, byNode: [String: [Pod]]) -> [String] {
        guard ds.spec.updateStrategy?.type != "OnDelete" else { return [] }
        let maxUnavailable = max(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable?.scaled(total: byNode.count, roundUp: true) ?? 1, 1)
        var unavailable = 0
        var replaceNow: [Pod] = []
        var candidates: [Pod] = []
        for (_, pods) in byNode.sorted(by: { $0.key < $1.key }) {
            guard pods.count == 1, let pod = pods.first else { unavailable += 1; continue }
            if DaemonSetController.isUpdated(pod, hash: hash) {
                if !pod.isReady { unavailable += 1 }
            } else if !pod.isReady {
                replaceNow.append(pod)
            } else {
                candidates.append(pod)
            }
        }
        let budget = min(max(maxUnavailable - unavailable, 0), candidates.count)
        let victims = replaceNow + candidates.prefix(budget)
        guard !victims.isEmpty else {
            return candidates.isEmpty ? [] : ["rolling update waits: \(unavailable) node(s) without an available up-to-date Pod, maxUnavailable \(maxUnavailable)"]
        }
        expectations.expect(ds.key, deleting: victims.map(\.key))
        for pod in victims { deletePod(pod, of: ds) }
        return ["rolling update: delete \(victims.map(\.name).joined(separator: ", ")) (not at revision \(ds.name)-\(hash)"
                + (replaceNow.isEmpty ? "" : "; \(replaceNow.count) of them unavailable anyway") + ")"]
    }

    private func createPod(_ ds: DaemonSet, on node: String, hash: String, generation: String) {
        var pod = PodControl.pod(from: ds.spec.template, owner: ds,
                                 extraLabels: [ControllerRevision.hashLabel: hash, DaemonSetController.generationLabel: generation])
        let pin = NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [node])])
        pod.spec.affinity = Affinity(nodeAffinity: NodeAffinity(required: NodeSelector(nodeSelectorTerms: [pin])))
        var tolerations = pod.spec.tolerations ?? []
        for toleration in DaemonSetController.daemonTolerations where !tolerations.contains(toleration) { tolerations.append(toleration) }
        pod.spec.tolerations = tolerations
        podControl.create(pod, owner: ds, why: "DaemonSet \(ds.key) wants a Pod on \(node)") { [unowned self] in
            self.expectations.creationObserved(ds.key)
        }
    }

    private func deletePod(_ pod: Pod, of ds: DaemonSet) {
        podControl.delete(pod, owner: ds, why: "DaemonSet \(ds.key) does not want it") { [unowned self] in
            _ = self.expectations.deletionObserved(pod: pod.key)
        }
    }

    private func updateStatus(_ ds: DaemonSet, eligible: Set<String>, byNode: [String: [Pod]], hash: String) -> String? {
        let desired = eligible.count
        var status = DaemonSetStatus()
        let scheduled = byNode.filter { !$0.key.isEmpty && nodes.get($0.key) != nil }
        status.desiredNumberScheduled = Int32(desired)
        status.currentNumberScheduled = Int32(scheduled.keys.filter { eligible.contains($0) }.count)
        status.numberMisscheduled = Int32(scheduled.keys.filter { !eligible.contains($0) }.count)
        let pods = scheduled.values.flatMap { $0 }
        status.numberReady = Int32(pods.filter(\.isReady).count)
        status.numberAvailable = status.numberReady == 0 ? nil : status.numberReady
        let unavailable = Int32(desired) - status.numberReady
        status.numberUnavailable = unavailable > 0 ? unavailable : nil
        let updated = Int32(pods.filter { DaemonSetController.isUpdated($0, hash: hash) }.count)
        status.updatedNumberScheduled = updated == 0 ? nil : updated
        status.observedGeneration = ds.metadata.generation
        guard status != ds.status else { return nil }
        var changed = ds
        changed.status = status
        client.updateStatus(changed, why: "report observed state of \(ds.key)")
        return "desired=\(desired) current=\(status.currentNumberScheduled) ready=\(status.numberReady)"
    }
}
