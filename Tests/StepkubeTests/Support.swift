@_spi(Observer) import APIServer
import Foundation
import Cluster
import REPL

/// The repository root, so tests can read manifests/ as a student would.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Runs commands through a fresh session, returning everything printed, with each command
/// echoed as `$ command` like a transcript.
func transcript(_ commands: [String], seed: UInt64 = 1) -> String {
    let session = Session(seed: seed, workingDirectory: repositoryRoot)
    return run(session, commands)
}

/// A session working in a fresh directory of its own, as a student's home is, and that directory.
func examSession() -> (Session, String) {
    let directory = NSTemporaryDirectory() + "stepkube-exam-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return (Session(workingDirectory: directory), directory)
}

/// Ctrl-C, as the terminal reports it, arriving once the session has asked `probes` times.
func pressCtrlC(afterProbes probes: Int, in session: Session) {
    var asked = 0
    session.interruption = {
        asked += 1
        return asked > probes
    }
}

func run(_ session: Session, _ commands: [String]) -> String {
    var text = ""
    for line in commands {
        text += (session.needsMoreInput ? "> " : "$ ") + line + "\n"
        text += session.feed(line)
    }
    return text
}

extension String {
    func lines(containing needle: String) -> [Substring] {
        split(separator: "\n").filter { $0.contains(needle) }
    }
}

/// Every stored object as JSON, in key order: two equal snapshots mean the cluster's state is
/// byte-identical.
func storeSnapshot(_ session: Session) -> String {
    Catalog.served.map { kind in
        session.cluster.server.list(kind.type).map { (try? Codec.json($0).render(indent: "")) ?? "?" }.joined(separator: "\n")
    }.joined(separator: "\n")
}
