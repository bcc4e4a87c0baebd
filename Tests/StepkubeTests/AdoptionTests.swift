@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

/// An owner created again after `kubectl delete --cascade=orphan` adopts what the old one left
/// (found by the invariant runs, issue 14): before, a Deployment could not create its
/// ReplicaSet (the same template hash, the same name), and a StatefulSet or DaemonSet its
/// ControllerRevision, so none of them ever reconciled.
@Suite("Adoption after an orphaning delete")
struct AdoptionTests {
    private func manifest(_ kind: String, replicas: Int?) -> [String] {
        ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: \(kind)", "metadata:", "  name: db", "spec:"]
            + (kind == "StatefulSet" ? ["  serviceName: db"] : []) + (replicas.map { ["  replicas: \($0)"] } ?? [])
            + ["  selector:", "    matchLabels:", "      app: db", "  template:", "    metadata:", "      labels:", "        app: db",
               "    spec:", "      containers:", "      - name: c", "        image: nginx:1.25", "EOF"]
    }

    @Test func aDeploymentCreatedAgainAdoptsItsReplicaSet() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create deployment web --image=nginx:1.25 --replicas=2", "kubectl delete deployment web --cascade=orphan",
                          "kubectl create deployment web --image=nginx:1.25 --replicas=3"])
        let server = session.cluster.server
        let uid = server.get(Deployment.self, namespace: "default", name: "web")?.metadata.uid
        let sets = server.list(ReplicaSet.self, namespace: "default")
        #expect(sets.count == 1 && sets.allSatisfy { $0.metadata.controllerRef?.uid == uid && $0.spec.replicas == 3 })
        #expect(server.list(Pod.self, namespace: "default").filter(\.isReady).count == 3)
    }

    @Test func aStatefulSetCreatedAgainAdoptsItsPodsAndRevision() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, manifest("StatefulSet", replicas: 2) + ["kubectl delete statefulset db --cascade=orphan"] + manifest("StatefulSet", replicas: 3))
        let server = session.cluster.server
        let uid = server.get(StatefulSet.self, namespace: "default", name: "db")?.metadata.uid
        let pods = server.list(Pod.self, namespace: "default")
        #expect(pods.map(\.name).sorted() == ["db-0", "db-1", "db-2"])
        #expect(pods.allSatisfy { $0.metadata.controllerRef?.uid == uid && $0.isReady })
        #expect(server.list(ControllerRevision.self, namespace: "default").allSatisfy { $0.metadata.controllerRef?.uid == uid })
    }

    @Test func aDaemonSetCreatedAgainAdoptsItsPods() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, manifest("DaemonSet", replicas: nil))
        let server = session.cluster.server
        let before = Set(server.list(Pod.self, namespace: "default").map(\.name))
        _ = run(session, ["kubectl delete daemonset db --cascade=orphan"] + manifest("DaemonSet", replicas: nil))
        let uid = server.get(DaemonSet.self, namespace: "default", name: "db")?.metadata.uid
        let pods = server.list(Pod.self, namespace: "default")
        #expect(!before.isEmpty && Set(pods.map(\.name)) == before)
        #expect(pods.allSatisfy { $0.metadata.controllerRef?.uid == uid })
        #expect(server.list(ControllerRevision.self, namespace: "default").allSatisfy { $0.metadata.controllerRef?.uid == uid })
    }

    /// A bare Pod labelled into a DaemonSet's selector is adopted (and, a second one on its
    /// node, deleted); before, the DaemonSet was never told of the orphan.
    @Test func aDaemonSetAdoptsAPodRelabelledIntoItsSelector() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, manifest("DaemonSet", replicas: nil) + ["kubectl run stray --image=nginx:1.25", "kubectl label pod stray app=db"])
        let server = session.cluster.server
        let uid = server.get(DaemonSet.self, namespace: "default", name: "db")?.metadata.uid
        let pods = server.list(Pod.self, namespace: "default")
        #expect(pods.allSatisfy { $0.metadata.controllerRef?.uid == uid })
        #expect(pods.count == Set(pods.compactMap(\.spec.nodeName)).count, "one daemon Pod a node")
    }
}
