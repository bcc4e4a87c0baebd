import Cluster

/// The order Go's encoding/json writes a typed object's fields in: the order of its struct's
/// fields. kubectl prints an object it built itself (`--dry-run=client -o json`) that way, while
/// objects read from the server come back as maps, with sorted keys. Map keys (labels,
/// selectors) and fields this table does not know stay sorted, as json.Marshal sorts map keys.
indirect enum GoFieldOrder: Sendable {
    /// A struct: its fields in declaration order, each with the order of its own value (arrays
    /// apply it to every element).
    case fields([(String, GoFieldOrder)])
    /// A map or a scalar: keys sorted.
    case sorted

    /// Four-space-indented JSON with the fields of `value` in this order.
    func render(_ value: JSONValue, level: Int = 0) -> String {
        let pad = String(repeating: "    ", count: level), inner = pad + "    "
        switch value {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + render($0, level: level + 1) }.joined(separator: ",\n") + "\n\(pad)]"
        case .object(let members) where !members.isEmpty:
            let declared = declaredFields
            let known = declared.map(\.0).filter { members[$0] != nil }
            let rest = members.keys.filter { name in !declared.contains { $0.0 == name } }.sorted()
            let lines = (known + rest).map { name in
                let order = declared.first { $0.0 == name }?.1 ?? .sorted
                return inner + JSONValue.string(name).render() + ": " + order.render(members[name] ?? .null, level: level + 1)
            }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(pad)}"
        default:
            return value.render()
        }
    }

    private var declaredFields: [(String, GoFieldOrder)] {
        if case .fields(let fields) = self { return fields }
        return []
    }

    /// The order of a whole object of `kind`, TypeMeta first (kind, then apiVersion).
    static func object(kind: String) -> GoFieldOrder {
        let (spec, status) = kinds[kind] ?? (.sorted, .sorted)
        return .fields([("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta), ("spec", spec), ("status", status)])
    }

    // MARK: The structs kubectl's generators fill (k8s.io/api v0.32)

    private static let kinds: [String: (spec: GoFieldOrder, status: GoFieldOrder)] = [
        "Pod": (podSpec, .sorted),
        "Deployment": (deploymentSpec, .sorted),
        "Job": (jobSpec, .sorted),
        "CronJob": (cronJobSpec, .sorted),
        "Service": (serviceSpec, loadBalancerStatus),
        "Ingress": (ingressSpec, loadBalancerStatus),
        "Namespace": (.fields([("finalizers", .sorted)]), .sorted),
    ]

    private static let objectMeta = GoFieldOrder.fields([
        ("name", .sorted), ("generateName", .sorted), ("namespace", .sorted), ("selfLink", .sorted), ("uid", .sorted),
        ("resourceVersion", .sorted), ("generation", .sorted), ("creationTimestamp", .sorted), ("deletionTimestamp", .sorted),
        ("deletionGracePeriodSeconds", .sorted), ("labels", .sorted), ("annotations", .sorted),
        ("ownerReferences", .fields([("apiVersion", .sorted), ("kind", .sorted), ("name", .sorted), ("uid", .sorted),
                                     ("controller", .sorted), ("blockOwnerDeletion", .sorted)])),
        ("finalizers", .sorted), ("managedFields", .sorted),
    ])

    private static let labelSelector = GoFieldOrder.fields([
        ("matchLabels", .sorted), ("matchExpressions", .fields([("key", .sorted), ("operator", .sorted), ("values", .sorted)])),
    ])

    private static let container = GoFieldOrder.fields([
        ("name", .sorted), ("image", .sorted), ("command", .sorted), ("args", .sorted), ("workingDir", .sorted),
        ("ports", .fields([("name", .sorted), ("hostPort", .sorted), ("containerPort", .sorted), ("protocol", .sorted), ("hostIP", .sorted)])),
        ("envFrom", .sorted), ("env", .fields([("name", .sorted), ("value", .sorted), ("valueFrom", .sorted)])),
        ("resources", .sorted), ("resizePolicy", .sorted), ("restartPolicy", .sorted), ("volumeMounts", .sorted),
        ("volumeDevices", .sorted), ("livenessProbe", .sorted), ("readinessProbe", .sorted), ("startupProbe", .sorted),
        ("lifecycle", .sorted), ("terminationMessagePath", .sorted), ("terminationMessagePolicy", .sorted),
        ("imagePullPolicy", .sorted), ("securityContext", .sorted), ("stdin", .sorted), ("stdinOnce", .sorted), ("tty", .sorted),
    ])

    private static let podSpec = GoFieldOrder.fields([
        ("volumes", .sorted), ("initContainers", container), ("containers", container), ("ephemeralContainers", .sorted),
        ("restartPolicy", .sorted), ("terminationGracePeriodSeconds", .sorted), ("activeDeadlineSeconds", .sorted),
        ("dnsPolicy", .sorted), ("nodeSelector", .sorted), ("serviceAccountName", .sorted), ("serviceAccount", .sorted),
        ("automountServiceAccountToken", .sorted), ("nodeName", .sorted), ("hostNetwork", .sorted), ("hostPID", .sorted),
        ("hostIPC", .sorted), ("shareProcessNamespace", .sorted), ("securityContext", .sorted), ("imagePullSecrets", .sorted),
        ("hostname", .sorted), ("subdomain", .sorted), ("affinity", .sorted), ("schedulerName", .sorted),
        ("tolerations", .sorted), ("hostAliases", .sorted), ("priorityClassName", .sorted), ("priority", .sorted),
        ("dnsConfig", .sorted), ("readinessGates", .sorted), ("runtimeClassName", .sorted), ("enableServiceLinks", .sorted),
        ("preemptionPolicy", .sorted), ("overhead", .sorted), ("topologySpreadConstraints", .sorted),
        ("setHostnameAsFQDN", .sorted), ("os", .sorted), ("hostUsers", .sorted), ("schedulingGates", .sorted),
        ("resourceClaims", .sorted), ("resources", .sorted),
    ])

    private static let podTemplate = GoFieldOrder.fields([("metadata", objectMeta), ("spec", podSpec)])

    private static let deploymentSpec = GoFieldOrder.fields([
        ("replicas", .sorted), ("selector", labelSelector), ("template", podTemplate),
        ("strategy", .fields([("type", .sorted), ("rollingUpdate", .fields([("maxUnavailable", .sorted), ("maxSurge", .sorted)]))])),
        ("minReadySeconds", .sorted), ("revisionHistoryLimit", .sorted), ("paused", .sorted), ("progressDeadlineSeconds", .sorted),
    ])

    private static let jobSpec = GoFieldOrder.fields([
        ("parallelism", .sorted), ("completions", .sorted), ("activeDeadlineSeconds", .sorted), ("podFailurePolicy", .sorted),
        ("successPolicy", .sorted), ("backoffLimit", .sorted), ("backoffLimitPerIndex", .sorted), ("maxFailedIndexes", .sorted),
        ("selector", labelSelector), ("manualSelector", .sorted), ("template", podTemplate), ("ttlSecondsAfterFinished", .sorted),
        ("completionMode", .sorted), ("suspend", .sorted), ("podReplacementPolicy", .sorted), ("managedBy", .sorted),
    ])

    private static let cronJobSpec = GoFieldOrder.fields([
        ("schedule", .sorted), ("timeZone", .sorted), ("startingDeadlineSeconds", .sorted), ("concurrencyPolicy", .sorted),
        ("suspend", .sorted), ("jobTemplate", .fields([("metadata", objectMeta), ("spec", jobSpec)])),
        ("successfulJobsHistoryLimit", .sorted), ("failedJobsHistoryLimit", .sorted),
    ])

    private static let serviceSpec = GoFieldOrder.fields([
        ("ports", .fields([("name", .sorted), ("protocol", .sorted), ("appProtocol", .sorted), ("port", .sorted),
                           ("targetPort", .sorted), ("nodePort", .sorted)])),
        ("selector", .sorted), ("clusterIP", .sorted), ("clusterIPs", .sorted), ("type", .sorted), ("externalIPs", .sorted),
        ("sessionAffinity", .sorted), ("loadBalancerIP", .sorted), ("loadBalancerSourceRanges", .sorted),
        ("externalName", .sorted), ("externalTrafficPolicy", .sorted), ("healthCheckNodePort", .sorted),
        ("publishNotReadyAddresses", .sorted), ("sessionAffinityConfig", .sorted), ("ipFamilies", .sorted),
        ("ipFamilyPolicy", .sorted), ("allocateLoadBalancerNodePorts", .sorted), ("loadBalancerClass", .sorted),
        ("internalTrafficPolicy", .sorted), ("trafficDistribution", .sorted),
    ])

    private static let loadBalancerStatus = GoFieldOrder.fields([("loadBalancer", .sorted), ("conditions", .sorted)])

    private static let ingressBackend = GoFieldOrder.fields([
        ("service", .fields([("name", .sorted), ("port", .fields([("name", .sorted), ("number", .sorted)]))])), ("resource", .sorted),
    ])

    private static let ingressSpec = GoFieldOrder.fields([
        ("ingressClassName", .sorted), ("defaultBackend", ingressBackend),
        ("tls", .fields([("hosts", .sorted), ("secretName", .sorted)])),
        ("rules", .fields([("host", .sorted), ("http", .fields([
            ("paths", .fields([("path", .sorted), ("pathType", .sorted), ("backend", ingressBackend)])),
        ]))])),
    ])
}
