/// core/v1 Secret: data a Pod reads as files or environment variables, base64 in the API.
/// `stringData` is write-only: the API server folds it into `data` and never stores it.
public struct Secret: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var data: [String: Base64Bytes]?
    public var stringData: [String: String]?
    /// The `type` field (`Opaque`, `kubernetes.io/tls` ...); `type` names the resource type.
    public var secretType: String?
    public var immutable: Bool?

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, data, stringData, secretType = "type", immutable
    }

    public init(metadata: ObjectMeta, type: String? = nil, data: [String: Base64Bytes]? = nil) {
        self.metadata = metadata
        self.secretType = type
        self.data = data
    }

    /// The types the API server knows, with the keys each requires.
    public static let requiredKeys: [String: [String]] = [
        "kubernetes.io/tls": ["tls.crt", "tls.key"],
        "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
        "kubernetes.io/dockercfg": [".dockercfg"],
        "kubernetes.io/ssh-auth": ["ssh-privatekey"],
    ]
}

/// A `[]byte` value: base64 text in JSON and YAML, checked as Go's decoder checks it.
public struct Base64Bytes: Codable, Equatable, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: some Sequence<UInt8>) { self.bytes = Array(bytes) }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public var base64: String { GoBase64.encode(bytes) }
    /// The bytes as text, as `base64 -d` would print them.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        switch GoBase64.decode(try container.decode(String.self)) {
        case .success(let bytes): self.bytes = bytes
        case .failure(let corrupt):
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: corrupt.message))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base64)
    }
}
