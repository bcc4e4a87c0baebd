import KubeModel

/// RFC 6902 JSON patch, as `kubectl patch --type json` sends it: a list of `add`, `remove`,
/// `replace`, `move`, `copy` and `test` operations on RFC 6901 pointers (`/spec/containers/0/image`,
/// `~1` for `/`, `~0` for `~`, `-` for the end of an array). The messages are those of the
/// json-patch library kube-apiserver uses.
public enum JSONPatch {
    public struct Failure: Error, Equatable {
        public let message: String
        /// True when the patch itself is malformed (not a list of operations), which the API server
        /// answers with BadRequest; an operation that does not apply is answered with Invalid.
        public let malformed: Bool
    }

    /// Applies every operation in order; the first that fails fails the whole patch.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        guard case .array(let operations) = patch else {
            throw Failure(message: "json: cannot unmarshal \(goKind(patch)) into Go value of type jsonpatch.Patch", malformed: true)
        }
        var result = document
        for operation in operations {
            guard case .object(let fields) = operation else {
                throw Failure(message: "json: cannot unmarshal \(goKind(operation)) into Go value of type jsonpatch.Operation", malformed: true)
            }
            result = try apply(fields, to: result)
        }
        return result
    }

    private static func apply(_ operation: [String: JSONValue], to document: JSONValue) throws(Failure) -> JSONValue {
        let kind = operation["op"]?.stringValue ?? "unknown"
        let path = operation["path"]?.stringValue ?? ""
        func missing(_ what: String) -> Failure {
            Failure(message: "\(kind) operation does not apply: doc is missing \(what)", malformed: false)
        }
        switch kind {
        case "add", "replace", "test":
            guard let value = operation["value"] else { throw missing("value field for path: \(path)") }
            if kind == "test" {
                guard let current = try? get(path, in: document), sameJSON(current, value) else {
                    throw Failure(message: "testing value \(path) failed: test failed", malformed: false)
                }
                return document
            }
            if kind == "replace", (try? get(path, in: document)) == nil { throw missing("path: \(path)") }
            return try set(value, at: path, in: document, inserting: kind == "add")
        case "remove":
            return try remove(path, from: document)
        case "move", "copy":
            let from = operation["from"]?.stringValue ?? ""
            guard let value = try? get(from, in: document) else { throw missing("from path: \(from)") }
            if kind == "move", path.hasPrefix(from + "/") {
                throw Failure(message: "move operation does not apply: path \(path) is a child of from \(from)", malformed: false)
            }
            let source = kind == "move" ? try remove(from, from: document) : document
            return try set(value, at: path, in: source, inserting: true)
        default:
            throw Failure(message: "Unexpected kind: \(kind)", malformed: false)
        }
    }

    // MARK: Pointers

    /// The reference tokens of a pointer, unescaped; nil when it is not a pointer at all.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// An array index token: digits without a leading zero, within `0..<limit`.
    private static func index(_ token: String, limit: Int) -> Int? {
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber),
              token == "0" || !token.hasPrefix("0"), let number = Int(token), number < limit else { return nil }
        return number
    }

    static func get(_ pointer: String, in document: JSONValue) throws(Failure) -> JSONValue {
        guard let tokens = tokens(pointer) else { throw Failure(message: "doc is missing path: \(pointer)", malformed: false) }
        var current = document
        for token in tokens {
            switch current {
            case .object(let fields):
                guard let next = fields[token] else { throw Failure(message: "doc is missing key: \(pointer)", malformed: false) }
                current = next
            case .array(let items):
                guard let position = index(token, limit: items.count) else {
                    throw Failure(message: "Unable to access invalid index: \(token): invalid index referenced", malformed: false)
                }
                current = items[position]
            default:
                throw Failure(message: "doc is missing path: \(pointer)", malformed: false)
            }
        }
        return current
    }

    /// Puts `value` at `pointer`: into an object by key, into an array at an index (inserting
    /// for `add`, replacing for `replace`) or at `-`, the end.
    private static func set(_ value: JSONValue, at pointer: String, in document: JSONValue, inserting: Bool) throws(Failure) -> JSONValue {
        let missing = Failure(message: "\(inserting ? "add" : "replace") operation does not apply: doc is missing path: \"\(pointer)\"", malformed: false)
        guard let tokens = tokens(pointer) else { throw missing }
        return try update(document, tokens[...], missing: missing) { (parent, last) throws(Failure) in
            switch parent {
            case .object(var fields):
                fields[last] = value
                return .object(fields)
            case .array(var items):
                if inserting {
                    let position = last == "-" ? items.count : index(last, limit: items.count + 1)
                    guard let position else { throw Failure(message: "Unable to access invalid index: \(last): invalid index referenced", malformed: false) }
                    items.insert(value, at: position)
                } else {
                    guard let position = index(last, limit: items.count) else {
                        throw Failure(message: "Unable to access invalid index: \(last): invalid index referenced", malformed: false)
                    }
                    items[position] = value
                }
                return .array(items)
            default:
                throw missing
            }
        } whole: { value }
    }

    private static func remove(_ pointer: String, from document: JSONValue) throws(Failure) -> JSONValue {
        let failure = Failure(message: "remove operation does not apply: doc is missing path: \"\(pointer)\"", malformed: false)
        guard let tokens = tokens(pointer), !tokens.isEmpty else { throw failure }
        return try update(document, tokens[...], missing: failure) { (parent, last) throws(Failure) in
            switch parent {
            case .object(var fields):
                guard fields.removeValue(forKey: last) != nil else { throw failure }
                return .object(fields)
            case .array(var items):
                guard let position = index(last, limit: items.count) else { throw failure }
                items.remove(at: position)
                return .array(items)
            default:
                throw failure
            }
        } whole: { .null }
    }

    /// Rebuilds `document` with the container that holds the last token changed by `change`;
    /// an empty pointer stands for the whole document, which `whole` replaces.
    private static func update(_ document: JSONValue, _ tokens: ArraySlice<String>, missing: Failure,
                               change: (JSONValue, String) throws(Failure) -> JSONValue,
                               whole: () -> JSONValue) throws(Failure) -> JSONValue {
        guard let first = tokens.first else { return whole() }
        if tokens.count == 1 { return try change(document, first) }
        let rest = tokens.dropFirst()
        switch document {
        case .object(var fields):
            guard let child = fields[first] else { throw missing }
            fields[first] = try update(child, rest, missing: missing, change: change, whole: whole)
            return .object(fields)
        case .array(var items):
            guard let position = index(first, limit: items.count) else {
                throw Failure(message: "Unable to access invalid index: \(first): invalid index referenced", malformed: false)
            }
            items[position] = try update(items[position], rest, missing: missing, change: change, whole: whole)
            return .array(items)
        default:
            throw missing
        }
    }

    // MARK: Values

    /// JSON equality, where `1` and `1.0` are the same number.
    static func sameJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameJSON($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { sameJSON(value, $0) } ?? false }
        default: return a == b
        }
    }

    /// How Go's encoding/json names a JSON value's kind in an unmarshalling error.
    static func goKind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
