@_spi(Observer) import APIServer
import Cluster
import REPL

/// What a command that must fail may not change: every stored object (each served kind listed
/// through the API server, as JSON) and the store's revision.
struct ClusterState: Equatable {
    let revision: Int64
    let objects: [String]

    init(_ session: Session) {
        revision = session.cluster.server.revision
        objects = Catalog.served.flatMap { kind in
            session.cluster.server.list(kind.type).map { (try? Codec.json($0).render(indent: "")) ?? "?" }
        }
    }

    /// The first object that differs, for the report.
    func difference(from before: ClusterState) -> String {
        var text = "revision \(before.revision) → \(revision), \(before.objects.count) → \(objects.count) objects"
        let removed = before.objects.filter { !objects.contains($0) }
        let added = objects.filter { !before.objects.contains($0) }
        if let first = removed.first { text += "\n  was: " + String(first.prefix(400)) }
        if let first = added.first { text += "\n  now: " + String(first.prefix(400)) }
        return text
    }
}
