import KubeModel

/// kube-apiserver's field manager: after every write, `metadata.managedFields` says which
/// manager owns which fields. A write other than server-side apply is an `Update`: its manager
/// comes to own what it added or changed, and every other manager loses those fields.
enum FieldManager {
    /// One manager's entry and the set its fieldsV1 holds.
    struct Manager {
        var entry: ManagedFieldsEntry
        var fields: FieldSet

        /// Entries are one per manager, operation and subresource (and apiVersion, for updates).
        func isSame(as other: ManagedFieldsEntry) -> Bool {
            entry.manager == other.manager && entry.operation == other.operation && entry.subresource == other.subresource
                && (entry.operation == ManagedFieldsEntry.apply || entry.apiVersion == other.apiVersion)
        }
    }

    /// The manager a request writes as when it names none: what kube-apiserver takes from the
    /// client's user agent (`kubectl/v1.32.0 ...` → `kubectl`).
    static func defaultManager(for user: UserInfo) -> String {
        if user.groups.contains("system:nodes") { return "kubelet" }
        if user.name.hasPrefix("system:serviceaccount:kube-system:") { return "kube-controller-manager" }
        if user.name.hasPrefix("system:kube-") { return String(user.name.dropFirst("system:".count)) }
        if user.name == "system:apiserver" { return "kube-apiserver" }
        return "kubectl"
    }

    /// Fields nobody owns: type and identity (structured-merge-diff's stripMeta).
    static let unowned: FieldSet = {
        var set = FieldSet()
        for path in [["f:apiVersion"], ["f:kind"], ["f:metadata"]] { set.insert(path) }
        for field in ["name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion"] {
            set.insert(["f:metadata", "f:" + field])
        }
        return set
    }()

    /// The fields a write through `subresource` may own: only status for `/status`; everything
    /// but status otherwise, when the kind keeps status apart.
    static func scoped(_ set: FieldSet, subresource: String?, separateStatus: Bool) -> FieldSet {
        var scoped = set.subtracting(unowned)
        if subresource == "status" {
            let status = scoped.children["f:status"]
            scoped = FieldSet()
            scoped.children["f:status"] = status
        } else if separateStatus {
            scoped.children["f:status"] = nil
        }
        return scoped
    }

    /// An object's JSON as ownership sees it: without its managedFields.
    static func comparable(_ object: JSONValue) -> JSONValue {
        guard case .object(var fields) = object, case .object(var metadata)? = fields["metadata"] else { return object }
        metadata["managedFields"] = nil
        fields["metadata"] = .object(metadata)
        return .object(fields)
    }

    static func managers(_ entries: [ManagedFieldsEntry]?) -> [Manager] {
        (entries ?? []).map { Manager(entry: $0, fields: FieldSet(fieldsV1: $0.fieldsV1 ?? .object([:]))) }
    }

    /// The entries in kube-apiserver's order (Apply before Update, then by time, manager,
    /// apiVersion and subresource), without managers left owning nothing.
    static func entries(_ managers: [Manager]) -> [ManagedFieldsEntry]? {
        let entries = managers.filter { !$0.fields.isEmpty }.map { manager in
            var entry = manager.entry
            entry.fieldsV1 = manager.fields.fieldsV1
            return entry
        }.sorted(by: precedes)
        return entries.isEmpty ? nil : entries
    }

    private static func precedes(_ a: ManagedFieldsEntry, _ b: ManagedFieldsEntry) -> Bool {
        if a.operation != b.operation { return (a.operation ?? "") < (b.operation ?? "") }
        if a.time != b.time { return (a.time?.seconds ?? 0) < (b.time?.seconds ?? 0) }
        let names: (ManagedFieldsEntry) -> [String] = { [$0.manager ?? "", $0.apiVersion ?? "", $0.subresource ?? ""] }
        return names(a).lexicographicallyPrecedes(names(b))
    }

    /// Fields Go's zero value of a kind already has (structs that are not pointers, nil slices):
    /// a create compares against that value, so they are not "added" (no `.` of their own).
    private static let zeroValueFields: [[String]] = [
        ["spec"], ["status"], ["spec", "template"], ["spec", "template", "metadata"], ["spec", "template", "spec"],
        ["spec", "template", "spec", "containers"], ["spec", "containers"], ["spec", "strategy"], ["spec", "updateStrategy"],
        ["spec", "jobTemplate"], ["spec", "jobTemplate", "spec"], ["spec", "jobTemplate", "spec", "template"],
        ["spec", "jobTemplate", "spec", "template", "metadata"], ["spec", "jobTemplate", "spec", "template", "spec"],
        ["spec", "jobTemplate", "spec", "template", "spec", "containers"],
    ]

    /// The zero value of `object`'s kind, as far as `object` has those fields.
    private static func zeroValue(of object: JSONValue) -> JSONValue {
        var zero = JSONValue.object([:])
        for path in zeroValueFields {
            guard let value = path.reduce(Optional(object), { $0?[$1] }) else { continue }
            zero = setting(path, to: value.objectValue == nil ? .array([]) : .object([:]), in: zero)
        }
        return zero
    }

    private static func setting(_ path: [String], to value: JSONValue, in object: JSONValue) -> JSONValue {
        guard let first = path.first, case .object(var fields) = object else { return value }
        fields[first] = setting(Array(path.dropFirst()), to: value, in: fields[first] ?? .object([:]))
        return .object(fields)
    }

    /// The managedFields after an `Update` by `manager` that turned `old` (nil: a create) into `new`.
    static func recordUpdate(from old: JSONValue?, to new: JSONValue, entries: [ManagedFieldsEntry]?, manager: String,
                             apiVersion: String, subresource: String?, separateStatus: Bool, now: Timestamp) -> [ManagedFieldsEntry]? {
        let changes = FieldComparison.changes(from: comparable(old ?? zeroValue(of: new)), to: comparable(new))
        let changed = scoped(changes.added.union(changes.modified), subresource: subresource, separateStatus: separateStatus)
        let removed = changes.removed
        var managers = managers(entries)
        let writer = ManagedFieldsEntry(manager: manager, operation: ManagedFieldsEntry.update, apiVersion: apiVersion,
                                        time: now, fieldsV1: .object([:]), subresource: subresource)
        for index in managers.indices where !managers[index].isSame(as: writer) {
            managers[index].fields = managers[index].fields.subtracting(changed).subtracting(removed)
        }
        guard !changed.isEmpty || !removed.isEmpty else { return self.entries(managers) }
        if let index = managers.firstIndex(where: { $0.isSame(as: writer) }) {
            managers[index].fields = managers[index].fields.subtracting(removed).union(changed)
            managers[index].entry.time = now
        } else {
            managers.append(Manager(entry: writer, fields: changed))
        }
        return self.entries(managers)
    }
}
