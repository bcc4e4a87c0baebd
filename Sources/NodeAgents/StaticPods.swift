import ClientKit

/// The control plane's static Pods, as kubeadm writes them to /etc/kubernetes/manifests on the
/// control-plane node. The kubelet runs them itself and posts a mirror Pod for each to the API
/// server, which is why `kubectl get pods -n kube-system` shows them.
enum StaticPods {
    struct Component {
        let name: String
        let image: String
        let cpu: String
        let memory: String?
        let command: [String]
    }

    static let components: [Component] = [
        Component(name: "etcd", image: "registry.k8s.io/etcd:3.5.16-0", cpu: "100m", memory: "100Mi",
                  command: ["etcd", "--advertise-client-urls=https://IP:2379", "--data-dir=/var/lib/etcd",
                            "--listen-client-urls=https://127.0.0.1:2379,https://IP:2379", "--name=NODE",
                            "--snapshot-count=10000", "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt"]),
        Component(name: "kube-apiserver", image: "registry.k8s.io/kube-apiserver:v1.32.0", cpu: "250m", memory: nil,
                  command: ["kube-apiserver", "--advertise-address=IP", "--allow-privileged=true", "--authorization-mode=Node,RBAC",
                            "--enable-admission-plugins=NodeRestriction", "--etcd-servers=https://127.0.0.1:2379",
                            "--secure-port=6443", "--service-cluster-ip-range=10.96.0.0/12"]),
        Component(name: "kube-controller-manager", image: "registry.k8s.io/kube-controller-manager:v1.32.0", cpu: "200m", memory: nil,
                  command: ["kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=10.244.0.0/16",
                            "--controllers=*,bootstrapsigner,tokencleaner", "--leader-elect=true",
                            "--use-service-account-credentials=true"]),
        Component(name: "kube-scheduler", image: "registry.k8s.io/kube-scheduler:v1.32.0", cpu: "100m", memory: nil,
                  command: ["kube-scheduler", "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
                            "--bind-address=127.0.0.1", "--leader-elect=true"]),
    ]

    /// The mirror Pods of the control plane on `node`, with the annotations a kubelet puts on them.
    static func mirrorPods(node: String, ip: String, hash: (String) -> String) -> [Pod] {
        components.map { component in
            var container = Container(name: component.name, image: component.image)
            container.command = component.command.map {
                $0.replacingOccurrences(of: "IP", with: ip).replacingOccurrences(of: "NODE", with: node)
            }
            var requests = ["cpu": Quantity(component.cpu) ?? Quantity(milli: 100)]
            if let memory = component.memory { requests["memory"] = Quantity(memory) }
            container.resources = ResourceRequirements(requests: requests)
            container.imagePullPolicy = "IfNotPresent"
            var spec = PodSpec(containers: [container])
            spec.nodeName = node
            spec.hostNetwork = true
            spec.priorityClassName = "system-node-critical"
            spec.priority = 2_000_001_000
            spec.tolerations = [Toleration(operator: "Exists", effect: "NoExecute")]
            spec.automountServiceAccountToken = false
            var metadata = ObjectMeta(name: "\(component.name)-\(node)", namespace: "kube-system",
                                      labels: ["component": component.name, "tier": "control-plane"])
            let configHash = hash(component.name)
            metadata.annotations = ["kubernetes.io/config.hash": configHash, "kubernetes.io/config.mirror": configHash,
                                    "kubernetes.io/config.seen": "", "kubernetes.io/config.source": "file"]
            return Pod(metadata: metadata, spec: spec)
        }
    }
}
