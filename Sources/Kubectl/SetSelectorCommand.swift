import Cluster

/// `kubectl set selector (-f FILE | TYPE NAME | TYPE/NAME) KEY=VALUE[,KEY=VALUE]`: replaces a
/// Service's selector (the only kind kubectl sets one on).
struct SetSelectorCommand: SetSubcommand {
    static let name = "selector"
    static let flags: [Arguments.Flag] = [
        .init("filename", short: "f"), .init("recursive", short: "R", value: false), .init("all", value: false),
        .init("resource-version"), .init("dry-run"), .init("output", short: "o"), .init("field-manager"),
    ]

    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let expression = words.last else { throw .message("one selector is required") }
        let resources = Array(words.dropLast())
        if resources.isEmpty, !arguments.has("filename") {
            throw .noResources
        }
        let labels = try Arguments.labels(expression) ?? [:]
        let format = arguments.value("output")
        try Kubectl.checkOutputFormat(format)
        let selection = try ObjectSelection(resources, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "get")
        defer { for error in selection.errors { kubectl.console.err(error) } }
        let edit = PodTemplateEdit(operation: "selector updated", format: format, dryRun: try arguments.dryRun())
        for object in selection.objects {
            guard let service = object as? Service else {
                kubectl.console.err("error: setting a selector is only supported for Services")
                continue
            }
            let old = service.spec.selector ?? [:]
            guard old != labels else { continue }
            // A merge patch merges maps: keys the new selector drops are sent as null.
            var selectorPatch = labels.mapValues(JSONValue.string)
            for key in old.keys where labels[key] == nil { selectorPatch[key] = .null }
            var metadata: [String: JSONValue] = [:]
            if let version = arguments.value("resource-version"), !version.isEmpty { metadata["resourceVersion"] = .string(version) }
            var patch: [String: JSONValue] = ["spec": .object(["selector": .object(selectorPatch)])]
            if !metadata.isEmpty { patch["metadata"] = .object(metadata) }
            edit.send(.object(patch), to: object, kubectl: kubectl)
        }
    }
}
