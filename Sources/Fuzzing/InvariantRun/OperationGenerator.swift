@_spi(Observer) import APIServer
import Cluster
import SimCore

/// Random operations across every kind, each the lines a student would type for it: applies,
/// scales, image changes and deletes (with every cascade) of workloads, bare Pods and
/// Services; namespaces with objects in them; nodes added, deleted, cordoned, labelled and
/// tainted; Pods relabelled so that controllers release or adopt them; the clock moved on; and
/// bursts typed in step mode, stepped part way, then run on in auto mode. Deterministic from
/// the seed and the cluster (which is itself deterministic): the names of Pods and nodes to act
/// on are read from the store.
public struct OperationGenerator {
    let random: SeededRandom
    let manifests: WorkloadManifests
    /// Mostly `default`, so that operations meet the same objects often; `team-a` comes and goes.
    static let namespaces = ["default", "default", "default", "team-a"]
    /// The workload kinds, as kubectl names them, with their pools of names.
    static let workloads = [("deployment", ["web", "api"]), ("replicaset", ["rs0", "rs1"]), ("statefulset", ["db", "cache"]),
                            ("daemonset", ["agent", "logs"]), ("job", ["batch0", "batch1"]), ("cronjob", ["tick"])]
    /// Labels a bare Pod or a Service may select: some are workloads' own.
    static let labels = ["web", "rs0", "rs1", "db", "agent", "free"]

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        manifests = WorkloadManifests(random: random)
    }

    /// The lines of the next operation on `cluster`.
    public func next(_ cluster: Cluster) -> [String] {
        let choices: [(Int, () -> [String])] = [
            (8, { self.applyWorkload() }),
            (2, { self.bareRun() }),
            (2, { self.service() }),
            (2, { self.namespaceMove() }),
            (5, { self.deleteWorkload(cluster) }),
            (2, { self.recreate() }),
            (3, { self.scale(cluster) }),
            (1, { ["kubectl set image deployment/\(self.random.pick(["web", "api"])) c=\(self.random.pick(["nginx:1.25", "nginx:1.27", "nginx:no-such-tag"])) -n \(self.namespace)"] }),
            (3, { self.podMove(cluster) }),
            (3, { self.nodeMove(cluster) }),
            (2, { ["clock advance \(1 + self.random.int(below: 90))s"] }),
            (2, { self.steppedBurst(cluster) }),
        ]
        return random.weighted(choices)
    }

    private var namespace: String { random.pick(OperationGenerator.namespaces) }

    /// The first name of a pool most of the time.
    private func name(_ names: [String]) -> String { random.chance(0.75) ? names[0] : random.pick(names) }

    private func applyWorkload() -> [String] {
        let (kind, names) = random.pick(OperationGenerator.workloads)
        return apply(kind, name(names), namespace)
    }

    private func apply(_ kind: String, _ name: String, _ namespace: String) -> [String] {
        switch kind {
        case "deployment": return manifests.deployment(name, namespace)
        case "replicaset": return manifests.replicaSet(name, namespace)
        case "statefulset": return manifests.statefulSet(name, namespace)
        case "daemonset": return manifests.daemonSet(name, namespace)
        case "job": return manifests.job(name, namespace)
        default: return manifests.cronJob(name, namespace)
        }
    }

    private func bareRun() -> [String] {
        ["kubectl run pod\(random.int(below: 6)) --image=nginx:1.25 --labels=app=\(random.pick(OperationGenerator.labels)) -n \(namespace)"]
    }

    private func service() -> [String] {
        let name = random.pick(["front", "back", "db"])
        return random.chance(0.8) ? manifests.service(name, namespace, selecting: random.pick(OperationGenerator.labels))
            : ["kubectl delete service \(name) -n \(namespace)"]
    }

    private func namespaceMove() -> [String] {
        let name = "team-a"
        return random.chance(0.6) ? ["kubectl create namespace \(name)"] : ["kubectl delete namespace \(name)"]
    }

    /// The workloads in the store, as `kind name -n namespace`: operations mostly act on these.
    private func existing(_ cluster: Cluster, scalable: Bool = false) -> [String] {
        let server = cluster.server
        func named(_ kind: String, _ objects: [any APIObject]) -> [String] {
            objects.filter { OperationGenerator.namespaces.contains($0.namespace ?? "") }.map { "\(kind) \($0.name) -n \($0.namespace ?? "")" }
        }
        let scalables = named("deployment", server.list(Deployment.self)) + named("replicaset", server.list(ReplicaSet.self))
            + named("statefulset", server.list(StatefulSet.self))
        return scalable ? scalables
            : scalables + named("daemonset", server.list(DaemonSet.self)) + named("job", server.list(Job.self)) + named("cronjob", server.list(CronJob.self))
    }

    private func deleteWorkload(_ cluster: Cluster) -> [String] {
        let cascade = random.pick(["", " --cascade=background", " --cascade=foreground", " --cascade=orphan"])
        let present = existing(cluster)
        guard present.isEmpty || random.chance(0.2) else { return ["kubectl delete \(random.pick(present))\(cascade)"] }
        let (kind, names) = random.pick(OperationGenerator.workloads)
        return ["kubectl delete \(kind) \(name(names)) -n \(namespace)\(cascade)"]
    }

    /// A workload deleted with some cascade and applied again at once, as a student replaces
    /// one: the new owner meets what the old one left behind.
    private func recreate() -> [String] {
        let (kind, names) = random.pick(OperationGenerator.workloads)
        let (name, namespace) = (self.name(names), self.namespace)
        let cascade = random.pick(["background", "foreground", "orphan", "orphan"])
        return apply(kind, name, namespace) + ["kubectl delete \(kind) \(name) -n \(namespace) --cascade=\(cascade)"] + apply(kind, name, namespace)
    }

    private func scale(_ cluster: Cluster) -> [String] {
        let present = existing(cluster, scalable: true)
        let replicas = " --replicas=\(random.int(below: 5))"
        guard present.isEmpty || random.chance(0.2) else { return ["kubectl scale \(random.pick(present))\(replicas)"] }
        let (kind, names) = random.pick(Array(OperationGenerator.workloads.prefix(3)))
        return ["kubectl scale \(kind) \(name(names)) -n \(namespace)\(replicas)"]
    }

    /// A Pod of ours deleted, or relabelled: out of its owner's selector (released) or into
    /// another's (adopted).
    private func podMove(_ cluster: Cluster) -> [String] {
        let pods = cluster.server.list(Pod.self).filter { OperationGenerator.namespaces.contains($0.namespace ?? "") }
        guard !pods.isEmpty else { return bareRun() }
        let pod = random.pick(pods)
        let target = "pod \(pod.name) -n \(pod.namespace ?? "default")"
        return random.chance(0.5) ? ["kubectl delete \(target)"]
            : ["kubectl label \(target) app=\(random.pick(OperationGenerator.labels)) --overwrite"]
    }

    /// A node booted or deleted (one worker always stays), cordoned or uncordoned, labelled for
    /// the DaemonSets' node selector or tainted against them.
    private func nodeMove(_ cluster: Cluster) -> [String] {
        let workers = cluster.server.list(Node.self).map(\.name).filter { $0 != "controlplane" }
        guard let node = workers.isEmpty ? nil : random.pick(workers) else { return ["node add"] }
        let spec: (String) -> String = { "kubectl patch node \(node) --type=merge -p '{\"spec\":{\($0)}}'" }
        let choices: [(Int, () -> [String])] = [
            (2, { ["node add"] }),
            (2, { workers.count > 1 ? ["kubectl delete node \(node)"] : ["node add"] }),
            (2, { [spec("\"unschedulable\":\(self.random.chance(0.5))")] }),
            (2, { [self.random.chance(0.6) ? "kubectl label node \(node) disk=ssd --overwrite" : "kubectl label node \(node) disk-"] }),
            (2, { [self.random.chance(0.5) ? spec("\"taints\":[{\"key\":\"dedicated\",\"value\":\"x\",\"effect\":\"NoSchedule\"}]") : spec("\"taints\":null")] }),
        ]
        return random.weighted(choices)
    }

    /// A few operations typed in step mode, a random number of steps, then auto mode again
    /// (which runs the rest to quiescence).
    private func steppedBurst(_ cluster: Cluster) -> [String] {
        let choices: [(Int, () -> [String])] = [
            (3, { self.applyWorkload() }), (2, { self.deleteWorkload(cluster) }), (2, { self.scale(cluster) }), (1, { self.podMove(cluster) }),
            (1, { self.nodeMove(cluster) }), (1, { self.service() }), (1, { self.namespaceMove() }),
        ]
        var lines = ["mode step"]
        for _ in 0..<(1 + random.int(below: 3)) {
            lines += random.weighted(choices)
            lines.append("step \(1 + random.int(below: 40))")
        }
        return lines + ["mode auto"]
    }
}
