import Cluster
import Foundation
import KubeYAML

/// Opens a file in the user's editor and returns once the editor has exited: the one part of
/// `kubectl edit` that reaches outside the simulation, so the frontend provides it.
public protocol Editor {
    func edit(_ path: String) throws(EditorFailure)
}

/// Why the editor could not be run, in kubectl's words (`unable to launch the editor "nano"`).
public struct EditorFailure: Error {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// `kubectl edit TYPE/NAME`: the object's YAML in $EDITOR; on save, a patch of what changed.
/// When the API server rejects the change, the file is reopened with the reasons on top, as
/// kubectl does; saving it unchanged gives up and keeps a copy for `kubectl replace -f`.
struct EditCommand: KubectlCommand {
    static let name = "edit"
    static let fieldManager: String? = "kubectl-edit"
    static let flags: [Arguments.Flag] = [.init("output", short: "o"), .init("selector", short: "l"), .init("record", value: false),
                                          .init("save-config", value: false), .init("filename", short: "f")]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output") ?? "yaml"
        guard format == "yaml" || format == "json" else {
            throw .message("the edit mode doesn't support output the format \"\(format)\"")
        }
        guard let editor = kubectl.editor else {
            throw .message("there is no editor to run: set KUBE_EDITOR or EDITOR (in a script, for example KUBE_EDITOR=\"sed -i s/nginx:1.7.9/nginx:1.9.1/\" kubectl edit deployment mydeploy)")
        }
        let namespace = kubectl.namespace(arguments)
        let client = kubectl.client
        var objects: [any APIObject] = []
        for (type, name) in try kubectl.targets(arguments.positionals, verb: "edit") {
            let scope = type.namespaced ? namespace : nil
            if let name {
                guard let object = client.get(type, namespace: scope, name: name).value else { throw .raw(Kubectl.serverError(.notFound(type, name))) }
                objects.append(object)
            } else {
                objects += try kubectl.list(type, namespace: scope, labelSelector: arguments.value("selector") ?? "")
            }
        }
        guard !objects.isEmpty else { throw .raw("error: edit cancelled, no objects found") }
        let body = Printer.renderList(objects, format: format) + "\n"
        EditSession(kubectl: kubectl, editor: editor, originals: objects, format: format, path: kubectl.scratchFile(prefix: "kubectl-edit-", suffix: format))
            .round(body: body, reasons: [])
    }
}

/// One `kubectl edit`: the originals, the file, and what the last attempt left behind.
final class EditSession {
    let kubectl: Kubectl
    let editor: any Editor
    let originals: [any APIObject]
    let format: String
    let path: String
    /// The first text the editor showed, without comments: saving it unchanged cancels.
    private var original: String?
    /// The edited text of the last attempt the API server rejected, without comments.
    private var rejected: String?

    init(kubectl: Kubectl, editor: any Editor, originals: [any APIObject], format: String, path: String) {
        self.kubectl = kubectl
        self.editor = editor
        self.originals = originals
        self.format = format
        self.path = path
    }

