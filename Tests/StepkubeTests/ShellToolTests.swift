import Foundation
import Testing
@testable import Shell

/// A shell on its own, in a fresh directory, with a host that knows no commands.
private final class BareHost: ShellHost {
    var interruptAfter: Int?
    private var probes = 0
    func run(_ command: String, _ arguments: [String], environment: [String: String], io: CommandIO) -> Int32? { nil }
    var isInterrupted: Bool {
        probes += 1
        return interruptAfter.map { probes > $0 } ?? false
    }
    func sleep(milliseconds: Int64, io: CommandIO) {}
    var secondsSince1970: Int64 { 1_790_000_000 }
}

private struct Bash {
    let shell: ShellInterpreter
    let host = BareHost()
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "stepkube-shell-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        shell = ShellInterpreter(workingDirectory: directory)
        shell.host = host
    }

    /// Runs one line and returns what reached the terminal.
    func callAsFunction(_ line: String) -> String {
        let terminal = TerminalSink()
        do { try shell.run(line, terminal: terminal) } catch { return "syntax: \(error.message)\n" }
        return terminal.text
    }
}

@Suite("The shell's tools, as GNU's behave")
struct ShellToolTests {
    @Test func variablesSplitIntoFieldsOnlyOutsideQuotes() {
        let bash = Bash()
        _ = bash(#"export do="--dry-run=client -o yaml""#)
        #expect(bash(#"printf '[%s]' $do; echo"#) == "[--dry-run=client][-o][yaml]\n")
        #expect(bash(#"printf '[%s]' "$do"; echo"#) == "[--dry-run=client -o yaml]\n")
        #expect(bash("echo ${missing:-default} ${#do} $(echo a   b)") == "default 24 a b\n")
        #expect(bash("x=file.yaml; echo ${x%.yaml} ${x#*.}") == "file yaml\n")
    }

    @Test func statusAndListsFollowBash() {
        let bash = Bash()
        #expect(bash("false && echo no || echo yes; echo $?") == "yes\n0\n")
        #expect(bash("nosuch; echo $?") == "bash: nosuch: command not found\n127\n")
        #expect(bash("! false; echo $?") == "0\n")
    }

    @Test func redirectionsWriteRealFiles() throws {
        let bash = Bash()
        #expect(bash("echo one > a.txt; echo two >> a.txt; cat a.txt") == "one\ntwo\n")
        #expect(try String(contentsOfFile: bash.directory + "/a.txt", encoding: .utf8) == "one\ntwo\n")
        #expect(bash("cat missing 2>/dev/null; echo $?") == "1\n")
        #expect(bash("cat missing 2>&1 | wc -l") == "1\n")
        #expect(bash("wc -l < a.txt") == "2\n")
        #expect(bash("echo x > nodir/f") == "bash: nodir/f: No such file or directory\n")
        #expect(bash("ls *.txt") == "a.txt\n")
        #expect(bash("base64 <<< hello | base64 -d") == "hello\n")
    }

    @Test func aliasesStandForTheirValue() {
        let bash = Bash()
        _ = bash("alias say='echo said'")
        #expect(bash("say hi") == "said hi\n")
        #expect(bash("alias say") == "alias say='echo said'\n")
        #expect(bash("unalias say; say hi") == "bash: say: command not found\n")
        _ = bash("alias loop=loop")
        #expect(bash("loop") == "bash: loop: command not found\n")
    }

    @Test func grepFindsWithItsOptions() {
        let bash = Bash()
        let text = "printf 'alpha\\nBeta\\ngamma\\nbeta2\\n' | "
        #expect(bash(text + "grep -i beta") == "Beta\nbeta2\n")
        #expect(bash(text + "grep -c a") == "4\n")
        #expect(bash(text + "grep -v a") == "")
        #expect(bash(text + "grep -w beta") == "")
        #expect(bash(text + "grep -E '^(alpha|gamma)$'") == "alpha\ngamma\n")
        #expect(bash(text + "grep -n -A1 Beta") == "2:Beta\n3-gamma\n")
        #expect(bash(text + "grep zzz; echo $?") == "1\n")
        #expect(bash(text + "grep -A x a") == "grep: x: invalid context length argument\n")
    }

    @Test func sedEditsLinesAndFiles() throws {
        let bash = Bash()
        #expect(bash("echo nginx:1.7.9 | sed 's/1.7.9/1.9.1/'") == "nginx:1.9.1\n")
        #expect(bash("echo aaa | sed 's/a/b/g'") == "bbb\n")
        #expect(bash(#"echo 'name: x' | sed 's/\(name\): \(.*\)/\2=\1/'"#) == "x=name\n")
        #expect(bash("printf '1\\n2\\n3\\n' | sed -n '2p'") == "2\n")
        #expect(bash("printf '1\\n2\\n3\\n' | sed '1,2d'") == "3\n")
        #expect(bash("printf 'a\\nb\\n' | sed '/a/a after'") == "a\nafter\nb\n")
        _ = bash("echo 'image: nginx' > pod.yaml")
        #expect(bash("sed -i 's/nginx/httpd/' pod.yaml; cat pod.yaml") == "image: httpd\n")
        #expect(bash("echo x | sed 's/x/y'").hasPrefix("sed: -e expression #1"))
    }

    @Test func awkPrintsFieldsAndSums() {
        let bash = Bash()
        let table = "printf 'NAME READY STATUS\\nweb 1/1 Running\\ndb 0/1 Pending\\n' | "
        #expect(bash(table + "awk '{print $1}'") == "NAME\nweb\ndb\n")
        #expect(bash(table + "awk 'NR>1 {print $1, $NF}'") == "web Running\ndb Pending\n")
        #expect(bash(table + "awk '$3==\"Running\" {print $1}'") == "web\n")
        #expect(bash(table + "awk '/Pending/'") == "db 0/1 Pending\n")
        #expect(bash("printf '1 2\\n3 4\\n' | awk '{s+=$2} END {print s}'") == "6\n")
        #expect(bash("echo a:b:c | awk -F: '{print $2}'") == "b\n")
        #expect(bash("echo x | awk '{for (i=1;i<=3;i++) printf \"%d\", i; print \"\"}'") == "123\n")
        #expect(bash("echo x | awk '{print $99999999999999999}'") == "\n")
        #expect(bash("echo x | awk '{'").hasPrefix("awk: syntax error"))
    }

    @Test func textToolsCutSortCount() {
        let bash = Bash()
        #expect(bash("echo a,b,c | cut -d, -f2,3") == "b,c\n")
        #expect(bash("printf '10\\n9\\n100\\n' | sort -n") == "9\n10\n100\n")
        #expect(bash("printf 'b\\na\\nb\\n' | sort | uniq -c") == "      1 a\n      2 b\n")
        #expect(bash("echo Hello | tr a-z A-Z") == "HELLO\n")
        #expect(bash("printf 'a\\nb\\nc\\n' | head -n 2") == "a\nb\n")
        #expect(bash("printf 'a\\nb\\nc\\n' | tail -1") == "c\n")
        #expect(bash("printf 'a\\nb\\nc\\n' | tail -n +2") == "b\nc\n")
        #expect(bash("echo one two | wc -w") == "2\n")
        #expect(bash("seq 3 | xargs echo n:") == "n: 1 2 3\n")
        #expect(bash("seq 2 | xargs -I{} echo item-{}") == "item-1\nitem-2\n")
        #expect(bash("head -n x") == "head: invalid number of lines: ‘x’\n")
    }

    @Test func diffShowsWhatChanged() {
        let bash = Bash()
        _ = bash("printf 'a\\nb\\nc\\n' > old; printf 'a\\nB\\nc\\n' > new")
        #expect(bash("diff old new; echo $?") == "2c2\n< b\n---\n> B\n1\n")
        #expect(bash("diff -u old new").contains("@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"))
        #expect(bash("diff old <(printf 'a\\nb\\nc\\n'); echo $?") == "0\n")
    }

    @Test func anInterruptStopsTheListBeforeItsNextCommand() {
        let bash = Bash()
        bash.host.interruptAfter = 1
        #expect(bash("echo one; echo two; echo three") == "one\n")
        #expect(bash.shell.status == 130)
    }

    @Test func sourceRunsAFileAndAcceptsCompletionScripts() {
        let bash = Bash()
        _ = bash("echo 'alias k=echo' > rc")
        #expect(bash("source rc; k hi") == "hi\n")
        #expect(bash("source <(echo whatever); complete -F __start_kubectl k; echo $?") == "0\n")
    }
}
