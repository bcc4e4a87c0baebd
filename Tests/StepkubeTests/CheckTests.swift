import Checks
import Foundation
import Testing
import REPL

/// Each kind of check passes on the state it describes and fails, saying what it found, on any other.
@Suite struct CheckTests {
    func results(_ yaml: String, after commands: [String]) throws -> [CheckResult] {
        let session = Session(workingDirectory: repositoryRoot)
        for command in commands { _ = session.feed(command) }
        return try Check.list(yaml: yaml).map { $0.evaluate(in: session.cluster) }
    }

    @Test func objectsFieldsConditionsCountsRequestsAndEvents() throws {
        let checks = """
        - exists: deploy/web
        - absent: pod/nginx
        - field: deployment/web
          path: '{.spec.template.spec.containers[0].image}'
          equals: nginx:1.27
        - field: deploy/web
          path: '{.spec.replicas}'
          matches: ^[23]$
        - condition: deploy/web
          type: Available
        - count: pods
          selector: app=web
          fieldSelector: status.phase=Running
          equals: 3
        - count: pods
          namespace: kube-system
          atLeast: 6
        - request: http://web.default/
          from: pod/client
        - request: http://web.default:81/
          from: pod/client
          succeeds: false
        - event: ScalingReplicaSet
          object: deploy/web
        """
        let passing = try results(checks, after: [
            "kubectl create deployment web --image=nginx:1.27 --replicas=3", "kubectl expose deploy web --port=80",
            "kubectl run client --image=busybox -- sleep 3600",
        ])
        #expect(passing.filter { !$0.passed }.map(\.found) == [])
        let failing = try results(checks, after: ["kubectl run nginx --image=nginx"])
        #expect(failing.map(\.passed) == [false, false, false, false, false, false, true, false, false, false])
        #expect(failing.map(\.found) == [
            "deploy/web not found", "pod/nginx still exists", "deployment/web not found", "deploy/web not found", "deploy/web not found",
            "0 pods match", "6 pods match", "pod client to send the request from not found", "pod client to send the request from not found",
            "no ScalingReplicaSet event",
        ])
    }

    @Test func badChecksAreRefusedWithTheReason() {
        let cases: [(String, String)] = [
            ("- exists: pod/a\n  absent: pod/b", "each check needs exactly one of exists, absent, field, condition, count, request, event; this one has exists, absent"),
            ("- exists: nginx", "expected TYPE/NAME with a type kubectl knows, such as pod/nginx or deploy/web, not \"nginx\""),
            ("- field: pod/a\n  path: '{.spec'\n  equals: x", "field pod/a: {.spec is not a JSONPath template"),
            ("- field: pod/a\n  path: '{.spec}'", "field pod/a: needs equals or matches"),
            ("- count: gizmos\n  equals: 1", "count: \"gizmos\" is not a resource type kubectl knows"),
            ("- count: pods\n  fieldSelector: phase\n  equals: 1", "count pods: \"phase\" is not a field selector such as status.phase=Running"),
            ("- request: ftp://x", "request: \"ftp://x\" is not an http:// URL"),
            ("exists: pod/a", "checks are not a YAML list of checks"),
        ]
        for (yaml, message) in cases {
            #expect(throws: CheckError.self) { try Check.list(yaml: yaml) }
            do { _ = try Check.list(yaml: yaml) } catch { #expect(error.description.hasPrefix(message), "\(error.description)") }
        }
    }
}
