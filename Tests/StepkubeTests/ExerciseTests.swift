import Exercises
import Foundation
import Testing
import REPL

/// Every exercise of the CKA pack: its reference solution passes every check, and its wrong
/// answer loses exactly the points it should.
@Suite struct ExerciseTests {
    static let directory = repositoryRoot + "/exercises/cka"
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

    static func exercise(_ file: String) throws -> Exercise {
        do { return try Exercise(file: directory + "/" + file) } catch { throw error }
    }

    static func grade(_ exercise: Exercise, _ answers: String) -> Grade {
        Session(workingDirectory: repositoryRoot).grade(exercise, answers: answers.components(separatedBy: "\n"))
    }

    @Test func thePackCoversTheFiveDomainsWithAtLeast25Tasks() throws {
        let exercises = try ExerciseTests.files.map(ExerciseTests.exercise)
        #expect(exercises.reduce(0) { $0 + $1.tasks.count } >= 25)
        let domains = Set(exercises.compactMap(\.domain))
        #expect(domains == ["troubleshooting", "cluster-architecture", "services-and-networking", "workloads-and-scheduling", "storage"])
    }

    @Test(arguments: files) func theReferenceSolutionPassesEveryCheck(file: String) throws {
        let exercise = try ExerciseTests.exercise(file)
        let grade = ExerciseTests.grade(exercise, exercise.tasks.map(\.solution).joined(separator: "\n"))
        #expect(grade.percent == 100, "\(file):\n\(grade.report)")
    }

    @Test(arguments: files) func theWrongAnswerLosesTheRightPoints(file: String) throws {
        let exercise = try ExerciseTests.exercise(file)
        let wrong = try #require(exercise.wrong, "\(file) has no wrong answer")
        let grade = ExerciseTests.grade(exercise, wrong.answers)
        #expect(Grade.number(grade.percent) == Grade.number(wrong.score), "\(file):\n\(grade.report)")
        #expect(grade.percent < 100)
        #expect(ExerciseTests.grade(exercise, "").percent < exercise.passMark, "\(file): the setup alone passes")
    }

    @Test func aStudentWorksThroughAnExercise() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let exercise = try ExerciseTests.exercise("01-scale-and-expose.yaml")
        let opening = session.start(exercise)
        #expect(opening.contains("Exercise: Scale a Deployment and expose it on a NodePort\nTime limit: 12m"))
        #expect(opening.contains("  ▶ Task 1 (weight 4): The Deployment shop in namespace default runs one replica."))
        let text = run(session, ["check", "kubectl scale deployment shop --replicas=3", "check", "task 2", "hint", "task 9", "score"])
        #expect(text.contains("$ check\n  ✗ the Deployment shop wants 3 replicas ({.spec.replicas} is \"1\")"))
        #expect(text.contains("$ check\n  ✓ the Deployment shop wants 3 replicas\n  ✓ 3 Pods of shop are Running\n"))
        #expect(text.contains("Hint 1 of 2: kubectl expose can make the Service"))
        #expect(text.contains("task: expects a task number from 1 to 2"))
        #expect(text.hasSuffix("Total: 4/10 = 40% — FAIL (pass mark 66%)\n"))
    }

    @Test func aBrokenExerciseFileSaysWhatIsWrong() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-exercise-\(getpid()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "title: x\ntasks:\n  - text: t\n    solution: s\n    checks:\n      - exists: nginx\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try Exercise(file: path) }
        do { _ = try Exercise(file: path) } catch {
            #expect(error.description.contains("expected TYPE/NAME with a type kubectl knows"), "\(error.description)")
        }
    }
}
