import SimCore

/// The fuzzer's generator: a mix of grammar-aware entries (kubectl, stepper, shell, manifests),
/// must-fail entries, and mutations of recent lines. One seed, one sequence.
public final class FuzzGenerator {
    private let random: SeededRandom
    private var recent: [String] = []

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// The generator for the `index`th session of a campaign: a resumed campaign regenerates it.
    public convenience init(campaignSeed: UInt64, session index: Int) {
        let mixer = SeededRandom(seed: campaignSeed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: index))
        self.init(seed: mixer.next())
    }

    /// The next few entries (one line, or a heredoc with its lines, or a file and its apply).
    public func next() -> [FuzzEntry] {
        let random = self.random, lines = recent
        let entries: [FuzzEntry] = random.weighted([
            (20, { [KubectlLines(random: random).line()] }),
            (8, { [KubectlLines(random: random).wellFormedLine()] }),
            (6, { [KubectlLines(random: random).mustFailLine()] }),
            (10, { [StepperLines(random: random).line()] }),
            (2, { [StepperLines(random: random).mustFailLine()] }),
            (14, { ShellLines(random: random).entries() }),
            (6, { ManifestLines(random: random).entries() }),
            (2, { ManifestLines(random: random).mustFailEntries() }),
            (12, { lines.isEmpty ? [] : [.line(LineMutator(random: random).mutate(random.pick(lines), other: random.pick(lines)))] }),
            (1, { [.exercise(random.pick(["01-scale-and-expose.yaml", "02-troubleshoot-image.yaml", "05-troubleshoot-crash.yaml", "06-cluster-rollback-and-maintenance.yaml", "09-storage-dynamic-statefulset.yaml", "nope.yaml"]))] }),
        ])
        for case .line(let line, _) in entries where line.unicodeScalars.count < 400 {
            recent.append(line)
            if recent.count > 200 { recent.removeFirst() }
        }
        return entries
    }
}
