/// Go's text/tabwriter, as kubectl uses it: tab-terminated cells are aligned in columns across
/// consecutive lines that have them; the text after a line's last tab is not a cell. A column is
/// at least `minWidth` wide, padding included (kubectl's writer: 6).
public enum TabWriter {
    public static func format(_ text: String, padding: Int, minWidth: Int = 0) -> String {
        var remembered: [Int]?
        return format(text, padding: padding, minWidth: minWidth, remembering: &remembered)
    }

    /// As `format`, but with `remembered` widths, no column is narrower than it was before, and
    /// `remembered` keeps the widest each column has been (liggitt/tabwriter's RememberWidths).
    static func format(_ text: String, padding: Int, minWidth: Int, remembering remembered: inout [Int]?) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        var widths = lines.map { Array(repeating: 0, count: max($0.count - 1, 0)) }
        func layout(_ first: Int, _ last: Int, _ column: Int) {
            var line = first
            while line < last {
                guard lines[line].count - 1 > column else { line += 1; continue }
                let start = line
                var width = minWidth
                while line < last, lines[line].count - 1 > column {
                    width = max(width, lines[line][column].count + padding)
                    line += 1
                }
                if var widths = remembered {
                    while widths.count <= column { widths.append(0) }
                    width = max(width, widths[column])
                    widths[column] = width
                    remembered = widths
                }
                for index in start..<line { widths[index][column] = width }
                layout(start, line, column + 1)
            }
        }
        layout(0, lines.count, 0)
        var output: [String] = []
        for (index, cells) in lines.enumerated() {
            var row = ""
            for (column, cell) in cells.enumerated() {
                if column < cells.count - 1 {
                    row += cell + String(repeating: " ", count: max(widths[index][column] - cell.count, 0))
                } else {
                    row += cell
                }
            }
            output.append(row)
        }
        return output.joined(separator: "\n")
    }

    /// A table as `kubectl get` prints it: header and rows, columns three spaces apart.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let text = ([header] + rows).map { $0.joined(separator: "\t") + "\t" }.joined(separator: "\n")
        return format(text, padding: 3, minWidth: 6).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingTrailing(" ") }.joined(separator: "\n")
    }
}

/// kubectl's watch writer: one writer for the whole watch, flushed after each object it prints,
/// so each flush is aligned on its own, but a column never gets narrower than it has been.
/// Earlier lines are not realigned when a wider cell comes.
struct RememberingTabWriter {
    private var widths: [Int]? = []

    /// Lines of tab-separated cells (the last cell of a line is not a column), aligned.
    mutating func flush(_ lines: [[String]]) -> String {
        let text = lines.map { $0.joined(separator: "\t") }.joined(separator: "\n")
        return TabWriter.format(text, padding: 3, minWidth: 6, remembering: &widths) + "\n"
    }
}
