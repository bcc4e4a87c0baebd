/// Kinds made of metadata and a spec that users write.
public protocol SpecObject: APIObject {
    associatedtype Spec: Codable & Sendable
    var spec: Spec { get set }
    /// The spec of a manifest that gives none (the API server then defaults or rejects it).
    static var emptySpec: Spec { get }
    init(metadata: ObjectMeta, spec: Spec)
}

/// Kinds made of metadata, a spec that users write and a status that components write.
public protocol SpecAndStatus: SpecObject {
    associatedtype State: Codable & Sendable
    var status: State? { get set }
}

extension SpecObject {
    /// Decodes a manifest whose metadata or spec may be missing: they default to empty, so
    /// that the API server, not the decoder, says what is wrong.
    public init(decodingMetadataAndSpecFrom decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: PartKey.self)
        self.init(metadata: try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta(),
                  spec: try container.decodeIfPresent(Spec.self, forKey: .spec) ?? Self.emptySpec)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
    }
}

extension SpecAndStatus {
    /// Decodes metadata and spec as `SpecObject` does, and the status when there is one.
    public init(decodingPartsFrom decoder: Decoder) throws {
        try self.init(decodingMetadataAndSpecFrom: decoder)
        status = try decoder.container(keyedBy: PartKey.self).decodeIfPresent(State.self, forKey: .status)
    }
}

private enum PartKey: String, CodingKey {
    case apiVersion, kind, metadata, spec, status
}