    static let header = """
        # Please edit the object below. Lines beginning with a '#' will be ignored,
        # and an empty file will abort the edit. If an error occurs while saving this file will be
        # reopened with the relevant failures.
        #

        """

    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") }
            .joined(separator: "\n")
    }

    private var console: Console { kubectl.console }

    /// Rounds of editing until one is submitted or given up. A file that does not parse is
    /// reopened with the reason on top, as often as the editor keeps saving new mistakes (a
    /// loop, not recursion); Ctrl-C ends it. A rejected patch comes back here through the
    /// request's completion.
    func round(body: String, reasons: [String]) {
        var next: (body: String, reasons: [String])? = (body, reasons)
        while let (body, reasons) = next {
            if kubectl.cluster.simulation.isInterrupted() { return }
            next = attempt(body: body, reasons: reasons)
        }
    }

    /// Writes the file (the reasons of the last failure on top), runs the editor, and acts on
    /// what was saved; returns the next round when the saved file does not parse.
    private func attempt(body: String, reasons: [String]) -> (body: String, reasons: [String])? {
        let original = self.original ?? EditSession.withoutComments(body)
        self.original = original
        let text = EditSession.header + reasons.map { $0 + "\n" }.joined() + body
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            console.err("error: unable to write \(path): \(error.localizedDescription)")
            return nil
        }
        do {
            try editor.edit(path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            console.err("error: \(error.message)")
            return nil
        }
        guard let saved = try? String(contentsOfFile: path, encoding: .utf8) else {
            console.err("error: unable to read \(path) after editing")
            return nil
        }
        let edited = EditSession.withoutComments(saved)
        if let rejected, rejected == edited {
            giveUp("Edit cancelled, no valid changes were saved.")
            return nil
        }
        if rejected == nil, edited == original {
            try? FileManager.default.removeItem(atPath: path)
            console.err("Edit cancelled, no changes made.")
            return nil
        }
        guard edited.contains(where: { !$0.isWhitespace }) else {
            try? FileManager.default.removeItem(atPath: path)
            console.err("Edit cancelled, saved file was empty.")
            return nil
        }
        let documents: [Manifest.Document]
        do {
            documents = try Manifest.parse(edited, source: path)
        } catch {
            let label = originals.first.map(EditSession.label) ?? "object"
            rejected = edited
            console.err("error: \(label) is invalid")
            return (edited, EditSession.reasons(label, [": Invalid value: \"The edited file failed validation\": \(error.message)"]))
        }
        submit(documents, edited: edited)
        return nil
    }

    /// `deployments.apps "web"`, as kubectl names an object in edit's messages.
    static func label(_ object: any APIObject) -> String { "\(object.type.qualifiedPlural) \"\(object.name)\"" }

    /// The comment block of reasons on top of a reopened file. Every line of a cause is a
    /// comment, so a multi-line one (a YAML error with its excerpt) never leaks into the object.
    static func reasons(_ label: String, _ causes: [String]) -> [String] {
        let lines = causes.flatMap { cause in
            cause.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { $0.offset == 0 ? "# * \($0.element)" : "# \($0.element)" }
        }
        return ["# \(label) was not valid" + (causes.isEmpty ? "" : ":")] + lines + ["#"]
    }

    /// Patches each edited object with what changed; once every answer is in, a rejection
    /// reopens the editor on the objects the API server refused.
    private func submit(_ documents: [Manifest.Document], edited: String) {
        var pending = 0
        var refused: [(JSONValue, [String])] = []
        var keepFile = false
        func finished() {
            pending -= 1
            guard pending == 0 else { return }
            guard !refused.isEmpty else {
                if !keepFile { try? FileManager.default.removeItem(atPath: path) }
                return
            }
            rejected = edited
            round(body: Printer.text(Printer.document(refused.map(\.0)), format: format) + "\n", reasons: refused.flatMap(\.1))
        }
        for document in documents {
            guard case .success(let object) = document.result else {
                if case .failure(let error) = document.result { refused.append((document.source, EditSession.reasons("object", [error.message]))) }
                continue
            }
            guard let original = originals.first(where: { $0.type == object.type && $0.name == object.name
                                                          && ($0.namespace ?? "") == (object.namespace ?? $0.namespace ?? "") }),
                  let originalJSON = try? Codec.json(original.withoutManagedFields().withTypeMeta()) else {
                return giveUp("At least one of apiVersion, kind and name was changed")
            }
            var patch = StrategicMerge.threeWayPatch(lastApplied: originalJSON, desired: document.source, current: originalJSON)
            if case .object(var fields) = patch {
                for key in ["apiVersion", "kind", "status"] { fields[key] = nil }
                patch = .object(fields)
            }
            let label = "\(object.type.qualifiedSingular)/\(object.name)"
            if patch == .object([:]) {
                console.out("\(label) skipped")
                continue
            }
            pending += 1
            let request = APIRequest(verb: .patch, type: object.type, namespace: original.namespace, name: object.name,
                                     patch: patch, patchType: .strategic, user: .kubernetesAdmin)
            kubectl.send(request) { [self] result in
                switch result {
                case .success:
                    console.out("\(label) edited")
                case .failure(let error) where error.reason == "Invalid":
                    console.err("error: \(EditSession.label(original)) is invalid")
                    refused.append((document.source, EditSession.reasons(EditSession.label(original), error.causes)))
                case .failure(let error) where error.reason == "NotFound":
                    keepFile = true
                    console.err("error: \(EditSession.label(original)) could not be found on the server")
                    console.err("The edits you made on deleted resources have been saved to \"\(path)\"")
                case .failure(let error):
                    keepFile = true
                    console.err("error: \(EditSession.label(original)) could not be patched: \(error.message)")
                    console.err("You can run `kubectl replace -f \(path)` to try this update again.")
                }
                finished()
            }
        }
        if pending == 0 {
            pending = 1
            finished()
        }
    }

    private func giveUp(_ message: String) {
        console.err("A copy of your changes has been stored to \"\(path)\"")
        console.err("error: \(message)")
    }
}
