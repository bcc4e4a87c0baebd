import Cluster
import KubeYAML

/// Turns objects into what `kubectl get` prints: tables with the real columns, or
/// `-o yaml|json|name|wide`.
enum Printer {
    static func render(_ object: any APIObject, format: String, clientSide: Bool = false) -> String {
        let value = clientSideJSON(object, clientSide: clientSide)
        if clientSide, format == "json" { return GoFieldOrder.object(kind: object.type.kind).render(value) }
        return text(value, format: format)
    }

    /// The object as JSON, as kubectl holds one it built itself when `clientSide`.
    static func clientSideJSON(_ object: any APIObject, clientSide: Bool) -> JSONValue {
        let value = (try? Codec.json(object.withoutManagedFields().withTypeMeta())) ?? .null
        guard clientSide, case .object(var fields) = asClientSide(value) else { return value }
        // Go prints a missing status as {}; a generator that sets its kind's zero status (a
        // Service's `loadBalancer: {}`) keeps it.
        if fields["status"] == nil, !kindsWithoutStatus.contains(object.type.kind) { fields["status"] = .object([:]) }
        return .object(fields)
    }

    /// Kinds whose Go type has no status field at all, so a zero one is not printed either.
    private static let kindsWithoutStatus: Set<String> = ["ConfigMap", "Secret", "ServiceAccount"]

