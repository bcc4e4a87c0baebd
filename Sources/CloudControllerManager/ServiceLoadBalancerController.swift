import ClientKit

/// cloud-controller-manager's service controller (k8s.io/cloud-provider/controllers/service):
/// for every Service of type LoadBalancer it asks the cloud for a load balancer, writes the
/// address into status.loadBalancer.ingress, and holds the Service with the
/// `service.kubernetes.io/load-balancer-cleanup` finalizer until the load balancer is deleted.
public final class ServiceLoadBalancerController {
    public static let component = "service-controller"
    public static let cleanupFinalizer = "service.kubernetes.io/load-balancer-cleanup"
    let client: Client
    let services: Informer<Service>
    let nodes: Informer<Node>
    let cloud: CloudLoadBalancers
    let recorder: EventRecorder
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory, cloud: CloudLoadBalancers) {
        self.cloud = cloud
        client = informers.client(component: ServiceLoadBalancerController.component, serviceAccount: "service-controller")
        services = informers.informer()
        nodes = informers.informer()
        recorder = EventRecorder(client: client, component: ServiceLoadBalancerController.component)
        queue = WorkQueue(simulation: informers.simulation, component: ServiceLoadBalancerController.component) { [unowned self] in self.sync($0) }
        let owner = ServiceLoadBalancerController.component
        services.addHandlers(owner: owner, add: { [unowned self] in wantsBalancer($0) ? queue.add($0.key) : nil },
                             update: { [unowned self] old, new in
                                 wantsBalancer(old) || wantsBalancer(new) || holdsFinalizer(new) ? queue.add(new.key) : nil
                             })
    }

    private func wantsBalancer(_ service: Service) -> Bool { service.spec.type == "LoadBalancer" && service.metadata.deletionTimestamp == nil }
    private func holdsFinalizer(_ service: Service) -> Bool { (service.metadata.finalizers ?? []).contains(ServiceLoadBalancerController.cleanupFinalizer) }

    private func sync(_ key: String) -> StepOutcome {
        let reference = "service/\(key)"
        guard let service = services.get(key) else { return StepOutcome(object: reference, summary: "\(key) is gone") }
        guard wantsBalancer(service) else { return tearDown(service, reference: reference) }
        if !holdsFinalizer(service) {
            var held = service
            held.metadata.finalizers = (service.metadata.finalizers ?? []) + [ServiceLoadBalancerController.cleanupFinalizer]
            client.update(held, why: "a LoadBalancer Service keeps its load balancer until this controller deletes it")
            return StepOutcome(object: reference, summary: "\(key): add finalizer \(ServiceLoadBalancerController.cleanupFinalizer)")
        }
        let ready = nodes.list().filter { $0.isReady && $0.spec.unschedulable != true && $0.labels["node.kubernetes.io/exclude-from-external-load-balancers"] == nil }
        guard let address = cloud.ensure(service: key, nodes: ready.map(\.name)) else {
            recorder.record(service, type: "Warning", reason: "SyncLoadBalancerFailed",
                            message: "Error syncing load balancer: failed to ensure load balancer: no address is free in the pool and no node is ready")
            return StepOutcome(object: reference, summary: "\(key): no load balancer (pool exhausted or no ready node)")
        }
        guard service.loadBalancerIngressIPs != [address] else {
            return StepOutcome(object: reference, summary: "\(key): load balancer \(address) in place")
        }
        recorder.record(service, reason: "EnsuringLoadBalancer", message: "Ensuring load balancer")
        var updated = service
        updated.status = ServiceStatus(loadBalancer: LoadBalancerStatus(ingress: [.init(ip: address, ipMode: "VIP")]))
        client.updateStatus(updated, why: "the cloud made a load balancer at \(address)") { [recorder] result in
            if case .success = result { recorder.record(updated, reason: "EnsuredLoadBalancer", message: "Ensured load balancer") }
        }
        let answering = cloud.node(answering: address) ?? ""
        return StepOutcome(object: reference, summary: "\(key): load balancer \(address), answered by \(answering)",
                           explanation: "The cloud gave Service \(key) the address \(address) from its pool "
                               + "\(CloudLoadBalancers.pool.first) (+\(CloudLoadBalancers.pool.count - 1)).\n"
                               + "Traffic to \(address) arrives at node \(answering), where kube-proxy's KUBE-EXT chain takes it on.")
    }

    /// A Service no longer of type LoadBalancer, or being deleted: delete the load balancer, then
    /// the address in status and the finalizer.
    private func tearDown(_ service: Service, reference: String) -> StepOutcome {
        let released = cloud.release(service: service.key)
        guard holdsFinalizer(service) || !service.loadBalancerIngressIPs.isEmpty else {
            return StepOutcome(object: reference, summary: "\(service.key) needs no load balancer")
        }
        if released != nil { recorder.record(service, reason: "DeletingLoadBalancer", message: "Deleting load balancer") }
        if !service.loadBalancerIngressIPs.isEmpty, service.metadata.deletionTimestamp == nil {
            var cleared = service
            cleared.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
            client.updateStatus(cleared, why: "the load balancer is deleted")
            return StepOutcome(object: reference, summary: "\(service.key): load balancer \(released ?? "") deleted → clear status")
        }
        var freed = service
        freed.metadata.finalizers = (service.metadata.finalizers ?? []).filter { $0 != ServiceLoadBalancerController.cleanupFinalizer }
        if freed.metadata.finalizers?.isEmpty == true { freed.metadata.finalizers = nil }
        client.update(freed, why: "the load balancer is deleted") { [recorder] result in
            if case .success = result, released != nil { recorder.record(service, reason: "DeletedLoadBalancer", message: "Deleted load balancer") }
        }
        return StepOutcome(object: reference, summary: "\(service.key): load balancer \(released.map { "\($0) " } ?? "")deleted → remove finalizer")
    }
}
