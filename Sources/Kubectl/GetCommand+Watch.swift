import Cluster

/// `kubectl get TYPE [NAME | -l SELECTOR] -w` (and `--watch-only`, `--output-watch-events`), as
/// kubectl's get watches: the objects as they are now (not with `--watch-only`), then every
/// change the API server's watch delivers, printed as it happens (see `Kubectl.follow`).
extension GetCommand {
    /// The errors kubectl's resource builder gives a watch before it reads anything: nothing
    /// named, or more than one type.
    static func checkWatchable(_ positionals: [String]) throws(KubectlError) {
        guard let first = positionals.first else {
            throw .noResources
        }
        let types = Set(first.split(separator: ","))
        if !first.contains("/"), types.count > 1 || types.contains("all") {
            throw .message("you may only specify a single resource type")
        }
    }

    func watch(_ named: [(ResourceType, String?)], manifestNamespaces: [String: String], format: OutputFormat,
               selects: @escaping (any APIObject) -> Bool, arguments: Arguments, kubectl: Kubectl) throws(KubectlError) {
        guard let type = named.first?.0 else { return }
        let fromFiles = arguments.has("filename")
        let severalTypes = Set(named.map(\.0.plural)).count > 1
        if severalTypes, !fromFiles { throw .message("you may only specify a single resource type") }
        let client = kubectl.client
        var listed: [any APIObject] = []
        for (type, name) in named {
            let scope = GetCommand.scope(of: type, name: name, manifestNamespaces: manifestNamespaces, arguments: arguments, kubectl: kubectl)
            guard let name else {
                listed += (client.list(type, namespace: scope).value ?? []).filter(selects)
                continue
            }
            guard let object = client.get(type, namespace: scope, name: name).value else { throw .raw(Kubectl.serverError(.notFound(type, name))) }
            listed.append(object)
        }
        if severalTypes { throw .message("watch is only supported on individual resources and resource collections - more than 1 resource was found") }

        var wide = false
        if case .table(let isWide) = format { wide = isWide }
        let decoration = TableDecoration(arguments, withKind: false)
        let printer = WatchPrinter(format: format, noHeaders: arguments.bool("no-headers"),
                                   withEventType: arguments.bool("output-watch-events")) { objects in
            var table = Printer.table(for: type, objects: objects, wide: wide, now: client.server.now.seconds)
            decoration.apply(to: &table, type: type, objects: objects)
            return table
        }
        if !arguments.bool("watch-only") {
            // Only a table is sorted: other printers are handed one object at a time.
            var initial: [any APIObject]? = listed
            if case .table = format { initial = try GetCommand.sortedForTable(listed, by: arguments.value("sort-by") ?? "") }
            do {
                kubectl.console.write(try printer.print(initial ?? []))
            } catch {
                guard case .message(let reason) = error else { throw error }
                throw .message("unable to output the provided object: \(reason)")
            }
        }
        let names = named.compactMap(\.1)
        if names.count > 1 {
            throw .message(fromFiles ? "watch is only supported on individual resources and resource collections - \(names.count) resources were found"
                                     : "you may only watch a single resource or type of resource at a time")
        }
        // A named object is watched alone; a list, every object of the type the command selects.
        let single = !names.isEmpty
        let scope = GetCommand.scope(of: type, name: nil, manifestNamespaces: [:], arguments: arguments, kubectl: kubectl)
        let watch = ObjectWatch(type, objectKey: single ? listed.first?.key : nil, listed: listed, server: client.server,
                                command: kubectl.commandLine,
                                selects: { single || ((scope == nil || $0.metadata.namespace == scope) && selects($0)) },
                                print: { kind, object throws(KubectlError) in
                                    kubectl.console.write(try printer.print([object], event: kind))
                                    return true
                                })
        kubectl.follow(watch)
    }
}
