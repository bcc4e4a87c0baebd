@_spi(Observer) import APIServer
import KubeModel
import REPL
import Testing

/// kube-proxy's rules, cluster DNS and requests that travel them (issue 4).
@Suite("kube-proxy, DNS and traffic")
struct TrafficTests {
    /// The sample app with its NodePort, and the Pods' names.
    private func sampleApp() throws -> (Session, nodePort: Int32, pods: Set<String>) {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f manifests/deployment.yaml", "kubectl apply -f manifests/services.yaml"])
        let service = try #require(session.cluster.server.get(Service.self, namespace: "default", name: "example-app"))
        let nodePort = try #require(service.spec.ports?.first?.nodePort)
        let pods = Set(session.cluster.server.list(Pod.self, namespace: "default").map(\.name))
        return (session, nodePort, pods)
    }

    /// The Pod names that answered `count` requests to /hostname.
    private func answers(_ session: Session, _ url: String, count: Int = 15) -> [String] {
        (0..<count).compactMap { _ in
            session.feed("curl -s \(url)/hostname").split(separator: "\n").last { !$0.hasPrefix("* ") }.map(String.init)
        }
    }

    @Test func aRequestToANodePortReachesEachOfTheThreePods() throws {
        let (session, nodePort, pods) = try sampleApp()
        #expect(pods.count == 3)
        let output = session.feed("curl http://node01:\(nodePort)/hostname")
        #expect(output.contains("* /etc/hosts on controlplane: node01 is 192.168.100.11"))
        #expect(output.contains("node01 iptables: KUBE-SERVICES --dst-type LOCAL → KUBE-NODEPORTS --dport \(nodePort) (default/example-app)"))
        #expect(output.contains("statistic --mode random: endpoint"))
        #expect(Set(answers(session, "node01:\(nodePort)")) == pods, "repeated requests reach every Pod")
        #expect(Set(answers(session, "node02:\(nodePort)")) == pods, "every node opens the NodePort")
        let unknown = session.feed("curl node01:\(nodePort == 30000 ? 30001 : 30000)")
        #expect(unknown.contains("curl: (7) Failed to connect to node01 port"), "nothing listens on a port no Service opened")
    }

