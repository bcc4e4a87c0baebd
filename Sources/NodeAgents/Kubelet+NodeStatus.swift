import ClientKit

/// The Node the kubelet registers and keeps current: its object, the Lease heartbeat and the
/// periodic status report.
extension Kubelet {
    func nodeObject() -> Node {
        var labels = ["beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                      "kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux"]
        var node = Node(metadata: ObjectMeta(name: nodeName))
        if machine.controlPlane {
            labels["node-role.kubernetes.io/control-plane"] = ""
            labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
            node.spec.taints = [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")]
        }
        node.metadata.labels = labels
        node.metadata.annotations = ["kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
                                     "node.alpha.kubernetes.io/ttl": "0",
                                     "volumes.kubernetes.io/controller-managed-attach-detach": "true"]
        node.spec.podCIDR = machine.podCIDR
        node.spec.podCIDRs = [machine.podCIDR]
        let now = client.server.now
        var status = NodeStatus()
        let capacity: [String: Quantity] = [
            "cpu": Quantity(machine.cpu) ?? Quantity(milli: 2000), "memory": Quantity(kibibytes: machine.memoryKi),
            "pods": Quantity(milli: machine.maxPods * 1000), "ephemeral-storage": Quantity(kibibytes: 20_134_592),
            "hugepages-1Gi": Quantity(milli: 0), "hugepages-2Mi": Quantity(milli: 0),
        ]
        status.capacity = capacity
        var allocatable = capacity
        allocatable["memory"] = Quantity(kibibytes: machine.memoryKi - 102_400)
        allocatable["ephemeral-storage"] = Quantity("18556039957")
        status.allocatable = allocatable
        func condition(_ type: String, _ value: String, _ reason: String, _ message: String) -> NodeCondition {
            NodeCondition(type: type, status: value, lastHeartbeatTime: now, lastTransitionTime: now, reason: reason, message: message)
        }
        status.conditions = [
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        status.addresses = [NodeAddress(type: "InternalIP", address: machine.internalIP), NodeAddress(type: "Hostname", address: nodeName)]
        status.daemonEndpoints = .object(["kubeletEndpoint": .object(["Port": .int(10250)])])
        let id = String(repeating: String(machine.index % 10), count: 32)
        status.nodeInfo = NodeSystemInfo(machineID: id, systemUUID: id, bootID: id, kernelVersion: "6.8.0-48-generic",
                                         osImage: "Ubuntu 24.04.1 LTS", containerRuntimeVersion: "containerd://1.7.22",
                                         kubeletVersion: "v1.32.0", kubeProxyVersion: "v1.32.0", operatingSystem: "linux", architecture: "amd64")
        node.status = status
        return node
    }

    func scheduleHeartbeat() {
        client.simulation.schedule(after: Kubelet.leaseRenewSeconds * 1000, component: component, kind: .timer,
                                   label: "renew Lease kube-node-lease/\(nodeName)", background: true, routine: true) { [unowned self] in
            self.scheduleHeartbeat()
            guard var lease = self.client.get(Lease.self, namespace: "kube-node-lease", name: self.nodeName).value else {
                return StepOutcome(object: "lease/kube-node-lease/\(self.nodeName)", summary: "no Lease to renew yet")
            }
            lease.spec.renewTime = self.client.server.now
            self.client.update(lease, why: "heartbeat: renew the node Lease")
            self.reportNodeStatusIfDue()
            return StepOutcome(object: "lease/kube-node-lease/\(self.nodeName)", summary: "heartbeat: renew Lease",
                               explanation: "Every \(Kubelet.leaseRenewSeconds)s the kubelet renews its Lease; the node lifecycle controller reads it to tell that the node is alive.")
        }
    }

    /// The kubelet posts its Node's status every nodeStatusReportFrequency (5m) even when nothing
    /// changed, refreshing each condition's lastHeartbeatTime.
    public static let nodeStatusReportSeconds: Int64 = 300

    func reportNodeStatusIfDue() {
        let now = client.server.now
        guard now.seconds - lastNodeStatusReport >= Kubelet.nodeStatusReportSeconds,
              var node = client.get(Node.self, name: nodeName).value else { return }
        lastNodeStatusReport = now.seconds
        let conditions = node.status?.conditions?.map { condition in
            var refreshed = condition
            refreshed.lastHeartbeatTime = now
            return refreshed
        }
        node.status?.conditions = conditions
        client.updateStatus(node, why: "heartbeat: post the node status (every 5m)")
    }
}
