import Checks
import Foundation
import Lessons

/// Where a student is in a lesson: the section on screen and the hints already shown.
struct LessonProgress {
    let lesson: Lesson
    var section = 0
    var hintsShown = 0
    /// Whether the student was already told that this section's checks pass.
    var announced = false

    var current: Lesson.Section? { lesson.sections.indices.contains(section) ? lesson.sections[section] : nil }

    /// Check results as a lesson shows them: a mark and what is wanted, and under a failed one
    /// what was found.
    static func lines(_ results: [CheckResult]) -> String {
        results.map { "  \($0.mark) \($0.summary)\n" + ($0.passed ? "" : "      (\($0.found))\n") }.joined()
    }

    /// The columns `text` takes in a terminal: Hangul and CJK characters are two wide.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
            return width + (wide ? 2 : 1)
        }
    }
}

/// The lesson commands: `lesson list|N|next|check|reset [--lang LANG]` and `hint`.
extension Session {
    func lesson(_ arguments: [String]) -> String {
        var words: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--lang" || word.hasPrefix("--lang=") {
                let value = word == "--lang" ? (arguments.indices.contains(index + 1) ? arguments[index + 1] : "") : String(word.dropFirst(7))
                guard !value.isEmpty, !value.hasPrefix("-") else { return "lesson: --lang needs a language, such as ko or en\n" }
                language = value
                index += word == "--lang" ? 2 : 1
                continue
            }
            words.append(word)
            index += 1
        }
        switch words.first {
        case nil: return progress == nil ? lessonList() : showSection()
        case "list": return lessonList()
        case "next": return nextSection()
        case "check": return checkSection()
        case "reset":
            guard let progress else { return say(\.noLesson) }
            return LessonWords(language: language).reset + "\n" + startLesson(progress.lesson.number)
        case let word?:
            guard let number = Int(word) else {
                return "usage: lesson [list | N | next | check | reset] [--lang ko]\n"
            }
            return startLesson(number)
        }
    }

    func hint() -> String {
        guard var progress, let section = progress.current else { return say(\.noLesson) }
        let say = LessonWords(language: progress.lesson.language)
        guard progress.hintsShown < section.hints.count else {
            let commands = section.commands.isEmpty ? "" : section.commands.map { "    " + $0 }.joined(separator: "\n") + "\n"
            return say.noMoreHints + "\n" + commands
        }
        progress.hintsShown += 1
        self.progress = progress
        return say.hint(progress.hintsShown, of: section.hints.count) + "\n" + section.hints[progress.hintsShown - 1] + "\n"
    }

    /// After a command, in a lesson: whether it made the section's checks pass, said once.
    func lessonNews(after line: String) -> String {
        let command = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        guard var progress, !progress.announced, !["lesson", "hint", ""].contains(command), !needsMoreInput,
              let section = progress.current, !section.checks.isEmpty,
              section.checks.allSatisfy({ $0.evaluate(in: cluster).passed }) else { return "" }
        progress.announced = true
        self.progress = progress
        return LessonWords(language: progress.lesson.language).sectionPassed + "\n"
    }

    private func say(_ phrase: KeyPath<LessonWords, String>) -> String {
        LessonWords(language: language)[keyPath: phrase] + "\n"
    }

    private func startLesson(_ number: Int) -> String {
        let found: (lesson: Lesson, fellBack: Bool)
        do { found = try lessons.lesson(number, language: language) } catch {
            return "lesson: \(error.description)\n"
        }
        let say = LessonWords(language: found.lesson.language)
        var text = found.fellBack ? LessonWords(language: language).fellBack(number, language: language) + "\n" : ""
        if found.lesson.coming { return text + found.lesson.title + "\n\n" + found.lesson.introduction + "\n\n" + say.coming(number) + "\n" }
        bootFreshCluster()
        runQuietly(found.lesson.setup)
        progress = LessonProgress(lesson: found.lesson)
        text += found.lesson.title + "\n" + say.freshCluster + "\n"
        if !found.lesson.introduction.isEmpty { text += "\n" + found.lesson.introduction + "\n" }
        return text + "\n" + showSection()
    }

    private func showSection() -> String {
        guard let progress, let section = progress.current else { return say(\.noLesson) }
        let say = LessonWords(language: progress.lesson.language)
        var text = say.section(progress.section + 1, of: progress.lesson.sections.count, section.title) + "\n"
        if !section.text.isEmpty { text += "\n" + section.text + "\n" }
        return text + "\n" + say.howToGoOn + "\n"
    }

    private func checkSection() -> String {
        guard let progress, let section = progress.current else { return say(\.noLesson) }
        let say = LessonWords(language: progress.lesson.language)
        guard !section.checks.isEmpty else { return say.nothingToCheck + "\n" }
        let results = section.checks.map { $0.evaluate(in: cluster) }
        let text = LessonProgress.lines(results)
        return results.allSatisfy(\.passed) ? text + say.sectionPassed + "\n" : text
    }

    private func nextSection() -> String {
        guard var progress, let section = progress.current else {
            let next = (completedLessons.max() ?? 0) + 1
            return lessons.catalogue().contains { $0.number == next } ? startLesson(next) : say(\.noLesson)
        }
        let say = LessonWords(language: progress.lesson.language)
        let failing = section.checks.map { $0.evaluate(in: cluster) }.filter { !$0.passed }
        guard failing.isEmpty else {
            return say.notYet + "\n" + LessonProgress.lines(failing)
        }
        progress.section += 1
        progress.hintsShown = 0
        progress.announced = false
        self.progress = progress
        if progress.current != nil { return showSection() }
        self.progress = nil
        completedLessons.insert(progress.lesson.number)
        var text = say.lessonComplete(progress.lesson.number) + "\n"
        if let next = lessons.catalogue().first(where: { $0.number > progress.lesson.number }),
           let upcoming = try? lessons.lesson(next.number, language: language).lesson {
            text += say.next(next.number, upcoming.shortTitle) + "\n"
        } else {
            text += say.lastLesson + "\n"
        }
        return text
    }

    private func lessonList() -> String {
        let say = LessonWords(language: language)
        var text = say.listHeading + "\n"
        let entries = lessons.catalogue().map { entry in (entry, try? lessons.lesson(entry.number, language: language).lesson) }
        let titles = entries.map { $0.1?.shortTitle }
        let width = (titles.compactMap { $0.map(LessonProgress.columns) }.max() ?? 0) + 2
        for ((entry, lesson), title) in zip(entries, titles) {
            guard let lesson, let title else {
                text += "  \(number(entry.number))  \(entry.file) (cannot be read)\n"
                continue
            }
            let mark = lesson.coming ? say.comingMark
                : progress?.lesson.number == entry.number ? say.currentMark
                : completedLessons.contains(entry.number) ? say.doneMark : ""
            let padding = String(repeating: " ", count: max(width - LessonProgress.columns(title), 1))
            let line = "  \(number(entry.number))  \(title)\(padding)\(mark)"
            text += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return text
    }

    /// A lesson number right-aligned in two columns.
    private func number(_ value: Int) -> String { value < 10 ? " \(value)" : "\(value)" }
}
