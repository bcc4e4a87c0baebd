import Cluster

/// `kubectl describe`: the human summary of an object, with its Events.
struct DescribeCommand: KubectlCommand {
    static let name = "describe"
    static let flags: [Arguments.Flag] = [.init("selector", short: "l"), .init("all-namespaces", short: "A", value: false)]

    func run(_ arguments: Arguments, kubectl: Kubectl, stdin: String?) throws(KubectlError) {
        let namespace = kubectl.namespace(arguments)
        let client = kubectl.client
        var objects: [any APIObject] = []
        for (type, name) in try kubectl.targets(arguments.positionals, verb: "describe") {
            let scope = type.namespaced ? namespace : nil
            if let name {
                if let object = client.get(type, namespace: scope, name: name).value {
                    objects.append(object)
                } else if let prefixed = (client.list(type, namespace: scope).value ?? []).filter({ $0.name.hasPrefix(name) }) as [any APIObject]?, !prefixed.isEmpty {
                    objects += prefixed
                } else {
                    kubectl.console.err(Kubectl.serverError(.notFound(type, name)))
                }
            } else {
                objects += try kubectl.list(type, namespace: arguments.bool("all-namespaces") ? nil : scope, labelSelector: arguments.value("selector") ?? "")
            }
        }
        let describer = Describer(client: client)
        kubectl.console.out(objects.map(describer.describe).joined(separator: "\n\n"))
    }
}

enum EventOrder {
    static func before(_ a: any APIObject, _ b: any APIObject) -> Bool {
        let (x, y) = (a as? Event, b as? Event)
        return (x?.lastTimestamp?.seconds ?? 0, x?.metadata.creationTimestamp?.seconds ?? 0, Int(x?.metadata.resourceVersion ?? "") ?? 0)
            < (y?.lastTimestamp?.seconds ?? 0, y?.metadata.creationTimestamp?.seconds ?? 0, Int(y?.metadata.resourceVersion ?? "") ?? 0)
    }
}

/// Writes describe output with tabs, then aligns it as kubectl's tabwriter (padding 2) does.
struct Describer {
    let client: Client
    var now: Int64 { client.server.now.seconds }

    func describe(_ object: any APIObject) -> String {
        var lines: [String]
        switch object {
        case let pod as Pod: lines = describePod(pod)
        case let node as Node: lines = describeNode(node)
        case let rs as ReplicaSet: lines = describeReplicaSet(rs)
        case let deployment as Deployment: lines = describeDeployment(deployment)
        case let set as StatefulSet: lines = describeStatefulSet(set)
        case let job as Job: lines = describeJob(job)
        case let cronJob as CronJob: lines = describeCronJob(cronJob)
        case let daemonSet as DaemonSet: lines = describeDaemonSet(daemonSet)
        case let claim as PersistentVolumeClaim: lines = describeClaim(claim)
        case let volume as PersistentVolume: lines = describeVolume(volume)
        case let storageClass as StorageClass: lines = describeStorageClass(storageClass)
        case let service as Service: lines = describeService(service)
        case let endpoints as Endpoints: lines = describeEndpoints(endpoints)
        case let ingress as Ingress: lines = describeIngress(ingress)
        case let ingressClass as IngressClass:
            lines = header(ingressClass) + ["Annotations:\t\(annotationLines(ingressClass))", "Controller:\t\(ingressClass.spec.controller ?? "")"]
        case let configMap as ConfigMap: lines = describeConfigMap(configMap)
        case let account as ServiceAccount: lines = describeServiceAccount(account)
        // kubectl's NetworkPolicy and Secret describers print no events.
        case let policy as NetworkPolicy: return TabWriter.format(describeNetworkPolicy(policy).joined(separator: "\n"), padding: 2)
        case let secret as Secret: return TabWriter.format(describeSecret(secret).joined(separator: "\n"), padding: 2)
        default: lines = header(object) + ["Annotations:\t\(mapLines(object.metadata.annotations, indent: 0))"]
        }
        lines += events(for: object)
        return TabWriter.format(lines.joined(separator: "\n"), padding: 2)
    }

    func header(_ object: any APIObject) -> [String] {
        var lines = ["Name:\t\(object.name)"]
        if object.type.namespaced { lines.append("Namespace:\t\(object.metadata.namespace ?? "")") }
        lines.append("Labels:\t\(mapLines(object.metadata.labels, indent: 0))")
        return lines
    }

    /// `key=value` lines; continuation lines keep the tab structure so they stay aligned.
    func mapLines(_ map: [String: String]?, indent: Int, separator: String = "=") -> String {
        let pairs = (map ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)\(separator)\($0.value)" }
        guard !pairs.isEmpty else { return "<none>" }
        let prefix = String(repeating: " ", count: indent)
        return pairs.joined(separator: "\n\(prefix)\t")
    }

