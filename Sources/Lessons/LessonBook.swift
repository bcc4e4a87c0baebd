import Checks
import Foundation

/// The lessons on disk: English in `Lessons/`, each translation in `Lessons/LANG/` under the
/// same file names. A lesson without a translation falls back to English.
public struct LessonBook: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The numbered English lessons, in order, read from their file names.
    public func catalogue() -> [(number: Int, file: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.compactMap { file -> (Int, String)? in
            guard file.hasSuffix(".md"), let dash = file.firstIndex(of: "-"), let number = Int(file[..<dash]) else { return nil }
            return (number, file)
        }.sorted { $0.0 < $1.0 }
    }

    /// Lesson `number` in `language`, and whether it fell back to English.
    public func lesson(_ number: Int, language: String) throws(CheckError) -> (lesson: Lesson, fellBack: Bool) {
        guard let file = catalogue().first(where: { $0.number == number })?.file else {
            throw CheckError("there is no lesson \(number)")
        }
        if language != "en" {
            let translated = (directory as NSString).appendingPathComponent("\(language)/\(file)")
            if FileManager.default.fileExists(atPath: translated) {
                return (try Lesson(file: translated, language: language), false)
            }
        }
        return (try Lesson(file: (directory as NSString).appendingPathComponent(file), language: "en"), language != "en")
    }

    /// The languages lessons are written in: English and every translation directory.
    public func languages() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let translations = entries.filter { entry in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory) && isDirectory.boolValue
        }
        return ["en"] + translations.sorted()
    }
}
