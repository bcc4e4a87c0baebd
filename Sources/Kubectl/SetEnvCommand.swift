import Cluster

/// `kubectl set env (-f FILE | TYPE NAME | TYPE/NAME | TYPE -l SEL | TYPE --all) KEY=VAL ... KEY- [-e KEY=VAL]
/// [-c CONTAINER] [--overwrite=false] [--list] [--from=configmap/NAME|secret/NAME]`.
struct SetEnvCommand: SetSubcommand {
    static let name = "env"
    static let flags: [Arguments.Flag] = PodTemplateEdit.flags + [
        .init("env", short: "e"), .init("containers", short: "c"), .init("overwrite", value: false), .init("list", value: false),
        .init("resolve", value: false), .init("from"), .init("prefix"), .init("keys"),
    ]

    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if arguments.bool("all"), arguments.has("selector") { throw .message("cannot set --all and --selector at the same time") }
        guard let split = SetEnvCommand.split(words) else {
            throw .message("all resources must be specified before environment changes: \(words.joined(separator: " "))")
        }
        let (resources, changes) = split
        if resources.isEmpty, !arguments.has("filename") {
            throw .message("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        let list = arguments.bool("list"), format = arguments.value("output")
        if list, format != nil { throw .message("--list and --output may not be specified together") }
        if arguments.has("keys"), !arguments.has("from") { throw .message("when specifying --keys, a configmap or secret must be provided with --from") }
        var (additions, removals) = try SetEnvCommand.parse(arguments.all("env") + changes)
        if let from = arguments.value("from") {
            additions += try SetEnvCommand.references(from: from, keys: DataSources.slice(arguments.all("keys")),
                                                      prefix: arguments.value("prefix") ?? "", kubectl: kubectl, arguments: arguments)
        }
        try Kubectl.checkOutputFormat(format)
        let overwrite = arguments.value("overwrite").map { $0 == "true" || $0 == "1" } ?? true
        let pattern = arguments.value("containers") ?? "*"
        let selection = try ObjectSelection(resources, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "get")
        defer { for error in selection.errors { kubectl.console.err(error) } }
        let edit = PodTemplateEdit(operation: "env updated", format: format, dryRun: try arguments.dryRun())
        edit.edit(selection.objects, containers: pattern, kubectl: kubectl) { object, containers in
            if !overwrite, let taken = containers.lazy.flatMap({ $0.env ?? [] }).first(where: { old in additions.contains { $0.name == old.name } }) {
                kubectl.console.err("error: \(object.type.plural)/\(object.name) '\(taken.name)' already has a value (\(taken.value ?? "")), and --overwrite is false")
                return false
            }
            for index in containers.indices {
                let updated = SetEnvCommand.updated(containers[index].env ?? [], with: additions, removing: removals)
                containers[index].env = updated.isEmpty ? nil : updated
            }
            guard list else { return true }
            for container in containers { SetEnvCommand.list(container, of: object, kubectl: kubectl) }
            return false
        }
    }

    /// Resource words first, then changes (`KEY=VAL`, `KEY-`); nil when a resource follows a change.
    static func split(_ words: [String]) -> ([String], [String])? {
        let isChange = { (word: String) in word.dropFirst().contains("=") || word.hasSuffix("-") }
        let resources = Array(words.prefix { !isChange($0) })
        let changes = Array(words.dropFirst(resources.count))
        return changes.allSatisfy(isChange) ? (resources, changes) : nil
    }

    /// kubectl's env parser: `KEY=VALUE` to set (a valid name), `KEY-` to remove.
    static func parse(_ specs: [String]) throws(KubectlError) -> ([EnvVar], [String]) {
        var additions: [EnvVar] = [], removals: [String] = []
        for spec in specs {
            if let equals = spec.firstIndex(of: "=") {
                let name = String(spec[..<equals]), value = String(spec[spec.index(after: equals)...])
                let problems = KeyRules.envVarNameProblems(name)
                if !problems.isEmpty { throw .message("\(GoQuote.quote(name)) is not a valid key name: \(problems.joined(separator: ";"))") }
                additions.append(EnvVar(name: name, value: value))
            } else if spec.hasSuffix("-") {
                removals.append(String(spec.dropLast()))
            } else {
                throw .message("unknown environment variable: \(spec)")
            }
        }
        if removals.contains(where: { name in additions.contains { $0.name == name } }) {
            throw .message("can not both modify and remove the same environment variable in the same command")
        }
        return (additions, removals)
    }

    /// `--from=configmap/NAME|secret/NAME`: a variable for each key (or each of `--keys`), named
    /// after the key in capitals with anything but letters, digits and `_` made `_`, its value
    /// a reference to the key. Keys are taken in sorted order; kubectl ranges over a Go map.
    static func references(from: String, keys: [String], prefix: String, kubectl: Kubectl, arguments: Arguments) throws(KubectlError) -> [EnvVar] {
        guard let (type, target) = try kubectl.targets([from], verb: "set env").first, let source = target else {
            throw .message("resource(s) were provided, but no name was specified")
        }
        guard type == ConfigMap.type || type == Secret.type else { return [] }
        let object: any APIObject
        switch kubectl.client.get(type, namespace: kubectl.namespace(arguments), name: source) {
        case .success(let found): object = found
        case .failure(let error): throw .raw(Kubectl.serverError(error))
        }
        let available = (object as? ConfigMap).map { Array(($0.data ?? [:]).keys) } ?? Array(((object as? Secret)?.data ?? [:]).keys)
        let reference = type == ConfigMap.type ? "configMapKeyRef" : "secretKeyRef"
        return available.sorted().filter { keys.isEmpty || keys.contains($0) }.map { key in
            let name = prefix + String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" }).uppercased()
            var variable = EnvVar(name: name, value: nil)
            variable.valueFrom = .object([reference: .object(["name": .string(source), "key": .string(key)])])
            return variable
        }
    }

    /// The variables in place of their old values, new ones appended, removed ones gone.
    static func updated(_ existing: [EnvVar], with additions: [EnvVar], removing removals: [String]) -> [EnvVar] {
        var covered = Set(removals)
        var result: [EnvVar] = []
        for variable in existing where !covered.contains(variable.name) {
            let newer = additions.last { $0.name == variable.name }
            if newer != nil { covered.insert(variable.name) }
            result.append(newer ?? variable)
        }
        for variable in additions where !covered.contains(variable.name) {
            covered.insert(variable.name)
            result.append(variable)
        }
        return result
    }

    /// `--list`: `# Deployment web, container nginx` and then `KEY=VALUE` lines.
    static func list(_ container: Container, of object: any APIObject, kubectl: Kubectl) {
        var lines = ["# \(object.type.kind) \(object.name), container \(container.name)"]
        for variable in container.env ?? [] {
            if let source = variable.valueFrom {
                lines.append("# \(variable.name) from \(reference(source))")
            } else {
                lines.append("\(variable.name)=\(variable.value ?? "")")
            }
        }
        kubectl.console.out(lines.joined(separator: "\n"))
    }

    /// kubectl's words for where a variable's value comes from: `field path metadata.name`.
    static func reference(_ source: JSONValue) -> String {
        func text(_ field: String, _ key: String) -> String { source[field]?[key]?.stringValue ?? "" }
        if source["configMapKeyRef"] != nil { return "configmap \(text("configMapKeyRef", "name")), key \(text("configMapKeyRef", "key"))" }
        if source["secretKeyRef"] != nil { return "secret \(text("secretKeyRef", "name")), key \(text("secretKeyRef", "key"))" }
        if source["fieldRef"] != nil { return "field path \(text("fieldRef", "fieldPath"))" }
        if source["resourceFieldRef"] != nil {
            let container = text("resourceFieldRef", "containerName")
            return "resource \(container.isEmpty ? "" : container + "/")\(text("resourceFieldRef", "resource"))"
        }
        return "invalid valueFrom"
    }
}
