/// The words a hostile student types: names, kinds and values, right and wrong.
enum Vocabulary {
    /// Integers at and past every boundary a parser meets, and things that only look like numbers.
    static let numbers = [
        "0", "1", "2", "3", "5", "10", "-1", "-0", "+1", "007", "0x10", "1_000", "1e3", "1.5", ".5", "1.", "",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "99999999999999999999999999999", "1e400", "-1e400", "1e-400", "NaN", "inf", "-inf",
        "٣", "５", "1 2", " 7", "x",
    ]

    /// Numbers that keep a command bounded when they are accepted.
    static let modestNumbers = ["0", "1", "2", "3", "5", "10", "-1", "-0", "+1", "007", "1e3", "x", "", "2147483648", "9223372036854775808"]

    static let durations = [
        "0", "0s", "1s", "5s", "30s", "1m", "5m", "1h", "1h30m", "1.5h", "-5s", "-1h", "5", "s", "", "1ns", "1us", "1µs",
        "9e18s", "1000000h", "2562047h", "2562048h", "9223372036854775807ms", "9223372036854775807", "1e400s", "abc", "1d", "1w",
    ]

    static let names = [
        "web", "api", "nginx", "x", "db", "web-1", "myapp", "test", "default", "kubernetes", "kube-dns", "coredns",
        "node01", "node02", "controlplane", "a.b.c", "1", "-1", "", "-", "Web", "a_b", "ünï", "😀", "a b",
        String(repeating: "a", count: 64), String(repeating: "b", count: 254), String(repeating: "c", count: 2000),
    ]

    /// A prefix no generated object carries, for commands that name objects that do not exist.
    static let missingPrefix = "zz-missing-"

    static let namespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "dev", "prod", "", "NS", "no such", "a-very-long-" + String(repeating: "n", count: 60)]

    static let types = [
        "pods", "po", "pod", "deploy", "deployments.apps", "rs", "replicasets", "sts", "ds", "jobs", "cj", "cronjobs",
        "svc", "services", "ep", "endpointslices", "ns", "nodes", "no", "pv", "pvc", "sc", "cm", "configmaps", "secrets",
        "ing", "netpol", "events", "ev", "all", "controllerrevisions", "leases", "serviceaccounts", "podz", "", "pods,svc",
        "deploy,rs,po", "Pod", "PODS", "pods.", ".pods", "v1", "pods/x",
    ]

    static let images = ["nginx", "nginx:1.7.9", "nginx:1.25", "busybox", "busybox:1.36", "redis", "httpd:2.4", "", "bad image", "nginx:@@", "NGINX", "nosuchimage:9", "ghcr.io/x/y:latest", "nginx@sha256:abc", String(repeating: "i", count: 1000)]

    static let outputFormats = ["yaml", "json", "wide", "name", "jsonpath={.items[*].metadata.name}", "jsonpath={", "jsonpath={.items[9223372036854775807]}", "jsonpath={.items[-9223372036854775808:]}", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}", "jsonpath={..}", "jsonpath={.items[?(@.x==1e400)]}", "custom-columns=NAME:.metadata.name", "custom-columns=", "custom-columns=A:{", "go-template={{.}}", "bogus", "", "jsonpath-as-json={.kind}"]

    static let selectors = ["app=web", "app!=web", "app in (web,api)", "app notin (web)", "!app", "app", "app=web,tier=fe", "!", ",", "app=", "=web", "app in (web", "a b", "app==web", "x>1", "app=" + String(repeating: "v", count: 64), "ü=1", ""]

    /// Words with characters that break parsers: quotes, controls, the bidi override, NUL.
    static let oddWords = [
        "\u{0}", "\u{1}", "\u{7}", "\u{1B}[2J", "\u{7F}", "\u{FEFF}", "\u{202E}", "\u{FFFD}", "\u{10FFFF}", "e\u{301}",
        "\u{1F469}\u{200D}\u{1F4BB}", "'", "\"", "\\", "$", "`", "${", "$(", "{}", "[]", "%s", "%n", "%*d", "{{", "--", "-", "=", "\t",
    ]

    static let components = ["kube-scheduler", "scheduler", "kube-apiserver", "apiserver", "replicaset-controller", "deployment-controller", "kubelet", "kubelet@node01", "kube-proxy", "coredns", "etcd", "nobody", "", "kubelet@"]
}
