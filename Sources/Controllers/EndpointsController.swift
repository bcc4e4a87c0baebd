import ClientKit

/// The endpoints controller (pkg/controller/endpoint): for every Service with a selector, an
/// Endpoints object of the same name listing the selected Pods' IPs, ready ones under
/// `addresses` and the others under `notReadyAddresses`, grouped by their resolved ports.
public final class EndpointsController {
    public static let component = "endpoint-controller"
    let client: Client
    let services: Informer<Service>
    let pods: Informer<Pod>
    let endpoints: Informer<Endpoints>
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: EndpointsController.component, serviceAccount: "endpoint-controller")
        services = informers.informer()
        pods = informers.informer()
        endpoints = informers.informer()
        queue = WorkQueue(simulation: simulation, component: EndpointsController.component) { [unowned self] in self.sync($0) }
        ServiceBackend.follow(services, pods, into: queue, owner: EndpointsController.component, deletes: true)
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "service/\(key)"
        guard let service = services.get(key) else {
            guard let stale = endpoints.get(key) else { return StepOutcome(object: reference, summary: "\(key) has no Service and no Endpoints") }
            client.delete(Endpoints.type, namespace: stale.namespace, name: stale.name, why: "Service \(key) is gone")
            return StepOutcome(object: reference, summary: "Service \(key) is gone → delete its Endpoints")
        }
        guard service.spec.selector != nil else {
            return StepOutcome(object: reference, summary: "Service \(key) has no selector: its Endpoints are written by hand")
        }
        let backends = ServiceBackend.backends(of: service, among: pods.list(namespace: service.namespace), includeTerminating: false)
        var subsets: [EndpointSubset] = []
        for backend in backends where !backend.ports.isEmpty || (service.spec.ports ?? []).isEmpty {
            let address = EndpointAddress(ip: backend.ip, hostname: backend.hostname, nodeName: backend.pod.spec.nodeName, targetRef: backend.targetRef)
            let index = subsets.firstIndex { $0.ports == backend.ports } ?? {
                subsets.append(EndpointSubset(addresses: nil, notReadyAddresses: nil, ports: backend.ports))
                return subsets.count - 1
            }()
            if backend.ready { subsets[index].addresses = (subsets[index].addresses ?? []) + [address] } else {
                subsets[index].notReadyAddresses = (subsets[index].notReadyAddresses ?? []) + [address]
            }
        }
        var labels = service.labels
        if service.isHeadless { labels["service.kubernetes.io/headless"] = "" }
        let current = endpoints.get(key)
        let lines = backends.map { "\($0.pod.name) \($0.ip): \($0.ready ? "ready" : "not ready")" + ($0.ports.isEmpty ? ", no port resolves" : "") }
        let explanation = "Service \(key) selects \(service.spec.selector?.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") ?? ""):\n"
            + (lines.isEmpty ? "no Pod with an IP matches" : lines.joined(separator: "\n"))
        let ready = subsets.reduce(0) { $0 + ($1.addresses?.count ?? 0) }
        let notReady = subsets.reduce(0) { $0 + ($1.notReadyAddresses?.count ?? 0) }
        if var current {
            guard current.subsets ?? [] != subsets || current.labels != labels else {
                return StepOutcome(object: reference, summary: "\(ready) ready, \(notReady) not ready: in sync", explanation: explanation)
            }
            current.subsets = subsets.isEmpty ? nil : subsets
            current.metadata.labels = labels.isEmpty ? nil : labels
            client.update(current, why: "Pods behind Service \(key) changed")
        } else {
            client.create(Endpoints(metadata: ObjectMeta(name: service.name, namespace: service.namespace, labels: labels.isEmpty ? nil : labels),
                                    subsets: subsets.isEmpty ? nil : subsets),
                          why: "Service \(key) needs its Endpoints")
        }
        return StepOutcome(object: reference, summary: "\(current == nil ? "create" : "update") Endpoints \(key): \(ready) ready, \(notReady) not ready address(es)",
                           explanation: explanation)
    }
}
