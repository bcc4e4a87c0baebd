import Testing
import Cluster
import REPL

/// Random sequences of creating, scaling and deleting ReplicaSets and Pods; at quiescence the
/// control loops must have converged.
@Suite("Control loop properties")
struct ControlLoopPropertyTests {
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func replicaSetsConvergeWhateverHappens(seed: UInt64) throws {
        let session = Session(seed: seed, workingDirectory: repositoryRoot)
        let cluster = session.cluster
        let observer = Client(component: "property-test", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation)
        let podCache = Informer<Pod>(client: observer)
        let random = SeededRandom(seed: seed &* 7919)
        var names: [String] = []
        for _ in 0..<30 {
            switch random.int(below: 6) {
            case 0:
                let name = "rs\(random.int(below: 5))"
                let replicas = random.int(below: 5)
                _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: ReplicaSet", "metadata:", "  name: \(name)",
                                  "spec:", "  replicas: \(replicas)", "  selector:", "    matchLabels:", "      app: \(name)",
                                  "  template:", "    metadata:", "      labels:", "        app: \(name)", "    spec:", "      containers:",
                                  "      - name: c", "        image: nginx:1.25", "        resources:", "          requests:",
                                  "            cpu: \(random.int(below: 300))m", "EOF"])
                names.append(name)
            case 1 where !names.isEmpty:
                _ = session.feed("kubectl scale rs \(names[random.int(below: names.count)]) --replicas=\(random.int(below: 6))")
            case 2 where !names.isEmpty:
                _ = session.feed("kubectl delete rs \(names[random.int(below: names.count)])")
            case 3:
                let pods = cluster.server.list(Pod.self)
                if !pods.isEmpty { _ = session.feed("kubectl delete pod \(pods[random.int(below: pods.count)].name)") }
            case 4:
                // An orphan that some ReplicaSet may adopt.
                _ = session.feed("kubectl run orphan\(random.int(below: 100)) --image=nginx --labels=app=rs\(random.int(below: 5))")
            default:
                _ = session.feed("mode step")
                _ = session.feed("kubectl scale rs rs\(random.int(below: 5)) --replicas=\(random.int(below: 4))")
                _ = session.feed("step \(random.int(below: 20))")
                _ = session.feed("mode auto")
            }
        }
        cluster.simulation.runUntilSettled()

        let pods = cluster.server.list(Pod.self)
        for rs in cluster.server.list(ReplicaSet.self) {
            let owned = pods.filter { $0.metadata.controllerRef?.uid == rs.metadata.uid && $0.metadata.deletionTimestamp == nil && !$0.isTerminal }
            #expect(owned.count == rs.desiredReplicas, "ReplicaSet \(rs.name) owns \(owned.count), wants \(rs.desiredReplicas)")
            #expect(rs.status?.replicas == Int32(owned.count))
        }
        let nodes = Dictionary(uniqueKeysWithValues: cluster.server.list(Node.self).map { ($0.name, $0) })
        for pod in pods {
            let node = try #require(pod.spec.nodeName.flatMap { nodes[$0] }, "pod \(pod.name) is not bound")
            #expect(node.isReady)
            #expect(pod.phase == "Running", "pod \(pod.name) is \(pod.phase)")
        }
        for (name, node) in nodes {
            let requested = pods.filter { $0.spec.nodeName == name }
                .flatMap { $0.spec.containers }.compactMap { $0.resources?.requests?["cpu"]?.milliValue }.reduce(0, +)
            #expect(requested <= (node.allocatable["cpu"]?.milliValue ?? 0), "node \(name) is overcommitted")
        }
        #expect(podCache.keys == pods.map(\.key).sorted())
        #expect(podCache.list().map(\.resourceVersion) == pods.sorted { $0.key < $1.key }.map(\.resourceVersion))
    }
}
