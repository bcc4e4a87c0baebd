import KubeModel

/// Strategic merge patch, as kube-apiserver applies `application/strategic-merge-patch+json`:
/// like a JSON merge patch, except that the lists Kubernetes declares a merge key for
/// (containers by name, ports by containerPort, ...) merge item by item, `finalizers` merge as a
/// set, and the directives `$patch` (replace, delete), `$retainKeys`, `$setElementOrder/FIELD`
/// and `$deleteFromPrimitiveList/FIELD` are obeyed.
public enum StrategicMerge {
    public struct Failure: Error, Equatable {
        public let message: String
    }

    static let directive = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let setElementOrderPrefix = "$setElementOrder/"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"

    /// The merge key of each list field whose patch strategy is merge, by field name.
    static let mergeKeys: [String: String] = [
        "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "volumes": "name",
        "env": "name", "volumeMounts": "mountPath", "volumeDevices": "devicePath", "imagePullSecrets": "name",
        "conditions": "type", "ownerReferences": "uid", "hostAliases": "ip", "addresses": "type",
        "topologySpreadConstraints": "topologyKey", "resourceClaims": "name", "schedulingGates": "name",
    ]

    /// Lists of strings whose patch strategy is merge: the patch's items are added to the original's.
    static let mergedPrimitiveLists: Set<String> = ["finalizers"]

    /// The merge key of the list `key` holding `items`. Two lists are called `ports`: a
    /// container's, keyed by `containerPort`, and a Service's, keyed by `port`; their items tell
    /// them apart.
    static func mergeKey(_ key: String, _ items: [JSONValue]) -> String? {
        guard key == "ports" else { return mergeKeys[key] }
        return items.contains { $0["containerPort"] != nil } ? "containerPort" : "port"
    }

    /// The original with the patch applied. A patch that is not an object replaces the original.
    public static func apply(_ patch: JSONValue, to original: JSONValue) throws(Failure) -> JSONValue {
        guard case .object(let patchFields) = patch else { return patch }
        return .object(try mergeMap(original.objectValue ?? [:], patchFields))
    }

