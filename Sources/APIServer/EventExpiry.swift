import KubeModel
import SimCore
import Store

/// kube-apiserver's `--event-ttl` (one hour): Events are written to etcd under a lease, and
/// etcd drops each one an hour after its last write, so a cluster left running for days does
/// not pile them up. One timer per Event, moved on at every write.
final class EventExpiry {
    static let ttl: SimTime = 3_600_000
    private var timers: [String: Int] = [:]

    /// Called for every store write of an Event: (re)arms its expiry, or forgets it once deleted.
    func written(_ event: MVCCStore<any APIObject>.Event, store: MVCCStore<any APIObject>, simulation: Simulation) {
        let key = event.entry.key
        if let timer = timers.removeValue(forKey: key) { simulation.cancel(timer) }
        guard event.type == .put else { return }
        let revision = event.entry.modRevision, name = event.entry.value.key
        timers[key] = simulation.schedule(after: EventExpiry.ttl, component: "etcd", kind: .timer, label: "lease expired: \(key)",
                                          background: true, routine: true) { [weak self] in
            self?.timers[key] = nil
            _ = try? store.delete(key, expectedModRevision: revision)
            return StepOutcome(object: "event/\(name)", summary: "lease expired: deleted \(key) (--event-ttl=1h)",
                               explanation: "Events are stored under an etcd lease of one hour (kube-apiserver --event-ttl); "
                                   + "this one was last written at revision \(revision), an hour ago, so etcd deleted it.", routine: true)
        }
    }
}
