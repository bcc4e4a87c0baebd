import Cluster

/// `kubectl describe` for the workload and storage kinds.
extension Describer {
    /// Annotations without the one `kubectl apply` keeps, as describe prints them.
    func annotationLines(_ object: any APIObject) -> String {
        mapLines(object.metadata.annotations?.filter { $0.key != ApplyCommand.lastApplied }, indent: 0, separator: ": ")
    }

    /// The `Pod Template:` block (DescribePodTemplate), indented by `indent` spaces.
    func podTemplate(_ template: PodTemplateSpec?, indent: Int = 0) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines = ["\(pad)Pod Template:", "\(pad)  Labels:\t\(mapLines(template?.metadata?.labels, indent: indent + 2))"]
        if let annotations = template?.metadata?.annotations, !annotations.isEmpty {
            lines.append("\(pad)  Annotations:\t\(mapLines(annotations, indent: indent + 2, separator: ": "))")
        }
        let spec = template?.spec ?? PodSpec()
        if let account = spec.serviceAccountName { lines.append("\(pad)  Service Account:\t\(account)") }
        lines.append("\(pad)  Containers:")
        for container in spec.containers {
            lines += ["\(pad)   \(container.name):", "\(pad)    Image:\t\(container.image ?? "")"]
            lines += portAndCommandLines(container, indent: pad)
            let env = (container.env ?? []).map { "\($0.name):\t\($0.value ?? "")" }
            lines.append("\(pad)    Environment:" + (env.isEmpty ? "\t<none>" : ""))
            lines += env.map { "\(pad)      \($0)" }
            let mounts = (container.volumeMounts ?? []).map { "\($0.mountPath) from \($0.name) (\($0.readOnly == true ? "ro" : "rw"))" }
            lines.append("\(pad)    Mounts:" + (mounts.isEmpty ? "\t<none>" : ""))
            lines += mounts.map { "\(pad)      \($0)" }
        }
        lines += volumeLines(spec.volumes, pad: pad + "  ", namePad: pad + "   ")
        lines.append("\(pad)  Node-Selectors:\t\(mapLines(spec.nodeSelector, indent: indent + 2))")
        lines.append("\(pad)  Tolerations:\t\((spec.tolerations ?? []).isEmpty ? "<none>" : (spec.tolerations ?? []).compactMap(\.key).joined(separator: ", "))")
        return lines
    }

    /// A container's Port, Host Port, Command and Args lines, shared by Pods and templates.
    func portAndCommandLines(_ container: Container, indent pad: String) -> [String] {
        var lines = ["\(pad)    Port:\t\(container.ports?.first.map { "\($0.containerPort)/\($0.protocol ?? "TCP")" } ?? "<none>")",
                     "\(pad)    Host Port:\t\(container.ports?.first.map { _ in "0/TCP" } ?? "<none>")"]
        for (label, words) in [("Command", container.command), ("Args", container.args)] {
            guard let words else { continue }
            lines.append("\(pad)    \(label):")
            lines += words.map { "\(pad)      \($0)" }
        }
        return lines
    }

    private func created(_ object: any APIObject) -> String {
        "CreationTimestamp:\t\(object.metadata.creationTimestamp?.rfc1123 ?? "<unknown>")"
    }

    func podsStatus(_ owner: any APIObject) -> String {
        let pods = (client.list(Pod.self, namespace: owner.namespace).value ?? []).filter { $0.metadata.controllerRef?.uid == owner.metadata.uid }
        let counts = ["Running", "Pending", "Succeeded", "Failed"].map { phase in pods.filter { $0.phase == phase }.count }
        return "\(counts[0]) Running / \(counts[1]) Waiting / \(counts[2]) Succeeded / \(counts[3]) Failed"
    }

    func describeDeployment(_ deployment: Deployment) -> [String] {
        let status = deployment.status ?? DeploymentStatus()
        var lines = ["Name:\t\(deployment.name)", "Namespace:\t\(deployment.namespace ?? "")", created(deployment),
                     "Labels:\t\(mapLines(deployment.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(deployment))",
                     "Selector:\t\(deployment.spec.selector?.text ?? "")",
                     "Replicas:\t\(deployment.spec.replicas ?? 1) desired | \(status.updatedReplicas ?? 0) updated | \(status.replicas ?? 0) total | \(status.availableReplicas ?? 0) available | \(status.unavailableReplicas ?? 0) unavailable",
                     "StrategyType:\t\(deployment.spec.strategy?.type ?? "RollingUpdate")", "MinReadySeconds:\t\(deployment.spec.minReadySeconds ?? 0)"]
        if let rolling = deployment.spec.strategy?.rollingUpdate {
            lines.append("RollingUpdateStrategy:\t\(rolling.maxUnavailable?.description ?? "25%") max unavailable, \(rolling.maxSurge?.description ?? "25%") max surge")
        }
        lines += podTemplate(deployment.spec.template)
        let conditions = status.conditions ?? []
        if !conditions.isEmpty {
            lines += ["Conditions:", "  Type\tStatus\tReason", "  ----\t------\t------"]
            lines += conditions.map { "  \($0.type)\t\($0.status)\t\($0.reason ?? "")" }
        }
        let owned = (client.list(ReplicaSet.self, namespace: deployment.namespace).value ?? []).filter { $0.metadata.controllerRef?.uid == deployment.metadata.uid }
        let hash = deployment.spec.template?.withoutHashLabel
        let newRS = owned.first { $0.spec.template?.withoutHashLabel == hash }
        func replicaSet(_ rs: ReplicaSet) -> String { "\(rs.name) (\(rs.status?.replicas ?? 0)/\(rs.spec.replicas ?? 0) replicas created)" }
        let old = owned.filter { $0.metadata.uid != newRS?.metadata.uid && ($0.spec.replicas ?? 0) > 0 }
        lines.append("OldReplicaSets:\t\(old.isEmpty ? "<none>" : old.map(replicaSet).joined(separator: ", "))")
        lines.append("NewReplicaSet:\t\(newRS.map(replicaSet) ?? "<none>")")
        return lines
    }

    func describeStatefulSet(_ set: StatefulSet) -> [String] {
        var lines = ["Name:\t\(set.name)", "Namespace:\t\(set.namespace ?? "")", created(set), "Selector:\t\(set.spec.selector?.text ?? "")",
                     "Labels:\t\(mapLines(set.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(set))",
                     "Replicas:\t\(set.spec.replicas ?? 1) desired | \(set.status?.replicas ?? 0) total",
                     "Update Strategy:\t\(set.spec.updateStrategy?.type ?? "RollingUpdate")"]
        if let partition = set.spec.updateStrategy?.rollingUpdate?.partition { lines.append("  Partition:\t\(partition)") }
        lines.append("Pods Status:\t\(podsStatus(set))")
        lines += podTemplate(set.spec.template)
        let templates = set.spec.volumeClaimTemplates ?? []
        lines.append("Volume Claims:" + (templates.isEmpty ? "\t<none>" : ""))
        for template in templates {
            lines += ["  Name:\t\(template.metadata?.name ?? "")", "  StorageClass:\t\(template.spec?.storageClassName ?? "")",
                      "  Labels:\t\(mapLines(template.metadata?.labels, indent: 2))", "  Annotations:\t\(mapLines(template.metadata?.annotations, indent: 2))",
                      "  Capacity:\t\(template.spec?.resources?.requests?["storage"]?.text ?? "")",
                      "  Access Modes:\t[\((template.spec?.accessModes ?? []).joined(separator: " "))]"]
        }
        return lines
    }

    func describeJob(_ job: Job) -> [String] {
        let status = job.status ?? JobStatus()
        var lines = ["Name:\t\(job.name)", "Namespace:\t\(job.namespace ?? "")", "Selector:\t\(job.spec.selector?.text ?? "")",
                     "Labels:\t\(mapLines(job.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(job))"]
        if let owner = job.metadata.controllerRef { lines.append("Controlled By:\t\(owner.kind)/\(owner.name)") }
        lines += ["Parallelism:\t\(job.spec.parallelism ?? 1)", "Completions:\t\(job.spec.completions.map(String.init) ?? "<unset>")",
                  "Completion Mode:\t\(job.spec.completionMode ?? "NonIndexed")", "Suspend:\t\(job.spec.suspend == true)",
                  "Backoff Limit:\t\(job.spec.backoffLimit ?? 6)"]
        if let ttl = job.spec.ttlSecondsAfterFinished { lines.append("TTL Seconds After Finished:\t\(ttl)") }
        if let deadline = job.spec.activeDeadlineSeconds { lines.append("Active Deadline Seconds:\t\(deadline)s") }
        if let start = status.startTime { lines.append("Start Time:\t\(start.rfc1123)") }
        if let completed = status.completionTime, let start = status.startTime {
            lines += ["Completed At:\t\(completed.rfc1123)", "Duration:\t\(humanDuration(seconds: completed.seconds - start.seconds))"]
        }
        lines.append("Pods Statuses:\t\(status.active ?? 0) Active (\(status.ready ?? 0) Ready) / \(status.succeeded ?? 0) Succeeded / \(status.failed ?? 0) Failed")
        return lines + podTemplate(job.spec.template)
    }

    func describeCronJob(_ cronJob: CronJob) -> [String] {
        let spec = cronJob.spec
        let jobSpec = spec.jobTemplate?.spec
        var lines = ["Name:\t\(cronJob.name)", "Namespace:\t\(cronJob.namespace ?? "")", "Labels:\t\(mapLines(cronJob.metadata.labels, indent: 0))",
                     "Annotations:\t\(annotationLines(cronJob))", "Schedule:\t\(spec.schedule ?? "")",
                     "Concurrency Policy:\t\(spec.concurrencyPolicy ?? "Allow")", "Suspend:\t\(spec.suspend == true ? "True" : "False")",
                     "Successful Job History Limit:\t\(spec.successfulJobsHistoryLimit ?? 3)", "Failed Job History Limit:\t\(spec.failedJobsHistoryLimit ?? 1)",
                     "Starting Deadline Seconds:\t\(spec.startingDeadlineSeconds.map { "\($0)s" } ?? "<unset>")",
                     "Selector:\t\(jobSpec?.selector?.text ?? "<unset>")", "Parallelism:\t\(jobSpec?.parallelism.map(String.init) ?? "<unset>")",
                     "Completions:\t\(jobSpec?.completions.map(String.init) ?? "<unset>")"]
        lines += podTemplate(jobSpec?.template)
        lines.append("Last Schedule Time:\t\(cronJob.status?.lastScheduleTime?.rfc1123 ?? "<unset>")")
        let active = (cronJob.status?.active ?? []).compactMap(\.name)
        lines.append("Active Jobs:\t\(active.isEmpty ? "<none>" : active.joined(separator: ", "))")
        return lines
    }

    func describeDaemonSet(_ daemonSet: DaemonSet) -> [String] {
        let status = daemonSet.status ?? DaemonSetStatus()
        let nodeSelector = (daemonSet.spec.template?.spec?.nodeSelector ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return ["Name:\t\(daemonSet.name)", "Selector:\t\(daemonSet.spec.selector?.text ?? "")",
                "Node-Selector:\t\(nodeSelector.isEmpty ? "<none>" : nodeSelector.joined(separator: ","))",
                "Labels:\t\(mapLines(daemonSet.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(daemonSet))",
                "Desired Number of Nodes Scheduled: \(status.desiredNumberScheduled)",
                "Current Number of Nodes Scheduled: \(status.currentNumberScheduled)",
                "Number of Nodes Scheduled with Up-to-date Pods: \(status.updatedNumberScheduled ?? 0)",
                "Number of Nodes Scheduled with Available Pods: \(status.numberAvailable ?? 0)",
                "Number of Nodes Misscheduled: \(status.numberMisscheduled)",
                "Pods Status:\t\(podsStatus(daemonSet))"] + podTemplate(daemonSet.spec.template)
    }

    func describeClaim(_ claim: PersistentVolumeClaim) -> [String] {
        let users = (client.list(Pod.self, namespace: claim.namespace).value ?? []).filter { pod in (pod.spec.volumes ?? []).contains { $0.claimName == claim.name } }
        let bound = claim.spec.volumeName != nil
        return ["Name:\t\(claim.name)", "Namespace:\t\(claim.namespace ?? "")", "StorageClass:\t\(claim.spec.storageClassName ?? "")",
                "Status:\t\(claim.metadata.deletionTimestamp == nil ? claim.phase : "Terminating")", "Volume:\t\(claim.spec.volumeName ?? "")",
                "Labels:\t\(mapLines(claim.metadata.labels, indent: 0))", "Annotations:\t\(annotationLines(claim))",
                "Finalizers:\t[\((claim.metadata.finalizers ?? []).joined(separator: " "))]",
                "Capacity:\t\(bound ? claim.status?.capacity?["storage"]?.text ?? "" : "")",
                "Access Modes:\t\(bound ? accessModesText(claim.status?.accessModes) : "")", "VolumeMode:\t\(claim.spec.volumeMode ?? "Filesystem")",
                "Used By:\t\(users.isEmpty ? "<none>" : users.map(\.name).joined(separator: "\n\t"))"]
    }

    func describeVolume(_ volume: PersistentVolume) -> [String] {
        var lines = ["Name:\t\(volume.name)", "Labels:\t\(mapLines(volume.metadata.labels, indent: 0))",
                     "Annotations:\t\(annotationLines(volume))", "Finalizers:\t[\((volume.metadata.finalizers ?? []).joined(separator: " "))]",
                     "StorageClass:\t\(volume.spec.storageClassName ?? "")",
                     "Status:\t\(volume.metadata.deletionTimestamp == nil ? volume.phase : "Terminating")",
                     "Claim:\t\(volume.spec.claimRef.map { "\($0.namespace ?? "")/\($0.name ?? "")" } ?? "")",
                     "Reclaim Policy:\t\(volume.spec.persistentVolumeReclaimPolicy ?? "")",
                     "Access Modes:\t\(accessModesText(volume.spec.accessModes))"]
        if let mode = volume.spec.volumeMode { lines.append("VolumeMode:\t\(mode)") }
        lines += ["Capacity:\t\(volume.storage?.text ?? "")", "Node Affinity:\t\(volume.spec.nodeAffinity == nil ? "<none>" : "required")",
                  "Message:\t\(volume.status?.message ?? "")", "Source:"]
        if let hostPath = volume.spec.hostPath {
            lines += ["    Type:\tHostPath (bare host directory volume)", "    Path:\t\(hostPath.path)", "    HostPathType:\t\(hostPath.type ?? "")"]
        } else {
            let kind = volume.spec.nfs != nil ? "NFS (an NFS mount that lasts the lifetime of a pod)"
                : volume.spec.local != nil ? "LocalVolume (a persistent volume backed by local storage on a node)"
                : volume.spec.csi != nil ? "CSI (a Container Storage Interface (CSI) volume source)" : "<unknown>"
            lines.append("    Type:\t\(kind)")
        }
        return lines
    }

    func describeStorageClass(_ storageClass: StorageClass) -> [String] {
        func pairs(_ map: [String: String]?) -> String {
            let text = (map ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return text.isEmpty ? "<none>" : text
        }
        var lines = ["Name:\t\(storageClass.name)", "IsDefaultClass:\t\(storageClass.isDefault ? "Yes" : "No")",
                     "Annotations:\t\(pairs(storageClass.metadata.annotations))", "Provisioner:\t\(storageClass.provisioner)",
                     "Parameters:\t\(pairs(storageClass.parameters))",
                     "AllowVolumeExpansion:\t\(storageClass.allowVolumeExpansion.map { $0 ? "True" : "False" } ?? "<unset>")",
                     "MountOptions:" + ((storageClass.mountOptions ?? []).isEmpty ? "\t<none>" : "")]
        lines += (storageClass.mountOptions ?? []).map { "  \($0)" }
        if let policy = storageClass.reclaimPolicy { lines.append("ReclaimPolicy:\t\(policy)") }
        if let mode = storageClass.volumeBindingMode { lines.append("VolumeBindingMode:\t\(mode)") }
        return lines
    }
}
