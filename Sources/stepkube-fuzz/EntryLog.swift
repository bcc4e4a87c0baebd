import Foundation
import Fuzzing

/// A transcript written entry by entry before each runs, straight to the file descriptor, so that
/// when the process dies the file ends with the line that killed it.
final class EntryLog {
    let path: String
    private let handle: FileHandle

    init(path: String) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path) ?? FileHandle.nullDevice
    }

    func append(_ entry: FuzzEntry) {
        handle.write(Data((Transcript.encode(entry) + "\n").utf8))
    }

    deinit { try? handle.close() }

    /// The entries of a log or transcript file, and its last entry (the one running when the
    /// process ended).
    static func entries(at path: String) -> [FuzzEntry] {
        FileManager.default.contents(atPath: path).map(Transcript.decode) ?? []
    }
}
