@_exported import ClientKit
import CloudControllerManager
import Controllers
import IngressController
@_exported import ClusterDNS
@_exported import KubeProxy
@_exported import Network
import NodeAgents
import Scheduler
import Store

/// The composition root: one API server and etcd, the scheduler, the controller manager's
/// controllers and a kubelet per node, all driven by one deterministic simulation.
public final class Cluster {
    public let simulation: Simulation
    /// etcd, which `etcdctl` reads directly, as it does in a real cluster; everything else
    /// reaches it through the API server.
    public let etcd = MVCCStore<any APIObject>()
    public let server: APIServer
    public private(set) var kubelets: [Kubelet] = []
    /// kube-proxy on every node, by node name.
    public private(set) var proxies: [String: KubeProxy] = [:]
    public let dns: CoreDNS
    /// The data plane that requests from nodes and Pods travel.
    public private(set) lazy var network = Network(seed: seed, server: server, simulation: simulation, dns: dns, cloud: cloud,
                                                   kubelets: { [unowned self] in self.kubelets }, proxies: { [unowned self] in self.proxies })
    let seed: UInt64
    let scheduler: Scheduler
    /// kube-controller-manager's informers, which all the controllers below share.
    public let informers: SharedInformerFactory
    let replicaSets: ReplicaSetController
    let deployments: DeploymentController
    let daemonSets: DaemonSetController
    let statefulSets: StatefulSetController
    let jobs: JobController
    let cronJobs: CronJobController
    let ttlAfterFinished: TTLAfterFinishedController
    let volumes: PersistentVolumeController
    let provisioner: StorageProvisioner
    let garbageCollector: GarbageCollector
    let podGC: PodGCController
    let namespaces: NamespaceController
    let endpoints: EndpointsController
    let endpointSlices: EndpointSliceController
    let endpointSliceMirroring: EndpointSliceMirroringController
    /// The simulated cloud's load balancers, and cloud-controller-manager's service controller
    /// that asks for them.
    public let cloud = CloudLoadBalancers()
    let serviceLoadBalancers: ServiceLoadBalancerController
    /// ingress-nginx's control loop; it serves Ingresses once manifests/ingress-nginx.yaml runs its Pods.
    let ingressNginx: IngressNginxController
    /// The number of steps the boot took; `trace` starts after them.
    public private(set) var bootSteps = 0
    /// The number of reads the API server served during the boot; `trace --reads` starts after them.
    public private(set) var bootReads = 0
    public static let systemNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    /// Boots `controlplane` and `workers` worker nodes (`node01`, `node02` ...) and runs until settled.
    public init(workers: Int = 2, seed: UInt64 = 1, traceCapacity: Int = 500_000) {
        self.seed = seed
        simulation = Simulation(seed: seed, traceCapacity: traceCapacity)
        server = APIServer(simulation: simulation, etcd: etcd)
        let bootstrap = Client(component: "kube-apiserver", user: UserInfo(name: "system:apiserver", groups: ["system:masters"], authenticatedBy: "loopback token"),
                               server: server, simulation: simulation)
        for name in Cluster.systemNamespaces {
            bootstrap.create(Namespace(name: name), why: "kube-apiserver creates the system namespaces at start-up")
        }
        bootstrap.create(Cluster.kubernetesService, why: "kube-apiserver publishes itself as the Service default/kubernetes")
        let apiServerAddress = MachineSpec(name: "controlplane", index: 0, controlPlane: true).internalIP
        for object in Cluster.kubernetesEndpoints(apiServerAddress) {
            bootstrap.create(object, why: "kube-apiserver's endpoint reconciler lists itself behind Service default/kubernetes")
        }
        simulation.runUntilSettled()
        scheduler = Scheduler(server: server, simulation: simulation)
        informers = SharedInformerFactory(server: server, simulation: simulation)
        replicaSets = ReplicaSetController(informers: informers)
        deployments = DeploymentController(informers: informers)
        daemonSets = DaemonSetController(informers: informers)
        statefulSets = StatefulSetController(informers: informers)
        jobs = JobController(informers: informers)
        cronJobs = CronJobController(informers: informers)
        ttlAfterFinished = TTLAfterFinishedController(informers: informers)
        volumes = PersistentVolumeController(informers: informers)
        provisioner = StorageProvisioner(server: server, simulation: simulation)
        garbageCollector = GarbageCollector(informers: informers)
        podGC = PodGCController(informers: informers)
        namespaces = NamespaceController(informers: informers)
        endpoints = EndpointsController(informers: informers)
        endpointSlices = EndpointSliceController(informers: informers)
        endpointSliceMirroring = EndpointSliceMirroringController(informers: informers)
        serviceLoadBalancers = ServiceLoadBalancerController(
            informers: SharedInformerFactory(server: server, simulation: simulation, component: "cloud-controller-manager"), cloud: cloud)
        ingressNginx = IngressNginxController(server: server, simulation: simulation)
        dns = CoreDNS(server: server, simulation: simulation)
        server.kubeletConnection = { [unowned self] node in self.kubelet(on: node) }
        addKubelet(MachineSpec(name: "controlplane", index: 0, controlPlane: true))
        for index in stride(from: 1, through: workers, by: 1) {
            addKubelet(MachineSpec(name: String(format: "node%02d", index), index: index))
        }
        simulation.runUntilSettled()
        for object in AddOns.objects {
            bootstrap.create(object, why: "kubeadm installs the \(object.name) add-on")
        }
        simulation.runUntilSettled()
        bootSteps = simulation.trace.count
        bootReads = server.reads.count
    }

