import KubeModel
/// A command line split the way kubectl's flag library (pflag) reads it: `--flag=value`,
/// `--flag value`, `-n value`, `-nvalue`, `-oyaml`, booleans, and everything after `--`.
public struct Arguments {
    public struct Flag: Sendable {
        public let long: String
        public let short: Character?
        public let takesValue: Bool
        /// For an integer flag, its size in bits: pflag checks the value as it reads the line.
        public let integerBits: Int?
        public init(_ long: String, short: Character? = nil, value: Bool = true, integerBits: Int? = nil) {
            self.long = long
            self.short = short
            self.takesValue = value
            self.integerBits = integerBits
        }
    }

    public private(set) var positionals: [String] = []
    /// Words after a bare `--` (the command of `kubectl run NAME --image=x -- sleep 10`).
    public private(set) var trailing: [String] = []
    private var values: [String: [String]] = [:]
    /// Each flag's shorthand, for pflag's name of it in errors (`-r, --replicas`).
    private var shorthands: [String: Character] = [:]
    /// The size in bits of each integer flag.
    private var integerBits: [String: Int] = [:]

    public init(_ words: [String], flags: [Flag]) throws(KubectlError) {
        var index = 0
        for flag in flags {
            shorthands[flag.long] = flag.short
            integerBits[flag.long] = flag.integerBits
        }
        func flag(long: String) -> Flag? { flags.first { $0.long == long } }
        func flag(short: Character) -> Flag? { flags.first { $0.short == short } }
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                trailing = Array(words[index...])
                break
            }
            if word.hasPrefix("--") {
                let body = String(word.dropFirst(2))
                let name = body.split(separator: "=", maxSplits: 1).first.map(String.init) ?? body
                guard let spec = flag(long: name) else { throw .flag("unknown flag: --\(name)") }
                if let equals = body.firstIndex(of: "=") {
                    values[spec.long, default: []].append(try Arguments.checked(spec, String(body[body.index(after: equals)...])))
                } else if spec.takesValue {
                    guard index < words.count else { throw .flag("flag needs an argument: --\(name)") }
                    values[spec.long, default: []].append(try Arguments.checked(spec, words[index]))
                    index += 1
                } else {
                    values[spec.long, default: []].append("true")
                }
            } else if word.hasPrefix("-"), word.count > 1, !word.dropFirst().allSatisfy(\.isNumber) {
                var letters = Substring(word.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let spec = flag(short: letter) else { throw .flag("unknown shorthand flag: '\(letter)' in \(word)") }
                    if spec.takesValue {
                        var value = String(letters.hasPrefix("=") ? letters.dropFirst() : letters)
                        if value.isEmpty {
                            guard index < words.count else { throw .flag("flag needs an argument: '\(letter)' in -\(letter)") }
                            value = words[index]
                            index += 1
                        }
                        values[spec.long, default: []].append(try Arguments.checked(spec, value))
                        break
                    }
                    values[spec.long, default: []].append("true")
                }
            } else {
                positionals.append(word)
            }
        }
    }

    /// A flag's value as pflag sets it: an integer flag's must parse, or the line fails here.
    private static func checked(_ flag: Flag, _ value: String) throws(KubectlError) -> String {
        guard let bits = flag.integerBits, case .failure(let problem) = GoInteger.parse(value, bits: bits) else { return value }
        let name = flag.short.map { "-\($0), --\(flag.long)" } ?? "--\(flag.long)"
        throw .flag("invalid argument \"\(value)\" for \"\(name)\" flag: strconv.ParseInt: parsing \(GoQuote.quote(value)): \(problem.rawValue)")
    }

    public func value(_ long: String) -> String? { values[long]?.last }
    public func all(_ long: String) -> [String] { values[long] ?? [] }
    public func has(_ long: String) -> Bool { values[long] != nil }

    public func bool(_ long: String) -> Bool {
        guard let value = values[long]?.last else { return false }
        return value == "true" || value == "1"
    }

    /// A `key=value,key=value` flag (`--labels`, expose's `--selector`), nil when not given; read
    /// as kubectl's generators read it.
    public static func labels(_ text: String?) throws(KubectlError) -> [String: String]? {
        guard let text else { return nil }
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .message("unexpected label spec: \(pair)") }
            labels[parts[0]] = parts[1]
        }
        return labels
    }

    /// A boolean flag read as pflag reads it (Go's strconv.ParseBool): `--flag=foo` is an error,
    /// not false.
    func strictBool(_ long: String) throws(KubectlError) -> Bool {
        guard let value = value(long) else { return false }
        switch value {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default:
            throw .flag("invalid argument \"\(value)\" for \"--\(long)\" flag: strconv.ParseBool: parsing \(GoQuote.quote(value)): invalid syntax")
        }
    }

    /// `--dry-run`: none (the default), client or server.
    func dryRun() throws(KubectlError) -> String {
        let value = value("dry-run") ?? "none"
        guard ["none", "client", "server"].contains(value) else {
            throw .raw("error: Invalid dry-run value (\(value)). Must be \"none\", \"server\", or \"client\".")
        }
        return value
    }

    /// An integer flag, read as pflag reads it (Go's `strconv.ParseInt(text, 0, bits)`): `0x`, `0o`,
    /// `0b` and a leading `0` choose the base, `_` may separate digits, and a number outside
    /// `bits` is "value out of range", never clamped.
    public func int(_ long: String) throws(KubectlError) -> Int? {
        guard let text = value(long) else { return nil }
        switch GoInteger.parse(text, bits: integerBits[long] ?? 64) {
        case .success(let number): return number
        case .failure:
            _ = try Arguments.checked(Flag(long, short: shorthands[long], integerBits: integerBits[long] ?? 64), text)
            return nil
        }
    }
}

/// A kubectl failure, printed as kubectl prints it.
public enum KubectlError: Error, Equatable {
    /// A flag the command does not know or cannot parse (cobra's words: `Error: unknown flag: --x`).
    case flag(String)
    /// A usage mistake: `error: ...` plus the hint to see the command's help.
    case usage(String)
    /// A plain client-side error: `error: ...`.
    case message(String)
    /// Already formatted text (server errors, manifest errors).
    case raw(String)
    /// An error cobra returns before the command runs (a required flag not set), which kubectl
    /// logs through klog: `E1203 10:42:28.381870    4649 run.go:72] "command failed" err="..."`.
    case commandFailed(String)

    /// The resource builder's answer when a command names nothing: no TYPE, NAME or `-f`.
    static let noResources = KubectlError.message("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")

    /// cobra's check that every required flag was given.
    static func requiredFlags(_ names: [String]) -> KubectlError {
        .commandFailed("required flag(s) \(names.map { "\"\($0)\"" }.joined(separator: ", ")) not set")
    }
}

extension Arguments.Flag {
    /// The flags of several lists, each long name once, as the first list spells it.
    static func union(_ lists: [[Arguments.Flag]]) -> [Arguments.Flag] {
        var seen: Set<String> = []
        return lists.joined().filter { seen.insert($0.long).inserted }
    }
}
