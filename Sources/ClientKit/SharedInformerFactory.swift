@_spi(Observer) import APIServer

/// A controller manager's SharedInformerFactory (kube-controller-manager's, or
/// cloud-controller-manager's): one informer per kind, shared by every controller that asks for it. A watch event reaches the controller manager once, as one
/// delivery step, and fans out to each controller's handlers, instead of one step per controller.
public final class SharedInformerFactory {
    public let server: APIServer
    public let simulation: Simulation
    private let client: Client
    /// Informers by resource plural, each an `Informer<Object>` of that kind.
    private var informers: [String: AnyObject] = [:]
    /// Per kind, whether its informer's cache holds what the store holds (keys and resource versions).
    private var inSync: [String: () -> Bool] = [:]

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
        inSync[Object.type.plural] = { [unowned informer, server] in
            let cached = informer.list().map { [$0.key, $0.metadata.resourceVersion ?? ""] }
            let stored = server.list(Object.self).map { [$0.key, $0.metadata.resourceVersion ?? ""] }
            return cached == stored.sorted { $0[0] < $1[0] }
        }
        return informer
    }

    /// The kinds whose cache differs from the store: none once every watch event is delivered,
    /// which is what "the informers have caught up" means at quiescence. An observer's check: it
    /// reads the store past the API server's door.
    @_spi(Observer)
    public var staleCaches: [String] { inSync.keys.sorted().filter { inSync[$0]?() == false } }

    /// A controller's own connection, in its name and with its service account's user.
    public func client(component: String, serviceAccount: String) -> Client {
        Client(component: component, user: .controller(serviceAccount), server: server, simulation: simulation)
    }
}
