import Foundation
import Fuzzing

/// One process of a campaign: sessions from `firstSession` on, each a fresh Session fed what its
/// seeded generator makes. A failure inside the session (a must-fail line that changed the
/// cluster, a line that ignored Ctrl-C) is saved and the next session starts; a crash or a hang
/// ends the process, and the supervisor saves its transcript and starts the next worker.
struct Worker {
    let options: CampaignOptions
    let firstSession: Int
    let lines: Int
    let deadline: Double

    /// `progress` holds `SESSION LINES INTERRUPTED FAILURES`: where the worker is, for the
    /// supervisor to resume after it; `current.transcript` the session's entries so far.
    func run() {
        let watchdog = Watchdog(limits: options.watchdogLimits) { reason in
            FileHandle.standardError.write(Data("hang: \(reason)\n".utf8))
            _exit(WorkerStatus.hang)
        }
        var done = 0, interrupted = 0, failures = 0
        var session = firstSession
        while done < lines, Watchdog.wallSeconds() < deadline {
            writeProgress("\(session) \(done) \(interrupted) \(failures)")
            let log = EntryLog(path: options.path("current.transcript"))
            let generator = FuzzGenerator(campaignSeed: options.seed, session: session)
            let runner = FuzzRunner(directory: FuzzRunner.temporaryDirectory("s\(session)"), repositoryRoot: options.repository,
                                    probeBudget: options.probeBudget, externalInterrupt: { watchdog.isInterrupting })
            var inSession = 0
            sessionLoop: while inSession < options.sessionLines, done < lines, Watchdog.wallSeconds() < deadline {
                for entry in generator.next() {
                    log.append(entry)
                    watchdog.begin()
                    let outcome = runner.run(entry).outcome
                    watchdog.end()
                    done += 1
                    inSession += 1
                    if outcome == .interrupted { interrupted += 1 }
                    if outcome.isFailure {
                        failures += 1
                        let saved = options.saveFailure(kind: outcome.kind, session: session, from: log.path)
                        report("FAILURE \(outcome.kind) in session \(session): \(entry.text)\n  \(outcome)\n  transcript: \(saved)")
                        break sessionLoop
                    }
                }
            }
            runner.removeDirectory()
            session += 1
        }
        writeProgress("\(session) \(done) \(interrupted) \(failures)")
    }

    private func writeProgress(_ text: String) {
        try? text.write(toFile: options.path("progress"), atomically: true, encoding: .utf8)
    }
}

enum WorkerStatus {
    static let hang: Int32 = 3
    static let stateChange: Int32 = 4
    static let ignoredInterrupt: Int32 = 5
}
