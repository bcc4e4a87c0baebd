import Foundation

/// Watches the line being run from a thread of its own. Past `interruptAfter` seconds of CPU the
/// line is interrupted (the session sees Ctrl-C); past `hangAfter` more, or past `wallLimit`
/// seconds of wall time, or above `memoryLimit` bytes resident, `onHang` reports the line and
/// the process ends with `exitStatus`. Wall time is read here only, outside the simulation.
final class Watchdog: @unchecked Sendable {
    struct Limits {
        var interruptAfter: Double
        var hangAfter: Double
        var wallLimit: Double
        var memoryLimit: Int
    }

    private let lock = NSLock()
    private let limits: Limits
    private var lineStart: (cpu: Double, wall: Double)?
    private var interrupted = false
    private var onHang: (_ reason: String) -> Never

    init(limits: Limits, onHang: @escaping (_ reason: String) -> Never) {
        self.limits = limits
        self.onHang = onHang
        let thread = Thread { [self] in watch() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func begin() {
        lock.withLock {
            lineStart = (Watchdog.cpuSeconds(), Watchdog.wallSeconds())
            interrupted = false
        }
    }

    func end() { lock.withLock { lineStart = nil } }

    /// Whether the running line has been interrupted; the session's interruption closure asks.
    var isInterrupting: Bool { lock.withLock { interrupted } }

    private func watch() {
        while true {
            usleep(50_000)
            let verdict: String? = lock.withLock {
                guard let start = lineStart else { return nil }
                let cpu = Watchdog.cpuSeconds() - start.cpu, wall = Watchdog.wallSeconds() - start.wall
                if cpu > limits.interruptAfter { interrupted = true }
                if cpu > limits.interruptAfter + limits.hangAfter {
                    return String(format: "still running %.1f s of CPU after Ctrl-C at %.1f s", cpu - limits.interruptAfter, limits.interruptAfter)
                }
                if wall > limits.wallLimit { return String(format: "still running after %.0f s of wall time", wall) }
                let resident = Watchdog.residentBytes()
                if resident > limits.memoryLimit { return "resident memory \(resident >> 20) MiB passed the limit of \(limits.memoryLimit >> 20) MiB" }
                return nil
            }
            if let verdict { onHang(verdict) }
        }
    }

    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func wallSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
