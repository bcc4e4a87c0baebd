import Cluster

/// kubectl's `-o jsonpath=TEMPLATE`, the subset exam tasks use: literal text, `{.a.b[0].c}`,
/// `[*]` over arrays, quoted strings such as `{"\n"}`, and `{range EXPR}...{end}`.
public struct JSONPathTemplate {
    private indirect enum Part {
        case text(String)
        case path([String])
        case range([String], [Part])
    }
    private let parts: [Part]

    public init(_ template: String) throws(KubectlError) {
        var tokens: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { tokens.append("T" + rest[..<open]) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .message("error parsing jsonpath \(template), unclosed action")
            }
            tokens.append("A" + rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { tokens.append("T" + rest) }
        var index = 0
        parts = try JSONPathTemplate.parse(tokens, &index, template: template, nested: false)
    }

    private static func parse(_ tokens: [String], _ index: inout Int, template: String, nested: Bool) throws(KubectlError) -> [Part] {
        var parts: [Part] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let body = String(token.dropFirst())
            if token.hasPrefix("T") { parts.append(.text(body)); continue }
            if body == "end" {
                guard nested else { throw .message("error parsing jsonpath \(template), not in range") }
                return parts
            }
            if body.hasPrefix("range ") {
                let path = try steps(String(body.dropFirst(6)), template: template)
                parts.append(.range(path, try parse(tokens, &index, template: template, nested: true)))
            } else if body.hasPrefix("\""), body.hasSuffix("\""), body.count >= 2 {
                parts.append(.text(String(body.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\t", with: "\t")))
            } else {
                parts.append(.path(try steps(body, template: template)))
            }
        }
        if nested { throw .message("error parsing jsonpath \(template), unclosed range") }
        return parts
    }

    /// `.items[*].metadata.name` → ["items", "*", "metadata", "name"].
    private static func steps(_ expression: String, template: String) throws(KubectlError) -> [String] {
        var text = expression.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("$") || text.hasPrefix("@") { text.removeFirst() }
        guard text.isEmpty || text.hasPrefix(".") || text.hasPrefix("[") else {
            throw .message("error parsing jsonpath \(template), unrecognized character in action: U+\(String(format: "%04X", text.unicodeScalars.first?.value ?? 0)) '\(text.first.map(String.init) ?? "")'")
        }
        return text.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "").split(separator: ".").map(String.init)
    }

    public func render(_ root: JSONValue) throws(KubectlError) -> String { try render(parts, root) }

    private func render(_ parts: [Part], _ current: JSONValue) throws(KubectlError) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .path(let path):
                output += try JSONPathTemplate.select(path, from: current).map(JSONPathTemplate.text).joined(separator: " ")
            case .range(let path, let body):
                for item in try JSONPathTemplate.select(path, from: current) { output += try render(body, item) }
            }
        }
        return output
    }

    private static func select(_ path: [String], from root: JSONValue) throws(KubectlError) -> [JSONValue] {
        var values = [root]
        for step in path {
            var next: [JSONValue] = []
            for value in values {
                switch value {
                case .array(let items) where step == "*": next += items
                case .array(let items):
                    guard let number = Int(step) else { throw .message("error executing jsonpath: \(step) is not an array index") }
                    let position = number < 0 ? items.count + number : number
                    guard items.indices.contains(position) else { throw .message("array index out of bounds: index \(number), length \(items.count)") }
                    next.append(items[position])
                case .object(let fields) where step == "*": next += fields.keys.sorted().compactMap { fields[$0] }
                case .object(let fields):
                    if let field = fields[step] { next.append(field) }
                default: continue
                }
            }
            values = next
        }
        return values
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return ""
        default: return value.render(indent: "")
        }
    }
}
