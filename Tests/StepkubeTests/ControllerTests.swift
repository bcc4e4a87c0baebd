@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("ReplicaSet controller")
struct ReplicaSetControllerTests {
    static let replicaSet = ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: ReplicaSet", "metadata:", "  name: web", "spec:",
                             "  replicas: 2", "  selector:", "    matchLabels:", "      app: web", "  template:", "    metadata:",
                             "      labels:", "        app: web", "    spec:", "      containers:", "      - name: c", "        image: nginx", "EOF"]

    @Test func anOrphanWithMatchingLabelsIsAdoptedNotDuplicated() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run stray --image=nginx --labels=app=web")
        _ = run(session, ReplicaSetControllerTests.replicaSet)
        let pods = session.cluster.server.list(Pod.self, namespace: "default")
        let rs = try #require(session.cluster.server.get(ReplicaSet.self, namespace: "default", name: "web"))
        #expect(pods.count == 2)
        let stray = try #require(pods.first { $0.name == "stray" })
        #expect(stray.metadata.controllerRef?.uid == rs.metadata.uid)
        #expect(session.feed("trace rs/web").contains("creates 1 Pod(s)"))
    }

    @Test func aPodWhoseLabelsChangeIsReleasedAndReplaced() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ReplicaSetControllerTests.replicaSet)
        let server = session.cluster.server
        var pod = try #require(server.list(Pod.self, namespace: "default").first)
        pod.metadata.labels = ["app": "debug"]
        _ = try server.handle(.update(pod, user: .kubernetesAdmin)).result.get()
        session.cluster.simulation.runUntilSettled()
        let pods = server.list(Pod.self, namespace: "default")
        #expect(pods.count == 3)
        let released = try #require(pods.first { $0.name == pod.name })
        #expect(released.metadata.controllerRef == nil)
        #expect(pods.filter { $0.metadata.controllerRef != nil }.count == 2)
    }

    @Test func scalingDownDeletesUnreadyPodsFirst() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ReplicaSetControllerTests.replicaSet)
        _ = session.feed("kubectl scale rs web --replicas=3")
        // Block the next pull on every node, so the third pod stays not ready.
        _ = session.feed("mode step")
        _ = session.feed("kubectl scale rs web --replicas=4")
        let server = session.cluster.server
        while server.list(Pod.self, namespace: "default").filter({ $0.spec.nodeName != nil }).count < 4 {
            #expect(session.cluster.simulation.step() != nil)
        }
        let readyBefore = Set(server.list(Pod.self, namespace: "default").filter(\.isReady).map(\.name))
        #expect(readyBefore.count == 3)
        _ = session.feed("mode auto")
        _ = session.feed("kubectl scale rs web --replicas=1")
        let pods = session.cluster.server.list(Pod.self, namespace: "default")
        #expect(pods.count == 1)
        let survivor = try #require(pods.first)
        #expect(survivor.isReady)
        #expect(readyBefore.contains(survivor.name))
    }
}

@Suite("kubelet")
struct KubeletTests {
    @Test func aMissingTagBacksOffAndRetries() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx:1.9.21")
        func events(_ reason: String) -> [Event] {
            session.cluster.server.list(Event.self, namespace: "default").filter { $0.reason == reason && $0.involvedObject.name == "web" }
        }
        #expect(events("Pulling").first?.count == 1)
        #expect(events("BackOff").first?.message == "Back-off pulling image \"nginx:1.9.21\"")
        let waiting = session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.status?.containerStatuses?.first?.state?.waiting
        #expect(waiting?.reason == "ImagePullBackOff")
        _ = session.feed("clock advance 12s")
        #expect(events("Pulling").first?.count == 2, "the kubelet pulls again once the 10s back-off is over")
        _ = session.feed("clock advance 5m")
        #expect((events("Pulling").first?.count ?? 0) >= 4)
        #expect(events("Pulling").first?.count ?? 0 < 10, "back-off doubles, so retries thin out")
    }

    @Test func mysqlWithoutAPasswordCrashesWithItsOwnMessage() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run db --image=mysql:8.0")
        _ = session.feed("clock advance 1m")
        let status = session.feed("kubectl get pod db")
        let logs = session.feed("kubectl logs db")
        #expect(status.contains("CrashLoopBackOff") || status.contains("Error"))
        #expect(logs.contains("MYSQL_ROOT_PASSWORD"))
    }
}

