import Cluster

/// `kubectl wait (TYPE NAME | TYPE/NAME | -f FILE | TYPE -l SEL | TYPE --all) --for=delete|condition=C[=V]|jsonpath='{...}'[=V]
/// [--timeout=30s]`. The wait runs the simulation forward in virtual time, from one scheduled
/// step to the next, until every object meets the condition or the timeout (shared by all the
/// objects, as kubectl's is) passes. In step mode, where time does not run on its own, it checks once.
struct WaitCommand: KubectlCommand {
    static let name = "wait"
    static let flags: [Arguments.Flag] = ObjectSelection.flags + [.init("for"), .init("timeout"), .init("output", short: "o")]

    /// What `--for` asks of one object.
    enum Condition {
        case delete
        /// A `.status.conditions[]` entry of this type with this status (both compared ignoring case).
        case condition(type: String, status: String)
        /// The JSONPath's value is this text, or, without one, the path has a value.
        case jsonPath(JSONPathTemplate, value: String?)
    }

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let condition = try WaitCommand.condition(arguments.value("for") ?? "")
        var timeout = try GoDuration.flag(arguments, "timeout", default: 30_000)
        if timeout < 0 { timeout = 7 * 86_400_000 }
        let format = arguments.value("output")
        try Kubectl.checkOutputFormat(format)
        let selection = try ObjectSelection(arguments.positionals, arguments: arguments, kubectl: kubectl, stdin: stdin, verb: "wait")
        let simulation = kubectl.cluster.simulation
        let deadline = simulation.now.addingReportingOverflow(kubectl.mayWait ? timeout : 0).partialValue
        var waitForDelete = false
        if case .delete = condition { waitForDelete = true }
        for object in selection.objects {
            while true {
                let current = kubectl.client.get(object.type, namespace: object.namespace, name: object.name).value
                if WaitCommand.met(condition, object: object, current: current) {
                    kubectl.printChanged(current ?? object, format: format, operation: "condition met")
                    break
                }
                guard simulation.now < deadline else {
                    throw .message("timed out waiting for the condition on \(object.type.plural)/\(object.name)")
                }
                // Ctrl-C: kubectl dies of the signal and prints nothing more.
                if simulation.isInterrupted() { return }
                // On to the next step due (or the deadline): nothing can change in between.
                let next = min(simulation.nextItem?.time ?? deadline, deadline)
                simulation.advance(by: max(next - simulation.now, 1))
            }
        }
        // A delete waits for nothing when there is nothing; missing objects are what it wanted.
        if !waitForDelete {
            for error in selection.errors { kubectl.console.err(error) }
            if selection.objects.isEmpty, selection.errors.isEmpty { throw .message("no matching resources found") }
        }
    }

    /// Reads `--for`, with kubectl's errors for what it does not understand.
    static func condition(_ text: String) throws(KubectlError) -> Condition {
        if text.lowercased() == "delete" { return .delete }
        if text.hasPrefix("condition=") {
            let body = text.dropFirst("condition=".count)
            guard let equals = body.firstIndex(of: "=") else { return .condition(type: String(body), status: "true") }
            return .condition(type: String(body[..<equals]), status: String(body[body.index(after: equals)...]))
        }
        if text.hasPrefix("jsonpath=") {
            let parts = text.dropFirst("jsonpath=".count).split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2 else {
                throw .message("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'")
            }
            let template = try JSONPathTemplate(try relaxed(parts[0]))
            guard parts.count == 2 else { return .jsonPath(template, value: nil) }
            guard !parts[1].isEmpty else { throw .message("jsonpath wait has to have a value after equal sign") }
            return .jsonPath(template, value: parts[1])
        }
        throw .message("unrecognized condition: \(GoQuote.quote(text))")
    }

    /// kubectl's relaxed JSONPath: `{.a.b}`, `{a.b}`, `.a.b` and `a.b` all mean `{.a.b}`.
    static func relaxed(_ path: String) throws(KubectlError) -> String {
        var body = Substring(path)
        let braced = body.hasPrefix("{") && body.hasSuffix("}") && body.count >= 2
        if braced { body = body.dropFirst().dropLast() }
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else {
            throw .message("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        return "{.\(body)}"
    }

    /// Whether the object meets the condition; `current` is the object as it stands now (nil when gone).
    static func met(_ condition: Condition, object: any APIObject, current: (any APIObject)?) -> Bool {
        guard let current, current.metadata.uid == object.metadata.uid else {
            if case .delete = condition { return true }
            return false
        }
        guard let json = try? Codec.json(current) else { return false }
        switch condition {
        case .delete:
            return false
        case .condition(let type, let status):
            guard case .array(let conditions)? = json["status"]?["conditions"],
                  let found = conditions.first(where: { $0["type"]?.stringValue?.lowercased() == type.lowercased() }) else { return false }
            // A condition about an older generation of the spec does not count yet.
            if case .int(let generation)? = json["metadata"]?["generation"],
               case .int(let observed)? = found["observedGeneration"] ?? json["status"]?["observedGeneration"], observed < generation {
                return false
            }
            return found["status"]?.stringValue?.lowercased() == status.lowercased()
        case .jsonPath(let template, let value):
            guard let text = try? template.render(json) else { return false }
            return value.map { text == $0 } ?? !text.isEmpty
        }
    }
}
