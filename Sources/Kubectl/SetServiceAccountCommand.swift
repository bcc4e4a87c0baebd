import Cluster

/// `kubectl set serviceaccount (-f FILE | TYPE NAME | TYPE/NAME | TYPE --all) SERVICE_ACCOUNT`:
/// sets the pod template's `serviceAccountName`.
struct SetServiceAccountCommand: SetSubcommand {
    static let name = "serviceaccount"
    static let aliases = ["sa"]
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("all", value: false),
        .init("record", value: false), .init("dry-run"), .init("output", short: "o"), .init("field-manager"),
    ]

    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let account = words.last else { throw .message("serviceaccount is required") }
        let resources = Array(words.dropLast())
        if resources.isEmpty, !arguments.has("filename") {
            throw .noResources
        }
        let format = arguments.value("output")
        try Kubectl.checkOutputFormat(format)
        let selection = try ObjectSelection(resources, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "get")
        defer { for error in selection.errors { kubectl.console.err(error) } }
        let edit = PodTemplateEdit(operation: "serviceaccount updated", format: format, dryRun: try arguments.dryRun())
        for object in selection.objects {
            guard let spec = PodTemplateEdit.spec(of: object) else {
                kubectl.console.err("error: \(object.type.plural)/\(object.name) does not have a pod template")
                continue
            }
            guard spec.serviceAccountName != account else { continue }
            var patch = PodTemplateEdit.patch(object.type, fields: ["serviceAccountName": .string(account)])
            if arguments.bool("record"), case .object(var fields) = patch {
                fields["metadata"] = .object(["annotations": .object([Kubectl.changeCause: .string(kubectl.commandLine)])])
                patch = .object(fields)
            }
            edit.send(patch, to: object, kubectl: kubectl)
        }
    }
}
