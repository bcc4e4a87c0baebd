@_spi(Observer) import APIServer
import Foundation
import Testing
import Cluster
import REPL

@Suite("bash's control flow and arithmetic around kubectl")
struct ShellControlFlowTests {
    @Test func aForLoopOverKubectlsNamesDeletesEachPod() {
        let (session, _) = examSession()
        let output = run(session, [
            "kubectl run a --image=nginx", "kubectl run b --image=nginx",
            "for p in $(kubectl get pods -o name); do kubectl delete $p; done",
        ])
        #expect(output.hasSuffix("pod \"a\" deleted\npod \"b\" deleted\n"))
        #expect(session.cluster.server.list(Pod.self, namespace: "default").isEmpty)
    }

    @Test func aLoopsOutputGoesThroughAPipeAndARedirection() throws {
        let (session, directory) = examSession()
        #expect(session.feed("for i in 1 2 3; do echo $i; done | wc -l") == "3\n")
        #expect(session.feed("for i in a b; do echo $i; done > out.txt; cat out.txt") == "a\nb\n")
        #expect(try String(contentsOfFile: directory + "/out.txt", encoding: .utf8) == "a\nb\n")
        #expect(session.feed("while read; do :; done < nofile; echo $?") == "bash: nofile: No such file or directory\n1\n")
        #expect(session.feed("cat < nofile") == "bash: nofile: No such file or directory\n")
    }

    @Test func aWhileLoopWaitsForAPodThatStepModeQueued() {
        let (session, _) = examSession()
        let output = run(session, [
            "mode step",
            "kubectl run web --image=nginx",
            "while ! kubectl get pod web >/dev/null 2>&1; do echo waiting; sleep 1; done; echo ready",
        ])
        #expect(output.hasSuffix("ready\n"))
        #expect(output.contains("waiting\n"))
        #expect(session.cluster.server.list(Pod.self, namespace: "default").map(\.metadata.name) == ["web"])
    }

    @Test func ifBranchesOnKubectlsStatus() {
        let (session, _) = examSession()
        let line = "if kubectl get ns dev >/dev/null 2>&1; then echo yes; else echo no; fi"
        #expect(session.feed(line) == "no\n")
        _ = session.feed("kubectl create ns dev")
        #expect(session.feed(line) == "yes\n")
        #expect(session.feed("if false; then echo a; elif true; then echo b; else echo c; fi") == "b\n")
        #expect(session.feed("false; if false; then echo a; fi; echo $?") == "0\n")
    }

    @Test func testAndBracketsCheckFilesStringsAndNumbers() {
        let (session, directory) = examSession()
        FileManager.default.createFile(atPath: directory + "/x.yaml", contents: Data("a: 1\n".utf8))
        #expect(session.feed("[ -f x.yaml ] && echo ok") == "ok\n")
        #expect(session.feed("[ -f missing.yaml ] || echo missing; [ -d . ] && echo dir") == "missing\ndir\n")
        #expect(session.feed("test -z \"\" && [ abc != abd ] && [ 3 -lt 10 ] && [ ! -e nope ] && echo all") == "all\n")
        #expect(session.feed("[ 1 -eq ]; echo $?") == "bash: [: 1: unary operator expected\n2\n")
        #expect(session.feed("[ a -eq 1 ]; echo $?") == "bash: [: a: integer expression expected\n2\n")
        #expect(session.feed("[ 1 = 1; echo $?") == "bash: [: missing `]'\n2\n")
        #expect(session.feed("[ 1 -lt 2 -a 3 -gt 1 ] && echo both") == "both\n")
    }

    @Test func doubleBracketsMatchPatternsAndJoinTests() {
        let (session, _) = examSession()
        #expect(session.feed("[[ abc == a* ]] && echo glob") == "glob\n")
        #expect(session.feed("[[ abc == \"a*\" ]] || echo quoted") == "quoted\n")
        #expect(session.feed("x=web-1; [[ $x == web-? && 1 -lt 2 || nope ]] && echo both") == "both\n")
        #expect(session.feed("[[ ! -n \"\" ]] && [[ ab =~ ^a ]] && echo yes") == "yes\n")
        #expect(session.feed("[[ a == ]]") == "bash: syntax error near unexpected token `]]'\n")
    }

    @Test func caseMatchesTheFirstPattern() {
        let (session, _) = examSession()
        #expect(session.feed("case web-1 in db*) echo db;; web*|api*) echo web;; *) echo other;; esac") == "web\n")
        #expect(session.feed("case zzz in a) echo a;; esac; echo $?") == "0\n")
        let multiLine = run(session, ["case $HOSTNAME in", "  (*) echo any", "  ;;", "esac"])
        #expect(multiLine.hasSuffix("> esac\nany\n"))
    }

