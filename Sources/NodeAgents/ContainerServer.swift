import ClientKit

/// A running container that listens on a port of its Pod's address: what answers a
/// connection there, and what it says to an HTTP request.
public struct Listener {
    /// `namespace/name` of the Pod.
    public let pod: String
    public let hostname: String
    public let container: String
    /// The server program: nginx, httpd, agnhost ...
    public let program: String

    /// A reply to a request: an HTTP status line and body, or the first bytes of another protocol.
    public enum Reply: Equatable {
        case http(status: String, server: String, body: String)
        case notHTTP(String)
    }

    /// The program's answer to `GET path`, as the real image would give it.
    public func reply(to path: String, now: Timestamp) -> Reply {
        switch program {
        case "nginx":
            guard path == "/" || path == "/index.html" else {
                return .http(status: "404 Not Found", server: "nginx/1.27.3",
                             body: "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.3</center>\n</body>\n</html>\n")
            }
            return .http(status: "200 OK", server: "nginx/1.27.3", body: Listener.nginxWelcome)
        case "httpd":
            guard path == "/" || path == "/index.html" else {
                return .http(status: "404 Not Found", server: "Apache/2.4.62 (Unix)",
                             body: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n")
            }
            return .http(status: "200 OK", server: "Apache/2.4.62 (Unix)", body: "<html><body><h1>It works!</h1></body></html>\n")
        case "agnhost":
            // agnhost netexec: /hostname names the Pod, /echo?msg= echoes, / tells the time.
            let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
            switch route {
            case "/hostname": return .http(status: "200 OK", server: "", body: hostname)
            case "/echo":
                let message = path.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                return .http(status: "200 OK", server: "", body: message.removingPercentEncodingOrSelf)
            case "/", "": return .http(status: "200 OK", server: "", body: "NOW: \(now.rfc3339)")
            default: return .http(status: "404 Not Found", server: "", body: "404 page not found\n")
            }
        case "kube-apiserver": return .http(status: "400 Bad Request", server: "", body: "Client sent an HTTP request to an HTTPS server.\n")
        case "mysql": return .notHTTP("MySQL handshake")
        case "redis": return .notHTTP("Redis protocol")
        case "postgres": return .notHTTP("PostgreSQL protocol")
        case "coredns": return .notHTTP("DNS")
        default: return .http(status: "404 Not Found", server: "", body: "404 page not found\n")
        }
    }

    /// The ports a server program listens on, given its container's command line.
    static func ports(of program: String, arguments: [String]) -> [Int32] {
        switch program {
        case "nginx", "httpd": return [80]
        case "agnhost":
            let flag = arguments.first { $0.hasPrefix("--http-port=") }.flatMap { Int32($0.dropFirst("--http-port=".count)) }
            return arguments.contains("netexec") ? [flag ?? 8080] : []
        case "redis": return [6379]
        case "mysql": return [3306]
        case "postgres": return [5432]
        case "coredns": return [53, 8080, 8181, 9153]
        case "ingress-nginx": return [80, 443]
        case "kube-apiserver": return [6443]
        case "etcd": return [2379, 2380]
        default: return []
        }
    }

    static let nginxWelcome = """
    <!DOCTYPE html>
    <html>
    <head>
    <title>Welcome to nginx!</title>
    <style>
    html { color-scheme: light dark; }
    body { width: 35em; margin: 0 auto;
    font-family: Tahoma, Verdana, Arial, sans-serif; }
    </style>
    </head>
    <body>
    <h1>Welcome to nginx!</h1>
    <p>If you see this page, the nginx web server is successfully installed and
    working. Further configuration is required.</p>

    <p>For online documentation and support please refer to
    <a href="http://nginx.org/">nginx.org</a>.<br/>
    Commercial support is available at
    <a href="http://nginx.com/">nginx.com</a>.</p>

    <p><em>Thank you for using nginx.</em></p>
    </body>
    </html>

    """
}

extension String {
    var removingPercentEncodingOrSelf: String { removingPercentEncoding ?? self }
}

extension Kubelet {
    /// What a connection to `ip:port` on this node finds.
    public enum Answer {
        /// No Pod of this node has the address.
        case noPod
        /// The Pod exists but nothing listens on the port (or its containers are not running).
        case refused(pod: String)
        case listening(Listener)
    }

    /// The Pod of this node that holds `ip`, and the running container listening on `port`.
    public func answer(ip: String, port: Int32) -> Answer {
        let holders = runtimes.filter { $0.value.ip == ip }.sorted { $0.key < $1.key }
        for (key, runtime) in holders where !runtime.terminating {
            guard let pod = pods.get(key) else { continue }
            for (index, container) in runtime.containers.enumerated() where container.isRunning && index < pod.spec.containers.count {
                guard case .pulled(_, let program) = ImageCatalogue.pull(container.image), case .server(let name) = program else { continue }
                let spec = pod.spec.containers[index]
                let arguments = (spec.command ?? []) + (spec.args ?? [])
                if Listener.ports(of: name, arguments: arguments).contains(port) {
                    return .listening(Listener(pod: key, hostname: pod.spec.hostname ?? pod.name, container: container.name, program: name))
                }
            }
        }
        guard let holder = holders.first(where: { !$0.value.hostNetwork }) ?? holders.first else { return .noPod }
        return .refused(pod: holder.key)
    }

    /// The Pod on this node with its own address `ip` (not the node's), if any.
    public func pod(withIP ip: String) -> Pod? {
        runtimes.filter { $0.value.ip == ip && !$0.value.hostNetwork }.keys.sorted().first.flatMap { pods.get($0) }
    }
}
