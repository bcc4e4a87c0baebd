import ClientKit

/// The control loop of ingress-nginx (kubernetes/ingress-nginx, installed from
/// manifests/ingress-nginx.yaml): it serves the Ingresses whose IngressClass names its
/// controller `k8s.io/ingress-nginx`, and publishes in each one's status the addresses of the
/// nodes its controller Pods run on, as it does on bare metal. Its data plane (the nginx that
/// routes by host and path) answers in the controller Pods: see `IngressRouter`.
///
/// Simplified: the controller Pods are known by the ready endpoints of the
/// `ingress-nginx/ingress-nginx-controller` Service, rather than by a Pod informer of its own.
public final class IngressNginxController {
    public static let component = "nginx-ingress-controller"
    public static let controllerName = "k8s.io/ingress-nginx"
    /// `namespace/name` of the Service in front of the controller Pods.
    static let serviceKey = "ingress-nginx/ingress-nginx-controller"
    let client: Client
    let ingresses: Informer<Ingress>
    let classes: Informer<IngressClass>
    let slices: Informer<EndpointSlice>
    let recorder: EventRecorder
    private var queue: WorkQueue!

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: IngressNginxController.component, user: .controller("ingress-nginx"), server: server, simulation: simulation)
        ingresses = Informer(client: client)
        classes = Informer(client: client)
        slices = Informer(client: client)
        recorder = EventRecorder(client: client, component: IngressNginxController.component)
        queue = WorkQueue(simulation: simulation, component: IngressNginxController.component) { [unowned self] in self.sync($0) }
        let queueIngress: (Ingress) -> String? = { [unowned self] in queue.add($0.key) }
        ingresses.addHandlers(add: queueIngress, update: { old, new in old.spec != new.spec || old.metadata.annotations != new.metadata.annotations ? queueIngress(new) : nil })
        let queueAll: (any APIObject) -> String? = { [unowned self] _ in
            let keys = ingresses.keys
            keys.forEach { _ = queue.add($0) }
            return keys.isEmpty ? nil : "resync \(keys.count) Ingress(es)"
        }
        classes.addHandlers(add: queueAll, update: { _, new in queueAll(new) }, delete: queueAll)
        slices.addHandlers(add: { [unowned self] in ownSlice($0) ? queueAll($0) : nil },
                           update: { [unowned self] old, new in ownSlice(new) && old.endpoints != new.endpoints ? queueAll(new) : nil },
                           delete: { [unowned self] in ownSlice($0) ? queueAll($0) : nil })
    }

    private func ownSlice(_ slice: EndpointSlice) -> Bool {
        slice.serviceKey == IngressNginxController.serviceKey
    }

    /// The classes this controller serves, and whether one of them is the default.
    public static func serves(_ ingress: Ingress, classes: [IngressClass]) -> Bool {
        let mine = classes.filter { $0.spec.controller == controllerName }
        if let name = ingress.spec.ingressClassName { return mine.contains { $0.name == name } }
        if let annotated = ingress.metadata.annotations?["kubernetes.io/ingress.class"] { return mine.contains { $0.name == annotated } }
        return mine.contains(where: \.isDefault)
    }

    /// The nodes whose controller Pods are ready: where the controller listens.
    private var controllerNodes: [String] {
        let endpoints = slices.list().filter(ownSlice).flatMap { $0.endpoints ?? [] }
        return Set(endpoints.filter { $0.conditions?.ready ?? true }.compactMap(\.nodeName)).sorted()
    }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "ingress/\(key)"
        guard let ingress = ingresses.get(key) else { return StepOutcome(object: reference, summary: "\(key) is gone") }
        guard IngressNginxController.serves(ingress, classes: classes.list()) else {
            return StepOutcome(object: reference, summary: "\(key): class \(ingress.spec.ingressClassName ?? "<none>") is not served by \(IngressNginxController.controllerName)")
        }
        let nodes = controllerNodes
        let addresses = nodes.compactMap { client.get(Node.self, name: $0).value?.internalIP }
        let wanted = addresses.isEmpty ? nil : addresses.map { IngressLoadBalancerStatus.Ingress(ip: $0) }
        guard ingress.status?.loadBalancer?.ingress != wanted else {
            return StepOutcome(object: reference, summary: "\(key): nginx configuration and status in sync")
        }
        recorder.record(ingress, reason: "Sync", message: "Scheduled for sync")
        var updated = ingress
        updated.status = IngressStatus(loadBalancer: IngressLoadBalancerStatus(ingress: wanted))
        client.updateStatus(updated, why: "the controller publishes where it serves the Ingress")
        let summary = wanted == nil ? "no controller Pod is ready → clear the address" : "served on \(nodes.joined(separator: ", ")) → address \(addresses.joined(separator: ","))"
        return StepOutcome(object: reference, summary: "\(key): \(summary)",
                           explanation: "ingress-nginx reloads nginx with the rules of Ingress \(key) and writes the addresses of the nodes running its controller Pods into status.loadBalancer.")
    }
}
