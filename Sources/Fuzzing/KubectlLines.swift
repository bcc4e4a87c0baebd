import Kubectl
import SimCore

/// kubectl command lines: each verb with the positionals it expects and some of its real flags,
/// their values drawn from right and wrong ones; and lines that must fail without effect.
struct KubectlLines {
    let random: SeededRandom

    func line() -> FuzzEntry {
        .line((["kubectl"] + words()).map(\.shellQuoted).joined(separator: " ") + redirection())
    }

    /// A well-formed command of the kind an exam asks for, so that sessions have objects to break.
    func wellFormedLine() -> FuzzEntry {
        let name = random.pick(["web", "api", "nginx", "db"])
        let replicas = random.small(0...4)
        return .line(random.pick([
            "kubectl create deployment \(name) --image=nginx --replicas=\(replicas)", "kubectl run \(name) --image=nginx --labels=app=\(name)",
            "kubectl expose deployment \(name) --port=80", "kubectl scale deployment \(name) --replicas=\(replicas)", "kubectl set image deployment/\(name) nginx=nginx:1.25",
            "kubectl rollout undo deployment/\(name)", "kubectl delete pod \(name) --wait=false", "kubectl create job \(name) --image=busybox -- echo hi",
            "kubectl create cronjob \(name) --image=busybox --schedule='*/1 * * * *'", "kubectl label pods --all tier=x --overwrite", "kubectl cordon node01",
            "kubectl drain node02 --ignore-daemonsets --force", "kubectl create configmap \(name) --from-literal=a=b", "kubectl apply -f manifests.yaml",
            "kubectl delete deployment \(name)", "kubectl create namespace dev", "kubectl -n dev run \(name) --image=nginx", "kubectl autoscale deployment \(name) --max=3",
        ]))
    }

    /// A line kubectl must refuse before it changes anything.
    func mustFailLine() -> FuzzEntry {
        let words = random.weighted([
            (4, { withUnknownFlag(self.words()) }),
            (2, { missingObject() }),
            (1, { ["get", random.pick(Vocabulary.types.filter { !$0.isEmpty }), "-o", random.pick(["bogus", "jsonpath={", "custom-columns=A:{", "yml", "go-template"])] }),
            (1, { ["delete", "pods", "-l", random.pick(["!", ",", "app in (web", "a b", "app=web,"])] }),
            (1, { ["create", "deployment", Vocabulary.missingPrefix + "d", "--image=nginx", "--replicas=" + random.pick(["x", "2147483648", "-9223372036854775809", "1e400", "", "0x"])] }),
            (1, { ["create", random.pick(["deployment", "job", "cronjob"]), Vocabulary.missingPrefix + "n"] }),
            (1, { ["scale", "deployment", Vocabulary.missingPrefix + "s", "--replicas=" + random.pick(["x", "1e400", "9223372036854775808", ""])] }),
            (1, { [random.pick(["apply", "create", "replace", "delete"]), "-f", Vocabulary.missingPrefix + "file.yaml"] }),
            (1, { [random.pick(["kubectll", "get-pods", "applyy", "🙂"])] }),
        ])
        return .line((["kubectl"] + words).map(\.shellQuoted).joined(separator: " ") + random.pick(["", "", " 2>&1", " >/dev/null", " 2>/dev/null"]), mustFail: true)
    }

    /// An unknown long flag right after the verb, where no flag before it can take it as its value
    /// (`--node-port --zz` gives --node-port the value "--zz").
    private func withUnknownFlag(_ words: [String]) -> [String] {
        guard let verb = words.first, Kubectl.verbs.contains(verb) else { return ["get", "pods", "--zz-fuzz"] }
        let flag = "--" + random.pick(["zz-fuzz", "replicas-x", "ñ", "z\u{0}z", "imagee", "output2", "x=1"])
        return [verb, flag] + words.dropFirst()
    }

