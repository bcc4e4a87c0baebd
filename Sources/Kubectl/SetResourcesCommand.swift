import Cluster

/// `kubectl set resources (-f FILE | TYPE NAME | TYPE/NAME | TYPE -l SEL | TYPE --all)
/// [--limits=cpu=200m,memory=512Mi] [--requests=...] [-c CONTAINER]`.
struct SetResourcesCommand: SetSubcommand {
    static let name = "resources"
    static let flags: [Arguments.Flag] = PodTemplateEdit.flags + [.init("limits"), .init("requests"), .init("containers", short: "c")]

    func run(_ words: [String], arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        if arguments.bool("all"), arguments.has("selector") { throw .message("cannot set --all and --selector at the same time") }
        if words.isEmpty, !arguments.has("filename") {
            throw .noResources
        }
        let limits = try SetResourcesCommand.parse(arguments.value("limits") ?? "")
        let requests = try SetResourcesCommand.parse(arguments.value("requests") ?? "")
        if limits.isEmpty, requests.isEmpty {
            throw .message("you must specify an update to requests or limits (in the form of --requests/--limits)")
        }
        let format = arguments.value("output")
        try Kubectl.checkOutputFormat(format)
        let pattern = arguments.value("containers") ?? "*"
        let selection = try ObjectSelection(words, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "get")
        defer { for error in selection.errors { kubectl.console.err(error) } }
        let edit = PodTemplateEdit(operation: "resource requirements updated", format: format, dryRun: try arguments.dryRun())
        edit.edit(selection.objects, containers: pattern, kubectl: kubectl) { _, containers in
            for index in containers.indices {
                var resources = containers[index].resources ?? ResourceRequirements()
                if !limits.isEmpty { resources.limits = (resources.limits ?? [:]).merging(limits) { $1 } }
                if !requests.isEmpty { resources.requests = (resources.requests ?? [:]).merging(requests) { $1 } }
                containers[index].resources = resources
            }
            return true
        }
    }

    /// `cpu=200m,memory=512Mi` as a resource list; kubectl's messages for a bad one.
    static func parse(_ text: String) throws(KubectlError) -> [String: Quantity] {
        var list: [String: Quantity] = [:]
        for item in text.split(separator: ",") {
            let pieces = item.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2 else {
                throw .message("Invalid argument syntax [\(pieces.joined(separator: " "))], expected <resource>=<value>")
            }
            guard let quantity = Quantity(pieces[1]) else {
                throw .message("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
            }
            list[pieces[0]] = quantity
        }
        return list
    }
}
