import ArgumentParser
import Foundation

/// `stepkube-fuzz`: types what a hostile student would into one in-process Session at a time and
/// reports crashes, hangs, lines that ignore Ctrl-C and must-fail commands that changed the
/// cluster; replays and minimises the transcripts it saves. See README.md, "Fuzzing".
struct StepkubeFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stepkube-fuzz", abstract: "Fuzz the stepkube REPL with seeded, grammar-aware and mutated input.")

    @Option(help: "The campaign's seed.") var seed: UInt64 = 1
    @Option(help: "Lines to run in all.") var lines = 10_000
    @Option(help: "Stop after this many minutes of wall time.") var minutes = 15.0
    @Option(help: "Lines per session before a fresh one starts.") var sessionLines = 500
    @Option(help: "Where failures' transcripts go.") var output = "fuzz-output"
    @Option(help: "The repository (for Lessons/ and exercises/).") var repository = FileManager.default.currentDirectoryPath
    @Option(help: "Times a line may ask whether Ctrl-C was pressed before it is interrupted.") var probeBudget = 200_000
    @Option(help: "CPU seconds a line may take before it is interrupted.") var cpuSeconds = 10.0
    @Option(help: "Resident memory, in MiB, that counts as a hang.") var memoryMib = 4096
    @Option(help: "Replay a transcript in a fresh session.") var replay: String?
    @Flag(help: "With --replay: print each line and its output.") var verbose = false
    @Option(help: "With --replay: write each entry here before it runs.") var log: String?
    @Option(help: "Minimise a failing transcript to FILE.min.") var minimise: String?
    @Flag(help: "Run random operation sequences and check the cluster's invariants at quiescence instead.") var invariants = false
    @Option(help: "With --invariants: sequences to run.") var sequences = 10_000
    @Option(help: "With --invariants: operations per sequence.") var length = 24
    @Option(help: "With --invariants: the index of the first sequence.") var firstSequence = 0
    @Option(help: "With --invariants: replay this one sequence, printing each line and its output.") var sequence: Int?
    @Flag(help: .hidden) var worker = false
    @Option(help: .hidden) var firstSession = 0

    func run() throws {
        let options = CampaignOptions(seed: seed, lines: lines, minutes: minutes, sessionLines: max(sessionLines, 1), output: output,
                                      repository: repository, probeBudget: probeBudget, cpuSeconds: cpuSeconds, memoryMiB: memoryMib)
        try? FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let status: Int32
        if invariants {
            let campaign = InvariantCampaign(options: options, sequences: max(sequences, 0), firstSequence: max(firstSequence, 0), length: max(length, 0))
            status = sequence.map(campaign.replay) ?? campaign.run()
        } else if let replay {
            status = Replay(options: options, verbose: verbose, log: log).run(replay)
        } else if let minimise {
            status = Minimise(options: options).run(minimise)
        } else if worker {
            Worker(options: options, firstSession: firstSession, lines: lines, deadline: Watchdog.wallSeconds() + minutes * 60).run()
            status = 0
        } else {
            status = Supervisor(options: options).run()
        }
        throw ExitCode(status)
    }
}


StepkubeFuzz.main()
