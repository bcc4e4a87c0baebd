import KubeModel

/// The API server's rules for PersistentVolumes.
struct PersistentVolumeStrategy: Strategy {
    typealias Object = PersistentVolume

    func prepareForCreate(_ volume: inout PersistentVolume, _ context: inout AdmissionContext) {
        if volume.spec.persistentVolumeReclaimPolicy == nil {
            volume.spec.persistentVolumeReclaimPolicy = "Retain"
            context.defaulted.append("persistentVolumeReclaimPolicy=Retain")
        }
        if volume.spec.volumeMode == nil { volume.spec.volumeMode = "Filesystem"; context.defaulted.append("volumeMode=Filesystem") }
        volume.status = PersistentVolumeStatus(phase: "Pending", lastPhaseTransitionTime: context.now)
    }

    func validate(_ volume: PersistentVolume) -> [FieldError] {
        var errors = StorageRules.validateAccessModes(volume.spec.accessModes, field: "spec.accessModes")
        if volume.storage == nil { errors.append(FieldError("spec.capacity", .required())) }
        if let policy = volume.spec.persistentVolumeReclaimPolicy, !["Delete", "Recycle", "Retain"].contains(policy) {
            errors.append(FieldError("spec.persistentVolumeReclaimPolicy", .unsupported(value: policy, supported: ["Delete", "Recycle", "Retain"])))
        }
        let sources = [volume.spec.hostPath != nil, volume.spec.nfs != nil, volume.spec.local != nil, volume.spec.csi != nil].filter { $0 }.count
        if sources == 0 { errors.append(FieldError("spec", .required("must specify a volume type"))) }
        return errors
    }
}

/// The API server's rules for PersistentVolumeClaims, with the DefaultStorageClass admission
/// plugin: a claim that names no class gets the cluster's default one.
struct PersistentVolumeClaimStrategy: Strategy {
    typealias Object = PersistentVolumeClaim

    func prepareForCreate(_ claim: inout PersistentVolumeClaim, _ context: inout AdmissionContext) {
        if claim.spec.storageClassName == nil,
           let defaultClass = context.stored(StorageClass.type, nil).compactMap({ $0 as? StorageClass }).first(where: \.isDefault) {
            claim.spec.storageClassName = defaultClass.name
            context.admission.append("DefaultStorageClass: storageClassName=\(defaultClass.name)")
        }
        if claim.spec.volumeMode == nil { claim.spec.volumeMode = "Filesystem"; context.defaulted.append("volumeMode=Filesystem") }
        claim.status = PersistentVolumeClaimStatus(phase: "Pending")
    }

    func validate(_ claim: PersistentVolumeClaim) -> [FieldError] {
        StorageRules.validateClaimSpec(claim.spec, path: "spec")
    }

    /// Once created, a claim's spec changes only by binding (volumeName) or growing its request.
    func validateUpdate(_ new: PersistentVolumeClaim, old: PersistentVolumeClaim) -> [FieldError] {
        var comparable = new.spec
        comparable.resources = old.spec.resources
        if old.spec.volumeName == nil { comparable.volumeName = nil }
        guard comparable == old.spec else {
            return [FieldError("spec", .forbidden("spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))]
        }
        return validate(new)
    }
}

/// The API server's rules for StorageClasses.
struct StorageClassStrategy: Strategy {
    typealias Object = StorageClass

    func prepareForCreate(_ storageClass: inout StorageClass, _ context: inout AdmissionContext) {
        if storageClass.reclaimPolicy == nil { storageClass.reclaimPolicy = "Delete"; context.defaulted.append("reclaimPolicy=Delete") }
        if storageClass.volumeBindingMode == nil {
            storageClass.volumeBindingMode = "Immediate"
            context.defaulted.append("volumeBindingMode=Immediate")
        }
    }

    func validate(_ storageClass: StorageClass) -> [FieldError] {
        storageClass.provisioner.isEmpty ? [FieldError("provisioner", .required())] : []
    }

    func validateUpdate(_ new: StorageClass, old: StorageClass) -> [FieldError] {
        var errors = validate(new)
        for (field, changed) in [("parameters", new.parameters != old.parameters), ("provisioner", new.provisioner != old.provisioner),
                                 ("reclaimPolicy", new.reclaimPolicy != old.reclaimPolicy),
                                 ("volumeBindingMode", new.volumeBindingMode != old.volumeBindingMode)] where changed {
            errors.append(FieldError(field, .forbidden("updates to \(field) are forbidden.")))
        }
        return errors
    }
}

/// Rules shared by claims and the claim templates of StatefulSets.
enum StorageRules {
    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]

    static func validateAccessModes(_ modes: [String]?, field: String) -> [FieldError] {
        guard let modes, !modes.isEmpty else { return [FieldError(field, .required())] }
        return modes.filter { !accessModes.contains($0) }.map { FieldError(field, .unsupported(value: $0, supported: accessModes)) }
    }

    static func validateClaimSpec(_ spec: PersistentVolumeClaimSpec, path: String) -> [FieldError] {
        var errors = validateAccessModes(spec.accessModes, field: "\(path).accessModes")
        if let storage = spec.resources?.requests?["storage"] {
            if storage.milliValue <= 0 {
                errors.append(FieldError("\(path).resources.requests[storage]", .invalid(value: "\"\(storage)\"", detail: "must be greater than zero")))
            }
        } else {
            errors.append(FieldError("\(path).resources[storage]", .required()))
        }
        return errors
    }
}
