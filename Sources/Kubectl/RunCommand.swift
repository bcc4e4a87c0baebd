import Cluster
import Foundation

/// `kubectl run NAME --image=IMAGE [--port] [--expose] [--overrides=JSON] [--command] [-- ARGS...]`:
/// one Pod, and with `--expose` a ClusterIP Service in front of it.
struct RunCommand: KubectlCommand {
    static let name = "run"
    static let fieldManager: String? = "kubectl-run"
    static let flags: [Arguments.Flag] = [
        .init("image"), .init("labels", short: "l"), .init("port"), .init("restart"), .init("env"), .init("command", value: false),
        .init("dry-run"), .init("output", short: "o"), .init("image-pull-policy"), .init("annotations"), .init("privileged", value: false),
        .init("expose", value: false), .init("overrides"), .init("override-type"), .init("rm", value: false),
        .init("stdin", short: "i", value: false), .init("tty", short: "t", value: false), .init("attach", value: false),
        .init("leave-stdin-open", value: false), .init("quiet", short: "q", value: false), .init("save-config", value: false),
        .init("field-manager"), .init("pod-running-timeout"),
    ]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        guard arguments.has("image") else { throw .requiredFlags(["image"]) }
        let dryRun = try arguments.dryRun()
        let format = try Kubectl.writeFormat(arguments)
        guard let name = arguments.positionals.first else { throw .usage("NAME is required for run") }
        let image = arguments.value("image") ?? ""
        try validate(arguments, image: image, dryRun: dryRun)
        var pod = try RunCommand.pod(name: name, image: image, arguments: arguments)
        if let overrides = arguments.value("overrides"), !overrides.isEmpty {
            pod = try RunOverrides(text: overrides, type: arguments.value("override-type") ?? "merge").apply(to: pod)
        }
        guard arguments.bool("expose") else { return try kubectl.submit(pod, arguments: arguments) }
        let service = try RunCommand.service(for: pod, arguments: arguments)
        kubectl.submit(pod, then: service, format: format, dryRun: dryRun, arguments: arguments)
    }

    /// kubectl's checks before it builds anything, in its order.
    private func validate(_ arguments: Arguments, image: String, dryRun: String) throws(KubectlError) {
        if image.isEmpty { throw .message("--image is required") }
        guard ImageReference.isValid(image) else {
            throw .message("Invalid image name \(GoQuote.quote(image)): invalid reference format")
        }
        let interactive = arguments.bool("stdin")
        if arguments.bool("tty"), !interactive { throw .usage("-i/--stdin is required for containers with -t/--tty=true") }
        if arguments.bool("expose"), (arguments.value("port") ?? "").isEmpty { throw .usage("--port must be set when exposing a service") }
        let restart = arguments.value("restart") ?? "Always"
        guard ["Always", "OnFailure", "Never"].contains(restart) else { throw .usage("invalid restart policy: \(restart)") }
        let attach = arguments.has("attach") ? arguments.bool("attach") : interactive
        if !attach, arguments.bool("rm") { throw .usage("--rm should only be used for attached containers") }
        if attach, dryRun != "none" {
            throw .usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
        }
        let pullPolicy = arguments.value("image-pull-policy") ?? ""
        guard ["", "Always", "IfNotPresent", "Never"].contains(pullPolicy) else { throw .usage("invalid image pull policy: \(pullPolicy)") }
        if attach {
            throw .message("attaching to a container (-i, -t, --attach, --rm) is not simulated in stepkube; run the Pod without them, "
                           + "then use kubectl logs or kubectl exec")
        }
    }

    /// The Pod kubectl's generator builds: one container named after the Pod.
    static func pod(name: String, image: String, arguments: Arguments) throws(KubectlError) -> Pod {
        var container = Container(name: name, image: image)
        let extra = Array(arguments.positionals.dropFirst()) + arguments.trailing
        if arguments.bool("command") { container.command = extra.isEmpty ? nil : extra } else if !extra.isEmpty { container.args = extra }
        var env: [EnvVar] = []
        for pair in arguments.all("env") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, KeyRules.envVarNameProblems(parts[0]).isEmpty else { throw .message("invalid env: \(pair)") }
            env.append(EnvVar(name: parts[0], value: parts[1]))
        }
        if !env.isEmpty { container.env = env }
        let labels = try Arguments.labels(arguments.value("labels").flatMap { $0.isEmpty ? nil : $0 }) ?? ["run": name]
        var annotations: [String: String] = [:]
        for pair in arguments.all("annotations") {
            guard let equals = pair.firstIndex(of: "=") else { throw .message("invalid annotations format: \(pair)") }
            annotations[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        if let pullPolicy = arguments.value("image-pull-policy"), !pullPolicy.isEmpty { container.imagePullPolicy = pullPolicy }
        if arguments.bool("privileged") { container.securityContext = .object(["privileged": .bool(true)]) }
        if let port = try port(arguments) { container.ports = [ContainerPort(containerPort: port)] }
        var pod = Pod(metadata: ObjectMeta(name: name, labels: labels), spec: PodSpec(containers: [container]))
        if !annotations.isEmpty { pod.metadata.annotations = annotations }
        pod.spec.restartPolicy = arguments.value("restart") ?? "Always"
        pod.spec.dnsPolicy = "ClusterFirst"
        return pod
    }

    /// `--port`, any whole number (kubectl checks no range; the API server does).
    private static func port(_ arguments: Arguments) throws(KubectlError) -> Int32? {
        guard let text = arguments.value("port"), !text.isEmpty else { return nil }
        guard let number = Int(text) else { throw .message("strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax") }
        return Int32(clamping: number)
    }

    /// `--expose`: kubectl expose's generator on the Pod, a ClusterIP Service named after it,
    /// selecting (and labelled with) `--labels`, else `run=NAME`.
    static func service(for pod: Pod, arguments: Arguments) throws(KubectlError) -> Service {
        let given = try Arguments.labels(arguments.value("labels").flatMap { $0.isEmpty ? nil : $0 })
        var spec = ServiceSpec()
        spec.selector = given ?? ["run": pod.name]
        var port = ServicePort(port: try RunCommand.port(arguments) ?? 0)
        port.protocol = "TCP"
        port.targetPort = .int(Int(port.port))
        spec.ports = [port]
        var service = Service(metadata: ObjectMeta(name: pod.name, labels: given), spec: spec)
        service.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
        return service
    }
}
