@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// `kubectl apply --prune`: objects made by apply, matching the selector, that the files no longer
/// hold are deleted; everything else is left alone.
@Suite("kubectl apply --prune")
struct ApplyPruneTests {
    static func deployment(_ name: String, labels: String = "app: shop") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
          labels:
            \(labels)
        spec:
          selector:
            matchLabels:
              run: \(name)
          template:
            metadata:
              labels:
                run: \(name)
            spec:
              containers:
              - name: c
                image: nginx
        """
    }

    /// A session in a fresh directory whose `shop/` holds Deployments a and b, both applied, and a
    /// Deployment `manual` made by create with the same label.
    func session() throws -> (Session, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prune-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/shop", withIntermediateDirectories: true)
        for name in ["a", "b"] {
            try ApplyPruneTests.deployment(name).write(toFile: "\(directory)/shop/\(name).yaml", atomically: true, encoding: .utf8)
        }
        let session = Session(workingDirectory: directory)
        _ = run(session, ["cd \(directory)", "kubectl apply -f shop", "kubectl create deployment manual --image=nginx",
                          "kubectl label deployment manual app=shop --overwrite"])
        return (session, directory)
    }

    func deployments(_ session: Session) -> [String] {
        session.cluster.server.list(Deployment.self, namespace: "default").map(\.name)
    }

    @Test func whatTheFilesNoLongerHoldIsPrunedAndOnlyThat() throws {
        let (session, directory) = try session()
        try FileManager.default.removeItem(atPath: directory + "/shop/b.yaml")
        let dryRun = session.feed("kubectl apply --prune -l app=shop -f shop --dry-run=server")
        #expect(dryRun == "deployment.apps/a unchanged (dry run)\ndeployment.apps/b pruned (server dry run)\n")
        #expect(deployments(session) == ["a", "b", "manual"])
        let output = session.feed("kubectl apply --prune -l app=shop -f shop")
        #expect(output == "deployment.apps/a unchanged\ndeployment.apps/b pruned\n")
        // `manual` has the label but was not made by apply; the ReplicaSets are not in the selector.
        #expect(deployments(session) == ["a", "manual"])
    }

    @Test func aSelectorThatDoesNotMatchPrunesNothingAndFiltersTheFiles() throws {
        let (session, directory) = try session()
        try ApplyPruneTests.deployment("c", labels: "app: other").write(toFile: directory + "/shop/c.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: directory + "/shop/b.yaml")
        let output = session.feed("kubectl apply --prune -l app=other -f shop")
        #expect(output == "deployment.apps/c created\n")
        #expect(deployments(session) == ["a", "b", "c", "manual"])
    }

    @Test func theAllowlistLimitsTheKindsPruned() throws {
        let (session, directory) = try session()
        try FileManager.default.removeItem(atPath: directory + "/shop/b.yaml")
        #expect(session.feed("kubectl apply --prune --all -f shop --prune-allowlist=core/v1/Service") == "deployment.apps/a unchanged\n")
        #expect(deployments(session) == ["a", "b", "manual"])
        #expect(session.feed("kubectl apply --prune --all -f shop --prune-allowlist=apps/v1/Deployment")
                == "deployment.apps/a unchanged\ndeployment.apps/b pruned\n")
    }

    @Test func badPruneFlagsGetKubectlsErrorsAndChangeNothing() throws {
        let (session, directory) = try session()
        try FileManager.default.removeItem(atPath: directory + "/shop/b.yaml")
        let before = session.cluster.server.revision
        let output = run(session, [
            "kubectl apply --prune -f shop",
            "kubectl apply --prune --all -l app=shop -f shop",
            "kubectl apply --prune --all -f shop --prune-allowlist=Deployment",
            "kubectl apply --prune --all -f shop --prune-allowlist=apps/v1/Widget",
            "kubectl apply --prune -l 'app in (shop' -f shop",
            "kubectl apply --prune -l app=shop -f nowhere",
        ])
        #expect(output.contains("-f shop\nerror: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n"))
        #expect(output.contains("error: cannot set --all and --selector at the same time\n"))
        #expect(output.contains("error: invalid GroupVersionKind format: Deployment, please follow <group/version/kind>\n"))
        #expect(output.contains("error: no matches for kind \"Widget\" in version \"apps/v1\"\n"))
        #expect(output.contains("error: the provided selector \"app in (shop\" is not valid: unable to parse requirement: found '', expected: ',' or ')'\n"))
        #expect(output.contains("error: the path \"nowhere\" does not exist\n"))
        #expect(session.cluster.server.revision == before)
        #expect(deployments(session) == ["a", "b", "manual"])
    }
}
