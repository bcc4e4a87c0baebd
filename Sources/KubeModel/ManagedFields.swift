/// metav1.ManagedFieldsEntry: which fields one manager owns, and through which operation.
/// `fieldsV1` is the owned set in the API's `f:` / `k:{...}` / `v:` notation.
public struct ManagedFieldsEntry: Codable, Equatable, Sendable {
    public var manager: String?
    /// `Apply` (server-side apply) or `Update` (every other write).
    public var operation: String?
    public var apiVersion: String?
    public var time: Timestamp?
    public var fieldsType: String?
    public var fieldsV1: JSONValue?
    /// `status` or `scale` when the write went to a subresource.
    public var subresource: String?

    public init(manager: String, operation: String, apiVersion: String, time: Timestamp?, fieldsV1: JSONValue,
                subresource: String? = nil) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = "FieldsV1"
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }

    public static let apply = "Apply"
    public static let update = "Update"
}

extension APIObject {
    /// The object as kubectl prints it by default: without managedFields (kubectl's
    /// OmitManagedFieldsPrinter, unless `--show-managed-fields`).
    public func withoutManagedFields() -> Self {
        var copy = self
        copy.metadata.managedFields = nil
        return copy
    }
}
