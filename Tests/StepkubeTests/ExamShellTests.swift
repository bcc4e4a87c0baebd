@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

@Suite("The exam terminal: bash around kubectl")
struct ExamShellTests {
    @Test func theGenerateEditApplyLoopWorksAsWritten() throws {
        let (session, directory) = examSession()
        let output = run(session, [
            #"export do="--dry-run=client -o yaml""#,
            "alias k=kubectl",
            "k run x --image=nginx $do > x.yaml && sed -i 's/x/y/' x.yaml && k apply -f x.yaml",
            "k get pods --no-headers | wc -l",
        ])
        #expect(output.contains("pod/y created"))
        #expect(output.hasSuffix("1\n"))
        let file = try String(contentsOfFile: directory + "/x.yaml", encoding: .utf8)
        #expect(file.contains("name: y") && file.contains("kind: Pod"))
        // Without the redirect nothing went to kubectl as container arguments.
        #expect(session.cluster.server.list(Pod.self, namespace: "default").first?.spec.containers.first?.args == nil)
    }

    @Test func kubectlsErrorsReachTheTerminalAndItsStatusStopsAnAndList() {
        let (session, _) = examSession()
        let output = run(session, [
            "kubectl get pod nope && echo yes",
            "echo status=$?",
            "kubectl get pod nope | wc -l",
            "kubectl get pod nope 2>/dev/null | wc -l",
        ])
        #expect(output.contains("Error from server (NotFound): pods \"nope\" not found\n$ echo status=$?\nstatus=1\n"))
        #expect(!output.contains("\nyes\n"))
        // The pipe takes standard output only: the error still shows, and wc counts nothing.
        #expect(output.contains("$ kubectl get pod nope | wc -l\nError from server (NotFound): pods \"nope\" not found\n0\n"))
        #expect(output.hasSuffix("$ kubectl get pod nope 2>/dev/null | wc -l\n0\n"))
    }

    @Test func xargsCallsBackIntoKubectl() {
        let (session, _) = examSession()
        let output = run(session, ["kubectl run a --image=nginx", "kubectl run b --image=nginx", "kubectl get pods -o name | xargs kubectl delete"])
        #expect(output.contains("pod \"a\" deleted\npod \"b\" deleted\n"))
        #expect(session.cluster.server.list(Pod.self, namespace: "default").isEmpty)
    }

    @Test func anUnknownCommandIsBashsAndChangesNothing() {
        let (session, _) = examSession()
        let before = session.cluster.server.revision
        let output = run(session, ["foo --bar", "| grep x", "echo 'never closed", "kubectl delete pods --all"])
        #expect(output.contains("bash: foo: command not found"))
        #expect(output.contains("bash: syntax error near unexpected token `|'"))
        // The quote is still open: the next line is part of the string, and the input ends there.
        #expect(session.finishInput() == "bash: syntax error: unexpected end of file\n")
        #expect(session.cluster.server.revision == before)
    }

    @Test func stepUntilANameNoComponentHasRunsNothing() {
        let (session, _) = examSession()
        _ = session.feed("mode step")
        _ = session.feed("kubectl run web --image=nginx")
        let steps = session.cluster.simulation.trace.count
        let output = session.feed("step until schedulr")
        #expect(output.hasPrefix("step until: no component is named \"schedulr\". The components are:\n"))
        #expect(output.contains("  kube-scheduler\n") && output.contains("  replicaset-controller\n"))
        #expect(session.cluster.simulation.trace.count == steps)
        #expect(session.feed("step until scheduler").contains("kube-scheduler"))
    }

    @Test func ctrlCStopsALongAdvanceAtAStepBoundaryAndTheClusterCarriesOn() {
        let (session, _) = examSession()
        _ = session.feed("kubectl create deployment web --image=nginx --replicas=2")
        pressCtrlC(afterProbes: 200, in: session)
        let start = session.cluster.simulation.now
        let output = session.feed("clock advance 1h; echo not reached")
        #expect(output.hasPrefix("interrupted the advance of 1h: "))
        #expect(!output.contains("not reached"))
        #expect(session.cluster.simulation.now - start < 3_600_000)
        session.interruption = { false }
        let after = session.feed("kubectl get deploy web")
        #expect(after.contains("web    2/2     2            2"))
    }

