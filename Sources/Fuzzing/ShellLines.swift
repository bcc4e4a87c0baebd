import SimCore

/// bash around kubectl: pipelines, quotes (balanced or not), redirects to files of the session's
/// directory, heredocs, `$(...)`, loops, arithmetic, and the text tools with extreme arguments.
struct ShellLines {
    let random: SeededRandom

    func entries() -> [FuzzEntry] {
        random.weighted([
            (6, { [.line(simple())] }),
            (2, { [.line(compound())] }),
            (1, { heredoc() }),
            (1, { unfinished() }),
            (1, { [.line(random.pick(syntaxErrors), mustFail: true)] }),
        ])
    }

    private func number() -> String { random.pick(Vocabulary.numbers) }

    private func simple() -> String {
        random.weighted([
            (3, { "echo $((" + number() + " " + random.pick(["+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "<", "==", "&&", ",", "?1:"]) + " " + number() + "))" }),
            (1, { "echo $((" + random.pick(["1/0", "1%0", "-9223372036854775808/-1", "-9223372036854775808%-1", "2**63", "2**-1", "1<<64", "1<<-1", "x=", "((", "++", "9223372036854775807+1", "--9223372036854775808", "a=b=c", "0x", "08", "1#1", "64#zz", "65#1"]) + "))" }),
            (2, { "seq " + [number(), number(), number()].prefix(random.small(1...3)).map(\.shellQuoted).joined(separator: " ") + " | " + random.pick(["wc -l", "head -n 2", "tail -n 1", "sort -n | uniq -c | head -n 1"]) }),
            (3, { "printf " + random.pick(["'%d\\n'", "'%*d'", "'%.*f'", "'%s %s'", "'%c'", "'%x'", "'%99999999d'", "'%.9999999f'", "'%-2147483648d'", "'%e'", "'%b'", "'%q'", "'%'", "'%9223372036854775807s'", "'%1$s'", "'%z'"]) + " " + number().shellQuoted + " " + number().shellQuoted + random.pick(["", " | wc -c", " >/dev/null"]) }),
            (3, { "kubectl get " + random.pick(["pods", "all", "nodes", "deploy", "svc", "events"]) + random.pick(["", " -o name", " -o wide", " -o json", " -A", " --show-labels"]) + " | " + textTool() }),
            (2, { "echo " + random.pick(["abc", "'a b c'", "\"$x\"", "$HOSTNAME", "\"${x:" + number() + ":" + number() + "}\"", "\"${#x}\"", "${x:-d}", "${x:?unset}", "${x/a/b}", "${x//}", "${x%%*}", "${!x}", "${x^^}", "${x,,}", "$#", "$?", "$$", "${@}", "$-", "${x:=v}", "${10}"]) + " | " + textTool() }),
            (2, { random.pick(["x", "y", "IFS", "PS1", "PATH", "KUBECONFIG", "_"]) + "=" + random.pick(["abc", "'a b'", "\"$(kubectl get pods -o name | head -n 1)\"", "$((1+1))", "", "\"" + String(repeating: "z", count: 10_000) + "\"", number().shellQuoted]) }),
            (2, { "cat " + random.pick(["out.txt", "m0.yaml", "nope", "sub", "out.txt out.txt", "-", "''", "m1.yaml -n"]) + random.pick(["", " | " + textTool(), " > out2.txt", " >> out.txt"]) }),
            (2, { fileCommand() }),
            (1, { "sleep " + random.pick(Vocabulary.durations + Vocabulary.numbers).shellQuoted }),
            (1, { "date " + random.pick(["", "-u", "+%s", "-d @" + number().shellQuoted, "-d " + random.pick(Vocabulary.durations).shellQuoted, "+%Y-%m-%dT%H:%M:%S", "-d 'next year'", "--date=@-1", "+%"]) }),
            (1, { "base64 " + random.pick(["-d", "-w 0", "-w -1", "-w " + number().shellQuoted, "--bogus", "-d -i"]) + " <<< " + random.pick(["aGVsbG8=", "!!!!", "a", "====", "aGk", "''"]) }),
            (1, { "test " + number().shellQuoted + " " + random.pick(["-eq", "-lt", "-gt", "=", "!=", "-ne", "-bogus"]) + " " + number().shellQuoted + "; echo $?" }),
            (1, { "[ " + random.pick(["-f m0.yaml", "-d sub", "-z ''", "-n x", "a = a", "( 1 -eq 1 )", "1 -eq", "!", "-e", "x -a y -o z"]) + " ] && echo yes || echo no" }),
            (1, { random.pick(["alias k=kubectl", "alias a=a", "alias x='x x'", "unalias k", "alias", "alias ll='ls -l'; ll", "export -p | wc -l", "unset x y", "set -o pipefail", "set -e", "set --", "env | wc -l", "true", "false", ":", "pwd", "cd sub", "cd", "cd nope", "cd out.txt"]) }),
            (1, { "xargs " + random.pick(["-n 0", "-n " + number().shellQuoted, "-I{} echo {}", "-n1 kubectl get", "echo", "-P 9223372036854775807 echo", "-d x", "-0 echo"]) + " <<< " + random.pick(["'a b c'", "pods", "''", "'web api'"]) }),
        ])
    }

    /// A text tool at the end of a pipe, with arguments at and past their limits.
    private func textTool() -> String {
        let n = number().shellQuoted
        return random.pick([
            "head -n \(n)", "head -c \(n)", "tail -n \(n)", "tail -n +\(n)", "tail -c \(n)", "wc -l", "wc -L", "wc -c", "sort", "sort -n", "sort -r -k \(n)", "sort -k \(n),\(n)", "sort -t '' -k2",
            "uniq -c", "uniq -f \(n)", "uniq -s \(n)", "cut -c \(n)", "cut -c \(n)-", "cut -f \(n) -d ' '", "cut -d '' -f 1", "cut -c -\(n)", "tr a-z A-Z", "tr -d aeiou", "tr -s ' '", "tr '[:lower:]' '[:upper:]'", "tr -c a b", "tr z-a x",
            "grep " + random.pick(["web", "-c .", "-v x", "-E '(a*)*b'", "'\\('", "'['", "-E 'a{99999}'", "-E 'a{2147483648}'", "-E '(a|aa)*c'", "-i WEB", "-o .", "-n ''", "-C \(n) e", "-A \(n) x", "-m \(n) e", "-w -e a -e b", "-E '()*'", "-E '(|a)+'", "-E '\\1'", "-e"]),
            "sed " + random.pick(["'s/a*/x/g'", "':a;s/x/xx/;ta'", "':a;ba'", "'y/abc/xyz/'", "-n '\(n)p'", "'0~0p'", "-n '1~\(n)p'", "'s/\\(a\\)\\1/b/'", "'N;N;D'", "'s/a/b/\(n)'", "-e", "'s/x'", "'$!N;P;D'", "-n '/a/,/b/p'", "'s/.*/&&&&&&&&/;s/.*/&&&&&&&&/;s/.*/&&&&&&&&/;s/.*/&&&&&&&&/;s/.*/&&&&&&&&/'", "'x;G;G;G;G;h'"]),
            "awk " + random.pick(["'{print $1}'", "'{print $\(n)}'", "'BEGIN{print 1e400}'", "'BEGIN{print int(1e400)}'", "'BEGIN{print -9223372036854775808 % -1}'", "'BEGIN{printf \"%*d\", 999999999, 1}'", "'BEGIN{print substr(\"abc\", \(n), \(n))}'", "'BEGIN{print 2^1024}'", "'{ $\(n) = 1; print }'", "'BEGIN{while(1){}}'", "'BEGIN{for(;;);}'", "'BEGIN{x[1];delete x;print length(x)}'", "-F '' '{print NF}'", "'{print NR, NF, $NF}'", "'BEGIN{print index(\"\",\"\")}'", "'BEGIN{printf \"%c\", \(n)}'", "'BEGIN{print sprintf(\"%d\", \"x\")}'", "'BEGIN{print toupper(substr(\"x\",0))}'", "'{print $(-1)}'", "'BEGIN{getline; print}'", "'BEGIN{print length()}'", "'END{print NR}'", "'{'", "'BEGIN{print 1/0}'", "'BEGIN{print 1%0}'", "'BEGIN { s = \"x\"; while (length(s) < 9223372036854775807) s = s s }'"]),
            "xargs echo", "base64", "base64 -d", "tee out.txt", "tee -a out.txt >/dev/null", "cat -n", "diff - out.txt", "sort | uniq -c | sort -rn | head -n 1",
        ])
    }

    private func fileCommand() -> String {
        random.pick([
            "mkdir -p sub/a/b", "mkdir sub", "mkdir", "touch f1 f2", "touch ''", "rm f1", "rm -r sub", "rm -rf sub f1 f2", "rm", "rm nope", "cp m0.yaml m1.yaml", "cp m0.yaml sub", "cp nope x",
            "mv out.txt out2.txt", "mv m1.yaml m1.yaml", "mv sub sub", "ls", "ls -la", "ls -R", "ls nope", "ls -1 | wc -l", "echo x > out.txt", "echo x >> out.txt", "echo x > sub", "echo x > ''",
            "echo x >&3", "echo x 9>&1", "echo x 2>&1 >/dev/null", "echo x &>out.txt", "cat < nope", "cat < out.txt > out.txt", ". out.txt", "source nope", "source m0.yaml", "diff <(echo a) <(echo b)",
            "diff out.txt m0.yaml", "diff nope nope", "sed -i 's/a/b/' out.txt", "sed -i 's/a/b/' nope", "trace --svg t.svg", "trace --html sub", "kubectl get pods -o yaml > p.yaml && kubectl apply -f p.yaml",
            "kubectl get deploy -o json > d.json; kubectl replace -f d.json", "kubectl get all -o yaml | kubectl apply -f -", "kubectl create deploy web --image=nginx --dry-run=client -o yaml > m2.yaml",
            "kubectl run web --image=nginx --dry-run=client -o yaml | kubectl apply -f -", "cat m0.yaml | kubectl apply -f -", "kubectl apply -f sub -R", "kubectl apply -f .",
        ])
    }

    private func compound() -> String {
        let n = random.chance(0.7) ? String(random.small(0...5)) : number().shellQuoted
        return random.pick([
            "for i in 1 2 3; do kubectl get pods >/dev/null; done", "for i in $(seq 1 \(n)); do echo $i; done | tail -n 1", "for ((i=0; i<\(n); i++)); do :; done; echo $i",
            "for ((i=\(n); ; i++)); do :; done", "for ((;;)); do :; done", "while true; do :; done", "while true; do kubectl get pods >/dev/null; done", "until false; do sleep 1; done",
            "while read line; do echo \"$line\"; done < out.txt", "while false; do :; done", "i=0; while [ $i -lt \(n) ]; do i=$((i+1)); done; echo $i",
            "if kubectl get pod web >/dev/null 2>&1; then echo yes; else echo no; fi", "if true; then echo a; elif false; then echo b; fi",
            "case $x in a) echo a;; *) echo other;; esac", "{ echo a; echo b; } | sort -r", "( cd sub && ls )", "( exit \(n) ); echo $?",
            "for p in $(kubectl get pods -o name); do kubectl describe $p | head -n 1; done", "kubectl get pods -o name | xargs -n1 kubectl delete --wait=false",
            "kubectl scale deploy web --replicas=\(n) && kubectl rollout status deploy web --timeout=30s", "for n in $(seq 1 \(n)); do kubectl run p$n --image=nginx; done",
            "echo $(echo $(echo $(echo $(echo deep))))", "x=$(x=$(x=1; echo $x); echo $x); echo $x", "f=$(cat nope 2>&1); echo \"$f\"",
            "kubectl get pods -o jsonpath='{.items[*].metadata.name}' | tr ' ' '\\n' | wc -l", "break", "continue 2", "for i in 1; do break \(n); done", "for i in 1 2; do continue -1; done",
            "while true; do break; done; echo out", "select x in a b; do break; done", "function f { echo f; }; f", "f() { f; }; f", "let x=1+1; echo $x", "[[ a == a ]] && echo y", "echo {1..\(n)} | wc -w", "echo {a..z}{a..z}{a..z} | wc -c",
        ])
    }

    private func heredoc() -> [FuzzEntry] {
        let delimiter = random.pick(["EOF", "'EOF'", "\"EOF\"", "-EOF", "END"])
        let head = random.pick(["cat <<\(delimiter)", "cat <<\(delimiter) | kubectl apply -f -", "cat > out.txt <<\(delimiter)", "kubectl apply -f - <<\(delimiter)", "wc -l <<\(delimiter)", "cat <<\(delimiter) <<X"])
        let body = (0..<random.small(0...4)).map { _ in FuzzEntry.line(random.pick(["line $x", "$(echo sub)", "\tindented", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: hd", "EOFX", " EOF", "'", "\"", "`"])) }
        let end = delimiter.trimmingCharacters(in: ["'", "\"", "-"])
        return [.line(head)] + body + (random.chance(0.85) ? [.line(random.chance(0.9) ? end : "\t" + end)] : [])
    }

    /// A quote, `$(`, `{` or `if` left open, and sometimes the line that closes it.
    private func unfinished() -> [FuzzEntry] {
        let (open, close) = random.pick([("echo 'abc", "def'"), ("echo \"abc", "\""), ("echo $(echo a", ")"), ("{ echo a", "}"), ("if true; then echo a", "fi"),
                                         ("for i in 1; do", "done"), ("echo `date", "`"), ("echo a |", "wc -l"), ("echo a &&", "echo b"), ("echo \\", "x"), ("case x in", "esac"), ("x=(", ")")])
        return [.line(open)] + (random.chance(0.8) ? [.line(close)] : [])
    }

    /// Lines bash cannot parse: they run nothing.
    private var syntaxErrors: [String] {
        ["echo )", "| wc -l", ";;", "if then fi", "done", "fi", "then", "do echo", "echo a ||| b", "&& echo", "echo ( a", "for do done", "while do done",
         "kubectl delete pods --all )", "esac", "{ }", "( )", "echo a; ; echo b", "kubectl scale deploy web --replicas=0 ;;", "<", "echo >", "echo a | | wc"]
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
