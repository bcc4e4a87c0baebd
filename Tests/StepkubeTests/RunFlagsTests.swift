@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

/// `kubectl run`'s flags against the cluster: --expose, --overrides, --annotations, --privileged.
/// (What kubectl prints for them client-side is in the golden cases.)
@Suite("kubectl run flags")
struct RunFlagsTests {
    @Test func exposeCreatesThePodAndAClusterIPServicePrintingTheServiceFirst() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = session.feed("kubectl run web --image=nginx --port=80 --expose")
        #expect(output == "service/web created\npod/web created\n")
        let service = session.cluster.server.get(Service.self, namespace: "default", name: "web")
        #expect(service?.spec.selector == ["run": "web"])
        #expect(service?.spec.type == "ClusterIP")
        #expect(service?.spec.ports?.first?.port == 80)
        #expect(service?.spec.ports?.first?.targetPort == .int(80))
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.spec.containers.first?.ports?.first?.containerPort == 80)
        // The Service finds the Pod: its endpoints hold the Pod's address.
        let endpoints = session.feed("kubectl get endpoints web -o jsonpath='{.subsets[0].addresses[0].targetRef.name}'")
        #expect(endpoints == "web\n")
    }

    @Test func exposeInStepModeSendsThePodAndThenTheService() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("mode step")
        let queued = session.feed("kubectl run web --image=nginx --port=80 --expose -l app=web")
        #expect(queued.contains("queued: POST /api/v1/namespaces/default/pods"))
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web") == nil)
        let output = session.feed("continue")
        #expect(output.contains("service/web created\npod/web created\n"))
        #expect(session.cluster.server.get(Service.self, namespace: "default", name: "web")?.spec.selector == ["app": "web"])
    }

    @Test func overridesAnnotationsAndPrivilegedReachThePod() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = session.feed("kubectl run web --image=nginx --annotations=team=blue --privileged "
                                  + "--overrides='{\"apiVersion\":\"v1\",\"spec\":{\"serviceAccountName\":\"default\",\"hostname\":\"h1\"}}'")
        #expect(output == "pod/web created\n")
        let pod = session.cluster.server.get(Pod.self, namespace: "default", name: "web")
        #expect(pod?.metadata.annotations?["team"] == "blue")
        #expect(pod?.spec.containers.first?.securityContext == .object(["privileged": .bool(true)]))
        #expect(pod?.spec.hostname == "h1")
    }

    @Test func badFlagsPrintKubectlsErrorsAndCreateNothing() {
        let session = Session(workingDirectory: repositoryRoot)
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl run web --image=nginx --overrides='{bad'",
            "kubectl run web --image=nginx --overrides='{\"spec\":{\"containers\":\"x\"}}'",
            "kubectl run web --image=nginx --override-type=yaml --overrides='{}'",
            "kubectl run web --image=nginx --expose",
            "kubectl run web --image=nginx --port=80 --expose --labels=oops",
            "kubectl run web --image=nginx --annotations=novalue",
            "kubectl run web --image='NGINX:latest'",
            "kubectl run web --image=nginx --env==x",
        ])
        #expect(output.contains("'{bad'\nerror: Invalid JSON Patch\n"))
        #expect(output.contains("error: json: cannot unmarshal string into Go struct field Pod.spec.containers"))
        #expect(output.contains("error: invalid override type: yaml\n"))
        #expect(output.contains("--expose\nerror: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n"))
        #expect(output.contains("error: unexpected label spec: oops\n"))
        #expect(output.contains("error: invalid annotations format: novalue\n"))
        #expect(output.contains("error: Invalid image name \"NGINX:latest\": invalid reference format\n"))
        #expect(output.contains("error: invalid env: =x\n"))
        #expect(session.cluster.server.revision == before)
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web") == nil)
    }

    @Test func attachingIsRefusedWithAClearMessageAndChangesNothing() {
        let session = Session(workingDirectory: repositoryRoot)
        let before = session.cluster.server.revision
        let output = session.feed("kubectl run tmp --image=busybox --rm -it --restart=Never -- wget -qO- web")
        #expect(output.hasPrefix("error: attaching to a container (-i, -t, --attach, --rm) is not simulated in stepkube"))
        #expect(session.feed("echo $?") == "1\n")
        #expect(session.cluster.server.revision == before)
    }
}
