import KubeModel
import Yams

/// YAML nodes to JSON values as go-yaml decodes them for kubectl: plain scalars resolved as YAML
/// 1.1 does, and go-yaml's guard against alias bombs. Yams expands every alias into a copy of its
/// anchored node, so a billion-laughs document would be walked a billion times; go-yaml counts
/// the nodes it decodes and those reached through an alias, and refuses a document whose alias
/// share grows past its allowed ratio ("document contains excessive aliasing").
struct YAMLDecoding {
    struct ExcessiveAliasing: Error {}

    private var decodeCount = 0
    private var aliasCount = 0
    private var aliasDepth = 0
    /// Anchors whose defining node has been decoded: meeting one again is an alias.
    private var defined: Set<ObjectIdentifier> = []

    mutating func json(from node: Yams.Node) throws(ExcessiveAliasing) -> JSONValue {
        decodeCount += 1
        if aliasDepth > 0 { aliasCount += 1 }
        if aliasCount > 100, decodeCount > 1000, Double(aliasCount) / Double(decodeCount) > YAMLDecoding.allowedAliasRatio(decodeCount) {
            throw ExcessiveAliasing()
        }
        var throughAlias = false
        if let anchor = node.anchor {
            throughAlias = !defined.insert(ObjectIdentifier(anchor)).inserted
        }
        if throughAlias { aliasDepth += 1 }
        defer { if throughAlias { aliasDepth -= 1 } }
        switch node {
        case .scalar(let scalar):
            if [.singleQuoted, .doubleQuoted, .literal, .folded].contains(scalar.style) { return .string(scalar.string) }
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping {
                decodeCount += 1
                fields[key.string ?? String(describing: key)] = try json(from: value)
            }
            return .object(fields)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try json(from: item)) }
            return .array(items)
        case .alias:
            return .null
        }
    }

    /// go-yaml's allowance: 99% of decodes may come from aliases in a small document, scaling
    /// down to 10% between 400,000 and 4,000,000 decodes.
    private static func allowedAliasRatio(_ decodeCount: Int) -> Double {
        let low = 400_000.0, high = 4_000_000.0
        let count = Double(decodeCount)
        if count <= low { return 0.99 }
        if count >= high { return 0.10 }
        return 0.99 - 0.89 * ((count - low) / (high - low))
    }
}