@Suite("Deployment controller")
struct DeploymentControllerTests {
    @Test func aStalledRollingUpdateStaysWithinSurgeAndUnavailability() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/mydeploy.yaml")
        _ = session.feed("mode step")
        _ = session.feed("kubectl set image deployment/mydeploy nginx=nginx:1.9.21")
        var steps = 0
        var worstTotal = 0
        var worstAvailable = Int.max
        while session.cluster.simulation.hasForegroundWork, steps < 5000 {
            session.cluster.simulation.step()
            steps += 1
            let pods = session.cluster.server.list(Pod.self, namespace: "default").filter { $0.metadata.deletionTimestamp == nil }
            worstTotal = max(worstTotal, pods.count)
            worstAvailable = min(worstAvailable, pods.filter(\.isReady).count)
        }
        #expect(worstTotal <= 13, "10 replicas + maxSurge 25% (rounded up to 3)")
        #expect(worstAvailable >= 8, "10 replicas - maxUnavailable 25% (rounded down to 2)")
        _ = session.feed("mode auto")
        let status = session.feed("kubectl rollout status deployment/mydeploy")
        #expect(status.contains("error: deployment \"mydeploy\" exceeded its progress deadline"))
        let undo = run(session, ["kubectl rollout undo deployment/mydeploy", "kubectl rollout status deployment/mydeploy",
                                 "kubectl get deploy mydeploy -o wide"])
        #expect(undo.contains("deployment.apps/mydeploy rolled back"))
        #expect(undo.contains("deployment \"mydeploy\" successfully rolled out"))
        #expect(undo.contains("nginx:1.7.9"))
    }

    @Test func setImageWithADryRunChangesNothing() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl create deployment web --image=nginx",
                                   "kubectl set image deploy/web nginx=nginx:1.9.1 --dry-run=client -o yaml",
                                   "kubectl set image deploy/web nginx=nginx:1.9.1 --dry-run=server"])
        #expect(output.contains("      - image: nginx:1.9.1"), "the client's patched copy")
        #expect(output.contains("deployment.apps/web image updated (server dry run)"))
        let deployment = try #require(session.cluster.server.get(Deployment.self, namespace: "default", name: "web"))
        #expect(deployment.spec.template?.spec?.containers.first?.image == "nginx")
        #expect(deployment.metadata.generation == 1)
    }

    /// The example of the Kubernetes documentation: 10 replicas, maxSurge 3, maxUnavailable 2,
    /// a rollout stuck on a missing image (8 old, 5 new), then scaled to 15: the 5 more Pods
    /// go 3 to the old ReplicaSet and 2 to the new one.
    @Test func scalingAStalledRolloutSharesTheChangeInProportion() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:",
                          "  replicas: 10", "  strategy:", "    rollingUpdate:", "      maxSurge: 3", "      maxUnavailable: 2",
                          "  selector:", "    matchLabels:", "      app: web", "  template:", "    metadata:", "      labels:", "        app: web",
                          "    spec:", "      containers:", "      - name: nginx", "        image: nginx:1.25", "EOF"])
        let output = run(session, ["kubectl set image deploy/web nginx=nginx:sometag", "kubectl get rs",
                                   "kubectl scale deploy web --replicas=15", "kubectl get rs"])
        func sizes(_ block: Substring) -> [Int] {
            block.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
        }
        let tables = output.components(separatedBy: "$ kubectl get rs\n").dropFirst().map { Substring($0.prefix { $0 != "$" }) }
        #expect(tables.count == 2)
        #expect(sizes(tables[0]).sorted() == [5, 8], "the stalled rollout: 8 old and 5 new")
        #expect(sizes(tables[1]).sorted() == [7, 11], "15 + 3 = 18 shared in proportion: 11 old, 7 new")
        #expect(output.contains("deployment.apps/web scaled"))
    }

    @Test func historyListsRevisionsAndDeletingTheDeploymentCascades() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/mydeploy.yaml",
                                   "kubectl set image deployment/mydeploy nginx=nginx:1.9.1 --record",
                                   "kubectl rollout history deployment/mydeploy", "kubectl get deploy mydeploy",
                                   "kubectl rollout undo deployment/mydeploy --to-revision=1", "kubectl get rs",
                                   "kubectl delete deployment mydeploy", "kubectl get rs,pods"])
        #expect(output.contains("REVISION   CHANGE-CAUSE\n1          <none>\n2          kubectl set image deployment/mydeploy nginx=nginx:1.9.1 --record\n"))
        #expect(output.contains("mydeploy   10/10   10           10"))
        #expect(output.contains("deployment.apps \"mydeploy\" deleted"))
        #expect(output.hasSuffix("$ kubectl get rs,pods\nNo resources found in default namespace.\n"))
    }
}

