import Checks
import Foundation
import Yams

/// An instructor's exercise, read from YAML: a title, a time limit, setup commands, and tasks,
/// each with its text, weight, hints, a reference solution and the checks that grade it.
/// `Exercises/README.md` documents the format.
public struct Exercise: Sendable, Decodable {
    public struct Task: Sendable, Decodable {
        public let text: String
        /// The task's share of the exam, as CKA states it ("Task weight: 7%").
        public let weight: Int
        public let hints: [String]
        /// The reference solution: lines to type, as in a REPL script.
        public let solution: String
        public let checks: [Check]

        enum CodingKeys: CodingKey { case text, weight, hints, solution, checks }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text).trimmingCharacters(in: .whitespacesAndNewlines)
            weight = try container.decodeIfPresent(Int.self, forKey: .weight) ?? 1
            hints = try container.decodeIfPresent([String].self, forKey: .hints) ?? []
            solution = try container.decode(String.self, forKey: .solution)
            checks = try container.decode([Check].self, forKey: .checks)
            guard weight > 0, !checks.isEmpty else {
                throw CheckError("task \"\(text.prefix(40))\": needs a positive weight and at least one check")
            }
        }
    }

    /// A wrong answer for CI: graded, it must score exactly `score` percent.
    public struct WrongAnswer: Sendable, Decodable {
        public let answers: String
        public let score: Double
    }

    public let title: String
    /// The CKA curriculum domain, such as `workloads-and-scheduling`.
    public let domain: String?
    /// `15m`, `1h`: shown as a countdown in `stepkube exercise`.
    public let timeLimit: String?
    public let setup: [String]
    /// The percentage needed to pass (CKA: 66).
    public let passMark: Double
    public let tasks: [Task]
    public let wrong: WrongAnswer?

    enum CodingKeys: CodingKey { case title, domain, timeLimit, setup, passMark, tasks, wrong }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        domain = try container.decodeIfPresent(String.self, forKey: .domain)
        timeLimit = try container.decodeIfPresent(String.self, forKey: .timeLimit)
        setup = try container.decodeIfPresent([String].self, forKey: .setup) ?? []
        passMark = try container.decodeIfPresent(Double.self, forKey: .passMark) ?? 66
        tasks = try container.decode([Task].self, forKey: .tasks)
        wrong = try container.decodeIfPresent(WrongAnswer.self, forKey: .wrong)
        guard !tasks.isEmpty else { throw CheckError("an exercise needs at least one task") }
    }

    /// Reads an exercise file, or says what is wrong with it.
    public init(file: String) throws(CheckError) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CheckError("cannot read \(file)") }
        do {
            self = try YAMLDecoder().decode(Exercise.self, from: text)
        } catch {
            if let reason = CheckError.unwrapping(error) { throw CheckError("\(file): \(reason.description)") }
            throw CheckError("\(file): not an exercise: \(error)")
        }
    }
}
