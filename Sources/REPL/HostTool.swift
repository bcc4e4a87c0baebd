import Foundation
import Shell

/// Programs the exam's Linux has that stepkube does not rebuild, run as the host's own when it
/// has them: `jq` (`kubectl get pods -o json | jq '.items | length'`). Their output depends only
/// on their input, so runs stay the same; without the program it is bash's "command not found".
enum HostTool {
    static let passedThrough: Set<String> = ["jq"]

    /// The program's path on `$PATH`, when it is one of the passed-through tools and installed.
    static func path(of command: String, environment: [String: String]) -> String? {
        guard passedThrough.contains(command) else { return nil }
        let directories = (environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the program with `io`'s input, passing on its output and errors; its exit status.
    static func run(_ path: String, _ arguments: [String], workingDirectory: String, io: CommandIO) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            io.err("bash: \(path): \(error.localizedDescription)\n")
            return 126
        }
        // The input goes in from another thread, so a large one cannot fill the pipe while the
        // program waits for us to read its output.
        let feeder = Thread { [text = io.input] in
            input.fileHandleForWriting.write(Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        io.out(String(decoding: printed, as: UTF8.self))
        io.err(String(decoding: complaints, as: UTF8.self))
        return process.terminationStatus
    }
}
