import Cluster
import Foundation

/// `kubectl events [-A] [--for TYPE/NAME] [--types=Normal,Warning] [--no-headers] [-o yaml|json|name]`:
/// the namespace's events, oldest first, as kubectl's EventPrinter prints them.
struct EventsCommand: KubectlCommand {
    static let name = "events"
    static let flags: [Arguments.Flag] = [
        .init("all-namespaces", short: "A", value: false), .init("for"), .init("types"), .init("no-headers", value: false),
        .init("output", short: "o"), .init("watch", short: "w", value: false), .init("chunk-size"),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output").flatMap { $0.isEmpty ? nil : $0 }
        try Kubectl.checkOutputFormat(format)
        let involved = try arguments.value("for").flatMap { $0.isEmpty ? nil : $0 }.map { text throws(KubectlError) in try EventsCommand.involvedObject(text) }
        // kubectl's flag is a string slice: `--types=Warning,Normal` and `--types Warning --types Normal` both count.
        let types = arguments.all("types").flatMap { $0.split(separator: ",").map(String.init) }
        if types.contains(where: { $0.lowercased() != "normal" && $0.lowercased() != "warning" }) {
            throw .message("valid --types are Normal or Warning")
        }
        if arguments.bool("watch") {
            throw .message("kubectl events --watch is not simulated; run `kubectl events` again after a step")
        }
        let allNamespaces = arguments.bool("all-namespaces")
        let namespace = kubectl.namespace(arguments)
        let events = kubectl.cluster.server.list(Event.type, namespace: allNamespaces ? nil : namespace)
            .compactMap { $0 as? Event }
            .filter { event in
                (types.isEmpty || types.contains { $0.lowercased() == (event.type ?? "").lowercased() })
                    && involved.map { event.involvedObject.kind == $0.kind && event.involvedObject.name == $0.name } ?? true
            }
            .sorted { EventOrder.before($0, $1) }
        guard !events.isEmpty else {
            kubectl.console.warn(allNamespaces ? "No events found." : "No events found in \(namespace) namespace.")
            return
        }
        switch format {
        case "name":
            kubectl.console.out(events.map(ObjectSelection.label).joined(separator: "\n"))
        case let format?:
            let items = events.compactMap { try? Codec.json($0.withTypeMeta()) }
            let list: JSONValue = .object(["apiVersion": .string("v1"), "items": .array(items), "kind": .string("EventList"), "metadata": .object([:])])
            kubectl.console.out(Printer.text(list, format: format))
        case nil:
            let now = kubectl.cluster.server.now.seconds
            let rows = events.map { event in
                (allNamespaces ? [event.namespace ?? ""] : []) + EventsCommand.row(event, now: now)
            }
            let header = (allNamespaces ? ["NAMESPACE"] : []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
            // Without headers the columns are as wide as the rows alone need.
            let lines = arguments.bool("no-headers") ? rows : [header] + rows
            kubectl.console.out(TabWriter.table(lines[0], Array(lines.dropFirst())))
        }
    }

    /// The kind and name `--for TYPE/NAME` names, resolved as kubectl's REST mapper resolves the type.
    static func involvedObject(_ text: String) throws(KubectlError) -> (kind: String, name: String) {
        guard text.contains("/") else { throw .message("--for must be in resource/name form") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw .message("arguments in resource/name form may not have more than one slash") }
        guard let type = Catalog.type(named: parts[0]) else { throw .message("no matches for /, Resource=\(parts[0])") }
        return (type.type.kind, parts[1])
    }

    /// LAST SEEN, TYPE, REASON, OBJECT (`Pod/web`, the kind as the event names it) and MESSAGE.
    /// A repeated event reads `2m (x3 over 10m)`.
    static func row(_ event: Event, now: Int64) -> [String] {
        func since(_ stamp: Timestamp?) -> String { stamp.map { humanDuration(seconds: now - $0.seconds) } ?? "<unknown>" }
        let first = since(event.firstTimestamp)
        let count = event.count ?? 0
        let interval = count > 1 ? "\(since(event.lastTimestamp)) (x\(count) over \(first))" : first
        let object = "\(event.involvedObject.kind ?? "")/\(event.involvedObject.name ?? "")"
        return [interval, event.type ?? "", event.reason ?? "", object, (event.message ?? "").trimmingCharacters(in: .whitespaces)]
    }
}