    private func describePod(_ pod: Pod) -> [String] {
        var lines = ["Name:\t\(pod.name)", "Namespace:\t\(pod.namespace ?? "")", "Priority:\t\(pod.spec.priority ?? 0)",
                     "Service Account:\t\(pod.spec.serviceAccountName ?? "default")"]
        if let node = pod.spec.nodeName {
            let ip = client.get(Node.self, name: node).value?.internalIP ?? ""
            lines.append("Node:\t\(node)/\(ip)")
        } else {
            lines.append("Node:\t<none>")
        }
        if let start = pod.status?.startTime { lines.append("Start Time:\t\(start.rfc1123)") }
        lines.append("Labels:\t\(mapLines(pod.metadata.labels, indent: 0))")
        lines.append("Annotations:\t\(annotationLines(pod))")
        if let deletion = pod.metadata.deletionTimestamp {
            lines.append("Status:\tTerminating (lasts \(humanDuration(seconds: max(deletion.seconds - now, 0))))")
            lines.append("Termination Grace Period:\t\(pod.metadata.deletionGracePeriodSeconds ?? 30)s")
        } else {
            lines.append("Status:\t\(pod.phase)")
        }
        if let reason = pod.status?.reason { lines.append("Reason:\t\(reason)") }
        if let message = pod.status?.message { lines.append("Message:\t\(message)") }
        lines.append("IP:\t\(pod.status?.podIP ?? "")")
        lines.append("IPs:\t" + ((pod.status?.podIPs ?? []).isEmpty ? "<none>" : ""))
        for entry in pod.status?.podIPs ?? [] { lines.append("  IP:\t\(entry.ip)") }
        if let owner = pod.metadata.controllerRef { lines.append("Controlled By:\t\(owner.kind)/\(owner.name)") }
        lines.append("Containers:")
        for container in pod.spec.containers {
            let status = pod.status?.containerStatuses?.first { $0.name == container.name }
            lines.append("  \(container.name):")
            lines.append("    Container ID:\t\(status?.containerID ?? "")")
            lines.append("    Image:\t\(container.image ?? "")")
            lines.append("    Image ID:\t\(status?.imageID ?? "")")
            lines += portAndCommandLines(container, indent: "")
            lines += stateLines("State", status?.state)
            if let last = status?.lastState, last.running != nil || last.terminated != nil || last.waiting != nil {
                lines += stateLines("Last State", last)
            }
            lines.append("    Ready:\t\(status?.ready == true ? "True" : "False")")
            lines.append("    Restart Count:\t\(status?.restartCount ?? 0)")
            let requests = container.resources?.requests ?? [:]
            let limits = container.resources?.limits ?? [:]
            if !limits.isEmpty {
                lines.append("    Limits:")
                lines += limits.sorted { $0.key < $1.key }.map { "      \($0.key):\t\($0.value)" }
            }
            if !requests.isEmpty {
                lines.append("    Requests:")
                lines += requests.sorted { $0.key < $1.key }.map { "      \($0.key):\t\($0.value)" }
            }
            let env = container.env ?? []
            lines.append("    Environment:\t" + (env.isEmpty ? "<none>" : ""))
            lines += env.map { "      \($0.name):\t\($0.value ?? "<set from a reference>")" }
            let mounts = container.volumeMounts ?? []
            lines.append("    Mounts:" + (mounts.isEmpty ? "\t<none>" : ""))
            lines += mounts.map { "      \($0.mountPath) from \($0.name) (\($0.readOnly == true ? "ro" : "rw"))" }
        }
        lines.append("Conditions:")
        lines.append("  Type\tStatus")
        for condition in pod.status?.conditions ?? [] { lines.append("  \(condition.type) \tTrue ".replacingOccurrences(of: "True", with: condition.status)) }
        lines += volumeLines(pod.spec.volumes, pad: "", namePad: "  ")
        lines.append("QoS Class:\t\(pod.status?.qosClass ?? "BestEffort")")
        lines.append("Node-Selectors:\t\(mapLines(pod.spec.nodeSelector, indent: 0))")
        let tolerations = (pod.spec.tolerations ?? []).map { toleration -> String in
            var text = toleration.key ?? ""
            if let value = toleration.value, !value.isEmpty { text += "=\(value)" }
            if let effect = toleration.effect { text += ":\(effect)" }
            if toleration.operator == "Exists" { text += " op=Exists" }
            if let seconds = toleration.tolerationSeconds { text += " for \(seconds)s" }
            return text
        }
        lines.append("Tolerations:\t" + (tolerations.isEmpty ? "<none>" : tolerations.joined(separator: "\n\t")))
        return lines
    }

