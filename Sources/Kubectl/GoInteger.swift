/// Go's `strconv.ParseInt(text, 0, bits)`, which pflag uses for every integer flag.
enum GoInteger {
    enum Problem: String, Error {
        case syntax = "invalid syntax"
        case range = "value out of range"
    }

    static func parse(_ text: String, bits: Int) -> Result<Int, Problem> {
        var body = Substring(text)
        let negative = body.first == "-"
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") {
            radix = lower.hasPrefix("0x") ? 16 : lower.hasPrefix("0o") ? 8 : 2
            body = body.dropFirst(2)
        } else if body.count > 1, body.first == "0" {
            radix = 8
            body = body.dropFirst()
        }
        // Underscores only between digits (or after a base prefix), as Go's underscoreOK.
        let hasPrefix = radix != 10
        let pieces = body.split(separator: "_", omittingEmptySubsequences: false)
        guard pieces.dropFirst().allSatisfy({ !$0.isEmpty }), hasPrefix || pieces.first?.isEmpty == false else { return .failure(.syntax) }
        let digits = pieces.joined()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && Int(String($0), radix: 16).map { $0 < radix } == true }) else {
            return .failure(.syntax)
        }
        let limit = bits >= 64 ? UInt64(Int64.max) : (UInt64(1) << UInt64(bits - 1)) - 1
        guard let magnitude = UInt64(digits, radix: radix), magnitude <= limit + (negative ? 1 : 0) else { return .failure(.range) }
        if negative { return .success(magnitude == UInt64(Int64.max) + 1 ? Int.min : -Int(magnitude)) }
        return .success(Int(magnitude))
    }
}
