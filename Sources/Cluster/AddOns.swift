import KubeYAML

/// The add-ons kubeadm installs after the control plane is up: CoreDNS behind the kube-dns
/// Service. kube-proxy's logic runs with each node's agents (see `KubeProxy`).
enum AddOns {
    static let manifest = """
    apiVersion: v1
    kind: Service
    metadata:
      name: kube-dns
      namespace: kube-system
      labels:
        k8s-app: kube-dns
        kubernetes.io/cluster-service: "true"
        kubernetes.io/name: CoreDNS
      annotations:
        prometheus.io/port: "9153"
        prometheus.io/scrape: "true"
    spec:
      clusterIP: \(CoreDNS.serviceIP)
      selector:
        k8s-app: kube-dns
      ports:
      - name: dns
        port: 53
        protocol: UDP
        targetPort: 53
      - name: dns-tcp
        port: 53
        protocol: TCP
        targetPort: 53
      - name: metrics
        port: 9153
        protocol: TCP
        targetPort: 9153
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: coredns
      namespace: kube-system
      labels:
        k8s-app: kube-dns
    spec:
      replicas: 2
      selector:
        matchLabels:
          k8s-app: kube-dns
      strategy:
        rollingUpdate:
          maxUnavailable: 1
      template:
        metadata:
          labels:
            k8s-app: kube-dns
        spec:
          priorityClassName: system-cluster-critical
          dnsPolicy: Default
          tolerations:
          - key: CriticalAddonsOnly
            operator: Exists
          - key: node-role.kubernetes.io/control-plane
            effect: NoSchedule
          containers:
          - name: coredns
            image: registry.k8s.io/coredns/coredns:v1.11.3
            args: ["-conf", "/etc/coredns/Corefile"]
            ports:
            - containerPort: 53
              name: dns
              protocol: UDP
            - containerPort: 53
              name: dns-tcp
              protocol: TCP
            - containerPort: 9153
              name: metrics
              protocol: TCP
            resources:
              limits:
                memory: 170Mi
              requests:
                cpu: 100m
                memory: 70Mi
    """

    static var objects: [any APIObject] {
        ((try? Manifest.parse(manifest, source: "kubeadm add-ons")) ?? []).compactMap { try? $0.result.get() }
    }
}
