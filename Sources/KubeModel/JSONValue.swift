/// A JSON document as a value: what a manifest, a patch or `-o json` is before it is typed.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }
}

extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue {
    /// JSON text with keys sorted, the way kubectl prints `-o json` (four-space indent);
    /// an empty indent gives compact JSON, as in `last-applied-configuration`.
    public func render(indent: String = "    ") -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out
    }

    private func write(to out: inout String, level: Int, indent: String) {
        let compact = indent.isEmpty
        let pad = String(repeating: indent, count: level)
        let inner = pad + indent
        let open = compact ? "" : "\n"
        let separator = compact ? "," : ",\n"
        let colon = compact ? ":" : ": "
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            out += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): out += JSONValue.quote(value)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + open
            for (index, item) in items.enumerated() {
                out += inner
                item.write(to: &out, level: level + 1, indent: indent)
                out += index < items.count - 1 ? separator : open
            }
            out += pad + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + open
            let keys = fields.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += inner + JSONValue.quote(key) + colon
                fields[key]?.write(to: &out, level: level + 1, indent: indent)
                out += index < keys.count - 1 ? separator : open
            }
            out += pad + "}"
        }
    }

    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    /// RFC 7386 JSON merge patch: objects merge key by key, `null` deletes, anything else replaces.
    public func mergePatched(with patch: JSONValue) -> JSONValue {
        guard case .object(let patchFields) = patch else { return patch }
        var fields = objectValue ?? [:]
        for (key, value) in patchFields {
            if value == .null {
                fields[key] = nil
            } else {
                fields[key] = (fields[key] ?? .null).mergePatched(with: value)
            }
        }
        return .object(fields)
    }

    /// The dotted paths of every object key in `self` that `other` does not have.
    /// Used to find the fields a manifest sets that the typed model does not know.
    public func unknownFieldPaths(comparedTo other: JSONValue, prefix: String = "") -> [String] {
        switch (self, other) {
        case (.object(let mine), .object(let theirs)):
            var paths: [String] = []
            for key in mine.keys.sorted() {
                let path = prefix.isEmpty ? key : prefix + "." + key
                guard let value = mine[key] else { continue }
                if let counterpart = theirs[key] {
                    paths += value.unknownFieldPaths(comparedTo: counterpart, prefix: path)
                } else if value != .null {
                    paths.append(path)
                }
            }
            return paths
        case (.array(let mine), .array(let theirs)):
            var paths: [String] = []
            for (index, item) in mine.enumerated() where index < theirs.count {
                paths += item.unknownFieldPaths(comparedTo: theirs[index], prefix: "\(prefix)[\(index)]")
            }
            return paths
        default:
            return []
        }
    }
}
