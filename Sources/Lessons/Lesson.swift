import Checks
import Foundation
import Yams

/// A numbered lesson read from `Lessons/NN-name.md` (or a translation in `Lessons/LANG/`).
///
/// The file is Markdown a person can read on GitHub. Optional front matter (`status: coming`,
/// `setup:` commands run on a fresh cluster before the lesson starts), a `# ` title, an
/// introduction, then `## ` sections. In a section, ```sh blocks are the commands to type,
/// ```check blocks the checks (a YAML list, see `Check`) that must pass before the next
/// section, and each ```hint block one hint.
public struct Lesson: Sendable {
    public struct Section: Sendable {
        public let title: String
        /// The section's text for the terminal: prose and commands, without checks and hints.
        public let text: String
        /// The lines to type, in order (a heredoc spans several).
        public let commands: [String]
        public let checks: [Check]
        public let hints: [String]
    }

    public let number: Int
    /// `pod-from-yaml` for `02-pod-from-yaml.md`.
    public let slug: String
    /// `en`, or the translation's directory name.
    public let language: String
    public let title: String
    /// The title without its `Lesson N — ` prefix.
    public var shortTitle: String { title.range(of: " — ").map { String(title[$0.upperBound...]) } ?? title }
    /// Listed, but its features are not built yet.
    public let coming: Bool
    /// Commands run on the fresh cluster before the first section, output hidden.
    public let setup: [String]
    public let introduction: String
    public let sections: [Section]

    /// Reads a lesson file named `NN-slug.md`.
    public init(file: String, language: String) throws(CheckError) {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]) else {
            throw CheckError("\(file): a lesson file is named NN-name.md")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CheckError("cannot read \(file)") }
        do {
            try self.init(markdown: text, number: number, slug: String(name[name.index(after: dash)...]), language: language)
        } catch {
            throw CheckError("\((file as NSString).lastPathComponent): \(error.description)")
        }
    }

    public init(markdown: String, number: Int, slug: String, language: String) throws(CheckError) {
        self.number = number
        self.slug = slug
        self.language = language
        var lines = markdown.components(separatedBy: "\n")
        let front = try Lesson.frontMatter(&lines)
        coming = front.status == "coming"
        setup = front.setup ?? []
        guard let titleLine = lines.firstIndex(where: { $0.hasPrefix("# ") }) else { throw CheckError("no '# ' title line") }
        title = String(lines[titleLine].dropFirst(2)).trimmingCharacters(in: .whitespaces)
        var blocks: [[String]] = [[]]
        for line in lines[(titleLine + 1)...] {
            if line.hasPrefix("## ") { blocks.append([]) }
            blocks[blocks.count - 1].append(line)
        }
        introduction = try Lesson.section(title: "", lines: blocks[0]).text
        var sections: [Section] = []
        for block in blocks.dropFirst() {
            sections.append(try Lesson.section(title: String(block[0].dropFirst(3)), lines: Array(block.dropFirst())))
        }
        self.sections = sections
    }

    private struct FrontMatter: Decodable {
        var status: String?
        var setup: [String]?
    }

    /// Removes and reads the `---` fenced front matter at the top, if there is one.
    private static func frontMatter(_ lines: inout [String]) throws(CheckError) -> FrontMatter {
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return FrontMatter() }
        let yaml = lines[1..<end].joined(separator: "\n")
        lines.removeSubrange(0...end)
        do {
            return try YAMLDecoder().decode(FrontMatter.self, from: yaml)
        } catch {
            throw CheckError("front matter: \(error)")
        }
    }

    /// Splits a section's lines into its text, commands, checks and hints.
    private static func section(title: String, lines: [String]) throws(CheckError) -> Section {
        var text: [String] = []
        var commands: [String] = []
        var checks: [Check] = []
        var hints: [String] = []
        var fence: (info: String, body: [String])?
        for line in lines {
            if var open = fence {
                guard line.hasPrefix("```") else {
                    open.body.append(line)
                    fence = open
                    continue
                }
                fence = nil
                switch open.info {
                case "check":
                    do { checks += try Check.list(yaml: open.body.joined(separator: "\n")) } catch {
                        throw CheckError("section \"\(title)\": \(error.description)")
                    }
                case "hint": hints.append(open.body.joined(separator: "\n"))
                default:
                    if open.info == "sh" { commands += open.body }
                    text += open.body.map { "    " + $0 }
                }
            } else if line.hasPrefix("```") {
                fence = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
            } else {
                text.append(line.replacingOccurrences(of: "**", with: ""))
            }
        }
        if fence != nil { throw CheckError("section \"\(title)\": a ``` block is not closed") }
        let trimmed = text.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed()
        return Section(title: title, text: trimmed.joined(separator: "\n"), commands: commands, checks: checks, hints: hints)
    }
}
