import Cluster
import KubeYAML

/// Prints what a watch sees as kubectl's printers do when `get -w` or `events -w` hands them
/// one object at a time: a table's header once, with its first row, and each later print aligned
/// by a writer that remembers its widths (earlier lines are never realigned); `---` between YAML
/// documents; one JSON document, name or template result per object. With
/// `--output-watch-events` an object is printed as an event: an EVENT column first in tables,
/// `{"type":"ADDED","object":{...}}` as a document.
final class WatchPrinter {
    private let format: OutputFormat
    private let noHeaders: Bool
    private let withEventType: Bool
    /// The table of some objects, header included, for the table format.
    private let table: ([any APIObject]) -> Printer.Table
    private var writer = RememberingTabWriter()
    private var printedHeader = false
    private var printedDocuments = 0

    init(format: OutputFormat, noHeaders: Bool, withEventType: Bool, table: @escaping ([any APIObject]) -> Printer.Table) {
        self.format = format
        self.noHeaders = noHeaders
        self.withEventType = withEventType
        self.table = table
    }

    /// The text kubectl prints for `objects` handed over together (its initial list), or for one
    /// object a watch event brought (`event`, shown only with `--output-watch-events`).
    func print(_ objects: [any APIObject], event: WatchEvent.EventType = .added) throws(KubectlError) -> String {
        guard !objects.isEmpty else { return "" }
        let eventType = withEventType ? event.rawValue : nil
        switch format {
        case .table:
            var table = table(objects)
            if let eventType {
                table.header.insert("EVENT", at: 0)
                table.rows = table.rows.map { [eventType] + $0 }
            }
            return flush(header: noHeaders ? nil : table.header, rows: table.rows)
        case .customColumns(let columns):
            var rows: [[String]] = []
            for object in objects { rows.append(try columns.cells(document(object, eventType: eventType))) }
            return flush(header: columns.header, rows: rows)
        case .name:
            return objects.map { "\($0.type.qualifiedSingular)/\($0.name)\n" }.joined()
        case .jsonPath(let template, let asJSON):
            var text = ""
            for object in objects {
                let root = document(object, eventType: eventType)
                text += try asJSON ? template.renderJSON(root) : template.render(root)
            }
            return text
        case .yaml:
            return objects.map { object in
                printedDocuments += 1
                let yaml = Manifest.yaml(document(object.withoutManagedFields(), eventType: eventType))
                return (printedDocuments > 1 ? "---\n" : "") + yaml + (yaml.hasSuffix("\n") ? "" : "\n")
            }.joined()
        case .json:
            return objects.map { object in
                let value = (try? Codec.json(object.withoutManagedFields().withTypeMeta())) ?? .null
                // Go marshals a watch event compactly, its fields in the struct's order.
                guard let eventType else { return value.render() + "\n" }
                return "{\"type\":\(JSONValue.quote(eventType)),\"object\":\(value.render(indent: ""))}\n"
            }.joined()
        }
    }

    /// The object as the printers see it: itself, or a watch event holding it.
    private func document(_ object: any APIObject, eventType: String?) -> JSONValue {
        let value = (try? Codec.json(object.withTypeMeta())) ?? .null
        guard let eventType else { return value }
        return .object(["type": .string(eventType), "object": value])
    }

    /// Rows, after the header (nil: none wanted) if this is the first print with any rows.
    private func flush(header: [String]?, rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        var lines = rows
        if let header, !printedHeader {
            lines.insert(header, at: 0)
            printedHeader = true
        }
        return writer.flush(lines)
    }
}
