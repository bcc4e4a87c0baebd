import Foundation
import Testing
import Fuzzing

/// The fuzzer itself, and a short seeded campaign of it on every test run.
@Suite("Fuzzing")
struct FuzzCampaignTests {
    /// Lines of the campaign below, tuned to take well under a minute in a debug build.
    static let sessions = 6, linesPerSession = 250

    @Test func aSeededCampaignChangesNothingItMustNotAndEveryLineStopsAtCtrlC() {
        var failures: [String] = []
        var mustFail = 0
        for index in 0..<Self.sessions {
            let generator = FuzzGenerator(campaignSeed: 2025, session: index)
            let runner = FuzzRunner(directory: FuzzRunner.temporaryDirectory("test"), repositoryRoot: repositoryRoot, probeBudget: 30_000)
            defer { runner.removeDirectory() }
            var entries: [FuzzEntry] = []
            session: while entries.count < Self.linesPerSession {
                for entry in generator.next() {
                    entries.append(entry)
                    if case .line(_, true) = entry { mustFail += 1 }
                    let outcome = runner.run(entry).outcome
                    if outcome.isFailure {
                        failures.append("session \(index): \(outcome)\n" + Transcript.encode(entries))
                        break session
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(mustFail > 50)
    }

    @Test func aSeedNamesTheSameLinesEveryTime() {
        let first = FuzzGenerator(campaignSeed: 9, session: 3), second = FuzzGenerator(campaignSeed: 9, session: 3)
        let other = FuzzGenerator(campaignSeed: 9, session: 4)
        let lines = (0..<50).flatMap { _ in first.next() }
        #expect(lines == (0..<50).flatMap { _ in second.next() })
        #expect(lines != (0..<50).flatMap { _ in other.next() })
    }

    @Test func transcriptsKeepOddBytesAndTheFuzzersOwnEntries() {
        let entries: [FuzzEntry] = [
            .line("echo 'a\u{0}b' \u{202E} e\u{301}"), .line("kubectl get pods --zz", mustFail: true),
            .file(name: "m0.yaml", bytes: [0xFF, 0x00, 0x0A, 0xC3]), .exercise("01-scale-and-expose.yaml"), .line(""),
        ]
        #expect(Transcript.decode(Data(Transcript.encode(entries).utf8)) == entries)
    }

    @Test(arguments: [
        "rm -rf /", "cat /etc/passwd", "rm -r ../x", "cd ~", "echo x > /dev/nullx", "mv f /dev/null", "cat $x/etc", "cat ${x:-/etc}",
        "EDITOR=rm kubectl edit pod web", "printf '\\057'", "cp f \"/tmp\"", "#!fuzz file x",
    ])
    func linesThatCouldReachOtherFilesAreNotRun(_ line: String) {
        #expect(!FuzzSafety.permits(line))
    }

    @Test(arguments: ["kubectl get pod/web -o yaml > out.txt 2>/dev/null", "curl http://web/x", "cat sub/a.yaml", "echo a 2> /dev/null", "cat < /dev/null"])
    func everydayLinesAreRun(_ line: String) {
        #expect(FuzzSafety.permits(line))
    }

    @Test func theMinimiserKeepsOnlyWhatTheFailureNeeds() {
        let entries = (0..<40).map { FuzzEntry.line("echo \($0)") }
        let needed: Set<String> = ["echo 7", "echo 31"]
        let shortest = Minimiser.minimise(entries) { candidate in needed.isSubset(of: candidate.map(\.text)) }
        #expect(shortest.map(\.text) == ["echo 7", "echo 31"])
    }
}
