import KubeModel

struct PodStrategy: Strategy {
    typealias Object = Pod

    func prepareForCreate(_ pod: inout Pod, _ context: inout AdmissionContext) {
        pod.status = PodStatus(phase: "Pending")
        admitServiceAccount(&pod, &context)
        admitDefaultTolerations(&pod, &context)
        if pod.spec.priority == nil {
            let builtIn = pod.spec.priorityClassName.flatMap { PodStrategy.systemPriorityClasses[$0] }
            pod.spec.priority = builtIn ?? 0
            context.admission.append("Priority: priority \(builtIn ?? 0) (" + (builtIn == nil ? "no priorityClassName" : "PriorityClass \(pod.spec.priorityClassName ?? "")") + ")")
        }
        PodStrategy.applyDefaults(&pod.spec, note: { context.defaulted.append($0) })
        pod.status?.qosClass = PodStrategy.qosClass(pod.spec)
    }

    /// The PriorityClasses every cluster has (scheduling.k8s.io SystemPriorityClasses).
    static let systemPriorityClasses: [String: Int32] = ["system-cluster-critical": 2_000_000_000, "system-node-critical": 2_000_001_000]

    /// The scheme defaults of a PodSpec, shared with the pod templates of workload kinds.
    static func applyDefaults(_ spec: inout PodSpec, note: (String) -> Void) {
        func set<T>(_ keyPath: WritableKeyPath<PodSpec, T?>, _ value: T, _ name: String) {
            if spec[keyPath: keyPath] == nil {
                spec[keyPath: keyPath] = value
                note("\(name)=\(value)")
            }
        }
        set(\.restartPolicy, "Always", "restartPolicy")
        set(\.terminationGracePeriodSeconds, 30, "terminationGracePeriodSeconds")
        set(\.dnsPolicy, "ClusterFirst", "dnsPolicy")
        set(\.schedulerName, "default-scheduler", "schedulerName")
        set(\.securityContext, .object([:]), "securityContext")
        set(\.enableServiceLinks, true, "enableServiceLinks")
        set(\.preemptionPolicy, "PreemptLowerPriority", "preemptionPolicy")
        var pullPolicies: [String] = []
        for index in spec.containers.indices {
            defaultContainer(&spec.containers[index])
            pullPolicies.append(spec.containers[index].imagePullPolicy ?? "")
        }
        if var initContainers = spec.initContainers {
            for index in initContainers.indices { defaultContainer(&initContainers[index]) }
            spec.initContainers = initContainers
        }
        if !pullPolicies.isEmpty { note("imagePullPolicy=" + pullPolicies.joined(separator: ",")) }
    }

    private static func defaultContainer(_ container: inout Container) {
        if container.imagePullPolicy == nil {
            container.imagePullPolicy = imagePullPolicy(for: container.image ?? "")
        }
        if container.terminationMessagePath == nil { container.terminationMessagePath = "/dev/termination-log" }
        if container.terminationMessagePolicy == nil { container.terminationMessagePolicy = "File" }
        if container.resources == nil { container.resources = ResourceRequirements() }
        for index in (container.ports ?? []).indices where container.ports?[index].protocol == nil {
            container.ports?[index].protocol = "TCP"
        }
    }

    /// `Always` for `:latest` or no tag, else `IfNotPresent`; a digest counts as a tag.
    static func imagePullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastSegment = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastSegment.lastIndex(of: ":") else { return "Always" }
        return lastSegment[lastSegment.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }

