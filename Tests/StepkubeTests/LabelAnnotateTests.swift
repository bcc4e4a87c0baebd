@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("kubectl label and annotate")
struct LabelAnnotateTests {
    func session() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx --labels=app=web,tier=back")
        _ = session.feed("kubectl run api --image=nginx --labels=app=api")
        return session
    }

    @Test func labelAddsOverwritesAndRemoves() {
        let session = session()
        let output = run(session, [
            "kubectl label po web tier=front",
            "kubectl label po web tier=front --overwrite",
            "kubectl label pod/web tier=front --overwrite",
            "kubectl label pod/web tier-",
            "kubectl label pods web tier-",
            "kubectl label node node01 disk=ssd",
        ])
        #expect(output == """
            $ kubectl label po web tier=front
            error: 'tier' already has a value (back), and --overwrite is false
            $ kubectl label po web tier=front --overwrite
            pod/web labeled
            $ kubectl label pod/web tier=front --overwrite
            pod/web not labeled
            $ kubectl label pod/web tier-
            pod/web unlabeled
            $ kubectl label pods web tier-
            label "tier" not found.
            pod/web not labeled
            $ kubectl label node node01 disk=ssd
            node/node01 labeled

            """)
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.labels == ["app": "web"])
        #expect(session.cluster.server.get(Node.self, name: "node01")?.labels["disk"] == "ssd")
    }

    @Test func labelSendsOneMergePatch() {
        let session = session()
        let before = session.cluster.simulation.trace.nextNumber - 1
        _ = session.feed("kubectl label po web env=prod")
        let requests = session.cluster.simulation.trace.records(after: before).filter { $0.component == "kube-apiserver" }
        #expect(requests.count == 1)
        #expect(requests.first?.summary.contains("PATCH /api/v1/namespaces/default/pods/web") == true)
    }

    @Test func labelManyObjectsAndList() {
        let session = session()
        let output = run(session, [
            "kubectl label pods --all env=prod",
            "kubectl label pods -l app=web team=blue",
            "kubectl label pod web --list",
            "kubectl label pods -l app --list",
        ])
        #expect(output.contains("$ kubectl label pods --all env=prod\npod/api labeled\npod/web labeled\n"))
        #expect(output.contains("$ kubectl label pods -l app=web team=blue\npod/web labeled\n$"))
        #expect(output.contains("$ kubectl label pod web --list\napp=web\nenv=prod\nteam=blue\ntier=back\n"))
        #expect(output.contains("Listing labels for Pod./api:\n app=api\n env=prod\nListing labels for Pod./web:\n app=web\n"))
    }

    @Test func labelDryRunsAndOutputs() {
        let session = session()
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl label pod web x=1 --dry-run=client",
            "kubectl label pod web x=1 --dry-run=server",
            "kubectl label pod web x=1 --dry-run=client -o yaml | grep 'x:'",
        ])
        #expect(output.contains("pod/web labeled (dry run)\n"))
        #expect(output.contains("pod/web labeled (server dry run)\n"))
        #expect(output.contains("    x: \"1\""))
        #expect(session.cluster.server.revision == before)
        #expect(run(session, ["kubectl label pod web x=1 -o name"]).hasSuffix("pod/web\n"))
    }

    @Test func badLabelCommandsGetKubectlsErrorsAndChangeNothing() {
        let session = session()
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl label",
            "kubectl label pods web",
            "kubectl label pods web a=b=c",
            "kubectl label pods web 'a=b c'",
            "kubectl label pods web a=b a-",
            "kubectl label pods web a=b extra",
            "kubectl label pods web a",
            "kubectl label pods a=b",
            "kubectl label pods web --list -o yaml",
            "kubectl label pods a=b --all -l x=y",
            "kubectl label pods web a=b --dry-run=maybe",
            "kubectl label pods web a=b -o wide",
            "kubectl label pods nope a=b",
            "kubectl label pods --all a=b --resource-version=3",
            "kubectl label pods web Bad_=x",
            "kubectl label pods web a=b --colour",
        ])
        #expect(output.contains("$ kubectl label\nerror: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"))
        #expect(output.contains("$ kubectl label pods web\nerror: at least one label update is required\n"))
        #expect(output.contains("error: invalid label spec: a=b=c\n"))
        #expect(output.contains("error: invalid label value: \"a=b c\": a valid label must be an empty string"))
        #expect(output.contains("error: can not both modify and remove a label in the same command\n"))
        #expect(output.contains("error: all resources must be specified before label changes: extra\n"))
        #expect(output.contains("$ kubectl label pods web a\nerror: at least one label update is required\n"))
        #expect(output.contains("$ kubectl label pods a=b\nerror: resource(s) were provided, but no name was specified\n"))
        #expect(output.contains("error: --list and --output may not be specified together\n"))
        #expect(output.contains("error: cannot set --all and --selector at the same time\n"))
        #expect(output.contains("error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n"))
        #expect(output.contains("error: unable to match a printer suitable for the output format \"wide\""))
        #expect(output.contains("Error from server (NotFound): pods \"nope\" not found\n"))
        #expect(output.contains("error: --resource-version may only be used with a single resource\n"))
        #expect(output.contains("The Pod \"web\" is invalid: metadata.labels: Invalid value: \"Bad_\": name part must consist of"))
        #expect(output.contains("Error: unknown flag: --colour\nSee 'kubectl label --help' for usage.\n"))
        #expect(session.cluster.server.revision == before)
    }

    @Test func aStaleResourceVersionIsAConflict() {
        let session = session()
        let output = run(session, ["kubectl label pod web a=b --resource-version=1"])
        #expect(output.contains("Error from server (Conflict): Operation cannot be fulfilled on pods \"web\": the object has been modified"))
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.labels["a"] == nil)
    }

    @Test func annotateAddsOverwritesRemovesAndLists() {
        let session = session()
        let output = run(session, [
            "kubectl annotate pod web note=hello",
            "kubectl annotate pod web note=bye other=x",
            "kubectl annotate pod web note=a=b --overwrite",
            "kubectl annotate pod/web --list",
            "kubectl annotate pod web note-",
            "kubectl annotate deploy web a=b",
            "kubectl annotate pod web",
            "kubectl annotate pod web a=b a-",
            "kubectl annotate pod web =x",
        ])
        #expect(output.contains("$ kubectl annotate pod web note=hello\npod/web annotated\n"))
        #expect(output.contains("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n"))
        #expect(output.contains("$ kubectl annotate pod/web --list\nnote=a=b\n"))
        #expect(output.contains("$ kubectl annotate pod web note-\npod/web annotated\n"))
        #expect(output.contains("Error from server (NotFound): deployments.apps \"web\" not found\n"))
        #expect(output.contains("$ kubectl annotate pod web\nerror: at least one annotation update is required\n"))
        #expect(output.contains("error: can not both modify and remove the following annotation(s) in the same command: a\n"))
        #expect(output.contains("$ kubectl annotate pod web =x\nerror: at least one annotation update is required\n"))
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "web")?.metadata.annotations?["note"] == nil)
    }
}
