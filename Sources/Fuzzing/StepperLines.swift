import SimCore

/// The stepper's, lessons' and exercises' commands, with arguments from sensible to extreme.
struct StepperLines {
    let random: SeededRandom

    func line() -> FuzzEntry {
        let number = { random.chance(0.5) ? String(random.small(1...40)) : random.pick(Vocabulary.numbers) }
        let words: [String] = random.weighted([
            (4, { ["step"] + (random.chance(0.7) ? [number()] : []) }),
            (2, { ["step", "until", random.pick(Vocabulary.components)] }),
            (2, { [random.pick(["continue", "c", "pending", "clock", "hint", "help", "?", "clear", "hostname", "tasks", "check", "score", "time"])] }),
            (2, { ["mode", random.pick(["step", "auto", "auto", "", "bogus", "STEP"])] }),
            (2, { ["clock", "advance", random.pick(Vocabulary.durations)] }),
            (3, { trace() }),
            (2, { ["explain"] + (random.chance(0.7) ? [random.pick(["", "#"]) + number()] : []) }),
            (1, { ["etcdctl", random.pick(["get", "put", "del", ""]), random.pick(["/registry/pods", "/registry", "", "/", "x"])] + (random.chance(0.5) ? [random.pick(["--prefix", "--keys-only", "--limit=1"])] : []) }),
            (1, { ["node", random.pick(["add", "add", "remove", ""])] + (random.chance(0.6) ? [random.pick(["node09", "worker-" + number(), "Bad_Name", "node01", "", "-", "a..b", String(repeating: "n", count: 300)])] : []) }),
            (2, { ["lesson"] + [random.pick(["list", "next", "check", "reset", "", "1", "2", "5", "0", "-1", "99", number()])] + (random.chance(0.2) ? ["--lang", random.pick(["ko", "en", "xx", ""])] : []) }),
            (1, { ["task", number()] }),
            (1, { [random.pick(["ssh", "ssh", "exit", "logout"]), random.pick(["node01", "node02", "controlplane", "root@node01", "nosuch", "", "-p", "node09"])] }),
            (1, { ["iptables-save"] + (random.chance(0.6) ? ["-t", random.pick(["nat", "filter", "mangle", "bogus", ""])] : []) }),
            (2, { [random.pick(["curl", "wget", "nslookup"])] + network() }),
        ])
        return .line(words.map(\.shellQuoted).joined(separator: " "))
    }

    /// Stepper commands that refuse their arguments and so must change nothing.
    func mustFailLine() -> FuzzEntry {
        let words: [String] = random.pick([
            ["step", random.pick(["0", "-1", "10001", "-9223372036854775808", "9223372036854775807"])],
            ["mode", random.pick(["bogus", "STEP", "steps"])],
            ["clock", "advance", random.pick(["bogus", "", "s", "1x"])],
            ["trace", random.pick(["--bogus", "--last", "-x", "pod"])],
            ["explain", random.pick(["999999999", "-9223372036854775808", "x", "#"])],
            ["etcdctl", random.pick(["put", "del", "", "watch"]), "/registry/pods"],
            ["node", "add", random.pick(["Bad_Name", "node01", "-", "a..b", "UPPER"])],
            ["step", "until", random.pick(["nobody", "kubelet@", "zz"])],
        ])
        return .line(words.map(\.shellQuoted).joined(separator: " "), mustFail: true)
    }

    private func trace() -> [String] {
        var words = ["trace"]
        if random.chance(0.4) { words += random.pick([["--last", random.pick(Vocabulary.numbers)], ["--last=" + random.pick(Vocabulary.numbers)], ["--last"]]) }
        if random.chance(0.3) { words.append("--all") }
        if random.chance(0.4) { words.append(random.pick(["pod/web", "rs/x", "deploy/web", "pod/", "/", "x", "pods/web/x", "node/node01"])) }
        if random.chance(0.2) { words += random.pick([["--diagram"], ["--mermaid"], ["--svg", "t.svg"], ["--html", "t.html"], ["--svg"], ["--bogus"]]) }
        return words
    }

    private func network() -> [String] {
        let target = random.pick(["http://web", "web", "http://web.default.svc.cluster.local:80", "http://10.96.0.1", "http://web:99999", "http://web:-1", "http://", "", "kubernetes", "http://a.com", "http://[::1]", "https://x"])
        return random.chance(0.4) ? [random.pick(["-m", "--max-time", "-s", "-v", "-qO-", "-T", "--connect-timeout"]), random.pick(Vocabulary.numbers), target] : [target]
    }
}
