import ClientKit

/// The PersistentVolume controller (pkg/controller/volume/persistentvolume), the binder:
/// it matches each Pending claim with an Available volume and binds the two to each other,
/// asks the class's provisioner for a new volume when none fits, and releases a volume whose
/// claim is deleted.
public final class PersistentVolumeController {
    public static let component = "persistentvolume-binder"
    /// Annotations of the binding protocol (pkg/controller/volume/persistentvolume/util).
    static let bindCompleted = "pv.kubernetes.io/bind-completed"
    static let boundByController = "pv.kubernetes.io/bound-by-controller"
    static let storageProvisioner = "volume.kubernetes.io/storage-provisioner"
    static let betaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner"
    let client: Client
    let claims: Informer<PersistentVolumeClaim>
    let volumes: Informer<PersistentVolume>
    let classes: Informer<StorageClass>
    let recorder: EventRecorder
    private var queue: WorkQueue!

    public init(informers: SharedInformerFactory) {
        let simulation = informers.simulation
        client = informers.client(component: PersistentVolumeController.component, serviceAccount: "persistent-volume-binder")
        claims = informers.informer()
        volumes = informers.informer()
        classes = informers.informer()
        recorder = EventRecorder(client: client, component: "persistentvolume-controller")
        queue = WorkQueue(simulation: simulation, component: PersistentVolumeController.component) { [unowned self] in self.sync($0) }
        claims.addHandlers(owner: PersistentVolumeController.component, add: { [unowned self] in self.queue.add("claim/" + $0.key) },
                           update: { [unowned self] _, claim in self.queue.add("claim/" + claim.key) },
                           delete: { [unowned self] claim in
                               guard let volume = claim.spec.volumeName else { return nil }
                               return self.queue.add("volume/" + volume)
                           })
        volumes.addHandlers(owner: PersistentVolumeController.component, add: { [unowned self] in self.volumeChanged($0) },
                            update: { [unowned self] _, volume in self.volumeChanged(volume) })
    }

    /// A volume that changed may complete a binding or be released; a new Available one may
    /// satisfy a waiting claim.
    private func volumeChanged(_ volume: PersistentVolume) -> String? {
        var notes = [queue.add("volume/" + volume.name)]
        if let claimRef = volume.spec.claimRef, let namespace = claimRef.namespace, let name = claimRef.name {
            notes.append(queue.add("claim/\(namespace)/\(name)"))
        } else if volume.phase == "Available" {
            notes += claims.list().filter { $0.spec.volumeName == nil }.map { queue.add("claim/" + $0.key) }
        }
        return notes.joined(separator: ", ")
    }

    private func sync(_ item: String) -> StepOutcome {
        if item.hasPrefix("claim/") { return syncClaim(String(item.dropFirst(6))) }
        return syncVolume(String(item.dropFirst(7)))
    }

    // MARK: claims

    private func syncClaim(_ key: String) -> StepOutcome {
        let reference = "persistentvolumeclaim/\(key)"
        guard let claim = claims.get(key), claim.metadata.deletionTimestamp == nil else {
            return StepOutcome(object: reference, summary: "\(key) is gone")
        }
        if let volumeName = claim.spec.volumeName {
            guard let volume = volumes.get(volumeName) else {
                if claim.phase != "Lost" { setClaimPhase(claim, "Lost", volume: nil) }
                return StepOutcome(object: reference, summary: "\(key) is bound to \(volumeName), which is gone → Lost")
            }
            if claim.phase != "Bound" {
                setClaimPhase(claim, "Bound", volume: volume)
                return StepOutcome(object: reference, summary: "\(key) names volume \(volumeName) → claim status Bound")
            }
            return StepOutcome(object: reference, summary: "\(key) is Bound to \(volumeName)")
        }
        if let volume = volumes.list().first(where: { $0.spec.claimRef?.uid == claim.metadata.uid }) ?? matchingVolume(for: claim) {
            bind(claim, to: volume)
            return StepOutcome(object: reference, summary: "\(key) matches volume \(volume.name) → bind them",
                               explanation: self.explanation(claim, verdict: "Volume \(volume.name) (\(volume.storage?.text ?? "?"), \(accessModesText(volume.spec.accessModes)), class \"\(volume.spec.storageClassName ?? "")\") fits, or was provisioned for this claim.\nThe controller points the volume at the claim (spec.claimRef) and the claim at the volume (spec.volumeName), then marks both Bound."))
        }
        let className = claim.spec.storageClassName ?? ""
        guard !className.isEmpty, let storageClass = classes.get(className) else {
            let message = className.isEmpty ? "no persistent volumes available for this claim and no storage class is set"
                : "storageclass.storage.k8s.io \"\(className)\" not found"
            recorder.record(claim, type: "Warning", reason: className.isEmpty ? "FailedBinding" : "ProvisioningFailed", message: message)
            return StepOutcome(object: reference, summary: "\(key) stays Pending: \(message)", explanation: self.explanation(claim, verdict: message))
        }
        if claim.metadata.annotations?[PersistentVolumeController.storageProvisioner] == storageClass.provisioner {
            return StepOutcome(object: reference, summary: "\(key) waits for \(storageClass.provisioner) to provision a volume")
        }
        var annotated = claim
        var annotations = annotated.metadata.annotations ?? [:]
        annotations[PersistentVolumeController.storageProvisioner] = storageClass.provisioner
        annotations[PersistentVolumeController.betaStorageProvisioner] = storageClass.provisioner
        annotated.metadata.annotations = annotations
        client.update(annotated, why: "no volume fits \(key): hand it to the provisioner of class \(className)")
        recorder.record(claim, reason: "ExternalProvisioning",
                        message: "Waiting for a volume to be created either by the external provisioner '\(storageClass.provisioner)' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.")
        return StepOutcome(object: reference, summary: "\(key): no volume fits → ask provisioner \(storageClass.provisioner)",
                           explanation: self.explanation(claim, verdict: "No Available volume fits. StorageClass \(className) names the provisioner \(storageClass.provisioner), so the controller annotates the claim with \(PersistentVolumeController.storageProvisioner) and waits for that provisioner to create a volume."))
    }

