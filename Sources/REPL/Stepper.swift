import Cluster
import Foundation
import KubeYAML

/// The stepper's read-only views: the trace, explanations, the agenda and etcd.
enum Stepper {
    static func time(_ milliseconds: SimTime) -> String {
        String(format: "%.3fs", Double(milliseconds) / 1000)
    }

    /// A component's name in its column, with at least one space after the longest names.
    static func column(_ component: String) -> String { component.padded(to: 23) + " " }

    /// A cell of at least `width` characters that never runs into the next one: a step number
    /// past #99999 or a clock past 9999.999s pushes the rest of its line along instead.
    static func cell(_ text: String, width: Int) -> String { text.count < width ? text.padded(to: width) : text + " " }

    /// One trace record on one line: number, time, component, kind, summary.
    static func line(_ record: TraceRecord) -> String {
        let number = cell("#\(record.number)", width: 6)
        let clock = cell(time(record.time), width: 9)
        let component = Stepper.column(record.component)
        let kind = record.kind.rawValue.padded(to: 10)
        return "\(number)\(clock)\(component)\(kind)\(record.summary)"
    }

    static let traceUsage = "usage: trace [--last N] [--all] [KIND/NAME] [--diagram | --mermaid | --svg FILE | --html FILE]\n       trace --reads [--last N] [--all]\n"

    /// `trace`: the steps as lines, or as a sequence diagram drawn here, in Mermaid, or in a
    /// file (SVG, or HTML around it) written relative to `directory`.
    static func trace(_ cluster: Cluster, _ arguments: [String], directory: String) -> String {
        var last: Int?
        var all = false
        var reads = false
        var filter: String?
        var picture: String?
        var file: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let value = arguments.indices.contains(index + 1) ? arguments[index + 1] : nil
            switch word {
            case "--all": all = true
            case "--reads": reads = true
            case "--diagram", "--mermaid": picture = word
            case "--last", "--svg", "--html":
                guard let value else { return "trace: \(word) needs a value\n" + traceUsage }
                if word == "--last" { last = Int(value) } else { (picture, file) = (word, value) }
                index += 1
            default:
                if word.hasPrefix("--last=") {
                    last = Int(word.dropFirst(7))
                } else if word.hasPrefix("-") {
                    return "trace: unknown flag \(word)\n" + traceUsage
                } else {
                    filter = word
                }
            }
            index += 1
        }
        if reads {
            guard filter == nil, picture == nil else { return "trace: --reads takes only --last N and --all\n" + traceUsage }
            return Stepper.reads(cluster, last: last, all: all)
        }
        var records = all ? cluster.simulation.trace.records : cluster.simulation.trace.records(after: cluster.bootSteps).filter { !$0.routine }
        if let filter {
            let parts = filter.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let type = Catalog.type(named: parts[0]) else {
                return "trace: expected KIND/NAME, such as pod/web-x7k2p or rs/myreplicaset\n"
            }
            let kind = type.type.singular
            records = records.filter { record in
                let pieces = record.object.split(separator: "/").map(String.init)
                return pieces.first == kind && pieces.last == parts[1]
            }
        }
        if let last { records = Array(records.suffix(max(last, 0))) }
        if records.isEmpty { return "(no steps to show\(all ? "" : "; trace --all includes boot and routine steps"))\n" }
        guard let picture else { return records.map(line).joined(separator: "\n") + "\n" }
        let diagram = SequenceDiagram(records, trace: cluster.simulation.trace)
        switch picture {
        case "--diagram": return diagram.terminal()
        case "--mermaid": return diagram.mermaid()
        default:
            guard let file else { return traceUsage }
            let title = "stepkube trace: steps #\(records.first?.number ?? 0)–#\(records.last?.number ?? 0)" + (filter.map { " of \($0)" } ?? "")
            let path = file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
            do {
                try (picture == "--svg" ? diagram.svg() : diagram.html(title: title)).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                return "trace: cannot write \(file): \(error.localizedDescription)\n"
            }
            return "wrote \(file): \(records.count) steps as a sequence diagram (open it in a browser)\n"
        }
    }

    static func explain(_ cluster: Cluster, _ arguments: [String]) -> String {
        if let read = arguments.first, read.hasPrefix("r") { return explainRead(cluster, read) }
        let log = cluster.simulation.trace
        let number = arguments.first.map { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) } ?? log.last?.number
        guard let number, let record = log.record(number: number) else {
            return "explain: no step \(arguments.first ?? "") in the trace\n"
        }
        var text = "Step #\(record.number) at \(time(record.time)): \(record.component) (\(record.kind.rawValue))\n"
        text += "\(record.summary)\n"
        if !record.explanation.isEmpty { text += "\n" + record.explanation + "\n" }
        if let cause = record.causedBy, let parent = log.record(number: cause) {
            text += "\ncaused by      #\(cause) \(parent.component): \(parent.summary)\n"
        } else if let command = record.command {
            text += "\ncaused by      your command: \(command)\n"
        }
        let effects = log.records(after: record.number).filter { $0.causedBy == record.number }
        if !effects.isEmpty {
            text += "led to         " + effects.prefix(12).map { "#\($0.number) \($0.component)" }.joined(separator: ", ")
            text += effects.count > 12 ? " and \(effects.count - 12) more\n" : "\n"
        }
        return text
    }

    static func pending(_ cluster: Cluster) -> String {
        let items = cluster.simulation.pending
        let foreground = items.filter { !$0.background }
        let background = items.filter(\.background)
        var text = foreground.isEmpty ? "Nothing queued: the cluster has settled.\n" : "Next steps, in order:\n"
        for item in foreground.prefix(30) {
            text += "  at \(time(item.time).padded(to: 9)) \(Stepper.column(item.component)) \(item.label)\n"
        }
        if foreground.count > 30 { text += "  ... and \(foreground.count - 30) more\n" }
        let timers = background.filter { !$0.routine }
        if !timers.isEmpty {
            text += "Timers (run as the clock passes them):\n"
            for item in timers.prefix(10) { text += "  at \(time(item.time).padded(to: 9)) \(Stepper.column(item.component)) \(item.label)\n" }
        }
        let routine = background.count - timers.count
        if routine > 0 { text += "(\(routine) routine timers: heartbeats and lease renewals)\n" }
        return text
    }

    static func clockLine(_ cluster: Cluster) -> String {
        let simulation = cluster.simulation
        return "virtual time \(time(simulation.now)) since boot (\(Timestamp(seconds: simulation.nowSeconds).rfc3339)); \(simulation.trace.count) steps so far\n"
    }

    /// `etcdctl get KEY [--prefix] [--keys-only]`: a read-only look at the store.
    static func etcdctl(_ cluster: Cluster, _ arguments: [String]) -> String {
        guard arguments.first == "get", let key = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
            return "etcdctl: only 'etcdctl get KEY [--prefix] [--keys-only]' is available (the store is read-only here)\n"
        }
        let prefix = arguments.contains("--prefix")
        let keysOnly = arguments.contains("--keys-only")
        let store = cluster.etcd
        let entries = prefix ? store.range(prefix: key) : (store.get(key).map { [$0] } ?? [])
        var text = ""
        for entry in entries {
            text += entry.key + "\n"
            if keysOnly {
                text += "\n"
            } else {
                text += ((try? Codec.json(entry.value).render(indent: "")) ?? "") + "\n"
            }
        }
        return text
    }
}
