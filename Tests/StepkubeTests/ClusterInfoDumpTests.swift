@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// `kubectl cluster-info dump`: nodes, then each namespace's lists and container logs, in
/// kubectl's order, to standard output or to a directory of files.
@Suite("kubectl cluster-info dump")
struct ClusterInfoDumpTests {
    /// A session with a running Pod `web` in default.
    func session() -> (Session, String) {
        let (session, directory) = examSession()
        _ = session.feed("kubectl run web --image=nginx")
        return (session, directory)
    }

    @Test func listsComeInKubectlsOrderFollowedByTheLogs() {
        let (session, _) = session()
        let output = session.feed("kubectl cluster-info dump --namespaces default")
        let kinds = output.lines(containing: "List\",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(kinds == ["\"kind\": \"NodeList\",", "\"kind\": \"EventList\",", "\"kind\": \"ReplicationControllerList\",",
                          "\"kind\": \"ServiceList\",", "\"kind\": \"DaemonSetList\",", "\"kind\": \"DeploymentList\",",
                          "\"kind\": \"ReplicaSetList\",", "\"kind\": \"PodList\","])
        #expect(output.hasPrefix("{\n    \"kind\": \"NodeList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"resourceVersion\": "))
        #expect(output.contains("\"kind\": \"ReplicationControllerList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"resourceVersion\": \""))
        // Items come as the API server lists them, without kind and apiVersion.
        #expect(output.contains("\"kind\": \"PodList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"resourceVersion\": \"")
                && output.contains("\"items\": [\n        {\n            \"metadata\": {\n                \"name\": \"web\","))
        #expect(!output.contains("managedFields"))
        let start = "==== START logs for container web of pod default/web ====\n"
        let end = "==== END logs for container web of pod default/web ====\n"
        #expect(output.contains(start) && output.hasSuffix(end))
        if let startRange = output.range(of: start), let podList = output.range(of: "\"kind\": \"PodList\"") {
            #expect(podList.upperBound < startRange.lowerBound)
        }
    }

    @Test func withoutNamespacesItDumpsKubeSystemThenTheCurrentNamespace() {
        let (session, _) = session()
        let output = session.feed("kubectl cluster-info dump")
        #expect(output.lines(containing: "\"kind\": \"PodList\"").count == 2)
        let coredns = output.range(of: "==== START logs for container coredns of pod kube-system/")
        let web = output.range(of: "==== START logs for container web of pod default/web ====")
        #expect(coredns != nil && web != nil)
        if let coredns, let web { #expect(coredns.lowerBound < web.lowerBound) }
    }

    @Test func anOutputDirectoryGetsOneFilePerListAndPod() throws {
        let (session, directory) = session()
        #expect(session.feed("kubectl cluster-info dump --namespaces default --output-directory dump") == "Cluster info dumped to dump\n")
        let files = (FileManager.default.subpaths(atPath: directory + "/dump") ?? []).sorted()
        #expect(files == ["default", "default/daemonsets.json", "default/deployments.json", "default/events.json", "default/pods.json",
                          "default/replicasets.json", "default/replication-controllers.json", "default/services.json", "default/web",
                          "default/web/logs.txt", "nodes.json"])
        let logs = try String(contentsOfFile: directory + "/dump/default/web/logs.txt", encoding: .utf8)
        #expect(logs.hasPrefix("==== START logs for container web of pod default/web ====\n/docker-entrypoint.sh"))
        #expect(logs.hasSuffix("==== END logs for container web of pod default/web ====\n"))
        let nodes = try String(contentsOfFile: directory + "/dump/nodes.json", encoding: .utf8)
        #expect(nodes.hasPrefix("{\n    \"kind\": \"NodeList\",") && nodes.hasSuffix("}\n"))
    }

    @Test func yamlFilesAfterTheFirstBeginWithADocumentSeparator() throws {
        let (session, directory) = session()
        _ = session.feed("kubectl cluster-info dump -o yaml --namespaces default --output-directory dump")
        let nodes = try String(contentsOfFile: directory + "/dump/nodes.yaml", encoding: .utf8)
        let pods = try String(contentsOfFile: directory + "/dump/default/pods.yaml", encoding: .utf8)
        #expect(nodes.hasPrefix("apiVersion: v1\nitems:\n"))
        #expect(pods.hasPrefix("---\napiVersion: v1\nitems:\n"))
    }

    @Test func allNamespacesCoversEveryNamespace() {
        let (session, _) = session()
        let output = session.feed("kubectl cluster-info dump -A")
        #expect(output.lines(containing: "\"kind\": \"EventList\"").count == session.cluster.server.list(Namespace.type).count)
    }

    @Test func aNamespaceThatDoesNotExistDumpsEmptyListsAndChangesNothing() {
        let (session, _) = session()
        let before = storeSnapshot(session)
        let output = session.feed("kubectl cluster-info dump --namespaces nope")
        #expect(output.lines(containing: "\"items\": []").count == 7)
        #expect(!output.contains("==== START logs"))
        #expect(storeSnapshot(session) == before)
    }

    @Test(arguments: [
        ("kubectl cluster-info dump -o wide",
         "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"),
        ("kubectl cluster-info --namespaces default", "Error: unknown flag: --namespaces\nSee 'kubectl cluster-info --help' for usage.\n"),
        ("kubectl cluster-info dump --bogus", "Error: unknown flag: --bogus\nSee 'kubectl cluster-info dump --help' for usage.\n"),
    ])
    func badInputIsRefusedAndChangesNothing(_ command: String, _ message: String) {
        let (session, directory) = session()
        let before = storeSnapshot(session)
        #expect(session.feed(command) == message)
        #expect(storeSnapshot(session) == before)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: directory)) == [])
    }
}
