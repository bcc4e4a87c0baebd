import DequeModule

/// A controller's work queue: keys are deduplicated while waiting, and each key taken off the
/// queue is one reconcile step of the controller. A key whose sync failed comes back through
/// the rate limiter (`addRateLimited`), never at the same instant.
public final class WorkQueue {
    private let simulation: Simulation
    private let component: String
    private var queue: Deque<String> = []
    private var queued: Set<String> = []
    private var processingScheduled = false
    private var delayed: [String: (timer: Int, due: SimTime)] = [:]
    private let kind: StepKind
    private let reconcile: (String) -> StepOutcome
    private let rateLimiter: RateLimiter
    /// Retries that wait at most this long keep `runUntilSettled` going: a conflict that clears
    /// in seconds (a Pod still terminating) is part of finishing the user's command. A key that
    /// has failed for longer goes on being retried in the background.
    public static let foregroundBackOffLimit: SimTime = 60_000

    public init(simulation: Simulation, component: String, kind: StepKind = .reconcile,
                rateLimiter: RateLimiter = defaultControllerRateLimiter(), reconcile: @escaping (String) -> StepOutcome) {
        self.simulation = simulation
        self.component = component
        self.kind = kind
        self.rateLimiter = rateLimiter
        self.reconcile = reconcile
    }

    /// Adds a key; returns a note for the trace.
    @discardableResult
    public func add(_ key: String) -> String {
        if let waiting = delayed.removeValue(forKey: key) { simulation.cancel(waiting.timer) }
        guard queued.insert(key).inserted else { return "\(key) already queued" }
        queue.append(key)
        scheduleProcessing()
        return "queued \(key)"
    }

    /// Adds a key after a delay (a retry or a periodic resync), by default as a background timer;
    /// `background: false` when the wait is part of finishing what the user asked for.
    /// A key already waiting keeps the earlier of its two times, as client-go's delaying queue.
    public func add(_ key: String, after delay: SimTime, reason: String, background: Bool = true) {
        let due = simulation.now.addingSaturated(max(delay, 0))
        if let waiting = delayed[key] {
            guard due < waiting.due else { return }
            simulation.cancel(waiting.timer)
        }
        let timer = simulation.schedule(after: delay, component: component, kind: .timer, label: "requeue \(key): \(reason)",
                                        background: background) { [unowned self] in
            self.delayed[key] = nil
            let note = self.add(key)
            return StepOutcome(object: key, summary: "\(reason): \(note)")
        }
        delayed[key] = (timer, due)
    }

    /// Requeues a key whose sync failed after the rate limiter's wait (AddRateLimited).
    public func addRateLimited(_ key: String, reason: String) {
        let delay = rateLimiter.when(key, now: simulation.now)
        add(key, after: delay, reason: "\(reason); retry \(rateLimiter.numRequeues(key)) after \(delay)ms back-off",
            background: delay > WorkQueue.foregroundBackOffLimit)
    }

    /// The key's sync succeeded: its next failure starts the back-off from the beginning.
    public func forget(_ key: String) { rateLimiter.forget(key) }

    /// How many times in a row the key has failed.
    public func numRequeues(_ key: String) -> Int { rateLimiter.numRequeues(key) }

    private func scheduleProcessing() {
        guard !processingScheduled, let next = queue.first else { return }
        processingScheduled = true
        simulation.schedule(component: component, kind: kind, label: "\(kind == .schedule ? "schedule" : "sync") \(next)", afterEvents: true) { [unowned self] in
            self.processingScheduled = false
            guard let key = self.queue.popFirst() else { return StepOutcome(object: "", summary: "queue empty") }
            self.queued.remove(key)
            let outcome = self.reconcile(key)
            self.scheduleProcessing()
            return outcome
        }
    }
}
