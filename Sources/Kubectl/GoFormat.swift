import Cluster

/// Go's fmt and strconv renderings that kubectl's messages and columns show: `%v` of a decoded
/// JSON value (custom-columns cells), `%#v` (jsonpath's debugging dump), `%q`, `%#U`, and
/// strconv.Unquote for quoted JSONPath text.
enum GoFormat {
    /// `fmt.Sprint(value)`: `map[a:1 b:x]`, `[1 2]`, `<nil>`.
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): float(number)
        case .string(let text): text
        case .array(let items): "[" + items.map(plain).joined(separator: " ") + "]"
        case .object(let fields):
            "map[" + fields.keys.sorted().map { "\($0):\(fields[$0].map(plain) ?? "")" }.joined(separator: " ") + "]"
        }
    }

    /// `fmt.Sprintf("%#v", value)` of a value decoded into `interface{}`.
    static func syntax(_ value: JSONValue) -> String {
        switch value {
        case .null: "interface {}(nil)"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): float(number)
        case .string(let text): GoQuote.quote(text)
        case .array(let items): "[]interface {}{" + items.map(syntax).joined(separator: ", ") + "}"
        case .object(let fields):
            "map[string]interface {}{"
                + fields.keys.sorted().map { "\(GoQuote.quote($0)):\(fields[$0].map(syntax) ?? "")" }.joined(separator: ", ") + "}"
        }
    }

    /// `%v` of a float64: the shortest digits, in exponent form below 1e-4 or from 1e6 up.
    static func float(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-Inf" : "+Inf") }
        if number == 0 { return number.sign == .minus ? "-0" : "0" }
        // Swift's description has the same shortest digits; only the layout differs.
        let text = String(describing: abs(number)).lowercased()
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first ?? ""
        let shift = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integer = mantissa.prefix { $0 != "." }
        let fraction = mantissa.dropFirst(integer.count + 1)
        var digits = Array(integer + fraction)
        var point = integer.count + shift
        while digits.first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0", digits.count > 1 { digits.removeLast() }
        let sign = number < 0 ? "-" : ""
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            let rest = digits.dropFirst()
            let magnitude = String(abs(exponent))
            return sign + String(digits.prefix(1)) + (rest.isEmpty ? "" : "." + String(rest)) + "e"
                + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
    }

    /// `%#U`: `U+002C ','`, without the character when it does not print.
    static func rune(_ scalar: Unicode.Scalar) -> String {
        "U+" + hex(scalar.value, width: 4) + (GoQuote.isPrintable(scalar) ? " '\(Character(scalar))'" : "")
    }

    /// Go's strconv.Unquote, also for single-quoted strings (client-go's UnquoteExtend); nil
    /// where Go reports invalid syntax.
    static func unquote(_ quoted: String) -> String? {
        let scalars = Array(quoted.unicodeScalars)
        guard scalars.count >= 2, let quote = scalars.first, scalars.last == quote, quote == "\"" || quote == "'" else { return nil }
        let body = scalars.dropFirst().dropLast()
        var out = String.UnicodeScalarView()
        var index = body.startIndex
        while index < body.endIndex {
            let scalar = body[index]
            index += 1
            if scalar == quote { return nil }
            guard scalar == "\\" else { out.append(scalar); continue }
            guard index < body.endIndex else { return nil }
            let escape = body[index]
            index += 1
            let simple: [Unicode.Scalar: Unicode.Scalar] = ["a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}", "\\": "\\"]
            if let replacement = simple[escape] {
                out.append(replacement)
            } else if escape == "\"" || escape == "'" {
                guard escape == quote else { return nil }
                out.append(escape)
            } else if let width = ["x": 2, "u": 4, "U": 8][escape] {
                guard body.endIndex - index >= width, let value = UInt32(String(String.UnicodeScalarView(body[index..<(index + width)])), radix: 16),
                      let decoded = Unicode.Scalar(value) else { return nil }
                out.append(decoded)
                index += width
            } else if ("0"..."7").contains(escape) {
                guard body.endIndex - index >= 2 else { return nil }
                let digits = String(String.UnicodeScalarView([escape] + body[index..<(index + 2)]))
                guard let value = UInt32(digits, radix: 8), value <= 255, let decoded = Unicode.Scalar(value) else { return nil }
                out.append(decoded)
                index += 2
            } else {
                return nil
            }
        }
        return String(out)
    }

    /// Go's strconv.IsPrint, near enough: letters, marks, numbers, punctuation, symbols, space.
    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