    static func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue]) throws(Failure) -> [String: JSONValue] {
        var patch = patch
        if let directive = patch.removeValue(forKey: directive) {
            switch directive {
            case .string("replace"): return patch
            case .string("delete"): return [:]
            default: throw badPatchType(directive, patch)
            }
        }
        var fields = original
        if let retain = patch.removeValue(forKey: retainKeysDirective) {
            guard case .array(let names) = retain else { throw Failure(message: "invalid patch format of retainKeys") }
            let kept = Set(names.compactMap(\.stringValue))
            if patch.contains(where: { $0.value != .null && !$0.key.hasPrefix("$") && !kept.contains($0.key) }) {
                throw Failure(message: "invalid patch format of retainKeys")
            }
            fields = fields.filter { kept.contains($0.key) }
        }
        for key in patch.keys.sorted() where key.hasPrefix(deleteFromPrimitiveListPrefix) {
            let field = String(key.dropFirst(deleteFromPrimitiveListPrefix.count))
            guard case .array(let doomed)? = patch[key] else { throw Failure(message: "invalid patch format of primitive list") }
            patch[key] = nil
            if case .array(let items)? = fields[field] { fields[field] = .array(deleting(doomed, from: items)) }
        }
        for key in patch.keys.sorted() where key.hasPrefix(setElementOrderPrefix) {
            let field = String(key.dropFirst(setElementOrderPrefix.count))
            guard case .array(let order)? = patch.removeValue(forKey: key) else {
                throw Failure(message: "invalid patch format of setElementOrder list")
            }
            var originalItems: [JSONValue] = []
            if case .array(let items)? = fields[field] { originalItems = items }
            let patchItems: [JSONValue]
            switch patch.removeValue(forKey: field) {
            case .array(let items)?: patchItems = items
            case nil: patchItems = []
            default: throw Failure(message: "invalid patch format of setElementOrder list")
            }
            let merged = try mergeField(field, originalItems, patchItems)
            fields[field] = .array(ordered(merged, by: order, original: originalItems, mergeKey: mergeKey(field, originalItems + patchItems)))
        }
        for (key, value) in patch.sorted(by: { $0.key < $1.key }) {
            if value == .null {
                fields[key] = nil
            } else if case .array(let patchItems) = value, case .array(let originalItems)? = fields[key] {
                fields[key] = .array(try mergeField(key, originalItems, patchItems))
            } else if case .object(let patchMap) = value {
                fields[key] = .object(try mergeMap(fields[key]?.objectValue ?? [:], patchMap))
            } else if case .array(let patchItems) = value {
                fields[key] = .array(try mergeField(key, [], patchItems))
            } else {
                fields[key] = value
            }
        }
        return fields
    }

    /// Merges the list field `key`: by merge key, as a set of strings, or not at all (the patch's list replaces it).
    static func mergeField(_ key: String, _ original: [JSONValue], _ patch: [JSONValue]) throws(Failure) -> [JSONValue] {
        if let mergeKey = mergeKey(key, original + patch), patch.allSatisfy({ $0.objectValue != nil }) {
            return try mergeList(original, patch, mergeKey: mergeKey)
        }
        if mergedPrimitiveLists.contains(key) {
            var union: [JSONValue] = []
            for item in original + patch where !union.contains(item) { union.append(item) }
            return union
        }
        return patch
    }

    static func mergeList(_ original: [JSONValue], _ patch: [JSONValue], mergeKey: String) throws(Failure) -> [JSONValue] {
        var result = original
        var plain: [[String: JSONValue]] = []
        var replace = false
        for case .object(let item) in patch {
            guard let directive = item[directive] else { plain.append(item); continue }
            switch directive {
            case .string("delete"):
                guard let keyValue = item[mergeKey] else { throw Failure(message: "delete patch type with no merge key defined") }
                result.removeAll { $0[mergeKey] == keyValue }
            case .string("replace"): replace = true
            case .string("merge"): throw Failure(message: "merging lists cannot yet be specified in the patch")
            default: throw badPatchType(directive, item)
            }
        }
        if replace { return plain.map(JSONValue.object) }
        for item in plain {
            guard let keyValue = item[mergeKey] else {
                throw Failure(message: "map: \(goDescription(.object(item))) does not contain declared merge key: \(mergeKey)")
            }
            if let index = result.firstIndex(where: { $0[mergeKey] == keyValue }) {
                result[index] = .object(try mergeMap(result[index].objectValue ?? [:], item))
            } else {
                result.append(.object(try mergeMap([:], item)))
            }
        }
        return result
    }

    /// `$deleteFromPrimitiveList`: the items left, unique and sorted, as the API server returns them.
    static func deleting(_ doomed: [JSONValue], from items: [JSONValue]) -> [JSONValue] {
        var kept: [String: JSONValue] = [:]
        for item in items where !doomed.contains(item) { kept[goDescription(item)] = item }
        return kept.keys.sorted().compactMap { kept[$0] }
    }

    /// `$setElementOrder`: the items the order names come in its order; the items only the
    /// server had keep their place relative to them, as they stood in the original list.
    static func ordered(_ merged: [JSONValue], by order: [JSONValue], original: [JSONValue], mergeKey: String?) -> [JSONValue] {
        func identity(_ item: JSONValue) -> JSONValue { mergeKey.flatMap { item[$0] } ?? item }
        let orderKeys = order.map(identity)
        let named = merged.filter { orderKeys.contains(identity($0)) }
            .sorted { (orderKeys.firstIndex(of: identity($0)) ?? 0) < (orderKeys.firstIndex(of: identity($1)) ?? 0) }
        let serverOnly = merged.filter { !orderKeys.contains(identity($0)) }
        let originalKeys = original.map(identity)
        var result: [JSONValue] = []
        var left = serverOnly[...], right = named[...]
        while let server = left.first {
            guard let patched = right.first else { break }
            if let serverIndex = originalKeys.firstIndex(of: identity(server)),
               let patchedIndex = originalKeys.firstIndex(of: identity(patched)), serverIndex < patchedIndex {
                result.append(server)
                left = left.dropFirst()
            } else {
                result.append(patched)
                right = right.dropFirst()
            }
        }
        return result + Array(left) + Array(right)
    }

    static func badPatchType(_ directive: JSONValue, _ map: [String: JSONValue]) -> Failure {
        var shown = map
        shown[Self.directive] = directive
        return Failure(message: "Unknown patch type: \(goDescription(directive)) in map: \(goDescription(.object(shown)))")
    }

    /// A value as Go's `%v` prints a decoded JSON value: `map[name:web ports:[80 443]]`.
    static func goDescription(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .string(let text): return text
        case .array(let items): return "[" + items.map(goDescription).joined(separator: " ") + "]"
        case .object(let fields):
            return "map[" + fields.keys.sorted().map { "\($0):\(goDescription(fields[$0] ?? .null))" }.joined(separator: " ") + "]"
        default: return value.render(indent: "")
        }
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