    /// The `Volumes:` block of a Pod (names at `namePad`) or of a template, each volume's source
    /// described as describeVolumes does.
    func volumeLines(_ volumes: [Volume]?, pad: String, namePad: String) -> [String] {
        var lines = ["\(pad)Volumes:" + ((volumes ?? []).isEmpty ? "\t<none>" : "")]
        for volume in volumes ?? [] {
            lines.append("\(namePad)\(volume.name):")
            if volume.projected != nil {
                lines += ["    Type:\tProjected (a volume that contains injected data from multiple sources)",
                          "    TokenExpirationSeconds:\t3607", "    ConfigMapName:\tkube-root-ca.crt",
                          "    Optional:\tfalse", "    DownwardAPI:\ttrue"]
            } else if let hostPath = volume.hostPath {
                lines += ["    Type:\tHostPath (bare host directory volume)", "    Path:\t\(hostPath["path"]?.stringValue ?? "")",
                          "    HostPathType:\t\(hostPath["type"]?.stringValue ?? "")"]
            } else if volume.emptyDir != nil {
                lines += ["    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)", "    Medium:\t", "    SizeLimit:\t<unset>"]
            } else if let claim = volume.persistentVolumeClaim {
                lines += ["    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
                          "    ClaimName:\t\(claim["claimName"]?.stringValue ?? "")", "    ReadOnly:\tfalse"]
            }
        }
        return lines
    }

    private func stateLines(_ label: String, _ state: ContainerState?) -> [String] {
        if let running = state?.running {
            return ["    \(label):\tRunning", "      Started:\t\(running.startedAt?.rfc1123 ?? "")"]
        }
        if let terminated = state?.terminated {
            return ["    \(label):\tTerminated", "      Reason:\t\(terminated.reason ?? "")", "      Exit Code:\t\(terminated.exitCode)",
                    "      Started:\t\(terminated.startedAt?.rfc1123 ?? "")", "      Finished:\t\(terminated.finishedAt?.rfc1123 ?? "")"]
        }
        if let waiting = state?.waiting {
            return ["    \(label):\tWaiting", "      Reason:\t\(waiting.reason ?? "")"]
        }
        return ["    \(label):\tWaiting", "      Reason:\tPending"]
    }

    private func describeNode(_ node: Node) -> [String] {
        var lines = ["Name:\t\(node.name)", "Roles:\t\(node.roles.isEmpty ? "<none>" : node.roles.joined(separator: ","))",
                     "Labels:\t\(mapLines(node.metadata.labels, indent: 0))",
                     "Annotations:\t\(mapLines(node.metadata.annotations, indent: 0, separator: ": "))",
                     "CreationTimestamp:\t\(node.metadata.creationTimestamp?.rfc1123 ?? "")"]
        let taints = (node.spec.taints ?? []).map { "\($0.key)\($0.value.map { "=" + $0 } ?? ""):\($0.effect)" }
        lines.append("Taints:\t" + (taints.isEmpty ? "<none>" : taints.joined(separator: "\n\t")))
        lines.append("Unschedulable:\t\(node.spec.unschedulable == true)")
        if let lease = client.get(Lease.self, namespace: "kube-node-lease", name: node.name).value {
            lines += ["Lease:", "  HolderIdentity:\t\(lease.spec.holderIdentity ?? "")", "  AcquireTime:\t<unset>",
                      "  RenewTime:\t\(lease.spec.renewTime?.rfc1123 ?? "")"]
        }
        lines.append("Conditions:")
        lines.append("  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage")
        lines.append("  ----\t------\t-----------------\t------------------\t------\t-------")
        for condition in node.status?.conditions ?? [] {
            lines.append("  \(condition.type)\t\(condition.status)\t\(condition.lastHeartbeatTime?.rfc1123 ?? "")\t\(condition.lastTransitionTime?.rfc1123 ?? "")\t\(condition.reason ?? "")\t\(condition.message ?? "")")
        }
        lines.append("Addresses:")
        for address in node.status?.addresses ?? [] { lines.append("  \(address.type):\t\(address.address)") }
        for (title, resources) in [("Capacity", node.status?.capacity ?? [:]), ("Allocatable", node.status?.allocatable ?? [:])] {
            lines.append("\(title):")
            for (name, quantity) in resources.sorted(by: { $0.key < $1.key }) { lines.append("  \(name):\t\(quantity)") }
        }
        if let info = node.status?.nodeInfo {
            lines += ["System Info:", "  Machine ID:\t\(info.machineID)", "  System UUID:\t\(info.systemUUID)", "  Boot ID:\t\(info.bootID)",
                      "  Kernel Version:\t\(info.kernelVersion)", "  OS Image:\t\(info.osImage)", "  Operating System:\t\(info.operatingSystem)",
                      "  Architecture:\t\(info.architecture)", "  Container Runtime Version:\t\(info.containerRuntimeVersion)",
                      "  Kubelet Version:\t\(info.kubeletVersion)", "  Kube-Proxy Version:\t\(info.kubeProxyVersion)"]
        }
        lines.append("PodCIDR:\t\(node.spec.podCIDR ?? "")")
        lines.append("PodCIDRs:\t\((node.spec.podCIDRs ?? []).joined(separator: ","))")
        let pods = (client.list(Pod.self).value ?? []).filter { $0.spec.nodeName == node.name && !$0.isTerminal }
        lines.append("Non-terminated Pods:\t(\(pods.count) in total)")
        lines.append("  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge")
        lines.append("  ---------\t----\t------------\t----------\t---------------\t-------------\t---")
        var totals: [String: Int64] = [:]
        for pod in pods {
            let requests = PodRequests.requests(of: pod)
            let limits = PodRequests.limits(of: pod)
            for (name, value) in requests { totals["requests." + name, default: 0] += value }
            for (name, value) in limits { totals["limits." + name, default: 0] += value }
            let age = pod.metadata.creationTimestamp.map { humanDuration(seconds: now - $0.seconds) } ?? ""
            lines.append("  \(pod.namespace ?? "")\t\(pod.name)\t\(cpu(requests["cpu"], node))\t\(cpu(limits["cpu"], node))\t\(memory(requests["memory"], node))\t\(memory(limits["memory"], node))\t\(age)")
        }
        lines += ["Allocated resources:", "  (Total limits may be over 100 percent, i.e., overcommitted.)", "  Resource\tRequests\tLimits",
                  "  --------\t--------\t------",
                  "  cpu\t\(cpu(totals["requests.cpu"] ?? 0, node))\t\(cpu(totals["limits.cpu"] ?? 0, node))",
                  "  memory\t\(memory(totals["requests.memory"] ?? 0, node))\t\(memory(totals["limits.memory"] ?? 0, node))",
                  "  ephemeral-storage\t0 (0%)\t0 (0%)", "  hugepages-1Gi\t0 (0%)\t0 (0%)", "  hugepages-2Mi\t0 (0%)\t0 (0%)"]
        return lines
    }

