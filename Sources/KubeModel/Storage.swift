/// core/v1 PersistentVolume: a piece of storage in the cluster, provisioned by an administrator
/// or by a StorageClass's provisioner.
public struct PersistentVolume: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "PersistentVolume", plural: "persistentvolumes", shortNames: ["pv"], namespaced: false)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeSpec
    public var status: PersistentVolumeStatus?

    public init(metadata: ObjectMeta, spec: PersistentVolumeSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: PersistentVolumeSpec { PersistentVolumeSpec() }

    public var phase: String { status?.phase ?? "Pending" }
    public var storage: Quantity? { spec.capacity?["storage"] }
}

public struct PersistentVolumeSpec: Codable, Equatable, Sendable {
    public var capacity: [String: Quantity]?
    public var accessModes: [String]?
    public var persistentVolumeReclaimPolicy: String?
    public var storageClassName: String?
    public var volumeMode: String?
    public var claimRef: ObjectReference?
    public var hostPath: HostPathVolumeSource?
    public var nfs: JSONValue?
    public var local: JSONValue?
    public var csi: JSONValue?
    public var mountOptions: [String]?
    public var nodeAffinity: JSONValue?

    public init() {}
}

public struct HostPathVolumeSource: Codable, Equatable, Sendable {
    public var path: String
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

public struct PersistentVolumeStatus: Codable, Equatable, Sendable {
    public var phase: String?
    public var message: String?
    public var reason: String?
    public var lastPhaseTransitionTime: Timestamp?

    public init(phase: String?, lastPhaseTransitionTime: Timestamp? = nil) {
        self.phase = phase
        self.lastPhaseTransitionTime = lastPhaseTransitionTime
    }
}

/// core/v1 PersistentVolumeClaim: a request for storage that a Pod mounts by name.
public struct PersistentVolumeClaim: SpecAndStatus, Equatable {
    public static let type = ResourceType(group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", shortNames: ["pvc"], namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec
    public var status: PersistentVolumeClaimStatus?

    public init(metadata: ObjectMeta, spec: PersistentVolumeClaimSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(from decoder: Decoder) throws { try self.init(decodingPartsFrom: decoder) }
    public static var emptySpec: PersistentVolumeClaimSpec { PersistentVolumeClaimSpec() }

    public var phase: String { status?.phase ?? "Pending" }
    public var requestedStorage: Quantity? { spec.resources?.requests?["storage"] }
}

public struct PersistentVolumeClaimSpec: Codable, Equatable, Sendable {
    public var accessModes: [String]?
    public var resources: VolumeResourceRequirements?
    public var storageClassName: String?
    public var volumeName: String?
    public var volumeMode: String?
    public var selector: LabelSelector?

    public init() {}
}

public struct VolumeResourceRequirements: Codable, Equatable, Sendable {
    public var requests: [String: Quantity]?
    public var limits: [String: Quantity]?

    public init(requests: [String: Quantity]?) { self.requests = requests }
}

public struct PersistentVolumeClaimStatus: Codable, Equatable, Sendable {
    public var phase: String?
    public var accessModes: [String]?
    public var capacity: [String: Quantity]?

    public init(phase: String?) { self.phase = phase }
}

/// A claim as a StatefulSet's volumeClaimTemplates hold it: metadata and spec only.
public struct PersistentVolumeClaimTemplate: Codable, Equatable, Sendable {
    public var metadata: ObjectMeta?
    public var spec: PersistentVolumeClaimSpec?

    public init(metadata: ObjectMeta?, spec: PersistentVolumeClaimSpec?) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// storage.k8s.io/v1 StorageClass: which provisioner makes volumes for claims of this class.
public struct StorageClass: APIObject, Equatable {
    public static let type = ResourceType(group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses", shortNames: ["sc"], namespaced: false)
    /// The annotation that makes a class the one claims without a class get.
    public static let defaultClassAnnotation = "storageclass.kubernetes.io/is-default-class"
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var provisioner: String
    public var parameters: [String: String]?
    public var reclaimPolicy: String?
    public var volumeBindingMode: String?
    public var allowVolumeExpansion: Bool?
    public var mountOptions: [String]?

    public init(metadata: ObjectMeta, provisioner: String) {
        self.metadata = metadata
        self.provisioner = provisioner
    }

    public var isDefault: Bool { metadata.annotations?[StorageClass.defaultClassAnnotation] == "true" }
}

/// How `kubectl get` abbreviates access modes: RWO, ROX, RWX, RWOP.
public func accessModesText(_ modes: [String]?) -> String {
    let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
    let order = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]
    let present = Set(modes ?? [])
    return order.filter(present.contains).compactMap { short[$0] }.joined(separator: ",")
}

extension Volume {
    /// The claim a `persistentVolumeClaim` volume mounts.
    public var claimName: String? { persistentVolumeClaim?["claimName"]?.stringValue }
}
