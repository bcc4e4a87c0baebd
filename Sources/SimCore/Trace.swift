/// One step as the student reads it back: who did what, to which object, and why.
public struct TraceRecord {
    public let number: Int
    public let time: SimTime
    public let component: String
    public let kind: StepKind
    /// `pod/default/web-x7k2p` style reference to the object the step touched.
    public let object: String
    let summarize: () -> String
    let explain: () -> String
    public var summary: String { summarize() }
    public var explanation: String { explain() }
    /// The step that queued this one, if a step did.
    public let causedBy: Int?
    /// The user's command that queued this one, if a command did.
    public let command: String?
    /// Heartbeats, lease renewals and event writes: hidden unless asked for.
    public let routine: Bool
}

/// The steps that have run, oldest first, bounded so a long benchmark does not hold them all.
public final class TraceLog {
    public let capacity: Int
    public private(set) var records: [TraceRecord] = []
    private var dropped = 0

    public init(capacity: Int) { self.capacity = max(capacity, 1) }

    public var nextNumber: Int { dropped + records.count + 1 }
    public var last: TraceRecord? { records.last }
    public var count: Int { dropped + records.count }

    func append(_ record: TraceRecord) {
        if records.count >= capacity {
            let drop = max(capacity / 4, 1)
            records.removeFirst(drop)
            dropped += drop
        }
        records.append(record)
    }

    public func record(number: Int) -> TraceRecord? {
        let index = number - dropped - 1
        return records.indices.contains(index) ? records[index] : nil
    }
}
