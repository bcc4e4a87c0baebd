import Checks
import Exercises
import Foundation

/// Where a student is in an exercise: the task on screen, the hints shown, when it started.
struct ExerciseProgress {
    let exercise: Exercise
    var task = 0
    var hintsShown = 0
    /// Wall-clock seconds at the start, when the frontend has a clock (a person is timed).
    let startedAt: Double?
}

/// `stepkube exercise FILE`: the exercise commands `tasks`, `task N`, `check`, `score`, `time`,
/// and `hint`; and `stepkube grade`'s non-interactive run.
extension Session {
    /// Starts an exercise on a fresh cluster: runs its setup, shows the tasks and the first one.
    public func start(_ exercise: Exercise) -> String {
        bootFreshCluster()
        runQuietly(exercise.setup)
        cluster.simulation.runUntilSettled()
        exerciseProgress = ExerciseProgress(exercise: exercise, startedAt: wallClock?())
        var text = "Exercise: \(exercise.title)\n"
        if let limit = exercise.timeLimit { text += "Time limit: \(limit) (type 'time' for what is left)\n" }
        text += "Pass mark: \(Grade.number(exercise.passMark))%\n\n" + taskList()
        text += "\nCommands: 'task N' shows a task, 'hint' a hint for it, 'check' checks it, 'score' grades everything.\n\n"
        return text + showTask()
    }

    /// Grades `answers` (lines of a REPL script) on a fresh cluster after the exercise's setup.
    public func grade(_ exercise: Exercise, answers: [String]) -> Grade {
        _ = start(exercise)
        for line in answers where !ends(with: line) { _ = feed(line) }
        _ = finishInput()
        cluster.simulation.runUntilSettled()
        return Grade(exercise, on: cluster)
    }

    /// The exercise commands, or nil when `command` is not one or no exercise is running.
    func exerciseCommand(_ command: String, _ arguments: [String]) -> String? {
        guard let current = exerciseProgress else { return nil }
        switch command {
        case "tasks": return taskList()
        case "task":
            guard let word = arguments.first, let number = Int(word), number > 0, current.exercise.tasks.indices.contains(number - 1) else {
                return "task: expects a task number from 1 to \(current.exercise.tasks.count)\n"
            }
            exerciseProgress?.task = number - 1
            exerciseProgress?.hintsShown = 0
            return showTask()
        case "check":
            let grade = Grade(current.exercise, on: cluster).tasks[current.task]
            return grade.results.map { "  \($0.mark) \($0.verdict)\n" }.joined()
        case "score": return Grade(current.exercise, on: cluster).report
        case "time": return timeLeft() ?? "This exercise has no time limit.\n"
        case "hint":
            let task = current.exercise.tasks[current.task]
            guard current.hintsShown < task.hints.count else { return "No more hints for task \(current.task + 1).\n" }
            exerciseProgress?.hintsShown += 1
            return "Hint \(current.hintsShown + 1) of \(task.hints.count): \(task.hints[current.hintsShown])\n"
        default: return nil
        }
    }

    private func taskList() -> String {
        guard let current = exerciseProgress else { return "" }
        return current.exercise.tasks.enumerated().map { index, task in
            let line = task.text.split(separator: "\n").first.map(String.init) ?? ""
            return "  \(index == current.task ? "▶" : " ") Task \(index + 1) (weight \(task.weight)): \(line)\n"
        }.joined()
    }

    private func showTask() -> String {
        guard let current = exerciseProgress else { return "" }
        let task = current.exercise.tasks[current.task]
        return "Task \(current.task + 1) of \(current.exercise.tasks.count) (weight \(task.weight))\n\(task.text)\n" + (timeLeft() ?? "")
    }

    /// `14m05s left`, or `time is up`, measured on the frontend's wall clock.
    private func timeLeft() -> String? {
        guard let current = exerciseProgress, let text = current.exercise.timeLimit, let limit = Duration.parse(text).map({ Int($0 / 1000) }) else { return nil }
        guard let start = current.startedAt, let now = wallClock?() else {
            return "(time limit \(text): timed only at a terminal)\n"
        }
        let left = limit - Int(now - start)
        guard left > 0 else { return "Time is up (\(text)): 'score' grades what you have.\n" }
        return "(\(left / 60)m\(String(format: "%02d", left % 60))s left)\n"
    }
}
