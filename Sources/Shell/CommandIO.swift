import Foundation

/// Somewhere a command writes: the terminal, a pipe to the next command, a file, or nowhere.
public protocol TextSink: AnyObject {
    func write(_ text: String)
}

/// The terminal: everything written to it, standard output and error alike, in order. With
/// `forward`, the text is shown as it is written (a watch's rows as they happen) and not kept.
public final class TerminalSink: TextSink {
    public private(set) var text = ""
    private let forward: ((String) -> Void)?

    public init(forward: ((String) -> Void)? = nil) {
        self.forward = forward
    }

    public func write(_ text: String) {
        guard let forward else { return self.text += text }
        if !text.isEmpty { forward(text) }
    }
}

/// A pipe or a command substitution: the text waits for the reader.
final class BufferSink: TextSink {
    private(set) var text = ""
    func write(_ text: String) { self.text += text }
}

/// `/dev/null`.
final class DiscardSink: TextSink {
    func write(_ text: String) {}
}

/// A file opened by a redirection: truncated (or created) when opened, as bash does before the
/// command runs, then appended to.
final class FileSink: TextSink {
    private let handle: FileHandle

    /// Opens `path` for writing, or says why not in bash's words.
    init(path: String, shownAs name: String, append: Bool) throws(ShellFailure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ShellFailure("\(name): Is a directory")
        }
        if !append || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                let parent = (path as NSString).deletingLastPathComponent
                throw ShellFailure(FileManager.default.fileExists(atPath: parent) ? "\(name): Permission denied" : "\(name): No such file or directory")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ShellFailure("\(name): Permission denied") }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func write(_ text: String) { handle.write(Data(text.utf8)) }

    deinit { try? handle.close() }
}

/// A command's three streams.
public struct CommandIO {
    /// Standard input, whole: commands run one after another, so a pipe hands over all its text.
    public var input: String
    public var output: any TextSink
    public var error: any TextSink

    public init(input: String = "", output: any TextSink, error: any TextSink) {
        self.input = input
        self.output = output
        self.error = error
    }

    public func out(_ text: String) { output.write(text) }
    public func err(_ text: String) { error.write(text) }
}

/// A message for standard error, already in the words of the program that failed.
public struct ShellFailure: Error {
    public let message: String
    public init(_ message: String) { self.message = message }
}
