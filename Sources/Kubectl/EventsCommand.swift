import Cluster
import Foundation

/// `kubectl events [-A] [--for TYPE/NAME] [--types=Normal,Warning] [--no-headers] [-o yaml|json|name] [-w]`:
/// the namespace's events, oldest first, as kubectl's EventPrinter prints them; with `-w`, every
/// event as the watch brings it.
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
        let allNamespaces = arguments.bool("all-namespaces")
        let namespace = kubectl.namespace(arguments)
        // --for is a field selector the server applies; --types, kubectl's own filter.
        let scope = allNamespaces ? nil : namespace
        let selects = { (object: any APIObject) -> Bool in
            guard let event = object as? Event, scope == nil || event.namespace == scope else { return false }
            return involved.map { event.involvedObject.kind == $0.kind && event.involvedObject.name == $0.name } ?? true
        }
        let shows = { (event: Event) in types.isEmpty || types.contains { $0.lowercased() == (event.type ?? "").lowercased() } }
        let listed = (kubectl.client.list(Event.type, namespace: scope).value ?? []).filter(selects)
        if arguments.bool("watch") {
            return try watch(listed, selects: selects, shows: shows, format: format, arguments: arguments, kubectl: kubectl)
        }
        let events = listed.compactMap { $0 as? Event }.filter(shows).sorted { EventOrder.before($0, $1) }
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
            let table = EventsCommand.table(events, allNamespaces: allNamespaces, now: kubectl.cluster.server.now.seconds)
            // Without headers the columns are as wide as the rows alone need.
            let lines = arguments.bool("no-headers") ? table.rows : [table.header] + table.rows
            kubectl.console.out(TabWriter.table(lines[0], Array(lines.dropFirst())))
        }
    }

    /// `events -w`: the events there are (in the order the watch delivers them, by name), then
    /// each new or updated one, each printed on its own as kubectl's watch prints it. Deleted
    /// events (they expire after an hour) are not printed, nor those `--types` leaves out.
    private func watch(_ listed: [any APIObject], selects: @escaping (any APIObject) -> Bool, shows: @escaping (Event) -> Bool,
                       format: String?, arguments: Arguments, kubectl: Kubectl) throws(KubectlError) {
        let allNamespaces = arguments.bool("all-namespaces")
        let client = kubectl.client
        let outputFormat: OutputFormat = switch format {
        case "yaml": .yaml
        case "json": .json
        case "name": .name
        default: .table(wide: false)
        }
        let printer = WatchPrinter(format: outputFormat, noHeaders: arguments.bool("no-headers"), withEventType: false) { events in
            EventsCommand.table(events.compactMap { $0 as? Event }, allNamespaces: allNamespaces, now: client.server.now.seconds)
        }
        let print = { (kind: WatchEvent.EventType, object: any APIObject) throws(KubectlError) -> Bool in
            guard kind != .deleted, let event = object as? Event, shows(event) else { return false }
            kubectl.console.write(try printer.print([event]))
            return true
        }
        for event in listed { _ = try print(.added, event) }
        kubectl.follow(ObjectWatch(Event.type, listed: listed, server: client.server, command: kubectl.commandLine, selects: selects, print: print))
    }

    /// The events' table: LAST SEEN, TYPE, REASON, OBJECT and MESSAGE, after NAMESPACE with `-A`.
    static func table(_ events: [Event], allNamespaces: Bool, now: Int64) -> Printer.Table {
        Printer.Table(header: (allNamespaces ? ["NAMESPACE"] : []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
                      rows: events.map { (allNamespaces ? [$0.namespace ?? ""] : []) + row($0, now: now) })
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
