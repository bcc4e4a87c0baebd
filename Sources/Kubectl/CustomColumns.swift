import Cluster

/// `-o custom-columns=HEADER:PATH,...` and `-o custom-columns-file=FILE`, as kubectl's
/// CustomColumnsPrinter: a header line, then one line per object; a path with no value prints
/// `<none>`, several values are joined by commas.
struct CustomColumns {
    struct Column {
        let header: String
        /// The path as kubectl's RelaxedJSONPathExpression gives it: `{.metadata.name}`.
        let template: String
    }

    let columns: [Column]
    let noHeaders: Bool

    /// From `NAME:.metadata.name,IMAGE:.spec.containers[*].image`.
    init(spec: String, noHeaders: Bool) throws(KubectlError) {
        guard !spec.isEmpty else { throw .message("custom-columns format specified but no custom columns given") }
        var columns: [Column] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw .message("unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            columns.append(Column(header: String(pieces[0]), template: try CustomColumns.relaxed(String(pieces[1]))))
        }
        self.columns = columns
        self.noHeaders = noHeaders
    }

    /// From a file of two lines: headers, then paths, each separated by white space. kubectl
    /// prints this format's header even with --no-headers.
    init(file text: String) throws(KubectlError) {
        // Lines as Go's bufio.Scanner reads them: a final newline does not start another line.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.isEmpty || text.hasSuffix("\n") { lines.removeLast() }
        let layout = "Expected format is one line of space separated headers, one line of space separated column specs."
        guard let headerLine = lines.first else { throw .message("invalid template, missing header line. \(layout)") }
        guard lines.count > 1 else { throw .message("invalid template, missing spec line. \(layout)") }
        let headers = headerLine.split(whereSeparator: \.isWhitespace).map(String.init)
        let paths = lines[1].split(whereSeparator: \.isWhitespace).map(String.init)
        guard headers.count == paths.count else {
            throw .message("number of headers (\(headers.count)) and field specifications (\(paths.count)) don't match")
        }
        var columns: [Column] = []
        for (header, path) in zip(headers, paths) {
            columns.append(Column(header: header, template: try CustomColumns.relaxed(path)))
        }
        self.columns = columns
        noHeaders = false
    }

    private static func relaxed(_ path: String) throws(KubectlError) -> String {
        do { return try JSONPath.relaxed(path) } catch { throw .message(error.message) }
    }

    /// The header's cells, or nil when it is not printed.
    var header: [String]? { noHeaders ? nil : columns.map(\.header) }

    /// One object's cells: a path with no value gives `<none>`, several values are joined by commas.
    func cells(_ document: JSONValue) throws(KubectlError) -> [String] {
        var cells: [String] = []
        do {
            for column in columns {
                let values = try JSONPath(column.template).results(in: document).flatMap { $0 }
                cells.append(values.isEmpty ? "<none>" : values.map(GoFormat.plain).joined(separator: ","))
            }
        } catch {
            throw .message(error.message)
        }
        return cells
    }

    /// The lines for `documents`, aligned as kubectl's tabwriter aligns them. A path that fails
    /// stops the table where it failed, after what was already written: the error comes second.
    func render(_ documents: [JSONValue]) -> (text: String, error: KubectlError?) {
        var lines: [String] = header.map { [$0.joined(separator: "\t")] } ?? []
        func table() -> String { lines.isEmpty ? "" : TabWriter.format(lines.joined(separator: "\n"), padding: 3, minWidth: 6) }
        do {
            // Every path is parsed before the first object, as kubectl parses them, even for none.
            for column in columns { _ = try JSONPath(column.template) }
        } catch {
            return (table(), .message(error.message))
        }
        do {
            for document in documents { lines.append(try cells(document).joined(separator: "\t")) }
        } catch {
            return (table(), error)
        }
        return (table(), nil)
    }
}
