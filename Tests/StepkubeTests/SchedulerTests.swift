@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("kube-scheduler")
struct SchedulerTests {
    @Test func nodeSelectorsThatMatchNothingAreExplained() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: ssd", "spec:",
                          "  nodeSelector:", "    disk: ssd", "  containers:", "  - name: c", "    image: nginx", "EOF"])
        let pod = session.cluster.server.get(Pod.self, namespace: "default", name: "ssd")
        #expect(pod?.spec.nodeName == nil)
        #expect(pod?.condition("PodScheduled")?.reason == "Unschedulable")
        #expect(pod?.condition("PodScheduled")?.message == "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    }

    @Test func anUnschedulablePodIsPlacedWhenANodeJoins() {
        let session = Session(workers: 0, workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx")
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.spec.nodeName == nil)
        _ = session.feed("node add")
        let pod = session.cluster.server.get(Pod.self, namespace: "default", name: "web")
        #expect(pod?.spec.nodeName == "node01")
        #expect(pod?.phase == "Running")
    }

    @Test func replicasSpreadAcrossTheWorkers() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/myreplicaset.yaml")
        _ = session.feed("kubectl scale rs myreplicaset --replicas=6")
        let nodes = session.cluster.server.list(Pod.self, namespace: "default").compactMap(\.spec.nodeName)
        #expect(nodes.filter { $0 == "node01" }.count == 3)
        #expect(nodes.filter { $0 == "node02" }.count == 3)
    }
}
