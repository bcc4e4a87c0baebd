import Cluster
import Foundation

/// The trace as a sequence diagram: one lane per component (kubectl, kube-apiserver, etcd,
/// the controllers, kube-scheduler, the kubelets, and any other that took part) and one arrow
/// per step. An API request is an arrow from its client to kube-apiserver, followed by the
/// write it made to etcd; a watch event is an arrow from kube-apiserver to the component it
/// reached; a reconcile, a scheduling decision or a kubelet sync is a mark on its own lane.
struct SequenceDiagram {
    struct Arrow {
        let from: Int
        let to: Int
        /// The step's number; nil for the etcd write that belongs to the API step before it.
        let step: Int?
        let label: String
        /// A watch event: drawn dashed in Mermaid and SVG.
        let notification: Bool
    }

    private(set) var lanes: [String] = ["kubectl", "kube-apiserver", "etcd", "controllers", "kube-scheduler", "kubelet"]
    private(set) var arrows: [Arrow] = []

    init(_ records: [TraceRecord], trace: TraceLog) {
        for record in records {
            let lane = self.lane(for: record.component)
            switch record.kind {
            case .apiRequest:
                let client = record.causedBy.flatMap { trace.record(number: $0)?.component } ?? (record.command == nil ? "kube-apiserver" : "kubectl")
                arrows.append(Arrow(from: self.lane(for: client), to: lane, step: record.number, label: record.summary, notification: false))
                if let write = SequenceDiagram.etcdWrite(record.explanation) {
                    arrows.append(Arrow(from: lane, to: self.lane(for: "etcd"), step: nil, label: write, notification: false))
                }
            case .watch:
                let event = record.summary.components(separatedBy: " → ").first ?? record.summary
                arrows.append(Arrow(from: self.lane(for: "kube-apiserver"), to: lane, step: record.number,
                                    label: "\(event) → \(record.component)", notification: true))
            default:
                let actor = lanes[lane] == record.component ? "" : record.component + ": "
                arrows.append(Arrow(from: lane, to: lane, step: record.number, label: actor + record.summary, notification: false))
            }
        }
        // Lanes nobody used are left out, except the three every story starts from.
        let used = Set(arrows.flatMap { [$0.from, $0.to] })
        let kept = lanes.indices.filter { used.contains($0) || $0 < 3 }
        let renumber = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        lanes = kept.map { lanes[$0] }
        arrows = arrows.map { Arrow(from: renumber[$0.from] ?? 0, to: renumber[$0.to] ?? 0, step: $0.step, label: $0.label, notification: $0.notification) }
    }

    /// The lane a component's steps are drawn on: every controller on one, every kubelet on one.
    private mutating func lane(for component: String) -> Int {
        let name: String
        if component.hasPrefix("kubelet@") || component == "kubelet" {
            name = "kubelet"
        } else if component == "kube-controller-manager" || component.hasSuffix("-controller") || component == "garbage-collector" {
            name = "controllers"
        } else if let at = component.firstIndex(of: "@") {
            name = String(component[..<at])
        } else {
            name = component
        }
        if let index = lanes.firstIndex(of: name) { return index }
        lanes.append(name)
        return lanes.count - 1
    }

    /// `PUT /registry/pods/default/web-1 at revision 80 (version 1)` from an API step's explanation.
    private static func etcdWrite(_ explanation: String) -> String? {
        for line in explanation.split(separator: "\n") where line.hasPrefix("etcd ") {
            let text = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("PUT") || text.hasPrefix("DELETE") ? text : nil
        }
        return nil
    }

    // MARK: Terminal

    private static let laneWidth = 15

