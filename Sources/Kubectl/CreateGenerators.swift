import Cluster
import KubeYAML

/// The objects `kubectl create KIND NAME` builds from flags, as kubectl's generators build them.
extension CreateCommand {
    typealias Generator = @Sendable (String, Arguments, Kubectl) throws(KubectlError) -> any APIObject

    /// One `kubectl create KIND NAME` subcommand: the words that name it, its own flags beyond
    /// the writing ones, the flags cobra requires before NAME is looked at, what it builds, and
    /// how it words a refused create (`failed to create configmap: ...`, else the server's error).
    struct Subcommand: Sendable {
        let path: [String]
        let flags: [Arguments.Flag]
        var required: [String] = []
        var failure: String? = nil
        let build: Generator
    }

    static let subcommands: [Subcommand] = [
        Subcommand(path: ["namespace"], flags: [], build: namespace),
        Subcommand(path: ["deployment"], flags: [.init("image"), .init("replicas", short: "r", integerBits: 32), .init("port", integerBits: 32)],
                   required: ["image"], build: deployment),
        Subcommand(path: ["job"], flags: [.init("image"), .init("from")], build: job),
        Subcommand(path: ["cronjob"], flags: [.init("image"), .init("schedule"), .init("restart")], required: ["image", "schedule"], build: cronJob),
        Subcommand(path: ["ingress"], flags: [.init("rule"), .init("class"), .init("default-backend"), .init("annotation")], build: ingress),
        Subcommand(path: ["configmap"], flags: dataSourceFlags, failure: "failed to create configmap", build: configMap),
        Subcommand(path: ["secret", "generic"], flags: dataSourceFlags + [.init("type")], failure: "failed to create secret", build: genericSecret),
        Subcommand(path: ["secret", "docker-registry"],
                   flags: [.init("docker-username"), .init("docker-password"), .init("docker-email"), .init("docker-server"), .init("from-file"),
                           .init("append-hash", value: false)], failure: "failed to create secret", build: dockerRegistrySecret),
        Subcommand(path: ["secret", "tls"], flags: [.init("cert"), .init("key"), .init("append-hash", value: false)], failure: "failed to create secret",
                   build: tlsSecret),
        Subcommand(path: ["serviceaccount"], flags: [], build: serviceAccount),
        Subcommand(path: ["service", "clusterip"], flags: [.init("tcp"), .init("clusterip")], build: service("ClusterIP")),
        Subcommand(path: ["service", "nodeport"], flags: [.init("tcp"), .init("node-port", integerBits: 64)], build: service("NodePort")),
        Subcommand(path: ["service", "loadbalancer"], flags: [.init("tcp")], build: service("LoadBalancer")),
        Subcommand(path: ["service", "externalname"], flags: [.init("tcp"), .init("external-name")], required: ["external-name"],
                   build: service("ExternalName")),
    ]

    /// The subcommand the first positionals name, aliases (`deploy`, `svc` ...) taken as kubectl takes them.
    static func subcommand(_ words: some Collection<String>) -> Subcommand? {
        let words = words.map { Kubectl.subcommandAliases[$0] ?? $0 }
        return subcommands.first { words.starts(with: $0.path) }
    }

    private static func namespace(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        var namespace = Namespace(name: name)
        namespace.spec = NamespaceSpec(finalizers: nil)
        return namespace
    }

