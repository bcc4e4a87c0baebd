import Cluster

extension Printer {
    /// `kubectl get pv`, `kubectl get pvc` and `kubectl get sc`.
    static func storageTable(for type: ResourceType, objects: [any APIObject], wide: Bool, now: Int64) -> Table {
        switch type.kind {
        case "PersistentVolume":
            var header = ["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"]
            if wide { header.append("VOLUMEMODE") }
            return Table(header: header, rows: objects.compactMap { $0 as? PersistentVolume }.map { volume in
                let claim = volume.spec.claimRef.map { "\($0.namespace ?? "")/\($0.name ?? "")" } ?? ""
                var row = [volume.name, volume.storage?.text ?? "", accessModesText(volume.spec.accessModes),
                           volume.spec.persistentVolumeReclaimPolicy ?? "", volume.metadata.deletionTimestamp == nil ? volume.phase : "Terminating",
                           claim, volume.spec.storageClassName ?? "", "<unset>", volume.status?.reason ?? "", age(volume, now: now)]
                if wide { row.append(volume.spec.volumeMode ?? "<unset>") }
                return row
            })
        case "PersistentVolumeClaim":
            var header = ["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"]
            if wide { header.append("VOLUMEMODE") }
            return Table(header: header, rows: objects.compactMap { $0 as? PersistentVolumeClaim }.map { claim in
                let bound = claim.spec.volumeName != nil
                var row = [claim.name, claim.metadata.deletionTimestamp == nil ? claim.phase : "Terminating", claim.spec.volumeName ?? "",
                           bound ? claim.status?.capacity?["storage"]?.text ?? "" : "", bound ? accessModesText(claim.status?.accessModes) : "",
                           claim.spec.storageClassName ?? "", "<unset>", age(claim, now: now)]
                if wide { row.append(claim.spec.volumeMode ?? "<unset>") }
                return row
            })
        default:
            return Table(header: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
                         rows: objects.compactMap { $0 as? StorageClass }.map { storageClass in
                [storageClass.name + (storageClass.isDefault ? " (default)" : ""), storageClass.provisioner, storageClass.reclaimPolicy ?? "Delete",
                 storageClass.volumeBindingMode ?? "Immediate", storageClass.allowVolumeExpansion == true ? "true" : "false", age(storageClass, now: now)]
            })
        }
    }
}
