import Cluster

/// `kubectl run NAME --image=IMAGE [-- COMMAND...]`: one Pod.
struct RunCommand: KubectlCommand {
    static let name = "run"
    static let flags: [Arguments.Flag] = [
        .init("image"), .init("labels", short: "l"), .init("port"), .init("restart"), .init("env"), .init("command", value: false),
        .init("dry-run"), .init("output", short: "o"), .init("image-pull-policy"),
        .init("rm", value: false), .init("stdin", short: "i", value: false), .init("tty", short: "t", value: false),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard let name = arguments.positionals.first else {
            throw .usage("NAME is required for run")
        }
        guard let image = arguments.value("image"), !image.isEmpty else {
            throw .requiredFlags(["image"])
        }
        let labels = try Arguments.labels(arguments.value("labels")) ?? ["run": name]
        var container = Container(name: name, image: image)
        let extra = arguments.trailing + Array(arguments.positionals.dropFirst())
        if arguments.bool("command") { container.command = extra } else if !extra.isEmpty { container.args = extra }
        if let port = try arguments.int("port") { container.ports = [ContainerPort(containerPort: Int32(clamping: port))] }
        container.imagePullPolicy = arguments.value("image-pull-policy")
        let env = arguments.all("env").compactMap { pair -> EnvVar? in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? EnvVar(name: parts[0], value: parts[1]) : nil
        }
        if !env.isEmpty { container.env = env }
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: kubectl.namespace(arguments), labels: labels), spec: PodSpec(containers: [container]))
        pod.spec.restartPolicy = arguments.value("restart") ?? "Always"
        pod.spec.dnsPolicy = "ClusterFirst"
        try kubectl.submit(pod, arguments: arguments)
    }
}
