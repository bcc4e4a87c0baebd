import Cluster

/// Jobs and CronJobs at quiescence. A Complete Job has exactly its completions succeeded and
/// nothing left running; a finished one runs no Pod; an unfinished one never more than its
/// parallelism. A CronJob keeps no more finished Jobs than its history limits, and lists as
/// active exactly its unfinished Jobs.
enum BatchInvariants {
    static func check(_ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        snapshot.jobs.filter { $0.metadata.deletionTimestamp == nil }.flatMap { check($0, snapshot) }
            + snapshot.cronJobs.filter { $0.metadata.deletionTimestamp == nil }.flatMap { check($0, snapshot) }
    }

    private static func check(_ job: Job, _ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let name = job.violationName
        let running = snapshot.activePods(controlledBy: job)
        let succeeded = snapshot.pods.filter { $0.metadata.controllerRef?.uid == job.metadata.uid && $0.phase == "Succeeded" }
        if job.condition("Complete") != nil {
            let wanted = Int(job.spec.completions ?? 1)
            if Int(job.status?.succeeded ?? 0) != wanted {
                violations.append(InvariantViolation(.job, name, "Complete with status.succeeded \(job.status?.succeeded ?? 0), completions is \(wanted)"))
            }
            if succeeded.count > wanted {
                violations.append(InvariantViolation(.job, name, "Complete with \(succeeded.count) succeeded Pods, completions is \(wanted)"))
            }
        }
        if job.isFinished, !running.isEmpty {
            violations.append(InvariantViolation(.job, name, "finished, yet \(running.map(\.key).sorted()) still run"))
        }
        let parallelism = Int(job.spec.parallelism ?? 1)
        if !job.isFinished, running.count > parallelism {
            violations.append(InvariantViolation(.job, name, "\(running.count) Pods run, parallelism is \(parallelism)"))
        }
        return violations
    }

    private static func check(_ cronJob: CronJob, _ snapshot: ClusterSnapshot) -> [InvariantViolation] {
        var violations: [InvariantViolation] = []
        let name = cronJob.violationName
        let owned = snapshot.jobs.filter { $0.metadata.controllerRef?.uid == cronJob.metadata.uid && $0.metadata.deletionTimestamp == nil }
        let successful = owned.filter { $0.condition("Complete") != nil }.count
        let failed = owned.filter { $0.condition("Failed") != nil }.count
        let (successLimit, failureLimit) = (Int(cronJob.spec.successfulJobsHistoryLimit ?? 3), Int(cronJob.spec.failedJobsHistoryLimit ?? 1))
        if successful > max(successLimit, 0) || failed > max(failureLimit, 0) {
            violations.append(InvariantViolation(.cronJob, name, "keeps \(successful) Complete and \(failed) Failed Jobs, the history limits are \(successLimit) and \(failureLimit)"))
        }
        let unfinished = Set(owned.filter { !$0.isFinished }.compactMap(\.metadata.uid))
        let listed = Set((cronJob.status?.active ?? []).compactMap(\.uid))
        if unfinished != listed {
            violations.append(InvariantViolation(.cronJob, name, "status.active lists \(listed.count) Job(s), \(unfinished.count) unfinished Job(s) exist"))
        }
        return violations
    }
}
