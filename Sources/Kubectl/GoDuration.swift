import KubeModel
/// A duration flag as kubectl reads it, with Go's time.ParseDuration: `30s`, `1m30s`, `1.5h`,
/// `250ms`, `0`, with Go's errors (`time: missing unit in duration "5"`). A day is not a unit.
enum GoDuration {
    /// Milliseconds per unit; nanoseconds and microseconds count as fractions of one.
    private static let units: [(name: String, milliseconds: Double)] = [
        ("ns", 1e-6), ("us", 1e-3), ("µs", 1e-3), ("μs", 1e-3), ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// About 290 years, the most a Go duration holds.
    private static let maximum = 9_223_372_036_854.0

    /// The duration in milliseconds (negative when it starts with `-`), or Go's message.
    static func parse(_ text: String) -> Result<Int64, KubectlError> {
        let quoted = GoQuote.quote(text)
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return .success(0) }
        guard !rest.isEmpty else { return .failure(.message("time: invalid duration \(quoted)")) }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else {
                return .failure(.message("time: invalid duration \(quoted)"))
            }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard !unitText.isEmpty else { return .failure(.message("time: missing unit in duration \(quoted)")) }
            guard let unit = units.first(where: { $0.name == unitText }) else {
                return .failure(.message("time: unknown unit \(GoQuote.quote(String(unitText))) in duration \(quoted)"))
            }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.milliseconds
            guard total < maximum else { return .failure(.message("time: invalid duration \(quoted)")) }
        }
        return .success(Int64(sign * total))
    }

    /// A `--timeout`-style flag, or cobra's error for its value.
    static func flag(_ arguments: Arguments, _ name: String, default fallback: Int64) throws(KubectlError) -> Int64 {
        guard let text = arguments.value(name) else { return fallback }
        switch parse(text) {
        case .success(let milliseconds): return milliseconds
        case .failure(.message(let reason)): throw .flag("invalid argument \(GoQuote.quote(text)) for \"--\(name)\" flag: \(reason)")
        case .failure(let error): throw error
        }
    }
}
