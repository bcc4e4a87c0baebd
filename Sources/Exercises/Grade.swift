import Checks
import Cluster

/// An exercise graded on a cluster: every check's verdict, each task's share of its weight,
/// and the total as a percentage against the pass mark.
public struct Grade: Sendable {
    public struct TaskGrade: Sendable {
        public let number: Int
        public let task: Exercise.Task
        public let results: [CheckResult]

        /// The fraction of the task's check weight that passed, times the task's weight.
        public var points: Double {
            let total = results.reduce(0) { $0 + $1.check.weight }
            let earned = results.filter(\.passed).reduce(0) { $0 + $1.check.weight }
            return total == 0 ? 0 : Double(task.weight) * Double(earned) / Double(total)
        }
    }

    public let exercise: Exercise
    public let tasks: [TaskGrade]

    /// Grades the exercise on the cluster as it stands.
    public init(_ exercise: Exercise, on cluster: Cluster) {
        self.exercise = exercise
        tasks = exercise.tasks.enumerated().map { index, task in
            TaskGrade(number: index + 1, task: task, results: task.checks.map { $0.evaluate(in: cluster) })
        }
    }

    public var percent: Double {
        let total = exercise.tasks.reduce(0) { $0 + $1.weight }
        return total == 0 ? 0 : 100 * tasks.reduce(0) { $0 + $1.points } / Double(total)
    }

    public var passed: Bool { percent >= exercise.passMark }

    /// The report a student or an instructor reads: per check, per task, then the total.
    public var report: String {
        var text = "\(exercise.title)\n"
        for grade in tasks {
            let firstLine = grade.task.text.split(separator: "\n").first.map(String.init) ?? ""
            text += "\nTask \(grade.number) (weight \(grade.task.weight)): \(firstLine)\n"
            for result in grade.results {
                let points = "\(result.passed ? result.check.weight : 0)/\(result.check.weight)"
                text += "  \(result.mark) \(points.padded(to: 5)) \(result.verdict)\n"
            }
            text += "  task score: \(Grade.number(grade.points))/\(grade.task.weight)\n"
        }
        let total = exercise.tasks.reduce(0) { $0 + $1.weight }
        let earned = tasks.reduce(0) { $0 + $1.points }
        text += "\nTotal: \(Grade.number(earned))/\(total) = \(Grade.number(percent))% — \(passed ? "PASS" : "FAIL") (pass mark \(Grade.number(exercise.passMark))%)\n"
        return text
    }

    /// `2`, `2.5`, `66.67`: at most two decimals, none when whole.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
