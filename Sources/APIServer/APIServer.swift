import KubeModel
import SimCore
import Store

/// A watch event as an informer receives it.
public struct WatchEvent {
    public enum EventType: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    public let type: EventType
    public let object: any APIObject
    public let revision: Int64
}

/// What one request did at each stage of the pipeline, for the step's explanation.
/// Details are kept unrendered until someone reads the explanation.
public struct RequestLog {
    private var stages: [(stage: String, detail: () -> String)] = []
    mutating func note(_ stage: String, _ detail: @autoclosure @escaping () -> String) { stages.append((stage, detail)) }

    public var text: String {
        stages.map { $0.stage.padded(to: 15) + $0.detail() }.joined(separator: "\n")
    }
}

/// kube-apiserver: the only component that talks to etcd. Every request passes authentication,
/// authorization, admission and defaulting, validation, the store write and the watch fan-out.
public final class APIServer {
    /// etcd: only the API server reads and writes it (etcdctl, as in a real cluster, talks to it directly).
    let store: MVCCStore<any APIObject>
    let simulation: Simulation
    /// The reads served, newest last, for `trace --reads`.
    public private(set) var reads = ReadLog()
    /// The kubelet of a node, for the subresources the server proxies to it (pods/log).
    public var kubeletConnection: (String) -> (any KubeletEndpoint)? = { _ in nil }
    private var handlers: [String: any ResourceHandler] = [:]
    private var watchers: [String: [Int: Watcher]] = [:]
    private var nodeWatchers: [String: [Int: Watcher]] = [:]
    private var nextWatcherID = 1
    private let eventExpiry = EventExpiry()

    public init(simulation: Simulation, etcd: MVCCStore<any APIObject> = MVCCStore()) {
        self.simulation = simulation
        self.store = etcd
        register(PodStrategy())
        register(ReplicaSetStrategy())
        register(DeploymentAPIStrategy())
        register(DaemonSetAPIStrategy())
        register(StatefulSetAPIStrategy())
        register(PlainStrategy<ControllerRevision>())
        register(JobStrategy())
        register(CronJobStrategy())
        register(ServiceStrategy())
        register(PlainStrategy<Endpoints>())
        register(PlainStrategy<EndpointSlice>())
        register(NetworkPolicyStrategy())
        register(IngressStrategy())
        register(IngressClassStrategy())
        register(PersistentVolumeStrategy())
        register(PersistentVolumeClaimStrategy())
        register(StorageClassStrategy())
        register(NodeStrategy())
        register(NamespaceStrategy())
        register(ConfigMapStrategy())
        register(SecretStrategy())
        register(PlainStrategy<ServiceAccount>())
        register(PlainStrategy<Event>())
        register(PlainStrategy<Lease>())
        _ = try? store.watch(prefix: "/registry/") { [unowned self] event in self.fanOut(event) }
    }

    private func register<S: Strategy>(_ strategy: S) {
        handlers[S.Object.type.plural] = TypedHandler(strategy: strategy)
    }

    public var now: Timestamp { Timestamp(seconds: simulation.nowSeconds) }

    public var revision: Int64 { store.revision }

    // MARK: Watches

    struct Watcher {
        let id: Int
        let component: String
        let nodeName: String?
        /// `namespace/name` when the watch is for one object (a `metadata.name=` field selector).
        let objectKey: String?
        let handler: (WatchEvent) -> StepOutcome
    }

    /// Registers a watch on a type. With `nodeName`, only Pods bound to that node are delivered
    /// (the kubelet's `spec.nodeName=` field selector), found by index rather than by scanning;
    /// with `objectKey` (`namespace/name`), only that object's events are.
    @discardableResult
    public func watch(_ type: ResourceType, component: String, nodeName: String? = nil, objectKey: String? = nil,
                      handler: @escaping (WatchEvent) -> StepOutcome) -> Int {
        let id = nextWatcherID
        nextWatcherID += 1
        let watcher = Watcher(id: id, component: component, nodeName: nodeName, objectKey: objectKey, handler: handler)
        if let nodeName {
            nodeWatchers[nodeName, default: [:]][id] = watcher
        } else {
            watchers[type.plural, default: [:]][id] = watcher
        }
        return id
    }

