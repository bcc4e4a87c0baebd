import Foundation

/// Converts between typed API objects and `JSONValue` through JSON bytes.
public enum Codec {
    public static func json<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let data = Data(value.render(indent: "").utf8)
        return try JSONDecoder().decode(type, from: data)
    }

    /// A readable description of a decoding failure, naming the field path as the API server does.
    public static func describe(_ error: Error, kind: String) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "json: cannot unmarshal \(jsonKind(context)) into Go struct field \(kind).\(path(context.codingPath)) of type \(goType(type, field: context.codingPath.last?.stringValue))"
        case .valueNotFound(let type, let context):
            return "json: cannot unmarshal null into Go struct field \(kind).\(path(context.codingPath)) of type \(goType(type, field: context.codingPath.last?.stringValue))"
        case .keyNotFound(let key, let context):
            return "missing required field \"\(key.stringValue)\" in \(kind).\(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.debugDescription
        @unknown default:
            return String(describing: error)
        }
    }

    private static func jsonKind(_ context: DecodingError.Context) -> String {
        let text = context.debugDescription.lowercased()
        if text.contains("string") { return "string" }
        if text.contains("array") { return "array" }
        if text.contains("dictionary") { return "object" }
        if text.contains("number") { return "number" }
        return "value"
    }

    /// Go's name for the expected type; for a list, the element type is named after the field
    /// (`containers` → `[]v1.Container`), as the Go structs are.
    private static func goType(_ type: Any.Type, field: String?) -> String {
        switch type {
        case is Int32.Type: return "int32"
        case is Int64.Type, is Int.Type: return "int64"
        case is String.Type: return "string"
        case is Bool.Type: return "bool"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") {
                guard let field, !field.isEmpty else { return "[]interface {}" }
                let singular = field.hasSuffix("s") ? String(field.dropLast()) : field
                return "[]v1." + singular.prefix(1).uppercased() + singular.dropFirst()
            }
            if name.hasPrefix("Dictionary") { return "map[string]string" }
            return "v1." + name
        }
    }
}
