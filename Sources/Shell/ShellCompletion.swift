import Foundation

/// What Tab offers from the shell itself: its commands and aliases, and file names.
extension ShellInterpreter {
    /// Built-ins, tools and aliases, sorted.
    public var commandNames: [String] {
        (Builtins.names + ShellTools.names + aliases.keys).sorted()
    }

    /// Paths that start with `partial`, relative to the working directory as typed; a
    /// directory ends in `/`, so that Tab goes on into it. Hidden files only for a `.` prefix.
    public func pathCompletions(for partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let typedDirectory = slash.map { String(partial[...$0]) } ?? ""
        let prefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let directory = typedDirectory.isEmpty ? workingDirectory : path(typedDirectory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().map { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return typedDirectory + name + (isDirectory.boolValue ? "/" : "")
        }
    }
}
