import KubeModel
import Yams

/// Manifests in and out: YAML (or JSON, which is YAML) documents to typed API objects, and
/// objects back to YAML the way kubectl prints them.
public enum Manifest {
    /// One document of a manifest file, decoded or with the error kubectl would report for it.
    public struct Document {
        public let result: Result<any APIObject, ManifestError>
        /// The document as written, for `last-applied-configuration` and three-way patches.
        public let source: JSONValue
        public let name: String
        public let kind: String
    }

    /// Parses every document in `text`. A syntax error fails the whole file, as in kubectl;
    /// a bad document fails only itself.
    public static func parse(_ text: String, source: String) throws(ManifestError) -> [Document] {
        var documents: [Document] = []
        do {
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() {
                var decoding = YAMLDecoding()
                let value = try decoding.json(from: node)
                if value == .null { continue }
                // A v1 List (what `get -o yaml` and `edit` write for several objects) stands for its items.
                if value["kind"]?.stringValue == "List", value["apiVersion"]?.stringValue == "v1", case .array(let items)? = value["items"] {
                    documents += items.map { document($0, source: source) }
                    continue
                }
                documents.append(document(value, source: source))
            }
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw .syntax(source: source, detail: describe(error, in: text))
        } catch is YAMLDecoding.ExcessiveAliasing {
            throw .syntax(source: source, detail: "yaml: document contains excessive aliasing")
        } catch {
            throw .syntax(source: source, detail: String(describing: error))
        }
        return documents
    }

    /// Turns one decoded document into a typed object, checking the fields the API would reject.
    public static func document(_ value: JSONValue, source: String) -> Document {
        let name = value["metadata"]?["name"]?.stringValue ?? ""
        let namespace = value["metadata"]?["namespace"]?.stringValue ?? ""
        let kind = value["kind"]?.stringValue ?? ""
        let apiVersion = value["apiVersion"]?.stringValue ?? ""
        let missing = (apiVersion.isEmpty ? ["apiVersion not set"] : []) + (kind.isEmpty ? ["kind not set"] : [])
        if !missing.isEmpty {
            let detail = missing.count == 1 ? missing[0] : "[" + missing.joined(separator: ", ") + "]"
            return Document(result: .failure(.validation(source: source, detail: "error validating data: \(detail)")), source: value, name: name, kind: kind)
        }
        guard let type = Catalog.type(kind: kind, apiVersion: apiVersion) else {
            return Document(result: .failure(.noMatch(source: source, name: name, namespace: namespace, kind: kind, apiVersion: apiVersion)),
                            source: value, name: name, kind: kind)
        }
        do {
            let object = try Codec.decode(type, from: value)
            let unknown = value.unknownFieldPaths(comparedTo: try Codec.json(object))
            if !unknown.isEmpty {
                let detail = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                return Document(result: .failure(.strictDecoding(source: source, kind: kind, apiVersion: apiVersion, detail: "strict decoding error: \(detail)")),
                                source: value, name: name, kind: kind)
            }
            return Document(result: .success(object), source: value, name: name, kind: kind)
        } catch {
            let detail = Codec.describe(error, kind: kind + (kind.hasSuffix("Spec") ? "" : "Spec"))
            return Document(result: .failure(.strictDecoding(source: source, kind: kind, apiVersion: apiVersion, detail: detail)),
                            source: value, name: name, kind: kind)
        }
    }

    /// go-yaml's one-line message (`yaml: line 5: did not find expected key`), then the line
    /// itself with a caret under the column, which kubectl does not show but a student needs.
    static func describe(_ error: YamlError, in text: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var message = "yaml: line \(mark.line): \(problem)"
            if mark.line >= 1, mark.line <= lines.count {
                let number = String(mark.line)
                let (excerpt, caret) = clipped(String(lines[mark.line - 1]), at: max(mark.column - 1, 0))
                message += "\n  \(number) | \(excerpt)\n  \(String(repeating: " ", count: number.count)) | "
                    + String(repeating: " ", count: caret) + "^ column \(mark.column)"
            }
            return message
        default:
            return "yaml: \(error)"
        }
    }

    /// At most 100 characters of a long line, around `column`, with `…` where it was cut, and
    /// the caret's offset in what is shown.
    static func clipped(_ line: String, at column: Int) -> (String, Int) {
        let characters = Array(line)
        guard characters.count > 100 else { return (line, column) }
        let start = min(max(column - 50, 0), characters.count - 100)
        let end = start + 100
        let head = start > 0 ? "…" : "", tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }

    /// An object as kubectl prints `-o yaml`: keys sorted, sequences not indented under their key.
    public static func yaml(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(from: value), indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    static func node(from value: JSONValue) -> Yams.Node {
        switch value {
        case .null: return Yams.Node("null", Tag(.null))
        case .bool(let flag): return Yams.Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): return Yams.Node(String(number), Tag(.int))
        case .double(let number):
            return Yams.Node(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number), Tag(.float))
        case .string(let text):
            if text.contains("\n") { return Yams.Node(text, Tag(.str), .literal) }
            let resolved = Resolver.default.resolveTag(of: Yams.Node(text))
            let ambiguous = text.isEmpty || resolved != .str
            return Yams.Node(text, Tag(.str), ambiguous ? .doubleQuoted : .any)
        case .array(let items): return Yams.Node(items.map(node(from:)))
        case .object(let fields):
            return Yams.Node(fields.keys.sorted().map { (Yams.Node($0), node(from: fields[$0] ?? .null)) })
        }
    }
}

/// A manifest that cannot be used, with kubectl's wording.
public enum ManifestError: Error, Equatable {
    case syntax(source: String, detail: String)
    case validation(source: String, detail: String)
    case noMatch(source: String, name: String, namespace: String, kind: String, apiVersion: String)
    case strictDecoding(source: String, kind: String, apiVersion: String, detail: String)

    /// The message kubectl prints for this error.
    public var message: String {
        switch self {
        case .syntax(let source, let detail):
            return "error: error parsing \(source): error converting YAML to JSON: \(detail)"
        case .validation(let source, let detail):
            return "error: error validating \"\(source)\": \(detail); if you choose to ignore these errors, turn validation off with --validate=false"
        case .noMatch(let source, let name, let namespace, let kind, let apiVersion):
            return "error: resource mapping not found for name: \"\(name)\" namespace: \"\(namespace)\" from \"\(source)\": no matches for kind \"\(kind)\" in version \"\(apiVersion)\"\nensure CRDs are installed first"
        case .strictDecoding(let source, let kind, let apiVersion, let detail):
            return "Error from server (BadRequest): error when creating \"\(source)\": \(kind) in version \"\(apiVersion.split(separator: "/").last.map(String.init) ?? apiVersion)\" cannot be handled as a \(kind): \(detail)"
        }
    }
}
