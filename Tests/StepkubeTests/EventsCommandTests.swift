import Testing
import Cluster
import REPL

@Suite("kubectl events")
struct EventsCommandTests {
    func session() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=1")
        _ = session.feed("clock advance 5m")
        return session
    }

    @Test func listsTheEventsOfOneObjectOldestFirst() {
        let output = run(session(), ["kubectl events --for=deployment/web", "kubectl events --for deploy/web --no-headers"])
        #expect(output == """
            $ kubectl events --for=deployment/web
            LAST SEEN   TYPE     REASON              OBJECT           MESSAGE
            5m3s        Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set web-6cf57bd484 from 0 to 1
            $ kubectl events --for deploy/web --no-headers
            5m3s   Normal   ScalingReplicaSet   Deployment/web   Scaled up replica set web-6cf57bd484 from 0 to 1

            """)
    }

    @Test func allNamespacesAddsTheNamespaceColumnAndTypesFilter() {
        let session = session()
        let all = session.feed("kubectl events -A")
        #expect(all.hasPrefix("NAMESPACE     LAST SEEN   TYPE     REASON"))
        #expect(all.contains("kube-system   "))
        #expect(all.contains("default       "))
        #expect(session.feed("kubectl events -A --types=Warning") == "No events found.\n")
        #expect(session.feed("kubectl events -n empty") == "No events found in empty namespace.\n")
        let normal = session.feed("kubectl events --types=normal,Warning")
        #expect(normal.lines(containing: "Normal").count == normal.split(separator: "\n").count - 1)
    }

    @Test func printsAnEventListAsYAML() {
        let yaml = session().feed("kubectl events --for=deployment/web -o yaml")
        #expect(yaml.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: v1\n"))
        #expect(yaml.hasSuffix("kind: EventList\nmetadata: {}\n"))
    }

    @Test func badInputIsRefusedAndChangesNothing() {
        let session = session()
        let revision = session.cluster.server.revision
        let output = run(session, [
            "kubectl events --for=deployment", "kubectl events --for=a/b/c", "kubectl events --for=foo/bar",
            "kubectl events --types=Bad", "kubectl events -o wide",
        ])
        #expect(output == """
            $ kubectl events --for=deployment
            error: --for must be in resource/name form
            $ kubectl events --for=a/b/c
            error: arguments in resource/name form may not have more than one slash
            $ kubectl events --for=foo/bar
            error: no matches for /, Resource=foo
            $ kubectl events --types=Bad
            error: valid --types are Normal or Warning
            $ kubectl events -o wide
            error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml

            """)
        #expect(session.cluster.server.revision == revision)
    }

    @Test func getEventsSortsByLastTimestamp() {
        let output = session().feed("kubectl get events --sort-by=.lastTimestamp")
        let reasons = output.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
        #expect(reasons.first == "ScalingReplicaSet")
        #expect(reasons.last == "Started")
    }

    /// kube-apiserver's --event-ttl: an Event is gone an hour after its last write, and one
    /// written again (a back-off repeating) lives an hour from then.
    @Test func eventsExpireAnHourAfterTheirLastWrite() {
        let session = session()
        _ = session.feed("kubectl run crash --image=nginx:no-such-tag")
        _ = session.feed("clock advance 50m")
        #expect(session.feed("kubectl events --for=deployment/web --no-headers").contains("ScalingReplicaSet"))
        _ = session.feed("clock advance 10m")
        #expect(session.feed("kubectl events --for=deployment/web") == "No events found in default namespace.\n")
        #expect(session.feed("kubectl events --for=pod/crash --no-headers").contains("BackOff"), "still written every few minutes")
    }
}
