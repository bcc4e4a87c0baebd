@_spi(Observer) import APIServer
import Testing
import Fuzzing
import Cluster
import REPL

/// The invariant checks can fail: each state here breaks one, on purpose, and the check names it.
@Suite("Invariant checks")
struct InvariantCheckTests {
    /// A web Deployment of three behind a Service, settled: every invariant holds.
    private func settledWeb() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create deployment web --image=nginx:1.25 --replicas=3", "kubectl expose deployment web --port=80"])
        #expect(Invariants.check(session.cluster).isEmpty)
        return session
    }

    @Test func anEndpointSliceDeletedBehindTheControllersBackIsReported() {
        let session = settledWeb()
        _ = run(session, ["mode step", "kubectl delete endpointslices -l kubernetes.io/service-name=web", "step"])
        let violations = Invariants.check(session.cluster)
        #expect(violations.contains { $0.invariant == .endpointSlices && $0.object == "Service default/web" })
    }

    @Test func aScaleTheControllerHasNotSeenYetIsReported() {
        let session = settledWeb()
        let rs = session.cluster.server.list(ReplicaSet.self, namespace: "default")[0]
        _ = run(session, ["mode step", "kubectl scale rs \(rs.name) --replicas=5", "step"])
        #expect(Invariants.check(session.cluster).contains { $0.invariant == .replicaSet && $0.detail.contains("spec.replicas is 5") })
    }

    @Test func aFinalizerNoControllerClearsIsAStuckDeletion() {
        let session = settledWeb()
        _ = run(session, [#"kubectl patch deployment web --type=merge -p '{"metadata":{"finalizers":["example.com/hold"]}}'"#,
                          "kubectl delete deployment web --wait=false"])
        let stuck = Invariants.check(session.cluster).filter { $0.invariant == .stuckDeletion }
        #expect(stuck.map(\.object) == ["Deployment default/web"])
    }
}
