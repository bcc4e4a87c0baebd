import KubeModel
import Foundation

/// kubectl get's `-o`, read as kubectl's print flags read it, with their errors.
enum OutputFormat {
    case table(wide: Bool)
    case yaml
    case json
    case name
    case jsonPath(JSONPathTemplate, asJSON: Bool)
    case customColumns(CustomColumns)

    /// Every format kubectl get knows, as its error lists them.
    private static let known = ["custom-columns", "custom-columns-file", "go-template", "go-template-file", "json", "jsonpath",
                                "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "wide", "yaml"]

    /// `text` is the value of -o; files (`jsonpath-file=`, `custom-columns-file=`) are read
    /// relative to `directory`.
    init(_ text: String, noHeaders: Bool, directory: String) throws(KubectlError) {
        let name = String(text.prefix { $0 != "=" })
        let value = text.contains("=") ? String(text.drop { $0 != "=" }.dropFirst()) : ""
        let templated = text.contains("=")
        switch (name, templated) {
        case ("", false), ("wide", false): self = .table(wide: name == "wide")
        case ("yaml", false): self = .yaml
        case ("json", false): self = .json
        case ("name", false): self = .name
        case ("jsonpath", _), ("jsonpath-as-json", _), ("jsonpath-file", _):
            guard !value.isEmpty else { throw .message("template format specified but no template given") }
            var template = value
            if name == "jsonpath-file" {
                template = try OutputFormat.read(value, directory: directory) { "error reading --template \(value), \($0)" }
            }
            self = .jsonPath(try JSONPathTemplate(template), asJSON: name == "jsonpath-as-json")
        case ("go-template", _), ("go-template-file", _), ("template", _), ("templatefile", _):
            guard !value.isEmpty else { throw .message("template format specified but no template given") }
            throw .message("-o \(name) is not simulated in stepkube; -o jsonpath prints the same fields")
        case ("custom-columns", _):
            self = .customColumns(try CustomColumns(spec: value, noHeaders: noHeaders))
        case ("custom-columns-file", _):
            guard !value.isEmpty else { throw .message("custom-columns format specified but no custom columns given") }
            let file = try OutputFormat.read(value, directory: directory) { "error reading template \(value), \($0)" }
            self = .customColumns(try CustomColumns(file: file))
        default:
            throw .message("unable to match a printer suitable for the output format \(GoQuote.quote(text)), allowed formats are: "
                           + OutputFormat.known.joined(separator: ","))
        }
    }

    private static func read(_ path: String, directory: String, failure: (String) -> String) throws(KubectlError) -> String {
        let full = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        guard let text = try? String(contentsOfFile: full, encoding: .utf8) else {
            throw .message(failure("open \(path): no such file or directory"))
        }
        return text
    }
}
