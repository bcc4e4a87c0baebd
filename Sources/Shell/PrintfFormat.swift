import Foundation

/// printf's conversions (%s %d %i %f %x %c %b %%), with flags `-` and `0`, widths and precisions.
enum PrintfFormat {
    /// Renders `format` once, taking arguments from the front of `arguments`.
    static func render(_ format: String, arguments: inout ArraySlice<String>) -> String {
        var output = ""
        var characters = Substring(format)
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "%" else { output.append(character); continue }
            if characters.first == "%" { output.append("%"); characters = characters.dropFirst(); continue }
            let spec = characters.prefix { "-0+ #.0123456789".contains($0) }
            characters = characters.dropFirst(spec.count)
            guard let conversion = characters.first else { output += "%" + spec; break }
            characters = characters.dropFirst()
            let argument = arguments.popFirst() ?? ""
            let leftAlign = spec.hasPrefix("-")
            let numbers = spec.drop { "-0+ #".contains($0) }.split(separator: ".", omittingEmptySubsequences: false)
            let width = numbers.first.flatMap { Int($0) } ?? 0
            let precision = numbers.count > 1 ? Int(numbers[1]) ?? 0 : nil
            var text: String
            switch conversion {
            case "d", "i": text = String(Int(argument.trimmingCharacters(in: .whitespaces)) ?? 0)
            case "f": text = String(format: "%.\(min(precision ?? 6, 30))f", Double(argument) ?? 0)
            case "x": text = String(Int(argument) ?? 0, radix: 16)
            case "c": text = argument.first.map(String.init) ?? ""
            case "b": text = TextTools.unescape(argument)
            case "s": text = precision.map { String(argument.prefix($0)) } ?? argument
            default: text = "%" + spec + String(conversion)
            }
            let padding = String(repeating: spec.hasPrefix("0") && "dif".contains(conversion) ? "0" : " ", count: max(0, min(width, 1000) - text.count))
            text = leftAlign ? text + padding.replacingOccurrences(of: "0", with: " ") : padding + text
            output += text
        }
        return output
    }
}
