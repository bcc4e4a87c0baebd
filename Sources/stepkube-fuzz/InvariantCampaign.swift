import Foundation
import Fuzzing

/// `--invariants`: random operation sequences, each in a fresh cluster, with every invariant
/// checked at quiescence (issue 14). A violation is printed with the seed, the sequence's index
/// and the lines it typed, and saved under the output directory; `--sequence I` replays one
/// sequence, printing each line and its output.
struct InvariantCampaign {
    let options: CampaignOptions
    let sequences: Int
    let firstSequence: Int
    let length: Int

    func run() -> Int32 {
        let start = Watchdog.wallSeconds()
        let deadline = start + options.minutes * 60
        var ran = 0, operations = 0, steps = 0, violations = 0, failing = 0
        report("stepkube-fuzz --invariants: seed \(options.seed), sequences \(firstSequence)..<\(firstSequence + sequences) of \(length) operations, up to \(options.minutes) minutes")
        for index in firstSequence..<firstSequence + sequences where Watchdog.wallSeconds() < deadline {
            let outcome = sequence(index).run(directory: options.repository ?? FileManager.default.currentDirectoryPath)
            ran += 1
            operations += outcome.operations
            steps += outcome.steps
            if !outcome.violations.isEmpty {
                violations += outcome.violations.count
                failing += 1
                report(failure(index, outcome))
            }
            if ran % 100 == 0 { report("  \(ran) sequences, \(violations) violation(s), \(Int(Watchdog.wallSeconds() - start))s") }
        }
        report("invariants: \(ran) sequences, \(operations) operations, \(steps) steps, \(violations) violation(s) in \(failing) sequence(s), seed \(options.seed), \(Int(Watchdog.wallSeconds() - start)) seconds")
        return failing == 0 ? 0 : 1
    }

    /// `--sequence I`: one sequence again, every line and its output shown.
    func replay(_ index: Int) -> Int32 {
        let outcome = sequence(index).run(directory: options.repository ?? FileManager.default.currentDirectoryPath) { line, output in
            report("$ " + line)
            report(output, terminator: "")
        }
        report(outcome.violations.isEmpty ? "sequence \(index): every invariant holds (\(outcome.steps) steps)" : failure(index, outcome))
        return outcome.violations.isEmpty ? 0 : 1
    }

    private func sequence(_ index: Int) -> InvariantSequence {
        InvariantSequence(seed: InvariantSequence.seed(campaign: options.seed, index: index), length: length)
    }

    /// The report of a failing sequence, also saved as `invariants-seed-S-sequence-I.txt`.
    private func failure(_ index: Int, _ outcome: InvariantSequence.Outcome) -> String {
        let text = """
            VIOLATION in sequence \(index) (replay: stepkube-fuzz --invariants --seed \(options.seed) --sequence \(index) --length \(length)):
            \(outcome.violations.map { "  " + $0.description }.joined(separator: "\n"))
            after typing:
            \(outcome.lines.map { "  " + $0 }.joined(separator: "\n"))
            """
        try? text.write(toFile: options.path("invariants-seed-\(options.seed)-sequence-\(index).txt"), atomically: true, encoding: .utf8)
        return text
    }
}
