@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

@Suite("kubectl patch")
struct PatchCommandTests {
    func session() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=2")
        _ = session.feed("kubectl run pod1 --image=nginx --labels=app=pod1")
        return session
    }

    func deployment(_ session: Session) -> Deployment? {
        session.cluster.server.get(Deployment.self, namespace: "default", name: "web")
    }

    @Test func strategicIsTheDefaultAndANoOpSaysSo() {
        let session = session()
        let output = run(session, [
            #"kubectl patch deploy web -p '{"spec":{"replicas":3}}'"#,
            #"kubectl patch deploy web -p '{"spec":{"replicas":3}}'"#,
            #"kubectl patch deployment/web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}'"#,
        ])
        #expect(output.lines(containing: "deployment.apps/web patched") == [
            "deployment.apps/web patched", "deployment.apps/web patched (no change)", "deployment.apps/web patched",
        ])
        #expect(deployment(session)?.spec.replicas == 3)
        #expect(deployment(session)?.spec.template?.spec?.containers.map(\.image) == ["nginx:1.25"])
    }

    @Test func mergeAndJSONPatchesAndYAML() {
        let session = session()
        let output = run(session, [
            "kubectl patch deploy web --type merge -p 'spec: {replicas: 1}'",
            #"kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.26"},{"op":"add","path":"/metadata/labels/tier","value":"front"}]'"#,
        ])
        #expect(output.lines(containing: "patched").count == 2)
        #expect(deployment(session)?.spec.replicas == 1)
        #expect(deployment(session)?.spec.template?.spec?.containers.first?.image == "nginx:1.26")
        #expect(deployment(session)?.labels["tier"] == "front")
    }

    @Test func aPatchFileIsReadFromTheWorkingDirectory() throws {
        let directory = NSTemporaryDirectory() + "patch-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "spec:\n  replicas: 4\n".write(toFile: directory + "/replicas.yaml", atomically: true, encoding: .utf8)
        let session = Session(workingDirectory: directory)
        _ = session.feed("kubectl create deployment web --image=nginx")
        #expect(session.feed("kubectl patch deploy web --patch-file replicas.yaml") == "deployment.apps/web patched\n")
        #expect(session.cluster.server.get(Deployment.self, namespace: "default", name: "web")?.spec.replicas == 4)
    }

    @Test func dryRunsChangeNothing() {
        let session = session()
        let before = session.cluster.server.revision
        let output = run(session, [
            #"kubectl patch pod pod1 -p '{"metadata":{"labels":{"a":"b"}}}' --dry-run=client"#,
            #"kubectl patch pod pod1 -p '{"metadata":{"labels":{"app":"pod1"}}}' --dry-run=client"#,
            #"kubectl patch pod pod1 -p '{"metadata":{"labels":{"a":"b"}}}' --dry-run=server -o name"#,
            #"kubectl patch pod pod1 --type json -p '[{"op":"add","path":"/metadata/labels/a","value":"b"}]' --dry-run=client -o yaml | grep '    a:'"#,
        ])
        #expect(output.contains("pod/pod1 patched (dry run)\n"))
        #expect(output.contains("pod/pod1 patched (no change) (dry run)\n"))
        #expect(output.contains("--dry-run=server -o name\npod/pod1\n"))
        #expect(output.contains("    a: b\n"))
        #expect(session.cluster.server.revision == before)
    }

    @Test func badPatchesGetKubectlsOrTheServersErrorAndChangeNothing() {
        let session = session()
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl patch",
            "kubectl patch pod pod1",
            "kubectl patch -p '{}'",
            "kubectl patch pod -p '{}'",
            "kubectl patch pod pod1 -p '{}' --patch-file x.yaml",
            "kubectl patch pod pod1 -p '{}' --type foo",
            "kubectl patch pod pod1 --patch-file nowhere.yaml",
            "kubectl patch pod pod1 -p 'x: y: z'",
            "kubectl patch pod nope -p '{}'",
            #"kubectl patch pod pod1 --type json -p '[{"op":"replace","path":"/spec/nothing","value":1}]'"#,
            #"kubectl patch pod pod1 --type json -p '[{"op":"test","path":"/metadata/name","value":"other"}]'"#,
            #"kubectl patch pod pod1 --type json -p '{"op":"add"}'"#,
            #"kubectl patch pod pod1 -p '[1]'"#,
            #"kubectl patch pod pod1 -p '{"spec":{"containers":[{"image":"x"}]}}'"#,
            #"kubectl patch pod pod1 --type json -p '[{"op":"remove","path":"/metadata/labels/zz"}]' --dry-run=client"#,
        ])
        #expect(output.contains("$ kubectl patch\nerror: must specify --patch or --patch-file containing the contents of the patch\n"))
        #expect(output.contains("$ kubectl patch pod pod1\nerror: must specify --patch or --patch-file"))
        #expect(output.contains("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n"))
        #expect(output.contains("$ kubectl patch pod -p '{}'\nerror: resource(s) were provided, but no name was specified\n"))
        #expect(output.contains("error: cannot specify --patch and --patch-file together\n"))
        #expect(output.contains("error: --type must be one of [json merge strategic], not \"foo\"\n"))
        #expect(output.contains("error: unable to read patch file: open nowhere.yaml: no such file or directory\n"))
        #expect(output.contains("error: unable to parse \"x: y: z\": yaml: "))
        #expect(output.contains("Error from server (NotFound): pods \"nope\" not found\n"))
        #expect(output.components(separatedBy: "The request is invalid: the server rejected our request due to an error in our request\n").count == 3)
        #expect(output.contains("Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n"))
        #expect(output.contains("Error from server (BadRequest): json: cannot unmarshal array into Go value of type map[string]interface {}\n"))
        #expect(output.contains("Error from server (BadRequest): map: map[image:x] does not contain declared merge key: name\n"))
        #expect(output.contains("error: remove operation does not apply: doc is missing path: \"/metadata/labels/zz\"\n"))
        #expect(session.cluster.server.revision == before)
    }

    @Test func aJSONPatchIsOneRequestInTheTrace() {
        let session = session()
        let before = session.cluster.simulation.trace.nextNumber - 1
        _ = session.feed(#"kubectl patch pod pod1 --type json -p '[{"op":"add","path":"/metadata/labels/x","value":"y"}]'"#)
        let requests = session.cluster.simulation.trace.records(after: before).filter { $0.component == "kube-apiserver" }
        #expect(requests.map(\.summary).filter { $0.contains("PATCH /api/v1/namespaces/default/pods/pod1") }.count == 1)
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "pod1")?.labels["x"] == "y")
    }
}
