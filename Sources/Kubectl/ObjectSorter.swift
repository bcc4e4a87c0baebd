import Cluster

/// `kubectl get --sort-by=PATH`, as kubectl's sorter.go orders objects: by the first value the
/// path finds in each; numbers as numbers, strings that are both quantities (`500m`, `2Gi`) as
/// quantities, other strings (timestamps too) byte by byte; an object without the value first.
struct ObjectSorter {
    enum Failure: Error {
        /// The path does not parse, fails, or finds nothing in any object: kubectl reports it for
        /// -o name/json/yaml/jsonpath/custom-columns, and prints an empty table for a table.
        case invalid(String)
        /// Values kubectl cannot compare (objects, arrays, mixed types); kubectl exits with this.
        case unsortable(String)
    }

    private let path: JSONPath

    init(_ expression: String) throws(Failure) {
        do {
            path = try JSONPath(JSONPath.relaxed(expression))
        } catch {
            throw .invalid(error.message)
        }
    }

    /// The positions of `documents` in sorted order.
    func order(_ documents: [JSONValue]) throws(Failure) -> [Int] {
        var keys: [JSONValue?] = []
        for document in documents {
            do {
                keys.append(try path.results(in: document).first?.first)
            } catch {
                throw .invalid(error.message)
            }
        }
        guard documents.isEmpty || keys.contains(where: { $0 != nil }) else {
            throw .invalid("couldn't find any field with path \(GoQuote.quote(path.template)) in the list of objects")
        }
        // Go's sort.Sort is an insertion sort for up to 12 items; stepkube sorts every list so.
        // kubectl's `less` calls a missing value less than anything, another missing one included.
        var order = Array(documents.indices)
        for next in order.indices.dropFirst() {
            var index = next
            while index > 0, try less(keys[order[index]], keys[order[index - 1]]) {
                order.swapAt(index, index - 1)
                index -= 1
            }
        }
        return order
    }

    private func less(_ left: JSONValue?, _ right: JSONValue?) throws(Failure) -> Bool {
        guard let left else { return true }
        guard let right else { return false }
        switch (left, right) {
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.string(let a), .string(let b)):
            if let first = Quantity(a), let second = Quantity(b) { return first.milliValue < second.milliValue }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.int, _), (.double, _), (.string, _):
            throw unsortable("unsortable interface: interface")
        default:
            throw unsortable("unsortable type: \(JSONPathEvaluator.goType(left))")
        }
    }

    private func unsortable(_ reason: String) -> Failure {
        .unsortable("Field \(path.template) in *unstructured.Unstructured is an unsortable type: interface, err: \(reason)")
    }
}
