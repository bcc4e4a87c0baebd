/// The images the simulated registry holds: repository, tags and size. Anything else fails to pull
/// the way containerd reports it.
public enum ImageCatalogue {
    struct Repository {
        let tags: [String]
        let megabytes: Int
        /// What the image runs when the Pod gives no command.
        let program: Program
    }

    static let repositories: [String: Repository] = [
        "docker.io/library/nginx": Repository(tags: ["latest", "1.7.9", "1.9.1", "1.14.2", "1.16", "1.19", "1.21", "1.25", "1.26", "1.27", "alpine", "stable"], megabytes: 72, program: .server("nginx")),
        "docker.io/library/busybox": Repository(tags: ["latest", "1.25", "1.28", "1.35", "1.36", "stable"], megabytes: 2, program: .shell),
        "docker.io/library/alpine": Repository(tags: ["latest", "3.18", "3.19", "3.20"], megabytes: 4, program: .shell),
        "docker.io/library/ubuntu": Repository(tags: ["latest", "20.04", "22.04", "24.04"], megabytes: 29, program: .shell),
        "docker.io/library/redis": Repository(tags: ["latest", "6", "7", "alpine"], megabytes: 45, program: .server("redis")),
        "docker.io/library/httpd": Repository(tags: ["latest", "2.4", "alpine"], megabytes: 58, program: .server("httpd")),
        "docker.io/library/mysql": Repository(tags: ["latest", "5.7", "8.0", "8.4"], megabytes: 170, program: .server("mysql")),
        "docker.io/library/postgres": Repository(tags: ["latest", "15", "16", "17"], megabytes: 150, program: .server("postgres")),
        "docker.io/fluent/fluentd": Repository(tags: ["latest", "v1.16-1"], megabytes: 40, program: .server("fluentd")),
        "quay.io/fluentd_elasticsearch/fluentd": Repository(tags: ["v2.5.2", "v3.0.1"], megabytes: 60, program: .server("fluentd")),
        "docker.io/curlimages/curl": Repository(tags: ["latest", "8.10.1", "8.11.0"], megabytes: 12, program: .shell),
        "registry.k8s.io/e2e-test-images/agnhost": Repository(tags: ["2.39", "2.52", "2.53"], megabytes: 52, program: .server("agnhost")),
        "registry.k8s.io/coredns/coredns": Repository(tags: ["v1.11.3"], megabytes: 18, program: .server("coredns")),
        "registry.k8s.io/kube-proxy": Repository(tags: ["v1.32.0"], megabytes: 30, program: .server("kube-proxy")),
        "registry.k8s.io/ingress-nginx/controller": Repository(tags: ["v1.12.0"], megabytes: 105, program: .server("ingress-nginx")),
        "registry.k8s.io/pause": Repository(tags: ["3.10"], megabytes: 1, program: .server("pause")),
        "registry.k8s.io/etcd": Repository(tags: ["3.5.16-0"], megabytes: 57, program: .server("etcd")),
        "registry.k8s.io/kube-apiserver": Repository(tags: ["v1.32.0"], megabytes: 28, program: .server("kube-apiserver")),
        "registry.k8s.io/kube-controller-manager": Repository(tags: ["v1.32.0"], megabytes: 26, program: .server("kube-controller-manager")),
        "registry.k8s.io/kube-scheduler": Repository(tags: ["v1.32.0"], megabytes: 20, program: .server("kube-scheduler")),
    ]

    /// `nginx:1.7.9` → (`docker.io/library/nginx`, `1.7.9`), as containerd normalizes references.
    public static func normalize(_ image: String) -> (repository: String, tag: String) {
        var name = image
        var tag = "latest"
        if let at = name.firstIndex(of: "@") {
            tag = String(name[name.index(after: at)...])
            name = String(name[..<at])
        } else if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = String(name[..<colon])
        }
        let parts = name.split(separator: "/")
        let hasRegistry = parts.count > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost")
        if !hasRegistry { name = "docker.io/" + (parts.count == 1 ? "library/" : "") + name }
        return (name, tag)
    }

    public static func fullReference(_ image: String) -> String {
        let (repository, tag) = normalize(image)
        return tag.hasPrefix("sha256:") ? "\(repository)@\(tag)" : "\(repository):\(tag)"
    }

    enum PullResult {
        case pulled(megabytes: Int, program: Program)
        case failed(String)
    }

    static func pull(_ image: String) -> PullResult {
        let (repository, tag) = normalize(image)
        let reference = fullReference(image)
        guard let entry = repositories[repository] else {
            return .failed("rpc error: code = Unknown desc = failed to pull and unpack image \"\(reference)\": failed to resolve reference \"\(reference)\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
        }
        guard entry.tags.contains(tag) || tag.hasPrefix("sha256:") else {
            return .failed("rpc error: code = NotFound desc = failed to pull and unpack image \"\(reference)\": failed to resolve reference \"\(reference)\": \(reference): not found")
        }
        return .pulled(megabytes: entry.megabytes, program: entry.program)
    }

    /// Simulated pull time: a fixed start-up plus the layers at about 40 MB/s.
    static func pullMilliseconds(megabytes: Int) -> Int64 { 400 + Int64(megabytes) * 25 }
}
