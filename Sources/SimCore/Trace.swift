/// One step as the student reads it back: who did what, to which object, and why.
public struct TraceRecord {
    public let number: Int
    public let time: SimTime
    public let component: String
    public let kind: StepKind
    /// `pod/default/web-x7k2p` style reference to the object the step touched.
    public let object: String
    let summarize: () -> String
    fileprivate(set) var explain: () -> String
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
/// A ring buffer: once full, each new record takes the place of the oldest. Only the newest
/// `explainedCapacity` records keep their explanations, which hold the objects a step saw; an
/// older record keeps its summary line.
public final class TraceLog {
    public let capacity: Int
    public let explainedCapacity: Int
    private var ring: [TraceRecord] = []
    /// Where the oldest record sits once the ring is full.
    private var oldest = 0
    private var dropped = 0

    public init(capacity: Int, explainedCapacity: Int = 50_000) {
        self.capacity = max(capacity, 1)
        self.explainedCapacity = max(explainedCapacity, 1)
    }

    public var nextNumber: Int { dropped + ring.count + 1 }
    public var count: Int { dropped + ring.count }
    public var last: TraceRecord? { record(number: count) }

    /// The kept records, oldest first.
    public var records: [TraceRecord] { records(after: 0) }

    func append(_ record: TraceRecord) {
        if ring.count == capacity {
            ring[oldest] = record
            oldest = (oldest + 1) % capacity
            dropped += 1
        } else {
            ring.append(record)
        }
        let forgotten = count - explainedCapacity
        if forgotten > dropped, let index = ringIndex(of: forgotten) {
            let limit = explainedCapacity
            ring[index].explain = { "(no longer kept: only the newest \(limit) steps keep their explanations)" }
        }
    }

    /// The kept records numbered above `number`, oldest first: what ran since a point, without
    /// copying the whole ring.
    public func records(after number: Int) -> [TraceRecord] {
        guard number < count else { return [] }
        let first = max(number + 1, dropped + 1)
        return (first...count).compactMap { record(number: $0) }
    }

    public func record(number: Int) -> TraceRecord? {
        ringIndex(of: number).map { ring[$0] }
    }

    private func ringIndex(of number: Int) -> Int? {
        guard number > dropped, number <= count else { return nil }
        let index = number - dropped - 1
        guard ring.indices.contains(index) else { return nil }
        return (oldest + index) % ring.count
    }
}
