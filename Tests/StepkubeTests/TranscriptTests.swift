@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("Transcripts: what a student sees")
struct TranscriptTests {
    @Test func replicaSetComesUpWithTwoRunningPods() {
        let output = transcript(["kubectl apply -f manifests/myreplicaset.yaml", "kubectl get pods"])
        #expect(output.contains("replicaset.apps/myreplicaset created"))
        let running = output.lines(containing: "myreplicaset-").filter { $0.contains("1/1") && $0.contains("Running") }
        #expect(running.count == 2)
        #expect(output.contains("NAME                 READY   STATUS    RESTARTS   AGE"))
    }

    @Test func applyingTheSameFileTwiceIsUnchangedAndAChangeIsConfigured() {
        let output = transcript([
            "kubectl apply -f manifests/myreplicaset.yaml",
            "kubectl apply -f manifests/myreplicaset.yaml",
            "frob", // an unknown command must not disturb anything
            "kubectl scale rs myreplicaset --replicas=4",
            "kubectl get rs myreplicaset",
        ])
        #expect(output.contains("replicaset.apps/myreplicaset unchanged"))
        #expect(output.contains("bash: frob: command not found"))
        #expect(output.contains("replicaset.apps/myreplicaset scaled"))
        #expect(output.contains("myreplicaset   4         4         4"))
    }

