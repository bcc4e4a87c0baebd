/// A controller manager's SharedInformerFactory (kube-controller-manager's, or
/// cloud-controller-manager's): one informer per kind, shared by every controller that asks for it. A watch event reaches the controller manager once, as one
/// delivery step, and fans out to each controller's handlers, instead of one step per controller.
public final class SharedInformerFactory {
    public let server: APIServer
    public let simulation: Simulation
    private let client: Client
    /// Informers by resource plural, each an `Informer<Object>` of that kind.
    private var informers: [String: AnyObject] = [:]

    public init(server: APIServer, simulation: Simulation, component: String = "kube-controller-manager") {
        self.server = server
        self.simulation = simulation
        client = Client(component: component, user: .controller(component), server: server, simulation: simulation)
    }

    /// The shared informer for `Object`, started by the first controller that asks for it.
    public func informer<Object: APIObject>(_ type: Object.Type = Object.self) -> Informer<Object> {
        if let existing = informers[Object.type.plural] as? Informer<Object> { return existing }
        let informer = Informer<Object>(client: client)
        informers[Object.type.plural] = informer
        return informer
    }

    /// A controller's own connection, in its name and with its service account's user.
    public func client(component: String, serviceAccount: String) -> Client {
        Client(component: component, user: .controller(serviceAccount), server: server, simulation: simulation)
    }
}
