import ClientKit

/// A dynamic provisioner in the style of minikube's hostpath provisioner: it creates a
/// hostPath PersistentVolume for each claim the binder hands to it, and deletes Released
/// volumes it made whose reclaim policy is Delete. It also installs the default StorageClass.
public final class StorageProvisioner {
    public static let component = "storage-provisioner"
    public static let name = "k8s.io/minikube-hostpath"
    public static let defaultClass = "standard"
    static let provisionedBy = "pv.kubernetes.io/provisioned-by"
    let client: Client
    let claims: Informer<PersistentVolumeClaim>
    let volumes: Informer<PersistentVolume>
    let classes: Informer<StorageClass>
    let recorder: EventRecorder
    private var queue: WorkQueue!

    public init(server: APIServer, simulation: Simulation) {
        client = Client(component: StorageProvisioner.component, user: .controller("storage-provisioner"), server: server, simulation: simulation)
        claims = Informer(client: client)
        volumes = Informer(client: client)
        classes = Informer(client: client)
        recorder = EventRecorder(client: client, component: "\(StorageProvisioner.name)_\(StorageProvisioner.component)")
        queue = WorkQueue(simulation: simulation, component: StorageProvisioner.component) { [unowned self] in self.sync($0) }
        claims.addHandlers(add: { [unowned self] in self.claimChanged($0) }, update: { [unowned self] _, claim in self.claimChanged(claim) })
        volumes.addHandlers(update: { [unowned self] old, volume in
            old.phase != volume.phase && volume.phase == "Released" ? self.queue.add("volume/" + volume.name) : nil
        })
        if classes.get(StorageProvisioner.defaultClass) == nil {
            var storageClass = StorageClass(metadata: ObjectMeta(name: StorageProvisioner.defaultClass), provisioner: StorageProvisioner.name)
            storageClass.metadata.annotations = [StorageClass.defaultClassAnnotation: "true"]
            storageClass.metadata.labels = ["addonmanager.kubernetes.io/mode": "EnsureExists"]
            client.create(storageClass, why: "install the default StorageClass, whose claims this provisioner serves")
        }
    }

    private func claimChanged(_ claim: PersistentVolumeClaim) -> String? {
        guard claim.metadata.annotations?[PersistentVolumeController.storageProvisioner] == StorageProvisioner.name,
              claim.spec.volumeName == nil else { return nil }
        return queue.add("claim/" + claim.key)
    }

    private func sync(_ item: String) -> StepOutcome {
        if item.hasPrefix("volume/") { return reclaim(String(item.dropFirst(7))) }
        let key = String(item.dropFirst(6))
        let reference = "persistentvolumeclaim/\(key)"
        guard let claim = claims.get(key), claim.spec.volumeName == nil, let uid = claim.metadata.uid else {
            return StepOutcome(object: reference, summary: "\(key) needs no volume")
        }
        let volumeName = "pvc-\(uid)"
        if volumes.get(volumeName) != nil {
            return StepOutcome(object: reference, summary: "volume \(volumeName) for \(key) exists already")
        }
        let storageClass = classes.get(claim.spec.storageClassName ?? "")
        var volume = PersistentVolume(metadata: ObjectMeta(name: volumeName), spec: PersistentVolumeSpec())
        volume.metadata.annotations = [StorageProvisioner.provisionedBy: StorageProvisioner.name]
        volume.spec.capacity = claim.requestedStorage.map { ["storage": $0] }
        volume.spec.accessModes = claim.spec.accessModes
        volume.spec.persistentVolumeReclaimPolicy = storageClass?.reclaimPolicy ?? "Delete"
        volume.spec.storageClassName = claim.spec.storageClassName
        volume.spec.volumeMode = claim.spec.volumeMode
        volume.spec.hostPath = HostPathVolumeSource(path: "/tmp/hostpath-provisioner/\(claim.namespace ?? "default")/\(claim.name)", type: "")
        volume.spec.claimRef = claim.reference()
        recorder.record(claim, reason: "Provisioning", message: "External provisioner is provisioning volume for claim \"\(key)\"")
        client.create(volume, why: "provision a volume for claim \(key)") { [recorder] result in
            if case .success = result {
                recorder.record(claim, reason: "ProvisioningSucceeded", message: "Successfully provisioned volume \(volumeName)")
            }
        }
        return StepOutcome(object: reference, summary: "provision \(volumeName) (\(claim.requestedStorage?.text ?? "?")) for \(key)",
                           explanation: "Claim \(key) was handed to \(StorageProvisioner.name). It creates a hostPath volume \(volumeName) of \(claim.requestedStorage?.text ?? "?"), already pointing at the claim (spec.claimRef); the binder completes the binding.")
    }

    /// A Released volume this provisioner made, with reclaim policy Delete, is deleted.
    private func reclaim(_ name: String) -> StepOutcome {
        let reference = "persistentvolume/\(name)"
        guard let volume = volumes.get(name), volume.phase == "Released",
              volume.metadata.annotations?[StorageProvisioner.provisionedBy] == StorageProvisioner.name,
              volume.spec.persistentVolumeReclaimPolicy == "Delete" else {
            return StepOutcome(object: reference, summary: "\(name) is kept")
        }
        client.delete(PersistentVolume.type, namespace: nil, name: name, why: "volume \(name) is Released and its reclaim policy is Delete")
        return StepOutcome(object: reference, summary: "\(name) is Released with reclaimPolicy Delete → delete it")
    }
}
