import SimCore

/// The reads kube-apiserver has served (get, list and watch requests), oldest first and
/// bounded: reads are not steps, but `trace --reads` and `explain rN` show them, with the
/// pipeline's verdict on each. A record keeps its request and log unrendered.
public struct ReadLog {
    public struct Record {
        /// `r12` is the twelfth read since boot.
        public let number: Int
        public let time: SimTime
        /// The step the read was made in; nil for one made by the user's command itself.
        public let step: Int?
        public let command: String?
        /// Made by a routine step (a lease renewal, an event count): hidden unless asked for.
        public let routine: Bool
        public let request: APIRequest
        public let status: String
        /// How many objects the answer held (one for a get).
        public let items: Int
        public let log: RequestLog

        /// `GET /api/v1/namespaces/default/pods → 200 OK (3 items)`.
        public var summary: String {
            "\(request.line) → \(status)" + (request.verb == .list && status.hasPrefix("2") ? " (\(items) item\(items == 1 ? "" : "s"))" : "")
        }

        /// Who asked, and each stage of the pipeline.
        public var explanation: String {
            "\(request.line)  (\(request.verb.rawValue) \(request.type.qualifiedPlural) from \(request.userAgent ?? request.user.name))\n"
                + log.text + "\nresponse       \(status)"
        }
    }

    /// How many reads of each sort are kept: routine reads (the components' own, thousands an
    /// idle hour) and the rest, in rings of their own, so that routine reads never push out what
    /// a student's commands read.
    public static let capacity = 5_000
    private var routineReads = Ring()
    private var otherReads = Ring()
    /// How many reads have been recorded since the server started.
    public private(set) var count = 0

    /// The kept records after read number `number`, oldest first.
    public func records(after number: Int) -> [Record] {
        (routineReads.ordered + otherReads.ordered).filter { $0.number > number }.sorted { $0.number < $1.number }
    }

    public func record(number: Int) -> Record? {
        otherReads.ordered.first { $0.number == number } ?? routineReads.ordered.first { $0.number == number }
    }

    mutating func record(_ request: APIRequest, _ response: APIServer.Response, simulation: Simulation) {
        count += 1
        let items = (try? response.items.get().count) ?? 0
        let record = Record(number: count, time: simulation.now, step: simulation.currentStep, command: simulation.currentCommand,
                            routine: simulation.currentRoutine, request: request, status: response.status, items: items, log: response.log)
        if record.routine { routineReads.append(record) } else { otherReads.append(record) }
    }

    /// A ring of records: once full, each new one takes the place of the oldest.
    private struct Ring {
        private var records: [Record] = []
        private var oldest = 0

        var ordered: ArraySlice<Record> { records[oldest...] + records[..<oldest] }

        mutating func append(_ record: Record) {
            guard records.count == ReadLog.capacity else { return records.append(record) }
            records[oldest] = record
            oldest = (oldest + 1) % ReadLog.capacity
        }
    }
}
