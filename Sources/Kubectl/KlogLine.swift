import Cluster

extension Kubectl {
    /// The process id stepkube's kubectl shows in klog lines (any fixed number keeps runs identical).
    static let processID = 4649

    /// A klog error line as kubectl writes one, stamped with the virtual clock:
    /// `E1203 10:42:28.381870    4649 run.go:72] MESSAGE`.
    func klogError(_ message: String) -> String {
        let now = cluster.simulation.now
        var stamp = Array(Timestamp(seconds: cluster.simulation.nowSeconds).rfc3339)   // 2026-09-21T14:13:20Z
        if stamp.count < 19 { stamp = Array("0000-01-01T00:00:00Z") }
        let month = String(stamp[5..<7]), day = String(stamp[8..<10]), time = String(stamp[11..<19])
        let micros = String(Int(now % 1000) * 1000)
        let fraction = String(repeating: "0", count: max(0, 6 - micros.count)) + micros
        let pid = String(Kubectl.processID)
        return "E\(month)\(day) \(time).\(fraction) \(String(repeating: " ", count: max(0, 7 - pid.count)))\(pid) run.go:72] \(message)"
    }
}
