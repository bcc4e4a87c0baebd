@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

@Suite("kubectl get -w and kubectl events -w")
struct WatchTests {
    /// web running with 3 replicas, and a scale to 5 sent but not yet answered: in auto mode every
    /// command runs the cluster to quiescence, so the watch needs work queued before it starts.
    static func scalingSession() -> Session {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=3")
        session.kubectl.run(["scale", "deployment", "web", "--replicas=5"])
        return session
    }

    static func podNames(_ session: Session) -> Set<String> {
        Set(session.cluster.server.list(Pod.self, namespace: "default").map(\.name))
    }

    /// The STATUS column of each row about `pod`, in the order printed.
    static func statuses(of pod: String, in output: String) -> [String] {
        output.split(separator: "\n").filter { $0.hasPrefix(pod + " ") }.compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) }
    }

    @Test func aScaleUpShowsEachNewPodFromPendingToRunningAfterTheList() {
        let session = WatchTests.scalingSession()
        let before = WatchTests.podNames(session)
        let output = session.feed("kubectl get pods -w")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME                   READY   STATUS    RESTARTS   AGE") == true)
        #expect(lines.filter { $0.hasPrefix("NAME") }.count == 1)
        #expect(Array(lines.dropFirst().prefix(3)).allSatisfy { $0.contains("Running") && before.contains(String($0.prefix { $0 != " " })) })
        #expect(output.contains("deployment.apps/web scaled\n"))
        let added = WatchTests.podNames(session).subtracting(before)
        #expect(added.count == 2)
        for pod in added {
            let statuses = WatchTests.statuses(of: pod, in: output)
            #expect(statuses.first == "Pending")
            #expect(statuses.last == "Running")
            #expect(statuses.firstIndex(of: "ContainerCreating").map { $0 > 0 && $0 < statuses.count - 1 } == true)
        }
        // The writer remembers ContainerCreating's width: a later Running row is not realigned back.
        #expect(output.contains("0/1     ContainerCreating   0          0s\n"))
        #expect(output.contains("1/1     Running             0          0s\n"))
        #expect(!session.cluster.simulation.hasForegroundWork)
    }

    @Test func aWatchOnASettledClusterPrintsTheListAndReturns() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=2")
        let steps = session.cluster.simulation.trace.count
        let output = session.feed("kubectl get deploy -w")
        #expect(output == "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           3s\n")
        #expect(session.cluster.simulation.trace.count == steps)
        #expect(session.feed("kubectl get pods -l app=none -w").isEmpty)
    }

    @Test func watchOnlySkipsTheListAndPrintsTheHeaderWithTheFirstEvent() {
        let session = WatchTests.scalingSession()
        let before = WatchTests.podNames(session)
        let output = session.feed("kubectl get pods --watch-only")
        let rows = output.split(separator: "\n").filter { $0.hasPrefix("web-") }
        #expect(output.hasPrefix("deployment.apps/web scaled\nNAME                   READY   STATUS    RESTARTS   AGE\nweb-"))
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { !before.contains(String($0.prefix { $0 != " " })) })
    }

    @Test func outputWatchEventsAddsAnEventColumn() {
        let session = WatchTests.scalingSession()
        let before = WatchTests.podNames(session)
        let output = session.feed("kubectl get pods -w --output-watch-events")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("EVENT   NAME                   READY   STATUS") == true)
        #expect(lines.dropFirst().prefix(3).allSatisfy { $0.hasPrefix("ADDED   web-") })
        for pod in WatchTests.podNames(session).subtracting(before) {
            let events = lines.filter { $0.contains(" \(pod) ") }.map { String($0.prefix { $0 != " " }) }
            #expect(events.first == "ADDED")
            #expect(events.count > 1)
            #expect(events.dropFirst().allSatisfy { $0 == "MODIFIED" })
        }
    }

    @Test func outputWatchEventsAsJSONWrapsEachObjectInOneLine() throws {
        let session = WatchTests.scalingSession()
        let output = session.feed("kubectl get pods -w -o json --output-watch-events 2>/dev/null | grep -v scaled")
        let lines = output.split(separator: "\n")
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"type":""#) && $0.contains(#"","object":{"apiVersion":"v1","kind":"Pod","metadata":{"#) })
        var types: [String] = []
        for line in lines {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            types.append(try #require(event["type"] as? String))
            #expect((event["object"] as? [String: Any])?["kind"] as? String == "Pod")
        }
        #expect(types.prefix(3) == ["ADDED", "ADDED", "ADDED"])
        #expect(types.contains("MODIFIED"))
    }

    @Test func otherFormatsPrintOneObjectAtATime() {
        let session = WatchTests.scalingSession()
        let names = session.feed("kubectl get pods -w -o name | grep -v scaled").split(separator: "\n")
        #expect(names.count > 5)
        #expect(names.allSatisfy { $0.hasPrefix("pod/web-") })
        let yaml = session.feed("kubectl get deploy web -w -o yaml --output-watch-events")
        #expect(yaml.hasPrefix("object:\n  apiVersion: apps/v1\n  kind: Deployment\n"))
        #expect(yaml.hasSuffix("type: ADDED\n"))
        let columns = session.feed("kubectl get deploy -w -o custom-columns=NAME:.metadata.name,WANTED:.spec.replicas")
        #expect(columns == "NAME   WANTED\nweb    5\n")
    }

    @Test func aNamedObjectIsWatchedAlone() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run a --image=nginx")
        _ = session.feed("kubectl run b --image=nginx")
        session.kubectl.run(["label", "pod", "a", "tier=x"])
        session.kubectl.run(["label", "pod", "b", "tier=x"])
        let output = session.feed("kubectl get pod a -w --output-watch-events -L tier")
        #expect(output.contains("EVENT   NAME   READY   STATUS    RESTARTS   AGE   TIER\nADDED   a      1/1     Running   0          5s    \n"))
        #expect(output.contains("MODIFIED   a      1/1     Running   0          5s    x\n"))
        #expect(!output.contains(" b "))
    }

    @Test func aSelectorWatchReportsObjectsComingAndGoing() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run a --image=nginx --labels=tier=x")
        _ = session.feed("kubectl run b --image=nginx")
        session.kubectl.run(["label", "pod", "a", "tier-"])
        session.kubectl.run(["label", "pod", "b", "tier=x"])
        let output = session.feed("kubectl get pods -l tier=x -w --output-watch-events -o name 2>/dev/null | grep -v labeled")
        #expect(output == "pod/a\npod/a\npod/b\n")
        let table = WatchTests.scalingSession().feed("kubectl get pods -A --watch-only --output-watch-events | grep EVENT")
        #expect(table.hasPrefix("EVENT   NAMESPACE   NAME"))
    }

    @Test func ctrlCStopsTheWatchAtAStepBoundaryAndUnregistersIt() {
        let session = WatchTests.scalingSession()
        let simulation = session.cluster.simulation
        let start = simulation.trace.count
        session.interruption = {
            simulation.trace.records(after: start).contains { $0.component == "kubectl" && $0.summary.hasSuffix("prints it") }
        }
        let output = session.feed("kubectl get pods -w")
        #expect(output.split(separator: "\n").count == 1 + 3 + 1 + 1)
        #expect(simulation.hasForegroundWork)
        session.interruption = { false }
        let stopped = simulation.trace.count
        _ = session.feed("continue")
        let later = simulation.trace.records(after: stopped)
        #expect(!later.contains { $0.component == "kubectl" && $0.summary.hasSuffix("prints it") })
        let deployment = session.cluster.server.get(Deployment.self, namespace: "default", name: "web")
        #expect(deployment?.status?.readyReplicas == 5)
        // The watch is gone from the API server: later changes are delivered to no kubectl.
        let quiet = simulation.trace.count
        _ = session.feed("kubectl scale deployment web --replicas=2")
        #expect(!simulation.trace.records(after: quiet).contains { $0.component == "kubectl" && $0.kind == .watch })
    }

    @Test func inStepModeEachStepsLineComesBeforeItsRows() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=3")
        let output = run(session, ["mode step", "kubectl scale deployment web --replicas=5", "kubectl get pods -w"])
        let lines = output.split(separator: "\n").map(String.init)
        let request = lines.firstIndex { $0.contains("kube-apiserver") && $0.contains("PATCH /apis/apps/v1/namespaces/default/deployments/web/scale") }
        #expect(request.map { lines[$0 + 1] } == "deployment.apps/web scaled")
        let deliveries = lines.indices.filter { lines[$0].contains("kubectl get pods -w prints it") }
        #expect(deliveries.count > 5)
        for index in deliveries {
            let line = lines[index]
            #expect(line.contains("kubectl                 watch     "))
            let pod = line.split(separator: "/").dropFirst(2).first?.split(separator: " ").first.map(String.init) ?? "?"
            #expect(lines.indices.contains(index + 1) && lines[index + 1].hasPrefix(pod + " "))
        }
        #expect(!session.cluster.simulation.hasForegroundWork)
    }

    @Test func theOutputReachesTheTerminalAsItHappens() {
        let session = WatchTests.scalingSession()
        let simulation = session.cluster.simulation
        // Each piece with the number of steps run when it was written.
        var pieces: [(steps: Int, text: String)] = []
        session.liveOutput = { pieces.append((simulation.trace.count, $0)) }
        #expect(session.feed("kubectl get pods -w").isEmpty)
        #expect(pieces.first?.text.hasPrefix("NAME ") == true)
        #expect(Set(pieces.map(\.steps)).count > 5)
        #expect(pieces.map(\.text).joined().contains("Running             0          0s\n"))
    }

    @Test func aRequestTimeoutFollowsVirtualTimeForThatLong() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *'")
        let start = session.cluster.simulation.now
        let output = session.feed("kubectl get jobs -w --request-timeout=90s")
        #expect(session.cluster.simulation.now - start == 90_000)
        #expect(output.hasPrefix("NAME            STATUS    COMPLETIONS   DURATION   AGE\ntick-"))
        #expect(output.contains("Complete   1/1"))
    }

    @Test func eventsWatchPrintsTheEventsThenEachNewOne() {
        let session = WatchTests.scalingSession()
        let output = session.feed("kubectl events -w")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("LAST SEEN   TYPE     REASON") == true)
        #expect(lines.filter { $0.hasPrefix("LAST SEEN") }.count == 1)
        let initial = lines.firstIndex { $0.contains("from 0 to 3") }
        let scaled = lines.firstIndex { $0.contains("Scaled up replica set web-") && $0.contains("from 3 to 5") }
        #expect((initial ?? .max) < (scaled ?? -1))
        #expect(session.feed("kubectl events -w --types=Warning").isEmpty)
        let forDeployment = session.feed("kubectl events -w --for deployment/web --no-headers").split(separator: "\n")
        #expect(forDeployment.count == 2)
        #expect(forDeployment.allSatisfy { $0.contains("Deployment/web") })
    }

    @Test(arguments: [
        ("kubectl get pods,svc -w", "error: you may only specify a single resource type\n"),
        ("kubectl get all -w", "error: you may only specify a single resource type\n"),
        ("kubectl get pod/web svc/web -w", "error: you may only specify a single resource type\n"),
        ("kubectl get foo -w", "error: the server doesn't have a resource type \"foo\"\n"),
        ("kubectl get pod nope -w", "Error from server (NotFound): pods \"nope\" not found\n"),
        ("kubectl get pods --output-watch-events", "error: --output-watch-events option can only be used with --watch or --watch-only\n"),
        ("kubectl get pods -w --request-timeout=5x", "error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n"),
        ("kubectl events -w --types=Critical", "error: valid --types are Normal or Warning\n"),
    ])
    func badInputChangesNothing(_ command: String, _ message: String) {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create deployment web --image=nginx")
        let steps = session.cluster.simulation.trace.count
        let revision = session.cluster.server.revision
        #expect(session.feed(command + " 2>&1 >/dev/null") == message)
        #expect(session.feed("echo $?") == "1\n")
        #expect(session.cluster.simulation.trace.count == steps)
        #expect(session.cluster.server.revision == revision)
        #expect(!session.cluster.simulation.trace.records.contains { $0.component == "kubectl" && $0.kind == .watch })
    }
}
