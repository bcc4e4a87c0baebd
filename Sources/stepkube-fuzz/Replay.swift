import Foundation
import Fuzzing

/// `--replay FILE`: a transcript run again in a fresh session, under the same watchdog. The exit
/// status names the failure (see WorkerStatus); a crash is the process dying as it did.
struct Replay {
    let options: CampaignOptions
    let verbose: Bool
    /// Where each entry is written before it runs, so a minimiser knows which line crashed.
    let log: String?

    func run(_ file: String) -> Int32 {
        let entries = EntryLog.entries(at: file)
        let watchdog = Watchdog(limits: options.watchdogLimits) { reason in
            FileHandle.standardError.write(Data("hang: \(reason)\n".utf8))
            _exit(WorkerStatus.hang)
        }
        let entryLog = log.map(EntryLog.init)
        let runner = FuzzRunner(directory: FuzzRunner.temporaryDirectory("replay"), repositoryRoot: options.repository,
                                probeBudget: options.probeBudget, externalInterrupt: { watchdog.isInterrupting })
        defer { runner.removeDirectory() }
        for entry in entries {
            entryLog?.append(entry)
            if verbose { print((runner.session.needsMoreInput ? "> " : "$ ") + entry.text) }
            watchdog.begin()
            let (outcome, output) = runner.run(entry)
            watchdog.end()
            if verbose { print(output, terminator: "") }
            if verbose, outcome == .interrupted { print("(interrupted by the fuzzer's budget)") }
            switch outcome {
            case .ran, .interrupted: continue
            case .stateChanged(let change):
                report("FAILED state-change: \(entry.text)\n  \(change)")
                return WorkerStatus.stateChange
            case .ignoredInterrupt(let probes):
                report("FAILED ignored-interrupt: \(entry.text)\n  asked \(probes) more times after Ctrl-C")
                return WorkerStatus.ignoredInterrupt
            }
        }
        report("replayed \(entries.count) entries: no failure")
        return 0
    }
}

/// `--minimise FILE`: delta debugging over the transcript, each attempt a replay in a fresh
/// process (so that crashes and hangs can be minimised too), keeping the failure's kind and
/// the entry it happens on. Writes FILE.min.
struct Minimise {
    let options: CampaignOptions

    func run(_ file: String) -> Int32 {
        let entries = EntryLog.entries(at: file)
        guard let original = attempt(entries) else {
            report("minimise: \(file) does not fail when replayed")
            return 1
        }
        report("minimise: \(entries.count) entries fail with \(original.kind) on: \(original.entry.text)")
        var attempts = 0
        let shortest = Minimiser.minimise(Array(entries.prefix(original.index + 1))) { candidate in
            attempts += 1
            guard let failure = attempt(candidate) else { return false }
            return failure.kind == original.kind && failure.entry == original.entry
        }
        let output = file + ".min"
        try? Transcript.encode(shortest).write(toFile: output, atomically: true, encoding: .utf8)
        report("minimise: \(shortest.count) entries after \(attempts) replays, in \(output):")
        report(Transcript.encode(shortest), terminator: "")
        return 0
    }

    private struct Failure {
        let kind: String
        let index: Int
        let entry: FuzzEntry
    }

    /// Replays `entries` in a subprocess; its failure, if any.
    private func attempt(_ entries: [FuzzEntry]) -> Failure? {
        let file = options.path("minimise-attempt.transcript"), log = options.path("minimise-attempt.log")
        try? Transcript.encode(entries).write(toFile: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        process.arguments = options.arguments + ["--replay", file, "--log", log]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let ran = EntryLog.entries(at: log)
        let kind: String
        switch (process.terminationReason, process.terminationStatus) {
        case (.uncaughtSignal, let signal): kind = "crash-\(signal)"
        case (_, 0): return nil
        case (_, WorkerStatus.hang): kind = "hang"
        case (_, WorkerStatus.stateChange): kind = "state-change"
        case (_, WorkerStatus.ignoredInterrupt): kind = "ignored-interrupt"
        case (_, let status): kind = "exit-\(status)"
        }
        guard let last = ran.last else { return nil }
        return Failure(kind: kind, index: ran.count - 1, entry: last)
    }
}
