import ClientKit

/// The shape of a simulated machine: what its kubelet registers.
public struct MachineSpec: Sendable {
    public var name: String
    public var index: Int
    public var cpu: String = "2"
    public var memoryKi: Int64 = 8_148_108
    public var maxPods: Int64 = 110
    public var controlPlane = false

    public init(name: String, index: Int, controlPlane: Bool = false) {
        self.name = name
        self.index = index
        self.controlPlane = controlPlane
    }

    public var internalIP: String { "192.168.\(100 + index / 250).\(10 + index % 250)" }
    /// This node's Pod range: `10.244.N.0/24` for the first 256 nodes, then /24s of 100.64.0.0/10.
    public var podCIDR: String { podNetwork + ".0/24" }
    /// The first three octets of the Pod range.
    public var podNetwork: String {
        index < 256 ? "10.244.\(index)" : "100.\(64 + (index - 256) / 256).\((index - 256) % 256)"
    }
}

/// The kubelet on one node: registers the Node, renews its Lease, and runs the Pods bound to
/// the node through a simulated container runtime, reporting their status to the API server.
public final class Kubelet: KubeletEndpoint {
    public let machine: MachineSpec
    public var nodeName: String { machine.name }
    public let component: String
    let client: Client
    let pods: Informer<Pod>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    var runtimes: [String: PodRuntime] = [:]
    private var images: Set<String> = []
    /// Host numbers (the last octet) of Pod IPs in use on this node.
    private var usedHosts: Set<Int> = []
    /// When the full Node status was last written (NodeStatusReportFrequency).
    var lastNodeStatusReport: Int64 = 0
    /// Virtual seconds between Lease renewals (nodeLeaseDurationSeconds 40 × 0.25).
    public static let leaseRenewSeconds: Int64 = 10

    public init(machine: MachineSpec, server: APIServer, simulation: Simulation) {
        self.machine = machine
        component = "kubelet@\(machine.name)"
        client = Client(component: component, user: .node(machine.name), server: server, simulation: simulation)
        pods = Informer(client: client, nodeName: machine.name)
        recorder = EventRecorder(client: client, component: "kubelet", host: machine.name)
        queue = WorkQueue(simulation: simulation, component: component, kind: .kubelet) { [unowned self] in self.syncPod($0) }
        pods.addHandlers(add: { [unowned self] in self.queue.add($0.key) },
                         update: { [unowned self] old, new in
                             old.metadata.deletionTimestamp != new.metadata.deletionTimestamp || old.spec != new.spec ? self.queue.add(new.key) : nil
                         },
                         delete: { [unowned self] in self.queue.add($0.key) })
    }

    /// Queues the node's registration and its first Lease, then the heartbeat timer. On the
    /// control-plane node the kubelet also starts the static control-plane Pods and posts their mirrors.
    public func start() {
        lastNodeStatusReport = client.server.now.seconds
        client.create(nodeObject(), why: "kubelet registers its node") { [unowned self] result in
            guard self.machine.controlPlane, case .success(let node) = result else { return }
            for component in StaticPods.components { self.images.insert(ImageCatalogue.fullReference(component.image)) }
            for var pod in StaticPods.mirrorPods(node: self.nodeName, ip: self.machine.internalIP, hash: { _ in self.client.simulation.random[.staticPodHashes].hex(length: 32) }) {
                pod.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Node", name: node.name, uid: node.metadata.uid ?? "", controller: true)]
                self.client.create(pod, why: "mirror Pod of the static Pod /etc/kubernetes/manifests/\(pod.labels["component"] ?? "").yaml")
            }
        }
        let lease = Lease(metadata: ObjectMeta(name: nodeName, namespace: "kube-node-lease"),
                          spec: LeaseSpec(holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: client.server.now))
        client.create(lease, why: "the node's heartbeat Lease", routine: true)
        scheduleHeartbeat()
    }