    /// Lanes as columns, one row per arrow, the step's text to the right.
    func terminal() -> String {
        let width = SequenceDiagram.laneWidth
        let center = width / 2
        var text = lanes.map { String($0.prefix(width - 1)).centered(in: width) }.joined() + "\n"
        let idle = lanes.map { _ in String(repeating: " ", count: center) + "│" + String(repeating: " ", count: width - center - 1) }.joined()
        text += idle + "\n"
        for arrow in arrows {
            var row = Array(idle)
            let start = arrow.from * width + center
            let end = arrow.to * width + center
            if start == end {
                row[start] = "◆"
            } else {
                let (low, high) = (min(start, end), max(start, end))
                for column in (low + 1)..<high { row[column] = "─" }
                row[low] = "├"
                row[high] = "┤"
                if end > start { row[end - 1] = "▶" } else { row[end + 1] = "◀" }
            }
            let number = arrow.step.map { "#\($0)" } ?? "   ↳"
            text += String(row) + " " + number.padded(to: 6) + arrow.label + "\n"
        }
        return text
    }

    // MARK: Mermaid

    /// A Mermaid `sequenceDiagram`, for Markdown files and mermaid.live.
    func mermaid() -> String {
        var text = "sequenceDiagram\n"
        for (index, lane) in lanes.enumerated() { text += "    participant L\(index) as \(lane)\n" }
        for arrow in arrows {
            // Mermaid reads `#` and `;` as entity and statement syntax.
            let label = (arrow.step.map { "step \($0): " } ?? "") + arrow.label.replacingOccurrences(of: ";", with: ",").replacingOccurrences(of: "#", with: "no. ")
            text += "    L\(arrow.from)\(arrow.notification ? "-->>" : "->>")L\(arrow.to): \(label)\n"
        }
        return text
    }

    // MARK: SVG and HTML

    /// A standalone SVG picture: lanes with their names at the top, one arrow per row.
    func svg() -> String {
        let laneWidth = 170, rowHeight = 34, top = 60, labelWidth = 640
        let width = lanes.count * laneWidth + labelWidth
        let height = top + arrows.count * rowHeight + 30
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="Menlo, Consolas, monospace" font-size="12">
        <defs><marker id="head" markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#333"/></marker></defs>
        <rect width="100%" height="100%" fill="white"/>

        """
        for (index, lane) in lanes.enumerated() {
            let x = index * laneWidth + laneWidth / 2
            svg += "<rect x=\"\(x - 75)\" y=\"10\" width=\"150\" height=\"28\" rx=\"4\" fill=\"#e8f0fe\" stroke=\"#326ce5\"/>"
            svg += "<text x=\"\(x)\" y=\"29\" text-anchor=\"middle\" font-weight=\"bold\">\(SequenceDiagram.escaped(lane))</text>\n"
            svg += "<line x1=\"\(x)\" y1=\"38\" x2=\"\(x)\" y2=\"\(height - 10)\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n"
        }
        for (row, arrow) in arrows.enumerated() {
            let y = top + row * rowHeight + rowHeight / 2
            let x1 = arrow.from * laneWidth + laneWidth / 2
            let x2 = arrow.to * laneWidth + laneWidth / 2
            if x1 == x2 {
                svg += "<circle cx=\"\(x1)\" cy=\"\(y)\" r=\"6\" fill=\"#326ce5\"/>\n"
            } else {
                let dash = arrow.notification ? " stroke-dasharray=\"6 3\"" : ""
                svg += "<line x1=\"\(x1)\" y1=\"\(y)\" x2=\"\(x2 + (x2 > x1 ? -6 : 6))\" y2=\"\(y)\" stroke=\"#333\"\(dash) marker-end=\"url(#head)\"/>\n"
            }
            let number = arrow.step.map { "#\($0) " } ?? "↳ "
            svg += "<text x=\"\(lanes.count * laneWidth + 10)\" y=\"\(y + 4)\"><tspan font-weight=\"bold\">\(number)</tspan>\(SequenceDiagram.escaped(arrow.label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// The SVG in a page of its own, titled.
    func html(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>\(SequenceDiagram.escaped(title))</title></head>
        <body style="font-family: sans-serif">
        <h1 style="font-size: 1.2em">\(SequenceDiagram.escaped(title))</h1>
        \(svg())</body>
        </html>

        """
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

private extension String {
    func centered(in width: Int) -> String {
        let left = max((width - count) / 2, 0)
        return (String(repeating: " ", count: left) + self).padded(to: width)
    }
}
