@_spi(Observer) import APIServer
import Foundation
import KubeModel
import Kubectl
import REPL
import Testing

/// `kubectl edit` with a scripted editor (`KUBE_EDITOR="sed -i ..."`), and `kubectl replace`.
@Suite("kubectl edit and replace")
struct EditTests {
    /// A session whose kubectl writes its edit files into a directory of its own.
    func session() throws -> (Session, String) {
        let session = Session(workingDirectory: repositoryRoot)
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("stepkube-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        session.kubectl.scratchDirectory = directory
        return (session, directory)
    }

    @Test func anEditIsPatchedAndRollsTheDeploymentOut() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = run(session, ["kubectl create deployment web --image=nginx:1.25 --replicas=2",
                                   "KUBE_EDITOR=\"sed -i 's/nginx:1.25/nginx:1.26/'\" kubectl edit deployment web",
                                   "KUBE_EDITOR=true kubectl edit deploy/web", "kubectl edit deploy web"])
        #expect(output.contains("deployment.apps/web edited\n"))
        #expect(output.contains("$ KUBE_EDITOR=true kubectl edit deploy/web\nEdit cancelled, no changes made.\n"))
        #expect(output.contains("error: there is no editor to run: set KUBE_EDITOR or EDITOR"), "a script has no vi to fall back on")
        let pods = session.cluster.server.list(Pod.self, namespace: "default")
        #expect(pods.count == 2 && pods.allSatisfy { $0.spec.containers.first?.image == "nginx:1.26" && $0.isReady })
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "kubectl removes the file of an edit that was saved")
    }

    @Test func severalObjectsAreEditedAsOneList() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = run(session, ["kubectl create deployment a --image=nginx:1.25", "kubectl create deployment b --image=nginx:1.25",
                                   "KUBE_EDITOR=\"sed -i 's/nginx:1.25/nginx:1.26/'\" kubectl edit deployments"])
        #expect(output.contains("deployment.apps/a edited\ndeployment.apps/b edited\n"))
        let images = session.cluster.server.list(Deployment.self, namespace: "default").compactMap { $0.spec.template?.spec?.containers.first?.image }
        #expect(images == ["nginx:1.26", "nginx:1.26"])
    }

    @Test func aRejectedEditReopensWithTheReasonsAndKeepsACopy() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = run(session, ["kubectl create deployment web --image=nginx --replicas=2",
                                   "export KUBE_EDITOR=\"sed -i 's/replicas: 2/replicas: -1/'\"", "kubectl edit deployment web"])
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first)
        let path = (directory as NSString).appendingPathComponent(file)
        #expect(output.contains("""
            error: deployments.apps "web" is invalid
            A copy of your changes has been stored to "\(path)"
            error: Edit cancelled, no valid changes were saved.
            """))
        let kept = try String(contentsOfFile: path, encoding: .utf8)
        #expect(kept.contains("#\n# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"))
        #expect(kept.contains("  replicas: -1\n"))
        #expect(session.cluster.server.get(Deployment.self, namespace: "default", name: "web")?.spec.replicas == 2)
    }

    /// A YAML error's message runs over several lines; each stays a comment, so an editor that
    /// saves the file unchanged ends the edit instead of meeting the excerpt as YAML again.
    @Test func aFileThatIsNotYAMLReopensWithEveryLineOfTheErrorCommented() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = run(session, ["kubectl create deployment web --image=nginx",
                                   "KUBE_EDITOR=\"sed -i 's/^  replicas: 1/      bad: [{}]/'\" kubectl edit deployment web"])
        #expect(output.contains("error: Edit cancelled, no valid changes were saved."))
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first)
        let kept = try String(contentsOfFile: (directory as NSString).appendingPathComponent(file), encoding: .utf8)
        let header = kept.split(separator: "\n").prefix { !$0.hasPrefix("apiVersion:") }
        #expect(header.count > 6 && header.allSatisfy { $0.hasPrefix("#") }, "the reasons are comments only")
        #expect(kept.contains("The edited file failed validation"))
    }

    @Test func aPodsFixedFieldsChangeThroughReplaceForce() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var output = run(session, ["kubectl run nginx --image=nginx",
                                   "KUBE_EDITOR=\"sed -i 's/imagePullPolicy: Always/imagePullPolicy: IfNotPresent/'\" kubectl edit pod nginx"])
        #expect(output.contains("error: pods \"nginx\" is invalid\n"))
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first)
        let path = (directory as NSString).appendingPathComponent(file)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("# * spec: Forbidden: pod updates may not change fields other than"))
        let before = try #require(session.cluster.server.get(Pod.self, namespace: "default", name: "nginx"))
        output = run(session, ["kubectl replace --force -f \(path)", "kubectl replace -f manifests/pod-definition.yml"])
        #expect(output.contains("pod \"nginx\" deleted\npod/nginx replaced\n"))
        #expect(output.contains("Error from server (NotFound): pods \"myapp-pod\" not found"))
        let after = try #require(session.cluster.server.get(Pod.self, namespace: "default", name: "nginx"))
        #expect(after.metadata.uid != before.metadata.uid && after.spec.containers.first?.imagePullPolicy == "IfNotPresent")
        #expect(after.isReady)
    }

    /// A Service's ports merge by `port`, a container's by `containerPort` (both lists are `ports`).
    @Test func editingAServicesNodePortKeepsItsPort() {
        let text = transcript(["kubectl create deployment web --image=nginx", "kubectl expose deploy web --port=80 --type=NodePort",
                               "KUBE_EDITOR=\"sed -i 's/nodePort:.*/nodePort: 30080/'\" kubectl edit svc web",
                               "kubectl get svc web -o jsonpath='{.spec.ports[*].port} {.spec.ports[*].nodePort}'"])
        #expect(text.contains("service/web edited"))
        #expect(text.hasSuffix("\n80 30080\n"))
    }

    /// An editor that saves a new YAML mistake every time, as a confused student might.
    final class EverNewMistake: Editor {
        var rounds = 0
        func edit(_ path: String) throws(EditorFailure) {
            rounds += 1
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw EditorFailure("unreadable") }
            let kept = text.split(separator: "\n").filter { !$0.hasPrefix(": [") }.joined(separator: "\n")
            try? (kept + "\n: [\(rounds)\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    @Test func roundsOfNewMistakesAreALoopThatCtrlCEnds() throws {
        let (session, directory) = try session()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = session.feed("kubectl create deployment web --image=nginx")
        let editor = EverNewMistake()
        session.kubectl.editor = editor
        session.interruption = { editor.rounds >= 1_500 }
        let before = session.cluster.server.revision
        session.kubectl.run(["edit", "deployment", "web"])
        #expect(editor.rounds == 1_500, "far past the depth that overflowed the stack when each round recursed")
        #expect(session.cluster.server.revision == before)
        #expect(session.console.drain().components(separatedBy: "error: deployments.apps \"web\" is invalid").count == 1_501)
    }
}

