import ClientKit

/// The Job controller (pkg/controller/job): keeps up to `parallelism` Pods running until
/// `completions` of them have succeeded, replaces failed Pods after an exponential back-off,
/// and ends the Job Complete, or Failed when it passes backoffLimit or activeDeadlineSeconds.
public final class JobController {
    public static let component = "job-controller"
    /// The back-off before a failed Pod is replaced: 10s, doubling per failure, at most 10 minutes.
    static let initialBackOff: SimTime = 10_000
    static let maximumBackOff: SimTime = 600_000
    let client: Client
    let jobs: Informer<Job>
    let pods: Informer<Pod>
    private var podControl: PodControl!
    let recorder: EventRecorder
    private var queue: WorkQueue!
    private var expectations: Expectations

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: JobController.component, serviceAccount: "job-controller")
        expectations = Expectations { [unowned simulation] in simulation.now }
        jobs = informers.informer()
        pods = informers.informer()
        pods.addIndex(PodIndex.controller, PodIndex.controllerUID)
        recorder = EventRecorder(client: client, component: JobController.component)
        queue = WorkQueue(simulation: simulation, component: JobController.component) { [unowned self] in self.sync($0) }
        podControl = PodControl(client: client, recorder: recorder, requests: SyncRequests(queue: queue))
        jobs.addHandlers(owner: JobController.component, add: { [unowned self] in self.queue.add($0.key) },
                         update: { [unowned self] _, job in self.queue.add(job.key) },
                         delete: { [unowned self] in self.expectations.forget($0.key); return nil })
        pods.addHandlers(owner: JobController.component, add: { [unowned self] pod in
                             guard let job = self.jobs.controller(of: pod) else { return nil }
                             self.expectations.creationObserved(job.key)
                             return self.queue.add(job.key)
                         },
                         update: { [unowned self] old, pod in
                             guard let job = self.jobs.controller(of: pod), old.phase != pod.phase || old.isReady != pod.isReady
                                 || old.metadata.deletionTimestamp != pod.metadata.deletionTimestamp
                                 || JobController.restarts(old) != JobController.restarts(pod) else { return nil }
                             return self.queue.add(job.key)
                         },
                         delete: { [unowned self] pod in
                             let waiting = self.expectations.deletionObserved(pod: pod.key)
                             let keys = Set([waiting, self.jobs.controller(of: pod)?.key].compactMap { $0 })
                             return keys.isEmpty ? nil : keys.sorted().map { self.queue.add($0) }.joined(separator: ", ")
                         })
    }

    static func restarts(_ pod: Pod) -> Int32 {
        (pod.status?.containerStatuses ?? []).reduce(0) { $0 + $1.restartCount }
    }

    /// The back-off after `failures` consecutive failures (10s·2^(n−1), capped).
    static func backOff(failures: Int) -> SimTime {
        guard failures > 0 else { return 0 }
        var delay = initialBackOff
        for _ in 1..<failures where delay < maximumBackOff { delay *= 2 }
        return min(delay, maximumBackOff)
    }

    // MARK: sync

    /// What the Pods of a Job say, counted once per sync.
    struct Census {
        var active: [Pod] = []
        var succeeded = 0
        var failed = 0
        var terminating = 0
        var ready = 0
        var restarts = 0
        /// When the newest failed Pod finished, for the back-off.
        var lastFailure: Int64?

        init(_ pods: [Pod]) {
            for pod in pods {
                if pod.phase == "Succeeded" { succeeded += 1; continue }
                if pod.phase == "Failed" {
                    failed += 1
                    let finished = pod.status?.containerStatuses?.compactMap { $0.state?.terminated?.finishedAt?.seconds }.max()
                    lastFailure = max(lastFailure ?? .min, finished ?? pod.metadata.creationTimestamp?.seconds ?? 0)
                    continue
                }
                if pod.metadata.deletionTimestamp != nil { terminating += 1; continue }
                active.append(pod)
                if pod.isReady { ready += 1 }
                restarts += Int(JobController.restarts(pod))
            }
        }
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "job/\(key)"
        guard let job = jobs.get(key), job.metadata.deletionTimestamp == nil, let uid = job.metadata.uid else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its Pods are the garbage collector's")
        }
        if job.isFinished {
            return StepOutcome(object: reference, summary: "\(key) has finished (\(job.condition("Complete") != nil ? "Complete" : "Failed"))")
        }
        guard expectations.satisfied(key) else {
            let waiting = expectations.describe(key)
            return StepOutcome(object: reference, summary: "waiting: \(waiting)")
        }
        let census = Census(pods.byIndex(PodIndex.controller, uid))
        let now = client.server.now
        var status = job.status ?? JobStatus()
        let suspended = job.spec.suspend == true
        if status.startTime == nil, !suspended { status.startTime = now }
        let completions = job.spec.completions.map(Int.init)
        let parallelism = Int(job.spec.parallelism ?? 1)
        let backoffLimit = Int(job.spec.backoffLimit ?? 6)
        var lines = ["pods: \(census.active.count) active (\(census.ready) ready), \(census.succeeded) succeeded, \(census.failed) failed"
                     + (census.terminating > 0 ? ", \(census.terminating) terminating" : "")]
        var action: String
        var failure: (reason: String, message: String)?
        let onFailure = job.spec.template?.spec?.restartPolicy == "OnFailure"
        if onFailure ? census.restarts + census.failed >= max(backoffLimit, 1) && census.restarts + census.failed > 0
            : census.failed > backoffLimit {
            failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
            lines.append("failures \(onFailure ? census.restarts + census.failed : census.failed) exceed backoffLimit \(backoffLimit)")
        } else if let deadline = job.spec.activeDeadlineSeconds, let start = status.startTime, now.seconds - start.seconds >= deadline {
            failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
            lines.append("active for \(now.seconds - start.seconds)s, activeDeadlineSeconds is \(deadline)")
        }
        let complete = failure == nil && (completions.map { census.succeeded >= $0 } ?? (census.succeeded > 0 && census.active.isEmpty))
        if let failure {
            action = fail(job, &status, census: census, failure: failure, now: now)
        } else if complete {
            setCondition(&status, JobCondition(type: "SuccessCriteriaMet", at: now, reason: "CompletionsReached", message: "Reached expected number of succeeded pods"))
            setCondition(&status, JobCondition(type: "Complete", at: now, reason: "CompletionsReached", message: "Reached expected number of succeeded pods"))
            status.completionTime = now
            recorder.record(job, reason: "Completed", message: "Job completed")
            lines.append("\(census.succeeded) succeeded of \(completions ?? 1) wanted → Complete")
            action = "Complete"
        } else if suspended {
            expectations.expect(job.key, deleting: census.active.map(\.key))
            for pod in census.active { deletePod(pod, of: job) }
            action = census.active.isEmpty ? "suspended" : "suspended: delete \(census.active.count) active Pod(s)"
            if status.conditions?.contains(where: { $0.type == "Suspended" && $0.status == "True" }) != true {
                setCondition(&status, JobCondition(type: "Suspended", at: now, reason: "JobSuspended", message: "Job suspended"))
                recorder.record(job, reason: "Suspended", message: "Job suspended")
            }
        } else {
            let remaining = completions.map { $0 - census.succeeded } ?? (census.succeeded > 0 ? 0 : parallelism)
            let wanted = max(min(parallelism, remaining), 0)
            lines.append("wanted active: min(parallelism \(parallelism), remaining completions \(remaining)) = \(wanted)")
            action = adjust(job, census: census, wanted: wanted, lines: &lines)
            armDeadline(job, start: status.startTime, now: now)
        }
        // active, succeeded and failed are omitted when zero; ready and terminating are not.
        func count(_ value: Int) -> Int32? { value == 0 ? nil : Int32(value) }
        status.active = count(failure == nil && !complete && !suspended ? census.active.count : 0)
        status.ready = Int32(census.ready)
        status.succeeded = count(census.succeeded)
        status.failed = count(census.failed)
        status.terminating = Int32(census.terminating)
        status.uncountedTerminatedPods = status.uncountedTerminatedPods ?? .object([:])
        var summary = action
        if status != job.status {
            var updated = job
            updated.status = status
            client.updateStatus(updated, why: "report observed state of \(key)")
            summary += "; status active=\(status.active ?? 0) succeeded=\(status.succeeded ?? 0) failed=\(status.failed ?? 0)"
        }
        let explanation = "Job \(key): \(completions.map { "\($0) completion(s)" } ?? "no completion count"), parallelism \(parallelism), backoffLimit \(backoffLimit).\n"
            + lines.joined(separator: "\n")
        return StepOutcome(object: reference, summary: summary, explanation: explanation)
    }

    /// Creates or deletes Pods towards `wanted` active ones, waiting out the back-off after a failure.
    private func adjust(_ job: Job, census: Census, wanted: Int, lines: inout [String]) -> String {
        let diff = wanted - census.active.count
        if diff < 0 {
            let extra = census.active.sorted { $0.key > $1.key }.prefix(-diff)
            expectations.expect(job.key, deleting: extra.map(\.key))
            for pod in extra { deletePod(pod, of: job) }
            return "delete \(extra.count) extra Pod(s)"
        }
        guard diff > 0 else { return "\(census.active.count) Pod(s) running as wanted" }
        if census.failed > 0, let lastFailure = census.lastFailure {
            let delay = JobController.backOff(failures: census.failed)
            let ready = lastFailure * 1000 + delay
            let nowMillis = client.server.now.seconds * 1000
            if ready > nowMillis {
                let wait = ready - nowMillis
                queue.add(job.key, after: wait, reason: "back-off after \(census.failed) failure(s)")
                lines.append("back-off: \(census.failed) failure(s) → wait \(wait / 1000)s before creating a replacement")
                return "back-off \(wait / 1000)s before a new Pod"
            }
        }
        expectations.expect(job.key, adds: diff, deleting: [])
        for _ in 0..<diff {
            podControl.create(PodControl.pod(from: job.spec.template, owner: job), owner: job, why: "Job \(job.key) wants \(wanted) active Pod(s)") { [unowned self] in
                self.expectations.creationObserved(job.key)
            }
        }
        lines.append("create \(diff) Pod(s)")
        return "create \(diff) Pod(s)"
    }

    /// FailureTarget first, with the active Pods deleted; Failed once none is left running.
    private func fail(_ job: Job, _ status: inout JobStatus, census: Census, failure: (reason: String, message: String), now: Timestamp) -> String {
        if status.conditions?.contains(where: { $0.type == "FailureTarget" }) != true {
            setCondition(&status, JobCondition(type: "FailureTarget", at: now, reason: failure.reason, message: failure.message))
        }
        if !census.active.isEmpty {
            expectations.expect(job.key, deleting: census.active.map(\.key))
            for pod in census.active { deletePod(pod, of: job) }
            return "\(failure.reason): delete \(census.active.count) active Pod(s)"
        }
        guard census.terminating == 0 else { return "\(failure.reason): waiting for \(census.terminating) Pod(s) to terminate" }
        setCondition(&status, JobCondition(type: "Failed", at: now, reason: failure.reason, message: failure.message))
        recorder.record(job, type: "Warning", reason: failure.reason, message: failure.message)
        return "Failed: \(failure.reason)"
    }

    private func setCondition(_ status: inout JobStatus, _ condition: JobCondition) {
        status.conditions = (status.conditions ?? []).filter { $0.type != condition.type } + [condition]
    }

    /// Wakes the Job when its activeDeadlineSeconds runs out.
    private func armDeadline(_ job: Job, start: Timestamp?, now: Timestamp) {
        guard let deadline = job.spec.activeDeadlineSeconds, let start else { return }
        let remaining = (start.seconds + deadline - now.seconds) * 1000
        if remaining > 0 { queue.add(job.key, after: remaining, reason: "activeDeadlineSeconds \(deadline) runs out") }
    }

    private func deletePod(_ pod: Pod, of job: Job) {
        podControl.delete(pod, owner: job, why: "Job \(job.key) does not want it running") { [unowned self] in
            _ = self.expectations.deletionObserved(pod: pod.key)
        }
    }
}