    @Test func kubeProxyWritesTheRealChainsOnEveryNode() throws {
        let (session, nodePort, _) = try sampleApp()
        let rules = run(session, ["ssh node02", "iptables-save -t nat", "exit"])
        #expect(rules.contains("-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment \"default/kubernetes:https cluster IP\" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y"),
                "chain names hash the service port name as kube-proxy does")
        #expect(rules.contains("-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/example-app\" -m tcp --dport \(nodePort) -j KUBE-EXT-"))
        #expect(rules.contains("-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-"))
        #expect(rules.contains("-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-"))
        #expect(rules.contains("-j DNAT --to-destination 10.0.2.2:3306"), "the mirrored slice of mysql-service's hand-made Endpoints")
        #expect(rules.contains("Connection to node02 closed."))
        #expect(session.prompt == "stepkube $ ")
        #expect(run(session, ["ssh node01", "kubectl get pods"]).contains("The connection to the server localhost:8080 was refused"))
        #expect(session.prompt == "root@node01:~# ")
        #expect(session.feed("ssh node09").contains("ssh: Could not resolve hostname node09"))
    }

    @Test func deletingABackendRewritesEveryNodesRulesAndTrafficAvoidsIt() throws {
        let (session, nodePort, pods) = try sampleApp()
        let victim = try #require(session.cluster.server.list(Pod.self, namespace: "default").first { $0.labels["app"] == "example-app" })
        let address = try #require(victim.status?.podIP)
        let start = session.cluster.simulation.trace.count
        _ = session.feed("kubectl delete pod \(victim.name)")
        let syncs = session.cluster.simulation.trace.records.filter { $0.number > start && $0.component.hasPrefix("kube-proxy@") && $0.summary.contains("synced") }
        for node in ["controlplane", "node01", "node02"] {
            #expect(syncs.contains { $0.component == "kube-proxy@\(node)" && !$0.summary.contains(address + ":3000") }, "\(node) drops \(address)")
        }
        #expect(!run(session, ["ssh node01", "iptables-save"]).contains("--to-destination \(address):3000"))
        _ = session.feed("exit")
        let after = Set(answers(session, "node02:\(nodePort)"))
        #expect(!after.contains(victim.name))
        #expect(after.count == 3 && after.subtracting(pods).count == 1, "the replacement Pod answers instead")
    }

    @Test func podsResolveServiceNamesFQDNsAndHeadlessPodNames() throws {
        let (session, _, pods) = try sampleApp()
        let output = run(session, [
            "kubectl apply -f manifests/mysts.yaml", "kubectl run tools --image=busybox -- sleep 3600", "kubectl run web --image=nginx",
            "kubectl exec tools -- cat /etc/resolv.conf",
            "kubectl exec tools -- nslookup example-app",
            "kubectl exec web -- curl -s http://example-app:3000/hostname",
            "kubectl exec web -- curl -s http://example-app.default.svc.cluster.local:3000/hostname",
            "kubectl exec tools -- wget -qO- mysts-0.mysts",
            "kubectl exec tools -- nslookup nosuch",
            "kubectl exec tools -- curl example-app",
        ])
        #expect(output.contains("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"))
        let clusterIP = session.cluster.server.get(Service.self, namespace: "default", name: "example-app")?.spec.clusterIP ?? "?"
        #expect(output.contains("Name:\texample-app.default.svc.cluster.local\nAddress: \(clusterIP)\n"))
        #expect(output.contains("(Service kube-system/kube-dns) →"), "queries go to a CoreDNS Pod through the kube-dns Service")
        #expect(output.lines(containing: "example-app-deployment-").filter { !$0.hasPrefix("* ") }.allSatisfy { pods.contains(String($0)) })
        #expect(output.lines(containing: "DNS A example-app.default.svc.cluster.local.default.svc.cluster.local? → NXDOMAIN").count == 1,
                "an FQDN without the final dot has fewer than 5 dots: the search domains come first")
        let mysts0 = session.cluster.server.get(Pod.self, namespace: "default", name: "mysts-0")?.status?.podIP ?? "?"
        #expect(output.contains("DNS A mysts-0.mysts.default.svc.cluster.local? → \(mysts0)"))
        #expect(output.contains("<h1>Welcome to nginx!</h1>"))
        #expect(output.contains("** server can't find nosuch: NXDOMAIN\n\ncommand terminated with exit code 1"))
        #expect(output.contains("exec: \"curl\": executable file not found in $PATH"), "busybox has wget, not curl")
    }

    @Test func anExternalNameAnswersWithItsCNAME() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, [
            "cat <<EOF | kubectl apply -f -", "apiVersion: v1", "kind: Service", "metadata:", "  name: db", "spec:", "  type: ExternalName",
            "  externalName: db.example.com", "EOF",
            "kubectl run tools --image=busybox -- sleep 3600", "kubectl exec tools -- nslookup db",
        ])
        #expect(output.contains("db.default.svc.cluster.local\tcanonical name = db.example.com\n"))
    }

    @Test func withoutEndpointsOrCoreDNSRequestsFailAsTheyWould() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, [
            "kubectl create deployment web --image=nginx --replicas=0",
            "cat <<EOF | kubectl apply -f -", "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", "  selector:", "    app: web",
            "  ports:", "  - port: 80", "EOF",
            "kubectl run curl --image=curlimages/curl -- sleep 3600",
            "kubectl exec curl -- curl -s web",
            "iptables-save -t filter",
            "kubectl scale deployment coredns -n kube-system --replicas=0",
            "kubectl exec curl -- nslookup web",
        ])
        #expect(output.contains("default/web has no endpoints → REJECT"))
        #expect(output.contains("curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7"))
        #expect(output.contains("-m comment --comment \"default/web has no endpoints\" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable"))
        #expect(output.contains(";; connection timed out; no servers could be reached"))
        #expect(output.contains("Service kube-system/kube-dns has no endpoints (no CoreDNS Pod is ready)"))
    }
}
