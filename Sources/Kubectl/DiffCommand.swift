import Cluster
import Foundation
import KubeYAML
import Shell

/// `kubectl diff -f FILE`: the live objects against the objects as they would be after
/// `kubectl apply` (the API server's dry run: defaulting, admission and validation, nothing
/// stored), as `diff -u -N` prints the two directories of YAML files kubectl writes. Exit status 0
/// when nothing would change, 1 when something would, 2 on an error.
struct DiffCommand: KubectlCommand {
    static let name = "diff"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("selector", short: "l"),
        .init("server-side", value: false), .init("force-conflicts", value: false), .init("field-manager"),
        .init("prune", value: false), .init("prune-allowlist"), .init("show-managed-fields", value: false),
        .init("concurrency"), .init("kustomize", short: "k"),
    ]
    static let errorStatus: Int32? = 2

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if arguments.has("kustomize") { throw .message("kubectl diff -k is not simulated in stepkube; diff the files with -f") }
        if arguments.bool("force-conflicts"), !arguments.bool("server-side") { throw .message("--force-conflicts only works with --server-side") }
        guard arguments.positionals.isEmpty else { throw .usage("Unexpected args: [\(arguments.positionals.joined(separator: " "))]") }
        if arguments.bool("prune") { throw .message("kubectl diff --prune is not simulated in stepkube; kubectl apply --prune --dry-run=server lists what would go") }
        let documents = try kubectl.readManifests(arguments, stdin: stdin)
        let selector = try arguments.value("selector").map(Selector.parseForFiles)
        var objects: [(any APIObject, JSONValue)] = []
        for document in documents {
            switch document.result {
            case .failure(let error): throw .raw(error.message)
            case .success(let object): if selector?.matches(object.labels) ?? true { objects.append((object, document.source)) }
            }
        }
        let keepManagedFields = arguments.bool("show-managed-fields")
        var live: [String: String] = [:], merged: [String: String] = [:]
        for (object, source) in objects {
            let namespace = object.type.namespaced ? object.metadata.namespace ?? kubectl.namespace(arguments) : ""
            let file = DiffCommand.fileName(object.type, namespace: namespace, name: object.name)
            let current = kubectl.client.get(object.type, namespace: namespace, name: object.name).value
            let after = try DiffCommand.merged(object, source: source, arguments: arguments, kubectl: kubectl)
            live[file] = current.map { DiffCommand.yaml($0, keepManagedFields: keepManagedFields) }
            merged[file] = DiffCommand.yaml(after, keepManagedFields: keepManagedFields)
        }
        let output = DiffCommand.diff(live: live, merged: merged, kubectl: kubectl)
        if !output.isEmpty { kubectl.console.out(String(output.dropLast())) }
        kubectl.console.exit(output.isEmpty ? 0 : 1)
    }

    /// The object as the API server would store it if applied: its answer to a dry run, which
    /// stores nothing and leaves no step.
    private static func merged(_ object: any APIObject, source: JSONValue, arguments: Arguments, kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        let client = kubectl.client
        let request: APIRequest
        if arguments.bool("server-side") {
            throw .message("kubectl diff --server-side is not simulated yet")
        } else {
            switch ApplyCommand.plan(object, source: source, namespace: kubectl.namespace(arguments), client: client, dryRun: true) {
            case .unchanged(let current): return current
            case .create(let create): request = create
            case .patch(let patch, _): request = patch
            }
        }
        switch client.server.handle(request).result {
        case .success(let result): return result
        case .failure(let error): throw .raw(Kubectl.serverError(error))
        }
    }

    /// kubectl's name for an object's file: `apps.v1.Deployment.default.web`, `v1.Namespace..dev`.
    static func fileName(_ type: ResourceType, namespace: String, name: String) -> String {
        "\(type.group.isEmpty ? "" : type.group + ".")\(type.version).\(type.kind).\(namespace).\(name)"
    }

    /// The object as kubectl writes it to its file: YAML, without managedFields unless asked.
    private static func yaml(_ object: any APIObject, keepManagedFields: Bool) -> String {
        var value = (try? Codec.json(object.withTypeMeta())) ?? .null
        if !keepManagedFields, case .object(var fields) = value, case .object(var metadata)? = fields["metadata"] {
            metadata["managedFields"] = nil
            fields["metadata"] = .object(metadata)
            value = .object(fields)
        }
        return Manifest.yaml(value)
    }

    /// What `diff -u -N LIVE-DIR MERGED-DIR` prints: for each file that differs, in name order, the
    /// command line and the unified diff; a file that is missing is empty and dated 1970.
    private static func diff(live: [String: String], merged: [String: String], kubectl: Kubectl) -> String {
        let liveDirectory = kubectl.scratchName(prefix: "LIVE-"), mergedDirectory = kubectl.scratchName(prefix: "MERGED-")
        let now = kubectl.cluster.server.now
        func date(_ exists: Bool) -> String {
            let stamp = (exists ? now : Timestamp(seconds: 0)).rfc3339.replacingOccurrences(of: "T", with: " ")
            return "\t" + stamp.dropLast() + ".000000000 +0000"
        }
        var output = ""
        for file in Set(live.keys).union(merged.keys).sorted() {
            let old = "\(liveDirectory)/\(file)", new = "\(mergedDirectory)/\(file)"
            let text = Diff.unified(lines(live[file]), lines(merged[file]), labels: (old + date(live[file] != nil), new + date(merged[file] != nil)))
            if !text.isEmpty { output += "diff -u -N \(old) \(new)\n" + text }
        }
        return output
    }

    private static func lines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map(String.init)
    }
}