    static func qosClass(_ spec: PodSpec) -> String {
        let containers = spec.containers + (spec.initContainers ?? [])
        let anySet = containers.contains { !($0.resources?.requests ?? [:]).isEmpty || !($0.resources?.limits ?? [:]).isEmpty }
        if !anySet { return "BestEffort" }
        let guaranteed = containers.allSatisfy { container in
            let limits = container.resources?.limits ?? [:]
            let requests = container.resources?.requests ?? limits
            return ["cpu", "memory"].allSatisfy { limits[$0] != nil && requests[$0] == limits[$0] }
        }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    private func admitServiceAccount(_ pod: inout Pod, _ context: inout AdmissionContext) {
        if pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil {
            context.admission.append("ServiceAccount: mirror Pod, no service account")
            return
        }
        let account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? "default"
        pod.spec.serviceAccountName = account
        pod.spec.serviceAccount = account
        guard pod.spec.automountServiceAccountToken != false else { return }
        // A Pod that already has the token volume or mount (one re-created from its own YAML)
        // keeps it: only containers without a mount at the token path get one.
        let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
        let existing = pod.spec.volumes?.first { $0.name.hasPrefix("kube-api-access-") }?.name
        let volumeName = existing ?? "kube-api-access-\(context.random[.volumeNames].nameSuffix())"
        var mounted = false
        for index in pod.spec.containers.indices
        where !(pod.spec.containers[index].volumeMounts ?? []).contains(where: { $0.mountPath == mountPath }) {
            let mount = VolumeMount(name: volumeName, mountPath: mountPath, readOnly: true)
            pod.spec.containers[index].volumeMounts = (pod.spec.containers[index].volumeMounts ?? []) + [mount]
            mounted = true
        }
        guard existing == nil, mounted else {
            return context.admission.append("ServiceAccount: serviceAccountName=\(account), token volume \(volumeName) already there")
        }
        let projected: JSONValue = .object([
            "defaultMode": .int(420),
            "sources": .array([
                .object(["serviceAccountToken": .object(["expirationSeconds": .int(3607), "path": .string("token")])]),
                .object(["configMap": .object(["items": .array([.object(["key": .string("ca.crt"), "path": .string("ca.crt")])]),
                                                "name": .string("kube-root-ca.crt")])]),
                .object(["downwardAPI": .object(["items": .array([.object([
                    "fieldRef": .object(["apiVersion": .string("v1"), "fieldPath": .string("metadata.namespace")]),
                    "path": .string("namespace")])])])]),
            ]),
        ])
        var volume = Volume(name: volumeName)
        volume.projected = projected
        pod.spec.volumes = (pod.spec.volumes ?? []) + [volume]
        context.admission.append("ServiceAccount: serviceAccountName=\(account), token volume \(volumeName) mounted")
    }

    private func admitDefaultTolerations(_ pod: inout Pod, _ context: inout AdmissionContext) {
        var tolerations = pod.spec.tolerations ?? []
        var added: [String] = []
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
        where !tolerations.contains(where: { ($0.key == key || $0.key == nil) && ($0.effect == "NoExecute" || $0.effect == nil) }) {
            tolerations.append(Toleration(key: key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300))
            added.append(key)
        }
        guard !added.isEmpty else { return }
        pod.spec.tolerations = tolerations
        context.admission.append("DefaultTolerationSeconds: tolerate \(added.joined(separator: ", ")) for 300s")
    }

    func validate(_ pod: Pod) -> [FieldError] {
        PodStrategy.validateSpec(pod.spec, path: "spec")
    }

    static func validateSpec(_ spec: PodSpec, path: String, allowedRestartPolicies: [String] = ["Always", "OnFailure", "Never"]) -> [FieldError] {
        var errors: [FieldError] = []
        if spec.containers.isEmpty { errors.append(FieldError("\(path).containers", .required())) }
        var names = Set<String>()
        for (index, container) in spec.containers.enumerated() {
            let field = "\(path).containers[\(index)]"
            if container.name.isEmpty {
                errors.append(FieldError("\(field).name", .required()))
            } else {
                errors += NameRules.validateObjectName(container.name, field: "\(field).name", label: true)
                if !names.insert(container.name).inserted { errors.append(FieldError("\(field).name", .duplicate(value: container.name))) }
            }
            if (container.image ?? "").allSatisfy({ $0 == " " }) { errors.append(FieldError("\(field).image", .required())) }
            if let policy = container.imagePullPolicy, !["Always", "IfNotPresent", "Never"].contains(policy) {
                errors.append(FieldError("\(field).imagePullPolicy", .unsupported(value: policy, supported: ["Always", "IfNotPresent", "Never"])))
            }
            for (portIndex, port) in (container.ports ?? []).enumerated() {
                errors += NameRules.validatePort(Int(port.containerPort), field: "\(field).ports[\(portIndex)].containerPort")
            }
            for (kind, quantities) in [("requests", container.resources?.requests ?? [:]), ("limits", container.resources?.limits ?? [:])] {
                for (resource, quantity) in quantities.sorted(by: { $0.key < $1.key }) where quantity.milliValue < 0 || quantity.milliValue > Quantity.largest {
                    errors.append(FieldError("\(field).resources.\(kind)[\(resource)]", .invalid(value: "\"\(quantity)\"",
                        detail: quantity.milliValue < 0 ? "must be greater than or equal to 0" : "must be no more than \(Quantity.largest / 1000)")))
                }
            }
            for (resource, quantity) in (container.resources?.requests ?? [:]).sorted(by: { $0.key < $1.key }) {
                if let limit = container.resources?.limits?[resource], quantity.milliValue > limit.milliValue {
                    errors.append(FieldError("\(field).resources.requests", .invalid(value: "\"\(quantity)\"", detail: "must be less than or equal to \(resource) limit of \(limit)")))
                }
            }
        }
        if let policy = spec.restartPolicy, !allowedRestartPolicies.contains(policy) {
            errors.append(FieldError("\(path).restartPolicy", .unsupported(value: policy, supported: allowedRestartPolicies)))
        }
        if let policy = spec.dnsPolicy, !["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"].contains(policy) {
            errors.append(FieldError("\(path).dnsPolicy", .unsupported(value: policy, supported: ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"])))
        }
        for (index, toleration) in (spec.tolerations ?? []).enumerated() {
            if let op = toleration.operator, !["Exists", "Equal"].contains(op) {
                errors.append(FieldError("\(path).tolerations[\(index)].operator", .unsupported(value: op, supported: ["Equal", "Exists"])))
            }
        }
        return errors
    }

    func validateUpdate(_ new: Pod, old: Pod) -> [FieldError] {
        var mutable = new.spec
        for index in mutable.containers.indices where index < old.spec.containers.count {
            mutable.containers[index].image = old.spec.containers[index].image
        }
        mutable.activeDeadlineSeconds = old.spec.activeDeadlineSeconds
        mutable.tolerations = old.spec.tolerations
        mutable.terminationGracePeriodSeconds = old.spec.terminationGracePeriodSeconds
        if old.spec.nodeName == nil { mutable.nodeName = nil }
        var copy = old.spec
        if old.spec.nodeName == nil { copy.nodeName = nil }
        if mutable != copy {
            return [FieldError("spec", .forbidden("pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"))]
        }
        return PodStrategy.validateSpec(new.spec, path: "spec")
    }

    /// Pods leave through the kubelet's final delete, never through an update.
    func finalized(_ pod: Pod) -> Bool { false }

}
