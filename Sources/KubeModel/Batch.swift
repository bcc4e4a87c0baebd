/// batch/v1 Job: Pods that run to completion, retried on failure up to a limit.
public struct Job: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true)
    /// The labels that tie a Job's Pods to it; the API server adds them to selector and template.
    public static let controllerUIDLabel = "batch.kubernetes.io/controller-uid"
    public static let jobNameLabel = "batch.kubernetes.io/job-name"
    public static let legacyControllerUIDLabel = "controller-uid"
    public static let legacyJobNameLabel = "job-name"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus?

    public init(metadata: ObjectMeta, spec: JobSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: JobSpec { JobSpec() }

    public func condition(_ type: String) -> JobCondition? {
        status?.conditions?.first { $0.type == type && $0.status == "True" }
    }

    /// Complete or Failed: the Job is over and its controller leaves it alone.
    public var isFinished: Bool { condition("Complete") != nil || condition("Failed") != nil }
}

public struct JobSpec: Codable, Equatable, Sendable {
    public var parallelism: Int32?
    public var completions: Int32?
    public var activeDeadlineSeconds: Int64?
    public var backoffLimit: Int32?
    public var selector: LabelSelector?
    public var manualSelector: Bool?
    public var template: PodTemplateSpec?
    public var ttlSecondsAfterFinished: Int32?
    public var completionMode: String?
    public var suspend: Bool?
    public var podReplacementPolicy: String?

    public init() {}
}

public struct JobStatus: Codable, Equatable, Sendable {
    public var conditions: [JobCondition]?
    public var startTime: Timestamp?
    public var completionTime: Timestamp?
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    public var terminating: Int32?
    public var ready: Int32?
    public var uncountedTerminatedPods: JSONValue?

    public init() {}
}

public struct JobCondition: Codable, Equatable, Sendable {
    public var type: String
    public var status: String
    public var lastProbeTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String = "True", at time: Timestamp, reason: String?, message: String?) {
        self.type = type
        self.status = status
        self.lastProbeTime = time
        self.lastTransitionTime = time
        self.reason = reason
        self.message = message
    }
}

/// batch/v1 CronJob: creates a Job from its template at each time its cron schedule names.
public struct CronJob: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", shortNames: ["cj"], namespaced: true)
    /// The annotation on each Job with the time it was scheduled for.
    public static let scheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronJobSpec
    public var status: CronJobStatus?

    public init(metadata: ObjectMeta, spec: CronJobSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: CronJobSpec { CronJobSpec() }
}

public struct CronJobSpec: Codable, Equatable, Sendable {
    public var schedule: String?
    public var timeZone: String?
    public var startingDeadlineSeconds: Int64?
    public var concurrencyPolicy: String?
    public var suspend: Bool?
    public var jobTemplate: JobTemplateSpec?
    public var successfulJobsHistoryLimit: Int32?
    public var failedJobsHistoryLimit: Int32?

    public init() {}
}

public struct JobTemplateSpec: Codable, Equatable, Sendable {
    public var metadata: ObjectMeta?
    public var spec: JobSpec?

    public init(metadata: ObjectMeta?, spec: JobSpec?) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct CronJobStatus: Codable, Equatable, Sendable {
    public var active: [ObjectReference]?
    public var lastScheduleTime: Timestamp?
    public var lastSuccessfulTime: Timestamp?

    public init() {}
}
