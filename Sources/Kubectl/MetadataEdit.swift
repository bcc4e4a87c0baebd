import Cluster

/// What `kubectl label` and `kubectl annotate` share: `KEY=VALUE` and `KEY-` words after the
/// resources, the change to one metadata map of each object, sent as a JSON merge patch of just
/// what changed (kubectl's CreateMergePatch), and `--list`.
struct MetadataEdit {
    /// `label` or `annotation`, as kubectl's messages name a pair.
    let noun: String
    let field: WritableKeyPath<ObjectMeta, [String: String]?>
    /// The field's name in the object's JSON.
    let jsonKey: String
    var additions: [String: String] = [:]
    var removals: [String] = []
    var overwrite = false
    /// `--resource-version`: the patch carries it, so the server refuses a newer object.
    var resourceVersion: String?
    /// The error kubectl gives when keys already have values and `--overwrite` is not set, if any.
    let overwriteError: (_ taken: [(key: String, value: String)]) -> String?

    /// The flags label and annotate take.
    static let flags: [Arguments.Flag] = ObjectSelection.flags + [
        .init("overwrite", value: false), .init("list", value: false), .init("resource-version"), .init("dry-run"),
        .init("output", short: "o"), .init("field-manager"),
    ]

    /// After the pairs are parsed: kubectl's checks that resources are named and something is to
    /// change (or listed), then `--overwrite` and `--resource-version`.
    mutating func configure(_ arguments: Arguments, resources: [String], list: Bool) throws(KubectlError) {
        if resources.isEmpty, !arguments.has("filename") {
            throw .message("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if additions.isEmpty, removals.isEmpty, !list { throw .message("at least one \(noun) update is required") }
        overwrite = arguments.bool("overwrite")
        resourceVersion = arguments.value("resource-version").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// kubectl's GetResourcesAndPairs: the resources come first, then the pairs.
    static func split(_ words: [String], noun: String) throws(KubectlError) -> (resources: [String], pairs: [String]) {
        var resources: [String] = [], pairs: [String] = []
        for word in words {
            let isPair = (word.contains("=") && !word.hasPrefix("=")) || (word.hasSuffix("-") && word != "-")
            if isPair {
                pairs.append(word)
            } else if !pairs.isEmpty {
                throw .message("all resources must be specified before \(noun) changes: \(word)")
            } else {
                resources.append(word)
            }
        }
        return (resources, pairs)
    }

    /// The object's map after the edit, or kubectl's error when it would overwrite without `--overwrite`.
    func edited(_ map: [String: String]?) throws(KubectlError) -> [String: String] {
        var result = map ?? [:]
        if !overwrite {
            let taken = additions.keys.sorted().compactMap { key in result[key].map { (key: key, value: $0) } }
            if !taken.isEmpty, let error = overwriteError(taken) { throw .message(error) }
        }
        for (key, value) in additions { result[key] = value }
        for key in removals { result[key] = nil }
        return result
    }

    /// The JSON merge patch from the old map to the new: changed keys, and null for removed ones.
    func mergePatch(from old: [String: String], to new: [String: String]) -> JSONValue {
        var changes: [String: JSONValue] = [:]
        for (key, value) in new where old[key] != value { changes[key] = .string(value) }
        for key in old.keys where new[key] == nil { changes[key] = .null }
        var metadata: [String: JSONValue] = changes.isEmpty ? [:] : [jsonKey: .object(changes)]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        return metadata.isEmpty ? .object([:]) : .object(["metadata": .object(metadata)])
    }

    /// Runs the edit on every selected object. `operation` names what happened to one object
    /// (`labeled`, `not labeled`); `printsSent` prints the object as kubectl changed it rather than
    /// as the server answered (label does, annotate does not).
    func run(_ selection: ObjectSelection, list: Bool, format: String?, dryRun: String, kubectl: Kubectl,
             operation: @escaping (_ old: [String: String]?, _ new: [String: String]) -> String, printsSent: Bool) throws(KubectlError) {
        if resourceVersion != nil, !selection.single { throw .message("--resource-version may only be used with a single resource") }
        for object in selection.objects {
            let old = object.metadata[keyPath: field]
            let new: [String: String]
            do {
                new = try edited(old)
            } catch {
                kubectl.report(error, verb: noun == "label" ? "label" : "annotate")
                continue
            }
            var changed = object
            changed.metadata[keyPath: field] = new
            if let resourceVersion { changed.metadata.resourceVersion = resourceVersion }
            if list {
                listMap(new, of: object, heading: !selection.single, kubectl: kubectl)
                continue
            }
            let done = operation(old, new) + ObjectSelection.dryRunSuffix(dryRun)
            if dryRun == "client" {
                kubectl.printChanged(changed, format: format, operation: done)
                continue
            }
            let request = APIRequest(verb: .patch, type: object.type, namespace: object.namespace, name: object.name,
                                     patch: mergePatch(from: old ?? [:], to: new), patchType: .merge, user: .kubernetesAdmin,
                                     dryRun: dryRun == "server")
            kubectl.send(request) { result in
                switch result {
                case .success(let answered): kubectl.printChanged(printsSent ? changed : answered, format: format, operation: done)
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
        for error in selection.errors { kubectl.console.err(error) }
    }

    /// `--list`: the map as `key=value` lines, sorted; under `Listing labels for Pod./web:` when
    /// several objects are listed.
    private func listMap(_ map: [String: String], of object: any APIObject, heading: Bool, kubectl: Kubectl) {
        let indent = heading ? " " : ""
        if heading { kubectl.console.out("Listing \(noun)s for \(object.type.kind).\(object.type.group)/\(object.name):") }
        for key in map.keys.sorted() { kubectl.console.out("\(indent)\(key)=\(map[key] ?? "")") }
    }
}
