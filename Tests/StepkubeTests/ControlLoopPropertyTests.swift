@_spi(Observer) import APIServer
@_spi(Observer) import ClientKit
import Testing
import Fuzzing
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

    /// Random moves on Deployments behind Services, on their Pods and on the nodes themselves
    /// (a worker deleted, a node added), and a StatefulSet replaced by force. Once the pod
    /// garbage collector has had its passes and the cluster settled, no Pod is bound to a
    /// missing node and every Service's EndpointSlices hold exactly its ready Pods; and no
    /// controller ever synced one key more than a bounded number of times at one instant.
    /// The informer check means something: between a write and its watch delivery the cache is
    /// behind, and the delivery brings it level.
    @Test func anInformerIsBehindUntilTheWatchEventIsDelivered() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["mode step", "kubectl create deployment web --image=nginx", "step"])
        #expect(session.cluster.informers.staleCaches.contains("deployments"))
        _ = session.feed("continue")
        #expect(session.cluster.informers.staleCaches.isEmpty)
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func nodesAndServicesConvergeWhateverHappens(seed: UInt64) throws {
        let (session, random) = seeded(seed, salt: 15_485_863)
        let (cluster, server) = (session.cluster, session.cluster.server)
        // A livelock would keep every run going forever: past a step budget, runs stop instead.
        let budget = 300_000
        cluster.simulation.isInterrupted = { cluster.simulation.trace.count > budget }
        for _ in 0..<16 {
            let name = "web\(random.int(below: 3))"
            switch random.int(below: 8) {
            case 0, 1:
                _ = run(session, ["kubectl create deployment \(name) --image=nginx --replicas=\(1 + random.int(below: 4))",
                                  "kubectl expose deployment \(name) --port=80"])
            case 2:
                _ = session.feed("kubectl scale deployment \(name) --replicas=\(random.int(below: 6))")
            case 3:
                _ = run(session, ["kubectl delete deployment \(name)", "kubectl delete service \(name)"])
            case 4:
                let pods = server.list(Pod.self, namespace: "default")
                if !pods.isEmpty { _ = session.feed("kubectl delete pod \(pods[random.int(below: pods.count)].name)") }
            case 5:
                let workers = server.list(Node.self).map(\.name).filter { $0 != "controlplane" }
                if workers.count > 1 { _ = session.feed("kubectl delete node \(workers[random.int(below: workers.count)])") }
            case 6:
                _ = session.feed("node add")
            default:
                _ = run(session, ["kubectl apply -f manifests/mysts.yaml", "kubectl replace --force -f manifests/mysts.yaml"])
            }
            _ = session.feed("clock advance \(random.int(below: 40))s")
        }
        _ = session.feed("clock advance 2m")
        cluster.simulation.runUntilSettled()
        #expect(cluster.simulation.trace.count <= budget, "still running after \(budget) steps")
        let stranded = PlacementInvariants.podsOnMissingNodes(ClusterSnapshot(server))
        #expect(stranded.isEmpty, "\(stranded)")
        let mismatches = PlacementInvariants.endpointSliceMismatches(ClusterSnapshot(server))
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(cluster.informers.staleCaches.isEmpty, "informer caches behind the store: \(cluster.informers.staleCaches)")
        for deployment in server.list(Deployment.self) {
            #expect(deployment.status?.readyReplicas ?? 0 == Int32(deployment.desiredReplicas), "\(deployment.key) is not ready")
        }
        let busiest = maxSyncsAtOneInstant(cluster)
        #expect(busiest.count <= 30, "\(busiest.step) ran \(busiest.count) times at one instant")
    }

    /// The most reconcile steps one controller ran on one object at one virtual instant: a
    /// retry that does not move time forward shows up here as an ever larger number.
    private func maxSyncsAtOneInstant(_ cluster: Cluster) -> (count: Int, step: String) {
        var counts: [String: Int] = [:]
        for record in cluster.simulation.trace.records(after: cluster.bootSteps) where record.kind == .reconcile {
            counts["\(record.component) \(record.object) at \(record.time)ms", default: 0] += 1
        }
        let busiest = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        return (busiest?.value ?? 0, busiest?.key ?? "nothing")
    }

    /// A session and the generator of a test's random moves, both from the test's seed.
    private func seeded(_ seed: UInt64, salt: UInt64) -> (Session, SeededRandom) {
        (Session(seed: seed, workingDirectory: repositoryRoot), SeededRandom(seed: seed &* salt))
    }

    /// Random scale, update, rollback and delete sequences on a Deployment. Every step of every
    /// template change must keep within maxSurge and maxUnavailable; at quiescence one
    /// ReplicaSet runs the current template with exactly the wanted Pods.
    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func deploymentsRollOutWithinTheirBounds(seed: UInt64) throws {
        let (session, random) = seeded(seed, salt: 104_729)
        let (cluster, server) = (session.cluster, session.cluster.server)
        let images = ["nginx:1.25", "nginx:1.26", "nginx:1.27", "httpd:2.4"]
        func apply(replicas: Int) {
            _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:",
                              "  replicas: \(replicas)", "  selector:", "    matchLabels:", "      app: web", "  template:", "    metadata:",
                              "      labels:", "        app: web", "    spec:", "      containers:", "      - name: web", "        image: nginx:1.25", "EOF"])
        }
        apply(replicas: 4)
        for _ in 0..<12 {
            guard let deployment = server.get(Deployment.self, namespace: "default", name: "web") else {
                apply(replicas: random.int(below: 8))
                continue
            }
            let replicas = deployment.desiredReplicas
            switch random.int(below: 6) {
            case 0:
                _ = session.feed("kubectl scale deploy web --replicas=\(random.int(below: 11))")
            case 1:
                _ = session.feed("kubectl delete deploy web")
            default:
                // A template change, stepped through one move at a time.
                let command = random.int(below: 3) == 0 ? "kubectl rollout undo deployment/web"
                    : "kubectl set image deployment/web web=\(images[random.int(below: images.count)])"
                let surge = deployment.spec.strategy?.rollingUpdate?.maxSurge?.scaled(total: replicas, roundUp: true) ?? 0
                let unavailable = deployment.spec.strategy?.rollingUpdate?.maxUnavailable?.scaled(total: replicas, roundUp: false) ?? 0
                _ = session.feed("mode step")
                _ = session.feed(command)
                var steps = 0
                while cluster.simulation.hasForegroundWork, steps < 20_000 {
                    cluster.simulation.step()
                    steps += 1
                    let pods = server.list(Pod.self, namespace: "default").filter { $0.metadata.deletionTimestamp == nil }
                    #expect(pods.count <= replicas + surge, "\(command): \(pods.count) Pods, more than \(replicas) + maxSurge \(surge)")
                    #expect(pods.filter(\.isReady).count >= replicas - unavailable,
                            "\(command): fewer than \(replicas) - maxUnavailable \(unavailable) available")
                }
                _ = session.feed("mode auto")
            }
        }
        cluster.simulation.runUntilSettled()
        let pods = server.list(Pod.self, namespace: "default")
        guard let deployment = server.get(Deployment.self, namespace: "default", name: "web") else {
            #expect(pods.isEmpty && server.list(ReplicaSet.self, namespace: "default").isEmpty, "a deleted Deployment leaves nothing behind")
            return
        }
        let owned = server.list(ReplicaSet.self, namespace: "default").filter { $0.metadata.controllerRef?.uid == deployment.metadata.uid }
        let active = owned.filter { ($0.spec.replicas ?? 0) > 0 }
        #expect(owned.count == server.list(ReplicaSet.self, namespace: "default").count, "no ReplicaSet outlives its Deployment")
        #expect(owned.count <= Int(deployment.spec.revisionHistoryLimit ?? 10) + 1)
        if deployment.desiredReplicas > 0 {
            let current = try #require(active.first)
            #expect(active.count == 1)
            #expect(current.spec.template?.withoutHashLabel == deployment.spec.template?.withoutHashLabel)
        }
        #expect(pods.count == deployment.desiredReplicas && pods.allSatisfy { $0.phase == "Running" && $0.isReady })
        #expect(deployment.status?.updatedReplicas ?? 0 == Int32(deployment.desiredReplicas))
        #expect(deployment.status?.availableReplicas ?? 0 == Int32(deployment.desiredReplicas))
    }

    /// A rollout (to a good or a missing image) interrupted at a random step by a scale to a
    /// random size: once the controller has seen the new size, the ReplicaSets together never
    /// ask for more than replicas + maxSurge; a good rollout still converges on the new size.
    /// (Availability is not checked: scaling up a stalled rollout gives the new ReplicaSet its
    /// share of Pods that never become ready, in Kubernetes as here.)
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func scalingDuringARolloutKeepsTheSurgeBound(seed: UInt64) throws {
        let (session, random) = seeded(seed, salt: 7919)
        let (cluster, server) = (session.cluster, session.cluster.server)
        _ = session.feed("kubectl create deployment web --image=nginx:1.25 --replicas=\(1 + random.int(below: 10))")
        let good = random.int(below: 3) != 0
        _ = session.feed("mode step")
        _ = session.feed("kubectl set image deployment/web nginx=\(good ? "nginx:1.26" : "nginx:no-such-tag")")
        for _ in 0..<random.int(below: 400) where cluster.simulation.hasForegroundWork { cluster.simulation.step() }
        let replicas = random.int(below: 16)
        _ = session.feed("kubectl scale deployment web --replicas=\(replicas)")
        var steps = 0
        while cluster.simulation.hasForegroundWork, steps < 20_000 {
            cluster.simulation.step()
            steps += 1
            let deployment = try #require(server.get(Deployment.self, namespace: "default", name: "web"))
            guard deployment.status?.observedGeneration == deployment.metadata.generation, deployment.desiredReplicas == replicas else { continue }
            let surge = deployment.spec.strategy?.rollingUpdate?.maxSurge?.scaled(total: replicas, roundUp: true) ?? 0
            let asked = server.list(ReplicaSet.self, namespace: "default").reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
            #expect(asked <= replicas + surge, "ReplicaSets ask for \(asked) Pods, more than \(replicas) + maxSurge \(surge)")
        }
        _ = session.feed("mode auto")
        let deployment = try #require(server.get(Deployment.self, namespace: "default", name: "web"))
        let pods = server.list(Pod.self, namespace: "default")
        if good {
            #expect(pods.count == replicas && pods.allSatisfy { $0.isReady && $0.spec.containers.first?.image == "nginx:1.26" })
            #expect(deployment.status?.updatedReplicas ?? 0 == Int32(replicas))
        } else {
            let surge = deployment.spec.strategy?.rollingUpdate?.maxSurge?.scaled(total: replicas, roundUp: true) ?? 0
            #expect(pods.count <= replicas + surge, "a stalled rollout stays within replicas + maxSurge")
        }
    }
}