    /// `kubectl create deployment NAME --image=IMAGE... [--replicas=N] [--port=P] [-- COMMAND]`.
    private static func deployment(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        let images = arguments.all("image")
        if images.count > 1, !arguments.trailing.isEmpty { throw .message("cannot specify multiple --image options and command") }
        // Like kubectl, each container is named after its image, even when two names collide.
        var containers = images.map { Container(name: imageName($0), image: $0) }
        if !arguments.trailing.isEmpty { containers[0].command = arguments.trailing }
        if let port = try arguments.int("port") { containers[0].ports = [ContainerPort(containerPort: Int32(truncatingIfNeeded: port))] }
        let labels = ["app": name]
        var spec = DeploymentSpec(replicas: Int32(truncatingIfNeeded: try arguments.int("replicas") ?? 1), selector: LabelSelector(matchLabels: labels),
                                  template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: containers)))
        spec.strategy = DeploymentStrategy(type: nil)
        return Deployment(metadata: ObjectMeta(name: name, labels: labels), spec: spec)
    }

    /// The container name kubectl derives from an image: its last path part without tag or
    /// digest, `_` turned into `-` (`quay.io/fluentd_elasticsearch/fluentd:v2.5.2` → `fluentd`).
    static func imageName(_ image: String) -> String {
        var name = String(image.split(separator: "/").last ?? "")
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        return name.replacingOccurrences(of: "_", with: "-")
    }

    /// `kubectl create job NAME --image=IMAGE [-- COMMAND]`, or `--from=cronjob/NAME`.
    private static func job(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        if let from = arguments.value("from") {
            let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["cronjob", "cronjobs", "cj", "cronjob.batch", "cronjobs.batch"].contains(parts[0].lowercased()) else {
                throw .message("from must be an existing cronjob: unknown object type \(parts.first ?? from)")
            }
            guard let cronJob = kubectl.client.get(CronJob.self, namespace: kubectl.namespace(arguments), name: parts[1]).value else {
                throw .raw(Kubectl.serverError(.notFound(CronJob.type, parts[1])))
            }
            var metadata = ObjectMeta(name: name, labels: cronJob.spec.jobTemplate?.metadata?.labels)
            metadata.annotations = (cronJob.spec.jobTemplate?.metadata?.annotations ?? [:]).merging(["cronjob.kubernetes.io/instantiate": "manual"]) { $1 }
            metadata.ownerReferences = [cronJob.ownerReference(controller: true)]
            return Job(metadata: metadata, spec: cronJob.spec.jobTemplate?.spec ?? JobSpec())
        }
        guard let image = arguments.value("image") else { throw .message("either --image or --from must be specified") }
        var spec = JobSpec()
        spec.template = batchTemplate(name, image: image, arguments: arguments, restartPolicy: "Never")
        return Job(metadata: ObjectMeta(name: name), spec: spec)
    }

    /// `kubectl create cronjob NAME --image=IMAGE --schedule=CRON [--restart=POLICY] [-- COMMAND]`.
    private static func cronJob(_ name: String, _ arguments: Arguments, _ kubectl: Kubectl) throws(KubectlError) -> any APIObject {
        var jobSpec = JobSpec()
        jobSpec.template = batchTemplate(name, image: arguments.value("image") ?? "", arguments: arguments,
                                         restartPolicy: arguments.value("restart") ?? "OnFailure")
        var spec = CronJobSpec()
        spec.schedule = arguments.value("schedule")
        spec.jobTemplate = JobTemplateSpec(metadata: ObjectMeta(name: name), spec: jobSpec)
        return CronJob(metadata: ObjectMeta(name: name), spec: spec)
    }

    private static func batchTemplate(_ name: String, image: String, arguments: Arguments, restartPolicy: String) -> PodTemplateSpec {
        var container = Container(name: name, image: image)
        if !arguments.trailing.isEmpty { container.command = arguments.trailing }
        var podSpec = PodSpec(containers: [container])
        podSpec.restartPolicy = restartPolicy
        return PodTemplateSpec(metadata: ObjectMeta(), spec: podSpec)
    }
}

extension Kubectl {
    /// The -o formats of kubectl's writing commands (create, run, expose), as their error lists them.
    static let writeFormats = ["go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name",
                               "template", "templatefile", "yaml"]

    /// `-o`, checked against the formats kubectl's writing commands know.
    static func writeFormat(_ arguments: Arguments) throws(KubectlError) -> String? {
        let format = arguments.value("output")
        if let format, !Kubectl.writeFormats.contains(String(format.prefix { $0 != "=" })) {
            throw .message("unable to match a printer suitable for the output format \(GoQuote.quote(format)), allowed formats are: "
                           + Kubectl.writeFormats.joined(separator: ","))
        }
        // A template is read before anything is sent, so a bad one fails the command first.
        if let format, format.hasPrefix("jsonpath") { _ = try OutputFormat(format, noHeaders: false, directory: "") }
        return format
    }