    @Test func afterCtrlCReadsAnswerAtOnceAndTheNextChangeResumes() {
        let (session, _) = examSession()
        pressCtrlC(afterProbes: 3_000, in: session)
        let created = session.feed("kubectl create deployment big --image=nginx --replicas=100000")
        #expect(created.contains("deployment.apps/big created"))
        #expect(created.contains("(interrupted: the cluster is paused between two steps; 'continue' runs it on)"))
        session.interruption = { false }
        let steps = session.cluster.simulation.trace.count
        #expect(session.feed("kubectl get deploy big").contains("big    0/100000"))
        #expect(session.cluster.simulation.trace.count == steps, "a read does not run the paused cluster")
        _ = session.feed("kubectl scale deploy big --replicas=2")
        #expect(session.feed("kubectl get deploy big").contains("big    2/2"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed here"))
    func jqIsTheHostsWhenInstalled() {
        let (session, _) = examSession()
        let output = run(session, ["kubectl run a --image=nginx", "kubectl get pods -o json | jq -r '.items[].metadata.name'", "jq . missing.json; echo $?"])
        #expect(output.contains("| jq -r '.items[].metadata.name'\na\n"))
        #expect(output.contains("jq: error: Could not open file missing.json: No such file or directory\n2\n"))
    }

    @Test func sleepLetsVirtualTimePass() {
        let (session, _) = examSession()
        let start = session.cluster.simulation.now
        #expect(session.feed("sleep 90; date +%s") == "\(session.cluster.simulation.nowSeconds)\n")
        #expect(session.cluster.simulation.now - start >= 90_000)
    }

    @Test func viRunsTheEditorOnTheRealFile() throws {
        let (session, directory) = examSession()
        let output = run(session, [
            "kubectl create deployment web --image=nginx:1.7.9 --dry-run=client -o yaml > web.yaml",
            #"EDITOR="sed -i s/1.7.9/1.9.1/" vi web.yaml"#,
            "kubectl apply -f web.yaml",
            "vi web.yaml",
        ])
        #expect(try String(contentsOfFile: directory + "/web.yaml", encoding: .utf8).contains("nginx:1.9.1"))
        #expect(output.contains("deployment.apps/web created"))
        #expect(output.contains("vi: no terminal to edit web.yaml on"))
    }
}

@Suite("Tab completion")
struct CompletionTests {
    @Test func completesCommandsVerbsTypesNamesFlagsAndFiles() throws {
        let (session, directory) = examSession()
        _ = session.feed("kubectl run web --image=nginx")
        _ = session.feed("alias k=kubectl")
        try "".write(toFile: directory + "/web.yaml", atomically: true, encoding: .utf8)
        #expect(session.completions(for: "gr") == ["grep"])
        #expect(session.completions(for: "kubectl ro") == ["rollout"])
        #expect(session.completions(for: "k get deploym") == ["deployment", "deployments"])
        #expect(session.completions(for: "k get pod w") == ["web"])
        #expect(session.completions(for: "kubectl describe po/w") == ["po/web"])
        #expect(session.completions(for: "kubectl get po -n kube-") == ["kube-node-lease", "kube-public", "kube-system"])
        #expect(session.completions(for: "kubectl run x --ima") == ["--image", "--image-pull-policy"])
        #expect(session.completions(for: "kubectl apply -f we") == ["web.yaml"])
        #expect(session.completions(for: "cat w") == ["web.yaml"])
        #expect(session.completions(for: "step until kube-sch") == ["kube-scheduler"])
        #expect(session.completions(for: "kubectl get pods | gr") == ["grep"])
    }
}
