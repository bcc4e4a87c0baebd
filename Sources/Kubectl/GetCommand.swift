import Cluster

/// `kubectl get`: tables, or `-o wide|yaml|json|name`, for one or more types or objects.
struct GetCommand: KubectlCommand {
    static let name = "get"
    static let flags: [Arguments.Flag] = [
        .init("output", short: "o"), .init("all-namespaces", short: "A", value: false), .init("selector", short: "l"),
        .init("show-labels", value: false), .init("watch", short: "w", value: false), .init("no-headers", value: false),
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("field-selector"), .init("sort-by"),
        .init("label-columns", short: "L"),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        var format = arguments.value("output") ?? ""
        var template: JSONPathTemplate?
        if format.hasPrefix("jsonpath=") {
            template = try JSONPathTemplate(String(format.drop { $0 != "=" }.dropFirst()))
            format = "jsonpath"
        }
        guard ["", "wide", "yaml", "json", "name", "jsonpath"].contains(format) else {
            throw .raw("error: unable to match a printer suitable for the output format \"\(format)\", allowed formats are: json,name,wide,yaml")
        }
        let allNamespaces = arguments.bool("all-namespaces")
        let namespace = kubectl.namespace(arguments)
        let selector = try Selector.parse(arguments.value("selector") ?? "")
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
        let multipleTypes = Set(named.map(\.0.plural)).count > 1
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
                objects = server.list(type, namespace: scope).filter { selector.matches($0.labels) && fields.matches($0) }
                if type == Event.type { objects = objects.sorted { EventOrder.before($0, $1) } }
            }
            if let index = groups.firstIndex(where: { $0.0 == type }) { groups[index].1 += objects } else { groups.append((type, objects)) }
        }
        defer { for error in errors { kubectl.console.err(error) } }
        let everything = groups.flatMap(\.1)
        if everything.isEmpty {
            if errors.isEmpty {
                let scoped = groups.contains { $0.0.namespaced } && !allNamespaces
                kubectl.console.err(scoped ? "No resources found in \(namespace) namespace." : "No resources found")
            }
            return
        }
        switch format {
        case "yaml", "json":
            kubectl.console.out(Printer.renderList(everything, format: format))
            return
        case "jsonpath":
            let values = everything.compactMap { try? Codec.json($0.withTypeMeta()) }
            let listed = named.contains { $0.1 == nil } || values.count > 1
            // A query by type prints from a List even for one object; one named object is the root itself.
            let root = listed ? Printer.list(values) : Printer.document(values)
            kubectl.console.out(try template?.render(root) ?? "")
            return
        case "name":
            for object in everything { kubectl.console.out("\(object.type.qualifiedSingular)/\(object.name)") }
            return
        default:
            break
        }
        let now = kubectl.cluster.server.now.seconds
        var blocks: [String] = []
        for (type, objects) in groups where !objects.isEmpty {
            var table = Printer.table(for: type, objects: objects, wide: format == "wide", now: now)
            if multipleTypes { table.rows = table.rows.map { [type.qualifiedSingular + "/" + $0[0]] + $0.dropFirst() } }
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
            if allNamespaces, type.namespaced {
                table.header.insert("NAMESPACE", at: 0)
                for (index, object) in objects.enumerated() { table.rows[index].insert(object.metadata.namespace ?? "", at: 0) }
            }
            let text = TabWriter.table(table.header, table.rows)
            blocks.append(arguments.bool("no-headers") ? text.split(separator: "\n").dropFirst().joined(separator: "\n") : text)
        }
        kubectl.console.out(blocks.joined(separator: "\n\n"))
    }
}
