import Checks
import Foundation
import Lessons
import Testing
@testable import REPL

/// Every lesson, in every language: it reads, and typing its commands passes its checks.
@Suite struct LessonTests {
    static let book = LessonBook(directory: repositoryRoot + "/Lessons")
    static let numbers = book.catalogue().map(\.number)
    static let translations = book.languages().filter { $0 != "en" }

    @Test func theBookHasTheLessonsTheCourseNeedsInOrder() throws {
        #expect(LessonTests.numbers.count >= 15)
        #expect(LessonTests.numbers == Array(1...LessonTests.numbers.count))
        #expect(LessonTests.translations.contains("ko"))
    }

    /// Types every command of a lesson, section by section, from a fresh cluster; each section's
    /// checks must pass before `lesson next`, and the last `lesson next` completes the lesson.
    @Test(arguments: numbers) func typingALessonsCommandsPassesItsChecks(number: Int) throws {
        let lesson = try LessonTests.book.lesson(number, language: "en").lesson
        guard !lesson.coming else { return }
        let session = Session(workingDirectory: repositoryRoot)
        #expect(session.feed("lesson \(number)").contains(lesson.title))
        for (index, section) in lesson.sections.enumerated() {
            for command in section.commands {
                let output = session.feed(command)
                #expect(!output.contains("command not found"), "lesson \(number) section \(index + 1): \(command)\n\(output)")
            }
            let failing = section.checks.map { $0.evaluate(in: session.cluster) }.filter { !$0.passed }
            #expect(failing.isEmpty, "lesson \(number) section \(index + 1) \"\(section.title)\": \(failing.map { "\($0.summary) (\($0.found))" })")
            let next = session.feed("lesson next")
            if index == lesson.sections.count - 1 { #expect(next.contains("Lesson \(number) complete"), "\(next)") }
        }
    }

    /// A translation says the same things to the cluster: the same sections, commands and
    /// checks (only the words for the student differ).
    @Test(arguments: translations) func translationsTypeTheSameCommandsAndCheckTheSameThings(language: String) throws {
        for number in LessonTests.numbers {
            let (translated, fellBack) = try LessonTests.book.lesson(number, language: language)
            if fellBack { continue }
            let english = try LessonTests.book.lesson(number, language: "en").lesson
            #expect(translated.coming == english.coming && translated.setup == english.setup, "lesson \(number) in \(language)")
            #expect(translated.sections.map(\.commands) == english.sections.map(\.commands), "lesson \(number) in \(language): commands differ")
            let unworded = { (lesson: Lesson) in lesson.sections.map { $0.checks.map { Check($0.condition, weight: $0.weight) } } }
            #expect(unworded(translated) == unworded(english), "lesson \(number) in \(language): checks differ")
            #expect(translated.sections.map(\.hints.count) == english.sections.map(\.hints.count), "lesson \(number) in \(language): hints differ")
        }
    }

    @Test func aSectionWaitsForItsChecksAndSaysWhatIsMissing() {
        let text = transcript(["lesson 1", "lesson next", "lesson next", "lesson check", "lesson next", "hint", "hint"])
        #expect(text.contains("── Section 3 of 6: A Pod, and who put it where ──"))
        #expect(text.contains("  ✗ the Pod nginx is running and Ready\n      (pod/nginx not found)"))
        #expect(text.contains("Not yet. What is missing:"))
        #expect(text.contains("Hint 1 of 1:\nkubectl run NAME --image=IMAGE creates a single Pod."))
        #expect(text.contains("No more hints for this section. The commands it shows are:\n    kubectl run nginx --image=nginx"))
        #expect(!text.contains("Section 4 of 6"))
    }

    @Test func doingTheWorkAnnouncesTheSectionOnceAndLessonResetStartsAgain() {
        let text = transcript(["lesson 1", "lesson next", "lesson next", "kubectl run nginx --image=nginx", "kubectl get pods",
                               "lesson next", "lesson reset", "kubectl get pods"])
        let beforeReset = text.components(separatedBy: "$ lesson reset")[0]
        #expect(beforeReset.components(separatedBy: "✓ Every check of this section passes.").count == 2)
        #expect(text.contains("Section 4 of 6"))
        #expect(text.contains("The lesson starts again from the beginning.\nLesson 1 — The cluster tour"))
        // Section 1 again: its checks (the nodes are Ready) pass at once.
        #expect(text.hasSuffix("$ kubectl get pods\nNo resources found in default namespace.\n✓ Every check of this section passes. Type 'lesson next' to go on.\n"))
    }

    @Test func koreanLessonsAndBadLessonCommands() {
        let text = transcript(["lesson 1 --lang ko", "lesson list", "lesson 99", "lesson twelve", "lesson 2 --lang fr", "lesson --lang"])
        #expect(text.contains("레슨 1 — ") && text.contains("── 섹션 1/"))
        #expect(text.contains("레슨 ('lesson N'으로 시작):"))
        #expect(text.contains("lesson: there is no lesson 99"))
        #expect(text.contains("usage: lesson [list | N | next | check | reset] [--lang ko]"))
        #expect(text.contains("(lesson 2 has no 'fr' translation yet; showing English)\nLesson 2 — "))
        #expect(text.hasSuffix("lesson: --lang needs a language, such as ko or en\n"))
    }

    /// A lesson not yet translated is shown in English, and the student is told so in Korean.
    @Test func anUntranslatedLessonFallsBackToEnglishAndSaysSo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepkube-lessons-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory + "/Lessons/ko", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# Lesson 1 — Only English\n\nIntro.\n\n## One\n\nText.\n".write(toFile: directory + "/Lessons/01-only-english.md", atomically: true, encoding: .utf8)
        let text = run(Session(workingDirectory: directory), ["lesson 1 --lang ko"])
        #expect(text.contains("(레슨 1은(는) 아직 한국어 번역이 없어 영어로 보여 줍니다)\nLesson 1 — Only English\n"))
        #expect(text.contains("── Section 1 of 1: One ──"))
    }

    @Test func tabCompletesTheLessonCommands() {
        let session = Session(workingDirectory: repositoryRoot)
        #expect(session.completions(for: "les") == ["lesson"])
        #expect(session.completions(for: "lesson n") == ["next"])
        #expect(session.completions(for: "lesson 1").contains("15"))
        #expect(session.completions(for: "trace --d") == ["--diagram"])
        #expect(session.completions(for: "step u") == ["until"])
    }

    @Test func comingLessonsAreListedButDoNotStart() {
        let text = transcript(["lesson list", "lesson 15", "lesson check"])
        #expect(text.contains("RBAC: who may do what") && text.contains("coming"))
        #expect(text.contains("Lesson 15 is coming"))
        #expect(text.hasSuffix("No lesson is running. 'lesson list' shows the lessons; 'lesson 1' starts the first.\n"))
    }
}
