import HeapModule

/// Virtual time in milliseconds since the cluster booted.
public typealias SimTime = Int64

/// The deterministic engine: a virtual clock, one agenda ordered by (time, sequence), a seeded
/// random source and the trace. Every agenda item that runs is one step and leaves one record.
public final class Simulation {
    /// The wall-clock instant (Unix seconds) that virtual time 0 stands for.
    public let epochSeconds: Int64
    public private(set) var now: SimTime = 0
    public let random: RandomStreams
    public let trace: TraceLog
    /// The step running right now; work it schedules names it as its cause.
    public private(set) var currentStep: Int?
    /// Whether the running step is routine; work it queues is routine too unless it says otherwise.
    public private(set) var currentRoutine = false
    /// Set by a frontend while it queues a user's command, so those steps name the command as cause.
    public var currentCommand: String?
    /// Whether the user asked to stop (Ctrl-C at a terminal): long runs end at the next step
    /// boundary, so the cluster is left between two steps, as consistent as after any step.
    public var isInterrupted: () -> Bool = { false }

    private var agenda = Heap<AgendaEntry>()
    private var items: [Int: AgendaItem] = [:]
    private var nextSequence = 1
    private var foregroundCount = 0

    public init(seed: UInt64 = 1, epochSeconds: Int64 = 1_790_000_000, traceCapacity: Int = 500_000, explainedTraceCapacity: Int = 50_000) {
        self.random = RandomStreams(seed: seed)
        self.epochSeconds = epochSeconds
        self.trace = TraceLog(capacity: traceCapacity, explainedCapacity: explainedTraceCapacity)
    }

    /// Whole seconds of wall-clock time the virtual clock stands at.
    public var nowSeconds: Int64 { epochSeconds + now / 1000 }

    /// Queues work. `background` work (heartbeats, back-off retries, long timers) does not keep
    /// `runUntilSettled` going; `routine` steps are left out of the default trace view.
    /// `afterEvents` work (a controller taking a key off its work queue) runs after the requests,
    /// deliveries and timers already due at the same instant, as a busy worker would find them queued.
    @discardableResult
    public func schedule(after delay: SimTime = 0, component: String, kind: StepKind, label: String,
                         background: Bool = false, routine: Bool? = nil, afterEvents: Bool = false,
                         action: @escaping () -> StepOutcome) -> Int {
        let sequence = nextSequence
        nextSequence += 1
        let item = AgendaItem(sequence: sequence, time: now.addingSaturated(max(delay, 0)), component: component, kind: kind,
                              label: label, background: background, routine: routine ?? currentRoutine, afterEvents: afterEvents,
                              cause: currentStep, command: currentStep == nil ? currentCommand : nil, action: action)
        items[sequence] = item
        agenda.insert(AgendaEntry(item))
        if !background { foregroundCount += 1 }
        return sequence
    }

    /// Removes a queued item that is no longer wanted (a timer whose reason went away).
    public func cancel(_ sequence: Int) {
        guard let item = items.removeValue(forKey: sequence) else { return }
        if !item.background { foregroundCount -= 1 }
    }

    public var hasForegroundWork: Bool { foregroundCount > 0 }

    /// The queued items in the order they will run.
    public var pending: [AgendaItem] {
        items.values.sorted { AgendaEntry($0) < AgendaEntry($1) }
    }

    public var nextItem: AgendaItem? {
        while let entry = agenda.min {
            if let item = items[entry.sequence] { return item }
            agenda.removeMin()
        }
        return nil
    }

    /// Runs exactly one agenda item, moving the clock to its time. Returns its trace record.
    @discardableResult
    public func step() -> TraceRecord? {
        var found: AgendaItem?
        while found == nil, let entry = agenda.popMin() {
            found = items.removeValue(forKey: entry.sequence)
        }
        guard let item = found else { return nil }
        return run(item)
    }