    /// The log lines of a container, as the API server fetches them for `kubectl logs`.
    public func logs(podKey: String, container: String?, previous: Bool) -> [String]? {
        guard let runtime = runtimes[podKey] else { return nil }
        let chosen = container.flatMap { name in runtime.containers.first { $0.name == name } } ?? runtime.containers.first
        return previous ? chosen?.previousLogs : chosen?.logs
    }

    // MARK: Pod lifecycle

    private func syncPod(_ key: String) -> StepOutcome {
        let reference = "pod/\(key)"
        guard let pod = pods.get(key) else {
            if tearDown(key) { return StepOutcome(object: reference, summary: "\(key) removed from the API: sandbox torn down, IP released") }
            return StepOutcome(object: reference, summary: "\(key) is gone; nothing to clean up")
        }
        if pod.metadata.deletionTimestamp != nil { return kill(pod) }
        // A Pod deleted and created again under the same name before this sync: the old sandbox goes first.
        var replaced = ""
        if let runtime = runtimes[key], runtime.uid != pod.metadata.uid, tearDown(key) {
            replaced = "old sandbox of uid \(runtime.uid) torn down; "
        }
        if runtimes[key] != nil { return StepOutcome(object: reference, summary: "\(key) already running as specified") }
        if pod.isTerminal { return StepOutcome(object: reference, summary: "\(key) has finished") }
        let ip: String
        if pod.spec.hostNetwork == true {
            ip = machine.internalIP
        } else {
            guard let host = (2...254).first(where: { !usedHosts.contains($0) }) else {
                return StepOutcome(object: reference, summary: "no Pod IP left in \(self.machine.podCIDR) for \(key)")
            }
            usedHosts.insert(host)
            ip = "\(machine.podNetwork).\(host)"
        }
        var runtime = PodRuntime(ip: ip, hostNetwork: pod.spec.hostNetwork == true, startTime: client.server.now, uid: pod.metadata.uid ?? "")
        runtime.containers = pod.spec.containers.map { ContainerRuntime(name: $0.name, image: $0.image ?? "") }
        runtimes[key] = runtime
        var notes: [String] = []
        for index in pod.spec.containers.indices { notes.append(prepareContainer(pod, index)) }
        reportStatus(pod, why: "pod sandbox ready, containers being created")
        let (nodeName, podCIDR) = (self.nodeName, machine.podCIDR)
        return StepOutcome(object: reference, summary: "SyncPod \(key): \(replaced)sandbox up with IP \(ip); " + notes.joined(separator: "; "),
                           explanation: "The kubelet on \(nodeName) saw \(key) bound to its node.\n"
                               + "admission      the Pod fits the node's allocatable resources\n"
                               + "sandbox        RunPodSandbox via CRI; the CNI plugin gives it \(ip) from \(podCIDR)\n"
                               + "containers     " + notes.joined(separator: "\n               "))
    }

    /// Removes a Pod's sandbox and frees its IP; false when there was none.
    @discardableResult
    private func tearDown(_ key: String) -> Bool {
        guard let runtime = runtimes.removeValue(forKey: key) else { return false }
        if !runtime.hostNetwork, let host = runtime.ip.split(separator: ".").last.flatMap({ Int($0) }) { usedHosts.remove(host) }
        return true
    }

    /// Pulls the image if needed, else starts the container right away.
    private func prepareContainer(_ pod: Pod, _ index: Int) -> String {
        let container = pod.spec.containers[index]
        let image = container.image ?? ""
        let reference = ImageCatalogue.fullReference(image)
        let field = "spec.containers{\(container.name)}"
        if images.contains(reference), container.imagePullPolicy != "Always" {
            recorder.record(pod, reason: "Pulled", message: "Container image \"\(image)\" already present on machine", fieldPath: field)
            return startContainer(pod, index)
        }
        recorder.record(pod, reason: "Pulling", message: "Pulling image \"\(image)\"", fieldPath: field)
        let result = ImageCatalogue.pull(image)
        let duration: Int64
        switch result {
        case .pulled(let megabytes, _): duration = images.contains(reference) ? 300 : ImageCatalogue.pullMilliseconds(megabytes: megabytes)
        case .failed: duration = 600
        }
        setTimer(pod.key, index, after: duration, label: "image pull of \(image) finishes") { [unowned self] pod in
            self.pullFinished(pod, index, result: result, milliseconds: duration)
        }
        return "\(container.name): pulling \(image)"
    }