    private func missingObject() -> [String] {
        let name = Vocabulary.missingPrefix + random.pick(["a", "b", "web"])
        return random.pick([
            ["delete", random.pick(["pod", "deploy", "svc", "cm", "ns"]), name],
            ["label", "pod", name, "a=b"],
            ["annotate", "deploy", name, "a=b"],
            ["scale", "deploy", name, "--replicas=3"],
            ["expose", "deploy", name, "--port=80"],
            ["set", "image", "deploy/" + name, "nginx=nginx:2"],
            ["rollout", "restart", "deploy/" + name],
            ["patch", "pod", name, "-p", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"],
            ["get", "pod", name],
            ["logs", name],
            ["exec", name, "--", "ls"],
        ])
    }

    private func redirection() -> String {
        random.pick(["", "", "", "", " 2>&1", " >/dev/null", " | head -n 3", " | wc -l", " > out.txt", " 2>&1 | grep -c e", " | tail -n 1"])
    }

    private func words() -> [String] {
        let verb = random.chance(0.03) ? random.pick(["help", "k8s", "-h", "--help", "", "explain", "top", "cp", "api-resources"]) : random.pick(Kubectl.verbs)
        var words = [verb] + positionals(verb)
        let flags = Kubectl.flags(of: verb)
        for _ in 0..<random.small(0...4) where !flags.isEmpty {
            words += flag(random.pick(flags))
        }
        if random.chance(0.1) { words += ["-n", random.pick(Vocabulary.namespaces)] }
        if random.chance(0.05) { words.insert(random.pick(Vocabulary.oddWords + Vocabulary.numbers), at: 1 + random.int(below: words.count)) }
        if verb == "run" || verb == "exec", random.chance(0.6) { words += ["--"] + random.pick([["sleep", "3600"], ["sh", "-c", "echo hi"], ["ls"], ["sleep", random.pick(Vocabulary.numbers)], ["false"]]) }
        return words
    }

    private func name() -> String {
        random.chance(0.85) ? random.pick(["web", "api", "nginx", "db", "x"]) : random.pick(Vocabulary.names)
    }

    private func positionals(_ verb: String) -> [String] {
        switch verb {
        case "get", "describe":
            return [random.pick(Vocabulary.types)] + (random.chance(0.4) ? [name()] : [])
        case "delete", "label", "annotate", "edit":
            return [random.pick(Vocabulary.types), name()] + (verb == "label" || verb == "annotate" ? [random.pick(["a=b", "app=web", "a-", "a=", "=b", "a=b=c", "ü=x", "a/b=c", "app=" + name()])] : [])
        case "run":
            return [name(), "--image=" + random.pick(Vocabulary.images)]
        case "create":
            return random.pick([
                ["deployment", name(), "--image=" + random.pick(Vocabulary.images)],
                ["job", name(), "--image=busybox"],
                ["cronjob", name(), "--image=busybox", "--schedule=" + random.pick(["*/1 * * * *", "* * * * *", "@hourly", "61 * * * *", "", "x", "*/0 * * * *", "1-9223372036854775807 * * * *"])],
                ["configmap", name(), "--from-literal=" + random.pick(["a=b", "a", "=", "a=" + String(repeating: "x", count: 100)])],
                ["secret", "generic", name(), "--from-literal=k=v"],
                ["namespace", random.pick(Vocabulary.namespaces)],
                ["service", random.pick(["clusterip", "nodeport", "loadbalancer", "externalname"]), name(), "--tcp=" + random.pick(["80:8080", "80", "0:0", "65536:1", "-1:80", "a:b", ""])],
                ["ingress", name(), "--rule=" + random.pick(["foo.com/*=svc:80", "/=svc:80", "", "x=y"])],
                [], ["bogus", name()],
            ])
        case "scale":
            return [random.pick(["deploy", "rs", "sts", "deploy/" + name(), "pod"]), name(), "--replicas=" + random.pick(Vocabulary.modestNumbers)]
        case "expose":
            return [random.pick(["deploy", "pod", "rs", "svc"]), name(), "--port=" + random.pick(Vocabulary.numbers)]
        case "set":
            return random.pick([["image", "deploy/" + name(), "*=" + random.pick(Vocabulary.images)], ["env", "deploy/" + name(), "A=b"], ["resources", "deploy/" + name(), "--limits=cpu=" + random.pick(Vocabulary.numbers)], ["selector", "svc/" + name(), "app=x"], ["serviceaccount", "deploy/" + name(), "sa"], ["bogus"]])
        case "rollout":
            return [random.pick(["status", "undo", "history", "restart", "pause", "resume", "bogus"]), random.pick(["deploy/", "ds/", "sts/", "rs/", "pod/"]) + name()]
                + (random.chance(0.3) ? ["--to-revision=" + random.pick(Vocabulary.numbers)] : [])
        case "logs":
            return [random.pick(["", "deploy/", "job/", "pod/"]) + name()]
        case "exec":
            return [name()]
        case "patch":
            return [random.pick(["deploy", "pod", "svc", "node"]), name(), "-p", random.pick(patches)]
                + (random.chance(0.5) ? ["--type=" + random.pick(["json", "merge", "strategic", "bogus"])] : [])
        case "wait":
            return [random.pick(["pod/", "deploy/", "--all", "pods"]) + (random.chance(0.5) ? name() : ""), "--for=" + random.pick(["condition=Ready", "delete", "condition=Available", "jsonpath={.status.phase}=Running", "bogus", ""]), "--timeout=" + random.pick(Vocabulary.durations)]
        case "apply", "replace", "diff":
            return ["-f", random.pick(["m0.yaml", "m1.yaml", "m2.yaml", "m3.yaml", "-", ".", "out.txt", "nope.yaml", "sub"])]
        case "completion":
            return [random.pick(["bash", "zsh", "fish", "x", ""])]
        default:
            return random.chance(0.5) ? [random.pick(Vocabulary.types)] : []
        }
    }

    private var patches: [String] {
        [
            #"{"spec":{"replicas":3}}"#, #"{"spec":{"replicas":-1}}"#, #"{"spec":{"replicas":9223372036854775807}}"#, #"{"spec":{"replicas":1e400}}"#,
            #"{"spec":{"replicas":"3"}}"#, #"{"metadata":{"labels":{"a":null}}}"#, #"[{"op":"replace","path":"/spec/replicas","value":2}]"#,
            #"[{"op":"remove","path":"/spec"}]"#, #"[{"op":"add","path":"/metadata/labels/a~1b","value":"c"}]"#, #"[{"op":"move","from":"/a","path":"/a/b"}]"#,
            #"[{"op":"test","path":"/x","value":1}]"#, #"[{"op":"copy","from":"/metadata","path":"/metadata/x"}]"#, #"[{"op":"add","path":"/spec/template/spec/containers/9223372036854775807","value":{}}]"#,
            #"[{"op":"add","path":"/spec/template/spec/containers/-","value":{"name":"x","image":"y"}}]"#, "{", "[", "", "null", "[]", "{}", "1e400",
            String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000), String(repeating: #"{"a":"#, count: 3000) + "1" + String(repeating: "}", count: 3000),
            #"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}"#, #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"x"}]}}}}"#,
            #"{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"nginx"}]}}}}"#, #"{"$patch":"replace"}"#, #"{"metadata":{"name":"other"}}"#,
        ]
    }

    /// `--flag=value` or `--flag value`, the value chosen by what the flag's name suggests.
    private func flag(_ flag: String) -> [String] {
        let value: String
        switch flag {
        case let f where ["replicas", "port", "target-port", "limit", "tail", "to-revision", "revision", "grace-period", "max-log-requests", "limit-bytes", "v"].contains(where: { f.hasSuffix($0) }):
            value = random.pick(f.hasSuffix("replicas") ? Vocabulary.modestNumbers : Vocabulary.numbers)
        case let f where ["timeout", "since", "request-timeout", "interval"].contains(where: { f.contains($0) }):
            value = random.pick(Vocabulary.durations)
        case "--output": value = random.pick(Vocabulary.outputFormats)
        case "--selector", "--field-selector": value = random.pick(Vocabulary.selectors + ["status.phase=Running", "metadata.name=web", "spec.nodeName=", "x=y"])
        case "--image": value = random.pick(Vocabulary.images)
        case "--filename": value = random.pick(["m0.yaml", "m1.yaml", "-", "nope.yaml"])
        case "--namespace": value = random.pick(Vocabulary.namespaces)
        default: value = random.pick(["true", "false", "", "x", "1", "-1", "client", "server", "none", "background", "orphan", "foreground"] + Vocabulary.oddWords.prefix(4))
        }
        switch random.int(below: 4) {
        case 0: return [flag]
        case 1: return [flag, value]
        default: return [flag + "=" + value]
        }
    }
}
