import DequeModule

/// A controller's work queue: keys are deduplicated while waiting, and each key taken off the
/// queue is one reconcile step of the controller.
public final class WorkQueue {
    private let simulation: Simulation
    private let component: String
    private var queue: Deque<String> = []
    private var queued: Set<String> = []
    private var processingScheduled = false
    private var delayed: [String: Int] = [:]
    private let kind: StepKind
    private let reconcile: (String) -> StepOutcome

    public init(simulation: Simulation, component: String, kind: StepKind = .reconcile, reconcile: @escaping (String) -> StepOutcome) {
        self.simulation = simulation
        self.component = component
        self.kind = kind
        self.reconcile = reconcile
    }

    /// Adds a key; returns a note for the trace.
    @discardableResult
    public func add(_ key: String) -> String {
        if let timer = delayed.removeValue(forKey: key) { simulation.cancel(timer) }
        guard queued.insert(key).inserted else { return "\(key) already queued" }
        queue.append(key)
        scheduleProcessing()
        return "queued \(key)"
    }

    /// Adds a key after a delay (a retry or a periodic resync), by default as a background timer;
    /// `background: false` when the wait is part of finishing what the user asked for.
    public func add(_ key: String, after delay: SimTime, reason: String, background: Bool = true) {
        guard delayed[key] == nil else { return }
        delayed[key] = simulation.schedule(after: delay, component: component, kind: .timer, label: "requeue \(key): \(reason)",
                                           background: background) { [unowned self] in
            self.delayed[key] = nil
            let note = self.add(key)
            return StepOutcome(object: key, summary: "\(reason): \(note)")
        }
    }

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
