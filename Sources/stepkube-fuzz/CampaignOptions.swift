import Foundation

/// What a campaign runs with, shared by the supervisor, its workers and replays.
struct CampaignOptions {
    var seed: UInt64
    var lines: Int
    var minutes: Double
    /// Lines per Session before a fresh one starts: shorter transcripts, state that cannot pile up.
    var sessionLines: Int
    /// Where transcripts of failures, the progress file and the current transcript go.
    var output: String
    /// The repository, for Lessons/ and exercises/.
    var repository: String?
    var probeBudget: Int
    var cpuSeconds: Double
    var memoryMiB: Int

    var watchdogLimits: Watchdog.Limits {
        Watchdog.Limits(interruptAfter: cpuSeconds, hangAfter: cpuSeconds * 3, wallLimit: max(cpuSeconds * 30, 60),
                        memoryLimit: memoryMiB << 20)
    }

    func path(_ name: String) -> String { (output as NSString).appendingPathComponent(name) }

    /// Copies a transcript to `failure-KIND-seed-S-session-N.transcript` and returns that path.
    func saveFailure(kind: String, session: Int, from transcript: String) -> String {
        let saved = path("failure-\(kind)-seed-\(seed)-session-\(session).transcript")
        try? FileManager.default.removeItem(atPath: saved)
        try? FileManager.default.copyItem(atPath: transcript, toPath: saved)
        return saved
    }
}

/// Prints at once: a campaign's workers share the terminal with the supervisor.
func report(_ text: String, terminator: String = "\n") {
    print(text, terminator: terminator)
    fflush(nil)
}
