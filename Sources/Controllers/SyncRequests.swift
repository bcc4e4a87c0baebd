import ClientKit

/// The requests a controller's syncs sent that are not yet answered, by work-queue key. A real
/// sync waits for its requests and returns their error, which client-go's processNextWorkItem
/// turns into `AddRateLimited` (or `Forget` when there was none). Here the answers come in later
/// steps, so this does the same once a key's last request is answered: any failure requeues the
/// key with back-off; none forgets its failures.
final class SyncRequests {
    private let queue: WorkQueue
    /// Whether a key goes back on the queue as soon as all its requests succeeded, for a
    /// controller that does not act again until its writes are answered (the StatefulSet's).
    private let requeueWhenAnswered: Bool
    private var pending: [String: (count: Int, failure: String?)] = [:]

    init(queue: WorkQueue, requeueWhenAnswered: Bool = false) {
        self.queue = queue
        self.requeueWhenAnswered = requeueWhenAnswered
    }

    /// Requests of `key` not yet answered.
    func unanswered(_ key: String) -> Int { pending[key]?.count ?? 0 }

    /// Counts one request of `key` as sent; the returned closure takes its answer (nil on success).
    func track(_ key: String) -> (APIError?) -> Void {
        pending[key, default: (0, nil)].count += 1
        return { [self] error in
            guard var entry = pending[key] else { return }
            entry.count -= 1
            if let error { entry.failure = entry.failure ?? error.message }
            guard entry.count == 0 else { return pending[key] = entry }
            pending[key] = nil
            if let failure = entry.failure {
                queue.addRateLimited(key, reason: "sync of \(key) failed: \(failure)")
            } else {
                queue.forget(key)
                if requeueWhenAnswered { queue.add(key) }
            }
        }
    }

    /// A client completion for one request of `key`.
    func completion(_ key: String, then body: Client.Completion? = nil) -> Client.Completion {
        let answered = track(key)
        return { result in
            body?(result)
            if case .failure(let error) = result { answered(error) } else { answered(nil) }
        }
    }

    /// The key's object is gone: nothing it sent still matters.
    func drop(_ key: String) { pending[key] = nil }
}