    @Test func deletingAPodBringsAReplacement() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/myreplicaset.yaml")
        let names = session.cluster.server.list(Pod.self, namespace: "default").map(\.name)
        #expect(names.count == 2)
        let deleted = session.feed("kubectl delete pod \(names[0])")
        #expect(deleted == "pod \"\(names[0])\" deleted\n")
        let after = session.cluster.server.list(Pod.self, namespace: "default")
        #expect(after.count == 2)
        #expect(!after.map(\.name).contains(names[0]))
        #expect(after.allSatisfy { $0.phase == "Running" })
    }

    @Test func aPodThatFitsNoNodeStaysPendingAndDescribeSaysWhy() {
        let output = transcript([
            "kubectl run picky --image=nginx --dry-run=client -o yaml | grep -c picky",
            "cat <<EOF | kubectl apply -f -",
            "apiVersion: v1", "kind: Pod", "metadata:", "  name: huge", "spec:", "  containers:", "  - name: app",
            "    image: nginx", "    resources:", "      requests:", "        cpu: \"8\"",
            "EOF",
            "kubectl get pod huge",
            "kubectl describe pod huge | grep FailedScheduling",
        ])
        #expect(output.contains("pod/huge created"))
        #expect(output.contains("huge   0/1     Pending   0          0s"))
        #expect(output.contains("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."))
    }

    @Test func badInputGetsKubectlsErrorAndLeavesTheClusterAlone() {
        let session = Session(workingDirectory: repositoryRoot)
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl apply -f manifests/cronjob.yaml",
            "kubectl apply -f nowhere.yaml",
            "kubectl get pod nope",
            "kubectl get widgets",
            "kubectl frobnicate",
            "kubectl get pods --colour=red",
            "kubectl scale rs web",
            "kubectl apply -f - <<EOF", "kind: Pod", "metadata:", "  name: x", " spec: [", "EOF",
            "kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: x", "spec:", "  containers:", "  - name: c", "EOF",
            "kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: x", "spec:", "  containers:", "  - name: c", "    image: nginx", "    colour: red", "EOF",
            "echo 'unterminated",
        ])
        #expect(output.contains("no matches for kind \"CronJob\" in version \"batch/v1beta1\""))
        #expect(output.contains("error: the path \"nowhere.yaml\" does not exist"))
        #expect(output.contains("Error from server (NotFound): pods \"nope\" not found"))
        #expect(output.contains("error: the server doesn't have a resource type \"widgets\""))
        #expect(output.contains("Error: unknown command \"frobnicate\" for \"kubectl\"\n"))
        #expect(output.contains("Error: unknown flag: --colour\nSee 'kubectl get --help' for usage."))
        #expect(output.contains("run.go:72] \"command failed\" err=\"required flag(s) \\\"replicas\\\" not set\""))
        #expect(output.contains("error: error parsing STDIN: error converting YAML to JSON: yaml: line"))
        #expect(output.contains("The Pod \"x\" is invalid: spec.containers[0].image: Required value"))
        #expect(output.contains("strict decoding error: unknown field \"spec.containers[0].colour\""))
        #expect(session.needsMoreInput)
        #expect(session.finishInput() == "bash: syntax error: unexpected end of file\n")
        #expect(session.cluster.server.revision == before)
    }

    @Test func imagePullFailureEndsInImagePullBackOff() {
        let output = transcript(["kubectl run web --image=nginx:1.9.21", "kubectl get pod web", "kubectl logs web",
                                 "kubectl describe pod web | grep Failed"])
        #expect(output.contains("web    0/1     ImagePullBackOff   0"))
        #expect(output.contains("is waiting to start: trying and failing to pull image"))
        #expect(output.contains("Failed to pull image \"nginx:1.9.21\": rpc error: code = NotFound"))
    }

    @Test func aFinishedBusyboxKeepsItsLogs() {
        let output = transcript(["kubectl run hello --image=busybox --restart=Never -- sh -c 'echo hi; date'", "kubectl get pod hello", "kubectl logs hello"])
        #expect(output.contains("hello   0/1     Completed   0"))
        #expect(output.contains("$ kubectl logs hello\nhi\n20"))
    }

    @Test func aFailingCommandCrashLoops() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run crash --image=busybox -- false")
        _ = session.feed("clock advance 2m")
        let output = session.feed("kubectl get pod crash")
        #expect(output.contains("CrashLoopBackOff"))
    }

    @Test func shellPipesWork() {
        let output = transcript(["kubectl apply -f manifests/myreplicaset.yaml", "kubectl get pods --no-headers | wc -l",
                                 "echo aGVsbG8= | base64 -d", "kubectl get nodes | grep -c Ready"])
        #expect(output.contains("--no-headers | wc -l\n2\n"))
        #expect(output.contains("base64 -d\nhello"))
        #expect(output.contains("grep -c Ready\n3\n"))
    }

    @Test func stepModeWalksTheWholeFlow() {
        let session = Session(workingDirectory: repositoryRoot)
        let queued = run(session, ["mode step", "kubectl apply -f manifests/myreplicaset.yaml"])
        #expect(queued.contains("queued: POST /apis/apps/v1/namespaces/default/replicasets"))
        #expect(session.cluster.server.list(ReplicaSet.self, namespace: "default").isEmpty)
        let first = session.feed("step")
        #expect(first.contains("kube-apiserver") && first.contains("201 Created"))
        #expect(first.contains("replicaset.apps/myreplicaset created"))
        let explanation = session.feed("explain")
        for stage in ["authentication", "authorization", "defaulting", "validation", "etcd", "watch", "response       201 Created"] {
            #expect(explanation.contains(stage))
        }
        _ = session.feed("continue")
        let trace = session.feed("trace")
        #expect(trace.contains("wants 2, has 0 → creates 2 Pod(s)"))
        #expect(trace.lines(containing: "POST /api/v1/namespaces/default/pods → 201").count == 2)
        #expect(trace.lines(containing: "kube-scheduler          schedule").count == 2)
        #expect(trace.lines(containing: "/binding → 201 Created").count == 2)
        #expect(trace.lines(containing: "SyncPod").count == 2)
        #expect(trace.lines(containing: "pulled nginx").count == 2)
        let schedule = trace.lines(containing: "kube-scheduler          schedule").first.map { String($0.split(separator: " ")[0].dropFirst()) } ?? ""
        let table = session.feed("explain \(schedule)")
        #expect(table.contains("Filter plugins (node × plugin)"))
        #expect(table.contains("TaintToleration ✗ (node(s) had untolerated taint {node-role.kubernetes.io/control-plane: })"))
        #expect(table.contains("Chosen:"))
    }

    @Test func theSameScriptPrintsTheSameBytes() {
        let script = ["kubectl apply -f manifests/myreplicaset.yaml", "kubectl get pods -o wide", "trace", "kubectl get events",
                      "kubectl run x --image=busybox -- false", "clock advance 1m", "kubectl get pods -o yaml"]
        #expect(transcript(script) == transcript(script))
    }

    @Test func etcdctlListsKeysAsAClusterStoresThem() {
        let output = transcript(["kubectl apply -f manifests/pod-definition.yml", "etcdctl get /registry/pods --prefix --keys-only"])
        #expect(output.contains("pod/myapp-pod created"))
        #expect(output.contains("/registry/pods/default/myapp-pod\n"))
    }
}

