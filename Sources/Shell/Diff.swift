/// diff FILE1 FILE2 in the normal format (`2c2`, `< old`, `---`, `> new`), or unified with -u;
/// exit status 1 when the files differ. `-` is standard input, `<(...)` works too. kubectl diff
/// shares the unified format.
public enum Diff {
    /// Files longer than this are compared whole rather than line by line.
    static let maximumLines = 3000

    static func run(_ call: ToolCall) -> Int32 {
        let unified = call.arguments.contains { $0 == "-u" || $0.hasPrefix("-U") }
        let operands = call.arguments.filter { $0 == "-" || !$0.hasPrefix("-") }
        guard operands.count == 2 else {
            return call.fail(operands.count < 2 ? "missing operand after '\(operands.last ?? "diff")'\ndiff: Try 'diff --help' for more information." : "extra operand '\(operands[2])'", status: 2)
        }
        let old: [String], new: [String]
        do {
            old = try call.inputs([operands[0]]).joined().shellLines
            new = try call.inputs([operands[1]]).joined().shellLines
        } catch {
            call.io.err(error.message + "\n")
            return 2
        }
        if old == new { return 0 }
        guard old.count <= maximumLines, new.count <= maximumLines else {
            call.io.out("Files \(operands[0]) and \(operands[1]) differ\n")
            return 1
        }
        let edits = script(old, new)
        call.io.out(unified ? "--- \(operands[0])\n+++ \(operands[1])\n" + hunks(edits, old: old, new: new) : normal(edits, old: old, new: new))
        return 1
    }

    /// A run of changed lines: old[oldStart..<oldEnd] became new[newStart..<newEnd].
    struct Hunk {
        var oldStart: Int, oldEnd: Int, newStart: Int, newEnd: Int
    }

    /// The hunks of a longest-common-subsequence alignment.
    static func script(_ old: [String], _ new: [String]) -> [Hunk] {
        let rows = old.count + 1, columns = new.count + 1
        var lengths = [Int](repeating: 0, count: rows * columns)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] = old[i] == new[j] ? lengths[(i + 1) * columns + j + 1] + 1 : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var hunks: [Hunk] = []
        var i = 0, j = 0
        var current: Hunk?
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                if let hunk = current { hunks.append(hunk); current = nil }
                i += 1
                j += 1
                continue
            }
            if current == nil { current = Hunk(oldStart: i, oldEnd: i, newStart: j, newEnd: j) }
            if j < new.count, i == old.count || lengths[i * columns + j + 1] >= lengths[(i + 1) * columns + j] {
                j += 1
                current?.newEnd = j
            } else {
                i += 1
                current?.oldEnd = i
            }
        }
        if let hunk = current { hunks.append(hunk) }
        return hunks
    }

    private static func normal(_ hunks: [Hunk], old: [String], new: [String]) -> String {
        func range(_ start: Int, _ end: Int) -> String { end - start == 1 ? "\(end)" : "\(start + 1),\(end)" }
        var output = ""
        for hunk in hunks {
            let deleted = hunk.oldEnd > hunk.oldStart, added = hunk.newEnd > hunk.newStart
            let oldRange = deleted ? range(hunk.oldStart, hunk.oldEnd) : "\(hunk.oldStart)"
            let newRange = added ? range(hunk.newStart, hunk.newEnd) : "\(hunk.newStart)"
            output += oldRange + (deleted && added ? "c" : deleted ? "d" : "a") + newRange + "\n"
            output += old[hunk.oldStart..<hunk.oldEnd].map { "< " + $0 + "\n" }.joined()
            if deleted && added { output += "---\n" }
            output += new[hunk.newStart..<hunk.newEnd].map { "> " + $0 + "\n" }.joined()
        }
        return output
    }

    /// The unified diff of two texts' lines under GNU diff's `--- OLD` and `+++ NEW` header lines
    /// (`labels`, which GNU diff follows with a tab and the file's time); empty when they are equal.
    public static func unified(_ old: [String], _ new: [String], labels: (old: String, new: String)) -> String {
        if old == new { return "" }
        return "--- \(labels.old)\n+++ \(labels.new)\n" + hunks(script(old, new), old: old, new: new)
    }

    /// GNU diff's `@@ -START,COUNT +START,COUNT @@` hunks with three lines of context; a range of
    /// one line is written `START`, an empty one starts at the line before it.
    private static func hunks(_ hunks: [Hunk], old: [String], new: [String]) -> String {
        let context = 3
        func range(_ low: Int, _ high: Int) -> String {
            high - low == 1 ? "\(low + 1)" : high == low ? "\(low),0" : "\(low + 1),\(high - low)"
        }
        var output = ""
        var index = 0
        while index < hunks.count {
            var last = index
            while last + 1 < hunks.count, hunks[last + 1].oldStart - hunks[last].oldEnd <= 2 * context { last += 1 }
            let oldLow = max(hunks[index].oldStart - context, 0), oldHigh = min(hunks[last].oldEnd + context, old.count)
            let newLow = max(hunks[index].newStart - context, 0), newHigh = min(hunks[last].newEnd + context, new.count)
            output += "@@ -\(range(oldLow, oldHigh)) +\(range(newLow, newHigh)) @@\n"
            var position = oldLow
            for hunk in hunks[index...last] {
                output += old[position..<hunk.oldStart].map { " " + $0 + "\n" }.joined()
                output += old[hunk.oldStart..<hunk.oldEnd].map { "-" + $0 + "\n" }.joined()
                output += new[hunk.newStart..<hunk.newEnd].map { "+" + $0 + "\n" }.joined()
                position = hunk.oldEnd
            }
            output += old[position..<oldHigh].map { " " + $0 + "\n" }.joined()
            index = last + 1
        }
        return output
    }
}
