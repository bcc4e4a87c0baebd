import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import REPL

/// `trace --diagram` draws exactly the steps that ran, one arrow per step, in every format.
@Suite struct TraceDiagramTests {
    @Test func thePodCreationFlowHasOneArrowPerStepInTheTerminal() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/myreplicaset.yaml")
        let steps = session.feed("trace").split(separator: "\n").compactMap { $0.split(separator: " ").first }
        let diagram = session.feed("trace --diagram").split(separator: "\n")
        #expect(diagram.first?.split(separator: " ") == ["kubectl", "kube-apiserver", "etcd", "controllers", "kube-scheduler", "kubelet"])
        let numbered = diagram.compactMap { row in row.split(separator: " ").first { $0.hasPrefix("#") } }
        #expect(numbered == steps)
        // kubectl's request goes right into the API server, whose write goes on to etcd.
        #expect(diagram[2].hasPrefix("       ├─────────────▶┤") && diagram[2].contains("POST /apis/apps/v1/namespaces/default/replicasets → 201 Created"))
        #expect(diagram[3].contains("↳  PUT /registry/replicasets/default/myreplicaset at revision"))
        #expect(diagram.contains { $0.contains("◆") && $0.contains("default/myreplicaset-") && $0.contains("→ node0") })
    }

    @Test func mermaidAndSVGCarryTheSameSteps() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stepkube-diagram-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = Session(workingDirectory: directory)
        _ = session.feed("kubectl run nginx --image=nginx")
        let steps = session.feed("trace").split(separator: "\n").count
        let mermaid = session.feed("trace --mermaid")
        #expect(mermaid.hasPrefix("sequenceDiagram\n    participant L0 as kubectl\n    participant L1 as kube-apiserver\n"))
        #expect(mermaid.split(separator: "\n").filter { $0.contains(": step ") }.count == steps)
        #expect(!mermaid.contains("#") && !mermaid.contains(";"))
        #expect(session.feed("trace --svg flow.svg") == "wrote flow.svg: \(steps) steps as a sequence diagram (open it in a browser)\n")
        let svg = try Data(contentsOf: URL(fileURLWithPath: directory + "/flow.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse(), "the SVG is well-formed XML")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.components(separatedBy: "<tspan font-weight=\"bold\">#").count - 1 == steps)
        #expect(session.feed("trace --html flow.html").hasPrefix("wrote flow.html"))
        let html = try String(contentsOfFile: directory + "/flow.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(session.feed("trace --svg") == "trace: --svg needs a value\n" + Stepper.traceUsage)
        #expect(session.feed("trace --html /nonexistent/dir/x.html").hasPrefix("trace: cannot write /nonexistent/dir/x.html"))
    }
}
