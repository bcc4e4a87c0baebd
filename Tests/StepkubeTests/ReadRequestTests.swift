import Testing
import Cluster
import REPL

/// Reads go through kube-apiserver's pipeline like writes: the server evaluates label and
/// field selectors, refuses a field its kind does not support, and keeps every read.
@Suite("reads through the API server")
struct ReadRequestTests {
    let cluster = Cluster(workers: 2)
    var admin: Client { Client(component: "kubectl", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation) }

    @Test func theServerSelectsByFieldLabel() throws {
        let nodes = try admin.list(Pod.self, namespace: "kube-system", fieldSelector: "spec.nodeName=controlplane").get()
        #expect(!nodes.isEmpty && nodes.allSatisfy { $0.spec.nodeName == "controlplane" })
        let elsewhere = try admin.list(Pod.self, namespace: nil, fieldSelector: "spec.nodeName!=controlplane,status.phase=Running").get()
        #expect(elsewhere.allSatisfy { $0.spec.nodeName != "controlplane" && $0.phase == "Running" })
        #expect(try admin.list(Node.self, fieldSelector: "spec.unschedulable=false").get().count == 3)
        #expect(try admin.list(Namespace.self, fieldSelector: "status.phase=Active,metadata.name=default").get().map(\.name) == ["default"])
    }

    @Test func anUnsupportedFieldIsTheServersBadRequest() {
        func refusal(_ type: ResourceType, _ selector: String) -> String? {
            guard case .failure(let error) = admin.list(type, fieldSelector: selector) else { return nil }
            return "\(error.statusLine): \(error.message)"
        }
        #expect(refusal(Pod.type, "spec.containers=x") == "400 BadRequest: field label not supported: spec.containers")
        #expect(refusal(Node.type, "metadata.namespace=x") == "400 BadRequest: field label not supported: metadata.namespace")
        #expect(refusal(Deployment.type, "spec.replicas=1")
                == "400 BadRequest: \"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
        #expect(refusal(Job.type, "status.active=1") == "400 BadRequest: field label \"status.active\" not supported for batchv1.Job")
        #expect(refusal(Pod.type, "app") == "400 BadRequest: invalid selector: 'app'; can't understand 'app'")
    }

    @Test func kubectlPrintsTheServersRefusal() {
        let text = transcript(["kubectl get pods --field-selector foo=bar"])
        #expect(text.hasSuffix("Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", "
                               + "field selector \"foo=bar\": field label not supported: foo\n"))
    }

    @Test func everyReadIsKeptWithItsVerdict() throws {
        let before = cluster.server.reads.count
        _ = admin.get(Pod.self, namespace: "default", name: "missing")
        _ = admin.list(Pod.self, namespace: "default", labelSelector: "app=web")
        let reads = cluster.server.reads.records(after: before)
        #expect(reads.map(\.summary) == ["GET /api/v1/namespaces/default/pods/missing → 404 NotFound",
                                         "GET /api/v1/namespaces/default/pods?labelSelector=app=web → 200 OK (0 items)"])
        let explanation = try #require(reads.first?.explanation)
        #expect(explanation.contains("authorization  RBAC: allowed get pods (ClusterRoleBinding kubeadm:cluster-admins → ClusterRole cluster-admin)"))
        #expect(explanation.contains("rejected       pods \"missing\" not found"))
    }
}

@Suite("trace --reads")
struct TraceReadsTests {
    @Test func kubectlsReadsAreListedAndExplainedButAreNoSteps() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let steps = session.cluster.simulation.trace.count
        _ = session.feed("kubectl get pods -l app=web")
        #expect(session.cluster.simulation.trace.count == steps)
        let line = session.feed("trace --reads --last 1")
        #expect(line.hasPrefix("r"))
        #expect(line.contains("kubectl                 list      GET /api/v1/namespaces/default/pods?labelSelector=app=web → 200 OK (0 items)"))
        let number = try #require(line.split(separator: " ").first)
        let explanation = session.feed("explain \(number)")
        #expect(explanation.contains("authentication kubernetes-admin via x509 client certificate (CN=kubernetes-admin)"))
        #expect(explanation.contains("registry       0 pods in namespace default"))
        #expect(explanation.contains("made by       your command: kubectl get pods -l app=web"))
        #expect(session.feed("explain r0") == "explain: no read r0 kept (trace --reads lists them)\n")
        #expect(session.feed("trace --reads pod/x").hasPrefix("trace: --reads takes only --last N and --all"))
    }

    /// Thousands of routine reads an idle day (leases, node status) keep a ring of their own,
    /// so the student's reads are still there to explain.
    @Test func routineReadsDoNotPushOutTheStudentsReads() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl get configmaps")
        _ = session.feed("clock advance 30h")
        #expect(session.feed("trace --reads --last 1").contains("GET /api/v1/namespaces/default/configmaps → 200 OK (0 items)"))
        // Past 9999.999s the clock column grows rather than running into the component's.
        #expect(session.feed("trace --reads --all --last 1").contains(" 108000.000s "))
    }
}

@Suite("pods/log")
struct PodLogSubresourceTests {
    @Test func logsAreASubresourceTheServerFetchesFromTheKubelet() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx")
        _ = session.feed("kubectl logs web")
        let line = session.feed("trace --reads --last 1")
        #expect(line.contains("kubectl                 get       GET /api/v1/namespaces/default/pods/web/log?container=web → 200 OK"))
        let number = try #require(line.split(separator: " ").first)
        let explanation = session.feed("explain \(number)")
        #expect(explanation.contains("authorization  RBAC: allowed get pods/log"))
        let node = try #require(session.kubectl.client.get(Pod.self, namespace: "default", name: "web").value?.spec.nodeName)
        #expect(explanation.contains("proxy          GET https://\(node):10250/containerLogs/default/web/web (kubelet on \(node))"))
    }
}
