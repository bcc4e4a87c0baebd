import SimCore

/// The manifests an invariant run applies, one heredoc (`kubectl apply -f - <<EOF` ... `EOF`)
/// per object, with random sizes, images, policies and limits. Names come from small fixed
/// pools, so that later operations hit the same objects again.
struct WorkloadManifests {
    let random: SeededRandom

    /// Good images mostly; now and then one that cannot be pulled, so a rollout stalls.
    private var image: String { random.chance(0.1) ? "nginx:no-such-tag" : random.pick(["nginx:1.25", "nginx:1.26", "httpd:2.4"]) }

    private func heredoc(_ body: [String]) -> [String] { ["kubectl apply -f - <<EOF"] + body + ["EOF"] }

    private func metadata(_ name: String, _ namespace: String) -> [String] { ["metadata:", "  name: \(name)", "  namespace: \(namespace)"] }

    /// A Pod template labelled `app: LABEL`, with a server container.
    private func template(_ label: String, image: String, indent: String = "  ") -> [String] {
        ["template:", "  metadata:", "    labels:", "      app: \(label)", "  spec:", "    containers:", "    - name: c", "      image: \(image)"]
            .map { indent + $0 }
    }

    private func selector(_ label: String) -> [String] { ["  selector:", "    matchLabels:", "      app: \(label)"] }

    func deployment(_ name: String, _ namespace: String) -> [String] {
        let strategy = random.chance(0.25) ? ["  strategy:", "    type: Recreate"] : []
        return heredoc(["apiVersion: apps/v1", "kind: Deployment"] + metadata(name, namespace)
            + ["spec:", "  replicas: \(random.int(below: 5))"] + strategy + selector(name) + template(name, image: image))
    }

    func replicaSet(_ name: String, _ namespace: String) -> [String] {
        heredoc(["apiVersion: apps/v1", "kind: ReplicaSet"] + metadata(name, namespace)
            + ["spec:", "  replicas: \(random.int(below: 5))"] + selector(name) + template(name, image: image))
    }

    func statefulSet(_ name: String, _ namespace: String) -> [String] {
        let policy = random.pick(["OrderedReady", "Parallel"])
        return heredoc(["apiVersion: apps/v1", "kind: StatefulSet"] + metadata(name, namespace)
            + ["spec:", "  serviceName: \(name)", "  podManagementPolicy: \(policy)", "  replicas: \(random.int(below: 4))"]
            + selector(name) + template(name, image: random.pick(["nginx:1.25", "nginx:1.26"])))
    }

    /// A DaemonSet that may ask for `disk: ssd` nodes and may tolerate the `dedicated` taint.
    func daemonSet(_ name: String, _ namespace: String) -> [String] {
        var spec = template(name, image: random.pick(["nginx:1.25", "httpd:2.4"]))
        if random.chance(0.4) { spec += ["    nodeSelector:", "      disk: ssd"] }
        if random.chance(0.4) { spec += ["    tolerations:", "    - key: dedicated", "      operator: Exists", "      effect: NoSchedule"] }
        return heredoc(["apiVersion: apps/v1", "kind: DaemonSet"] + metadata(name, namespace) + ["spec:"] + selector(name) + spec)
    }

    /// A Job whose busybox Pods sleep up to `longest` seconds and then succeed, or fail.
    private func jobSpec(indent: String, longest: Int, completions: Int) -> [String] {
        let script = random.chance(0.2) ? "sleep \(random.int(below: 5)); exit 1" : "sleep \(random.int(below: longest + 1))"
        return ["completions: \(1 + random.int(below: completions))", "parallelism: \(1 + random.int(below: 2))", "backoffLimit: \(random.int(below: 3))",
                "template:", "  spec:", "    restartPolicy: Never", "    containers:", "    - name: c", "      image: busybox:1.36",
                "      command: [\"sh\", \"-c\", \"\(script)\"]"].map { indent + $0 }
    }

    func job(_ name: String, _ namespace: String) -> [String] {
        heredoc(["apiVersion: batch/v1", "kind: Job"] + metadata(name, namespace) + ["spec:"] + jobSpec(indent: "  ", longest: 30, completions: 3))
    }

    /// A CronJob whose Jobs end well within a minute: one whose running Pods overlap every
    /// schedule time would keep the cluster from ever settling (each kubectl line would run
    /// until interrupted), which is how it is, not a fault.
    func cronJob(_ name: String, _ namespace: String) -> [String] {
        heredoc(["apiVersion: batch/v1", "kind: CronJob"] + metadata(name, namespace)
            + ["spec:", "  schedule: \"\(random.pick(["*/1 * * * *", "*/2 * * * *"]))\"",
               "  concurrencyPolicy: \(random.pick(["Allow", "Forbid", "Replace"]))",
               "  successfulJobsHistoryLimit: \(random.int(below: 4))", "  failedJobsHistoryLimit: \(random.int(below: 2))",
               "  jobTemplate:", "    spec:"] + jobSpec(indent: "      ", longest: 5, completions: 2))
    }

    func service(_ name: String, _ namespace: String, selecting label: String) -> [String] {
        heredoc(["apiVersion: v1", "kind: Service"] + metadata(name, namespace)
            + ["spec:", "  selector:", "    app: \(label)", "  ports:", "  - port: 80", "    targetPort: 80"])
    }
}
