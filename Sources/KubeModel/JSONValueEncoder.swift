/// An Encoder that builds a `JSONValue` directly. `Codec.json` used to write JSON text with
/// JSONEncoder and read it back, which made converting objects the API server's hottest path
/// once every write compares the object before and after (field ownership).
enum JSONValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = ValueNode()
        try value.encode(to: ValueNodeEncoder(node: root, codingPath: []))
        return root.value
    }
}

/// One value under construction: a scalar, or the fields or items encoded into it so far.
private final class ValueNode {
    var scalar: JSONValue = .null
    var fields: [String: ValueNode]?
    var items: [ValueNode]?

    var value: JSONValue {
        if let fields { return .object(fields.mapValues(\.value)) }
        if let items { return .array(items.map(\.value)) }
        return scalar
    }

    func child(_ key: String) -> ValueNode {
        if fields == nil { fields = [:] }
        let node = ValueNode()
        fields?[key] = node
        return node
    }

    func appended() -> ValueNode {
        if items == nil { items = [] }
        let node = ValueNode()
        items?.append(node)
        return node
    }
}

private struct ValueNodeEncoder: Encoder {
    let node: ValueNode
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.fields == nil { node.fields = [:] }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if node.items == nil { node.items = [] }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

/// The scalars every container writes the same way.
private func scalar<T: Encodable>(_ value: T) -> JSONValue? {
    switch value {
    case let value as Bool: return .bool(value)
    case let value as String: return .string(value)
    case let value as Int: return .int(Int64(value))
    case let value as Int32: return .int(Int64(value))
    case let value as Int64: return .int(value)
    case let value as Double: return .double(value)
    default: return nil
    }
}

private func encode<T: Encodable>(_ value: T, into node: ValueNode, codingPath: [CodingKey]) throws {
    if let scalar = scalar(value) { node.scalar = scalar; return }
    try value.encode(to: ValueNodeEncoder(node: node, codingPath: codingPath))
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: ValueNode
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).scalar = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try KubeModel.encode(value, into: node.child(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        ValueNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        ValueNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { ValueNodeEncoder(node: node.child("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder { ValueNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: ValueNode
    let codingPath: [CodingKey]
    var count: Int { node.items?.count ?? 0 }

    mutating func encodeNil() throws { node.appended().scalar = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try KubeModel.encode(value, into: node.appended(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        ValueNodeEncoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        ValueNodeEncoder(node: node.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { ValueNodeEncoder(node: node.appended(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: ValueNode
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.scalar = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try KubeModel.encode(value, into: node, codingPath: codingPath)
    }
}
