@_spi(Observer) import APIServer
import KubeModel
import REPL
import Testing

/// Services and what follows them: the endpoints and EndpointSlice controllers (issue 4).
@Suite("Services and endpoints")
struct ServiceTests {
    @Test func theSampleAppGetsEndpointsAndSlices() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, ["kubectl apply -f manifests/deployment.yaml", "kubectl apply -f manifests/services.yaml",
                                   "kubectl get ep", "kubectl get endpointslices", "kubectl describe svc example-app"])
        #expect(output.contains("endpoints/mysql-service created\n"), "a Service without a selector takes hand-made Endpoints")
        let pods = session.cluster.server.list(Pod.self, namespace: "default").compactMap(\.status?.podIP)
        let sorted = pods.sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
        #expect(output.contains("example-app     \(sorted.map { "\($0):3000" }.joined(separator: ","))   "))
        #expect(output.contains("kubernetes      192.168.100.10:6443 "), "kube-apiserver lists itself behind Service kubernetes")
        #expect(output.contains("mysql-service   10.0.2.2:3306 "))
        #expect(output.lines(containing: "IPv4").first { $0.hasPrefix("example-app-") }?.contains("IPv4          3000    \(sorted.joined(separator: ","))") == true)
        #expect(output.contains("Endpoints:                \(sorted.map { "\($0):3000" }.joined(separator: ","))\n"))
        #expect(output.contains("NodePort:                 <unset>  "))
        let slice = try #require(session.cluster.server.list(EndpointSlice.self, namespace: "default").first { $0.labels[EndpointSlice.serviceNameLabel] == "example-app" })
        #expect(slice.metadata.ownerReferences?.first?.kind == "Service", "the Service owns its slices; the garbage collector removes them with it")
        _ = session.feed("kubectl delete svc example-app")
        #expect(session.cluster.server.list(EndpointSlice.self, namespace: "default").allSatisfy { $0.labels[EndpointSlice.serviceNameLabel] != "example-app" })
        #expect(session.cluster.server.get(Endpoints.self, namespace: "default", name: "example-app") == nil)
    }

    @Test func aTerminatingPodLeavesTheEndpointsAtOnceAndTheSliceOnceGone() throws {
        let session = Session(workingDirectory: repositoryRoot)
        let server = session.cluster.server
        _ = run(session, ["kubectl apply -f manifests/deployment.yaml", "kubectl apply -f manifests/services.yaml", "mode step"])
        let victim = try #require(server.list(Pod.self, namespace: "default").first { $0.labels["app"] == "example-app" })
        _ = session.feed("kubectl delete pod \(victim.name)")
        var sawTerminating = false
        while session.cluster.simulation.hasForegroundWork {
            session.cluster.simulation.step()
            guard server.get(Pod.self, namespace: "default", name: victim.name)?.metadata.deletionTimestamp != nil else { continue }
            let endpoints = server.get(Endpoints.self, namespace: "default", name: "example-app")
            let slice = server.list(EndpointSlice.self, namespace: "default").first { $0.labels[EndpointSlice.serviceNameLabel] == "example-app" }
            if let entry = slice?.endpoints?.first(where: { $0.targetRef?.name == victim.name }), entry.conditions?.terminating == true {
                sawTerminating = true
                #expect(entry.conditions?.ready == false)
                #expect(!(endpoints?.subsets ?? []).flatMap { $0.addresses ?? [] }.contains { $0.targetRef?.name == victim.name })
            }
        }
        #expect(sawTerminating, "while it shuts down, the slice keeps the Pod as terminating and not ready")
        let slice = try #require(server.list(EndpointSlice.self, namespace: "default").first { $0.labels[EndpointSlice.serviceNameLabel] == "example-app" })
        #expect(slice.endpoints?.count == 3 && !(slice.endpoints ?? []).contains { $0.targetRef?.name == victim.name })
        let trace = session.feed("trace svc/example-app")
        #expect(trace.contains("endpoint-controller     reconcile update Endpoints default/example-app: 2 ready, 0 not ready address(es)"))
    }

    @Test func namedTargetPortsAndUnreadyPodsAreResolvedAsTheControllerDoes() {
        let output = transcript(["kubectl apply -f - <<EOF", "apiVersion: v1", "kind: Pod", "metadata:", "  name: named", "  labels:", "    app: web",
                                 "spec:", "  containers:", "  - name: web", "    image: nginx", "    ports:", "    - name: http", "      containerPort: 8080",
                                 "---", "apiVersion: v1", "kind: Pod", "metadata:", "  name: unnamed", "  labels:", "    app: web", "spec:", "  containers:",
                                 "  - name: web", "    image: nginx", "---", "apiVersion: v1", "kind: Pod", "metadata:", "  name: broken", "  labels:", "    app: web",
                                 "spec:", "  containers:", "  - name: web", "    image: nginx:no-such-tag", "    ports:", "    - name: http", "      containerPort: 8080",
                                 "---", "apiVersion: v1", "kind: Service", "metadata:", "  name: web", "spec:", "  selector:", "    app: web", "  ports:",
                                 "  - port: 80", "    targetPort: http", "EOF",
                                 "kubectl get ep web -o yaml | grep -A1 -E 'notReadyAddresses|^  - ip|port:'", "kubectl describe svc web | grep -E 'TargetPort|Endpoints'"])
        #expect(output.contains("TargetPort:               http/TCP\n"))
        #expect(output.contains("notReadyAddresses:"), "the Pod stuck in ImagePullBackOff is listed, as not ready")
        #expect(output.contains("  - port: 8080\n"), "targetPort http resolves to the container port named http")
        #expect(output.lines(containing: "Endpoints:").count == 1 && output.lines(containing: ":8080").count == 1,
                "only the ready Pod that declares port http serves; the one without it is left out")
    }

    /// Found by the invariant runs (issue 14): a slice deleted by hand stayed gone, and the
    /// Service without endpoints, until one of its Pods changed.
    @Test func aDeletedEndpointSliceComesBackAtOnce() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = run(session, ["kubectl create deployment web --image=nginx:1.25 --replicas=2", "kubectl expose deployment web --port=80",
                          "kubectl delete endpointslices -l kubernetes.io/service-name=web"])
        let slices = session.cluster.server.list(EndpointSlice.self, namespace: "default").filter { $0.labels[EndpointSlice.serviceNameLabel] == "web" }
        #expect(slices.count == 1 && slices.first?.endpoints?.count == 2)
    }
}
