import KubeModel

/// The two walks over objects that field ownership rests on, after structured-merge-diff's
/// typed values: the set of fields a configuration names, and what changed between two versions
/// of an object.
enum FieldComparison {
    struct Failure: Error, Equatable {
        let message: String
    }

    /// What a write changed: fields that appeared, leaves whose value changed, fields that went.
    struct Changes {
        var added = FieldSet()
        var modified = FieldSet()
        var removed = FieldSet()
    }

    /// The fields `value` (an applied configuration) sets: its leaves, and each item of a keyed
    /// list or set, as `kubectl apply --server-side` comes to own them.
    static func fieldSet(of value: JSONValue) throws(Failure) -> FieldSet {
        var set = FieldSet()
        try collect(value, field: nil, path: [], into: &set)
        return set
    }

    private static func collect(_ value: JSONValue, field: String?, path: [String], into set: inout FieldSet) throws(Failure) {
        switch value {
        case .object(let fields) where !FieldSchema.isLeaf(value, field: field):
            for (key, child) in fields {
                let childPath = path + ["f:" + key]
                if FieldSchema.isLeaf(child, field: key) { set.insert(childPath) } else { try collect(child, field: key, path: childPath, into: &set) }
            }
        case .array(let items) where !FieldSchema.isLeaf(value, field: field):
            let kind = FieldSchema.listKind(field, items)
            for (index, item) in items.enumerated() {
                guard let element = FieldSchema.element(of: item, in: kind) else {
                    let key = FieldSchema.missingKey(of: item, in: kind) ?? ""
                    throw Failure(message: "\(FieldSet.describe(path)): element \(index): associative list with keys has an element that omits key field \"\(key)\" (and doesn't have default value)")
                }
                set.insert(path + [element])
                if case .keyed = kind { try collect(item, field: nil, path: path + [element], into: &set) }
            }
        default:
            set.insert(path)
        }
    }

    /// What changed from `old` to `new` (nil: the object did not exist).
    static func changes(from old: JSONValue?, to new: JSONValue?) -> Changes {
        var changes = Changes()
        compare(old, new, field: nil, path: [], into: &changes)
        return changes
    }

    private static func compare(_ old: JSONValue?, _ new: JSONValue?, field: String?, path: [String], into changes: inout Changes) {
        guard isGranular(old, new, field: field) else {
            if old == nil { changes.added.insert(path) } else if new == nil { changes.removed.insert(path) } else if old != new { changes.modified.insert(path) }
            return
        }
        if !path.isEmpty {
            if old == nil { changes.added.insert(path) } else if new == nil { changes.removed.insert(path) }
        }
        if old?.objectValue != nil || new?.objectValue != nil {
            let before = old?.objectValue ?? [:], after = new?.objectValue ?? [:]
            for key in Set(before.keys).union(after.keys) {
                compare(before[key], after[key], field: key, path: path + ["f:" + key], into: &changes)
            }
            return
        }
        let before = items(old), after = items(new)
        let kind = FieldSchema.listKind(field, before + after)
        let oldItems = itemsByElement(before, kind), newItems = itemsByElement(after, kind)
        for element in Set(oldItems.keys).union(newItems.keys) {
            compare(oldItems[element], newItems[element], field: nil, path: path + [element], into: &changes)
        }
    }

    /// Whether a field is compared item by item rather than as one leaf: a map or list that is
    /// not atomic and not empty on both sides.
    private static func isGranular(_ old: JSONValue?, _ new: JSONValue?, field: String?) -> Bool {
        switch (old, new) {
        case (.object(let a)?, .object(let b)?): return !FieldSchema.isAtomicMap(field) && !(a.isEmpty && b.isEmpty)
        case (.object(let a)?, nil), (nil, .object(let a)?): return !FieldSchema.isAtomicMap(field) && !a.isEmpty
        case (.array(let a)?, .array(let b)?): return !(a.isEmpty && b.isEmpty) && FieldSchema.listKind(field, a + b) != .atomic
        case (.array(let a)?, nil), (nil, .array(let a)?): return !a.isEmpty && FieldSchema.listKind(field, a) != .atomic
        default: return false
        }
    }

    private static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// A list's items by path element; an item without one, or a repeated one, is left out.
    static func itemsByElement(_ items: [JSONValue], _ kind: FieldSchema.ListKind) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for item in items {
            guard let element = FieldSchema.element(of: item, in: kind), result[element] == nil else { continue }
            result[element] = item
        }
        return result
    }
}
