@_spi(Observer) import APIServer
import KubeModel
import REPL
import Testing

/// The four Service types made the ways a student makes them, the allocators' refusals, and
/// the cloud's load balancers (issue 4).
@Suite("Service types, kubectl expose and LoadBalancers")
struct ServiceTypeTests {
    @Test func createServiceBuildsWhatKubectlBuilds() {
        let output = transcript(["kubectl create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml"])
        #expect(output.contains("""
        spec:
          ports:
          - name: 80-8080
            nodePort: 30080
            port: 80
            protocol: TCP
            targetPort: 8080
          selector:
            app: np
          type: NodePort
        status:
          loadBalancer: {}
        """))
        let errors = transcript(["kubectl create service clusterip x", "kubectl create service externalname x", "kubectl create service foo x",
                                 "kubectl create service clusterip x --tcp=abc"])
        #expect(errors.contains("error: at least one tcp port specifier must be provided"))
        #expect(errors.contains("run.go:72] \"command failed\" err=\"required flag(s) \\\"external-name\\\" not set\""))
        #expect(errors.contains("error: unknown command \"foo x\""))
        #expect(errors.contains("error: strconv.ParseUint: parsing \"abc\": invalid syntax"))
    }

    @Test func eachServiceTypeShowsItsColumns() {
        let output = transcript([
            "kubectl create deployment web --image=nginx --port=80 --replicas=2",
            "kubectl expose deployment web",
            "kubectl expose deployment web --name=web-np --type=NodePort --port=8080 --target-port=80",
            "kubectl expose deployment web --name=web-lb --type=LoadBalancer --port=80",
            "kubectl create service externalname db --external-name=db.example.com",
            "kubectl create service clusterip headless --clusterip=None",
            "kubectl get svc",
        ])
        #expect(output.contains("service/web exposed"))
        func row(_ name: String) -> String { output.lines(containing: name + " ").last.map(String.init) ?? "" }
        #expect(row("web-np").contains("NodePort"))
        #expect(row("web-np").contains("8080:3"), "a node port from 30000-32767")
        #expect(row("web-lb").contains("172.18.255.200"), "the cloud's first address")
        #expect(row("db").contains("ExternalName") && row("db").contains("db.example.com"))
        #expect(row("headless").contains("ClusterIP      None"))
        let refusals = transcript(["kubectl run p --image=nginx --labels=", "kubectl expose pod p", "kubectl expose statefulset x",
                                   "kubectl create deployment web --image=nginx", "kubectl expose deployment web"])
        #expect(refusals.contains("error: couldn't find port via --port flag or introspection"))
        #expect(refusals.contains("Error from server (NotFound): statefulsets.apps \"x\" not found"))
    }

    @Test func jsonpathReadsTheNodePortAndRangesOverItems() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl apply -f manifests/services.yaml")
        let service = try #require(session.cluster.server.get(Service.self, namespace: "default", name: "example-app"))
        let nodePort = try #require(service.spec.ports?.first?.nodePort)
        #expect(session.feed("kubectl get svc example-app -o jsonpath='{.spec.ports[0].nodePort}'") == "\(nodePort)\n")
        #expect(session.feed("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'") == "controlplane node01 node02\n")
        #expect(session.feed("kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.status.addresses[0].address}{\"\\n\"}{end}'")
                == "controlplane\t192.168.100.10\nnode01\t192.168.100.11\nnode02\t192.168.100.12\n")
        #expect(session.feed("kubectl get svc -o jsonpath='{range .items[*]}'") == "\n", "kubectl runs an unclosed range to the end")
        #expect(session.feed("kubectl get svc example-app -o jsonpath='{.spec.selector}'") == "{\"app\":\"example-app\"}\n",
                "objects print as compact JSON")
    }

    @Test func aTakenNodePortIsRefusedAndATypeChangeAllocatesOne() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, [
            "kubectl create service nodeport first --tcp=80 --node-port=30080",
            "kubectl create service nodeport second --tcp=80 --node-port=30080",
            "kubectl create service clusterip third --tcp=80",
            "KUBE_EDITOR=\"sed -i s/ClusterIP/NodePort/\" kubectl edit svc third",
        ])
        #expect(output.contains("The Service \"second\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"))
        #expect(session.cluster.server.get(Service.self, namespace: "default", name: "second") == nil)
        let third = try #require(session.cluster.server.get(Service.self, namespace: "default", name: "third"))
        #expect(third.spec.type == "NodePort")
        #expect(third.spec.ports?.first?.nodePort.map { (30000...32767).contains($0) } == true, "editing the type allocates a node port")
        _ = session.feed("KUBE_EDITOR=\"sed -i s/NodePort/ClusterIP/\" kubectl edit svc third")
        let back = try #require(session.cluster.server.get(Service.self, namespace: "default", name: "third"))
        #expect(back.spec.ports?.first?.nodePort == nil, "going back to ClusterIP drops the node port")
        #expect(back.spec.externalTrafficPolicy == nil)
    }

    @Test func aLoadBalancerGetsAnAddressThatCarriesTrafficAndGivesItBack() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, [
            "kubectl create deployment web --image=nginx --replicas=2",
            "kubectl expose deployment web --port=80 --type=LoadBalancer",
            "kubectl describe svc web",
            "curl -s 172.18.255.200",
        ])
        #expect(output.contains("LoadBalancer Ingress:     172.18.255.200 (VIP)"))
        #expect(output.contains("Normal  EnsuredLoadBalancer   0s    service-controller  Ensured load balancer"))
        #expect(output.contains("* the cloud load balancer 172.18.255.200 forwards the connection to node0"))
        #expect(output.contains("(default/web loadbalancer IP) → KUBE-EXT-"))
        #expect(output.contains("<title>Welcome to nginx!</title>"))
        let service = try #require(session.cluster.server.get(Service.self, namespace: "default", name: "web"))
        #expect(service.metadata.finalizers == ["service.kubernetes.io/load-balancer-cleanup"])
        _ = session.feed("kubectl delete svc web")
        #expect(session.cluster.server.get(Service.self, namespace: "default", name: "web") == nil, "the controller lets the Service go")
        #expect(session.cluster.cloud.balancers.isEmpty, "and the address goes back to the pool")
        #expect(session.feed("curl -s -m 1 172.18.255.200").contains("curl: (28)"))
    }
}

/// NetworkPolicies enforced on simulated traffic (issue 4).
@Suite("NetworkPolicy")
struct NetworkPolicyTests {
    private func clients() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f manifests/deployment.yaml", "kubectl apply -f manifests/services.yaml",
                          "kubectl run client --image=curlimages/curl --labels=role=backend -- sleep 3600",
                          "kubectl run frontend --image=curlimages/curl --labels=role=frontend -- sleep 3600"])
        return session
    }

    @Test func aDefaultDenyBlocksWhatAnAllowRuleThenLetsThrough() {
        let session = clients()
        #expect(!session.feed("kubectl exec client -- curl -s -m 2 example-app:3000/hostname").contains("curl: (28)"), "no policy: open")
        _ = session.feed("kubectl apply -f manifests/netpol-default-deny.yaml")
        let denied = session.feed("kubectl exec frontend -- curl -s -m 2 example-app:3000/hostname")
        #expect(denied.contains("NetworkPolicy default/default-deny-ingress selects Pod default/example-app-deployment-"))
        #expect(denied.contains("no rule allows from Pod default/frontend (10.244."))
        #expect(denied.contains("curl: (28) Connection timed out after 2001 milliseconds"))
        _ = session.feed("kubectl apply -f manifests/netpol-allow-frontend.yaml")
        let allowed = session.feed("kubectl exec frontend -- curl -s -m 2 example-app:3000/hostname")
        #expect(allowed.contains("* NetworkPolicy default/allow-frontend (ingress rule 1) allows"))
        #expect(allowed.split(separator: "\n").last?.hasPrefix("example-app-deployment-") == true)
        let stillDenied = session.feed("kubectl exec client -- curl -s -m 2 example-app:3000/hostname")
        #expect(stillDenied.contains("NetworkPolicies default/allow-frontend, default/default-deny-ingress select"))
        #expect(stillDenied.contains("curl: (28)"))
    }

    @Test func anEgressDenyAlsoStopsDNSUntilPort53IsAllowed() {
        let session = clients()
        let output = run(session, [
            "cat <<EOF | kubectl apply -f -",
            "apiVersion: networking.k8s.io/v1",
            "kind: NetworkPolicy",
            "metadata:",
            "  name: deny-egress",
            "spec:",
            "  podSelector:",
            "    matchLabels:",
            "      role: backend",
            "  policyTypes: [Egress]",
            "EOF",
            "kubectl exec client -- nslookup example-app",
        ])
        #expect(output.contains("networkpolicy.networking.k8s.io/deny-egress created"))
        #expect(output.contains("NetworkPolicy default/deny-egress selects Pod default/client for egress and no rule allows to Pod kube-system/coredns-"))
        #expect(output.contains("on UDP/53: dropped"))
        let allowDNS = run(session, [
            "cat <<EOF | kubectl apply -f -",
            "apiVersion: networking.k8s.io/v1",
            "kind: NetworkPolicy",
            "metadata:",
            "  name: allow-dns",
            "spec:",
            "  podSelector: {}",
            "  policyTypes: [Egress]",
            "  egress:",
            "  - to:",
            "    - namespaceSelector:",
            "        matchLabels:",
            "          kubernetes.io/metadata.name: kube-system",
            "    ports:",
            "    - port: 53",
            "      protocol: UDP",
            "EOF",
            "kubectl exec client -- curl -s -m 2 example-app:3000/hostname",
        ])
        #expect(allowDNS.contains("NetworkPolicy default/allow-dns (egress rule 1) allows default/client egress to Pod kube-system/coredns-"))
        #expect(allowDNS.contains("NetworkPolicies default/allow-dns, default/deny-egress select Pod default/client for egress and no rule allows to Pod default/example-app-deployment-"),
                "DNS passes, the connection to the app does not")
    }

    @Test func aSpecChangeBumpsThePolicysGeneration() throws {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl apply -f manifests/netpol-allow-frontend.yaml",
                          "KUBE_EDITOR=\"sed -i s/3000/3001/\" kubectl edit netpol allow-frontend"])
        let policy = try #require(session.cluster.server.get(NetworkPolicy.self, namespace: "default", name: "allow-frontend"))
        #expect(policy.spec.ingress?.first?.ports?.first?.port == .int(3001))
        #expect(policy.metadata.generation == 2, "a spec change counts for metadata.generation")
    }

    @Test func getAndDescribeShowThePolicyAsKubectlDoes() {
        let output = transcript(["kubectl apply -f manifests/netpol-allow-frontend.yaml", "kubectl get netpol", "kubectl describe networkpolicy allow-frontend"])
        #expect(output.contains("NAME             POD-SELECTOR      AGE\nallow-frontend   app=example-app   0s"))
        #expect(output.contains("""
        Spec:
          PodSelector:     app=example-app
          Allowing ingress traffic:
            To Port: 3000/TCP
            From:
              PodSelector: role=frontend
          Not affecting egress traffic
          Policy Types: Ingress
        """))
        let invalid = transcript(["cat <<EOF | kubectl apply -f -", "apiVersion: networking.k8s.io/v1", "kind: NetworkPolicy",
                                  "metadata:", "  name: sideways", "spec:", "  policyTypes: [Sideways]", "EOF"])
        #expect(invalid.contains("spec.policyTypes[0]: Unsupported value: \"Sideways\": supported values: \"Egress\", \"Ingress\""))
    }
}
