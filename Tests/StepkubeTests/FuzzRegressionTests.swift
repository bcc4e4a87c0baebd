import Foundation
import Testing
import Fuzzing

/// Transcripts the fuzzer found (minimised by `stepkube-fuzz --minimise`), each replayed in a
/// fresh session: the line that failed now answers as kubectl or bash would, and nothing fails.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Runs a transcript; the output of each entry, and the fuzzer's verdict on each.
    private func replay(_ transcript: String) -> (outputs: [String], outcomes: [FuzzOutcome]) {
        let runner = FuzzRunner(directory: FuzzRunner.temporaryDirectory("regression"), repositoryRoot: repositoryRoot, probeBudget: 30_000)
        defer { runner.removeDirectory() }
        let results = Transcript.decode(Data(transcript.utf8)).map { runner.run($0) }
        return (results.map(\.output), results.map(\.outcome))
    }

    /// seed 1, session 1: twelve levels of aliases (5^12 nodes) took minutes and gigabytes.
    @Test func anAliasBombIsRefusedAsGoYAMLRefusesIt() {
        let (outputs, outcomes) = replay("""
        cat > m0.yaml <<'EOF'
            a0: &a0 ["lol"]
            a1: &a1 [*a0, *a0, *a0, *a0, *a0]
            a2: &a2 [*a1, *a1, *a1, *a1, *a1]
            a3: &a3 [*a2, *a2, *a2, *a2, *a2]
            a4: &a4 [*a3, *a3, *a3, *a3, *a3]
            a5: &a5 [*a4, *a4, *a4, *a4, *a4]
            a6: &a6 [*a5, *a5, *a5, *a5, *a5]
            a7: &a7 [*a6, *a6, *a6, *a6, *a6]
            a8: &a8 [*a7, *a7, *a7, *a7, *a7]
            a9: &a9 [*a8, *a8, *a8, *a8, *a8]
            a10: &a10 [*a9, *a9, *a9, *a9, *a9]
            a11: &a11 [*a10, *a10, *a10, *a10, *a10]
        EOF
        #!fuzz must-fail kubectl replace --force -f m0.yaml

        """)
        #expect(outputs.last == "error: error parsing m0.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing\n")
        #expect(outcomes.allSatisfy { $0 == .ran })
    }

    /// A few aliases, as people write them to share a block, still work.
    @Test func modestAliasesStillApply() {
        let (outputs, _) = replay("""
        cat > cm.yaml <<'EOF'
        apiVersion: v1
        kind: Service
        metadata:
          name: shared
          labels: &labels {app: web}
        spec:
          selector: *labels
          ports: [{port: 80}]
        EOF
        kubectl apply -f cm.yaml

        """)
        #expect(outputs.last == "service/shared created\n")
    }

    /// seed 2, session 113: `task N` subtracted one from any Int, and trapped on the smallest.
    @Test(arguments: ["-9223372036854775808", "0", "-1", "9223372036854775807"])
    func anExerciseTaskNumberOutOfRangeIsRefused(_ number: String) {
        let (outputs, outcomes) = replay("#!fuzz exercise 01-scale-and-expose.yaml\ntask \(number)\n")
        #expect(outputs.last?.hasPrefix("task: expects a task number from 1 to ") == true)
        #expect(outcomes == [.ran, .ran])
    }

    /// seed 3, session 6: after a `step` in auto mode, a refused request ran the paused cluster
    /// on (a heartbeat's Lease writes). A command that changes nothing leaves it paused; one
    /// that changes something runs it on.
    @Test func aRefusedRequestLeavesAPausedClusterPaused() {
        let (outputs, outcomes) = replay("""
        kubectl create deployment web --image=nginx --replicas=3
        step
        #!fuzz must-fail kubectl scale deploy zz-missing-b --replicas=3 2>/dev/null
        kubectl scale deploy web --replicas=1
        kubectl get pods --no-headers | wc -l

        """)
        #expect(outcomes.allSatisfy { $0 == .ran })
        #expect(outputs.suffix(2) == ["deployment.apps/web scaled\n", "1\n"])
    }

    /// seed 3, session 29: an awk loop doubling a string ran on past Ctrl-C, for gigabytes.
    @Test func anAwkStringPastItsLimitStopsTheProgram() {
        let (outputs, outcomes) = replay("""
        kubectl get pods --show-labels | awk 'BEGIN { s = "x"; while (length(s) < 9223372036854775807) s = s s }'

        """)
        #expect(outputs.last?.hasSuffix("awk: program limit exceeded: string size=16777216\n") == true)
        #expect(outcomes == [.ran])
    }
}
