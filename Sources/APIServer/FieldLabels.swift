import KubeModel

/// The fields a kind's list can select on, each read from the object as its registry's
/// GetAttrs reads it, and the error for any other: kube-apiserver's field label conversion
/// functions (pkg/apis/core/v1/conversion.go and friends). Kinds without one accept only
/// `metadata.name` and `metadata.namespace` (runtime.DefaultMetaV1FieldSelectorConversion).
struct FieldLabels: Sendable {
    typealias Read = @Sendable (any APIObject) -> String

    let read: [String: Read]
    /// The BadRequest message for a field the kind does not support.
    let unsupported: @Sendable (String) -> String

    static func of(_ type: ResourceType) -> FieldLabels { byPlural[type.plural] ?? metadataOnly }

    private static let name: Read = { $0.name }
    private static let namespace: Read = { $0.metadata.namespace ?? "" }

    /// The default conversion; it is also what apps/v1 ReplicaSets get (their GetAttrs has
    /// `status.replicas`, but apps/v1 registers no conversion that lets it through).
    private static let metadataOnly = FieldLabels(read: ["metadata.name": name, "metadata.namespace": namespace]) {
        "\(GoQuote.quote($0)) is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
    }

    /// core/v1's conversions all answer the same way.
    private static func core(_ fields: [String: Read]) -> FieldLabels {
        FieldLabels(read: fields) { "field label not supported: \($0)" }
    }

    private static func typed<T: APIObject>(_ kind: T.Type, _ read: @escaping @Sendable (T) -> String) -> Read {
        { ($0 as? T).map(read) ?? "" }
    }

    private static let byPlural: [String: FieldLabels] = [
        Pod.type.plural: core([
            "metadata.name": name, "metadata.namespace": namespace,
            "spec.nodeName": typed(Pod.self) { $0.spec.nodeName ?? "" },
            "spec.restartPolicy": typed(Pod.self) { $0.spec.restartPolicy ?? "" },
            "spec.schedulerName": typed(Pod.self) { $0.spec.schedulerName ?? "" },
            "spec.serviceAccountName": typed(Pod.self) { $0.spec.serviceAccountName ?? "" },
            "spec.hostNetwork": typed(Pod.self) { String($0.spec.hostNetwork ?? false) },
            "status.phase": typed(Pod.self) { $0.status?.phase ?? "" },
            "status.podIP": typed(Pod.self) { $0.status?.podIP ?? "" },
            // The scheduler here never preempts, so no Pod is nominated to a node.
            "status.nominatedNodeName": { _ in "" },
        ]),
        Node.type.plural: core([
            "metadata.name": name,
            "spec.unschedulable": typed(Node.self) { String($0.spec.unschedulable ?? false) },
        ]),
        Namespace.type.plural: core([
            "metadata.name": name,
            "status.phase": typed(Namespace.self) { $0.status?.phase ?? "" },
        ]),
        Secret.type.plural: core([
            "metadata.name": name, "metadata.namespace": namespace,
            "type": typed(Secret.self) { $0.secretType ?? "" },
        ]),
        Service.type.plural: core([
            "metadata.name": name, "metadata.namespace": namespace,
            "spec.clusterIP": typed(Service.self) { $0.spec.clusterIP ?? "" },
            "spec.type": typed(Service.self) { $0.spec.type ?? "" },
        ]),
        Event.type.plural: core([
            "metadata.name": name, "metadata.namespace": namespace,
            "involvedObject.kind": typed(Event.self) { $0.involvedObject.kind ?? "" },
            "involvedObject.namespace": typed(Event.self) { $0.involvedObject.namespace ?? "" },
            "involvedObject.name": typed(Event.self) { $0.involvedObject.name ?? "" },
            "involvedObject.uid": typed(Event.self) { $0.involvedObject.uid ?? "" },
            "involvedObject.apiVersion": typed(Event.self) { $0.involvedObject.apiVersion ?? "" },
            "involvedObject.resourceVersion": typed(Event.self) { $0.involvedObject.resourceVersion ?? "" },
            "involvedObject.fieldPath": typed(Event.self) { $0.involvedObject.fieldPath ?? "" },
            "reason": typed(Event.self) { $0.reason ?? "" },
            "reportingComponent": typed(Event.self) { $0.reportingComponent ?? "" },
            // The source is the reporting component when the event names no source component.
            "source": typed(Event.self) { $0.source?.component.flatMap { $0.isEmpty ? nil : $0 } ?? $0.reportingComponent ?? "" },
            "type": typed(Event.self) { $0.type ?? "" },
        ]),
        Job.type.plural: FieldLabels(read: [
            "metadata.name": name, "metadata.namespace": namespace,
            "status.successful": typed(Job.self) { String($0.status?.succeeded ?? 0) },
        ]) { "field label \(GoQuote.quote($0)) not supported for batchv1.Job" },
    ]
}