    private func pullFinished(_ pod: Pod, _ index: Int, result: ImageCatalogue.PullResult, milliseconds: Int64) -> StepOutcome {
        let container = pod.spec.containers[index]
        let image = container.image ?? ""
        let field = "spec.containers{\(container.name)}"
        switch result {
        case .pulled(let megabytes, _):
            images.insert(ImageCatalogue.fullReference(image))
            let seconds = Self.seconds(milliseconds)
            recorder.record(pod, reason: "Pulled", message: "Successfully pulled image \"\(image)\" in \(seconds) (\(seconds) including waiting). Image size: \(megabytes * 1_000_000) bytes.", fieldPath: field)
            let note = startContainer(pod, index)
            return StepOutcome(object: "pod/\(pod.key)", summary: "pulled \(image) in \(seconds); \(note)",
                               explanation: "containerd finished pulling \(ImageCatalogue.fullReference(image)) (\(megabytes) MB in \(seconds)).\n\(note)")
        case .failed(let message):
            let attempts = (runtimes[pod.key]?.containers[index].pullFailures ?? 0) + 1
            runtimes[pod.key]?.containers[index].pullFailures = attempts
            runtimes[pod.key]?.containers[index].state = .waiting("ErrImagePull", message)
            recorder.record(pod, type: "Warning", reason: "Failed", message: "Failed to pull image \"\(image)\": \(message)", fieldPath: field)
            recorder.record(pod, type: "Warning", reason: "Failed", message: "Error: ErrImagePull", fieldPath: field)
            reportStatus(pod, why: "image pull failed: ErrImagePull")
            let backoff = Self.backoff(attempt: attempts)
            setTimer(pod.key, index, after: 1000, label: "\(container.name) enters ImagePullBackOff") { [unowned self] pod in
                self.runtimes[pod.key]?.containers[index].state = .waiting("ImagePullBackOff", "Back-off pulling image \"\(image)\"")
                self.recorder.record(pod, reason: "BackOff", message: "Back-off pulling image \"\(image)\"", fieldPath: field)
                self.reportStatus(pod, why: "waiting out the pull back-off")
                self.setTimer(pod.key, index, after: backoff, label: "retry pulling \(image) after back-off", background: true) { [unowned self] pod in
                    let note = self.prepareContainer(pod, index)
                    return StepOutcome(object: "pod/\(pod.key)", summary: "back-off over: " + note)
                }
                return StepOutcome(object: "pod/\(pod.key)", summary: "\(container.name): ImagePullBackOff, next pull in \(Self.seconds(backoff))")
            }
            return StepOutcome(object: "pod/\(pod.key)", summary: "pull of \(image) failed: ErrImagePull",
                               explanation: "containerd could not pull \(image):\n\(message)\nThe kubelet backs off (10s, doubling to 5m) before pulling again.")
        }
    }