    /// The Service in front of kube-apiserver, at the first address of the service CIDR.
    static var kubernetesService: Service {
        var service = Service(metadata: ObjectMeta(name: "kubernetes", namespace: "default",
                                                   labels: ["component": "apiserver", "provider": "kubernetes"]),
                              spec: ServiceSpec())
        service.spec.clusterIP = "10.96.0.1"
        var port = ServicePort(port: 443)
        port.name = "https"
        port.targetPort = .int(6443)
        service.spec.ports = [port]
        return service
    }

    /// The Endpoints and EndpointSlice of Service `kubernetes`, which kube-apiserver keeps itself
    /// (the Service has no selector): its own address on port 6443.
    static func kubernetesEndpoints(_ address: String) -> [any APIObject] {
        let labels = ["endpointslice.kubernetes.io/skip-mirror": "true"]
        let endpoints = Endpoints(metadata: ObjectMeta(name: "kubernetes", namespace: "default", labels: labels),
                                  subsets: [EndpointSubset(addresses: [EndpointAddress(ip: address)], notReadyAddresses: nil,
                                                           ports: [EndpointPort(name: "https", port: 6443, protocol: "TCP")])])
        let slice = EndpointSlice(metadata: ObjectMeta(name: "kubernetes", namespace: "default", labels: [EndpointSlice.serviceNameLabel: "kubernetes"]),
                                  endpoints: [.init(addresses: [address], conditions: .init(ready: true, serving: nil, terminating: nil),
                                                    hostname: nil, nodeName: nil, targetRef: nil)],
                                  ports: [.init(name: "https", port: 6443, protocol: "TCP")])
        return [endpoints, slice]
    }

    /// Starts a kubelet for a new machine; it registers its Node through the API server.
    /// Without a name it takes the next free `nodeNN`.
    @discardableResult
    public func addNode(named name: String? = nil) -> String {
        let index = (kubelets.map(\.machine.index).max() ?? 0) + 1
        var number = index
        while name == nil, kubelet(on: String(format: "node%02d", number)) != nil { number += 1 }
        let machine = MachineSpec(name: name ?? String(format: "node%02d", number), index: index)
        addKubelet(machine)
        return machine.name
    }

    /// Starts a machine's node agents: the kubelet, which registers the Node, and kube-proxy.
    private func addKubelet(_ machine: MachineSpec) {
        let kubelet = Kubelet(machine: machine, server: server, simulation: simulation)
        kubelets.append(kubelet)
        kubelet.start()
        proxies[machine.name] = KubeProxy(nodeName: machine.name, server: server, simulation: simulation)
    }

    /// kube-controller-manager's --terminated-pod-gc-threshold (12500 by default).
    public var terminatedPodGCThreshold: Int {
        get { podGC.terminatedPodThreshold }
        set { podGC.terminatedPodThreshold = newValue }
    }

    public func kubelet(on node: String) -> Kubelet? { kubelets.first { $0.nodeName == node } }

}
