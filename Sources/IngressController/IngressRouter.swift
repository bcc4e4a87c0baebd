import KubeModel

/// How ingress-nginx picks a backend for a request: the Ingresses of its classes merged per
/// host, a rule for the request's host before the rules without a host, then the longest
/// matching path (an Exact path before a Prefix one of the same length).
public struct IngressRouter {
    /// Where a request goes: the Ingress and rule that matched, and the Service port it names.
    public struct Route {
        public let ingress: Ingress
        public let backend: IngressBackend.ServiceBackend
        /// `foo.com /app (Prefix)`, for the trace.
        public let rule: String
        /// The path the backend receives (changed by the rewrite-target annotation).
        public let path: String
    }

    public static let rewriteTarget = "nginx.ingress.kubernetes.io/rewrite-target"
    let ingresses: [Ingress]

    /// `ingresses` are those of the controller's classes.
    public init(ingresses: [Ingress]) {
        self.ingresses = ingresses.sorted { ($0.metadata.creationTimestamp?.seconds ?? 0, $0.key) < ($1.metadata.creationTimestamp?.seconds ?? 0, $1.key) }
    }

    public func route(host rawHost: String, path rawPath: String) -> Route? {
        let host = (rawHost.split(separator: ":").first.map(String.init) ?? rawHost).lowercased()
        let path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? rawPath
        var best: (route: Route, score: (Int, Int, Int))?
        for ingress in ingresses {
            for rule in ingress.spec.rules ?? [] {
                let hostScore = IngressRouter.hostScore(rule.host, host)
                guard hostScore > 0 else { continue }
                for candidate in rule.http?.paths ?? [] {
                    let pattern = candidate.path ?? "/"
                    let type = candidate.pathType ?? "Prefix"
                    guard let service = candidate.backend.service, IngressRouter.matches(path, pattern: pattern, type: type) else { continue }
                    let score = (hostScore, pattern.count, type == "Exact" ? 1 : 0)
                    if let current = best, current.score >= score { continue }
                    let rewritten = ingress.metadata.annotations?[IngressRouter.rewriteTarget] ?? path
                    best = (Route(ingress: ingress, backend: service, rule: "\(rule.host ?? "*") \(pattern) (\(type))", path: rewritten), score)
                }
            }
        }
        if let best { return best.route }
        // No rule matched: an Ingress's default backend serves the rest.
        for ingress in ingresses {
            if let service = ingress.spec.defaultBackend?.service {
                return Route(ingress: ingress, backend: service, rule: "default backend", path: path)
            }
        }
        return nil
    }

    /// 2 for the exact host or a matching wildcard, 1 for a rule without a host, 0 for no match.
    static func hostScore(_ ruleHost: String?, _ host: String) -> Int {
        guard let ruleHost = ruleHost?.lowercased(), !ruleHost.isEmpty else { return 1 }
        if ruleHost == host { return 2 }
        if ruleHost.hasPrefix("*."), let dot = host.firstIndex(of: "."), host[host.index(after: dot)...] == ruleHost.dropFirst(2) { return 2 }
        return 0
    }

    /// Exact compares whole paths; Prefix compares path elements (`/foo` matches `/foo/bar`,
    /// not `/foobar`); ImplementationSpecific is nginx's plain prefix match.
    static func matches(_ path: String, pattern: String, type: String) -> Bool {
        switch type {
        case "Exact": return path == pattern
        case "Prefix":
            let wanted = pattern.split(separator: "/")
            let given = path.split(separator: "/")
            return given.count >= wanted.count && Array(given.prefix(wanted.count)) == wanted
        default: return path.hasPrefix(pattern)
        }
    }
}
