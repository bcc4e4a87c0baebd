import ClusterDNS
import NodeAgents

/// curl, wget and nslookup as a student runs them on a node or in a container, over the
/// simulated network. `trace` holds the hops, for the terminal, apart from what the tool prints.
public struct ToolRun {
    public var output = ""
    public var trace: [String] = []
    /// The tool's exit status, which `kubectl exec` reports when it is not 0.
    public var status: Int32 = 0
}

extension Network {
    /// Runs the network tool `name` (curl, wget or nslookup) from `origin`; nil for any other command.
    public func tool(_ name: String, _ arguments: [String], from origin: Origin) -> ToolRun? {
        switch name {
        case "curl": curl(arguments, from: origin)
        case "wget": wget(arguments, from: origin)
        case "nslookup": nslookup(arguments, from: origin)
        default: nil
        }
    }

    /// A URL's parts: `http://web.default:8080/path` → ("web.default", 8080, "/path").
    public static func parseURL(_ text: String) -> (host: String, port: Int32, path: String)? {
        var rest = Substring(text)
        if let scheme = rest.range(of: "://") {
            guard rest[..<scheme.lowerBound].lowercased() == "http" else { return nil }
            rest = rest[scheme.upperBound...]
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let path = rest.dropFirst(authority.count)
        let parts = authority.split(separator: ":", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty else { return nil }
        let port = parts.count == 2 ? Int32(parts[1]) : 80
        guard let port, (1...65535).contains(port) else { return nil }
        return (String(host), port, path.isEmpty ? "/" : String(path))
    }

    /// `curl [-s] [-v] [-I] [-H "Host: NAME"] [-m SECONDS] [--connect-timeout SECONDS] URL`
    public func curl(_ arguments: [String], from origin: Origin) -> ToolRun {
        var run = ToolRun()
        var url: String?
        var head = false
        var maxTime: Double?
        var virtualHost: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            switch word {
            case "-I", "--head": head = true
            case "-m", "--max-time", "--connect-timeout":
                // curl's str2udouble: a number from 0 to LONG_MAX/1000 seconds.
                let problem: String?
                if index + 1 < arguments.count, let seconds = Double(arguments[index + 1]), seconds.isFinite {
                    maxTime = seconds
                    problem = seconds < 0 ? "expected a positive numerical parameter" : seconds > Double(Int.max) / 1000 ? "too large number" : nil
                } else {
                    problem = index + 1 < arguments.count ? (Double(arguments[index + 1]) == nil ? "expected a proper numerical parameter" : "too large number") : "requires parameter"
                }
                if let problem {
                    run.output = "curl: option \(word): \(problem)\ncurl: try 'curl --help' or 'curl --manual' for more information\n"
                    run.status = 2
                    return run
                }
                index += 1
            case "-H", "--header":
                let header = index + 1 < arguments.count ? arguments[index + 1] : ""
                if header.lowercased().hasPrefix("host:") { virtualHost = header.dropFirst(5).trimmingCharacters(in: .whitespaces) }
                index += 1
            case "-o", "-w", "-X", "-d":
                index += 1
            default:
                if !word.hasPrefix("-") { url = word }
            }
            index += 1
        }
        guard let url else {
            run.output = "curl: try 'curl --help' or 'curl --manual' for more information\n"
            run.status = 2
            return run
        }
        guard let (host, port, path) = Network.parseURL(url) else {
            run.output = "curl: (3) URL rejected: Bad hostname\n"
            run.status = 3
            return run
        }
        let trip = request(host, port: port, path: path, from: origin, virtualHost: virtualHost)
        run.trace = trip.hops
        let timeout = maxTime.map { "Connection timed out after \(Int($0 * 1000) + 1) milliseconds" }
        switch trip.outcome {
        case .answered(_, .http(let status, let server, let body)):
            run.output = head ? "HTTP/1.1 \(status)\n" + (server.isEmpty ? "" : "Server: \(server)\n") + "Content-Length: \(body.utf8.count)\n\n" : body
        case .answered(_, .notHTTP):
            run.output = "curl: (1) Received HTTP/0.9 when not allowed\n"
            run.status = 1
        case .unresolved(let name):
            run.output = "curl: (6) Could not resolve host: \(name)\n"
            run.status = 6
        case .refused(_, let port):
            run.output = "curl: (7) Failed to connect to \(host) port \(port) after 0 ms: Couldn't connect to server\n"
            run.status = 7
        case .timedOut(_, let port):
            run.output = "curl: (28) " + (timeout ?? "Failed to connect to \(host) port \(port) after 134216 ms: Couldn't connect to server") + "\n"
            run.status = 28
        }
        return run
    }

    /// busybox `wget [-q] [-O FILE|-O-] [-T SECONDS] [--spider] URL`
    public func wget(_ arguments: [String], from origin: Origin) -> ToolRun {
        var run = ToolRun()
        var url: String?
        var quiet = false
        var toStdout = false
        var spider = false
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            switch word {
            case "-q": quiet = true
            case "-qO-", "-qO", "-q-O-": quiet = true; toStdout = true
            case "-O-": toStdout = true
            case "-O":
                toStdout = index + 1 < arguments.count && arguments[index + 1] == "-"
                index += 1
            case "--spider", "-s": spider = true
            case "-T", "--timeout": index += 1
            default:
                if !word.hasPrefix("-") { url = word }
            }
            index += 1
        }
        guard let url, let (host, port, path) = Network.parseURL(url) else {
            run.output = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n"
            run.status = 1
            return run
        }
        let trip = request(host, port: port, path: path, from: origin)
        run.trace = trip.hops
        let connecting = quiet ? "" : "Connecting to \(host)\(port == 80 ? "" : ":\(port)")\n"
        switch trip.outcome {
        case .answered(_, .http(let status, _, let body)):
            guard status.hasPrefix("200") else {
                run.output = connecting + "wget: server returned error: HTTP/1.1 \(status)\n"
                run.status = 1
                return run
            }
            if spider {
                run.output = connecting + (quiet ? "" : "remote file exists\n")
            } else if toStdout {
                run.output = connecting + (quiet ? "" : "writing to stdout\n") + body + (quiet ? "" : "-                    100% |********************************|   \(body.utf8.count)  0:00:00 ETA\nwritten to stdout\n")
            } else {
                run.output = connecting + (quiet ? "" : "saving to 'index.html'\nindex.html           100% |********************************|   \(body.utf8.count)  0:00:00 ETA\n'index.html' saved\n")
            }
        case .answered(_, .notHTTP):
            run.output = connecting + "wget: bad header line: \u{FFFD}\n"
            run.status = 1
        case .unresolved(let name):
            run.output = "wget: bad address '\(name)'\n"
            run.status = 1
        case .refused(let ip, _):
            run.output = connecting + "wget: can't connect to remote host (\(ip)): Connection refused\n"
            run.status = 1
        case .timedOut:
            run.output = connecting + "wget: download timed out\n"
            run.status = 1
        }
        return run
    }

    /// busybox `nslookup NAME`, as a Pod (or a node) resolves it.
    public func nslookup(_ arguments: [String], from origin: Origin) -> ToolRun {
        var run = ToolRun()
        guard let name = arguments.first(where: { !$0.hasPrefix("-") }) else {
            run.output = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n"
            run.status = 1
            return run
        }
        let result = lookup(name, from: origin)
        run.trace = result.hops
        let server = {
            if case .pod(let pod) = origin, !Network.usesNodeResolver(pod) { return CoreDNS.serviceIP }
            return "127.0.0.53"
        }()
        if result.timedOut {
            run.output = ";; connection timed out; no servers could be reached\n\n"
            run.status = 1
            return run
        }
        var text = "Server:\t\t\(server)\nAddress:\t\(server):53\n\n"
        switch result.answer {
        case .addresses(let addresses):
            text += addresses.map { "Name:\t\(result.name)\nAddress: \($0)\n" }.joined() + "\n"
        case .canonicalName(let target):
            text += "\(result.name)\tcanonical name = \(target)\n\n"
        case .nameError, .upstream:
            text += "** server can't find \(name): NXDOMAIN\n\n"
            run.status = 1
        }
        run.output = text
        return run
    }
}
