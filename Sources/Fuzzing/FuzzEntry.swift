import Foundation

/// One thing the fuzzer does to a session: a line typed at the prompt, or what a student's other
/// tools do outside the REPL (a file saved with odd bytes, an exercise started).
public enum FuzzEntry: Equatable, Sendable {
    /// A REPL line. `mustFail` marks a command that has to fail and leave the cluster as it was:
    /// a kubectl command with an unknown flag, a stepper command with an invalid number.
    case line(String, mustFail: Bool = false)
    /// A file in the session's directory, written byte for byte (invalid UTF-8 included).
    case file(name: String, bytes: [UInt8])
    /// An exercise from the repository's exercises/cka, started as `stepkube exercise` does.
    case exercise(String)

    public var text: String {
        switch self {
        case .line(let line, _): line
        case .file(let name, let bytes): "(file \(name), \(bytes.count) bytes)"
        case .exercise(let name): "(exercise \(name))"
        }
    }
}

/// Transcripts on disk: one entry a line, so that a failure's input can be read, replayed and
/// minimised. A plain line is typed as it is (so `stepkube < FILE` replays most of it); the
/// fuzzer's own entries are bash comments starting `#!fuzz `.
public enum Transcript {
    static let marker = "#!fuzz "

    public static func encode(_ entry: FuzzEntry) -> String {
        switch entry {
        case .line(let line, let mustFail): mustFail ? marker + "must-fail " + line : line
        case .file(let name, let bytes): marker + "file " + name + " " + Data(bytes).base64EncodedString()
        case .exercise(let name): marker + "exercise " + name
        }
    }

    public static func encode(_ entries: [FuzzEntry]) -> String {
        entries.map { encode($0) + "\n" }.joined()
    }

    /// Splits on newline bytes, not on Characters: "\r\n" and a newline followed by a combining
    /// mark are single Characters in Swift.
    public static func decode(_ data: Data) -> [FuzzEntry] {
        data.split(separator: 10, omittingEmptySubsequences: false).dropLast(data.last == 10 ? 1 : 0).map { bytes in
            decodeLine(String(decoding: bytes, as: UTF8.self))
        }
    }

    static func decodeLine(_ line: String) -> FuzzEntry {
        guard line.hasPrefix(marker) else { return .line(line) }
        let body = line.dropFirst(marker.count)
        if body.hasPrefix("must-fail ") { return .line(String(body.dropFirst("must-fail ".count)), mustFail: true) }
        let words = body.split(separator: " ", maxSplits: 2).map(String.init)
        switch words.first {
        case "file" where words.count >= 2:
            let bytes = words.count == 3 ? Data(base64Encoded: words[2]).map { [UInt8]($0) } ?? [] : []
            return .file(name: words[1], bytes: bytes)
        case "exercise" where words.count >= 2:
            return .exercise(words.dropFirst().joined(separator: " "))
        default:
            return .line(line)
        }
    }
}
