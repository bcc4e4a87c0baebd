import ClientKit

/// What the StatefulSet and DaemonSet controllers share about the ControllerRevisions that
/// record their templates (pkg/controller/history): how a revision is made, when an old one
/// comes back as the newest, and which old ones may go.
enum ControllerHistory {
    /// A new revision `name` of `owner`'s template, numbered `number`. It carries the template's
    /// labels plus `hashLabels`, and a copy of the owner's annotations, so that the change-cause
    /// of `--record` reaches `kubectl rollout history`.
    static func revision(of owner: some APIObject, template: PodTemplateSpec?, name: String, number: Int64,
                         hashLabels: [String: String]) -> ControllerRevision {
        let labels = (template?.metadata?.labels ?? [:]).merging(hashLabels) { $1 }
        var metadata = ObjectMeta(name: name, namespace: owner.namespace, labels: labels)
        metadata.annotations = owner.metadata.annotations
        metadata.ownerReferences = [owner.ownerReference(controller: true)]
        return ControllerRevision(metadata: metadata, data: ControllerRevision.data(restoring: template), revision: number)
    }

    /// The number a new (or renumbered) revision gets: one past the highest.
    static func nextNumber(among owned: [ControllerRevision]) -> Int64 { (owned.map(\.revision).max() ?? 0) + 1 }

    /// Whether `revision` is the newest; an older one that records the current template again
    /// (after a rollback) is renumbered as the newest.
    static func isNewest(_ revision: ControllerRevision, among owned: [ControllerRevision]) -> Bool {
        revision.revision == owned.map(\.revision).max()
    }

    /// Revisions beyond `limit` (default 10) that no live Pod uses, oldest first.
    static func expired(_ owned: [ControllerRevision], inUse: Set<String>, limit: Int32?) -> [ControllerRevision] {
        let removable = owned.sorted { $0.revision < $1.revision }.filter { !inUse.contains($0.name) }
        return Array(removable.prefix(max(removable.count - Int(limit ?? 10), 0)))
    }

    /// Records `owner`'s current template, as one step: a new revision `name`, or the old
    /// revision that already records it (a rollback) renumbered as the newest. `podLabel` is the
    /// `controller-revision-hash` its Pods get.
    static func record(_ owner: some APIObject, template: PodTemplateSpec?, existing: ControllerRevision?, name: String, number: Int64,
                       hashLabels: [String: String], podLabel: String, client: Client, completion: Client.Completion? = nil) -> StepOutcome {
        let kind = owner.type.kind
        let explanation: String
        if var renumbered = existing {
            explanation = "\(kind) \(owner.key) has gone back to the template of revision \(renumbered.revision) (\(name)). The controller renumbers that ControllerRevision as revision \(number), the newest."
            renumbered.revision = number
            client.update(renumbered, why: "template of \(kind) \(owner.key) is revision \(number) again", completion: completion)
        } else {
            explanation = "\(kind) \(owner.key) has a template no ControllerRevision records yet. The controller snapshots it as \(name) (revision \(number)); Pods made from it carry the label \(ControllerRevision.hashLabel)=\(podLabel)."
            client.create(revision(of: owner, template: template, name: name, number: number, hashLabels: hashLabels),
                          why: "snapshot the template of \(kind) \(owner.key)", completion: completion)
        }
        return StepOutcome(object: "\(owner.type.singular)/\(owner.key)", summary: "record template as ControllerRevision \(name) (revision \(number))",
                           explanation: explanation)
    }
}
