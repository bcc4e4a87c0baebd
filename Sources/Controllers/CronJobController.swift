import ClientKit

/// The CronJob controller (pkg/controller/cronjob, v2): at each time the schedule names it
/// creates a Job from the template, honouring the concurrency policy and the starting
/// deadline; it follows its Jobs to keep `status.active` true and deletes finished Jobs
/// beyond the history limits. It wakes itself on the virtual clock for the next schedule time.
public final class CronJobController {
    public static let component = "cronjob-controller"
    /// Past this many missed schedule times the controller warns (and still runs the latest).
    static let missedTimesLimit = 100
    let client: Client
    let cronJobs: Informer<CronJob>
    let jobs: Informer<Job>
    let recorder: EventRecorder
    private var queue: WorkQueue!
    private var requests: SyncRequests!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: CronJobController.component, serviceAccount: "cronjob-controller")
        cronJobs = informers.informer()
        jobs = informers.informer()
        jobs.addIndex(PodIndex.controller) { [$0.metadata.controllerRef?.uid ?? ""] }
        recorder = EventRecorder(client: client, component: CronJobController.component)
        queue = WorkQueue(simulation: simulation, component: CronJobController.component) { [unowned self] in self.sync($0) }
        requests = SyncRequests(queue: queue)
        cronJobs.addHandlers(owner: CronJobController.component, add: { [unowned self] in self.queue.add($0.key) },
                             update: { [unowned self] old, new in old.spec != new.spec ? self.queue.add(new.key) : nil })
        let jobChanged: (Job) -> String? = { [unowned self] job in self.cronJobs.controller(of: job).map { self.queue.add($0.key) } }
        jobs.addHandlers(owner: CronJobController.component, add: jobChanged,
                         update: { old, job in old.isFinished != job.isFinished ? jobChanged(job) : nil },
                         delete: jobChanged)
    }

    private var nowMillis: Int64 { client.simulation.epochSeconds * 1000 + client.simulation.now }

    // MARK: sync

    private func sync(_ key: String) -> StepOutcome {
        let reference = "cronjob/\(key)"
        guard let cronJob = cronJobs.get(key), cronJob.metadata.deletionTimestamp == nil, let uid = cronJob.metadata.uid else {
            return StepOutcome(object: reference, summary: "\(key) is gone; its Jobs are the garbage collector's")
        }
        var status = cronJob.status ?? CronJobStatus()
        let owned = jobs.byIndex(PodIndex.controller, uid)
        var lines = followJobs(cronJob, owned: owned, status: &status)
        lines += cleanUpHistory(cronJob, owned: owned)
        let now = client.server.now.seconds
        guard let schedule = try? CronSchedule(parsing: cronJob.spec.schedule ?? "") else {
            recorder.record(cronJob, type: "Warning", reason: "UnparseableSchedule", message: "unparseable schedule: \"\(cronJob.spec.schedule ?? "")\"")
            return finish(cronJob, status, lines: lines, summary: "unparseable schedule")
        }
        if cronJob.spec.suspend == true {
            return finish(cronJob, status, lines: lines + ["suspended: no new Jobs"], summary: "suspended")
        }
        var earliest = (status.lastScheduleTime ?? cronJob.metadata.creationTimestamp)?.seconds ?? now
        if let deadline = cronJob.spec.startingDeadlineSeconds { earliest = max(earliest, now - deadline) }
        var scheduled: Int64?
        var missed = 0
        var cursor = earliest
        while let next = schedule.next(after: cursor), next <= now {
            scheduled = next
            missed += 1
            cursor = next
        }
        let nextTime = schedule.next(after: now)
        defer { if let nextTime { queue.add(key, after: max(nextTime * 1000 + 100 - nowMillis, 1), reason: "next schedule time \(Timestamp(seconds: nextTime))") } }
        guard let scheduledTime = scheduled else {
            lines.append("no schedule time has come since \(Timestamp(seconds: earliest)); next at \(nextTime.map { Timestamp(seconds: $0).description } ?? "never")")
            return finish(cronJob, status, lines: lines, summary: "nothing due; next at \(nextTime.map { Timestamp(seconds: $0).description } ?? "never")")
        }
        if missed > CronJobController.missedTimesLimit {
            recorder.record(cronJob, type: "Warning", reason: "TooManyMissedTimes",
                            message: "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
        }
        let jobName = "\(cronJob.name)-\(scheduledTime / 60)"
        if jobs.get("\(cronJob.namespace ?? "")/\(jobName)") != nil || status.lastScheduleTime?.seconds == scheduledTime {
            return finish(cronJob, status, lines: lines + ["\(jobName) for \(Timestamp(seconds: scheduledTime)) exists already"], summary: "\(jobName) exists already")
        }
        let active = status.active ?? []
        switch cronJob.spec.concurrencyPolicy ?? "Allow" {
        case "Forbid" where !active.isEmpty:
            recorder.record(cronJob, reason: "JobAlreadyActive", message: "Not starting job because prior execution is running and concurrency policy is Forbid")
            lines.append("\(active.count) Job(s) still active and concurrencyPolicy is Forbid → skip \(Timestamp(seconds: scheduledTime))")
            return finish(cronJob, status, lines: lines, summary: "skip: prior Job still running (Forbid)")
        case "Replace":
            for reference in active {
                guard let name = reference.name else { continue }
                client.delete(Job.type, namespace: cronJob.namespace, name: name, propagationPolicy: .background,
                              why: "concurrencyPolicy Replace: the new Job replaces \(name)") { [recorder] result in
                    if case .success = result { recorder.record(cronJob, reason: "SuccessfulDelete", message: "Deleted job \(name)") }
                }
                lines.append("concurrencyPolicy Replace → delete active Job \(name)")
            }
            status.active = []
        default:
            break
        }
        createJob(cronJob, name: jobName, scheduledTime: scheduledTime, status: status)
        lines.append("schedule \"\(cronJob.spec.schedule ?? "")\" was due at \(Timestamp(seconds: scheduledTime)) → create Job \(jobName)")
        let explanation = "CronJob \(key): schedule \"\(cronJob.spec.schedule ?? "")\", concurrencyPolicy \(cronJob.spec.concurrencyPolicy ?? "Allow").\n" + lines.joined(separator: "\n")
        return StepOutcome(object: reference, summary: "create Job \(jobName) (scheduled \(Timestamp(seconds: scheduledTime)))", explanation: explanation)
    }

    /// Keeps status.active in step with the Jobs that exist, noting the ones that finished.
    private func followJobs(_ cronJob: CronJob, owned: [Job], status: inout CronJobStatus) -> [String] {
        var lines: [String] = []
        var active = status.active ?? []
        for job in owned {
            let listed = active.contains { $0.uid == job.metadata.uid }
            if job.isFinished {
                if listed {
                    active.removeAll { $0.uid == job.metadata.uid }
                    let condition = job.condition("Complete") != nil ? "Complete" : "Failed"
                    recorder.record(cronJob, reason: "SawCompletedJob", message: "Saw completed job: \(job.name), condition: \(condition)")
                    lines.append("\(job.name) finished (\(condition)) → no longer active")
                }
                if let completed = job.status?.completionTime, completed.seconds > status.lastSuccessfulTime?.seconds ?? .min {
                    status.lastSuccessfulTime = completed
                }
            } else if !listed {
                active.append(job.reference())
            }
        }
        for reference in active where !owned.contains(where: { $0.metadata.uid == reference.uid }) {
            active.removeAll { $0.uid == reference.uid }
            recorder.record(cronJob, type: "Warning", reason: "MissingJob", message: "Active job went missing: \(reference.name ?? "")")
        }
        status.active = active.isEmpty ? nil : active
        return lines
    }

    /// Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit.
    private func cleanUpHistory(_ cronJob: CronJob, owned: [Job]) -> [String] {
        var lines: [String] = []
        for (complete, limit) in [(true, cronJob.spec.successfulJobsHistoryLimit ?? 3), (false, cronJob.spec.failedJobsHistoryLimit ?? 1)] {
            let finished = owned.filter { $0.metadata.deletionTimestamp == nil && $0.isFinished && ($0.condition("Complete") != nil) == complete }
                .sorted { ($0.status?.startTime?.seconds ?? .max, $0.name) < ($1.status?.startTime?.seconds ?? .max, $1.name) }
            for job in finished.dropLast(Int(max(limit, 0))) {
                client.delete(Job.type, namespace: job.namespace, name: job.name, propagationPolicy: .background,
                              why: "CronJob \(cronJob.key) keeps \(limit) \(complete ? "successful" : "failed") Job(s)") { [recorder] result in
                    if case .success = result { recorder.record(cronJob, reason: "SuccessfulDelete", message: "Deleted job \(job.name)") }
                }
                lines.append("\(job.name) is beyond the \(complete ? "successful" : "failed")JobsHistoryLimit \(limit) → delete it")
            }
        }
        return lines
    }

    private func createJob(_ cronJob: CronJob, name: String, scheduledTime: Int64, status: CronJobStatus) {
        var metadata = ObjectMeta(name: name, namespace: cronJob.namespace, labels: cronJob.spec.jobTemplate?.metadata?.labels)
        metadata.annotations = (cronJob.spec.jobTemplate?.metadata?.annotations ?? [:])
            .merging([CronJob.scheduledTimestampAnnotation: Timestamp(seconds: scheduledTime).rfc3339]) { $1 }
        metadata.ownerReferences = [cronJob.ownerReference(controller: true)]
        let job = Job(metadata: metadata, spec: cronJob.spec.jobTemplate?.spec ?? JobSpec())
        client.create(job, why: "CronJob \(cronJob.key) was due at \(Timestamp(seconds: scheduledTime))",
                      completion: requests.completion(cronJob.key) { [unowned self] result in
            var status = status
            switch result {
            case .success(let created):
                self.recorder.record(cronJob, reason: "SuccessfulCreate", message: "Created job \(name)")
                status.active = (status.active ?? []) + [created.reference()]
                status.lastScheduleTime = Timestamp(seconds: scheduledTime)
            case .failure(let error):
                self.recorder.record(cronJob, type: "Warning", reason: "FailedCreate", message: "Error creating job: \(error.message)")
            }
            self.writeStatus(cronJob, status)
        })
    }

    private func finish(_ cronJob: CronJob, _ status: CronJobStatus, lines: [String], summary: String) -> StepOutcome {
        let wrote = writeStatus(cronJob, status)
        let explanation = "CronJob \(cronJob.key): schedule \"\(cronJob.spec.schedule ?? "")\".\n" + lines.joined(separator: "\n")
        return StepOutcome(object: "cronjob/\(cronJob.key)", summary: summary + (wrote ? "; status updated" : ""), explanation: explanation)
    }

    @discardableResult
    private func writeStatus(_ cronJob: CronJob, _ status: CronJobStatus) -> Bool {
        guard status != cronJob.status ?? CronJobStatus() else { return false }
        var updated = cronJob
        updated.status = status
        client.updateStatus(updated, why: "report the active Jobs and schedule times of \(cronJob.key)")
        return true
    }
}
