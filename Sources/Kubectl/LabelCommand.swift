import Cluster

/// `kubectl label [--overwrite] (-f FILE | TYPE NAME | TYPE/NAME | TYPE --all | TYPE -l SEL) KEY=VAL ... KEY-`.
struct LabelCommand: KubectlCommand {
    static let name = "label"
    static let fieldManager: String? = "kubectl-label"
    static let flags = MetadataEdit.flags

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output")
        let dryRun = try arguments.dryRun()
        let (resources, pairs) = try MetadataEdit.split(arguments.positionals, noun: "label")
        var edit = MetadataEdit(noun: "label", field: \.labels, jsonKey: "labels") { taken in
            let errors = taken.map { "'\($0.key)' already has a value (\($0.value)), and --overwrite is false" }
            return errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        }
        (edit.additions, edit.removals) = try LabelCommand.parse(pairs)
        let list = arguments.bool("list")
        if list, format != nil { throw .message("--list and --output may not be specified together") }
        try edit.configure(arguments, resources: resources, list: list)
        try Kubectl.checkOutputFormat(format)
        let selection = try ObjectSelection(resources, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "label")
        if !list, dryRun != "client" {
            // kubectl says so for each key it was asked to remove that the object does not have.
            for object in selection.objects {
                for key in edit.removals where object.labels[key] == nil { kubectl.console.out("label \"\(key)\" not found.") }
            }
        }
        let overwrite = edit.overwrite
        try edit.run(selection, list: list, format: format, dryRun: dryRun, kubectl: kubectl, operation: { old, new in
            LabelCommand.operation(old: old, new: new, overwrite: overwrite)
        }, printsSent: true)
    }

    /// kubectl's parseLabels: `key=value` (one `=`, a valid value) to add, `key-` to remove.
    static func parse(_ pairs: [String]) throws(KubectlError) -> ([String: String], [String]) {
        var additions: [String: String] = [:], removals: [String] = []
        for pair in pairs {
            if pair.contains("=") {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { throw .message("invalid label spec: \(pair)") }
                let problems = NameRules.labelValueProblems(parts[1])
                if !problems.isEmpty {
                    throw .message("invalid label value: \(GoQuote.quote(pair)): \(problems.joined(separator: ";"))")
                }
                additions[parts[0]] = parts[1]
            } else if pair.hasSuffix("-") {
                removals.append(String(pair.dropLast()))
            } else {
                throw .message("unknown label spec: \(pair)")
            }
        }
        if removals.contains(where: { additions[$0] != nil }) { throw .message("can not both modify and remove a label in the same command") }
        return (additions, removals)
    }

    /// `labeled`, `not labeled` when the labels are as they were, or `unlabeled` when, without
    /// `--overwrite`, the object became shorter (kubectl compares the lengths of its JSON).
    static func operation(old: [String: String]?, new: [String: String], overwrite: Bool) -> String {
        guard old != new else { return "not labeled" }
        func length(_ labels: [String: String]?) -> Int {
            labels.map { JSONValue.object($0.mapValues(JSONValue.string)).render(indent: "").utf8.count + #","labels":"#.utf8.count } ?? 0
        }
        return !overwrite && length(new) < length(old) ? "unlabeled" : "labeled"
    }
}
