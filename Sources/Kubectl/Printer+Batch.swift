import Cluster

extension Printer {
    /// `kubectl get jobs` and `kubectl get cronjobs`.
    static func batchTable(for type: ResourceType, objects: [any APIObject], wide: Bool, now: Int64) -> Table {
        if type == CronJob.type {
            var header = ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"]
            if wide { header += ["CONTAINERS", "IMAGES", "SELECTOR"] }
            return Table(header: header, rows: objects.compactMap { $0 as? CronJob }.map { cronJob in
                let suspend = cronJob.spec.suspend.map { $0 ? "True" : "False" } ?? "<unset>"
                let last = cronJob.status?.lastScheduleTime.map { humanDuration(seconds: now - $0.seconds) } ?? "<none>"
                var row = [cronJob.name, cronJob.spec.schedule ?? "", cronJob.spec.timeZone ?? "<none>", suspend,
                           String(cronJob.status?.active?.count ?? 0), last, age(cronJob, now: now)]
                if wide {
                    let spec = cronJob.spec.jobTemplate?.spec
                    row += containerColumns(spec?.template) + [selectorText(spec?.selector)]
                }
                return row
            })
        }
        var header = ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"]
        if wide { header += ["CONTAINERS", "IMAGES", "SELECTOR"] }
        return Table(header: header, rows: objects.compactMap { $0 as? Job }.map { job in
            var row = [job.name, jobStatus(job), completions(job), duration(job, now: now), age(job, now: now)]
            if wide { row += containerColumns(job.spec.template) + [selectorText(job.spec.selector)] }
            return row
        })
    }

    /// The STATUS column: Complete, Failed, Terminating, Suspended, FailureTarget or Running.
    static func jobStatus(_ job: Job) -> String {
        func has(_ type: String) -> Bool { job.status?.conditions?.first { $0.type == type }?.status == "True" }
        if has("Complete") { return "Complete" }
        if has("Failed") { return "Failed" }
        if job.metadata.deletionTimestamp != nil { return "Terminating" }
        if has("Suspended") { return "Suspended" }
        if has("FailureTarget") { return "FailureTarget" }
        return "Running"
    }

    static func completions(_ job: Job) -> String {
        let succeeded = job.status?.succeeded ?? 0
        if let completions = job.spec.completions { return "\(succeeded)/\(completions)" }
        let parallelism = job.spec.parallelism ?? 0
        return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
    }

    static func duration(_ job: Job, now: Int64) -> String {
        guard let start = job.status?.startTime else { return "" }
        return humanDuration(seconds: (job.status?.completionTime?.seconds ?? now) - start.seconds)
    }
}
