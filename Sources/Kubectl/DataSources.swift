import Foundation
import KubeModel

/// What `kubectl create configmap|secret` reads into an object's data: `--from-literal`,
/// `--from-file` (files, or every regular file of a directory) and `--from-env-file`, with
/// kubectl's parsing and messages (pkg/util and cmd/util/env_file.go).
struct DataSources {
    let workingDirectory: String

    /// `key=value`, split at the first `=`; a leading `=` or none at all is an error.
    static func literal(_ source: String) throws(KubectlError) -> (key: String, value: String) {
        guard let equals = source.firstIndex(of: "="), equals != source.startIndex else {
            throw .message("invalid literal source \(source), expected key=value")
        }
        return (String(source[..<equals]), String(source[source.index(after: equals)...]))
    }

    /// The `(key, bytes)` pairs one `--from-file` source names, in directory order.
    func file(_ source: String) throws(KubectlError) -> [(key: String, bytes: [UInt8])] {
        let separators = source.filter { $0 == "=" }.count
        let key: String?, path: String
        switch separators {
        case 0: (key, path) = (nil, source)
        case 1 where source.hasPrefix("="): throw .message("key name for file path \(source.dropFirst()) missing")
        case 1 where source.hasSuffix("="): throw .message("file path for key name \(source.dropLast()) missing")
        case 1:
            let parts = source.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            (key, path) = (parts[0], parts[1])
        default: throw .message("key names or file paths cannot contain '='")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved(path), isDirectory: &isDirectory) else {
            throw .message("error reading \(path): no such file or directory")
        }
        guard isDirectory.boolValue else { return [(key ?? (path as NSString).lastPathComponent, try read(path))] }
        let full = resolved(path)
        if key != nil { throw .message("cannot give a key name for a directory path") }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []).sorted()
        var pairs: [(key: String, bytes: [UInt8])] = []
        for entry in entries {
            let item = (path as NSString).appendingPathComponent(entry)
            var entryIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved(item), isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue else { continue }
            pairs.append((entry, try read(item)))
        }
        return pairs
    }

    /// The `KEY=value` lines of an env file: blank lines and `#` comments skipped, leading
    /// space trimmed, a line without `=` taking its value from the environment (empty here).
    func envFile(_ path: String, kind: String) throws(KubectlError) -> [(key: String, value: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved(path), isDirectory: &isDirectory) else {
            throw .message("error reading \(path): no such file or directory")
        }
        if isDirectory.boolValue { throw .message("env \(kind) file cannot be a directory") }
        var pairs: [(key: String, value: String)] = []
        let lines = try read(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, raw) in lines.enumerated() {
            var line = Array(raw)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard let text = String(validating: line, as: UTF8.self) else {
                throw .message("env file \(path) contains invalid utf8 bytes at line \(number + 1): \(line)")
            }
            var trimmed = Substring(text)
            if number == 0, trimmed.hasPrefix("\u{FEFF}") { trimmed = trimmed.dropFirst() }
            trimmed = trimmed.drop { $0.isWhitespace }
            guard let first = trimmed.first, first != "#" else { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let problems = KeyRules.envVarNameProblems(parts[0])
            guard problems.isEmpty else { throw .message("\(GoQuote.quote(parts[0])) is not a valid key name: \(problems.joined(separator: ";"))") }
            pairs.append((parts[0], parts.count == 2 ? parts[1] : ""))
        }
        return pairs
    }

    /// pflag's string slice: each value split at commas.
    static func slice(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private func resolved(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    /// A file's bytes, or kubectl's error for a path that does not exist.
    func contents(of path: String) throws(KubectlError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: resolved(path)) else { throw .message("error reading \(path): no such file or directory") }
        return try read(path)
    }

    private func read(_ path: String) throws(KubectlError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: resolved(path)) else { throw .message("open \(path): permission denied") }
        return Array(data)
    }
}