    private func startContainer(_ pod: Pod, _ index: Int) -> String {
        guard var runtime = runtimes[pod.key], index < runtime.containers.count else { return "pod gone" }
        let container = pod.spec.containers[index]
        let field = "spec.containers{\(container.name)}"
        var state = runtime.containers[index]
        state.containerID = "containerd://" + client.simulation.random[.containerIDs].hex(length: 64)
        state.imageID = ImageCatalogue.normalize(container.image ?? "").repository + "@sha256:" + client.simulation.random[.imageIDs].hex(length: 64)
        recorder.record(pod, reason: "Created", message: "Created container: \(container.name)", fieldPath: field)
        recorder.record(pod, reason: "Started", message: "Started container \(container.name)", fieldPath: field)
        let program: Program
        if case .pulled(_, let imageProgram) = ImageCatalogue.pull(container.image ?? "") { program = imageProgram } else { program = .shell }
        let command = (container.command ?? []) + (container.args ?? [])
        let environment = Dictionary((container.env ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let now = client.server.now
        let run = program.run(command: command, environment: environment) { now.rfc3339 }
        if state.restartCount > 0 || !state.logs.isEmpty { state.previousLogs = state.logs }
        state.logs = run.output
        state.state = .running(now)
        state.startedAt = now
        runtime.containers[index] = state
        runtimes[pod.key] = runtime
        reportStatus(pod, why: "container \(container.name) started")
        if let exit = run.exit {
            setTimer(pod.key, index, after: exit.afterMilliseconds, label: "\(container.name) exits with code \(exit.code)",
                     background: exit.afterMilliseconds > 30_000) { [unowned self] pod in
                self.containerExited(pod, index, code: exit.code)
            }
            return "\(container.name): created and started (\(command.isEmpty ? "default command" : command.joined(separator: " "))), exits in \(Self.seconds(exit.afterMilliseconds))"
        }
        return "\(container.name): created and started, running"
    }

    private func containerExited(_ pod: Pod, _ index: Int, code: Int32) -> StepOutcome {
        guard var state = runtimes[pod.key]?.containers[index] else { return StepOutcome(object: "pod/\(pod.key)", summary: "pod gone") }
        let container = pod.spec.containers[index]
        let reason = code == 0 ? "Completed" : "Error"
        state.state = .terminated(code, reason, state.startedAt, client.server.now)
        let policy = pod.spec.restartPolicy ?? "Always"
        let restart = policy == "Always" || (policy == "OnFailure" && code != 0)
        state.willRestart = restart
        runtimes[pod.key]?.containers[index] = state
        reportStatus(pod, why: "container \(container.name) exited with code \(code)")
        guard restart else {
            return StepOutcome(object: "pod/\(pod.key)", summary: "\(container.name) exited with code \(code) (\(reason)); restartPolicy \(policy): not restarted")
        }
        let backoff = Self.backoff(attempt: Int(state.restartCount) + 1)
        let field = "spec.containers{\(container.name)}"
        setTimer(pod.key, index, after: 1000, label: "\(container.name) enters CrashLoopBackOff") { [unowned self] pod in
            guard var current = self.runtimes[pod.key]?.containers[index] else { return StepOutcome(object: "pod/\(pod.key)", summary: "pod gone") }
            current.lastState = current.state
            current.state = .waiting("CrashLoopBackOff", "back-off \(Self.seconds(backoff)) restarting failed container=\(container.name) pod=\(pod.name)_\(pod.namespace ?? "")(\(pod.metadata.uid ?? ""))")
            self.runtimes[pod.key]?.containers[index] = current
            self.recorder.record(pod, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container \(container.name) in pod \(pod.name)_\(pod.namespace ?? "")(\(pod.metadata.uid ?? ""))", fieldPath: field)
            self.reportStatus(pod, why: "waiting out the restart back-off")
            self.setTimer(pod.key, index, after: backoff, label: "restart \(container.name) after back-off", background: true) { [unowned self] pod in
                self.runtimes[pod.key]?.containers[index].restartCount += 1
                self.recorder.record(pod, reason: "Pulled", message: "Container image \"\(container.image ?? "")\" already present on machine", fieldPath: field)
                let note = self.startContainer(pod, index)
                return StepOutcome(object: "pod/\(pod.key)", summary: "restart: " + note)
            }
            return StepOutcome(object: "pod/\(pod.key)", summary: "\(container.name): CrashLoopBackOff, restart in \(Self.seconds(backoff))")
        }
        return StepOutcome(object: "pod/\(pod.key)", summary: "\(container.name) exited with code \(code) (\(reason)); restartPolicy \(policy): restart after back-off")
    }

    /// Graceful termination: stop the containers, report, then remove the Pod from the API.
    private func kill(_ pod: Pod) -> StepOutcome {
        guard var runtime = runtimes[pod.key], !runtime.terminating else {
            if runtimes[pod.key] == nil { finalizeDeletion(pod) }
            return StepOutcome(object: "pod/\(pod.key)", summary: "\(pod.key) is already terminating")
        }
        runtime.terminating = true
        for (index, container) in runtime.containers.enumerated() {
            if let timer = container.timer { client.simulation.cancel(timer) }
            runtime.containers[index].timer = nil
            if case .running = container.state {
                recorder.record(pod, reason: "Killing", message: "Stopping container \(container.name)", fieldPath: "spec.containers{\(container.name)}")
            }
        }
        runtimes[pod.key] = runtime
        client.simulation.schedule(after: 300, component: component, kind: .kubelet, label: "containers of \(pod.key) stopped") { [unowned self] in
            let now = self.client.server.now
            for index in self.runtimes[pod.key]?.containers.indices ?? 0..<0 {
                if let state = self.runtimes[pod.key]?.containers[index], case .running = state.state {
                    self.runtimes[pod.key]?.containers[index].state = .terminated(0, "Completed", state.startedAt, now)
                }
            }
            self.finalizeDeletion(pod)
            return StepOutcome(object: "pod/\(pod.key)", summary: "containers stopped on SIGTERM; kubelet deletes \(pod.key) with grace period 0")
        }
        return StepOutcome(object: "pod/\(pod.key)", summary: "\(pod.key) is being deleted: SIGTERM sent to its containers",
                           explanation: "deletionTimestamp is set (grace period \(pod.metadata.deletionGracePeriodSeconds ?? 30)s). The kubelet runs StopContainer for each container; once they have exited it asks the API server to remove the Pod for good.")
    }

    private func finalizeDeletion(_ pod: Pod) {
        client.delete(Pod.type, namespace: pod.namespace, name: pod.name, gracePeriodSeconds: 0, preconditionUID: pod.metadata.uid,
                      why: "all containers of \(pod.key) have stopped")
    }

    // MARK: Status

    private func reportStatus(_ pod: Pod, why: String) {
        guard let runtime = runtimes[pod.key] else { return }
        let latest = pods.get(pod.key) ?? pod
        var updated = latest
        updated.status = PodStatusBuilder.build(pod: latest, runtime: runtime, hostIP: machine.internalIP, now: client.server.now)
        updated.metadata.resourceVersion = nil
        guard updated.status != latest.status else { return }
        client.updateStatus(updated, why: why)
    }

    private func setTimer(_ key: String, _ index: Int, after delay: Int64, label: String, background: Bool = false,
                          _ action: @escaping (Pod) -> StepOutcome) {
        if let previous = runtimes[key]?.containers[index].timer { client.simulation.cancel(previous) }
        let uid = runtimes[key]?.uid
        let sequence = client.simulation.schedule(after: delay, component: component, kind: .kubelet, label: label, background: background) { [unowned self] in
            self.runtimes[key]?.containers[index].timer = nil
            guard let pod = self.pods.get(key), pod.metadata.uid == uid, self.runtimes[key]?.terminating == false else {
                return StepOutcome(object: "pod/\(key)", summary: "\(label): skipped, the Pod is gone or terminating")
            }
            return action(pod)
        }
        runtimes[key]?.containers[index].timer = sequence
    }

    static func backoff(attempt: Int) -> Int64 {
        min(10_000 << Int64(max(min(attempt - 1, 6), 0)), 300_000)
    }

    static func seconds(_ milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds / 1000).\(milliseconds % 1000 / 100)s"
    }
}
