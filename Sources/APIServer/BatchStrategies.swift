import KubeModel

/// The API server's rules for Jobs (pkg/registry/batch/job): defaults, and the selector it
/// generates from the Job's UID so that its Pods can never be confused with another Job's.
struct JobStrategy: Strategy {
    typealias Object = Job
    var tracksGeneration: Bool { true }
    static let restartPolicies = ["OnFailure", "Never"]

    func prepareForCreate(_ job: inout Job, _ context: inout AdmissionContext) {
        JobStrategy.applyDefaults(&job.spec) { context.defaulted.append($0) }
        if job.spec.manualSelector != true, job.spec.selector == nil, let uid = job.metadata.uid {
            let generated = [Job.controllerUIDLabel: uid]
            job.spec.selector = LabelSelector(matchLabels: generated)
            var template = job.spec.template ?? PodTemplateSpec()
            var metadata = template.metadata ?? ObjectMeta()
            metadata.labels = (metadata.labels ?? [:]).merging([
                Job.controllerUIDLabel: uid, Job.legacyControllerUIDLabel: uid,
                Job.jobNameLabel: job.name, Job.legacyJobNameLabel: job.name,
            ]) { _, generated in generated }
            template.metadata = metadata
            job.spec.template = template
            context.defaulted.append("selector \(Job.controllerUIDLabel)=\(uid), with job-name and controller-uid labels on the template")
        }
        if job.metadata.labels == nil { job.metadata.labels = job.spec.template?.metadata?.labels }
        job.status = JobStatus()
    }

    /// The Job defaults, which a CronJob's jobTemplate gets too when its Jobs are created.
    static func applyDefaults(_ spec: inout JobSpec, note: (String) -> Void) {
        if spec.completions == nil, spec.parallelism == nil { spec.completions = 1; note("completions=1") }
        if spec.parallelism == nil { spec.parallelism = 1; note("parallelism=1") }
        if spec.backoffLimit == nil { spec.backoffLimit = 6; note("backoffLimit=6") }
        if spec.completionMode == nil { spec.completionMode = "NonIndexed" }
        if spec.suspend == nil { spec.suspend = false }
        if spec.podReplacementPolicy == nil { spec.podReplacementPolicy = "TerminatingOrFailed" }
        TemplateRules.applyDefaults(&spec.template, prefix: "template.") { note($0) }
    }

    func validate(_ job: Job) -> [FieldError] {
        JobStrategy.validateSpec(job.spec, path: "spec", selectorGenerated: job.spec.manualSelector != true)
    }

    static func validateSpec(_ spec: JobSpec, path: String, selectorGenerated: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value) in [("parallelism", spec.parallelism), ("completions", spec.completions), ("backoffLimit", spec.backoffLimit)] {
            if let value, value < 0 {
                errors.append(FieldError("\(path).\(field)", .invalid(value: String(value), detail: "must be greater than or equal to 0")))
            }
        }
        if let deadline = spec.activeDeadlineSeconds, deadline <= 0 {
            errors.append(FieldError("\(path).activeDeadlineSeconds", .invalid(value: String(deadline), detail: "must be greater than 0")))
        }
        if let ttl = spec.ttlSecondsAfterFinished, ttl < 0 {
            errors.append(FieldError("\(path).ttlSecondsAfterFinished", .invalid(value: String(ttl), detail: "must be greater than or equal to 0")))
        }
        if let mode = spec.completionMode, !["NonIndexed", "Indexed"].contains(mode) {
            errors.append(FieldError("\(path).completionMode", .unsupported(value: mode, supported: ["NonIndexed", "Indexed"])))
        }
        guard let template = spec.template else { return errors + [FieldError("\(path).template", .required())] }
        if selectorGenerated {
            errors += PodStrategy.validateSpec(template.spec ?? PodSpec(), path: "\(path).template.spec", allowedRestartPolicies: restartPolicies)
        } else {
            errors += TemplateRules.validate(selector: spec.selector, template: template, restartPolicies: restartPolicies)
        }
        return errors
    }

    /// A Job's template and selector are fixed once created; parallelism, the deadline and
    /// suspend may change.
    func validateUpdate(_ new: Job, old: Job) -> [FieldError] {
        var errors = validate(new)
        if new.spec.selector != old.spec.selector {
            errors.append(FieldError("spec.selector", .invalid(value: TemplateRules.goSelector(new.spec.selector), detail: "field is immutable")))
        }
        if new.spec.template != old.spec.template, old.spec.suspend != true {
            errors.append(FieldError("spec.template", .invalid(value: "core.PodTemplateSpec{...}", detail: "field is immutable")))
        }
        if new.spec.completions != old.spec.completions {
            errors.append(FieldError("spec.completions", .invalid(value: new.spec.completions.map(String.init) ?? "null", detail: "field is immutable")))
        }
        return errors
    }

}

