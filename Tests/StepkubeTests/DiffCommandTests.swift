@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// `kubectl diff`: the live objects against the API server's dry run of the apply, as `diff -u -N`
/// prints them, with kubectl's exit statuses; nothing is stored and no step is taken.
@Suite("kubectl diff")
struct DiffCommandTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
        """

    static let service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            tier: front
        spec:
          selector:
            app: web
          ports:
          - port: 80
        """

    /// A session working in a fresh directory holding web.yaml and svc.yaml.
    func session() throws -> (Session, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/more", withIntermediateDirectories: true)
        try DiffCommandTests.deployment.write(toFile: directory + "/web.yaml", atomically: true, encoding: .utf8)
        try DiffCommandTests.service.write(toFile: directory + "/more/svc.yaml", atomically: true, encoding: .utf8)
        let session = Session(workingDirectory: directory)
        _ = session.feed("cd \(directory)")
        return (session, directory)
    }

    @Test func noDifferenceIsStatusZeroAndAChangeIsAUnifiedDiffWithStatusOne() throws {
        let (session, _) = try session()
        _ = session.feed("kubectl apply -f web.yaml")
        #expect(session.feed("kubectl diff -f web.yaml; echo $?") == "0\n")
        _ = session.feed("sed -i 's/nginx:1.25/nginx:1.26/' web.yaml")
        let before = session.cluster.server.revision, steps = session.cluster.simulation.trace.count
        let output = session.feed("kubectl diff -f web.yaml; echo status $?")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("diff -u -N /tmp/LIVE-") == true)
        #expect(lines.first?.hasSuffix("/apps.v1.Deployment.default.web") == true)
        #expect(lines.count > 3 && lines[1].hasPrefix("--- /tmp/LIVE-") && lines[1].hasSuffix(".000000000 +0000"))
        #expect(lines.count > 3 && lines[2].hasPrefix("+++ /tmp/MERGED-"))
        #expect(output.contains("-  generation: 1\n+  generation: 2\n"))
        #expect(output.contains("-      - image: nginx:1.25\n+      - image: nginx:1.26\n"))
        #expect(output.hasSuffix("status 1\n"))
        // Nothing was written and no step was taken.
        #expect(session.cluster.server.revision == before)
        #expect(session.cluster.simulation.trace.count == steps)
        #expect(session.cluster.server.get(Deployment.self, namespace: "default", name: "web")?.spec.template?.spec?.containers.first?.image == "nginx:1.25")
    }

    /// A new object is diffed against an empty file; the dry run draws its uid and cluster IP from a
    /// copy of the random stream, so the real create that follows gets the same ones.
    @Test func aNewObjectIsAllAddedAndTheDryRunLeavesTheRandomStreamAlone() throws {
        let (session, _) = try session()
        let output = session.feed("cat more/svc.yaml | kubectl diff -f -")
        #expect(output.contains("/v1.Service.default.web\t1970-01-01 00:00:00.000000000 +0000\n"))
        #expect(output.contains("@@ -0,0 +1,"))
        #expect(output.contains("+  type: ClusterIP\n"))
        let address = output.split(separator: "\n").first { $0.hasPrefix("+  clusterIP: ") }?.dropFirst(14)
        #expect(session.cluster.server.get(Service.self, namespace: "default", name: "web") == nil)
        _ = session.feed("kubectl apply -f more/svc.yaml")
        let service = session.cluster.server.get(Service.self, namespace: "default", name: "web")
        #expect(service?.spec.clusterIP == address.map(String.init))
    }

    @Test func directoriesRecursionAndSelectorsPickTheObjects() throws {
        let (session, _) = try session()
        let flat = session.feed("kubectl diff -f .")
        #expect(flat.contains("apps.v1.Deployment.default.web"))
        #expect(!flat.contains("v1.Service.default.web"))
        let recursive = session.feed("kubectl diff -R -f .")
        let deploymentAt = recursive.range(of: "diff -u -N /tmp/LIVE-")
        #expect(recursive.contains("diff -u -N") && recursive.contains("/v1.Service.default.web"))
        // Files are diffed in name order: apps.v1... before v1....
        #expect(deploymentAt.map { recursive[$0.lowerBound...].hasPrefix("diff -u -N /tmp/LIVE-") } == true)
        let selected = session.feed("kubectl diff -R -f . -l tier=front")
        #expect(!selected.contains("Deployment") && selected.contains("/v1.Service.default.web"))
        #expect(session.feed("kubectl diff -R -f . -l tier=none; echo $?") == "0\n")
    }

    @Test func errorsExitWithStatusTwoAndChangeNothing() throws {
        let (session, directory) = try session()
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: -1\n  selector:\n    matchLabels:\n      app: x\n  template:\n    metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n      - name: c\n        image: nginx\n"
            .write(toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
        try "kind: [".write(toFile: directory + "/garbage.yaml", atomically: true, encoding: .utf8)
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl diff -f missing.yaml; echo $?",
            "kubectl diff; echo $?",
            "kubectl diff --bogus; echo $?",
            "kubectl diff -f web.yaml extra; echo $?",
            "kubectl diff -f web.yaml --force-conflicts; echo $?",
            "kubectl diff -f web.yaml -l 'a in (b'; echo $?",
            "kubectl diff -f bad.yaml; echo $?",
            "kubectl diff -f garbage.yaml; echo $?",
        ])
        #expect(output.contains("missing.yaml; echo $?\nerror: the path \"missing.yaml\" does not exist\n2\n"))
        #expect(output.contains("kubectl diff; echo $?\nerror: must specify one of -f and -k\n2\n"))
        #expect(output.contains("--bogus; echo $?\nerror: unknown flag: --bogus\nSee 'kubectl diff -h' for help and examples\n2\n"))
        #expect(output.contains("extra; echo $?\nerror: Unexpected args: [extra]\nSee 'kubectl diff -h' for help and examples\n2\n"))
        #expect(output.contains("--force-conflicts; echo $?\nerror: --force-conflicts only works with --server-side\n2\n"))
        #expect(output.contains("The Deployment \"broken\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n2\n"))
        #expect(output.contains("(b'; echo $?\nerror: the provided selector \"a in (b\" is not valid: unable to parse requirement: found '', expected: ',' or ')'\n2\n"))
        #expect(output.contains("garbage.yaml; echo $?\nerror: error parsing garbage.yaml: error converting YAML to JSON: yaml: line "))
        #expect(!output.contains("\n1\n") && !output.contains("\n0\n"))
        #expect(session.cluster.server.revision == before)
    }
}
