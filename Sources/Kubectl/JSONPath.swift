import Cluster

/// A JSONPath template (`{.items[*].metadata.name}`) parsed and run as client-go's
/// k8s.io/client-go/util/jsonpath does; the printers, custom columns and --sort-by share it.
struct JSONPath {
    let template: String
    private let nodes: [JSONPathNode]

    init(_ template: String) throws(JSONPathError) {
        self.template = template
        nodes = try JSONPathParser.parse(template)
    }

    /// One list of values per piece of the template: client-go's FindResults.
    func results(in document: JSONValue, allowMissingKeys: Bool = true) throws(JSONPathError) -> [[JSONValue]] {
        var evaluator = JSONPathEvaluator(nodes, allowMissingKeys: allowMissingKeys)
        return try evaluator.findResults(JSONPath.decoded(document))
    }

    /// What `-o jsonpath` prints: the values of each piece separated by spaces.
    func text(of document: JSONValue) throws(JSONPathError) -> String {
        try results(in: document).map { $0.map(JSONPath.text).joined(separator: " ") }.joined()
    }

    /// What `-o jsonpath-as-json` prints: each piece's values as an indented JSON array.
    func json(of document: JSONValue) throws(JSONPathError) -> String {
        try results(in: document).map { JSONValue.array($0).render() + "\n" }.joined()
    }

    /// One value as kubectl prints it: objects and arrays as compact JSON, null as `null`.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .object, .array: value.render(indent: "")
        case .null: "null"
        default: GoFormat.plain(value)
        }
    }

    /// A document as kubectl's unstructured decoder gives it to jsonpath: a whole number is an
    /// int64, whatever type built it.
    static func decoded(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number.rounded() == number && abs(number) < 9.2e18: .int(Int64(number))
        case .array(let items): .array(items.map(decoded))
        case .object(let fields): .object(fields.mapValues(decoded))
        default: value
        }
    }

    /// kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}`
    /// and `{.metadata.name}` all become `{.metadata.name}`; an empty path stays empty.
    static func relaxed(_ expression: String) throws(JSONPathError) -> String {
        guard !expression.isEmpty else { return expression }
        var body = Substring(expression)
        if body.hasPrefix("{"), body.hasSuffix("}"), body.count >= 2 { body = body.dropFirst().dropLast() }
        if body.hasPrefix("."), body.count > 1 { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else {
            throw JSONPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        return "{.\(body)}"
    }
}

/// `kubectl get -o jsonpath=TEMPLATE`: the template and the errors kubectl prints for it.
public struct JSONPathTemplate {
    private let path: JSONPath

    public init(_ template: String) throws(KubectlError) {
        do {
            path = try JSONPath(template)
        } catch {
            throw .message("error parsing jsonpath \(template), \(error.message)")
        }
    }

    /// What `kubectl get -o jsonpath` prints for `document`; a missing key prints nothing.
    public func render(_ document: JSONValue) throws(KubectlError) -> String {
        do {
            return try path.text(of: document)
        } catch {
            throw failure(error, document)
        }
    }

    /// What `-o jsonpath-as-json` prints.
    func renderJSON(_ document: JSONValue) throws(KubectlError) -> String {
        do {
            return try path.json(of: document)
        } catch {
            throw failure(error, document)
        }
    }

    /// kubectl's message for a template that fails on the document, with the document dumped as
    /// Go prints it.
    private func failure(_ error: JSONPathError, _ document: JSONValue) -> KubectlError {
        let template = path.template
        return .message("error executing jsonpath \(GoQuote.quote(template)): Error executing template: \(error.message). "
            + "Printing more information for debugging the template:\n\ttemplate was:\n\t\t\(template)\n"
            + "\tobject given to jsonpath engine was:\n\t\t\(GoFormat.syntax(JSONPath.decoded(document)))\n\n\n")
    }
}