/// The API server's rules for CronJobs: defaults, and a schedule the controller can read.
struct CronJobStrategy: Strategy {
    typealias Object = CronJob
    var tracksGeneration: Bool { true }
    static let concurrencyPolicies = ["Allow", "Forbid", "Replace"]

    func prepareForCreate(_ cronJob: inout CronJob, _ context: inout AdmissionContext) {
        var spec = cronJob.spec
        func note(_ text: String) { context.defaulted.append(text) }
        if spec.concurrencyPolicy == nil { spec.concurrencyPolicy = "Allow"; note("concurrencyPolicy=Allow") }
        if spec.suspend == nil { spec.suspend = false; note("suspend=false") }
        if spec.successfulJobsHistoryLimit == nil { spec.successfulJobsHistoryLimit = 3; note("successfulJobsHistoryLimit=3") }
        if spec.failedJobsHistoryLimit == nil { spec.failedJobsHistoryLimit = 1; note("failedJobsHistoryLimit=1") }
        var template = spec.jobTemplate?.spec?.template
        TemplateRules.applyDefaults(&template, prefix: "jobTemplate.template.") { note($0) }
        spec.jobTemplate?.spec?.template = template
        cronJob.spec = spec
        cronJob.status = CronJobStatus()
    }

    func validate(_ cronJob: CronJob) -> [FieldError] {
        var errors: [FieldError] = []
        if let schedule = cronJob.spec.schedule, !schedule.isEmpty {
            do throws(CronError) {
                _ = try CronSchedule(parsing: schedule)
            } catch {
                errors.append(FieldError("spec.schedule", .invalid(value: "\"\(schedule)\"", detail: error.message)))
            }
            if schedule.contains("TZ") {
                errors.append(FieldError("spec.schedule", .invalid(value: "\"\(schedule)\"", detail: "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")))
            }
        } else {
            errors.append(FieldError("spec.schedule", .required()))
        }
        if let policy = cronJob.spec.concurrencyPolicy, !CronJobStrategy.concurrencyPolicies.contains(policy) {
            errors.append(FieldError("spec.concurrencyPolicy", .unsupported(value: policy, supported: CronJobStrategy.concurrencyPolicies)))
        }
        if let deadline = cronJob.spec.startingDeadlineSeconds, deadline < 0 {
            errors.append(FieldError("spec.startingDeadlineSeconds", .invalid(value: String(deadline), detail: "must be greater than or equal to 0")))
        }
        if let zone = cronJob.spec.timeZone, zone != "UTC", zone != "Etc/UTC" {
            errors.append(FieldError("spec.timeZone", .invalid(value: "\"\(zone)\"", detail: "unknown time zone \(zone) (stepkube's clock runs in UTC)")))
        }
        if let spec = cronJob.spec.jobTemplate?.spec {
            errors += JobStrategy.validateSpec(spec, path: "spec.jobTemplate.spec", selectorGenerated: spec.manualSelector != true)
        } else {
            errors.append(FieldError("spec.jobTemplate.spec.template", .required()))
        }
        return errors
    }

}
