import Cluster
import Foundation

/// What the `kubectl set` commands share: finding the pod spec inside a workload, choosing its
/// containers with `-c`, and sending the change as one merge patch, printed as kubectl prints it
/// (`deployment.apps/web env updated`). A change that changes nothing sends and prints nothing.
struct PodTemplateEdit {
    let operation: String
    let format: String?
    let dryRun: String

    /// The flags every `set` subcommand that edits objects takes.
    static let flags: [Arguments.Flag] = ObjectSelection.flags + [
        .init("dry-run"), .init("output", short: "o"), .init("field-manager"),
    ]

    /// The JSON keys from an object down to its pod spec; nil for a kind without one.
    static func specPath(_ type: ResourceType) -> [String]? {
        switch type.kind {
        case "Pod": return ["spec"]
        case "CronJob": return ["spec", "jobTemplate", "spec", "template", "spec"]
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController": return ["spec", "template", "spec"]
        default: return nil
        }
    }

    /// The object's pod spec, or nil when its kind has none.
    static func spec(of object: any APIObject) -> PodSpec? {
        guard let path = specPath(object.type), var value = try? Codec.json(object) else { return nil }
        for key in path { value = value[key] ?? .null }
        return try? Codec.decode(PodSpec.self, from: value)
    }

    /// For each object: the containers `pattern` (`-c`) chooses handed to `change`, and what it
    /// changed sent as one patch. An object without a pod template or a matching container is
    /// reported and passed over, as is one for which `change` returns false (having said why).
    func edit(_ objects: [any APIObject], containers pattern: String, kubectl: Kubectl,
              change: (any APIObject, inout [Container]) -> Bool) {
        for object in objects {
            guard let spec = Self.spec(of: object) else {
                kubectl.console.err("error: \(object.type.plural)/\(object.name) does not have a pod template")
                continue
            }
            var containers = Self.select(spec, pattern: pattern)
            if containers.isEmpty {
                kubectl.console.warn(Self.noMatch(object, pattern: pattern))
                continue
            }
            guard change(object, &containers) else { continue }
            let fields = Self.containerFields(spec, edited: containers)
            guard fields != Self.containerFields(spec, edited: []) else { continue }
            send(Self.patch(object.type, fields: fields), to: object, kubectl: kubectl)
        }
    }

    /// The containers `-c PATTERN` chooses (a shell glob, `*` by default), init containers last.
    private static func select(_ spec: PodSpec, pattern: String) -> [Container] {
        (spec.containers + (spec.initContainers ?? [])).filter { fnmatch(pattern, $0.name, 0) == 0 }
    }

    /// A merge patch that sets `fields` of the pod spec of a `type`.
    static func patch(_ type: ResourceType, fields: [String: JSONValue]) -> JSONValue {
        (specPath(type) ?? []).reversed().reduce(JSONValue.object(fields)) { inner, key in .object([key: inner]) }
    }

    /// `spec.containers` and `spec.initContainers` with the edited containers put back in place.
    private static func containerFields(_ spec: PodSpec, edited: [Container]) -> [String: JSONValue] {
        func replaced(_ list: [Container]) -> JSONValue {
            (try? Codec.json(list.map { container in edited.first { $0.name == container.name } ?? container })) ?? .null
        }
        var fields = ["containers": replaced(spec.containers)]
        if let initContainers = spec.initContainers { fields["initContainers"] = replaced(initContainers) }
        return fields
    }

    /// `warning: Deployment/web does not have any containers matching "db"`.
    private static func noMatch(_ object: any APIObject, pattern: String) -> String {
        "warning: \(object.type.kind)/\(object.name) does not have any containers matching \(GoQuote.quote(pattern))"
    }

    /// Sends `patch` for `object` (or applies it here for `--dry-run=client`) and prints the result.
    func send(_ patch: JSONValue, to object: any APIObject, kubectl: Kubectl) {
        if dryRun == "client" {
            do {
                kubectl.printChanged(try PatchCommand.applying(patch, type: .merge, to: object), format: format, operation: operation + " (dry run)")
            } catch {
                kubectl.report(error, verb: "set")
            }
            return
        }
        let request = APIRequest(verb: .patch, type: object.type, namespace: object.namespace, name: object.name, patch: patch,
                                 patchType: .merge, user: .kubernetesAdmin, dryRun: dryRun == "server")
        let operation = operation + ObjectSelection.dryRunSuffix(dryRun)
        kubectl.send(request) { [format] result in
            switch result {
            case .success(let updated): kubectl.printChanged(updated, format: format, operation: operation)
            case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
            }
        }
    }
}