    /// Ends a watch `watch` returned; events already on their way are still delivered.
    public func stopWatching(_ id: Int) {
        for type in Array(watchers.keys) { watchers[type]?[id] = nil }
        for node in Array(nodeWatchers.keys) { nodeWatchers[node]?[id] = nil }
    }

    private var lastFanOut: [String] = []

    private func fanOut(_ event: MVCCStore<any APIObject>.Event) {
        let object = event.entry.value
        let type = object.type
        if object is Event { eventExpiry.written(event, store: store, simulation: simulation) }
        var targets: [(Watcher, WatchEvent.EventType, any APIObject)] = []
        let plainType: WatchEvent.EventType = event.type == .delete ? .deleted : (event.previous == nil ? .added : .modified)
        for id in (watchers[type.plural] ?? [:]).keys.sorted() {
            if let watcher = watchers[type.plural]?[id], watcher.objectKey.map({ $0 == object.key }) ?? true {
                targets.append((watcher, plainType, object))
            }
        }
        if let pod = object as? Pod {
            let newNode = event.type == .delete ? nil : pod.spec.nodeName
            let oldNode = (event.previous?.value as? Pod)?.spec.nodeName
            if let oldNode, oldNode != newNode {
                for watcher in sortedNodeWatchers(oldNode) { targets.append((watcher, .deleted, object)) }
            }
            if let node = newNode {
                let kind: WatchEvent.EventType = event.type == .delete ? .deleted : (oldNode == node ? .modified : .added)
                for watcher in sortedNodeWatchers(node) { targets.append((watcher, kind, object)) }
            }
        }
        lastFanOut = targets.map(\.0.component)
        let revision = event.revision
        let objectName = type.singular + "/" + object.key
        for (watcher, kind, object) in targets {
            let watchEvent = WatchEvent(type: kind, object: object, revision: revision)
            simulation.schedule(component: watcher.component, kind: .watch,
                                label: "deliver \(kind.rawValue) \(objectName) to \(watcher.component)") {
                watcher.handler(watchEvent)
            }
        }
    }