    /// Creates an object kubectl built itself, honouring `--dry-run=client|server` and `-o`.
    func submit(_ built: any APIObject, arguments: Arguments, verb: String = "created", failure: String? = nil) throws(KubectlError) {
        let object = Kubectl.namespaced(built, arguments)
        let dryRun = try arguments.dryRun()
        let format = try Kubectl.writeFormat(arguments)
        if dryRun == "client" { return console.write(Kubectl.created(object, format: format, verb: verb, dryRun: dryRun).withNewline(unless: format)) }
        send(createRequest(object, arguments, dryRun: dryRun)) { [console] result in
            switch result {
            case .success(let created): console.out(Kubectl.created(created, format: format, verb: verb, dryRun: dryRun))
            case .failure(let error): console.err(failure.map { "error: \($0): \(error.message)" } ?? Kubectl.serverError(error))
            }
        }
    }

    /// Creates `first` and then `second`, printing `second` first, as `kubectl run --expose` creates
    /// its Pod and then the Service, printing the Service as it is created and the Pod last.
    func submit(_ first: any APIObject, then second: any APIObject, format: String?, dryRun: String, arguments: Arguments) {
        let first = Kubectl.namespaced(first, arguments), second = Kubectl.namespaced(second, arguments)
        // kubectl prints its own `---` between the two YAML documents, and then its printer's.
        let separator = format == "yaml" ? "---\n---\n" : ""
        func both(_ created: any APIObject, _ then: any APIObject) -> String {
            Kubectl.created(then, format: format, verb: "created", dryRun: dryRun) + "\n" + separator
                + Kubectl.created(created, format: format, verb: "created", dryRun: dryRun)
        }
        if dryRun == "client" { return console.out(both(first, second)) }
        send(createRequest(first, arguments, dryRun: dryRun)) { [console] result in
            guard case .success(let created) = result else {
                if case .failure(let error) = result { console.err(Kubectl.serverError(error)) }
                return
            }
            self.send(self.createRequest(second, arguments, dryRun: dryRun)) { result in
                switch result {
                case .success(let then): console.out(both(created, then))
                case .failure(let error):
                    console.out(Kubectl.created(created, format: format, verb: "created", dryRun: dryRun))
                    console.err(Kubectl.serverError(error))
                }
            }
        }
    }

    /// Like kubectl, the object names its namespace only when -n named one.
    private static func namespaced(_ built: any APIObject, _ arguments: Arguments) -> any APIObject {
        var object = built
        if object.type.namespaced { object.metadata.namespace = arguments.value("namespace") }
        return object
    }

    private func createRequest(_ object: any APIObject, _ arguments: Arguments, dryRun: String) -> APIRequest {
        var request = APIRequest.create(object, user: .kubernetesAdmin)
        if object.type.namespaced { request.namespace = namespace(arguments) }
        request.dryRun = dryRun == "server"
        return request
    }

    /// What kubectl prints for an object it created: the object in `-o`'s format, its name, or
    /// `pod/web created` with the dry run noted.
    private static func created(_ object: any APIObject, format: String?, verb: String, dryRun: String) -> String {
        if let format, format.hasPrefix("jsonpath"), case .jsonPath(let template, let asJSON)? = try? OutputFormat(format, noHeaders: false, directory: "") {
            let value = Printer.clientSideJSON(object, clientSide: dryRun == "client")
            return (try? asJSON ? template.renderJSON(value) : template.render(value)) ?? ""
        }
        if let format, format != "name" { return Printer.render(object, format: format, clientSide: dryRun == "client") }
        let source = "\(object.type.qualifiedSingular)/\(object.name)"
        if format == "name" { return source }
        return "\(source) \(verb)\(dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "")"
    }
}

private extension String {
    /// Output ends with a newline, but a jsonpath template's text stays as written, as kubectl's.
    func withNewline(unless format: String?) -> String {
        format?.hasPrefix("jsonpath") == true || hasSuffix("\n") ? self : self + "\n"
    }
}
