import KubeModel
import SimCore

/// What a registry's create hook may consult and what it reports back for the trace.
public struct AdmissionContext {
    public let now: Timestamp
    public let random: RandomStreams
    /// Objects of a type already stored (in one namespace, or all): what admission plugins such
    /// as DefaultStorageClass consult, and what allocators check for collisions.
    public let stored: (ResourceType, String?) -> [any APIObject]
    /// Mutating admission plugins that changed the object, with what they did.
    public var admission: [String] = []
    /// Fields the defaulting functions filled in.
    public var defaulted: [String] = []
    /// What an allocator refused (a requested node port or cluster IP already held).
    public var errors: [FieldError] = []
}

/// The per-resource rules of the API server (in Kubernetes, a registry's strategy):
/// defaults and admission on create, which half an update may change, and validation.
protocol Strategy {
    associatedtype Object: APIObject & Equatable
    /// Whether the object has a status subresource, so that spec and status are written separately.
    var hasStatus: Bool { get }
    /// Whether an update may omit resourceVersion (pods allow it; most kinds do not).
    var allowUnconditionalUpdate: Bool { get }
    /// Whether metadata.generation counts spec changes.
    var tracksGeneration: Bool { get }
    /// Whether names must be DNS labels (namespaces) rather than DNS subdomains.
    var nameIsLabel: Bool { get }
    func prepareForCreate(_ object: inout Object, _ context: inout AdmissionContext)
    /// Defaults and allocations an update needs (a Service that becomes a NodePort gets its ports).
    func prepareForUpdate(_ object: inout Object, old: Object, _ context: inout AdmissionContext)
    func validate(_ object: Object) -> [FieldError]
    func validateUpdate(_ new: Object, old: Object) -> [FieldError]
    /// Keeps the half of `new` that the subresource (nil for the main resource) may not change.
    func resetForUpdate(_ new: inout Object, old: Object, subresource: String?)
    func specEqual(_ lhs: Object, _ rhs: Object) -> Bool
    /// Whether an object being deleted has nothing left holding it, so an update can remove it.
    func finalized(_ object: Object) -> Bool
}

extension Strategy {
    var hasStatus: Bool { false }
    var allowUnconditionalUpdate: Bool { true }
    var tracksGeneration: Bool { false }
    var nameIsLabel: Bool { false }
    func prepareForCreate(_ object: inout Object, _ context: inout AdmissionContext) {}
    func prepareForUpdate(_ object: inout Object, old: Object, _ context: inout AdmissionContext) {}
    func validate(_ object: Object) -> [FieldError] { [] }
    func validateUpdate(_ new: Object, old: Object) -> [FieldError] { validate(new) }
    func resetForUpdate(_ new: inout Object, old: Object, subresource: String?) {}
    func specEqual(_ lhs: Object, _ rhs: Object) -> Bool { true }
    func finalized(_ object: Object) -> Bool { (object.metadata.finalizers ?? []).isEmpty }
}

extension Strategy where Object: SpecObject, Object.Spec: Equatable {
    /// A spec change is what counts for metadata.generation.
    func specEqual(_ lhs: Object, _ rhs: Object) -> Bool { lhs.spec == rhs.spec }
}

extension Strategy where Object: SpecAndStatus {
    var hasStatus: Bool { true }

    /// The `status` subresource may change only status; the main resource only the rest.
    func resetForUpdate(_ new: inout Object, old: Object, subresource: String?) {
        if subresource == "status" { new.spec = old.spec } else { new.status = old.status }
    }
}

/// Kinds with a `scale` subresource (which `kubectl scale` also reads).
public protocol Scalable: PodSelecting {
    var scaleReplicas: Int32 { get set }
    var observedReplicas: Int32 { get }
}

extension ReplicaSet: Scalable {
    public var scaleReplicas: Int32 {
        get { spec.replicas ?? 1 }
        set { spec.replicas = newValue }
    }
    public var observedReplicas: Int32 { status?.replicas ?? 0 }
}

extension Deployment: Scalable {
    public var scaleReplicas: Int32 {
        get { spec.replicas ?? 1 }
        set { spec.replicas = newValue }
    }
    public var observedReplicas: Int32 { status?.replicas ?? 0 }
}

/// Objects with no rules beyond names and metadata.
struct PlainStrategy<Object: APIObject & Equatable>: Strategy {}
