import ClientKit

/// The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a
/// selector, EndpointSlices labelled `kubernetes.io/service-name` and owned by the Service, one
/// per set of resolved ports. Unlike Endpoints they keep terminating Pods, as serving but not
/// ready, so that kube-proxy can drain them.
public final class EndpointSliceController {
    public static let component = "endpointslice-controller"
    static let managedBy = "endpointslice-controller.k8s.io"
    /// Its index on the shared slice informer: the slices it manages, by Service.
    static let index = "managed-by-endpointslice-controller"
    let client: Client
    let services: Informer<Service>
    let pods: Informer<Pod>
    let slices: Informer<EndpointSlice>
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: EndpointSliceController.component, serviceAccount: "endpointslice-controller")
        services = informers.informer()
        pods = informers.informer()
        slices = informers.informer()
        slices.addIndex(EndpointSliceController.index) { $0.serviceKey(managedBy: EndpointSliceController.managedBy) }
        queue = WorkQueue(simulation: simulation, component: EndpointSliceController.component) { [unowned self] in self.sync($0) }
        ServiceBackend.follow(services, pods, into: queue, owner: EndpointSliceController.component, deletes: false)
        // A managed slice deleted behind the controller's back (`kubectl delete endpointslice`)
        // is put back at once, as the real controller's onEndpointSliceDelete does.
        slices.addHandlers(owner: EndpointSliceController.component, delete: { [unowned self] slice in
            guard let key = slice.serviceKey(managedBy: EndpointSliceController.managedBy).first,
                  let service = self.services.get(key), service.metadata.deletionTimestamp == nil else { return nil }
            return self.queue.add(key)
        })
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "service/\(key)"
        guard let service = services.get(key), service.metadata.deletionTimestamp == nil else {
            return StepOutcome(object: reference, summary: "Service \(key) is gone; its EndpointSlices are the garbage collector's")
        }
        guard service.spec.selector != nil else {
            return StepOutcome(object: reference, summary: "Service \(key) has no selector: no EndpointSlices to manage")
        }
        let backends = ServiceBackend.backends(of: service, among: pods.list(namespace: service.namespace), includeTerminating: true)
        // One slice per distinct set of resolved ports, as the real controller groups them.
        var wanted: [([EndpointSlice.Port], [EndpointSlice.Endpoint])] = []
        for backend in backends where !backend.ports.isEmpty || (service.spec.ports ?? []).isEmpty {
            let ports = backend.ports.map { EndpointSlice.Port(name: $0.name ?? "", port: $0.port, protocol: $0.protocol) }
            let endpoint = EndpointSlice.Endpoint(addresses: [backend.ip],
                                                  conditions: .init(ready: backend.ready, serving: backend.pod.isReady, terminating: backend.terminating),
                                                  hostname: backend.hostname, nodeName: backend.pod.spec.nodeName, targetRef: backend.targetRef)
            if let index = wanted.firstIndex(where: { $0.0 == ports }) { wanted[index].1.append(endpoint) } else { wanted.append((ports, [endpoint])) }
        }
        // With no endpoints at all a placeholder slice without ports stands for the Service.
        if wanted.isEmpty { wanted = [([], [])] }
        var labels = service.labels
        labels[EndpointSlice.serviceNameLabel] = service.name
        labels[EndpointSlice.managedByLabel] = EndpointSliceController.managedBy
        if service.isHeadless { labels["service.kubernetes.io/headless"] = "" }
        var existing = slices.byIndex(EndpointSliceController.index, key).sorted { $0.name < $1.name }
        var actions: [String] = []
        for (ports, endpoints) in wanted {
            let portsOrNil = ports.isEmpty ? nil : ports
            let endpointsOrNil = endpoints.isEmpty ? nil : endpoints
            if let index = existing.firstIndex(where: { ($0.ports ?? []) == ports }) ?? (existing.isEmpty ? nil : 0) {
                var slice = existing.remove(at: index)
                guard slice.ports != portsOrNil || slice.endpoints != endpointsOrNil || slice.labels != labels else { continue }
                slice.ports = portsOrNil
                slice.endpoints = endpointsOrNil
                slice.metadata.labels = labels
                client.update(slice, why: "Pods behind Service \(key) changed")
                actions.append("update \(slice.name) (\(EndpointSliceController.describe(endpoints)))")
            } else {
                var metadata = ObjectMeta(namespace: service.namespace, labels: labels)
                metadata.generateName = "\(service.name)-"
                metadata.ownerReferences = [service.ownerReference(controller: true)]
                client.create(EndpointSlice(metadata: metadata, endpoints: endpointsOrNil, ports: portsOrNil), why: "Service \(key) needs an EndpointSlice")
                actions.append("create a slice (\(EndpointSliceController.describe(endpoints)))")
            }
        }
        for extra in existing {
            client.delete(EndpointSlice.type, namespace: extra.namespace, name: extra.name, why: "no endpoints of Service \(key) need it")
            actions.append("delete \(extra.name)")
        }
        let lines = backends.map { "\($0.pod.name) \($0.ip): ready=\($0.ready) serving=\($0.pod.isReady) terminating=\($0.terminating)" }
        return StepOutcome(object: reference, summary: actions.isEmpty ? "in sync" : actions.joined(separator: "; "),
                           explanation: "Service \(key): the endpoints its selector picks\n" + (lines.isEmpty ? "none" : lines.joined(separator: "\n")))
    }

    static func describe(_ endpoints: [EndpointSlice.Endpoint]) -> String {
        let ready = endpoints.filter { $0.conditions?.ready == true }.count
        return "\(endpoints.count) endpoint(s), \(ready) ready"
    }
}
