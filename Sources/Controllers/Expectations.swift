import ClientKit

/// ControllerExpectations: how many creations and deletions a controller has asked for and not
/// yet seen through its informer. Until they are seen, it does not act on its (stale) cache again.
/// Like the real ones, they expire after five minutes, so a lost watch event cannot wedge a controller.
struct Expectations {
    static let timeout: SimTime = 5 * 60 * 1000
    private var pending: [String: (adds: Int, deletes: Int, since: SimTime)] = [:]
    private let clock: () -> SimTime

    init(clock: @escaping () -> SimTime) { self.clock = clock }

    func satisfied(_ key: String) -> Bool {
        guard let entry = pending[key] else { return true }
        return (entry.adds <= 0 && entry.deletes <= 0) || clock() - entry.since >= Expectations.timeout
    }

    func describe(_ key: String) -> String {
        guard let entry = pending[key] else { return "none" }
        return "\(max(entry.adds, 0)) creation(s) and \(max(entry.deletes, 0)) deletion(s) not yet observed"
    }

    mutating func expect(_ key: String, adds: Int = 0, deletes: Int = 0) {
        pending[key] = (adds, deletes, clock())
    }

    mutating func creationObserved(_ key: String) { pending[key]?.adds -= 1 }
    mutating func deletionObserved(_ key: String) { pending[key]?.deletes -= 1 }
    mutating func forget(_ key: String) { pending[key] = nil }
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
