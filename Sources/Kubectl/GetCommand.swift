import Cluster

/// `kubectl get`: tables, or `-o wide|yaml|json|name|jsonpath=|custom-columns=`, for one or more
/// types or objects, optionally `--sort-by` a JSONPath; `-w` and `--watch-only` watch them
/// (GetCommand+Watch.swift).
struct GetCommand: KubectlCommand {
    static let name = "get"
    static let flags: [Arguments.Flag] = [
        .init("output", short: "o"), .init("all-namespaces", short: "A", value: false), .init("selector", short: "l"),
        .init("show-labels", value: false), .init("watch", short: "w", value: false), .init("no-headers", value: false),
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("field-selector"), .init("sort-by"),
        .init("label-columns", short: "L"), .init("show-kind", value: false), .init("watch-only", value: false),
        .init("output-watch-events", value: false), .init("show-managed-fields", value: false),
        // kubectl lists in chunks of this many; the output is the same, so only the value is checked.
        .init("chunk-size", integerBits: 64),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let formatText = arguments.value("output") ?? ""
        let watching = arguments.bool("watch") || arguments.bool("watch-only")
        if watching, !(arguments.value("sort-by") ?? "").isEmpty {
            kubectl.console.warn(arguments.bool("watch") ? "warning: --watch requested, --sort-by will be ignored for watch events received"
                                                         : "warning: --watch-only requested, --sort-by will be ignored")
        }
        if arguments.bool("show-labels"), !["", "wide"].contains(formatText) {
            throw .message("--show-labels option cannot be used with \(formatText) printer")
        }
        if arguments.bool("output-watch-events"), !watching {
            throw .message("--output-watch-events option can only be used with --watch or --watch-only")
        }
        if arguments.has("label-columns"), formatText.hasPrefix("custom-columns") {
            throw .message("--label-columns option cannot be used with \(formatText) printer")
        }
        let format = try OutputFormat(formatText, noHeaders: arguments.bool("no-headers"), directory: kubectl.workingDirectory)
        let allNamespaces = arguments.bool("all-namespaces")
        let namespace = kubectl.namespace(arguments)
        let fieldText = arguments.value("field-selector") ?? ""
        guard FieldSelector(fieldText) != nil else { throw .raw("error: invalid field selector: '\(fieldText)'") }
        let client = kubectl.client
        let (named, manifestNamespaces) = try GetCommand.targets(arguments, watching: watching, kubectl: kubectl, stdin: stdin)
        if watching {
            guard let type = named.first?.0 else { return }
            let selects = try kubectl.watchSelector(type, labelSelector: arguments.value("selector") ?? "", fieldSelector: fieldText)
            return try watch(named, manifestNamespaces: manifestNamespaces, format: format, selects: selects, arguments: arguments, kubectl: kubectl)
        }
        var groups: [(ResourceType, [any APIObject])] = []
        var errors: [String] = []
        for (type, name) in named {
            let scope = GetCommand.scope(of: type, name: name, manifestNamespaces: manifestNamespaces, arguments: arguments, kubectl: kubectl)
            var objects: [any APIObject]
            if let name {
                guard let object = client.get(type, namespace: scope, name: name).value else {
                    errors.append(Kubectl.serverError(.notFound(type, name)))
                    continue
                }
                objects = [object]
            } else {
                objects = try kubectl.list(type, namespace: scope, labelSelector: arguments.value("selector") ?? "", fieldSelector: fieldText)
                if type == Event.type { objects = objects.sorted { EventOrder.before($0, $1) } }
            }
            if let index = groups.firstIndex(where: { $0.0 == type }) { groups[index].1 += objects } else { groups.append((type, objects)) }
        }
        defer { for error in errors { kubectl.console.err(error) } }
        let sortBy = arguments.value("sort-by") ?? ""
        if case .table(let wide) = format {
            let printed = try printTables(groups, wide: wide, sortBy: sortBy, arguments: arguments, kubectl: kubectl)
            if !printed, errors.isEmpty {
                let scoped = groups.contains { $0.0.namespaced } && !allNamespaces
                kubectl.console.err(scoped ? "No resources found in \(namespace) namespace." : "No resources found")
            }
            return
        }
        // One named object prints as itself; anything else as a List, even an empty one.
        let single = named.count == 1 && named.first?.1 != nil
        var objects = groups.flatMap(\.1)
        if single, objects.isEmpty { return }
        // kubectl's YAML and JSON printers leave managedFields out unless asked; templates see them.
        let omitManagedFields: Bool
        switch format {
        case .yaml, .json: omitManagedFields = !arguments.bool("show-managed-fields")
        default: omitManagedFields = false
        }
        var documents = objects.compactMap { object in
            try? omitManagedFields ? Codec.json(object.withoutManagedFields().withTypeMeta()) : Codec.json(object.withTypeMeta())
        }
        if !single, !sortBy.isEmpty, !documents.isEmpty {
            do {
                let order = try ObjectSorter(sortBy).order(documents)
                documents = order.map { documents[$0] }
                objects = order.map { objects[$0] }
            } catch {
                switch error {
                case .invalid(let message): throw .message(message)
                case .unsortable(let message): throw .raw(message)
                }
            }
        }
        let root = single ? (documents.first ?? .null) : Printer.list(documents)
        switch format {
        case .yaml, .json:
            kubectl.console.out(Printer.text(root, format: formatText))
        case .name:
            for object in objects { kubectl.console.out("\(object.type.qualifiedSingular)/\(object.name)") }
        case .jsonPath(let template, let asJSON):
            kubectl.console.out(try asJSON ? template.renderJSON(root) : template.render(root))
        case .customColumns(let columns):
            let (text, failure) = columns.render(single ? [root] : documents)
            if !text.isEmpty { kubectl.console.out(text) }
            if let failure { throw failure }
        case .table:
            break
        }
    }