    private func sortedNodeWatchers(_ node: String) -> [Watcher] {
        (nodeWatchers[node] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    // MARK: Requests

    /// What a request answers with: one object, a list's items, or a container's log.
    public enum ResponseBody {
        case object(any APIObject)
        case list([any APIObject])
        case logLines([String])
    }

    public struct Response {
        public let body: Result<ResponseBody, APIError>
        public let log: RequestLog
        /// HTTP status for the trace: `201 Created`, `404 NotFound` ...
        public let status: String

        /// The object of the answer: what every verb but list answers with.
        public var result: Result<any APIObject, APIError> {
            body.flatMap { body in
                switch body {
                case .object(let object): .success(object)
                case .list, .logLines: .failure(.badRequest("the answer is not one object"))
                }
            }
        }

        /// The items of a list's answer (one object's answer is one item).
        public var items: Result<[any APIObject], APIError> {
            body.map { body in
                switch body {
                case .object(let object): [object]
                case .list(let items): items
                case .logLines: []
                }
            }
        }

        /// The lines of a pods/log answer.
        public var logLines: Result<[String], APIError> {
            body.map { body in
                if case .logLines(let lines) = body { return lines }
                return []
            }
        }
    }

    /// Runs one request through the whole pipeline: authentication, authorization, then the
    /// registry (admission, validation and the store for writes). Reads are kept in `reads`.
    public func handle(_ request: APIRequest) -> Response {
        var log = RequestLog()
        log.note("authentication", "\(request.user.name) via \(request.user.authenticatedBy)")
        log.note("authorization", APIServer.authorize(request))
        let response: Response
        if request.verb != .list, handlers[request.type.plural] == nil {
            let error = APIError.notFound(request.type, request.name ?? "")
            response = Response(body: .failure(error), log: log, status: error.statusLine)
        } else {
            let body = serve(request, log: &log)
            let status: String
            switch body {
            case .success: status = request.verb == .create ? "201 Created" : "200 OK"
            case .failure(let error):
                status = error.statusLine
                log.note("rejected", error.message)
            }
            response = Response(body: body, log: log, status: status)
        }
        if request.verb.isRead { reads.record(request, response, simulation: simulation) }
        return response
    }

    /// The registry's part of a request to a served resource.
    private func serve(_ request: APIRequest, log: inout RequestLog) -> Result<ResponseBody, APIError> {
        guard request.verb != .list, let handler = handlers[request.type.plural] else {
            return list(request, log: &log).map { .list($0) }
        }
        if request.type == Pod.type, request.subresource == "log", request.verb == .get { return podLog(request, log: &log) }
        lastFanOut = []
        let result = handler.handle(request, server: self, log: &log)
        if case .success = result, !request.dryRun, !lastFanOut.isEmpty || request.verb != .get {
            let watchers = lastFanOut
            log.note("watch", "\(watchers.count) watcher(s) notified: \(watchers.isEmpty ? "none" : watchers.joined(separator: ", "))")
        }
        return result.map { .object($0) }
    }

    /// RBAC is allow-all for now, but the stage says which binding would let the request through.
    private static func authorize(_ request: APIRequest) -> String {
        let user = request.user
        let action = "\(request.verb.rawValue) \(request.type.qualifiedPlural)\(request.subresource.map { "/" + $0 } ?? "")"
        if user.groups.contains("system:nodes") { return "Node authorizer: allowed \(action) for \(user.name)" }
        if user.groups.contains("kubeadm:cluster-admins") {
            return "RBAC: allowed \(action) (ClusterRoleBinding kubeadm:cluster-admins → ClusterRole cluster-admin)"
        }
        if user.name == "system:kube-scheduler" { return "RBAC: allowed \(action) (ClusterRole system:kube-scheduler)" }
        let account = user.name.split(separator: ":").last.map(String.init) ?? user.name
        return "RBAC: allowed \(action) (ClusterRole system:controller:\(account))"
    }

    // MARK: Helpers the typed handlers share

    /// What a strategy's create or update hook may consult: the clock, the random stream and the store.
    /// A dry run draws from a copy of the stream, so that it leaves every later name and address
    /// as it would have been.
    func admissionContext(dryRun: Bool) -> AdmissionContext {
        AdmissionContext(now: now, random: dryRun ? simulation.random.copy() : simulation.random) { [unowned self] in
            list($0, namespace: $1)
        }
    }

    /// The namespaces NamespaceLifecycle never lets go (kube-apiserver's list: not kube-node-lease).
    static let immortalNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

    /// The NamespaceLifecycle admission plugin: nothing is created in a namespace that does not
    /// exist or is being deleted, and the immortal namespaces are not deleted.
    func namespaceLifecycle(_ request: APIRequest) -> APIError? {
        if request.verb == .delete {
            guard request.type == Namespace.type, let name = request.name, APIServer.immortalNamespaces.contains(name) else { return nil }
            return .forbidden("namespaces \"\(name)\" is forbidden: this namespace may not be deleted")
        }
        guard request.type.namespaced, let namespace = request.namespace else { return nil }
        guard let object = get(Namespace.self, name: namespace) else {
            return .notFound(Namespace.type, namespace)
        }
        if object.metadata.deletionTimestamp != nil {
            return .forbidden("\(request.type.plural) \"\(request.name ?? "")\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated")
        }
        return nil
    }

    func write<T: APIObject>(_ object: T, expecting modRevision: Int64, log: inout RequestLog) -> Result<any APIObject, APIError> {
        var stored = object.withTypeMeta()
        let key = T.type.storageKey(namespace: object.metadata.namespace, name: object.name)
        stored.metadata.resourceVersion = String(store.revision + 1)
        do {
            let entry = try store.put(key, stored, expectedModRevision: modRevision)
            log.note("etcd", "PUT \(key) at revision \(entry.modRevision) (version \(entry.version))")
            return .success(stored)
        } catch .keyExists {
            return .failure(.alreadyExists(T.type, object.name))
        } catch {
            return .failure(.conflict(T.type, object.name))
        }
    }

    func remove<T: APIObject>(_ object: T, log: inout RequestLog) -> Result<any APIObject, APIError> {
        let key = T.type.storageKey(namespace: object.metadata.namespace, name: object.name)
        do {
            let entry = try store.delete(key)
            log.note("etcd", "DELETE \(key) at revision \(entry.modRevision)")
            return .success(object)
        } catch {
            return .failure(.notFound(T.type, object.name))
        }
    }
}

protocol ResourceHandler {
    func handle(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError>
}
