import Exercises
import Foundation
import REPL

/// What one entry did to the session.
public enum FuzzOutcome: Equatable, Sendable {
    case ran
    /// The line outran its probe budget (or the watchdog's) and stopped at Ctrl-C, as a
    /// student's `while true` or `clock advance 1000000h` does.
    case interrupted
    /// A must-fail line changed the cluster.
    case stateChanged(String)
    /// The line went on after Ctrl-C: it asked whether to stop `probes` more times and still ran.
    case ignoredInterrupt(probes: Int)

    public var isFailure: Bool {
        switch self {
        case .ran, .interrupted: false
        case .stateChanged, .ignoredInterrupt: true
        }
    }
}

/// Feeds entries to one Session in a private directory, as a student types them, and checks each:
/// a must-fail line leaves the cluster unchanged, and every line stops at Ctrl-C.
///
/// Ctrl-C comes from a probe budget (the session asks `interruption()` once a step or loop turn;
/// past `probeBudget` asks the line is interrupted, deterministically) or from `externalInterrupt`
/// (the executable's watchdog, on CPU time).
public final class FuzzRunner {
    public let session: Session
    public let directory: String
    let repositoryRoot: String?
    let probeBudget: Int
    /// How many asks after Ctrl-C a line may take to wind down before it counts as ignoring it.
    let probesAfterInterrupt: Int
    var externalInterrupt: @Sendable () -> Bool
    private var probes = 0
    private var interruptedAt: Int?

    /// `repositoryRoot` (with Lessons/ and exercises/) lets `lesson N` and exercises run.
    public init(directory: String, repositoryRoot: String?, probeBudget: Int = 200_000,
                probesAfterInterrupt: Int = 10_000, externalInterrupt: @escaping @Sendable () -> Bool = { false }) {
        self.directory = directory
        self.repositoryRoot = repositoryRoot
        self.probeBudget = probeBudget
        self.probesAfterInterrupt = probesAfterInterrupt
        self.externalInterrupt = externalInterrupt
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let repositoryRoot {
            let lessons = (repositoryRoot as NSString).appendingPathComponent("Lessons")
            try? FileManager.default.copyItem(atPath: lessons, toPath: (directory as NSString).appendingPathComponent("Lessons"))
        }
        session = Session(workingDirectory: directory)
        session.environment = ["HOME": directory]
        session.kubectl.scratchDirectory = directory
        session.interruption = { [unowned self] in self.probe() }
    }

    /// A fresh private directory under the system's temporary one.
    public static func temporaryDirectory(_ label: String) -> String {
        NSTemporaryDirectory() + "stepkube-fuzz-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    public func removeDirectory() { try? FileManager.default.removeItem(atPath: directory) }

    private func probe() -> Bool {
        probes += 1
        if interruptedAt == nil, probes > probeBudget || externalInterrupt() { interruptedAt = probes }
        return interruptedAt != nil
    }

    /// Runs one entry; the output is returned for a verbose replay.
    @discardableResult
    public func run(_ entry: FuzzEntry) -> (outcome: FuzzOutcome, output: String) {
        probes = 0
        interruptedAt = nil
        switch entry {
        case .file(let name, let bytes):
            guard FuzzSafety.isPlainFileName(name) else { return (.ran, "") }
            _ = FileManager.default.createFile(atPath: (directory as NSString).appendingPathComponent(name), contents: Data(bytes))
            return (.ran, "")
        case .exercise(let name):
            guard let repositoryRoot, FuzzSafety.isPlainFileName(name),
                  let exercise = try? Exercise(file: "\(repositoryRoot)/exercises/cka/\(name)") else { return (.ran, "") }
            return (outcome(), session.start(exercise))
        case .line(let line, let mustFail):
            guard FuzzSafety.permits(line), !session.ends(with: line) else { return (.ran, "") }
            // A check needs the line to be a command of its own, with nothing left to settle.
            let checked = mustFail && !session.needsMoreInput && !session.cluster.simulation.hasForegroundWork
            let before = checked ? ClusterState(session) : nil
            let output = session.feed(line)
            if session.exitRequested { session.cancelExitRequest() }
            if let before {
                let after = ClusterState(session)
                if after != before { return (.stateChanged(after.difference(from: before)), output) }
            }
            return (outcome(), output)
        }
    }

    private func outcome() -> FuzzOutcome {
        guard let interruptedAt else { return .ran }
        let late = probes - interruptedAt
        return late > probesAfterInterrupt ? .ignoredInterrupt(probes: late) : .interrupted
    }
}
