/// core/v1 ServiceAccount: the identity a Pod's processes use towards the API server
/// (`system:serviceaccount:NAMESPACE:NAME`).
public struct ServiceAccount: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", shortNames: ["sa"],
                                          namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var secrets: [ObjectReference]?
    public var imagePullSecrets: [JSONValue]?
    public var automountServiceAccountToken: Bool?

    public init(metadata: ObjectMeta) {
        self.metadata = metadata
    }
}
