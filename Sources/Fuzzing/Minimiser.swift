/// Delta debugging (Zeller's ddmin, simplified): drops chunks of a failing transcript, halving the
/// chunk size, for as long as the failure stays; then single entries until none can go.
public enum Minimiser {
    /// The shortest transcript found for which `stillFails` holds; `stillFails(entries)` must hold.
    public static func minimise(_ entries: [FuzzEntry], stillFails: ([FuzzEntry]) -> Bool) -> [FuzzEntry] {
        var current = entries
        var chunk = max(current.count / 2, 1)
        while true {
            var removedAny = false
            var start = 0
            while start < current.count {
                let end = min(start + chunk, current.count)
                let candidate = Array(current[..<start] + current[end...])
                if !candidate.isEmpty, stillFails(candidate) {
                    current = candidate
                    removedAny = true
                } else {
                    start = end
                }
            }
            if chunk == 1 && !removedAny { return current }
            if !removedAny || chunk > 1 { chunk = max(chunk / 2, 1) }
        }
    }
}

/// The first failure a transcript shows when replayed in a fresh session in process.
public struct ReplayFailure: Equatable, Sendable {
    public let index: Int
    public let entry: FuzzEntry
    public let outcome: FuzzOutcome

    /// Whether `other` is the same failure: the same kind on the same line (its details, such as
    /// which object changed, may differ in a shorter transcript).
    public func matches(_ other: ReplayFailure) -> Bool {
        entry == other.entry && outcome.kind == other.outcome.kind
    }

    /// Runs `entries` in a fresh session; nil when none fails.
    public static func first(in entries: [FuzzEntry], repositoryRoot: String?, probeBudget: Int = 200_000) -> ReplayFailure? {
        let runner = FuzzRunner(directory: FuzzRunner.temporaryDirectory("replay"), repositoryRoot: repositoryRoot, probeBudget: probeBudget)
        defer { runner.removeDirectory() }
        for (index, entry) in entries.enumerated() {
            let outcome = runner.run(entry).outcome
            if outcome.isFailure { return ReplayFailure(index: index, entry: entry, outcome: outcome) }
        }
        return nil
    }
}

extension FuzzOutcome {
    /// The failure's kind, as reports and exit statuses name it.
    public var kind: String {
        switch self {
        case .ran: "ran"
        case .interrupted: "interrupted"
        case .stateChanged: "state-change"
        case .ignoredInterrupt: "ignored-interrupt"
        }
    }
}
