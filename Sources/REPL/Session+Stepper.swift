import Cluster
import Foundation
import SimCore

/// The stepper's commands: step, step until, continue, mode, clock, trace, explain, pending,
/// etcdctl, node add, and the lesson commands.
extension Session {
    /// The output of a stepper or lesson command, or nil when `command` is none of them.
    func stepperCommand(_ command: String, _ arguments: [String]) -> String? {
        switch command {
        case "step": return step(arguments)
        case "continue", "c": return continueRunning()
        case "mode": return setMode(arguments)
        case "trace": return Stepper.trace(cluster, arguments, directory: shell.workingDirectory)
        case "explain": return Stepper.explain(cluster, arguments)
        case "pending": return Stepper.pending(cluster)
        case "clock": return clock(arguments)
        case "etcdctl": return Stepper.etcdctl(cluster, arguments)
        case "node": return addNode(arguments)
        case "lesson": return lesson(arguments)
        case "hint": return hint()
        case "help", "?": return Session.help
        case "clear": return "\u{1B}[H\u{1B}[2J"
        default: return nil
        }
    }

    private func step(_ arguments: [String]) -> String {
        if arguments.first == "until" { return stepUntil(arguments.dropFirst().first) }
        // A word that is not a number is a mistake, not one step.
        let count = arguments.first.map { Int($0) ?? 0 } ?? 1
        guard (1...10_000).contains(count) else { return "step: expects a number of steps from 1 to 10000, or 'until COMPONENT'\n" }
        var lines: [String] = []
        for _ in 0..<count {
            if interruption() { lines.append("(interrupted)"); break }
            guard let record = cluster.simulation.step() else {
                lines.append("(nothing left to run)")
                break
            }
            lines += shown(record)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Other names students use for components: `scheduler` is kube-scheduler.
    static let componentAliases = [
        "scheduler": "kube-scheduler", "apiserver": "kube-apiserver", "api-server": "kube-apiserver",
        "controller-manager": "kube-controller-manager", "proxy": "kube-proxy", "dns": "coredns",
    ]

    /// Every component that has taken a step or has one queued, with `kubelet` and `kube-proxy`
    /// standing for every node's.
    var componentNames: [String] {
        var names = Set(cluster.simulation.trace.records.map(\.component))
        names.formUnion(cluster.simulation.pending.map(\.component))
        for name in names where name.contains("@") { names.insert(String(name.prefix { $0 != "@" })) }
        return names.sorted()
    }

    /// `step until COMPONENT`: runs steps until that component acts (a watch event delivered to it
    /// does not count), as a debugger runs to a breakpoint. `kubelet` stands for every node's
    /// kubelet. Routine steps are hidden. A name no component has runs nothing.
    private func stepUntil(_ typed: String?) -> String {
        guard let typed else {
            return "step until: name a component, such as kube-scheduler, replicaset-controller or kubelet@node01\n"
        }
        let component = Session.componentAliases[typed] ?? typed
        let known = componentNames
        guard known.contains(component) else {
            return "step until: no component is named \"\(typed)\". The components are:\n"
                + known.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        var lines: [String] = []
        while cluster.simulation.hasForegroundWork, !interruption(), let record = cluster.simulation.step() {
            if !record.routine { lines += shown(record) }
            if record.kind != .watch, record.component == component || record.component.hasPrefix(component + "@") {
                return lines.joined(separator: "\n") + "\n"
            }
        }
        let ending = interruption() ? "(interrupted)" : "(the cluster settled before \(component) took a step)"
        return (lines + [ending]).joined(separator: "\n") + "\n"
    }

    /// A step's line, then whatever kubectl printed when its request was answered.
    private func shown(_ record: TraceRecord) -> [String] {
        let output = console.drain()
        return [Stepper.line(record)] + (output.isEmpty ? [] : [output.trimmingCharacters(in: .newlines)])
    }

    private func continueRunning() -> String {
        let start = cluster.simulation.trace.count
        cluster.simulation.runUntilSettled()
        let records = cluster.simulation.trace.records(after: start).filter { !$0.routine }
        var text = records.map(Stepper.line).joined(separator: "\n")
        let ran = cluster.simulation.trace.count - start
        if interruption() {
            text += (text.isEmpty ? "" : "\n") + "(interrupted after \(ran) steps; 'continue' goes on)\n"
        } else {
            text += (text.isEmpty ? "" : "\n") + "(settled: \(ran) steps run, \(records.count) shown; heartbeats, event writes and watch deliveries that changed nothing are hidden: trace --all shows them)\n"
        }
        return text + console.drain()
    }

    private func setMode(_ arguments: [String]) -> String {
        guard let value = arguments.first else { return "mode: \(mode.rawValue)\n" }
        guard let newMode = Mode(rawValue: value) else { return "mode: expected 'auto' or 'step'\n" }
        mode = newMode
        if newMode == .auto, cluster.simulation.hasForegroundWork {
            cluster.simulation.runUntilSettled()
            return "mode: auto (ran the queued work to quiescence)\n" + console.drain()
        }
        return newMode == .step
            ? "mode: step. kubectl commands now only queue their API requests; use 'step', 'pending', 'continue'.\n"
            : "mode: auto\n"
    }

    private func clock(_ arguments: [String]) -> String {
        let simulation = cluster.simulation
        if arguments.first == "advance" {
            guard let text = arguments.dropFirst().first, let milliseconds = Duration.parse(text) else {
                return "clock advance: expected a duration such as 30s, 5m, 1h30m\n"
            }
            let steps = simulation.advance(by: milliseconds)
            let verb = interruption() ? "interrupted the advance of \(text)" : "advanced \(text)"
            return "\(verb): \(steps) steps ran\n" + console.drain() + Stepper.clockLine(cluster)
        }
        return Stepper.clockLine(cluster)
    }

    private func addNode(_ arguments: [String]) -> String {
        guard arguments.first == "add" else { return "usage: node add [NAME]\n" }
        let name = arguments.dropFirst().first
        if let name, cluster.kubelet(on: name) != nil { return "node \(name) already exists\n" }
        if let name, name.range(of: #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#, options: .regularExpression) == nil {
            return "node add: \"\(name)\" is not a valid node name: use lower case letters, digits, '-' and '.'\n"
        }
        let added = cluster.addNode(named: name)
        if mode == .auto { cluster.simulation.runUntilSettled() }
        return "machine \(added) booted; its kubelet registers the Node\n" + console.drain()
    }

    public static let help = """
    stepkube — a Kubernetes cluster you can stop after every step.

    kubectl (or k) VERB ...     kubectl as in the exam: apply, create, get, describe, delete, run, scale, logs,
                                set image, rollout, edit, replace, exec
    mode auto|step              auto: every command runs to quiescence; step: commands only queue requests
    step [N]                    run the next N steps (default 1), each explained in one line
    step until COMPONENT        run until kube-scheduler, replicaset-controller, kubelet ... acts
    continue                    run until only background work (heartbeats, back-offs) is left
    pending                     what each component will do next
    trace [--last N] [--all] [KIND/NAME]
                                the steps so far (routine heartbeats and events hidden unless --all)
    trace ... --diagram         the same steps as a sequence diagram, one arrow per step; --mermaid prints
                                it as Mermaid, --svg FILE and --html FILE write a picture for a browser
    trace --reads [--last N]    the reads the API server served (get, list): not steps, as they change nothing
    explain [N]                 the full explanation of step N (default: the last); explain rN, of read N
    clock                       the virtual time; clock advance 30s|5m|1h moves it forward
    etcdctl get KEY [--prefix] [--keys-only]
                                read etcd directly (read-only)
    node add [NAME]             boot another worker node
    ssh NODE, exit              log in to a node as root, and back to controlplane
    iptables-save [-t nat]      the rules kube-proxy wrote on this machine
    curl, wget, nslookup        send a request from this machine (kubectl exec POD -- curl ... from a Pod);
                                lines starting with * show the hops: DNS, iptables, the Pod that answered
    lesson list|N|next|check|reset [--lang ko]
                                the numbered lessons: start one, check the section, go on, start again
    hint                        a hint for the lesson's current section
    help, exit                  this text; leave (Ctrl-D too)

    Around kubectl, bash as in the exam: pipes, > >> 2>&1 <, ; && ||, quotes, $VAR and $(...),
    export, alias k=kubectl, heredocs (cat <<EOF | kubectl apply -f -), and the everyday tools:
    cat ls head tail grep sed awk cut sort uniq wc tr xargs tee base64 echo printf date sleep diff.
    Files are your real files in this directory. vi FILE (vim, nano) opens $EDITOR, else that
    editor; kubectl edit opens $KUBE_EDITOR or $EDITOR (vi at a terminal). A script names its
    editor: KUBE_EDITOR="sed -i 's/1.7.9/1.9.1/'" kubectl edit deploy/mydeploy.
    Ctrl-C stops a long command at the next step; Ctrl-D or exit leaves.

    """
}
