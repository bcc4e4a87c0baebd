import Cluster

/// The reads the API server served: not steps (they change nothing and take no time), so
/// `trace` leaves them out; `trace --reads` lists them and `explain rN` says why one was
/// allowed or refused.
extension Stepper {
    /// One read on one line, in the columns of a step: number, time, who, verb, request → status.
    static func line(_ read: ReadLog.Record) -> String {
        let number = cell("r\(read.number)", width: 6)
        let clock = cell(time(read.time), width: 9)
        let component = Stepper.column(read.request.userAgent ?? read.request.user.name)
        return "\(number)\(clock)\(component)\(read.request.verb.rawValue.padded(to: 10))\(read.summary)"
    }

    /// `trace --reads [--last N] [--all]`: the reads since boot, without routine ones unless --all.
    static func reads(_ cluster: Cluster, last: Int?, all: Bool) -> String {
        var records = cluster.server.reads.records(after: all ? 0 : cluster.bootReads)
        if !all { records = records.filter { !$0.routine } }
        if let last { records = Array(records.suffix(max(last, 0))) }
        if records.isEmpty { return "(no reads to show\(all ? "" : "; trace --reads --all includes boot and routine reads"))\n" }
        return records.map(line).joined(separator: "\n") + "\n"
    }

    /// `explain rN`: the read's way through the pipeline, and what made it.
    static func explainRead(_ cluster: Cluster, _ argument: String) -> String {
        guard let number = Int(argument.dropFirst()), let read = cluster.server.reads.record(number: number) else {
            return "explain: no read \(argument) kept (trace --reads lists them)\n"
        }
        var text = "Read r\(read.number) at \(time(read.time)): \(read.summary)\n\n\(read.explanation)\n"
        if let step = read.step, let record = cluster.simulation.trace.record(number: step) {
            text += "\nmade during   #\(step) \(record.component): \(record.summary)\n"
        } else if let command = read.command {
            text += "\nmade by       your command: \(command)\n"
        }
        return text
    }
}
