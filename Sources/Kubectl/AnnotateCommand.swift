import Cluster

/// `kubectl annotate [--overwrite] (-f FILE | TYPE NAME | TYPE/NAME | TYPE --all | TYPE -l SEL) KEY=VAL ... KEY-`.
struct AnnotateCommand: KubectlCommand {
    static let name = "annotate"
    static let fieldManager: String? = "kubectl-annotate"
    static let flags = MetadataEdit.flags

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let format = arguments.value("output")
        let dryRun = try arguments.dryRun()
        try Kubectl.checkOutputFormat(format)
        let list = arguments.bool("list")
        if list, format != nil { throw .message("--list and --output may not be specified together") }
        let (resources, pairs) = try MetadataEdit.split(arguments.positionals, noun: "annotation")
        var edit = MetadataEdit(noun: "annotation", field: \.annotations, jsonKey: "annotations") { taken in
            // The change-cause annotation may always be overwritten.
            let found = taken.filter { $0.key != Kubectl.changeCause }.map { "'\($0.key)' already has a value (\($0.value))" }
            return found.isEmpty ? nil : "--overwrite is false but found the following declared annotation(s): " + found.joined(separator: "; ")
        }
        (edit.additions, edit.removals) = try AnnotateCommand.parse(pairs)
        try edit.configure(arguments, resources: resources, list: list)
        let both = edit.removals.filter { edit.additions[$0] != nil }
        if !both.isEmpty {
            throw .message("can not both modify and remove the following annotation(s) in the same command: \(both.joined(separator: ", "))")
        }
        let selection = try ObjectSelection(resources, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "annotate")
        try edit.run(selection, list: list, format: format, dryRun: dryRun, kubectl: kubectl, operation: { _, _ in "annotated" }, printsSent: false)
    }

    /// kubectl's ParsePairs: `key=value` (the value may hold `=`) to add, `key-` to remove.
    static func parse(_ pairs: [String]) throws(KubectlError) -> ([String: String], [String]) {
        var additions: [String: String] = [:], removals: [String] = [], invalid: [String] = []
        for pair in pairs {
            if pair.contains("="), !pair.hasPrefix("="), let equals = pair.firstIndex(of: "=") {
                additions[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            } else if pair.hasSuffix("-"), pair != "-" {
                removals.append(String(pair.dropLast()))
            } else {
                invalid.append(pair)
            }
        }
        if !invalid.isEmpty { throw .message("invalid annotation format: \(invalid.joined(separator: ", "))") }
        return (additions, removals)
    }
}
