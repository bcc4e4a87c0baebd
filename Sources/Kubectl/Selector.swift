import Cluster
import Foundation

/// A label selector typed on the command line (`app=web,tier!=db,env in (a,b),!legacy`),
/// read into the API's LabelSelector so that matching is the API's own.
public enum Selector {
    /// `-l` of a command that reads files (apply, diff), in the resource builder's words when it
    /// does not parse.
    static func parseForFiles(_ text: String) throws(KubectlError) -> LabelSelector {
        do throws(KubectlError) {
            return try parse(text)
        } catch .message(let reason) {
            throw .message("the provided selector \(GoFormat.quote(text)) is not valid: \(reason)")
        }
    }

    public static func parse(_ text: String) throws(KubectlError) -> LabelSelector {
        var matchLabels: [String: String] = [:]
        var expressions: [LabelSelectorRequirement] = []
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 { parts.append(current); current = ""; continue }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        if depth > 0 { throw .message("unable to parse requirement: found '', expected: ',' or ')'") }
        for raw in parts {
            let part = raw.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            if part.hasPrefix("=") || part.hasPrefix("!=") {
                let token = part.hasPrefix("!=") ? "!=" : part.hasPrefix("==") ? "==" : "="
                throw .message("found '\(token)', expected: !, identifier, or 'end of string'")
            }
            if let range = part.range(of: " notin ") ?? part.range(of: " in ") {
                let key = String(part[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
                let list = part[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
                let values = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                expressions.append(LabelSelectorRequirement(key: key, operator: part.contains(" notin ") ? "NotIn" : "In", values: values))
            } else if let range = part.range(of: "!=") {
                expressions.append(LabelSelectorRequirement(key: String(part[..<range.lowerBound]), operator: "NotIn", values: [String(part[range.upperBound...])]))
            } else if let range = part.range(of: "==") ?? part.range(of: "=") {
                matchLabels[String(part[..<range.lowerBound])] = String(part[range.upperBound...])
            } else if part.hasPrefix("!") {
                expressions.append(LabelSelectorRequirement(key: String(part.dropFirst()), operator: "DoesNotExist"))
            } else if part.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) {
                expressions.append(LabelSelectorRequirement(key: part, operator: "Exists"))
            } else {
                throw .message("unable to parse requirement: found '\(part)', expected: identifier")
            }
        }
        return LabelSelector(matchLabels: matchLabels.isEmpty ? nil : matchLabels, matchExpressions: expressions.isEmpty ? nil : expressions)
    }
}
