/// apps/v1 ControllerRevision: an immutable snapshot of a StatefulSet's or DaemonSet's Pod
/// template, named `<owner>-<hash>`, that Pods point at with their `controller-revision-hash` label.
public struct ControllerRevision: APIObject, Equatable {
    public static let type = ResourceType(group: "apps", version: "v1", kind: "ControllerRevision", plural: "controllerrevisions", namespaced: true)
    public static let hashLabel = "controller-revision-hash"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// The template the revision records, as a patch of the owner's spec.
    public var data: JSONValue?
    public var revision: Int64

    public init(metadata: ObjectMeta, data: JSONValue?, revision: Int64) {
        self.metadata = metadata
        self.data = data
        self.revision = revision
    }
}

extension ControllerRevision {
    /// What a revision records for `template`: the strategic merge patch that restores it,
    /// `{"spec": {"template": {..., "$patch": "replace"}}}`, as the controllers and
    /// `kubectl rollout undo` use it.
    public static func data(restoring template: PodTemplateSpec?) -> JSONValue {
        var fields = (try? Codec.json(template ?? PodTemplateSpec()))?.objectValue ?? [:]
        fields["$patch"] = .string("replace")
        return .object(["spec": .object(["template": .object(fields)])])
    }

    /// The Pod template the revision records.
    public var podTemplate: PodTemplateSpec? {
        guard case .object(var fields)? = data?["spec"]?["template"] else { return nil }
        fields["$patch"] = nil
        return try? Codec.decode(PodTemplateSpec.self, from: .object(fields))
    }
}
