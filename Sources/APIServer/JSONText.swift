import KubeModel

/// JSON text to a JSONValue, failing with Go's encoding/json messages (`unexpected end of JSON
/// input`, `invalid character '}' after object key`), which kube-apiserver returns for a request
/// body that is not JSON and kubectl prints for a patch it applies itself.
public enum JSONText {
    public struct SyntaxError: Error, Equatable {
        public let message: String
    }

    /// Nesting deeper than this is refused rather than risk the stack (Go refuses past 10000).
    static let maximumDepth = 500

    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if let extra = reader.peek { throw reader.invalid(extra, "after top-level value") }
        return value
    }

    /// Whether `text` looks like JSON rather than YAML, as kubectl's YAML-to-JSON step decides:
    /// its first non-blank character opens an object or an array.
    public static func hasJSONPrefix(_ text: String) -> Bool {
        let first = text.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) }
        return first == "{" || first == "["
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
        }

        /// Go's quoteChar: `'x'`, with `'\''` and `'"'` spelled out.
        func invalid(_ byte: UInt8, _ context: String) -> SyntaxError {
            let character: String
            switch byte {
            case UInt8(ascii: "'"): character = "'\\''"
            case UInt8(ascii: "\""): character = "'\"'"
            case 0x0A: character = "'\\n'"
            case 0x09: character = "'\\t'"
            case 0x0D: character = "'\\r'"
            case 0x20...0x7E: character = "'\(Character(Unicode.Scalar(byte)))'"
            default: character = "'\\x\(String(byte, radix: 16))'"
            }
            return SyntaxError(message: "invalid character \(character) \(context)")
        }

        var end: SyntaxError { SyntaxError(message: "unexpected end of JSON input") }

        mutating func next() throws(SyntaxError) -> UInt8 {
            skipSpace()
            guard let byte = peek else { throw end }
            return byte
        }

        mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
            guard depth < JSONText.maximumDepth else { throw SyntaxError(message: "exceeded max depth") }
            guard let byte = peek else { throw end }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw invalid(byte, "looking for beginning of value")
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
            position += 1
            var fields: [String: JSONValue] = [:]
            if try next() == UInt8(ascii: "}") { position += 1; return .object(fields) }
            while true {
                let keyStart = try next()
                guard keyStart == UInt8(ascii: "\"") else { throw invalid(keyStart, "looking for beginning of object key string") }
                let key = try string()
                let colon = try next()
                guard colon == UInt8(ascii: ":") else { throw invalid(colon, "after object key") }
                position += 1
                skipSpace()
                fields[key] = try value(depth: depth + 1)
                let separator = try next()
                position += 1
                if separator == UInt8(ascii: "}") { return .object(fields) }
                guard separator == UInt8(ascii: ",") else { throw invalid(separator, "after object key:value pair") }
            }
        }

        mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
            position += 1
            var items: [JSONValue] = []
            if try next() == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                let separator = try next()
                position += 1
                if separator == UInt8(ascii: "]") { return .array(items) }
                guard separator == UInt8(ascii: ",") else { throw invalid(separator, "after array element") }
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            for expected in word.utf8 {
                guard let byte = peek else { throw end }
                guard byte == expected else {
                    throw invalid(byte, "in literal \(word) (expecting '\(Character(Unicode.Scalar(expected)))')")
                }
                position += 1
            }
        }

        mutating func number() throws(SyntaxError) -> JSONValue {
            let start = position
            if peek == UInt8(ascii: "-") { position += 1 }
            func digits() -> Int {
                let from = position
                while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
                return position - from
            }
            guard let first = peek else { throw end }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw invalid(first, "in numeric literal") }
            if first == UInt8(ascii: "0") { position += 1 } else { _ = digits() }
            var integral = true
            if peek == UInt8(ascii: ".") {
                position += 1
                integral = false
                guard let byte = peek else { throw end }
                guard digits() > 0 else { throw invalid(byte, "after decimal point in numeric literal") }
            }
            if let byte = peek, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                position += 1
                integral = false
                if let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
                guard let digit = peek else { throw end }
                guard digits() > 0 else { throw invalid(digit, "in exponent of numeric literal") }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if integral, let number = Int64(text) { return .int(number) }
            return .double(Double(text) ?? 0)
        }

        mutating func string() throws(SyntaxError) -> String {
            position += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while true {
                guard let byte = peek else { throw end }
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard let escape = peek else { throw end }
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var code: UInt32 = 0
                        for _ in 0..<4 {
                            guard let hex = peek else { throw end }
                            guard let digit = Character(Unicode.Scalar(hex)).hexDigitValue else { throw invalid(hex, "in \\u hexadecimal character escape") }
                            code = code * 16 + UInt32(digit)
                            position += 1
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: throw invalid(escape, "in string escape code")
                    }
                case 0x00..<0x20:
                    throw invalid(byte, "in string literal")
                default:
                    raw.append(byte)
                }
            }
        }
    }
}
