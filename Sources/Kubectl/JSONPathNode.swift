/// One piece of a parsed JSONPath template, as client-go's jsonpath parser builds it. The tree is
/// flat: `range` and `end` are identifiers the evaluator pairs up at run time, as client-go does.
indirect enum JSONPathNode: Equatable, Sendable {
    /// Text outside `{}`, or a quoted string inside.
    case text(String)
    /// One `{...}` action: its nodes apply one after the other.
    case list([JSONPathNode])
    /// `.name`: a key of an object.
    case field(String)
    /// A bare word: `range`, `end`, or one the evaluator rejects.
    case identifier(String)
    /// `[N]`, `[start:end:step]`, `[*]`.
    case slice(JSONPathSlice)
    /// `[?(@.a == "x")]`, or `[?(@.a)]` whose operator is `exists`.
    case filter(left: [JSONPathNode], operator: String, right: [JSONPathNode])
    case int(Int)
    case float(Double)
    case bool(Bool)
    /// `.*`
    case wildcard
    /// `..`: the value and everything inside it.
    case recursive
    /// `[0,2]`, `['a','b']`: each branch applies to the same input.
    case union([[JSONPathNode]])
}

/// The three numbers of `[start:end:step]`. `end` is derived (start + 1) for a plain `[N]`.
struct JSONPathSlice: Equatable, Sendable {
    struct Bound: Equatable, Sendable {
        var value = 0
        var known = false
        var derived = false
    }
    var start = Bound()
    var end = Bound()
    var step = Bound()
}

/// A parse or evaluation failure, worded as client-go words it.
struct JSONPathError: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
