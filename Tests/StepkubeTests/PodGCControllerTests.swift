@_spi(Observer) import APIServer
import Testing
import Fuzzing
import Cluster
import REPL

@Suite("Pod garbage collector")
struct PodGCControllerTests {
    /// A Deployment of four behind a Service, spread over node01 and node02.
    private func webOnTwoNodes() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create deployment web --image=nginx --replicas=4", "kubectl expose deployment web --port=80"])
        return session
    }

    private func pods(on node: String, _ session: Session) -> [Pod] {
        session.cluster.server.list(Pod.self).filter { $0.spec.nodeName == node }
    }

    @Test func theOrphansOfADeletedNodeGoAndAreReplacedElsewhere() throws {
        let session = webOnTwoNodes()
        let server = session.cluster.server
        let orphans = pods(on: "node01", session).map(\.key)
        #expect(orphans.contains { $0.hasPrefix("default/web-") })
        #expect(session.feed("kubectl delete node node01") == "node \"node01\" deleted\n")
        // The first pass quarantines node01; the Pods stay for the quarantine.
        _ = session.feed("clock advance 30s")
        #expect(pods(on: "node01", session).map(\.key) == orphans)
        _ = session.feed("clock advance 60s")
        session.cluster.simulation.runUntilSettled()
        #expect(pods(on: "node01", session).isEmpty)
        #expect(PlacementInvariants.podsOnMissingNodes(ClusterSnapshot(server)).isEmpty)
        let web = server.list(Pod.self, namespace: "default").filter { $0.name.hasPrefix("web-") }
        #expect(web.count == 4 && web.allSatisfy { $0.spec.nodeName == "node02" && $0.phase == "Running" && $0.isReady })
        let mismatches = PlacementInvariants.endpointSliceMismatches(ClusterSnapshot(server))
        #expect(mismatches.isEmpty, "\(mismatches)")
        let endpoints = try #require(server.get(Endpoints.self, namespace: "default", name: "web"))
        #expect(Set(endpoints.subsets?.flatMap { $0.addresses ?? [] }.map(\.ip) ?? []) == Set(web.compactMap { $0.status?.podIP }))
        let trace = session.feed("trace")
        #expect(trace.contains("pod-garbage-collector   reconcile quarantine missing node node01 for 40s"))
        #expect(trace.contains("pod-garbage-collector   reconcile GET node node01"))
        #expect(trace.contains("GET /api/v1/nodes/node01 → 404 NotFound"))
        #expect(trace.contains("pod-garbage-collector   reconcile node node01 is gone → force-delete its \(orphans.count) orphaned Pod(s)"))
    }

    @Test func anOrphanIsPatchedFailedWithTheDisruptionConditionThenDeletedWithoutGrace() throws {
        let session = webOnTwoNodes()
        let cluster = session.cluster
        let observer = Client(component: "test-observer", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation)
        let watched = Informer<Pod>(client: observer)
        var failed: [Pod] = []
        watched.addHandlers(update: { old, new in
            if old.phase != "Failed", new.phase == "Failed" { failed.append(new) }
            return nil
        })
        let orphans = Set(pods(on: "node01", session).map(\.key))
        _ = run(session, ["kubectl delete node node01", "clock advance 90s"])
        #expect(Set(failed.map(\.key)) == orphans)
        let pod = try #require(failed.first)
        let condition = try #require(pod.condition("DisruptionTarget"))
        #expect(condition.status == "True" && condition.reason == "DeletionByPodGC" && condition.message == "PodGC: node no longer exists")
        #expect(pod.condition("Ready") != nil, "the patch merges the condition into the list by type")
        let deletes = cluster.simulation.trace.records.filter { $0.summary.hasPrefix("DELETE /api/v1/namespaces/default/pods/web-") }
        #expect(deletes.count == orphans.filter { $0.hasPrefix("default/web-") }.count)
        #expect(deletes.allSatisfy { $0.explanation.contains("pod-garbage-collector") })
    }

    @Test func aNodeThatComesBackDuringItsQuarantineKeepsItsPods() throws {
        let session = webOnTwoNodes()
        let server = session.cluster.server
        var node = try #require(server.get(Node.self, name: "node01"))
        let before = pods(on: "node01", session).map(\.key)
        _ = run(session, ["kubectl delete node node01", "clock advance 25s"])
        #expect(session.feed("trace").contains("quarantine missing node node01"))
        node.metadata.resourceVersion = nil
        node.metadata.uid = nil
        _ = try server.handle(.create(node, user: .node("node01"))).result.get()
        _ = session.feed("clock advance 2m")
        #expect(pods(on: "node01", session).map(\.key) == before)
        #expect(!session.feed("trace").contains("GET node node01"), "a node back in the cache is not checked")
    }

    @Test func terminatedPodsAboveTheThresholdGoOldestFirst() {
        let session = Session(workingDirectory: repositoryRoot)
        session.cluster.terminatedPodGCThreshold = 2
        for (index, command) in ["echo one", "exit 1", "echo three", "echo four"].enumerated() {
            _ = run(session, ["kubectl run done\(index) --image=busybox --restart=Never -- sh -c \"\(command)\"", "clock advance 2s"])
        }
        _ = session.feed("kubectl run long --image=nginx")
        let server = session.cluster.server
        #expect(server.list(Pod.self, namespace: "default").filter(\.isTerminal).count == 4)
        _ = session.feed("clock advance 20s")
        #expect(server.list(Pod.self, namespace: "default").map(\.name).sorted() == ["done2", "done3", "long"])
        let trace = session.feed("trace")
        #expect(trace.contains("pod-garbage-collector   reconcile delete 2 terminated Pod(s): done0, done1"))
        #expect(!trace.contains("PATCH /api/v1/namespaces/default/pods/done"), "a finished Pod is deleted without being patched")
    }
}
