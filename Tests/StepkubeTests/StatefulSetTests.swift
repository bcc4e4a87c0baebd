@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("StatefulSet controller and storage")
struct StatefulSetTests {
    @Test func mystsComesUpInOrderEachWithItsOwnBoundClaim() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/mysts.yaml", "kubectl get sts mysts", "kubectl get pvc"])
        #expect(output.contains("statefulset.apps/mysts created\nservice/mysts created\n"))
        #expect(output.contains("mysts   3/3     "))
        for ordinal in 0..<3 {
            #expect(output.lines(containing: "vol-mysts-\(ordinal) ").first?.contains("Bound") == true)
        }
        let server = session.cluster.server
        let pods = server.list(Pod.self, namespace: "default").sorted { $0.name < $1.name }
        #expect(pods.map(\.name) == ["mysts-0", "mysts-1", "mysts-2"])
        let first = try #require(pods.first)
        #expect(first.spec.hostname == "mysts-0" && first.spec.subdomain == "mysts")
        #expect(first.labels[StatefulSet.podNameLabel] == "mysts-0" && first.labels[StatefulSet.podIndexLabel] == "0")
        #expect(first.spec.volumes?.compactMap(\.claimName) == ["vol-mysts-0"])
        // OrderedReady: each Pod was created only once the one before it was Running and Ready.
        let creations = server.list(Event.self, namespace: "default").filter { $0.reason == "SuccessfulCreate" && ($0.message ?? "").hasPrefix("create Pod") }
        let readyTimes = pods.map { $0.condition("Ready")?.lastTransitionTime?.seconds ?? .max }
        let createdTimes = pods.map { $0.metadata.creationTimestamp?.seconds ?? 0 }
        #expect(creations.count == 3)
        #expect(createdTimes[1] >= readyTimes[0] && createdTimes[2] >= readyTimes[1])
        // Every claim is bound to a volume the provisioner made for it, and that volume to it.
        for claim in server.list(PersistentVolumeClaim.self, namespace: "default") {
            let volume = try #require(server.get(PersistentVolume.self, name: claim.spec.volumeName ?? ""))
            #expect(volume.spec.claimRef?.uid == claim.metadata.uid && volume.phase == "Bound")
            #expect(claim.spec.storageClassName == "standard", "the DefaultStorageClass admission plugin named the class")
        }
    }

    @Test func scalingToZeroDeletesInReverseAndKeepsTheClaims() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/mysts.yaml")
        let output = run(session, ["kubectl scale sts mysts --replicas=0", "kubectl get pod", "kubectl get pvc"])
        #expect(output.contains("statefulset.apps/mysts scaled"))
        #expect(output.contains("$ kubectl get pod\nNo resources found in default namespace.\n"))
        #expect(output.lines(containing: "Bound").count == 3)
        let deletions = deletedPods(session.feed("trace sts/mysts"), marker: "reconcile delete ")
        #expect(deletions == ["mysts-2", "mysts-1", "mysts-0"])
    }

    @Test func deletingAClaimReleasesItsVolumeWhichTheProvisionerDeletes() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f manifests/mysts.yaml", "kubectl scale sts mysts --replicas=2"])
        let output = run(session, ["kubectl delete pvc vol-mysts-2", "kubectl get pv"])
        #expect(output.contains("persistentvolumeclaim \"vol-mysts-2\" deleted"))
        #expect(!output.contains("default/vol-mysts-2"))
        #expect(output.lines(containing: "Bound").count == 2)
    }

    @Test func aPartitionedRollingUpdateReplacesOnlyTheHighOrdinalsFromTheTop() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: StatefulSet", "metadata:", "  name: web", "spec:",
                          "  serviceName: web", "  replicas: 4", "  updateStrategy:", "    rollingUpdate:", "      partition: 2",
                          "  selector:", "    matchLabels:", "      app: web", "  template:", "    metadata:", "      labels:", "        app: web",
                          "    spec:", "      containers:", "      - name: nginx", "        image: nginx", "EOF"])
        let output = run(session, ["kubectl set image sts/web nginx=nginx:1.27", "kubectl get controllerrevisions"])
        #expect(output.contains("statefulset.apps/web image updated"))
        #expect(output.lines(containing: "statefulset.apps/web   ").count == 2, "one ControllerRevision per template")
        let images = session.cluster.server.list(Pod.self, namespace: "default").sorted { $0.name < $1.name }.map { $0.spec.containers.first?.image ?? "" }
        #expect(images == ["nginx", "nginx", "nginx:1.27", "nginx:1.27"])
        let deletions = deletedPods(session.feed("trace sts/web"), marker: "rolling update: delete ")
        #expect(deletions == ["web-3", "web-2"])
        let set = session.cluster.server.get(StatefulSet.self, namespace: "default", name: "web")
        #expect(set?.status?.updatedReplicas == 2 && set?.status?.currentReplicas == 2 && set?.status?.currentRevision != set?.status?.updateRevision)
    }

    @Test func rolloutHistoryAndUndoWorkThroughControllerRevisions() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/mysts.yaml", "kubectl set image sts/mysts nginx=nginx:1.26",
                                   "kubectl rollout status sts/mysts", "kubectl rollout history sts/mysts",
                                   "kubectl rollout history sts/mysts --revision=1", "kubectl rollout undo sts/mysts",
                                   "kubectl rollout history sts/mysts", "kubectl rollout undo sts/mysts --to-revision=7"])
        #expect(output.contains("partitioned roll out complete: 3 new pods have been updated...\n"))
        #expect(output.contains("statefulset.apps/mysts \nREVISION\n1\n2\n"))
        #expect(output.contains("statefulset.apps/mysts with revision #1\nPod Template:\n  Labels:  run=nginx\n"))
        #expect(output.contains("statefulset.apps/mysts rolled back\n"))
        #expect(output.contains("statefulset.apps/mysts \nREVISION\n2\n3\n"), "rolling back renumbers revision 1 as 3")
        #expect(output.contains("error: unable to find specified revision 7 in history"))
        let images = session.cluster.server.list(Pod.self, namespace: "default").map { $0.spec.containers.first?.image ?? "" }
        #expect(images == ["nginx", "nginx", "nginx"])
        let set = try #require(session.cluster.server.get(StatefulSet.self, namespace: "default", name: "mysts"))
        #expect(set.status?.currentRevision == set.status?.updateRevision && set.status?.updatedReplicas == 3)
    }

    @Test func describeShowsTheVolumesAndTheDefaultClass() {
        let output = transcript(["kubectl apply -f manifests/mysts.yaml", "kubectl describe pv | grep -A4 'Claim:  *default/vol-mysts-1'",
                                 "kubectl describe sc standard"])
        #expect(output.contains("Claim:           default/vol-mysts-1\nReclaim Policy:  Delete\nAccess Modes:    RWO\nVolumeMode:      Filesystem\nCapacity:        1Gi\n"))
        #expect(output.contains("Name:                  standard\nIsDefaultClass:        Yes\n"))
        #expect(output.contains("Provisioner:           k8s.io/minikube-hostpath\n"))
        #expect(output.contains("VolumeBindingMode:     Immediate\n"))
    }

    @Test func aPodWhoseClaimIsMissingIsUnschedulableWithTheSchedulersWords() {
        let output = transcript(["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: needs-claim", "spec:",
                                 "  containers:", "  - name: c", "    image: nginx", "  volumes:", "  - name: data",
                                 "    persistentVolumeClaim:", "      claimName: nope", "EOF", "kubectl describe pod needs-claim | grep FailedScheduling"])
        #expect(output.contains("0/3 nodes are available: persistentvolumeclaim \"nope\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."))
    }

    /// The Pod names the controller's reconcile steps deleted, in trace order.
    /// `replace --force` deletes the set and creates it again at once: the new set's first
    /// create meets the old `mysts-0`, still terminating (409 AlreadyExists). The controller
    /// retries with back-off, so virtual time moves, the old Pod goes and the new one comes.
    @Test func replaceForceSettlesWithTheNewSetsPodsRunning() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let (cluster, server) = (session.cluster, session.cluster.server)
        _ = session.feed("kubectl apply -f manifests/mysts.yaml")
        let old = try #require(server.get(StatefulSet.self, namespace: "default", name: "mysts"))
        _ = session.feed("mode step")
        _ = session.feed("kubectl replace --force -f manifests/mysts.yaml")
        var steps = 0
        while cluster.simulation.hasForegroundWork, steps < 20_000 {
            cluster.simulation.step()
            steps += 1
        }
        #expect(!cluster.simulation.hasForegroundWork, "settled within 20000 steps, not livelocked")
        #expect(cluster.simulation.runUntilSettled() == 0)
        _ = session.feed("mode auto")
        let set = try #require(server.get(StatefulSet.self, namespace: "default", name: "mysts"))
        #expect(set.metadata.uid != old.metadata.uid)
        let pods = server.list(Pod.self, namespace: "default").sorted { $0.name < $1.name }
        #expect(pods.map(\.name) == ["mysts-0", "mysts-1", "mysts-2"])
        #expect(pods.allSatisfy { $0.phase == "Running" && $0.isReady && $0.metadata.controllerRef?.uid == set.metadata.uid })
        #expect(set.status?.readyReplicas == 3)
        let conflicts = server.list(Event.self, namespace: "default").filter { $0.reason == "FailedCreate" && $0.involvedObject.uid == set.metadata.uid }
        #expect(!conflicts.isEmpty && conflicts.allSatisfy { ($0.message ?? "").contains("already exists") },
                "the new set met the old Pod: \(conflicts.map { $0.message ?? "" })")
        // Each retry waits twice as long as the one before (5ms, 10ms, 20ms ...).
        let backOffs = cluster.simulation.trace.records.filter { $0.component == "statefulset-controller" && $0.kind == .timer }
            .compactMap { $0.summary.split(separator: " after ").last?.split(separator: "ms").first.flatMap { Int($0) } }
        #expect(backOffs.count >= 2 && zip(backOffs, backOffs.dropFirst()).allSatisfy { $1 == 2 * $0 }, "\(backOffs)")
    }

    private func deletedPods(_ trace: String, marker: String) -> [String] {
        trace.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: marker) else { return nil }
            return line[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == ";" }).first.map(String.init)
        }
    }
}
