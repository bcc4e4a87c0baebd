import ClientKit

/// The namespace controller (pkg/controller/namespace): when a namespace is being deleted, it
/// deletes everything in it, waits until nothing is left, then removes the `kubernetes`
/// finalizer so that the API server can remove the namespace itself.
public final class NamespaceController {
    public static let component = "namespace-controller"
    let client: Client
    let namespaces: Informer<Namespace>
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: NamespaceController.component, serviceAccount: "namespace-controller")
        namespaces = informers.informer()
        queue = WorkQueue(simulation: simulation, component: NamespaceController.component) { [unowned self] in self.sync($0) }
        namespaces.addHandlers(owner: NamespaceController.component, add: { [unowned self] in $0.metadata.deletionTimestamp == nil ? nil : self.queue.add($0.key) },
                               update: { [unowned self] _, new in new.metadata.deletionTimestamp == nil ? nil : self.queue.add(new.key) })
    }

    private func sync(_ name: String) -> StepOutcome {
        let reference = "namespace/\(name)"
        guard let namespace = namespaces.get(name), namespace.metadata.deletionTimestamp != nil else {
            return StepOutcome(object: reference, summary: "\(name) is not being deleted")
        }
        let types = Catalog.served.map { $0.type }.filter { $0.namespaced && $0.plural != "bindings" }
        var remaining: [String: Int] = [:]
        var deleting = 0
        for type in types {
            for object in client.list(type, namespace: name).value ?? [] {
                remaining[type.plural, default: 0] += 1
                guard object.metadata.deletionTimestamp == nil else { continue }
                deleting += 1
                client.delete(type, namespace: name, name: object.name, why: "namespace \(name) is being deleted")
            }
        }
        if remaining.isEmpty {
            var finalized = namespace
            finalized.spec = NamespaceSpec(finalizers: [])
            client.send(.update(finalized, user: client.user, subresource: "finalize"), why: "namespace \(name) is empty: remove the kubernetes finalizer")
            return StepOutcome(object: reference, summary: "\(name) is empty → finalize",
                               explanation: "Nothing is left in namespace \(name), so the controller removes the \"kubernetes\" finalizer from spec.finalizers; the API server then deletes the namespace.")
        }
        queue.add(name, after: 1000, reason: "waiting for the content of \(name) to go", background: false)
        let counts = remaining.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let summary = "\(name) still holds \(counts) → deletes \(deleting), checks again in 1s"
        return StepOutcome(object: reference, summary: summary,
                           explanation: "Namespace \(name) is Terminating. The controller deletes every object in it (\(counts)) and waits for them to be gone before it finalizes the namespace.")
    }
}
