import Foundation
import Fuzzing

/// Runs a campaign in worker subprocesses, so that a crash or a hang ends one worker and not the
/// campaign: its transcript is saved and the next worker starts at the session after it.
struct Supervisor {
    let options: CampaignOptions

    func run() -> Int32 {
        try? FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
        let start = Watchdog.wallSeconds()
        let deadline = start + options.minutes * 60
        var firstSession = 0, done = 0, interrupted = 0, failures = 0
        report("stepkube-fuzz: seed \(options.seed), up to \(options.lines) lines, \(options.minutes) minutes, \(options.sessionLines) lines a session; output in \(options.output)")
        while done < options.lines, Watchdog.wallSeconds() < deadline {
            let (status, signalled) = runWorker(firstSession: firstSession, lines: options.lines - done, deadline: deadline)
            let progress = (try? String(contentsOfFile: options.path("progress"), encoding: .utf8))?.split(separator: " ").compactMap { Int($0) } ?? []
            guard progress.count == 4 else {
                report("stepkube-fuzz: the worker ended (status \(status)) without reporting progress")
                return 2
            }
            interrupted += progress[2]
            failures += progress[3]
            if !signalled, status == 0 {
                done += progress[1]
                break
            }
            let ranInSession = EntryLog.entries(at: options.path("current.transcript")).count
            done += progress[1] + ranInSession
            let kind = signalled ? "crash" : status == WorkerStatus.hang ? "hang" : "exit-\(status)"
            let saved = options.saveFailure(kind: kind, session: progress[0], from: options.path("current.transcript"))
            let last = EntryLog.entries(at: saved).last?.text ?? "?"
            report("FAILURE \(kind)\(signalled ? " (signal \(status))" : "") in session \(progress[0]): \(last)\n  transcript: \(saved)")
            failures += 1
            firstSession = progress[0] + 1
        }
        let seconds = Watchdog.wallSeconds() - start
        report(String(format: "stepkube-fuzz: seed %llu: %d lines in %.0f s (%.1f lines/s), %d interrupted by the watchdog or budget, %d failures",
                     options.seed, done, seconds, Double(done) / max(seconds, 0.001), interrupted, failures))
        return failures == 0 ? 0 : 1
    }

    /// Runs a worker; its status, and whether a signal ended it.
    private func runWorker(firstSession: Int, lines: Int, deadline: Double) -> (Int32, Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        process.arguments = options.arguments + ["--worker", "--first-session", "\(firstSession)", "--lines", "\(lines)",
                                                 "--minutes", "\(max((deadline - Watchdog.wallSeconds()) / 60, 0))"]
        do { try process.run() } catch {
            report("stepkube-fuzz: cannot start a worker: \(error)")
            return (2, false)
        }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }
}

extension CampaignOptions {
    /// The options as a worker's or a replay's command line (without lines and minutes).
    var arguments: [String] {
        ["--seed", "\(seed)", "--session-lines", "\(sessionLines)", "--output", output, "--probe-budget", "\(probeBudget)",
         "--cpu-seconds", "\(cpuSeconds)", "--memory-mib", "\(memoryMiB)"] + (repository.map { ["--repository", $0] } ?? [])
    }
}
