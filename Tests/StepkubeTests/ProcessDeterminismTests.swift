import Foundation
import Testing

/// The same commands give the same output in every process: the README's example, run by the
/// built `stepkube` in two separate processes, prints byte for byte what the README shows.
@Suite("Determinism across processes")
struct ProcessDeterminismTests {
    static let binary = repositoryRoot + "/.build/debug/stepkube"

    /// The README's example: the commands typed at `stepkube $`, and the output shown under them.
    static func readmeExample() throws -> (commands: [String], shown: String) {
        let readme = try String(contentsOfFile: repositoryRoot + "/README.md", encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "$ script/run\n").dropFirst().first?.components(separatedBy: "```").first)
        var commands: [String] = [], shown = ""
        for line in block.split(separator: "\n") {
            if line.hasPrefix("stepkube $ ") { commands.append(String(line.dropFirst("stepkube $ ".count))) } else { shown += line + "\n" }
        }
        return (commands, shown)
    }

    static func run(_ commands: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((commands.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the stepkube binary: script/test builds it first"))
    func theReadmeExampleIsWhatTwoProcessesPrint() throws {
        let (commands, shown) = try Self.readmeExample()
        #expect(commands.count >= 2 && !shown.isEmpty)
        let first = try Self.run(commands), second = try Self.run(commands)
        #expect(first == second)
        // trace and explain come last and the README does not show their output.
        #expect(first.hasPrefix(shown), "README.md's example no longer matches stepkube:\n\(first)")
        #expect(first.contains("Step #91"))
    }
}
