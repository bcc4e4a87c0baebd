import ClientKit

/// The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): a Service
/// without a selector has hand-written Endpoints; this controller copies each of their subsets
/// into an EndpointSlice, so that kube-proxy, which reads only slices, routes to them too.
public final class EndpointSliceMirroringController {
    public static let component = "endpointslicemirroring-controller"
    static let managedBy = "endpointslicemirroring-controller.k8s.io"
    static let skipMirror = "endpointslice.kubernetes.io/skip-mirror"
    static let index = "mirrored-from"
    let client: Client
    let services: Informer<Service>
    let endpoints: Informer<Endpoints>
    let slices: Informer<EndpointSlice>
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        client = informers.client(component: EndpointSliceMirroringController.component, serviceAccount: "endpointslicemirroring-controller")
        services = informers.informer()
        endpoints = informers.informer()
        slices = informers.informer()
        slices.addIndex(EndpointSliceMirroringController.index) { $0.serviceKey(managedBy: EndpointSliceMirroringController.managedBy) }
        queue = WorkQueue(simulation: informers.simulation, component: EndpointSliceMirroringController.component) { [unowned self] in self.sync($0) }
        let owner = EndpointSliceMirroringController.component
        let queueKey: (any APIObject) -> String? = { [unowned self] in self.queue.add($0.key) }
        services.addHandlers(owner: owner, add: queueKey, update: { old, new in old.spec.selector != new.spec.selector ? queueKey(new) : nil }, delete: queueKey)
        endpoints.addHandlers(owner: owner, add: queueKey, update: { old, new in old.subsets != new.subsets || old.labels != new.labels ? queueKey(new) : nil },
                              delete: queueKey)
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "service/\(key)"
        let existing = slices.byIndex(EndpointSliceMirroringController.index, key)
        guard let service = services.get(key), service.spec.selector == nil, let source = endpoints.get(key),
              source.labels[EndpointSliceMirroringController.skipMirror] != "true" else {
            for slice in existing {
                client.delete(EndpointSlice.type, namespace: slice.namespace, name: slice.name, why: "Endpoints \(key) are no longer mirrored")
            }
            return StepOutcome(object: reference, summary: existing.isEmpty ? "\(key): nothing to mirror" : "\(key): nothing to mirror → delete \(existing.count) slice(s)")
        }
        var labels = source.labels.filter { $0.key != "service.kubernetes.io/headless" }
        labels[EndpointSlice.serviceNameLabel] = service.name
        labels[EndpointSlice.managedByLabel] = EndpointSliceMirroringController.managedBy
        let wanted: [EndpointSlice] = (source.subsets ?? []).map { subset in
            let ready = (subset.addresses ?? []).map { mirror($0, ready: true) }
            let notReady = (subset.notReadyAddresses ?? []).map { mirror($0, ready: false) }
            var metadata = ObjectMeta(namespace: source.namespace, labels: labels)
            metadata.generateName = "\(source.name)-"
            metadata.ownerReferences = [source.ownerReference(controller: true)]
            return EndpointSlice(metadata: metadata, endpoints: ready + notReady,
                                 ports: subset.ports?.map { EndpointSlice.Port(name: $0.name ?? "", port: $0.port, protocol: $0.protocol ?? "TCP") })
        }
        var actions: [String] = []
        for (index, slice) in wanted.enumerated() {
            if index < existing.count {
                var current = existing[index]
                guard current.endpoints != slice.endpoints || current.ports != slice.ports || current.labels != labels else { continue }
                current.endpoints = slice.endpoints
                current.ports = slice.ports
                current.metadata.labels = labels
                client.update(current, why: "Endpoints \(key) changed")
                actions.append("update \(current.name)")
            } else {
                client.create(slice, why: "Service \(key) has no selector: mirror its Endpoints")
                actions.append("create a slice of \(slice.endpoints?.count ?? 0) endpoint(s)")
            }
        }
        for extra in existing.dropFirst(wanted.count) {
            client.delete(EndpointSlice.type, namespace: extra.namespace, name: extra.name, why: "Endpoints \(key) have fewer subsets")
            actions.append("delete \(extra.name)")
        }
        return StepOutcome(object: reference, summary: actions.isEmpty ? "\(key): mirrored slices in sync" : "mirror Endpoints \(key): " + actions.joined(separator: "; "))
    }

    private func mirror(_ address: EndpointAddress, ready: Bool) -> EndpointSlice.Endpoint {
        EndpointSlice.Endpoint(addresses: [address.ip], conditions: .init(ready: ready, serving: nil, terminating: nil),
                               hostname: address.hostname, nodeName: address.nodeName, targetRef: address.targetRef)
    }
}
