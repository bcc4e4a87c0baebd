import Testing
import Fuzzing
import Cluster
import REPL

/// Issue 14: random operation sequences across every kind, each in a fresh cluster, and every
/// invariant checked at quiescence. `stepkube-fuzz --invariants` runs thousands; CI runs these.
@Suite("Invariant runs")
struct InvariantRunTests {
    static let campaign: UInt64 = 14
    /// 200 sequences of 20 operations: about 60 s of a debug build on a busy two-core machine.
    static let chunks = 20
    static let sequencesPerChunk = 10
    static let length = 20

    /// Chunks run in parallel; each runs its sequences one after the other.
    @Test(arguments: 0..<chunks)
    func randomSequencesKeepEveryInvariant(chunk: Int) {
        for index in chunk * Self.sequencesPerChunk..<(chunk + 1) * Self.sequencesPerChunk {
            let seed = InvariantSequence.seed(campaign: Self.campaign, index: index)
            let outcome = InvariantSequence(seed: seed, length: Self.length).run(directory: repositoryRoot)
            #expect(outcome.violations.isEmpty, """
                sequence \(index) (stepkube-fuzz --invariants --seed \(Self.campaign) --sequence \(index) --length \(Self.length)):
                \(outcome.violations.map(\.description).joined(separator: "\n"))
                after:
                \(outcome.lines.joined(separator: "\n"))
                """)
        }
    }

    /// The long run's sequence 9484: a Recreate Deployment adopting two active ReplicaSets sized
    /// for another count stays a scaling event and never rolls out, as kube-controller-manager's
    /// does; the invariant knows that dead end, and every other invariant still holds.
    @Test func aRecreateDeploymentStuckInAScalingEventIsUpstreamsDeadEnd() {
        let outcome = InvariantSequence(seed: InvariantSequence.seed(campaign: Self.campaign, index: 9484), length: 24).run(directory: repositoryRoot)
        #expect(outcome.violations.isEmpty, "\(outcome.violations.map(\.description))")
        #expect(outcome.lines.contains { $0.contains("type: Recreate") })
    }

    @Test func aSequenceIsDeterminedByItsSeed() {
        let seed = InvariantSequence.seed(campaign: Self.campaign, index: 1)
        let first = InvariantSequence(seed: seed, length: 8).run(directory: repositoryRoot)
        let second = InvariantSequence(seed: seed, length: 8).run(directory: repositoryRoot)
        #expect(first.lines == second.lines && first.steps == second.steps && first.violations == second.violations)
        #expect(first.operations == 8)
    }

    @Test func aSequenceOverItsStepBudgetIsALivelock() {
        let outcome = InvariantSequence(seed: 1, length: 4, stepBudget: 10).run(directory: repositoryRoot)
        #expect(outcome.violations.map(\.invariant) == [.livelock])
    }
}
