import KubeModel

/// Strategic merge patch, simplified: like a JSON merge patch, except that lists Kubernetes
/// declares a merge key for (containers by name, ports by containerPort, ...) merge item by item,
/// a list item `{"$patch": "delete", name: ...}` removes the item with that key, and a map with
/// `"$patch": "replace"` replaces the original map instead of merging into it.
public enum StrategicMerge {
    /// The merge key of each list field, by field name.
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "volumeMounts": "mountPath", "imagePullSecrets": "name",
        "conditions": "type", "ownerReferences": "uid", "hostAliases": "ip", "addresses": "type",
    ]

    /// The merge key of the list `key` holding `items`. Two lists are called `ports`: a
    /// container's, keyed by `containerPort`, and a Service's, keyed by `port`; their items tell
    /// them apart.
    static func mergeKey(_ key: String, _ items: [JSONValue]) -> String? {
        guard key == "ports" else { return mergeKeys[key] }
        return items.contains { $0["containerPort"] != nil } ? "containerPort" : "port"
    }

    public static func apply(_ patch: JSONValue, to original: JSONValue) -> JSONValue {
        guard case .object(var patchFields) = patch else { return patch }
        var fields = original.objectValue ?? [:]
        if patchFields.removeValue(forKey: "$patch") == .string("replace") { fields = [:] }
        for (key, value) in patchFields {
            if value == .null {
                fields[key] = nil
            } else if case .array(let patchItems) = value, case .array(let originalItems)? = fields[key],
                      let mergeKey = mergeKey(key, originalItems + patchItems) {
                fields[key] = .array(mergeList(originalItems, patchItems, mergeKey: mergeKey))
            } else {
                fields[key] = apply(value, to: fields[key] ?? .null)
            }
        }
        return .object(fields)
    }

    static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String) -> [JSONValue] {
        var result = original
        for item in patch {
            guard let keyValue = item[mergeKey] else { result.append(item); continue }
            let index = result.firstIndex { $0[mergeKey] == keyValue }
            if item["$patch"] == .string("delete") {
                if let index { result.remove(at: index) }
            } else if let index {
                result[index] = apply(item, to: result[index])
            } else {
                result.append(item)
            }
        }
        return result
    }

    /// The patch that turns `current` into `desired` for the fields `desired` sets, plus deletions
    /// of fields `lastApplied` set and `desired` no longer does: kubectl apply's three-way diff.
    public static func threeWayPatch(lastApplied: JSONValue?, desired: JSONValue, current: JSONValue) -> JSONValue {
        guard case .object(let wanted) = desired else { return desired == current ? .object([:]) : desired }
        var patch: [String: JSONValue] = [:]
        let have = current.objectValue ?? [:]
        for (key, value) in wanted {
            let previous = lastApplied?[key]
            guard let existing = have[key] else { patch[key] = value; continue }
            if case .array(let wantedItems) = value, case .array(let haveItems) = existing, let mergeKey = mergeKey(key, haveItems + wantedItems) {
                var items: [JSONValue] = []
                for item in wantedItems {
                    let match = haveItems.first { $0[mergeKey] == item[mergeKey] }
                    let previousItem: JSONValue? = {
                        guard case .array(let previousItems)? = previous else { return nil }
                        return previousItems.first { $0[mergeKey] == item[mergeKey] }
                    }()
                    guard let match else { items.append(item); continue }
                    let itemPatch = threeWayPatch(lastApplied: previousItem, desired: item, current: match)
                    if itemPatch != .object([:]), case .object(var itemFields) = itemPatch {
                        itemFields[mergeKey] = item[mergeKey]
                        items.append(.object(itemFields))
                    }
                }
                if case .array(let previousItems)? = previous {
                    for old in previousItems where !wantedItems.contains(where: { $0[mergeKey] == old[mergeKey] }) {
                        if let keyValue = old[mergeKey] { items.append(.object([mergeKey: keyValue, "$patch": .string("delete")])) }
                    }
                }
                if !items.isEmpty { patch[key] = .array(items) }
            } else if case .object = value, case .object = existing {
                let nested = threeWayPatch(lastApplied: previous, desired: value, current: existing)
                if nested != .object([:]) { patch[key] = nested }
            } else if value != existing {
                patch[key] = value
            }
        }
        for (key, _) in lastApplied?.objectValue ?? [:] where wanted[key] == nil && have[key] != nil {
            patch[key] = .null
        }
        return .object(patch)
    }
}
