@_spi(Observer) import APIServer
import Cluster
import REPL
import SimCore

/// One invariant run: a fresh Session, `length` random operations typed into it, CronJobs
/// suspended, two minutes of virtual time (so the pod garbage collector has its passes), then
/// quiescence and every invariant checked. The session and the operations both come from the sequence's seed, so a
/// seed names a sequence exactly.
public struct InvariantSequence {
    public let seed: UInt64
    public let length: Int
    /// Steps a sequence may take in all: past it every line is interrupted and the sequence
    /// reports a livelock instead of hanging.
    public let stepBudget: Int

    public init(seed: UInt64, length: Int, stepBudget: Int = 400_000) {
        self.seed = seed
        self.length = length
        self.stepBudget = stepBudget
    }

    /// The seed of sequence `index` of a campaign: far apart for neighbouring indexes.
    public static func seed(campaign: UInt64, index: Int) -> UInt64 {
        var mixed = campaign &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return mixed ^ (mixed >> 31)
    }

    /// What a sequence typed, how long it ran and what did not hold at the end.
    public struct Outcome {
        public let lines: [String]
        public let operations: Int
        public let steps: Int
        public let violations: [InvariantViolation]
    }

    /// Runs the sequence in a session working in `directory`; `echo` sees each line and its
    /// output as typed (for a verbose replay).
    public func run(directory: String, echo: ((String, String) -> Void)? = nil) -> Outcome {
        let session = Session(seed: seed, workingDirectory: directory)
        let simulation = session.cluster.simulation
        let limit = simulation.trace.count + stepBudget
        session.interruption = { simulation.trace.count > limit }
        let generator = OperationGenerator(seed: seed ^ 0x5EED_0F_1A7A)
        var lines: [String] = []
        func enter(_ line: String) {
            lines.append(line)
            let output = session.feed(line)
            echo?(line, output)
        }
        var operations = 0
        while operations < length, simulation.trace.count <= limit {
            generator.next(session.cluster).forEach(enter)
            operations += 1
        }
        if session.mode == .step { enter("mode auto") }
        // A CronJob whose Jobs outlast its schedule's period keeps the cluster busy for ever, as
        // it should: suspended, it lets the cluster settle.
        for cronJob in session.cluster.server.list(CronJob.self) where cronJob.spec.suspend != true {
            enter("kubectl patch cronjob \(cronJob.name) -n \(cronJob.namespace ?? "default") -p '{\"spec\":{\"suspend\":true}}'")
        }
        enter("clock advance 2m")
        simulation.runUntilSettled()
        let steps = simulation.trace.count
        var violations: [InvariantViolation] = []
        if steps > limit || simulation.hasForegroundWork {
            violations.append(InvariantViolation(.livelock, "cluster", "still busy after \(stepBudget) steps: \(simulation.pending.filter { !$0.background }.prefix(3).map(\.label))"))
        } else {
            violations = Invariants.check(session.cluster)
        }
        return Outcome(lines: lines, operations: operations, steps: steps, violations: violations)
    }
}