    /// An object as kubectl prints one it built itself (`--dry-run=client`): Go's zero values
    /// show, so every metadata has `creationTimestamp: null` and every container `resources: {}`.
    private static func asClientSide(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var fields):
            for (key, field) in fields { fields[key] = asClientSide(field) }
            if case .object(var metadata)? = fields["metadata"] {
                if metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
                fields["metadata"] = .object(metadata)
            }
            if case .array(let containers)? = fields["containers"] {
                fields["containers"] = .array(containers.map { container in
                    guard case .object(var fields) = container else { return container }
                    if fields["resources"] == nil { fields["resources"] = .object([:]) }
                    return .object(fields)
                })
            }
            return .object(fields)
        case .array(let items):
            return .array(items.map(asClientSide))
        default:
            return value
        }
    }

    /// A `kind: List` wrapper, as kubectl prints several objects with -o yaml or json. Like
    /// `render`, it leaves managedFields out, as kubectl's YAML and JSON printers do.
    static func renderList(_ objects: [any APIObject], format: String) -> String {
        text(document(objects.compactMap { try? Codec.json($0.withoutManagedFields().withTypeMeta()) }), format: format)
    }

    /// One object as itself, several wrapped in a `kind: List`.
    static func document(_ values: [JSONValue]) -> JSONValue {
        if values.count == 1, let only = values.first { return only }
        return list(values)
    }

    /// Objects wrapped in a `kind: List`.
    static func list(_ values: [JSONValue]) -> JSONValue {
        .object(["apiVersion": .string("v1"), "items": .array(values), "kind": .string("List"),
                        "metadata": .object(["resourceVersion": .string("")])])
    }

    /// A document as `-o json` or `-o yaml` prints it, without the final newline.
    static func text(_ value: JSONValue, format: String) -> String {
        format == "json" ? value.render() : Manifest.yaml(value).trimmingTrailing("\n")
    }

    // MARK: Tables

    struct Table {
        var header: [String]
        var rows: [[String]]
    }

    static func table(for type: ResourceType, objects: [any APIObject], wide: Bool, now: Int64) -> Table {
        func age(_ object: any APIObject) -> String { Printer.age(object, now: now) }
        switch type.kind {
        case "Pod":
            var header = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
            if wide { header += ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"] }
            return Table(header: header, rows: objects.compactMap { $0 as? Pod }.map { pod in
                var row = [pod.name, readyColumn(pod), statusColumn(pod), restartsColumn(pod, now: now), age(pod)]
                if wide { row += [pod.status?.podIP ?? "<none>", pod.spec.nodeName ?? "<none>", "<none>", "<none>"] }
                return row
            })
        case "Node":
            var header = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
            if wide { header += ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"] }
            return Table(header: header, rows: objects.compactMap { $0 as? Node }.map { node in
                var status = node.isReady ? "Ready" : (node.condition("Ready") == nil ? "Unknown" : "NotReady")
                if node.spec.unschedulable == true { status += ",SchedulingDisabled" }
                let roles = node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ",")
                var row = [node.name, status, roles, age(node), node.status?.nodeInfo?.kubeletVersion ?? ""]
                if wide {
                    let info = node.status?.nodeInfo
                    row += [node.internalIP ?? "<none>", "<none>", info?.osImage ?? "", info?.kernelVersion ?? "", info?.containerRuntimeVersion ?? ""]
                }
                return row
            })
        case "ReplicaSet":
            var header = ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
            if wide { header += ["CONTAINERS", "IMAGES", "SELECTOR"] }
            return Table(header: header, rows: objects.compactMap { $0 as? ReplicaSet }.map { rs in
                var row = [rs.name, String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(rs)]
                if wide { row += containerColumns(rs.spec.template) + [selectorText(rs.spec.selector)] }
                return row
            })
        case "Deployment":
            var header = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
            if wide { header += ["CONTAINERS", "IMAGES", "SELECTOR"] }
            return Table(header: header, rows: objects.compactMap { $0 as? Deployment }.map { deployment in
                let status = deployment.status
                var row = [deployment.name, "\(status?.readyReplicas ?? 0)/\(deployment.spec.replicas ?? 1)",
                           String(status?.updatedReplicas ?? 0), String(status?.availableReplicas ?? 0), age(deployment)]
                if wide { row += containerColumns(deployment.spec.template) + [selectorText(deployment.spec.selector)] }
                return row
            })
        case "DaemonSet":
            var header = ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"]
            if wide { header += ["CONTAINERS", "IMAGES", "SELECTOR"] }
            return Table(header: header, rows: objects.compactMap { $0 as? DaemonSet }.map { ds in
                let status = ds.status ?? DaemonSetStatus()
                let selector = (ds.spec.template?.spec?.nodeSelector ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                var row = [ds.name, String(status.desiredNumberScheduled), String(status.currentNumberScheduled), String(status.numberReady),
                           String(status.updatedNumberScheduled ?? 0), String(status.numberAvailable ?? 0), selector.isEmpty ? "<none>" : selector, age(ds)]
                if wide { row += containerColumns(ds.spec.template) + [selectorText(ds.spec.selector)] }
                return row
            })
        case "Namespace":
            return Table(header: ["NAME", "STATUS", "AGE"], rows: objects.compactMap { $0 as? Namespace }.map { namespace in
                [namespace.name, namespace.status?.phase ?? "Active", age(namespace)]
            })
        case "Event":
            return Table(header: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows: objects.compactMap { $0 as? Event }
                .map { event in
                    let lastSeen = event.lastTimestamp.map { humanDuration(seconds: now - $0.seconds) } ?? "<unknown>"
                    let object = "\((event.involvedObject.kind ?? "").lowercased())/\(event.involvedObject.name ?? "")"
                    return [lastSeen, event.type ?? "Normal", event.reason ?? "", object, event.message ?? ""]
                })
        case "StatefulSet":
            var header = ["NAME", "READY", "AGE"]
            if wide { header += ["CONTAINERS", "IMAGES"] }
            return Table(header: header, rows: objects.compactMap { $0 as? StatefulSet }.map { set in
                var row = [set.name, "\(set.status?.readyReplicas ?? 0)/\(set.spec.replicas ?? 1)", age(set)]
                if wide { row += containerColumns(set.spec.template) }
                return row
            })
        case "ControllerRevision":
            return Table(header: ["NAME", "CONTROLLER", "REVISION", "AGE"], rows: objects.compactMap { $0 as? ControllerRevision }.map { revision in
                let owner = revision.metadata.controllerRef.map { reference in
                    let group = reference.apiVersion.split(separator: "/").dropLast().first.map { ".\($0)" } ?? ""
                    return "\(reference.kind.lowercased())\(group)/\(reference.name)"
                }
                return [revision.name, owner ?? "<none>", String(revision.revision), age(revision)]
            })
        case "Job", "CronJob":
            return batchTable(for: type, objects: objects, wide: wide, now: now)
        case "PersistentVolume", "PersistentVolumeClaim", "StorageClass":
            return storageTable(for: type, objects: objects, wide: wide, now: now)
        case "ConfigMap", "Secret", "ServiceAccount":
            return configTable(for: type, objects: objects, now: now)
        case "Endpoints", "EndpointSlice", "Service", "Ingress", "IngressClass", "NetworkPolicy":
            return networkTable(for: type, objects: objects, wide: wide, now: now)
        case "Lease":
            return Table(header: ["NAME", "HOLDER", "AGE"], rows: objects.compactMap { $0 as? Lease }.map { lease in
                [lease.name, lease.spec.holderIdentity ?? "", age(lease)]
            })
        default:
            return Table(header: ["NAME", "AGE"], rows: objects.map { [$0.name, age($0)] })
        }
    }

    /// The CONTAINERS and IMAGES columns of `-o wide`.
    static func containerColumns(_ template: PodTemplateSpec?) -> [String] {
        let containers = template?.spec?.containers ?? []
        return [containers.map(\.name).joined(separator: ","), containers.map { $0.image ?? "" }.joined(separator: ",")]
    }

    /// A label selector as `-o wide` prints it: `app=web,tier=front`, or `<none>`.
    static func selectorText(_ selector: LabelSelector?) -> String {
        let text = selector?.text ?? ""
        return text.isEmpty ? "<none>" : text
    }

    static func labelsText(_ labels: [String: String]?) -> String {
        let text = (labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return text.isEmpty ? "<none>" : text
    }

    static func age(_ object: any APIObject, now: Int64) -> String {
        object.metadata.creationTimestamp.map { humanDuration(seconds: now - $0.seconds) } ?? "<unknown>"
    }

    static func readyColumn(_ pod: Pod) -> String {
        let statuses = pod.status?.containerStatuses ?? []
        return "\(statuses.filter(\.ready).count)/\(pod.spec.containers.count)"
    }

    /// The STATUS column, worked out as kubectl's pod printer does.
    static func statusColumn(_ pod: Pod) -> String {
        var reason = pod.status?.reason ?? pod.phase
        var hasRunning = false
        for status in (pod.status?.containerStatuses ?? []).reversed() {
            if let waiting = status.state?.waiting?.reason, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = status.state?.terminated {
                reason = terminated.reason ?? (terminated.exitCode != 0 ? "ExitCode:\(terminated.exitCode)" : "Completed")
            } else if status.ready, status.state?.running != nil {
                hasRunning = true
            }
        }
        if reason == "Completed", hasRunning { reason = pod.isReady ? "Running" : "NotReady" }
        if pod.metadata.deletionTimestamp != nil { reason = "Terminating" }
        return reason
    }

    static func restartsColumn(_ pod: Pod, now: Int64) -> String {
        let statuses = pod.status?.containerStatuses ?? []
        let restarts = statuses.reduce(0) { $0 + Int($1.restartCount) }
        let last = statuses.compactMap { $0.lastState?.terminated?.finishedAt?.seconds }.max()
        if restarts > 0, let last { return "\(restarts) (\(humanDuration(seconds: now - last)) ago)" }
        return String(restarts)
    }
}

