import ClientKit

/// A Pod behind a Service, as the endpoints and EndpointSlice controllers both see it: its
/// address, its readiness and the Service's ports resolved against its containers.
struct ServiceBackend {
    let pod: Pod
    let ip: String
    /// Ready for new traffic (or published anyway with publishNotReadyAddresses).
    let ready: Bool
    let terminating: Bool
    /// The hostname DNS gives it: its own, when its subdomain is this (headless) Service.
    let hostname: String?
    /// Each Service port with the container port it reaches on this Pod; a named targetPort the
    /// Pod does not declare leaves that port out (FindPort).
    let ports: [EndpointPort]

    var targetRef: ObjectReference { ObjectReference(kind: "Pod", namespace: pod.namespace, name: pod.name, uid: pod.metadata.uid) }

    /// The Pods a Service selects that have an IP and have not finished, by address;
    /// terminating ones only when `includeTerminating` (EndpointSlices keep them, as serving).
    static func backends(of service: Service, among pods: [Pod], includeTerminating: Bool) -> [ServiceBackend] {
        guard let selector = service.spec.selector else { return [] }
        let publishAll = service.spec.publishNotReadyAddresses == true
        return pods.filter { pod in
            selector.allSatisfy { pod.labels[$0.key] == $0.value } && !pod.isTerminal && pod.status?.podIP != nil
                && (pod.metadata.deletionTimestamp == nil || includeTerminating || publishAll)
        }
        .sorted { ($0.status?.podIP ?? "").ipv4Precedes($1.status?.podIP ?? "") }
        .compactMap { pod in
            guard let ip = pod.status?.podIP else { return nil }
            let terminating = pod.metadata.deletionTimestamp != nil
            let hostname = pod.spec.subdomain == service.name ? pod.spec.hostname : nil
            let ports = (service.spec.ports ?? []).compactMap { port in
                resolve(port, on: pod).map { EndpointPort(name: port.name, port: $0, protocol: port.protocol ?? "TCP") }
            }
            return ServiceBackend(pod: pod, ip: ip, ready: publishAll || (pod.isReady && !terminating), terminating: terminating,
                                  hostname: hostname, ports: ports)
        }
    }

    /// The container port a Service port's targetPort names on `pod`: a number as it is, a name
    /// looked up among the containers' ports, no targetPort the Service port itself.
    static func resolve(_ port: ServicePort, on pod: Pod) -> Int32? {
        switch port.targetPort {
        case nil: return port.port
        case .int(let number)?: return Int32(number)
        case .string(let name)?:
            if let number = Int32(name) { return number }
            return pod.spec.containers.lazy.compactMap { $0.ports?.first { $0.name == name }?.containerPort }.first
        }
    }

    /// The Services of `pod`'s namespace whose selector picks it (or picked it, for `old`).
    static func services(selecting pod: Pod, old: Pod? = nil, from services: Informer<Service>) -> [Service] {
        services.list(namespace: pod.namespace).filter { service in
            guard let selector = service.spec.selector else { return false }
            return [pod, old].compactMap { $0 }.contains { candidate in selector.allSatisfy { candidate.labels[$0.key] == $0.value } }
        }
    }
}

extension ServiceBackend {
    /// Whether a Pod change can change what it contributes to a Service.
    static func changed(_ old: Pod, _ new: Pod) -> Bool {
        old.isReady != new.isReady || old.status?.podIP != new.status?.podIP || old.labels != new.labels
            || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp || old.phase != new.phase || old.spec.nodeName != new.spec.nodeName
    }
}

extension ServiceBackend {
    /// The watches both endpoint controllers keep: a Service queues itself when its spec or
    /// labels change (and, with `deletes`, when it goes); a Pod queues every Service that
    /// selects or selected it, when it changes in a way that matters to them.
    static func follow(_ services: Informer<Service>, _ pods: Informer<Pod>, into queue: WorkQueue, owner: String, deletes: Bool) {
        services.addHandlers(owner: owner, add: { queue.add($0.key) },
                             update: { old, new in old.spec != new.spec || old.labels != new.labels ? queue.add(new.key) : nil },
                             delete: deletes ? { queue.add($0.key) } : nil)
        func queueServices(of pod: Pod, old: Pod? = nil) -> String? {
            let keys = ServiceBackend.services(selecting: pod, old: old, from: services).map { queue.add($0.key) }
            return keys.isEmpty ? nil : keys.joined(separator: ", ")
        }
        pods.addHandlers(owner: owner, add: { queueServices(of: $0) },
                         update: { old, new in changed(old, new) ? queueServices(of: new, old: old) : nil },
                         delete: { queueServices(of: $0) })
    }
}
