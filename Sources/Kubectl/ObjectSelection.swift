import Cluster

/// The objects a command that acts on existing objects (label, annotate, patch, wait) is pointed
/// at, found as kubectl's resource builder finds them: `TYPE NAME...`, `TYPE/NAME...`, `-f FILE`,
/// or `TYPE` with `--all` or `-l SELECTOR` (and `--field-selector`, `-A`).
struct ObjectSelection {
    /// The objects found, in the order they were named (by namespace and name for a listing).
    var objects: [any APIObject] = []
    /// kubectl's words for each object that could not be found, printed after the others are done.
    var errors: [String] = []
    /// One object named by name or file: `--resource-version` is allowed and `--list` prints no heading.
    var single = false

    /// The flags the selection reads; a command adds those it takes to its own.
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("all", value: false),
        .init("selector", short: "l"), .init("field-selector"), .init("all-namespaces", short: "A", value: false),
    ]

    init(_ resources: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?, verb: String) throws(KubectlError) {
        let namespace = kubectl.namespace(arguments)
        let client = kubectl.client
        if arguments.has("filename") {
            guard resources.isEmpty else {
                throw .message("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")
            }
            for document in try kubectl.readManifests(arguments, stdin: stdin) {
                switch document.result {
                case .failure(let error): errors.append(error.message)
                case .success(let object): find(object.type, object.type.namespaced ? object.metadata.namespace ?? namespace : nil, object.name, client)
                }
            }
            single = objects.count + errors.count == 1
            return
        }
        if arguments.bool("all"), arguments.has("selector") { throw .message("cannot set --all and --selector at the same time") }
        if arguments.bool("all"), arguments.has("field-selector") { throw .message("cannot set --all and --field-selector at the same time") }
        let fieldText = arguments.value("field-selector") ?? ""
        guard FieldSelector(fieldText) != nil else { throw .raw("error: invalid field selector: '\(fieldText)'") }
        let named = try kubectl.targets(resources, verb: verb)
        for (type, name) in named {
            let scope = type.namespaced ? namespace : nil
            if let name {
                find(type, scope, name, client)
            } else if arguments.bool("all") || arguments.has("selector") || arguments.has("field-selector") {
                let listed = try kubectl.list(type, namespace: arguments.bool("all-namespaces") ? nil : scope,
                                              labelSelector: arguments.value("selector") ?? "", fieldSelector: fieldText)
                objects += listed
            } else {
                throw .raw("error: resource(s) were provided, but no name was specified")
            }
        }
        single = named.count == 1 && named.first?.1 != nil
    }

    private mutating func find(_ type: ResourceType, _ namespace: String?, _ name: String, _ client: Client) {
        if let object = client.get(type, namespace: namespace, name: name).value {
            objects.append(object)
        } else {
            errors.append(Kubectl.serverError(.notFound(type, name)))
        }
    }

    /// `pod/web`, as kubectl names an object in what it prints.
    static func label(_ object: any APIObject) -> String {
        "\(object.type.qualifiedSingular)/\(object.name)"
    }

    /// kubectl's note after a result when nothing was really changed: `(dry run)`, `(server dry run)`.
    static func dryRunSuffix(_ dryRun: String) -> String {
        switch dryRun {
        case "client": return " (dry run)"
        case "server": return " (server dry run)"
        default: return ""
        }
    }
}

extension Kubectl {
    /// Checks `-o` for the commands that print the object they changed (label, annotate, patch).
    static func checkOutputFormat(_ format: String?) throws(KubectlError) {
        guard let format, !["yaml", "json", "name"].contains(format) else { return }
        throw .message("unable to match a printer suitable for the output format \"\(format)\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml")
    }

    /// Prints a changed object as `-o yaml|json|name` asks, or as `pod/web labeled`.
    func printChanged(_ object: any APIObject, format: String?, operation: String) {
        switch format {
        case "name": console.out(ObjectSelection.label(object))
        case let format?: console.out(Printer.render(object, format: format))
        case nil: console.out("\(ObjectSelection.label(object)) \(operation)")
        }
    }
}