    /// Runs the items `command` queued itself that are due, ahead of the work already waiting
    /// at this instant: what a user just sent is answered even while the cluster is paused
    /// between two steps. Returns how many ran.
    @discardableResult
    public func runQueued(from command: String) -> Int {
        let queued = items.values.filter { $0.command == command && $0.time <= now }.sorted { AgendaEntry($0) < AgendaEntry($1) }
        for item in queued {
            // The heap entry stays behind; step() and nextItem pass over entries without an item.
            items.removeValue(forKey: item.sequence)
            run(item)
        }
        return queued.count
    }

    @discardableResult
    private func run(_ item: AgendaItem) -> TraceRecord {
        if !item.background { foregroundCount -= 1 }
        now = max(now, item.time)
        let stepNumber = trace.nextNumber
        currentStep = stepNumber
        currentRoutine = item.routine
        let outcome = item.action()
        currentStep = nil
        currentRoutine = false
        let record = TraceRecord(number: stepNumber, time: now, component: item.component, kind: item.kind,
                                 object: outcome.object, summarize: outcome.summarize, explain: outcome.explain,
                                 causedBy: item.cause, command: item.command,
                                 routine: item.routine || outcome.routine)
        trace.append(record)
        return record
    }

    /// Runs until only background work is left, running background items that fall due before
    /// the foreground work. There is no step cap: a big cluster takes as many steps as its work
    /// needs, and the REPL's Ctrl-C (`isInterrupted`) is what stops a long run.
    @discardableResult
    public func runUntilSettled() -> Int {
        var count = 0
        while hasForegroundWork, !isInterrupted(), step() != nil { count += 1 }
        return count
    }

    /// Runs everything due up to `now + duration`, then sets the clock there. Interrupted, it
    /// stops after the step it is running and leaves the clock at that step's time.
    @discardableResult
    public func advance(by duration: SimTime) -> Int {
        let target = now.addingSaturated(max(duration, 0))
        var count = 0
        while let next = nextItem, next.time <= target {
            guard !isInterrupted() else { return count }
            step()
            count += 1
        }
        if !isInterrupted() { now = max(now, target) }
        return count
    }
}

/// What kind of move a step is, as the trace names it.
public enum StepKind: String, Sendable, CaseIterable {
    case apiRequest = "api"
    case watch = "watch"
    case reconcile = "reconcile"
    case schedule = "schedule"
    case kubelet = "kubelet"
    case timer = "timer"
}

/// What a step reports once it has run.
public struct StepOutcome {
    public var object: String
    /// The one-line summary and the full explanation are rendered only when someone reads them
    /// (`trace`, `explain`), so that a large benchmark does not spend its time writing text.
    /// They must therefore only describe: a step's effects happen before it returns its outcome.
    public var summarize: () -> String
    /// The full explanation, rendered only when someone reads it (`explain`), so that a large
    /// benchmark does not spend its time writing tables nobody looks at.
    public var explain: () -> String
    public var routine: Bool

    public init(object: String, summary: @autoclosure @escaping () -> String, explanation: @autoclosure @escaping () -> String = "",
                routine: Bool = false) {
        self.object = object
        self.summarize = summary
        self.explain = explanation
        self.routine = routine
    }
}

public struct AgendaItem {
    public let sequence: Int
    public let time: SimTime
    public let component: String
    public let kind: StepKind
    public let label: String
    public let background: Bool
    public let routine: Bool
    public let afterEvents: Bool
    public let cause: Int?
    public let command: String?
    let action: () -> StepOutcome
}

/// The agenda's order: time, then events before work-queue processing, then first come first served.
struct AgendaEntry: Comparable {
    let time: SimTime
    let afterEvents: Bool
    let sequence: Int

    init(_ item: AgendaItem) {
        time = item.time
        afterEvents = item.afterEvents
        sequence = item.sequence
    }

    static func < (lhs: AgendaEntry, rhs: AgendaEntry) -> Bool {
        (lhs.time, lhs.afterEvents ? 1 : 0, lhs.sequence) < (rhs.time, rhs.afterEvents ? 1 : 0, rhs.sequence)
    }
}

extension SimTime {
    /// Addition that stops at the largest time instead of trapping on overflow.
    public func addingSaturated(_ other: SimTime) -> SimTime {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
