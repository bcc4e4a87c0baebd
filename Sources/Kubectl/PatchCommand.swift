import Cluster
import Foundation
import KubeYAML

/// `kubectl patch (-f FILE | TYPE NAME | TYPE/NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]`.
struct PatchCommand: KubectlCommand {
    static let name = "patch"
    static let fieldManager: String? = "kubectl-patch"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("patch", short: "p"), .init("patch-file"),
        .init("type"), .init("dry-run"), .init("output", short: "o"), .init("subresource"), .init("field-manager"),
    ]
    static let types: [String: PatchType] = ["json": .json, "merge": .merge, "strategic": .strategic]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output")
        let dryRun = try arguments.dryRun()
        let inline = arguments.value("patch") ?? ""
        let file = arguments.value("patch-file") ?? ""
        if !inline.isEmpty, !file.isEmpty { throw .message("cannot specify --patch and --patch-file together") }
        if inline.isEmpty, file.isEmpty { throw .message("must specify --patch or --patch-file containing the contents of the patch") }
        let typeName = arguments.value("type") ?? "strategic"
        guard let patchType = PatchCommand.types[typeName.lowercased()] else {
            throw .message("--type must be one of [json merge strategic], not \(GoQuote.quote(typeName))")
        }
        try Kubectl.checkOutputFormat(format)
        var text = inline
        if !file.isEmpty {
            let path = file.hasPrefix("/") ? file : (kubectl.workingDirectory as NSString).appendingPathComponent(file)
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .message("unable to read patch file: open \(file): no such file or directory")
            }
            text = contents
        }
        let body = try PatchCommand.body(text, typed: inline, type: patchType)
        if arguments.positionals.isEmpty, !arguments.has("filename") {
            throw .noResources
        }
        let selection = try ObjectSelection(arguments.positionals, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "patch")
        defer { for error in selection.errors { kubectl.console.err(error) } }
        if selection.objects.isEmpty, selection.errors.isEmpty { throw .message("no objects passed to patch") }
        let suffix = ObjectSelection.dryRunSuffix(dryRun)
        for object in selection.objects {
            let before = try? Codec.json(object.withTypeMeta())
            func operation(_ after: any APIObject) -> String {
                ((try? Codec.json(after.withTypeMeta())) == before ? "patched (no change)" : "patched") + suffix
            }
            if dryRun == "client" {
                do {
                    let patched = try PatchCommand.applying(body, type: patchType, to: object)
                    kubectl.printChanged(patched, format: format, operation: operation(patched))
                } catch {
                    kubectl.report(error, verb: "patch")
                }
                continue
            }
            let request = APIRequest(verb: .patch, type: object.type, namespace: object.namespace, name: object.name,
                                     subresource: arguments.value("subresource"), patch: body, patchType: patchType,
                                     user: .kubernetesAdmin, dryRun: dryRun == "server")
            kubectl.send(request) { result in
                switch result {
                case .success(let patched): kubectl.printChanged(patched, format: format, operation: operation(patched))
                case .failure(let error): kubectl.console.err(Kubectl.serverError(error))
                }
            }
        }
    }

    /// kubectl's YAML-to-JSON step (JSON is YAML): a patch that does not parse is
    /// `unable to parse "PATCH": yaml: ...`, quoting the `-p` text (empty for a patch file).
    static func body(_ text: String, typed: String, type: PatchType) throws(KubectlError) -> JSONValue {
        let value: JSONValue
        do {
            value = try Manifest.parse(text, source: "patch").first?.source ?? .null
        } catch {
            let detail = error.message.components(separatedBy: "error converting YAML to JSON: ").last ?? error.message
            throw .message("unable to parse \(GoQuote.quote(typed)): \(detail.split(separator: "\n").first.map(String.init) ?? detail)")
        }
        // An empty document is JSON null, which the server reads as a patch that changes nothing.
        if value == .null { return type == .json ? .array([]) : .object([:]) }
        return value
    }

    /// The object with the patch applied by kubectl itself (`--dry-run=client`), or kubectl's error.
    static func applying<Object: APIObject>(_ patch: JSONValue, type: PatchType, to object: Object) throws(KubectlError) -> Object {
        guard let original = try? Codec.json(object.withTypeMeta()) else { throw .message("unable to encode \(ObjectSelection.label(object))") }
        let patched: JSONValue
        switch type {
        case .json:
            do { patched = try JSONPatch.apply(patch, to: original) } catch { throw .message(error.message) }
        case .merge:
            patched = original.mergePatched(with: patch)
        case .strategic:
            do { patched = try StrategicMerge.apply(patch, to: original) } catch { throw .message(error.message) }
        case .apply:
            // Only the server merges apply patches (`kubectl apply --server-side`).
            throw .message("--type must be one of [json merge strategic], not \"apply\"")
        }
        do {
            return try Codec.decode(Object.self, from: patched)
        } catch {
            throw .message(Codec.describe(error, kind: object.type.kind))
        }
    }
}
