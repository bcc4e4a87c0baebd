import Foundation

/// File-name matching (`*.yaml`) and the patterns of `${NAME%.yaml}`, with fnmatch(3)'s rules.
enum Glob {
    /// `text` with every wildcard escaped, so that it matches only itself.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "*?[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Whether `pattern` has a wildcard that is not escaped.
    static func hasWildcards(_ pattern: String) -> Bool {
        var escaped = false
        for character in pattern {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if "*?[".contains(character) { return true }
        }
        return false
    }

    static func matches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }

    /// The files a pattern names, sorted; only the last path component may hold wildcards.
    /// Names starting with `.` match only a pattern that starts with `.`.
    static func matches(_ pattern: String, in directory: String) -> [String] {
        let slash = pattern.lastIndex(of: "/")
        let prefix = slash.map { String(pattern[...$0]) } ?? ""
        let namePattern = slash.map { String(pattern[pattern.index(after: $0)...]) } ?? pattern
        guard !hasWildcards(prefix) else { return [] }
        let unescapedPrefix = prefix.replacingOccurrences(of: "\\", with: "")
        let base = unescapedPrefix.hasPrefix("/") ? unescapedPrefix : (directory as NSString).appendingPathComponent(unescapedPrefix)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        return names.filter { name in
            (!name.hasPrefix(".") || namePattern.hasPrefix(".")) && matches(namePattern, name)
        }.sorted().map { unescapedPrefix + $0 }
    }

    static func removePrefix(_ pattern: String, from text: String, longest: Bool) -> String {
        let ends = Array(text.indices) + [text.endIndex]
        for end in longest ? ends.reversed() : ends where matches(pattern, String(text[..<end])) {
            return String(text[end...])
        }
        return text
    }

    static func removeSuffix(_ pattern: String, from text: String, longest: Bool) -> String {
        let starts = Array(text.indices) + [text.endIndex]
        for start in longest ? starts : starts.reversed() where matches(pattern, String(text[start...])) {
            return String(text[..<start])
        }
        return text
    }
}
