import ClientKit

/// The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job
/// `ttlSecondsAfterFinished` after it completed or failed, its Pods with it (foreground).
public final class TTLAfterFinishedController {
    public static let component = "ttl-after-finished-controller"
    let client: Client
    let jobs: Informer<Job>
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: TTLAfterFinishedController.component, serviceAccount: "ttl-after-finished-controller")
        jobs = informers.informer()
        queue = WorkQueue(simulation: simulation, component: TTLAfterFinishedController.component) { [unowned self] in self.sync($0) }
        let finished: (Job) -> String? = { [unowned self] job in
            job.isFinished && job.spec.ttlSecondsAfterFinished != nil && job.metadata.deletionTimestamp == nil ? self.queue.add(job.key) : nil
        }
        jobs.addHandlers(owner: TTLAfterFinishedController.component, add: finished, update: { _, job in finished(job) })
    }

    /// When the Job finished: its completion time, or when its Failed condition was set.
    static func finishTime(_ job: Job) -> Timestamp? {
        job.status?.completionTime ?? job.condition("Failed")?.lastTransitionTime
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "job/\(key)"
        guard let job = jobs.get(key), job.metadata.deletionTimestamp == nil, let ttl = job.spec.ttlSecondsAfterFinished,
              let finished = TTLAfterFinishedController.finishTime(job) else {
            return StepOutcome(object: reference, summary: "\(key) has no TTL to enforce")
        }
        let expires = finished.seconds + Int64(ttl)
        let now = client.server.now.seconds
        guard now >= expires else {
            queue.add(key, after: (expires - now) * 1000, reason: "ttlSecondsAfterFinished \(ttl) expires")
            return StepOutcome(object: reference, summary: "\(key) expires in \(expires - now)s")
        }
        client.delete(Job.type, namespace: job.namespace, name: job.name, propagationPolicy: .foreground, preconditionUID: job.metadata.uid,
                      why: "finished \(now - finished.seconds)s ago; ttlSecondsAfterFinished is \(ttl)")
        return StepOutcome(object: reference, summary: "\(key) finished \(now - finished.seconds)s ago, past its TTL of \(ttl)s → delete it")
    }
}
