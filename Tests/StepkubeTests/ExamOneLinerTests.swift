@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

/// The issue's exam one-liners, typed exactly as written, in one session with a small workload.
@Suite("The exam one-liners, as written")
struct ExamOneLinerTests {
    /// A session in its own directory with Pods `web` (labelled) and `api`, Running.
    private func workload() -> Session {
        let directory = NSTemporaryDirectory() + "stepkube-oneliners-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let session = Session(workingDirectory: directory)
        _ = run(session, ["alias k=kubectl", "k run web --image=nginx", "k run api --image=nginx"])
        return session
    }

    @Test func jsonpathRangeOverEveryNamespace() {
        let session = workload()
        let output = session.feed(#"k get po -A -o jsonpath='{range .items[*]}{.metadata.namespace}{"\t"}{.metadata.name}{"\n"}{end}'"#)
        #expect(output.contains("default\tapi\ndefault\tweb\n"))
        #expect(output.contains("kube-system\tcoredns-"))
    }

    @Test func jsonpathFilterOnNodeAddresses() {
        let session = workload()
        let output = session.feed(#"k get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'"#)
        let addresses = output.split(separator: " ")
        #expect(addresses.count == session.cluster.server.list(Node.self).count)
        #expect(addresses.allSatisfy { $0.split(separator: ".").count == 4 })
    }

    @Test func customColumns() {
        let session = workload()
        let output = session.feed("k get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu")
        let lines = output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME") == true && lines.first?.hasSuffix("CPU") == true)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: " ").count == 2 })
    }

    @Test func sortByCreationTimestampAndLastTimestamp() {
        let session = workload()
        let pods = session.feed("k get pods --sort-by=.metadata.creationTimestamp -o name")
        #expect(pods == "pod/web\npod/api\n")
        let events = session.feed("k get events --sort-by=.lastTimestamp")
        #expect(events.hasPrefix("LAST SEEN   TYPE     REASON"))
        #expect(events.contains("Scheduled") && events.contains("Started"))
    }

    @Test func waitLabelAndDeleteThroughXargs() {
        let session = workload()
        #expect(session.feed("k wait --for=condition=Ready pod/web --timeout=60s") == "pod/web condition met\n")
        #expect(session.feed("k label po web tier=front --overwrite") == "pod/web labeled\n")
        #expect(session.feed("k get po -l tier=front -o name") == "pod/web\n")
        #expect(session.feed("k get pods -o name | xargs kubectl delete") == "pod \"api\" deleted\npod \"web\" deleted\n")
        #expect(session.cluster.server.list(Pod.self, namespace: "default").isEmpty)
    }

    @Test func dryRunVariableGeneratesYAMLAndCreatesNothing() {
        let session = workload()
        let before = session.cluster.server.revision
        let output = run(session, [#"export do="--dry-run=client -o yaml""#, "k create deploy d --image=nginx $do"])
        #expect(output.contains("kind: Deployment\n") && output.contains("  name: d\n"))
        #expect(session.cluster.server.revision == before)
    }

    @Test func globalFlagsMayComeBeforeTheVerb() {
        let session = workload()
        #expect(session.feed("k -n kube-system get deploy -o name") == "deployment.apps/coredns\n")
        #expect(session.feed("kubectl --namespace=kube-system get deploy -o name") == "deployment.apps/coredns\n")
        #expect(session.feed("kubectl -n kube-system").hasPrefix("kubectl controls the Kubernetes cluster manager."))
    }
}