    @Test func arithmeticIsBashs() {
        let (session, _) = examSession()
        #expect(session.feed("echo $((2**10)) $((7/2)) $((-7%3)) $(( (1+2)*3 )) $((1<2 && 3>2)) $((0x1f + 010 + 2#101))") == "1024 3 -1 9 1 44\n")
        #expect(session.feed("i=0; i=$((i+1)); ((i++)); ((i+=10)); echo $i") == "12\n")
        #expect(session.feed("x=3+4; echo $((x*2)) $((y+1)) $((x > 5 ? 100 : 200))") == "14 1 100\n")
        #expect(session.feed("i=0; while ((i < 3)); do echo $i; ((i++)); done") == "0\n1\n2\n")
        #expect(session.feed("((0)); echo $?; (( 5 > 3 )) && echo yes") == "1\nyes\n")
        #expect(session.feed("echo $((0 && 1/0)) $((1 || 1/0))") == "0 1\n")
    }

    @Test func arithmeticWrapsAndItsErrorsAreBashs() {
        let (session, _) = examSession()
        #expect(session.feed("echo $((9223372036854775807+1)) $((2**64)) $((3**40)) $((1<<65))") == "-9223372036854775808 0 -6289078614652622815 2\n")
        #expect(session.feed("echo $((-9223372036854775808/-1)) $((-9223372036854775808%-1)) $((9999999999999999999999))") == "-9223372036854775808 0 1864712049423024127\n")
        #expect(session.feed("echo $((2**9223372036854775807))") == "0\n")
        // An expansion error ends the line, as at bash's prompt; $? is 1.
        #expect(session.feed("echo $((1/0)); echo after") == "bash: 1/0: division by 0 (error token is \"0\")\n")
        #expect(session.feed("echo $?") == "1\n")
        #expect(session.feed("for i in 1 2; do echo $((5 / (2-2) )); done") == "bash: 5 / (2-2) : division by 0 (error token is \"(2-2) \")\n")
        #expect(session.feed("((1/0)) || echo failed") == "bash: ((: 1/0: division by 0 (error token is \"0\")\nfailed\n")
        #expect(session.feed("echo $((1 +* 2))") == "bash: 1 +* 2: syntax error: operand expected (error token is \"* 2\")\n")
        #expect(session.feed("echo $((3 4))") == "bash: 3 4: syntax error in expression (error token is \"4\")\n")
        #expect(session.feed("echo $((08))") == "bash: 08: value too great for base (error token is \"08\")\n")
        #expect(session.feed("echo $((2**-1))") == "bash: 2**-1: exponent less than 0 (error token is \"1\")\n")
        #expect(session.feed("echo $((5=3))") == "bash: 5=3: attempted assignment to non-variable (error token is \"=3\")\n")
        #expect(session.feed("x=x; echo $((x))") == "bash: x: expression recursion level exceeded (error token is \"x\")\n")
        let deep = "echo $((" + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + "))"
        #expect(session.feed(deep).contains("expression recursion level exceeded"))
        let negations = "echo $((" + String(repeating: "-", count: 5000) + "1))"
        #expect(session.feed(negations).contains("expression recursion level exceeded"))
    }

    @Test func aLoopTypedOverSeveralLinesRunsWhenItIsClosed() {
        let (session, _) = examSession()
        #expect(session.feed("for i in 1 2") == "")
        #expect(session.needsMoreInput)
        #expect(session.feed("do") == "" && session.feed("  echo n=$i") == "")
        #expect(session.needsMoreInput)
        #expect(session.feed("done") == "n=1\nn=2\n")
        #expect(!session.needsMoreInput)
        #expect(session.feed("if true; then") == "" && session.needsMoreInput)
        #expect(session.feed("echo inside; fi") == "inside\n")
        #expect(session.feed("{ echo a") == "" && session.feed("}") == "a\n")
        #expect(session.feed("while false; do") == "")
        #expect(session.finishInput() == "bash: syntax error: unexpected end of file\n")
    }

    @Test func tabCompletesTheCommandInsideALoop() {
        let (session, _) = examSession()
        #expect(session.completions(for: "for p in a b; do kubectl ap").contains("apply"))
        #expect(session.completions(for: "if true; then ech") == ["echo"])
    }

    @Test func breakAndContinueLeaveTheLoopsTheyName() {
        let (session, _) = examSession()
        #expect(session.feed("for i in 1 2 3; do if [ $i = 2 ]; then break; fi; echo $i; done") == "1\n")
        #expect(session.feed("for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done") == "1a\n2a\n")
        #expect(session.feed("for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done") == "1\n3\n")
        #expect(session.feed("i=0; until false; do ((i++)); [ $i -ge 4 ] && break; done; echo $i") == "4\n")
        #expect(session.feed("break") == "bash: break: only meaningful in a `for', `while', or `until' loop\n")
        #expect(session.feed("for i in 1; do break 0; done") == "bash: break: 0: loop count out of range\n")
    }

