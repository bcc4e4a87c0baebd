import Cluster
import Foundation

/// Boots N nodes, creates one ReplicaSet of M replicas and reports how long the simulated
/// cluster takes to run them all: wall time, steps per second and peak memory.
/// Usage: stepkube-bench [--nodes N] [--pods M]
func option(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { return value }
    return number
}

func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes / 1024
}

let nodes = option("--nodes", default: 1000)
let pods = option("--pods", default: 30000)
let clock = ContinuousClock()
let bootStart = clock.now
let cluster = Cluster(workers: nodes, seed: 1, traceCapacity: 10_000)
let bootTime = clock.now - bootStart
let bootSteps = cluster.simulation.trace.count

let replicaSet = ReplicaSet(
    metadata: ObjectMeta(name: "bench", namespace: "default"),
    spec: ReplicaSetSpec(replicas: Int32(clamping: pods), selector: LabelSelector(matchLabels: ["app": "bench"]),
                         template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": "bench"]),
                                                   spec: PodSpec(containers: [Container(name: "c", image: "nginx:1.25")]))))
let start = clock.now
let kubectl = Client(component: "kubectl", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation)
kubectl.create(replicaSet)
var running = 0
var rounds = 0
repeat {
    cluster.simulation.runUntilSettled()
    running = kubectl.list(Pod.self, namespace: "default", fieldSelector: "status.phase=Running").value?.count ?? 0
    rounds += 1
    if running < pods { cluster.simulation.advance(by: 10_000) }
} while running < pods && rounds < 100
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let steps = cluster.simulation.trace.count - bootSteps

print("stepkube benchmark")
print("  nodes                 \(nodes) workers + controlplane (boot: \(bootSteps) steps in \(bootTime))")
print("  pods running          \(running) of \(pods)")
print("  wall time             \(String(format: "%.2f", seconds)) s")
print("  steps                 \(steps) (\(String(format: "%.0f", Double(steps) / max(seconds, 0.001))) steps/s)")
print("  virtual time          \(String(format: "%.1f", Double(cluster.simulation.now) / 1000)) s")
print("  peak memory           \(String(format: "%.0f", peakMemoryMiB())) MiB")
print("  first bar (1000 nodes, 30000 pods within 30 s): \(nodes >= 1000 && pods >= 30000 ? (running == pods && seconds <= 30 ? "met" : "not met") : "n/a at this size")")