@Suite("DaemonSet controller")
struct DaemonSetControllerTests {
    @Test func fluentdRunsOnEveryWorkerAndOnANewNode() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/fluentd.yaml", "kubectl get ds fluentd", "node add",
                                   "kubectl get ds fluentd", "kubectl describe ds fluentd"])
        #expect(output.contains("fluentd   2         2         2       2            2           <none>"))
        #expect(output.contains("Desired Number of Nodes Scheduled: 3\nCurrent Number of Nodes Scheduled: 3\n"))
        #expect(output.contains("Annotations:    deprecated.daemonset.template.generation: 1\n"))
        #expect(output.contains("   varlibdockercontainers:\n    Type:          HostPath (bare host directory volume)\n"))
        #expect(output.contains("fluentd   3         3         3       3            3           <none>"))
        let nodes = session.cluster.server.list(Pod.self, namespace: "default").compactMap(\.spec.nodeName).sorted()
        #expect(nodes == ["node01", "node02", "node03"], "the control-plane taint keeps fluentd off controlplane")
        let sync = session.feed("trace ds/fluentd").split(separator: "\n").last { $0.contains("reconcile") }
        let number = sync.map { String($0.split(separator: " ")[0].dropFirst()) } ?? ""
        #expect(session.feed("explain \(number)").contains("controlplane: no daemon Pod wanted (taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated)"))
        _ = session.feed("kubectl delete ds fluentd")
        #expect(session.cluster.server.list(Pod.self, namespace: "default").isEmpty, "deleting the DaemonSet removes its Pods")
    }

    @Test func aRollingUpdateReplacesOneNodeAtATimeAndUndoBringsTheOldRevisionBack() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let server = session.cluster.server
        _ = run(session, ["kubectl apply -f manifests/fluentd.yaml", "mode step", "kubectl rollout restart ds/fluentd"])
        while session.cluster.simulation.hasForegroundWork {
            session.cluster.simulation.step()
            let ready = server.list(Pod.self, namespace: "default").filter { $0.isReady && $0.metadata.deletionTimestamp == nil }
            #expect(Set(ready.compactMap(\.spec.nodeName)).count >= 1, "maxUnavailable 1 of 2 nodes: one always has a Ready fluentd")
        }
        let output = run(session, ["mode auto", "kubectl rollout status ds/fluentd",
                                   "kubectl set image ds/fluentd fluentd=quay.io/fluentd_elasticsearch/fluentd:v9 --record",
                                   "kubectl get pods", "kubectl rollout history ds/fluentd", "kubectl rollout undo ds/fluentd",
                                   "kubectl rollout status ds/fluentd", "kubectl rollout history ds/fluentd",
                                   "kubectl rollout undo ds/fluentd --to-revision=4", "kubectl rollout pause ds/fluentd"])
        #expect(output.contains("$ kubectl rollout status ds/fluentd\ndaemon set \"fluentd\" successfully rolled out\n"))
        #expect(output.lines(containing: "ImagePullBackOff").count == 1, "the broken image stops the update at the first node")
        #expect(output.contains("""
            REVISION   CHANGE-CAUSE
            1          <none>
            2          <none>
            3          kubectl set image ds/fluentd fluentd=quay.io/fluentd_elasticsearch/fluentd:v9 --record
            """))
        #expect(output.contains("daemonset.apps/fluentd rolled back\n"))
        #expect(output.contains("REVISION   CHANGE-CAUSE\n1          <none>\n3          kubectl set image ds/fluentd fluentd=quay.io/fluentd_elasticsearch/fluentd:v9 --record\n4          <none>\n"))
        #expect(output.contains("skipped rollback (current template already matches revision 4)\n"))
        #expect(output.contains("error: daemonsets.apps \"fluentd\" pausing is not supported"))
        let daemonSet = try #require(server.get(DaemonSet.self, namespace: "default", name: "fluentd"))
        let hash = try #require(server.list(ControllerRevision.self, namespace: "default").first { $0.revision == 4 }?.labels[ControllerRevision.hashLabel])
        let pods = server.list(Pod.self, namespace: "default")
        #expect(pods.count == 2 && pods.allSatisfy { $0.isReady && $0.labels[ControllerRevision.hashLabel] == hash })
        #expect(daemonSet.status?.updatedNumberScheduled == 2)
    }

    @Test func aTolerationLetsItOntoTheControlPlane() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f - <<EOF", "apiVersion: apps/v1", "kind: DaemonSet", "metadata:", "  name: agent", "spec:",
                          "  selector:", "    matchLabels:", "      app: agent", "  template:", "    metadata:", "      labels:",
                          "        app: agent", "    spec:", "      tolerations:", "      - key: node-role.kubernetes.io/control-plane",
                          "        operator: Exists", "        effect: NoSchedule", "      containers:", "      - name: agent", "        image: busybox",
                          "        command: [\"sleep\", \"infinity\"]", "EOF"])
        let nodes = session.cluster.server.list(Pod.self, namespace: "default").compactMap(\.spec.nodeName).sorted()
        #expect(nodes == ["controlplane", "node01", "node02"])
    }
}
