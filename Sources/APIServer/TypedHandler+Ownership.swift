import KubeModel

/// Who comes to own the fields a write sets.
enum Ownership {
    /// An ordinary write by this manager, through this subresource: recorded as an `Update`.
    case update(String, subresource: String?)
    /// Server-side apply, which has already worked out the object's managedFields.
    case applied
}

extension APIServer {
    /// The manager a request writes as: its `fieldManager`, or the one its client implies.
    func fieldManager(_ request: APIRequest) -> String {
        request.fieldManager ?? FieldManager.defaultManager(for: request.user)
    }
}

extension TypedHandler {
    /// Sets `object`'s managedFields for a write that turns `old` (nil: a create) into it.
    func recordOwnership(_ ownership: Ownership, of object: inout Object, old: Object?, server: APIServer, log: inout RequestLog) {
        // Encoded without their managedFields, which ownership leaves out of the comparison anyway.
        guard case .update(let manager, let subresource) = ownership, let new = try? Codec.json(object.withoutManagedFields()) else { return }
        let before = old.flatMap { try? Codec.json($0.withoutManagedFields()) }
        object.metadata.managedFields = FieldManager.recordUpdate(
            from: before, to: new, entries: old?.metadata.managedFields, manager: manager, apiVersion: Object.type.apiVersion,
            subresource: subresource, separateStatus: strategy.hasStatus, now: server.now)
        if object.metadata.managedFields != old?.metadata.managedFields {
            log.note("fields", "managedFields: \(manager) (Update\(subresource.map { ", /" + $0 } ?? "")) owns what it set")
        }
    }

    /// `PATCH` with `application/apply-patch+yaml`: merges the configuration into `live` (or
    /// creates the object) with field ownership, then stores it as any other write.
    func serverSideApply(_ request: APIRequest, live: Object?, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard let configuration = request.patch, case .object = configuration else {
            return .failure(.badRequest("the request has no patch"))
        }
        let manager = server.fieldManager(request)
        let type = Object.type
        let described = "\(request.namespace.map { $0 + "/" } ?? "")\(request.name ?? ""); \(type.apiVersion), Kind=\(type.kind)"
        let merged: JSONValue, entries: [ManagedFieldsEntry]?
        do {
            let liveJSON = live.flatMap { try? Codec.json($0) }
            (merged, entries) = try ServerSideApply.apply(configuration, to: liveJSON, entries: live?.metadata.managedFields, manager: manager,
                                                          apiVersion: type.apiVersion, force: request.force, now: server.now, object: described)
        } catch {
            log.note("apply", error.message)
            return .failure(error)
        }
        var object: Object
        do {
            object = try Codec.decode(Object.self, from: merged)
        } catch {
            return .failure(.badRequest(Codec.describe(error, kind: type.kind + "." + (type.group.isEmpty ? "" : type.group))))
        }
        object.metadata.managedFields = entries
        log.note("apply", "server-side apply by \(manager)\(request.force ? " (forced)" : ""): merged; it owns the fields its configuration sets")
        guard let live else { return create(object, request, ownership: .applied, server: server, log: &log) }
        object.metadata.resourceVersion = live.metadata.resourceVersion
        return commitUpdate(&object, old: live, subresource: nil, ownership: .applied, server: server, dryRun: request.dryRun, log: &log)
    }
}
