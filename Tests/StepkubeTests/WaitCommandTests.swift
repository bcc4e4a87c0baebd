@_spi(Observer) import APIServer
import Testing
import Cluster
import REPL

@Suite("kubectl wait")
struct WaitCommandTests {
    @Test func waitsInVirtualTimeForAPodToBeReady() {
        let session = Session(workingDirectory: repositoryRoot)
        let output = run(session, [
            "mode step",
            "kubectl run web --image=nginx",
            "continue",
            "mode auto",
            "kubectl wait --for=condition=Ready pod/web --timeout=60s",
            "kubectl wait --for=condition=ready=TRUE pod web",
            "kubectl wait --for=condition=Ready=false pod/web --timeout=5s",
            "kubectl wait --for=jsonpath='{.status.phase}'=Running pods web",
            "kubectl wait --for=jsonpath=.status.podIP pod/web",
        ])
        #expect(output.contains("--timeout=60s\npod/web condition met\n"))
        #expect(output.contains("ready=TRUE pod web\npod/web condition met\n"))
        #expect(output.contains("--timeout=5s\nerror: timed out waiting for the condition on pods/web\n"))
        #expect(output.contains("=Running pods web\npod/web condition met\n"))
        #expect(output.contains("pod/web\npod/web condition met\n"))
    }

    /// Auto mode runs the cluster to quiescence after every command, so what a wait can wait for is
    /// a timer: here a CronJob's next schedule, up to a minute of virtual time away.
    @Test func theWaitLetsVirtualTimePass() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *'")
        let start = session.cluster.simulation.now
        let output = session.feed("kubectl wait --for=jsonpath='{.status.lastScheduleTime}' cronjob/tick --timeout=2m")
        #expect(output == "cronjob.batch/tick condition met\n")
        #expect(session.cluster.server.get(CronJob.self, namespace: "default", name: "tick")?.status?.lastScheduleTime != nil)
        #expect(session.cluster.simulation.now > start)
        #expect(session.cluster.simulation.now - start <= 60_000)
    }

    @Test func aWaitThatCannotSucceedEndsAtItsTimeout() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx")
        let start = session.cluster.simulation.now
        #expect(session.feed("kubectl wait --for=condition=Complete pod/web") == "error: timed out waiting for the condition on pods/web\n")
        #expect(session.cluster.simulation.now - start == 30_000)
        #expect(session.feed("kubectl wait --for=delete pod/web --timeout=0") == "error: timed out waiting for the condition on pods/web\n")
    }

    @Test func waitForDeleteAndSelectors() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run a --image=nginx --labels=app=x")
        _ = session.feed("kubectl run b --image=nginx --labels=app=x")
        let output = run(session, [
            "kubectl wait --for=condition=Ready pods -l app=x",
            "mode step",
            "kubectl delete pod a",
            "mode auto",
            "kubectl wait --for=delete pod/a",
            "kubectl wait --for=condition=Ready pods -l app=none",
            "kubectl wait --for=condition=Ready pod/nope",
        ])
        #expect(output.contains("-l app=x\npod/a condition met\npod/b condition met\n"))
        #expect(output.contains("$ kubectl wait --for=delete pod/a\n$"))
        #expect(output.contains("-l app=none\nerror: no matching resources found\n"))
        #expect(output.contains("pod/nope\nError from server (NotFound): pods \"nope\" not found\n"))
        #expect(session.cluster.server.get(Pod.self, namespace: "default", name: "a") == nil)
    }

    @Test func badWaitsGetKubectlsErrors() {
        let session = Session(workingDirectory: repositoryRoot)
        _ = session.feed("kubectl run web --image=nginx")
        let before = session.cluster.server.revision
        let clock = session.cluster.simulation.now
        let output = run(session, [
            "kubectl wait pod/web",
            "kubectl wait pod/web --for=foo",
            "kubectl wait pod/web --for=condition",
            "kubectl wait pod/web --for=delete --timeout=abc",
            "kubectl wait pod/web --for=delete --timeout=5",
            "kubectl wait pod/web --for=delete --timeout=5d",
            "kubectl wait pod/web --for=jsonpath='{.status'",
            "kubectl wait pod/web --for=jsonpath='{.a}'=b=c",
            "kubectl wait pod/web --for=jsonpath='{.a}'=",
            "kubectl wait pod --for=delete",
        ])
        #expect(output.contains("$ kubectl wait pod/web\nerror: unrecognized condition: \"\"\n"))
        #expect(output.contains("error: unrecognized condition: \"foo\"\n"))
        #expect(output.contains("error: unrecognized condition: \"condition\"\n"))
        #expect(output.contains("Error: invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl wait --help' for usage.\n"))
        #expect(output.contains("Error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\n"))
        #expect(output.contains("time: unknown unit \"d\" in duration \"5d\"\n"))
        #expect(output.contains("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"))
        #expect(output.contains("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n"))
        #expect(output.contains("error: jsonpath wait has to have a value after equal sign\n"))
        #expect(output.contains("$ kubectl wait pod --for=delete\nerror: resource(s) were provided, but no name was specified\n"))
        #expect(session.cluster.server.revision == before)
        #expect(session.cluster.simulation.now == clock)
    }
}
