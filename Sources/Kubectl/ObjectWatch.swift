import Cluster

/// A watch kubectl keeps on the API server while `get -w` or `events -w` runs: it registers with
/// `server.watch`, and each event the server delivers (one step each) for an object the watch
/// selects is handed to `print`. Like a watch with a label or field selector, it reports an
/// object that comes to match as ADDED and one that stops matching as DELETED.
final class ObjectWatch {
    private let server: APIServer
    private var id: Int?
    /// Keys of the objects the watch selects now.
    private var selected: Set<String>
    private let selects: (any APIObject) -> Bool
    /// Prints one event; returns whether it printed anything (`events -w` skips some).
    private let print: (WatchEvent.EventType, any APIObject) throws(KubectlError) -> Bool
    /// The command that watches, as the trace names it: `kubectl get pods -w`.
    private let command: String

    /// Starts watching `type` (only the object at `objectKey` when given), knowing which objects
    /// the command listed first, so that their changes are MODIFIED rather than ADDED.
    init(_ type: ResourceType, objectKey: String? = nil, listed: [any APIObject], server: APIServer, command: String,
         selects: @escaping (any APIObject) -> Bool,
         print: @escaping (WatchEvent.EventType, any APIObject) throws(KubectlError) -> Bool) {
        self.server = server
        self.selects = selects
        self.print = print
        self.command = command
        selected = Set(listed.map(\.key))
        id = server.watch(type, component: "kubectl", objectKey: objectKey) { [weak self] event in
            guard let self else {
                return StepOutcome(object: "", summary: "kubectl's watch has ended", routine: true)
            }
            return self.deliver(event)
        }
    }

    /// Whether the watch is still registered: it ends when stopped, or when printing failed.
    var isActive: Bool { id != nil }

    /// Unregisters the watch; events already on their way are delivered to nobody.
    func stop() {
        if let id { server.stopWatching(id) }
        id = nil
    }

    private func deliver(_ event: WatchEvent) -> StepOutcome {
        let reference = "\(event.object.type.singular)/\(event.object.key)"
        let command = command
        guard isActive else {
            return StepOutcome(object: reference, summary: "\(event.type.rawValue) \(reference) → \(command) has ended", routine: true)
        }
        let key = event.object.key
        let wanted = event.type != .deleted && selects(event.object)
        let kind: WatchEvent.EventType
        switch (selected.contains(key), wanted) {
        case (true, true): kind = .modified
        case (false, true): kind = .added
        case (true, false): kind = .deleted
        case (false, false):
            return StepOutcome(object: reference, summary: "\(event.type.rawValue) \(reference) → not selected by \(command)", routine: true)
        }
        if wanted { selected.insert(key) } else { selected.remove(key) }
        let revision = event.revision
        do {
            let printed = try print(kind, event.object)
            return StepOutcome(
                object: reference,
                summary: "\(kind.rawValue) \(reference) (rv \(revision)) → \(command) \(printed ? "prints it" : "skips it")",
                explanation: "kubectl's watch received an event from kube-apiserver.\n"
                    + "event          \(kind.rawValue) \(reference) at resourceVersion \(revision)\n"
                    + "printed        \(printed ? "yes: the row, document or name appears as the step runs" : "no: the command filters it out")",
                routine: !printed)
        } catch {
            // kubectl's watch loop ends on a printer's error, and the command exits quietly.
            stop()
            return StepOutcome(object: reference, summary: "\(kind.rawValue) \(reference) → \(command) cannot print it and stops watching")
        }
    }
}

extension Kubectl {
    /// How long `--request-timeout` lets a request (here: a watch) last, as client-go reads the
    /// flag: whole seconds, or a Go duration. Nil when not given or not positive (no timeout).
    static func parseRequestTimeout(_ arguments: Arguments) throws(KubectlError) -> SimTime? {
        guard let text = arguments.value("request-timeout") else { return nil }
        if let seconds = Int64(text), seconds >= 0 {
            let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
            return seconds == 0 ? nil : (overflow ? .max : milliseconds)
        }
        guard case .success(let milliseconds) = GoDuration.parse(text) else {
            throw .message("Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)")
        }
        return milliseconds > 0 ? milliseconds : nil
    }

    /// Lets the cluster run while `watch` prints what it sees, then stops the watch.
    ///
    /// Real kubectl watches until Ctrl-C. Here time is virtual and only passes when something
    /// runs it, so a watch that waited for Ctrl-C would hang every script and test: instead it
    /// follows the cluster as `continue` does, step by step until only background work is left,
    /// and returns to the prompt. With `--request-timeout`, it follows virtual time for that
    /// long instead (timers, heartbeats and all), as a watch ends when its request times out.
    /// Ctrl-C ends it at the next step boundary, the cluster between two steps. In both modes
    /// the watch runs the steps; `onOutput` shows each step's output as it happens. Like
    /// `continue`, it stops after `limit` steps so that a runaway loop cannot hang the REPL.
    func follow(_ watch: ObjectWatch, limit: Int = 2_000_000) {
        defer { watch.stop() }
        let simulation = cluster.simulation
        let deadline = requestTimeout.map { simulation.now.addingReportingOverflow($0).overflow ? .max : simulation.now + $0 }
        if console.hasOutput { onOutput?(nil) }
        for _ in 0..<limit {
            guard watch.isActive, !simulation.isInterrupted() else { return }
            if let deadline {
                guard let next = simulation.nextItem, next.time <= deadline else {
                    simulation.advance(by: deadline - simulation.now)
                    return
                }
            } else if !simulation.hasForegroundWork {
                return
            }
            guard let record = simulation.step() else { return }
            if console.hasOutput { onOutput?(record) }
        }
    }
}
