import Foundation
import REPL
import Testing

/// stepkube's kubectl against the real kubectl v1.32, byte for byte: every case in
/// Tests/Golden/cases.txt runs through a fresh session and must print exactly what kubectl printed
/// into Tests/Golden/output/NAME.txt (written by script/golden; these tests never run kubectl).
@Suite struct GoldenTests {
    /// One line of the manifest.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// The kubectl arguments as typed at a bash prompt.
        let arguments: String
        /// Why stepkube does not match kubectl yet, for a case marked `# known-different:`.
        let knownDifference: String?

        var testDescription: String { name }
    }

    static let directory = repositoryRoot + "/Tests/Golden"

    static let cases: [Case] = {
        let manifest = (try? String(contentsOfFile: directory + "/cases.txt", encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").compactMap { line in
            let parts = line.components(separatedBy: "# known-different:")
            let text = parts[0].trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#"), let space = text.firstIndex(of: " ") else { return nil }
            let reason = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            return Case(name: String(text[..<space]), arguments: text[space...].trimmingCharacters(in: .whitespaces),
                        knownDifference: reason)
        }
    }()

    @Test func manifestHasCases() {
        #expect(GoldenTests.cases.count > 40)
        #expect(GoldenTests.cases.filter { $0.name.hasPrefix("bad-") }.count >= 80, "the bad-input catalogue")
    }

    @Test(arguments: GoldenTests.cases)
    func matchesKubectl(_ golden: Case) throws {
        let expected = try String(contentsOfFile: "\(GoldenTests.directory)/output/\(golden.name).txt", encoding: .utf8)
        let actual = GoldenTests.output(of: golden.arguments)
        // GOLDEN_ACTUAL=DIR keeps stepkube's outputs, to diff against the golden files.
        if let keep = ProcessInfo.processInfo.environment["GOLDEN_ACTUAL"] {
            try actual.write(toFile: "\(keep)/\(golden.name).txt", atomically: true, encoding: .utf8)
        }
        if let reason = golden.knownDifference {
            #expect(actual != expected, "\(golden.name) now matches kubectl: drop its known-different mark (\(reason))")
        } else {
            #expect(actual == expected)
        }
    }

    /// What `kubectl ARGUMENTS` prints in a fresh session holding the fixture Deployment, laid
    /// out as script/golden lays out kubectl's.
    static func output(of arguments: String) -> String {
        output(of: arguments, in: fixtureSession())
    }

    /// A fresh session holding the fixture Deployment.
    static func fixtureSession() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create -f Tests/Golden/fixtures/web-deployment.json")
        return session
    }

    static func output(of arguments: String, in session: Session) -> String {
        let stdout = session.feed("kubectl \(arguments) 2>/dev/null")
        let stderr = session.feed("kubectl \(arguments) 2>&1 >/dev/null")
        let status = session.feed("kubectl \(arguments) >/dev/null 2>&1; echo $?")
        return "--- stdout\n\(stdout)--- stderr\n\(masked(stderr))--- exit status \(status)"
    }

    /// The bad-input catalogue (`bad-` cases): whatever kubectl printed, the cluster is unchanged.
    @Test(arguments: GoldenTests.cases.filter { $0.name.hasPrefix("bad-") })
    func badInputChangesNothing(_ golden: Case) {
        let session = GoldenTests.fixtureSession()
        let before = storeSnapshot(session), revision = session.cluster.server.revision
        _ = GoldenTests.output(of: golden.arguments, in: session)
        #expect(session.cluster.server.revision == revision)
        #expect(storeSnapshot(session) == before)
    }

    /// klog's `E1203 10:42:28.381870   31398 ` prefix with the clock and process id masked, as
    /// script/golden masks kubectl's.
    static func masked(_ text: String) -> String {
        text.replacing(#/(?m)^([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ /#) { "\($0.output.1)MMDD hh:mm:ss.uuuuuu PID " }
    }
}

/// `kubectl COMMAND --help` prints kubectl v1.32's text for every command stepkube implements
/// (Tests/Golden/help, written by script/golden), and verbs stepkube lacks say so.
@Suite struct GoldenHelpTests {
    static let commands: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: GoldenTests.directory + "/help")) ?? []
        return files.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func everyImplementedVerbHasHelp() {
        for verb in ["apply", "create", "get", "describe", "delete", "run", "scale", "logs", "set", "rollout", "edit",
                     "replace", "exec", "expose", "label", "annotate", "patch", "wait", "events", "diff"] {
            #expect(GoldenHelpTests.commands.contains(verb), "no help text for \(verb)")
        }
    }

    @Test(arguments: GoldenHelpTests.commands)
    func helpMatchesKubectl(_ command: String) throws {
        let expected = try String(contentsOfFile: "\(GoldenTests.directory)/help/\(command).txt", encoding: .utf8)
        let words = command == "kubectl" ? "" : command
        let session = Session(workingDirectory: repositoryRoot)
        #expect(session.feed("kubectl \(words) --help") == expected)
        #expect(session.feed("kubectl \(words) -h >/dev/null; echo $?") == "0\n")
    }

    @Test func bareKubectlPrintsTopLevelHelp() throws {
        let expected = try String(contentsOfFile: "\(GoldenTests.directory)/help/kubectl.txt", encoding: .utf8)
        #expect(Session(workingDirectory: repositoryRoot).feed("kubectl") == expected)
    }

    @Test func knownVerbStepkubeLacksSaysSo() {
        let session = Session(workingDirectory: repositoryRoot)
        #expect(session.feed("kubectl port-forward pod/x 8080:80 2>&1") == "error: \"kubectl port-forward\" is not simulated in stepkube yet\n")
        #expect(session.feed("kubectl port-forward >/dev/null 2>&1; echo $?") == "1\n")
    }
}