@Suite("The cluster a student finds")
struct ClusterTourTests {
    @Test func theControlPlaneRunsAsStaticPodsInKubeSystem() {
        let output = transcript(["kubectl get nodes", "kubectl get pods -n kube-system", "kubectl get ns"])
        for line in ["controlplane   Ready    control-plane", "node01         Ready    <none>", "node02         Ready    <none>"] {
            #expect(output.contains(line))
        }
        for name in ["etcd-controlplane", "kube-apiserver-controlplane", "kube-controller-manager-controlplane", "kube-scheduler-controlplane"] {
            #expect(output.lines(containing: name).first?.contains("1/1     Running") == true, "\(name)")
        }
        for namespace in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            #expect(output.contains("\(namespace) ") && output.contains("Active"))
        }
    }
}

@Suite("Namespaces")
struct NamespaceTests {
    @Test func deletingANamespaceDeletesItsContentThenItself() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl create namespace dev", "kubectl run web --image=nginx -n dev", "kubectl get pods -n dev",
                                   "kubectl delete ns dev", "kubectl get ns dev", "kubectl run late --image=nginx -n dev"])
        #expect(output.contains("namespace/dev created"))
        #expect(output.contains("web    1/1     Running"))
        #expect(output.contains("namespace \"dev\" deleted"))
        #expect(output.contains("Error from server (NotFound): namespaces \"dev\" not found"))
        #expect(session.cluster.server.list(Pod.self, namespace: "dev").isEmpty)
        #expect(session.feed("trace namespace/dev").contains("dev is empty → finalize"))
    }
}

@Suite("The shell around kubectl")
struct ShellTests {
    @Test func grepKnowsContextLines() {
        let output = transcript(["kubectl describe node node01 | grep -A2 '^Lease:'", "kubectl get nodes | grep -v NAME | grep -c node",
                                 "kubectl get nodes | grep -w node0 | wc -l"])
        #expect(output.contains("Lease:\n  HolderIdentity:  node01\n  AcquireTime:"))
        #expect(output.contains("grep -c node\n2\n"))
        #expect(output.contains("grep -w node0 | wc -l\n0\n"))
    }

    @Test func theKubeletPostsNodeStatusEveryFiveMinutes() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let before = try #require(session.cluster.server.get(Node.self, name: "node01")?.condition("Ready")?.lastHeartbeatTime)
        _ = session.feed("clock advance 6m")
        let after = try #require(session.cluster.server.get(Node.self, name: "node01")?.condition("Ready")?.lastHeartbeatTime)
        #expect(after.seconds - before.seconds == 300)
    }

    @Test func getFiltersByFieldSelector() {
        let text = transcript(["kubectl create deployment web --image=nginx --replicas=3",
                               "kubectl get pods --field-selector spec.nodeName=node01 -o name | wc -l",
                               "kubectl get pods --field-selector spec.nodeName!=node01,status.phase=Running -o name | wc -l",
                               "kubectl get events --field-selector reason=ScalingReplicaSet -o name | wc -l",
                               "kubectl get pods --field-selector foo"])
        // Where the scheduler's ties put the three Pods is its own affair; together they are three.
        let counts = text.split(separator: "\n").compactMap { Int($0) }
        #expect(counts.count == 3 && counts[0] >= 1 && counts[0] + counts[1] == 3)
        #expect(text.contains("reason=ScalingReplicaSet -o name | wc -l\n1\n"))
        #expect(text.hasSuffix("error: invalid field selector: 'foo'\n"))
    }
}
