import Foundation
import KubeModel

/// A set of field paths, as structured-merge-diff's fieldpath.Set keeps what a manager owns:
/// a tree whose edges are path elements in their FieldsV1 spelling (`f:replicas`,
/// `k:{"name":"nginx"}` for an item of a keyed list, `v:"x"` for an item of a set, `i:0`).
struct FieldSet: Equatable, Sendable {
    /// Whether the path that ends at this node is itself in the set.
    var isMember = false
    var children: [String: FieldSet] = [:]

    init() {}

    var isEmpty: Bool { !isMember && children.isEmpty }

    mutating func insert(_ path: [String]) {
        guard let first = path.first else { isMember = true; return }
        children[first, default: FieldSet()].insert(Array(path.dropFirst()))
    }

    func contains(_ path: [String]) -> Bool {
        guard let first = path.first else { return isMember }
        return children[first]?.contains(Array(path.dropFirst())) ?? false
    }

    /// Whether the set holds `path` or any path below it.
    func holds(orBelow path: [String]) -> Bool {
        guard let first = path.first else { return !isEmpty }
        return children[first]?.holds(orBelow: Array(path.dropFirst())) ?? false
    }

    func union(_ other: FieldSet) -> FieldSet {
        var result = self
        result.isMember = isMember || other.isMember
        for (element, child) in other.children {
            result.children[element] = children[element].map { $0.union(child) } ?? child
        }
        return result
    }

    /// The paths of this set that `other` does not hold (exact paths, not subtrees).
    func subtracting(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.isMember = isMember && !other.isMember
        for (element, child) in children {
            let rest = other.children[element].map { child.subtracting($0) } ?? child
            if !rest.isEmpty { result.children[element] = rest }
        }
        return result
    }

    func intersection(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.isMember = isMember && other.isMember
        for (element, child) in children {
            guard let theirs = other.children[element] else { continue }
            let common = child.intersection(theirs)
            if !common.isEmpty { result.children[element] = common }
        }
        return result
    }

    /// Every path of the set, in structured-merge-diff's order: at each level the members
    /// first, then the paths below each child, both sorted.
    var paths: [[String]] {
        let elements = children.keys.sorted()
        var result = elements.filter { children[$0]?.isMember == true }.map { [$0] }
        for element in elements {
            guard let child = children[element] else { continue }
            var below = child
            below.isMember = false
            result += below.paths.map { [element] + $0 }
        }
        return result
    }

    // MARK: FieldsV1

    /// The set as `metadata.managedFields[].fieldsV1` writes it: `{}` for a member without
    /// children, `".": {}` for a member that has some.
    var fieldsV1: JSONValue {
        var fields: [String: JSONValue] = [:]
        if isMember && !children.isEmpty { fields["."] = .object([:]) }
        for (element, child) in children { fields[element] = child.fieldsV1 }
        return .object(fields)
    }

    init(fieldsV1: JSONValue) {
        for (element, value) in fieldsV1.objectValue ?? [:] {
            if element == "." { isMember = true; continue }
            var child = FieldSet(fieldsV1: value)
            if value.objectValue?.isEmpty ?? true { child.isMember = true }
            children[element] = child
        }
    }

    // MARK: Paths as messages write them

    /// `.spec.template.spec.containers[name="nginx"].image`, as fieldpath.Path prints.
    static func describe(_ path: [String]) -> String {
        path.map(describe(element:)).joined()
    }

    static func describe(element: String) -> String {
        let body = String(element.dropFirst(2))
        switch element.prefix(2) {
        case "f:": return "." + body
        case "i:": return "[" + body + "]"
        case "v:": return "[=" + body + "]"
        case "k:":
            guard let fields = (try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)))?.objectValue else { return "[" + body + "]" }
            return "[" + fields.keys.sorted().map { "\($0)=" + (fields[$0] ?? .null).render(indent: "") }.joined(separator: ",") + "]"
        default: return element
        }
    }
}