    /// The objects the command line or `-f` names: each type, with a name or nil for all of its
    /// objects, and the namespace each manifest gives its object (`pods/web` → `dev`).
    static func targets(_ arguments: Arguments, watching: Bool, kubectl: Kubectl,
                        stdin: String?) throws(KubectlError) -> ([(ResourceType, String?)], [String: String]) {
        guard arguments.has("filename") else {
            if watching { try checkWatchable(arguments.positionals) }
            return (try kubectl.targets(arguments.positionals, verb: "get"), [:])
        }
        var named: [(ResourceType, String?)] = []
        var namespaces: [String: String] = [:]
        for document in try kubectl.readManifests(arguments, stdin: stdin) {
            guard case .success(let object) = document.result else { continue }
            named.append((object.type, object.name))
            if let namespace = object.metadata.namespace { namespaces["\(object.type.plural)/\(object.name)"] = namespace }
        }
        return (named, namespaces)
    }

    /// The namespace to find `type`'s objects in: the manifest's, `-n`'s or default; nil for every
    /// namespace (`-A` without a name) and for cluster-scoped types.
    static func scope(of type: ResourceType, name: String?, manifestNamespaces: [String: String], arguments: Arguments,
                      kubectl: Kubectl) -> String? {
        guard type.namespaced, !(arguments.bool("all-namespaces") && name == nil) else { return nil }
        return name.flatMap { manifestNamespaces["\(type.plural)/\($0)"] } ?? kubectl.namespace(arguments)
    }

    /// Objects sorted `--sort-by` for a table, or nil when kubectl's table printer leaves their
    /// table out (a path it cannot sort by).
    static func sortedForTable(_ objects: [any APIObject], by sortBy: String) throws(KubectlError) -> [any APIObject]? {
        guard !sortBy.isEmpty, objects.count > 1 else { return objects }
        do {
            let documents = objects.map { (try? Codec.json($0.withTypeMeta())) ?? .null }
            return try ObjectSorter(sortBy).order(documents).map { objects[$0] }
        } catch {
            if case .unsortable(let message) = error { throw .raw(message) }
            return nil
        }
    }

    /// The tables of each type, a blank line apart (none with --no-headers). With --sort-by, a
    /// path kubectl cannot sort by leaves a type's table out, as kubectl's table printer does.
    /// Returns whether anything was printed.
    private func printTables(_ groups: [(ResourceType, [any APIObject])], wide: Bool, sortBy: String,
                             arguments: Arguments, kubectl: Kubectl) throws(KubectlError) -> Bool {
        // NAME becomes kind.group/name for several types, or with --show-kind.
        let decoration = TableDecoration(arguments, withKind: Set(groups.map(\.0.plural)).count > 1)
        let now = kubectl.cluster.server.now.seconds
        var blocks: [String] = []
        for (type, unsorted) in groups where !unsorted.isEmpty {
            guard let objects = try GetCommand.sortedForTable(unsorted, by: sortBy) else { continue }
            var table = Printer.table(for: type, objects: objects, wide: wide, now: now)
            decoration.apply(to: &table, type: type, objects: objects)
            let text = TabWriter.table(table.header, table.rows)
            blocks.append(arguments.bool("no-headers") ? text.split(separator: "\n").dropFirst().joined(separator: "\n") : text)
        }
        guard !blocks.isEmpty else { return false }
        kubectl.console.out(blocks.joined(separator: arguments.bool("no-headers") ? "\n" : "\n\n"))
        return true
    }
}
