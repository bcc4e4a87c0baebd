import ClientKit

/// The StatefulSet controller (pkg/controller/statefulset): Pods named by ordinal, each with
/// its own claims, a hostname under the governing Service, and a ControllerRevision per
/// template. With OrderedReady it creates `web-0` … in order, each only once the one before is
/// Running and Ready, and removes them from the highest ordinal down; Parallel does not wait.
public final class StatefulSetController {
    public static let component = "statefulset-controller"
    let client: Client
    let sets: Informer<StatefulSet>
    let pods: Informer<Pod>
    let claims: Informer<PersistentVolumeClaim>
    let revisions: Informer<ControllerRevision>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    /// Requests sent for a set and not yet answered: the next sync waits for them, so that it
    /// never acts on a cache that has not seen its own writes. A failed one (a Pod of the same
    /// name still terminating: 409 AlreadyExists) requeues the set with back-off.
    private var requests: SyncRequests!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: StatefulSetController.component, serviceAccount: "statefulset-controller")
        sets = informers.informer()
        pods = informers.informer()
        claims = informers.informer()
        revisions = informers.informer()
        pods.addIndex(PodIndex.controller, PodIndex.controllerUID)
        revisions.addIndex(PodIndex.controller) { [$0.metadata.controllerRef?.uid ?? ""] }
        recorder = EventRecorder(client: client, component: StatefulSetController.component)
        queue = WorkQueue(simulation: simulation, component: StatefulSetController.component) { [unowned self] in self.sync($0) }
        requests = SyncRequests(queue: queue, requeueWhenAnswered: true)
        sets.addHandlers(owner: StatefulSetController.component, add: { [unowned self] in self.queue.add($0.key) },
                         update: { [unowned self] _, new in self.queue.add(new.key) })
        let adopters: (Pod) -> String? = { [unowned self] pod in
            Adoption.queueAdopters(of: pod, among: self.sets.list(namespace: pod.namespace), selector: \.spec.selector,
                                   member: { $0.ordinal(ofPod: pod.name) != nil }, queue: self.queue)
        }
        pods.addHandlers(owner: StatefulSetController.component, add: { [unowned self] pod in self.sets.controller(of: pod).map { self.queue.add($0.key) } ?? adopters(pod) },
                         update: { [unowned self] old, pod in
                             if pod.metadata.controllerRef == nil, old.labels != pod.labels || old.metadata.controllerRef != nil { return adopters(pod) }
                             guard let owner = self.sets.controller(of: pod), old.isReady != pod.isReady || old.phase != pod.phase
                                 || old.metadata.deletionTimestamp != pod.metadata.deletionTimestamp else { return nil }
                             return self.queue.add(owner.key)
                         },
                         delete: { [unowned self] pod in self.sets.controller(of: pod).map { self.queue.add($0.key) } })
    }

    static func isRunningAndReady(_ pod: Pod) -> Bool { pod.phase == "Running" && pod.isReady }

    // MARK: sync

    private func sync(_ key: String) -> StepOutcome {
        let reference = "statefulset/\(key)"
        guard let set = sets.get(key), set.metadata.deletionTimestamp == nil, let uid = set.metadata.uid else {
            requests.drop(key)
            return StepOutcome(object: reference, summary: "\(key) is gone; its Pods are the garbage collector's")
        }
        let unanswered = requests.unanswered(key)
        guard unanswered == 0 else {
            return StepOutcome(object: reference, summary: "waiting for \(unanswered) request(s) to come back")
        }
        let orphans: [any APIObject] = Adoption.orphans(revisions.list(namespace: set.namespace), for: set, selector: set.spec.selector)
            + Adoption.orphans(pods.byIndex(PodIndex.controller, ""), for: set, selector: set.spec.selector) { set.ordinal(ofPod: $0.name) != nil }
        if !orphans.isEmpty { return Adoption.adopt(orphans, by: set, client: client) { track(set) } }
        let owned = revisions.byIndex(PodIndex.controller, uid).sorted { $0.revision < $1.revision }
        let hash = TemplateHash.of(set.spec.template)
        let updateName = "\(set.name)-\(hash)"
        let existing = owned.first { $0.name == updateName }
        guard let updateRevision = existing, ControllerHistory.isNewest(updateRevision, among: owned) else {
            return ControllerHistory.record(set, template: set.spec.template, existing: existing, name: updateName,
                                            number: ControllerHistory.nextNumber(among: owned), hashLabels: ["controller.kubernetes.io/hash": hash],
                                            podLabel: updateName, client: client, completion: track(set))
        }
        let currentName = set.status?.currentRevision.flatMap { name in owned.contains { $0.name == name } ? name : nil } ?? updateName
        var byOrdinal: [Int: Pod] = [:]
        var strays: [Pod] = []
        for pod in pods.byIndex(PodIndex.controller, uid) {
            if let ordinal = set.ordinal(ofPod: pod.name), byOrdinal[ordinal] == nil { byOrdinal[ordinal] = pod } else { strays.append(pod) }
        }
        let currentTemplate = owned.first { $0.name == currentName }?.podTemplate ?? set.spec.template
        var plan = Plan(set: set, currentRevision: currentName, currentTemplate: currentTemplate, updateRevision: updateRevision.name)
        reconcile(&plan, byOrdinal: byOrdinal)
        let monotonic = !set.isParallel
        let lines = plan.lines
        let summary = plan.actions.isEmpty ? (plan.waiting ?? "\(set.desiredReplicas) of \(set.desiredReplicas) Pods as wanted") : plan.actions.joined(separator: "; ")
        var finalSummary = summary
        if let status = updateStatus(set, byOrdinal: byOrdinal, currentRevision: currentName, updateRevision: updateRevision.name) {
            finalSummary += "; status \(status)"
        }
        cleanUpRevisions(set, owned: owned, keep: [currentName, updateRevision.name], pods: Array(byOrdinal.values) + strays)
        return StepOutcome(object: reference, summary: finalSummary,
                           explanation: "StatefulSet \(key): \(set.desiredReplicas) replica(s), podManagementPolicy \(set.spec.podManagementPolicy ?? "OrderedReady")"
                               + (monotonic ? " (one Pod at a time, in ordinal order)" : " (all at once)")
                               + ", revision \(updateRevision.name).\n" + lines.joined(separator: "\n"))
    }

    /// What one sync decided: the lines of its explanation, the actions it took, and what it waits for.
    struct Plan {
        let set: StatefulSet
        let currentRevision: String
        /// The template the current revision recorded; ordinals below the partition keep it.
        let currentTemplate: PodTemplateSpec?
        let updateRevision: String
        var lines: [String] = []
        var actions: [String] = []
        var waiting: String?
    }

    /// The core of the real controller's updateStatefulSet: create missing ordinals, replace
    /// failed Pods, remove condemned ordinals from the top, then roll out the update revision.
    private func reconcile(_ plan: inout Plan, byOrdinal: [Int: Pod]) {
        let set = plan.set
        let monotonic = !set.isParallel
        let replicas = set.desiredReplicas
        func wait(_ reason: String) { plan.waiting = reason; plan.lines.append("→ \(reason)") }
        for ordinal in 0..<max(replicas, 0) {
            let name = set.podName(ordinal)
            guard let pod = byOrdinal[ordinal] else {
                let keepsCurrent = ordinal < set.partition
                let revision = keepsCurrent ? plan.currentRevision : plan.updateRevision
                createPod(set, ordinal: ordinal, revision: revision, template: keepsCurrent ? plan.currentTemplate : set.spec.template)
                plan.actions.append("create \(name)")
                plan.lines.append("\(name): missing → create it (and its claims) at revision \(revision)")
                if monotonic { return }
                continue
            }
            if pod.isTerminal {
                deletePod(pod, of: set)
                plan.actions.append("delete \(pod.phase) \(name) to recreate it")
                plan.lines.append("\(name): \(pod.phase) → delete it so that it is recreated")
                if monotonic { return }
                continue
            }
            if pod.metadata.deletionTimestamp != nil {
                plan.lines.append("\(name): terminating")
                if monotonic { return wait("waiting for \(name) to terminate") }
                continue
            }
            if !StatefulSetController.isRunningAndReady(pod) {
                plan.lines.append("\(name): \(pod.phase), not Ready")
                if monotonic { return wait("waiting for \(name) to be Running and Ready before the next ordinal") }
                continue
            }
            plan.lines.append("\(name): Running and Ready")
        }
        let condemned = byOrdinal.filter { $0.key >= replicas }.sorted { $0.key > $1.key }
        for (ordinal, pod) in condemned {
            let name = set.podName(ordinal)
            if pod.metadata.deletionTimestamp != nil {
                plan.lines.append("\(name): above replicas \(replicas), terminating")
                if monotonic { return wait("waiting for \(name) to terminate") }
                continue
            }
            deletePod(pod, of: set)
            plan.actions.append("delete \(name)")
            plan.lines.append("\(name): ordinal \(ordinal) ≥ replicas \(replicas) → delete it (highest ordinal first); its claims stay")
            if monotonic { return }
        }
        guard set.spec.updateStrategy?.type != "OnDelete" else { return }
        for ordinal in stride(from: replicas - 1, through: set.partition, by: -1) {
            guard let pod = byOrdinal[ordinal] else { continue }
            let name = set.podName(ordinal)
            if pod.labels[ControllerRevision.hashLabel] != plan.updateRevision, pod.metadata.deletionTimestamp == nil {
                deletePod(pod, of: set)
                plan.actions.append("rolling update: delete \(name)")
                plan.lines.append("\(name): at revision \(pod.labels[ControllerRevision.hashLabel] ?? "?"), not \(plan.updateRevision) → delete it; it comes back at the new revision")
                return
            }
            if !StatefulSetController.isRunningAndReady(pod) { return wait("rolling update waits for \(name) to be Running and Ready") }
        }
        if set.partition > 0, replicas > set.partition {
            plan.lines.append("ordinals below the partition \(set.partition) keep revision \(plan.currentRevision)")
        }
    }

    // MARK: writes

    /// Counts a request as in flight and returns its completion, which records the outcome in
    /// the real controller's words (`create Pod web-0 in StatefulSet web successful`) when
    /// `event` names the reason and action.
    private func track(_ set: StatefulSet, event: (reason: String, action: String, success: String)? = nil) -> Client.Completion {
        requests.completion(set.key) { [unowned self] result in
            guard let event else { return }
            switch result {
            case .success: self.recorder.record(set, reason: "Successful\(event.reason)", message: "\(event.action) \(event.success)")
            case .failure(let error):
                self.recorder.record(set, type: "Warning", reason: "Failed\(event.reason)", message: "\(event.action) failed error: \(error.message)")
            }
        }
    }

    private func createPod(_ set: StatefulSet, ordinal: Int, revision: String, template: PodTemplateSpec?) {
        let name = set.podName(ordinal)
        for claimTemplate in set.spec.volumeClaimTemplates ?? [] {
            let claimName = set.claimName(claimTemplate, ordinal: ordinal)
            guard claims.get("\(set.namespace ?? "")/\(claimName)") == nil else { continue }
            let labels = (claimTemplate.metadata?.labels ?? [:]).merging(set.spec.selector?.matchLabels ?? [:]) { $1 }
            let claim = PersistentVolumeClaim(metadata: ObjectMeta(name: claimName, namespace: set.namespace, labels: labels.isEmpty ? nil : labels),
                                              spec: claimTemplate.spec ?? PersistentVolumeClaimSpec())
            client.create(claim, why: "Pod \(name) of StatefulSet \(set.key) needs its own claim \(claimName)",
                          completion: track(set, event: ("Create", "create Claim \(claimName) Pod \(name) in StatefulSet \(set.name)", "success")))
        }
        var pod = PodControl.pod(from: template, owner: set, extraLabels: [
            ControllerRevision.hashLabel: revision, StatefulSet.podNameLabel: name, StatefulSet.podIndexLabel: String(ordinal),
        ])
        pod.metadata.generateName = nil
        pod.metadata.name = name
        pod.spec.hostname = name
        pod.spec.subdomain = set.spec.serviceName
        let claimVolumes = (set.spec.volumeClaimTemplates ?? []).map { claimTemplate -> Volume in
            var volume = Volume(name: claimTemplate.metadata?.name ?? "")
            volume.persistentVolumeClaim = .object(["claimName": .string(set.claimName(claimTemplate, ordinal: ordinal))])
            return volume
        }
        let claimed = Set(claimVolumes.map(\.name))
        let volumes = (pod.spec.volumes ?? []).filter { !claimed.contains($0.name) } + claimVolumes
        pod.spec.volumes = volumes.isEmpty ? nil : volumes
        client.create(pod, why: "StatefulSet \(set.key) wants ordinal \(ordinal)",
                      completion: track(set, event: ("Create", "create Pod \(name) in StatefulSet \(set.name)", "successful")))
    }

    private func deletePod(_ pod: Pod, of set: StatefulSet) {
        client.delete(Pod.type, namespace: pod.namespace, name: pod.name, why: "StatefulSet \(set.key) removes ordinal \(set.ordinal(ofPod: pod.name) ?? -1)",
                      completion: track(set, event: ("Delete", "delete Pod \(pod.name) in StatefulSet \(set.name)", "successful")))
    }

    /// Revisions beyond revisionHistoryLimit that no Pod uses and that are neither current nor update are deleted.
    private func cleanUpRevisions(_ set: StatefulSet, owned: [ControllerRevision], keep: Set<String>, pods: [Pod]) {
        let used = keep.union(pods.compactMap { $0.labels[ControllerRevision.hashLabel] })
        for revision in ControllerHistory.expired(owned, inUse: used, limit: set.spec.revisionHistoryLimit) {
            client.delete(ControllerRevision.type, namespace: revision.namespace, name: revision.name,
                          why: "StatefulSet \(set.key) keeps \(set.spec.revisionHistoryLimit ?? 10) old revisions")
        }
    }

    private func updateStatus(_ set: StatefulSet, byOrdinal: [Int: Pod], currentRevision: String, updateRevision: String) -> String? {
        var status = StatefulSetStatus()
        let pods = Array(byOrdinal.values)
        status.replicas = Int32(pods.count)
        let ready = Int32(pods.filter(StatefulSetController.isRunningAndReady).count)
        status.readyReplicas = ready
        status.availableReplicas = ready
        status.currentReplicas = Int32(pods.filter { $0.labels[ControllerRevision.hashLabel] == currentRevision }.count)
        status.updatedReplicas = Int32(pods.filter { $0.labels[ControllerRevision.hashLabel] == updateRevision }.count)
        status.currentRevision = currentRevision
        status.updateRevision = updateRevision
        status.collisionCount = 0
        status.observedGeneration = set.metadata.generation
        if set.spec.updateStrategy?.type != "OnDelete", status.updatedReplicas == status.replicas, ready == status.replicas {
            status.currentRevision = updateRevision
            status.currentReplicas = status.updatedReplicas
        }
        guard status != set.status else { return nil }
        var updated = set
        updated.status = status
        client.updateStatus(updated, why: "report observed state of \(set.key)")
        return "replicas=\(status.replicas) ready=\(ready) updated=\(status.updatedReplicas ?? 0)"
    }
}