    @Test func outsideALoopContinueIsStillTheSteppers() {
        let (session, _) = examSession()
        _ = session.feed("mode step")
        _ = session.feed("kubectl run web --image=nginx")
        _ = session.feed("continue")
        #expect(session.cluster.server.list(Pod.self, namespace: "default").map(\.metadata.name) == ["web"])
    }

    @Test func aSubshellsDirectoryAndVariablesStayInIt() {
        let (session, directory) = examSession()
        let real = (directory as NSString).resolvingSymlinksInPath
        let output = session.feed("x=outer; (cd /; x=inner; pwd; echo $x); pwd; echo $x")
        #expect(output == "/\ninner\n\(session.shell.workingDirectory)\nouter\n")
        #expect((session.shell.workingDirectory as NSString).resolvingSymlinksInPath == real)
        #expect(session.feed("{ x=group; }; echo $x") == "group\n")
        #expect(session.feed("( )") == "bash: syntax error near unexpected token `)'\n")
    }

    @Test func misplacedKeywordsAreBashsSyntaxErrorsAndChangeNothing() {
        let (session, _) = examSession()
        let before = session.cluster.server.revision
        for (line, token) in [("fi", "fi"), ("done", "done"), ("for", "newline"), ("then", "then"), ("esac", "esac"), ("}", "}"),
                              ("if true; then fi", "fi"), ("for i in a b; echo $i; done", "echo"),
                              ("for i in 1; do kubectl delete pods --all; done done", "done"), ("case", "newline")] {
            #expect(session.feed(line) == "bash: syntax error near unexpected token `\(token)'\n", "\(line)")
            #expect(session.feed("echo $?") == "2\n")
            #expect(!session.needsMoreInput)
        }
        #expect(session.feed("echo $(( ( ))") == "" && session.needsMoreInput)
        session.discardPendingInput()
        #expect(session.cluster.server.revision == before)
    }

    @Test func veryDeepNestingIsRefusedWithoutOverflowingTheStack() {
        let (session, _) = examSession()
        for line in [
            String(repeating: "( ", count: 10_000) + "echo" + String(repeating: " )", count: 10_000),
            String(repeating: "{ ", count: 10_000) + "echo;" + String(repeating: " }", count: 10_000),
            String(repeating: "if true; then ", count: 10_000) + "echo" + String(repeating: "; fi", count: 10_000),
            String(repeating: "echo $(", count: 10_000) + String(repeating: ")", count: 10_000),
            "[[ " + String(repeating: "! ", count: 10_000) + "a ]]",
            "[[ a" + String(repeating: " && a", count: 10_000) + " ]]",
        ] {
            #expect(session.feed(line) == "bash: maximum nesting level exceeded\n")
        }
        #expect(session.feed("[ " + String(repeating: "! ", count: 10_000) + "a ]; echo $?") == "0\n")
    }

    @Test func ctrlCStopsAnEndlessLoop() {
        let (session, _) = examSession()
        pressCtrlC(afterProbes: 500, in: session)
        let start = session.cluster.simulation.now
        let output = session.feed("while true; do kubectl get pods; sleep 1; done; echo not reached")
        #expect(output.contains("No resources found in default namespace."))
        #expect(!output.contains("not reached"))
        #expect(session.cluster.simulation.now > start)
        pressCtrlC(afterProbes: 500, in: session)
        #expect(!session.feed("until false; do :; done; echo not reached").contains("not reached"))
        session.interruption = { false }
        #expect(session.feed("echo $?") == "130\n")
        #expect(session.feed("for i in 1 2; do echo $i; done") == "1\n2\n")
    }

    @Test func ctrlCStopsEveryCommandOfAPipeline() {
        let (session, _) = examSession()
        _ = session.feed("kubectl create cronjob tick --image=busybox --schedule='* * * * *'")
        pressCtrlC(afterProbes: 300, in: session)
        let output = session.feed("kubectl get jobs -w --request-timeout=1000h | tail -2; echo not reached")
        #expect(output.isEmpty, "bash kills tail with the watch: nothing is printed after ^C")
        session.interruption = { false }
        #expect(session.feed("echo $?") == "130\n")
    }

    @Test func aLoopEndedByCtrlCInItsConditionIsStatus130() {
        let (session, _) = examSession()
        pressCtrlC(afterProbes: 50, in: session)
        _ = session.feed("while true; do :; done")
        session.interruption = { false }
        #expect(session.feed("echo $?") == "130\n")
    }
}

