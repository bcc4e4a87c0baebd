import ClientKit

/// ControllerExpectations (UID-tracking, as the ReplicaSet controller uses them): how many
/// creations a controller has asked for and which Pods it has asked to delete, not yet seen
/// through its informer. Until they are seen, it does not act on its (stale) cache again.
/// Like the real ones, they expire after five minutes, so a lost watch event cannot wedge a controller.
struct Expectations {
    static let timeout: SimTime = 5 * 60 * 1000
    private var pending: [String: (adds: Int, deletes: Set<String>, since: SimTime)] = [:]
    /// Which controller key waits for each Pod's deletion.
    private var deletionWaiters: [String: String] = [:]
    private let clock: () -> SimTime

    init(clock: @escaping () -> SimTime) { self.clock = clock }

    func satisfied(_ key: String) -> Bool {
        guard let entry = pending[key] else { return true }
        return (entry.adds <= 0 && entry.deletes.isEmpty) || clock() - entry.since >= Expectations.timeout
    }

    func describe(_ key: String) -> String {
        guard let entry = pending[key] else { return "none" }
        return "\(max(entry.adds, 0)) creation(s) and \(entry.deletes.count) deletion(s) not yet observed"
    }

    mutating func expect(_ key: String, adds: Int = 0, deleting pods: [String] = []) {
        for pod in pending[key]?.deletes ?? [] { deletionWaiters[pod] = nil }
        pending[key] = (adds, Set(pods), clock())
        for pod in pods { deletionWaiters[pod] = key }
    }

    mutating func creationObserved(_ key: String) { pending[key]?.adds -= 1 }

    /// Marks the Pod's deletion as seen; returns the controller key that was waiting for it.
    mutating func deletionObserved(pod: String) -> String? {
        guard let key = deletionWaiters.removeValue(forKey: pod) else { return nil }
        pending[key]?.deletes.remove(pod)
        return key
    }

    mutating func forget(_ key: String) {
        for pod in pending[key]?.deletes ?? [] { deletionWaiters[pod] = nil }
        pending[key] = nil
    }
}

/// Indexes shared by the controllers that own Pods.
enum PodIndex {
    static let controller = "controller-uid"

    /// Pods by their controller's UID; orphans under "".
    static func controllerUID(_ pod: Pod) -> [String] {
        [pod.metadata.controllerRef?.uid ?? ""]
    }

    static func isActive(_ pod: Pod) -> Bool {
        !pod.isTerminal && pod.metadata.deletionTimestamp == nil
    }
}