    private func cpu(_ milli: Int64?, _ node: Node) -> String {
        let value = milli ?? 0
        let total = node.allocatable["cpu"]?.milliValue ?? 1
        let text = value == 0 ? "0" : (value % 1000 == 0 ? "\(value / 1000)" : "\(value)m")
        return "\(text) (\(Describer.percent(value, of: total))%)"
    }

    private func memory(_ milli: Int64?, _ node: Node) -> String {
        let bytes = (milli ?? 0) / 1000
        let total = (node.allocatable["memory"]?.milliValue ?? 1000) / 1000
        return "\(Quantity.bytesText(bytes)) (\(Describer.percent(bytes, of: total))%)"
    }

    /// A whole percentage, computed in floating point so that huge requests cannot overflow.
    static func percent(_ part: Int64, of total: Int64) -> Int64 {
        total > 0 ? Int64(min(Double(part) * 100 / Double(total), 1e15)) : 0
    }

    private func describeReplicaSet(_ rs: ReplicaSet) -> [String] {
        var lines = ["Name:\t\(rs.name)", "Namespace:\t\(rs.namespace ?? "")", "Selector:\t\(rs.spec.selector?.text ?? "")",
                     "Labels:\t\(mapLines(rs.metadata.labels, indent: 0))",
                     "Annotations:\t\(annotationLines(rs))"]
        if let owner = rs.metadata.controllerRef { lines.append("Controlled By:\t\(owner.kind)/\(owner.name)") }
        lines.append("Replicas:\t\(rs.status?.replicas ?? 0) current / \(rs.spec.replicas ?? 1) desired")
        lines.append("Pods Status:\t\(podsStatus(rs))")
        return lines + podTemplate(rs.spec.template)
    }

    private func events(for object: any APIObject) -> [String] {
        let events = (client.list(Event.self, namespace: object.metadata.namespace ?? "default").value ?? [])
            .filter { $0.involvedObject.uid == object.metadata.uid }
            .sorted { EventOrder.before($0, $1) }
        guard !events.isEmpty else { return ["Events:\t<none>"] }
        var lines = ["Events:", "  Type\tReason\tAge\tFrom\tMessage", "  ----\t------\t----\t----\t-------"]
        for event in events {
            let last = humanDuration(seconds: now - (event.lastTimestamp?.seconds ?? now))
            var age = last
            if let count = event.count, count > 1, let first = event.firstTimestamp {
                age = "\(last) (x\(count) over \(humanDuration(seconds: now - first.seconds)))"
            }
            let from = event.source?.component ?? ""
            lines.append("  \(event.type ?? "Normal")\t\(event.reason ?? "")\t\(age)\t\(from)\t\(event.message ?? "")")
        }
        return lines
    }
}
