/// core/v1 Namespace.
public struct Namespace: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Namespace", plural: "namespaces", shortNames: ["ns"], namespaced: false)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec?
    public var status: NamespaceStatus?

    public init(name: String) {
        self.metadata = ObjectMeta(name: name)
    }
}

public struct NamespaceSpec: Codable, Equatable, Sendable {
    public var finalizers: [String]?
    public init(finalizers: [String]?) { self.finalizers = finalizers }
}

public struct NamespaceStatus: Codable, Equatable, Sendable {
    public var phase: String?
    public init(phase: String?) { self.phase = phase }
}

/// core/v1 Event: what a component saw happen to an object.
public struct Event: APIObject, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "Event", plural: "events", shortNames: ["ev"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    public var source: EventSource?
    public var firstTimestamp: Timestamp?
    public var lastTimestamp: Timestamp?
    public var count: Int32?
    public var type: String?
    public var eventTime: JSONValue?
    public var reportingComponent: String?
    public var reportingInstance: String?

    public init(metadata: ObjectMeta, involvedObject: ObjectReference) {
        self.metadata = metadata
        self.involvedObject = involvedObject
    }
}

public struct EventSource: Codable, Equatable, Sendable {
    public var component: String?
    public var host: String?
    public init(component: String?, host: String?) {
        self.component = component
        self.host = host
    }
}

/// coordination.k8s.io/v1 Lease: a kubelet's heartbeat in kube-node-lease.
public struct Lease: APIObject, Equatable {
    public static let type = ResourceType(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec

    public init(metadata: ObjectMeta, spec: LeaseSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct LeaseSpec: Codable, Equatable, Sendable {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    /// metav1.MicroTime in the real API; seconds are enough here.
    public var renewTime: Timestamp?

    public init(holderIdentity: String?, leaseDurationSeconds: Int32?, renewTime: Timestamp?) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.renewTime = renewTime
    }
}