    private func explanation(_ claim: PersistentVolumeClaim, verdict: String) -> String {
        "Claim \(claim.key) asks for \(claim.requestedStorage?.text ?? "?") \(accessModesText(claim.spec.accessModes)) of class \"\(claim.spec.storageClassName ?? "")\".\n" + verdict
    }

    /// The smallest Available volume of the claim's class with the access modes, size and labels asked for.
    private func matchingVolume(for claim: PersistentVolumeClaim) -> PersistentVolume? {
        let wanted = claim.requestedStorage?.milliValue ?? 0
        let modes = Set(claim.spec.accessModes ?? [])
        return volumes.list()
            .filter { volume in
                volume.spec.claimRef == nil && volume.metadata.deletionTimestamp == nil && volume.phase == "Available"
                    && (volume.spec.storageClassName ?? "") == (claim.spec.storageClassName ?? "")
                    && modes.isSubset(of: Set(volume.spec.accessModes ?? []))
                    && (volume.storage?.milliValue ?? 0) >= wanted
                    && (claim.spec.selector?.matches(volume.labels) ?? true)
            }
            .min { ($0.storage?.milliValue ?? 0, $0.name) < ($1.storage?.milliValue ?? 0, $1.name) }
    }

    /// Binding is four writes, volume first, as the real controller makes them: the volume's
    /// claimRef, its status, the claim's volumeName, and the claim's status.
    private func bind(_ claim: PersistentVolumeClaim, to volume: PersistentVolume) {
        if volume.spec.claimRef?.uid != claim.metadata.uid {
            var boundVolume = volume
            boundVolume.spec.claimRef = claim.reference()
            boundVolume.metadata.annotations = (boundVolume.metadata.annotations ?? [:]).merging([PersistentVolumeController.boundByController: "yes"]) { $1 }
            client.update(boundVolume, why: "bind volume \(volume.name) to claim \(claim.key)") { [unowned self] result in
                if case .success(let updated as PersistentVolume) = result { self.setVolumePhase(updated, "Bound") }
            }
        } else if volume.phase != "Bound" {
            setVolumePhase(volume, "Bound")
        }
        var boundClaim = claim
        boundClaim.spec.volumeName = volume.name
        boundClaim.metadata.annotations = (boundClaim.metadata.annotations ?? [:]).merging([
            PersistentVolumeController.bindCompleted: "yes", PersistentVolumeController.boundByController: "yes",
        ]) { $1 }
        client.update(boundClaim, why: "bind claim \(claim.key) to volume \(volume.name)")
    }

    private func setClaimPhase(_ claim: PersistentVolumeClaim, _ phase: String, volume: PersistentVolume?) {
        var updated = claim
        var status = PersistentVolumeClaimStatus(phase: phase)
        status.accessModes = volume?.spec.accessModes
        status.capacity = volume?.spec.capacity
        updated.status = status
        client.updateStatus(updated, why: "claim \(claim.key) is \(phase)")
    }

    // MARK: volumes

    private func syncVolume(_ name: String) -> StepOutcome {
        let reference = "persistentvolume/\(name)"
        guard let volume = volumes.get(name), volume.metadata.deletionTimestamp == nil else {
            return StepOutcome(object: reference, summary: "\(name) is gone")
        }
        guard let claimRef = volume.spec.claimRef else {
            if volume.phase != "Available" { setVolumePhase(volume, "Available") }
            return StepOutcome(object: reference, summary: "\(name) has no claim → Available")
        }
        let claimKey = "\(claimRef.namespace ?? "")/\(claimRef.name ?? "")"
        let claim = claims.get(claimKey)
        if let claim, claim.metadata.uid == claimRef.uid || claimRef.uid == nil {
            return StepOutcome(object: reference, summary: "\(name) belongs to claim \(claimKey)")
        }
        guard volume.phase == "Bound" else {
            return StepOutcome(object: reference, summary: "\(name) was made for claim \(claimKey), not yet seen")
        }
        setVolumePhase(volume, "Released")
        let policy = volume.spec.persistentVolumeReclaimPolicy ?? "Retain"
        let next = policy == "Delete" ? "its provisioner deletes it (reclaimPolicy Delete)"
            : "it keeps its data until an administrator deletes it (reclaimPolicy \(policy))"
        return StepOutcome(object: reference, summary: "\(name): claim \(claimKey) is gone → Released",
                           explanation: "Volume \(name) was bound to claim \(claimKey), which has been deleted. The volume is Released: \(next).")
    }

    private func setVolumePhase(_ volume: PersistentVolume, _ phase: String) {
        var updated = volume
        updated.status = PersistentVolumeStatus(phase: phase, lastPhaseTransitionTime: client.server.now)
        client.updateStatus(updated, why: "volume \(volume.name) is \(phase)")
    }
}
