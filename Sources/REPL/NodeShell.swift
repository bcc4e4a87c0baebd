import Cluster

/// The shells of the cluster's machines. The REPL starts on `controlplane`, where kubectl has
/// its kubeconfig; `ssh NODE` logs in to another machine as root, where the node's own tools
/// show what its agents did: `iptables-save` prints the rules kube-proxy wrote there.
struct NodeShell {
    /// The machines logged in to, outermost first; the last is where commands run.
    private(set) var hosts = [NodeShell.home]
    static let home = "controlplane"

    var host: String { hosts.last ?? NodeShell.home }
    var isHome: Bool { hosts.count == 1 }

    /// The shell prompt: the stepper's own at home, root's on a node logged in to.
    func prompt(mode: Session.Mode) -> String {
        isHome ? "stepkube \(mode == .step ? "[step] " : "")$ " : "root@\(host):~# "
    }

    /// Runs a machine command, or returns nil when `command` is not one.
    mutating func run(_ command: String, _ arguments: [String], cluster: Cluster) -> String? {
        switch command {
        case "ssh":
            guard let target = arguments.last(where: { !$0.hasPrefix("-") }) else {
                return "usage: ssh [-i identity_file] [-l login_name] [-p port] destination [command]\n"
            }
            let name = target.split(separator: "@").last.map(String.init) ?? target
            guard cluster.proxies[name] != nil else { return "ssh: Could not resolve hostname \(name): Name or service not known\n" }
            hosts.append(name)
            return ""
        case "exit", "logout":
            guard !isHome else { return nil }
            let left = hosts.removeLast()
            return "logout\nConnection to \(left) closed.\n"
        case "kubectl", "k":
            // Only controlplane has a kubeconfig; on a worker kubectl falls back to localhost:8080.
            guard !isHome else { return nil }
            return "E\(NodeShell.klogTime(cluster.server.now))    2345 memcache.go:265] couldn't get current server API group list: Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused\n"
                + "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n"
        case "hostname":
            return host + "\n"
        case "iptables-save":
            var table: String?
            var index = 0
            while index < arguments.count {
                let word = arguments[index]
                if word == "-t" || word == "--table", index + 1 < arguments.count {
                    table = arguments[index + 1]
                    index += 1
                } else if word.hasPrefix("--table=") {
                    table = String(word.dropFirst(8))
                } else if word.hasPrefix("-t"), word.count > 2 {
                    table = String(word.dropFirst(2))
                }
                index += 1
            }
            if let table, !["nat", "filter", "mangle", "raw", "security"].contains(table) {
                return "iptables-save v1.8.9 (nf_tables): Couldn't load match or target `\(table)':No such file or directory\n"
            }
            guard let proxy = cluster.proxies[host] else { return "" }
            if let table, table != "nat", table != "filter" { return "" }
            return proxy.rules.save(table: table, date: cluster.server.now.ctime)
        default:
            return nil
        }
    }

    /// klog's time stamp: `0921 14:13:21.000000`.
    static func klogTime(_ time: Timestamp) -> String {
        let stamp = time.rfc3339
        let month = stamp.dropFirst(5).prefix(2), day = stamp.dropFirst(8).prefix(2), clock = stamp.dropFirst(11).prefix(8)
        return "\(month)\(day) \(clock).000000"
    }
}
