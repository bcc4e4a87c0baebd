import Cluster

/// A filter's comparison, as client-go's jsonpath does it with Go's template `eq`, `lt`...: both
/// sides must be of one basic kind (string, integer, float, bool), or the template fails.
enum JSONPathComparison {
    private enum Basic {
        case bool(Bool), int(Int64), float(Double), string(String)
    }

    static func holds(_ left: JSONValue, _ comparison: String, _ right: JSONValue) throws(JSONPathError) -> Bool {
        switch comparison {
        case "==": return try equal(left, right)
        case "!=": return try !equal(left, right)
        case "<": return try less(left, right)
        case "<=": return try lessOrEqual(left, right)
        case ">": return try !lessOrEqual(left, right)
        case ">=": return try !less(left, right)
        default: throw JSONPathError("unrecognized filter operator \(comparison)")
        }
    }

    private static func lessOrEqual(_ left: JSONValue, _ right: JSONValue) throws(JSONPathError) -> Bool {
        if try less(left, right) { return true }
        return try equal(left, right)
    }

    private static func basic(_ value: JSONValue) throws(JSONPathError) -> Basic {
        switch value {
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .float(number)
        case .string(let text): return .string(text)
        case .null, .array, .object: throw JSONPathError("invalid type for comparison")
        }
    }

    private static func equal(_ left: JSONValue, _ right: JSONValue) throws(JSONPathError) -> Bool {
        switch (try basic(left), try basic(right)) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        default: throw JSONPathError("incompatible types for comparison")
        }
    }

    /// Go orders strings byte by byte.
    private static func less(_ left: JSONValue, _ right: JSONValue) throws(JSONPathError) -> Bool {
        switch (try basic(left), try basic(right)) {
        case (.int(let a), .int(let b)): return a < b
        case (.float(let a), .float(let b)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.bool, .bool): throw JSONPathError("invalid type for comparison")
        default: throw JSONPathError("incompatible types for comparison")
        }
    }
}
