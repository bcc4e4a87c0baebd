/// Keeps fuzzed lines inside the session's private directory. The shell's files are real files
/// (`rm -r`, `mv`, redirects) and `kubectl edit` runs `$EDITOR` through /bin/sh, so a mutated
/// line that could reach another path or start a program is not run. script/fuzz also runs
/// long campaigns with everything but that directory mounted read-only.
public enum FuzzSafety {
    /// Absolute paths a line may redirect to or from (never name to `rm` or `mv`).
    static let allowedAbsolutePaths = ["/dev/null", "/dev/stdin", "/dev/stdout", "/dev/stderr"]

    public static func permits(_ line: String) -> Bool {
        if line.hasPrefix(Transcript.marker) || line.contains("..") || line.contains("~") || line.contains("EDITOR") { return false }
        let scalars = Array(line.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let previous = index > 0 ? scalars[index - 1] : nil
            // An escape could spell a slash or a dot: \057, \x2f, \u002f.
            if previous == "\\", "01234567xXuU".unicodeScalars.contains(scalar) { return false }
            if scalar == "/", !isRelativeSlash(at: index, in: scalars), !startsAllowedPath(at: index, in: scalars) { return false }
        }
        return true
    }

    /// A slash inside a relative path (`dir/file`, `pod/web`) or a URL's `://`; not one after a
    /// variable (`$x/etc` is `/etc` while x is unset) or after anything that expands.
    private static func isRelativeSlash(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        if index >= 1, scalars[index - 1] == ":", index + 1 < scalars.count, scalars[index + 1] == "/" { return true }
        if index >= 2, scalars[index - 1] == "/", scalars[index - 2] == ":" { return true }
        var start = index
        while start > 0, isWordCharacter(scalars[start - 1]) { start -= 1 }
        return start < index && (start == 0 || scalars[start - 1] != "$")
    }

    /// `> /dev/null`, `2>/dev/null`, `< /dev/null`: an allowed device right after a redirection.
    private static func startsAllowedPath(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before] == " " { before -= 1 }
        guard before >= 0, scalars[before] == ">" || scalars[before] == "<" else { return false }
        let rest = String(String.UnicodeScalarView(scalars[index...]))
        guard let allowed = allowedAbsolutePaths.first(where: { rest.hasPrefix($0) }) else { return false }
        guard let after = rest.unicodeScalars.dropFirst(allowed.unicodeScalars.count).first else { return true }
        return !isWordCharacter(after) && after != "/" && after != "-"
    }

    /// A name without directories, for the files and exercises a transcript names.
    public static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy { isWordCharacter($0) || $0 == "-" }
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "."
    }
}
