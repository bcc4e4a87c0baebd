import Cluster

/// `kubectl get`: tables, or `-o wide|yaml|json|name|jsonpath=|custom-columns=`, for one or more
/// types or objects, optionally `--sort-by` a JSONPath.
struct GetCommand: KubectlCommand {
    static let name = "get"
    static let flags: [Arguments.Flag] = [
        .init("output", short: "o"), .init("all-namespaces", short: "A", value: false), .init("selector", short: "l"),
        .init("show-labels", value: false), .init("watch", short: "w", value: false), .init("no-headers", value: false),
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("field-selector"), .init("sort-by"),
        .init("label-columns", short: "L"), .init("show-kind", value: false),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let formatText = arguments.value("output") ?? ""
        if arguments.bool("show-labels"), !["", "wide"].contains(formatText) {
            throw .message("--show-labels option cannot be used with \(formatText) printer")
        }
        if arguments.has("label-columns"), formatText.hasPrefix("custom-columns") {
            throw .message("--label-columns option cannot be used with \(formatText) printer")
        }
        let format = try OutputFormat(formatText, noHeaders: arguments.bool("no-headers"), directory: kubectl.workingDirectory)
        let allNamespaces = arguments.bool("all-namespaces")
        let namespace = kubectl.namespace(arguments)
        let fieldText = arguments.value("field-selector") ?? ""
        guard let fields = FieldSelector(fieldText) else { throw .raw("error: invalid field selector: '\(fieldText)'") }
        let server = kubectl.cluster.server
        var named: [(ResourceType, String?)] = []
        var manifestNamespaces: [String: String] = [:]
        if arguments.has("filename") {
            for document in try kubectl.readManifests(arguments, stdin: stdin) {
                guard case .success(let object) = document.result else { continue }
                named.append((object.type, object.name))
                if let namespace = object.metadata.namespace { manifestNamespaces["\(object.type.plural)/\(object.name)"] = namespace }
            }
        } else {
            named = try kubectl.targets(arguments.positionals, verb: "get")
        }
        var groups: [(ResourceType, [any APIObject])] = []
        var errors: [String] = []
        for (type, name) in named {
            let own = name.flatMap { manifestNamespaces["\(type.plural)/\($0)"] } ?? namespace
            let scope: String? = type.namespaced ? (allNamespaces && name == nil ? nil : own) : nil
            var objects: [any APIObject]
            if let name {
                guard let object = server.get(type, namespace: scope, name: name) else {
                    errors.append(Kubectl.serverError(.notFound(type, name)))
                    continue
                }
                objects = [object]
            } else {
                objects = try kubectl.list(type, namespace: scope, labelSelector: arguments.value("selector") ?? "", fieldSelector: fieldText)
                    .filter(fields.matches)
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
        var documents = objects.compactMap { try? Codec.json($0.withTypeMeta()) }
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

    /// The tables of each type, a blank line apart (none with --no-headers). With --sort-by, a
    /// path kubectl cannot sort by leaves a type's table out, as kubectl's table printer does.
    /// Returns whether anything was printed.
    private func printTables(_ groups: [(ResourceType, [any APIObject])], wide: Bool, sortBy: String,
                             arguments: Arguments, kubectl: Kubectl) throws(KubectlError) -> Bool {
        // NAME becomes kind.group/name for several types, or with --show-kind.
        let withKind = Set(groups.map(\.0.plural)).count > 1 || arguments.bool("show-kind")
        let now = kubectl.cluster.server.now.seconds
        var blocks: [String] = []
        for (type, unsorted) in groups where !unsorted.isEmpty {
            var objects = unsorted
            if !sortBy.isEmpty, objects.count > 1 {
                do {
                    let documents = objects.map { (try? Codec.json($0.withTypeMeta())) ?? .null }
                    objects = try ObjectSorter(sortBy).order(documents).map { objects[$0] }
                } catch {
                    if case .unsortable(let message) = error { throw .raw(message) }
                    continue
                }
            }
            var table = Printer.table(for: type, objects: objects, wide: wide, now: now)
            if withKind { table.rows = table.rows.map { [type.qualifiedSingular + "/" + $0[0]] + $0.dropFirst() } }
            // -L app,tier: a column per label key, headed by the key's last segment in capitals.
            for key in arguments.all("label-columns").flatMap({ $0.split(separator: ",").map(String.init) }) {
                table.header.append(String(key.split(separator: "/").last ?? Substring(key)).uppercased())
                for (index, object) in objects.enumerated() { table.rows[index].append(object.labels[key] ?? "") }
            }
            if arguments.bool("show-labels") {
                table.header.append("LABELS")
                for (index, object) in objects.enumerated() {
                    let labels = object.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                    table.rows[index].append(labels.isEmpty ? "<none>" : labels)
                }
            }
            if arguments.bool("all-namespaces"), type.namespaced {
                table.header.insert("NAMESPACE", at: 0)
                for (index, object) in objects.enumerated() { table.rows[index].insert(object.metadata.namespace ?? "", at: 0) }
            }
            let text = TabWriter.table(table.header, table.rows)
            blocks.append(arguments.bool("no-headers") ? text.split(separator: "\n").dropFirst().joined(separator: "\n") : text)
        }
        guard !blocks.isEmpty else { return false }
        kubectl.console.out(blocks.joined(separator: arguments.bool("no-headers") ? "\n" : "\n\n"))
        return true
    }
}
