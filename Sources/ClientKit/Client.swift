@_exported import APIServer
@_exported import KubeModel
@_exported import SimCore

/// A component's connection to kube-apiserver. Writes are not performed on the spot: each one
/// is queued as its own step, so the student sees the request travel through the API server.
public final class Client {
    public let component: String
    public let user: UserInfo
    public let server: APIServer
    public let simulation: Simulation

    public init(component: String, user: UserInfo, server: APIServer, simulation: Simulation) {
        self.component = component
        self.user = user
        self.server = server
        self.simulation = simulation
    }

    public typealias Completion = (Result<any APIObject, APIError>) -> Void

    /// Queues `request` as an API request step; `completion` runs inside that step with the response.
    public func send(_ request: APIRequest, why: String? = nil, routine: Bool? = nil, completion: Completion? = nil) {
        var request = request
        request.user = user
        request.userAgent = component
        let server = self.server
        let component = self.component
        let object = "\(request.type.singular)/\(request.namespace.map { $0 + "/" } ?? "")\(request.name ?? request.body?.metadata.generateName ?? "")"
        simulation.schedule(component: "kube-apiserver", kind: .apiRequest, label: "\(request.line) from \(component)", routine: routine) {
            let response = server.handle(request)
            completion?(response.result)
            var name = object
            if case .success(let created) = response.result, request.verb == .create, request.subresource == nil {
                name = "\(request.type.singular)/\(created.key)"
            }
            // The summary keeps two strings, not the request and response it came from.
            let (line, status, log, verb, singular) = (request.line, response.status, response.log, request.verb.rawValue, request.type.singular)
            return StepOutcome(object: name, summary: "\(line) → \(status)",
                               explanation: "\(line)  (\(verb) \(singular) from \(component))\n" + (why.map { "why            \($0)\n" } ?? "")
                                   + log.text + "\nresponse       \(status)")
        }
    }

    public func create(_ object: any APIObject, why: String? = nil, routine: Bool? = nil, completion: Completion? = nil) {
        send(.create(object, user: user), why: why, routine: routine, completion: completion)
    }

    public func update(_ object: any APIObject, why: String? = nil, routine: Bool? = nil, completion: Completion? = nil) {
        send(.update(object, user: user), why: why, routine: routine, completion: completion)
    }

    public func updateStatus(_ object: any APIObject, why: String? = nil, routine: Bool? = nil, completion: Completion? = nil) {
        send(.update(object, user: user, subresource: "status"), why: why, routine: routine, completion: completion)
    }

    public func delete(_ type: ResourceType, namespace: String?, name: String, gracePeriodSeconds: Int64? = nil,
                       propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil, why: String? = nil,
                       completion: Completion? = nil) {
        send(APIRequest(verb: .delete, type: type, namespace: namespace, name: name, user: user, gracePeriodSeconds: gracePeriodSeconds,
                        propagationPolicy: propagationPolicy, preconditionUID: preconditionUID),
             why: why, completion: completion)
    }
}
