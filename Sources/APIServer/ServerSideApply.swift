import KubeModel

/// Server-side apply (`application/apply-patch+yaml`): the configuration is merged into the live
/// object field by field (keyed lists item by item), its manager comes to own exactly the fields
/// it names, fields it named last time and no longer does are removed when nobody else owns
/// them, and changing a field another manager owns is a conflict unless forced.
enum ServerSideApply {
    /// The merged object and its managedFields, or a Conflict (409) naming the fields.
    /// `object` names it for errors: `default/web; apps/v1, Kind=Deployment`.
    static func apply(_ configuration: JSONValue, to live: JSONValue?, entries: [ManagedFieldsEntry]?, manager: String,
                      apiVersion: String, force: Bool, now: Timestamp, object: String) throws(APIError) -> (JSONValue, [ManagedFieldsEntry]?) {
        var configuration = configuration
        if case .object(var fields) = configuration {
            fields["status"] = nil
            configuration = .object(fields)
        }
        let applied: FieldSet
        do {
            applied = FieldManager.scoped(try FieldComparison.fieldSet(of: configuration), subresource: nil, separateStatus: true)
        } catch {
            throw APIError(code: 500, reason: "InternalError", message: "failed to create typed patch object (\(object)): \(error.message)")
        }
        let before = live.map(FieldManager.comparable)
        var merged = merge(before, configuration, field: nil)
        var managers = FieldManager.managers(entries)
        let applier = ManagedFieldsEntry(manager: manager, operation: ManagedFieldsEntry.apply, apiVersion: apiVersion,
                                         time: now, fieldsV1: .object([:]))
        let mine = managers.firstIndex { $0.isSame(as: applier) }
        let others = managers.indices.filter { $0 != mine }
        if let mine {
            for path in managers[mine].fields.subtracting(applied).paths.reversed()
            where !others.contains(where: { managers[$0].fields.holds(orBelow: path) }) {
                merged = removing(path, from: merged, field: nil)
            }
        }
        let changes = FieldComparison.changes(from: before, to: merged)
        let changed = changes.added.union(changes.modified)
        let conflicts = others.compactMap { index -> (ManagedFieldsEntry, FieldSet)? in
            let owned = managers[index].fields.intersection(changed)
            return owned.isEmpty ? nil : (managers[index].entry, owned)
        }
        if !force, !conflicts.isEmpty { throw conflictError(conflicts) }
        for index in others {
            managers[index].fields = managers[index].fields.subtracting(changed).subtracting(changes.removed)
        }
        if let mine {
            if managers[mine].fields != applied || !changed.isEmpty || !changes.removed.isEmpty { managers[mine].entry.time = now }
            managers[mine].fields = applied
            managers[mine].entry.apiVersion = apiVersion
        } else {
            managers.append(FieldManager.Manager(entry: applier, fields: applied))
        }
        return (merged, FieldManager.entries(managers))
    }

    /// The configuration merged into the live value: maps field by field, keyed lists and sets
    /// item by item, everything else replaced.
    static func merge(_ live: JSONValue?, _ configuration: JSONValue, field: String?) -> JSONValue {
        switch (live, configuration) {
        case (.object(var fields)?, .object(let applied)) where !FieldSchema.isAtomicMap(field):
            for (key, value) in applied { fields[key] = merge(fields[key], value, field: key) }
            return .object(fields)
        case (.array(var items)?, .array(let applied)):
            let kind = FieldSchema.listKind(field, items + applied)
            guard kind != .atomic else { return configuration }
            for item in applied {
                let element = FieldSchema.element(of: item, in: kind)
                if let index = items.firstIndex(where: { FieldSchema.element(of: $0, in: kind) == element }) {
                    items[index] = merge(items[index], item, field: nil)
                } else {
                    items.append(item)
                }
            }
            return .array(items)
        default:
            return configuration
        }
    }

    /// `value` without the field or item at `path`; a map the removal leaves empty goes too, as
    /// Go's `omitempty` drops it.
    static func removing(_ path: [String], from value: JSONValue, field: String?) -> JSONValue {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch value {
        case .object(var fields) where first.hasPrefix("f:"):
            let key = String(first.dropFirst(2))
            guard let child = fields[key] else { return value }
            let remaining = rest.isEmpty ? nil : removing(rest, from: child, field: key)
            fields[key] = remaining == .object([:]) ? nil : remaining
            return .object(fields)
        case .array(var items):
            let kind = FieldSchema.listKind(field, items)
            guard let index = items.firstIndex(where: { FieldSchema.element(of: $0, in: kind) == first }) else { return value }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = removing(rest, from: items[index], field: nil) }
            return .array(items)
        default:
            return value
        }
    }

    /// kube-apiserver's Conflict: `Apply failed with 1 conflict: conflict with "kubectl" with
    /// subresource "scale" using apps/v1: .spec.replicas`.
    static func conflictError(_ conflicts: [(ManagedFieldsEntry, FieldSet)]) -> APIError {
        let all = conflicts.flatMap { entry, fields in fields.paths.map { (entry, $0) } }
        let message: String
        if all.count == 1, let (entry, path) = all.first {
            message = "Apply failed with 1 conflict: conflict with \(describe(entry)): \(FieldSet.describe(path))"
        } else {
            let byManager = conflicts.sorted { identity($0.0) < identity($1.0) }
            let lines = byManager.flatMap { entry, fields in
                ["conflicts with \(describe(entry)):"] + fields.paths.map { "- " + FieldSet.describe($0) }
            }
            message = "Apply failed with \(all.count) conflicts: " + lines.joined(separator: "\n")
        }
        return APIError(code: 409, reason: "Conflict", message: message)
    }

    /// A manager as the conflict names it (the apiserver's printManager).
    private static func describe(_ entry: ManagedFieldsEntry) -> String {
        var text = GoQuote.quote(entry.manager ?? "")
        if let subresource = entry.subresource { text += " with subresource " + GoQuote.quote(subresource) }
        if entry.operation == ManagedFieldsEntry.update { text += " using " + (entry.apiVersion ?? "") }
        return text
    }

    /// The JSON identity kube-apiserver sorts managers by: manager, operation, apiVersion, subresource.
    private static func identity(_ entry: ManagedFieldsEntry) -> String {
        [entry.manager, entry.operation, entry.operation == ManagedFieldsEntry.apply ? nil : entry.apiVersion, entry.subresource]
            .map { $0 ?? "" }.joined(separator: "\u{0}")
    }
}
