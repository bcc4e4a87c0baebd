import Cluster

/// Runs parsed JSONPath nodes over a document as client-go's `JSONPath.FindResults` does: each
/// root node gives one list of results; `range` opens a loop over the results of its action that
/// runs the following nodes once per result until the matching `end`.
struct JSONPathEvaluator {
    private let nodes: [JSONPathNode]
    /// kubectl get's `--allow-missing-template-keys` (true): a missing key gives nothing, not an error.
    private let allowMissingKeys: Bool
    /// client-go's beginRange, inRange and endRange counters, and where the last `end` was.
    private var rangesOpening = 0
    private var rangeDepth = 0
    private var rangesEnding = 0
    private var lastEnd: Int?
    /// Bounds the work a pathological template can ask for (unclosed ranges multiply).
    private var budget = 200_000
    private static let deepestRange = 64

    init(_ nodes: [JSONPathNode], allowMissingKeys: Bool) {
        self.nodes = nodes
        self.allowMissingKeys = allowMissingKeys
    }

    mutating func findResults(_ data: JSONValue) throws(JSONPathError) -> [[JSONValue]] {
        try findResults(data, from: 0)
    }

    private mutating func findResults(_ data: JSONValue, from first: Int) throws(JSONPathError) -> [[JSONValue]] {
        var all: [[JSONValue]] = []
        var index = first
        while index < nodes.count {
            let results = try walk([data], nodes[index])
            if rangesEnding > 0, rangesEnding <= rangeDepth {
                rangesEnding -= 1
                lastEnd = index
                break
            }
            if rangesOpening > 0 {
                rangesOpening -= 1
                rangeDepth += 1
                guard rangeDepth <= JSONPathEvaluator.deepestRange else { throw JSONPathError("ranges nested too deeply") }
                if results.isEmpty {
                    // The body still runs once, on nothing, so that its `end` is found.
                    _ = try findResults(.null, from: index + 1)
                } else {
                    for value in results { all += try findResults(value, from: index + 1) }
                }
                rangeDepth -= 1
                if let lastEnd, lastEnd > index { index = lastEnd }
            } else {
                all.append(results)
            }
            index += 1
        }
        return all
    }

    mutating func walk(_ input: [JSONValue], _ node: JSONPathNode) throws(JSONPathError) -> [JSONValue] {
        budget -= 1
        guard budget > 0 else { throw JSONPathError("template too costly to evaluate") }
        switch node {
        case .list(let nodes): return try walkList(input, nodes)
        case .text(let text): return [.string(text)]
        case .field(let name): return try field(name, of: input)
        case .slice(let slice): return try JSONPathEvaluator.slice(slice, of: input)
        case .filter(let left, let comparison, let right): return try filter(input, left: left, comparison, right: right)
        case .int(let number): return input.map { _ in .int(Int64(number)) }
        case .float(let number): return input.map { _ in .double(number) }
        case .bool(let flag): return input.map { _ in .bool(flag) }
        case .wildcard: return input.flatMap(JSONPathEvaluator.children)
        case .recursive: return JSONPathEvaluator.descendants(of: input)
        case .union(let branches):
            var results: [JSONValue] = []
            for branch in branches { results += try walkList(input, branch) }
            return results
        case .identifier(let name): return try identifier(name, input)
        }
    }

    private mutating func walkList(_ input: [JSONValue], _ nodes: [JSONPathNode]) throws(JSONPathError) -> [JSONValue] {
        var values = input
        for node in nodes { values = try walk(values, node) }
        return values
    }

    private mutating func identifier(_ name: String, _ input: [JSONValue]) throws(JSONPathError) -> [JSONValue] {
        switch name {
        case "range":
            rangesOpening += 1
            return input
        case "end":
            guard rangeDepth > 0 else { throw JSONPathError("not in range, nothing to end") }
            rangesEnding += 1
            return []
        default:
            throw JSONPathError("unrecognized identifier \(name)")
        }
    }

    private func field(_ name: String, of input: [JSONValue]) throws(JSONPathError) -> [JSONValue] {
        guard !input.isEmpty else { return [] }
        let results = input.compactMap { $0[name] }
        if results.isEmpty, !allowMissingKeys { throw JSONPathError("\(name) is not found") }
        return results
    }

    /// `[start:end:step]` over each array, with client-go's bounds checks and messages.
    private static func slice(_ slice: JSONPathSlice, of input: [JSONValue]) throws(JSONPathError) -> [JSONValue] {
        var results: [JSONValue] = []
        for value in input {
            if value == .null { continue }
            guard case .array(let items) = value else { throw JSONPathError("\(goType(value)) is not array or slice") }
            let length = items.count
            var start = slice.start.known ? slice.start.value : 0
            if start < 0 { start &+= length }
            var end = slice.end.known ? slice.end.value : length
            if end < 0 || (end == 0 && slice.end.derived) { end &+= length }
            // Asking for nothing ends the whole selection, as in client-go.
            guard end != start else { return results }
            if start >= length || start < 0 { throw JSONPathError("array index out of bounds: index \(start), length \(length)") }
            if end > length || end < 0 { throw JSONPathError("array index out of bounds: index \(end &- 1), length \(length)") }
            if start > end { throw JSONPathError("starting index \(start) is greater than ending index \(end)") }
            var step = 1
            if slice.step.known {
                guard slice.step.value > 0 else { throw JSONPathError("step must be > 0") }
                step = slice.step.value
            }
            for index in stride(from: start, to: end, by: step) { results.append(items[index]) }
        }
        return results
    }

    /// The elements of each array that pass `left op right`, each side evaluated on the element.
    private mutating func filter(_ input: [JSONValue], left: [JSONPathNode], _ comparison: String,
                                 right: [JSONPathNode]) throws(JSONPathError) -> [JSONValue] {
        var results: [JSONValue] = []
        for value in input {
            guard case .array(let items) = value else {
                throw JSONPathError("\(GoFormat.plain(value)) is not array or slice and cannot be filtered")
            }
            for item in items {
                if comparison == "exists" {
                    if let found = try? walkList([item], left), !found.isEmpty { results.append(item) }
                    continue
                }
                guard let leftValue = try single(walkList([item], left)),
                      let rightValue = try single(walkList([item], right)) else { continue }
                if try JSONPathComparison.holds(leftValue, comparison, rightValue) { results.append(item) }
            }
        }
        return results
    }

    private func single(_ values: [JSONValue]) throws(JSONPathError) -> JSONValue? {
        guard values.count <= 1 else { throw JSONPathError("can only compare one element at a time") }
        return values.first
    }

    /// What `*` yields: an object's values (by key, not Go's random map order), an array's
    /// items, a string's bytes.
    private static func children(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .object(let fields): fields.keys.sorted().compactMap { fields[$0] }
        case .array(let items): items
        case .string(let text): text.utf8.map { .int(Int64($0)) }
        default: []
        }
    }

    /// `..`: every value that has children, itself first, depth first.
    private static func descendants(of input: [JSONValue]) -> [JSONValue] {
        var results: [JSONValue] = []
        for value in input {
            let inside = children(of: value)
            guard !inside.isEmpty else { continue }
            results.append(value)
            results += descendants(of: inside)
        }
        return results
    }

    /// The Go type kubectl names in "... is not array or slice".
    static func goType(_ value: JSONValue) -> String {
        switch value {
        case .object: "map[string]interface {}"
        case .array: "[]interface {}"
        case .string: "string"
        case .int: "int64"
        case .double: "float64"
        case .bool: "bool"
        case .null: "interface {}"
        }
    }
}
