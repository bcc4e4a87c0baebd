import ClientKit

/// What the simulated container runtime holds for one Pod on one node.
struct PodRuntime {
    let ip: String
    let hostNetwork: Bool
    let startTime: Timestamp
    let uid: String
    var containers: [ContainerRuntime] = []
    var terminating = false
}

struct ContainerRuntime {
    enum State {
        case waiting(String, String?)
        case running(Timestamp)
        case terminated(Int32, String, Timestamp?, Timestamp)
    }

    let name: String
    let image: String
    var state: State = .waiting("ContainerCreating", nil)
    var lastState: State?
    var restartCount: Int32 = 0
    var containerID: String?
    var imageID = ""
    var startedAt: Timestamp?
    var logs: [String] = []
    var previousLogs: [String]?
    var pullFailures = 0
    var willRestart = false
    /// The agenda item of this container's next runtime transition, if one is queued.
    var timer: Int?

    init(name: String, image: String) {
        self.name = name
        self.image = image
    }

    var isRunning: Bool { if case .running = state { return true } else { return false } }

    func apiState(_ state: State) -> ContainerState {
        switch state {
        case .waiting(let reason, let message): return ContainerState(waiting: ContainerStateWaiting(reason: reason, message: message))
        case .running(let since): return ContainerState(running: ContainerStateRunning(startedAt: since))
        case .terminated(let code, let reason, let started, let finished):
            return ContainerState(terminated: ContainerStateTerminated(exitCode: code, reason: reason, startedAt: started,
                                                                      finishedAt: finished, containerID: containerID))
        }
    }
}

/// Builds a Pod's status from the runtime's state, as the kubelet's status manager does.
enum PodStatusBuilder {
    static func build(pod: Pod, runtime: PodRuntime, hostIP: String, now: Timestamp) -> PodStatus {
        var status = pod.status ?? PodStatus()
        let previous = status
        status.hostIP = hostIP
        status.hostIPs = [IPEntry(ip: hostIP)]
        status.podIP = runtime.ip
        status.podIPs = [IPEntry(ip: runtime.ip)]
        status.startTime = runtime.startTime
        status.containerStatuses = runtime.containers.map { container in
            var result = ContainerStatus(name: container.name, image: ImageCatalogue.fullReference(container.image))
            result.state = container.apiState(container.state)
            result.lastState = container.lastState.map(container.apiState) ?? ContainerState()
            result.ready = container.isRunning
            result.restartCount = container.restartCount
            result.started = container.isRunning
            result.containerID = container.containerID
            result.imageID = container.imageID
            return result
        }
        let finished = runtime.containers.allSatisfy { container in
            if case .terminated = container.state { return !container.willRestart }
            return false
        }
        let everStarted = runtime.containers.contains { $0.containerID != nil }
        if finished {
            let failed = runtime.containers.contains { if case .terminated(let code, _, _, _) = $0.state { return code != 0 } else { return false } }
            status.phase = failed ? "Failed" : "Succeeded"
        } else {
            status.phase = everStarted && runtime.containers.allSatisfy({ $0.containerID != nil }) ? "Running" : "Pending"
        }
        let notReady = runtime.containers.filter { !$0.isRunning }.map(\.name)
        func condition(_ type: String, _ ok: Bool, reason: String? = nil, message: String? = nil) -> PodCondition {
            let value = ok ? "True" : "False"
            let old = previous.conditions?.first { $0.type == type }
            let since = old?.status == value ? old?.lastTransitionTime : now
            return PodCondition(type: type, status: value, lastTransitionTime: since ?? now, reason: ok ? nil : reason, message: ok ? nil : message)
        }
        let readyReason = finished ? "PodCompleted" : "ContainersNotReady"
        let readyMessage = finished ? nil : "containers with unready status: [\(notReady.joined(separator: " "))]"
        let scheduled = previous.conditions?.first { $0.type == "PodScheduled" } ?? PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: now)
        status.conditions = [
            condition("PodReadyToStartContainers", !finished),
            condition("Initialized", true, reason: nil),
            condition("Ready", notReady.isEmpty, reason: readyReason, message: readyMessage),
            condition("ContainersReady", notReady.isEmpty, reason: readyReason, message: readyMessage),
            scheduled,
        ]
        return status
    }
}
