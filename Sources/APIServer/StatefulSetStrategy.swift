import KubeModel

/// The API server's rules for StatefulSets (pkg/registry/apps/statefulset).
struct StatefulSetAPIStrategy: Strategy {
    typealias Object = StatefulSet
    var tracksGeneration: Bool { true }

    func prepareForCreate(_ set: inout StatefulSet, _ context: inout AdmissionContext) {
        var spec = set.spec
        func note(_ text: String) { context.defaulted.append(text) }
        if spec.replicas == nil { spec.replicas = 1; note("replicas=1") }
        if spec.podManagementPolicy == nil { spec.podManagementPolicy = "OrderedReady"; note("podManagementPolicy=OrderedReady") }
        if spec.updateStrategy?.type == nil {
            spec.updateStrategy = StatefulSetUpdateStrategy(type: "RollingUpdate", rollingUpdate: spec.updateStrategy?.rollingUpdate)
            note("updateStrategy.type=RollingUpdate")
        }
        if spec.updateStrategy?.type == "RollingUpdate", spec.updateStrategy?.rollingUpdate?.partition == nil {
            var rolling = spec.updateStrategy?.rollingUpdate ?? RollingUpdateStatefulSetStrategy(partition: nil)
            rolling.partition = 0
            spec.updateStrategy?.rollingUpdate = rolling
            note("rollingUpdate.partition=0")
        }
        if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
        if spec.persistentVolumeClaimRetentionPolicy == nil {
            spec.persistentVolumeClaimRetentionPolicy = PersistentVolumeClaimRetentionPolicy(whenDeleted: "Retain", whenScaled: "Retain")
            note("persistentVolumeClaimRetentionPolicy=Retain/Retain")
        }
        for index in (spec.volumeClaimTemplates ?? []).indices where spec.volumeClaimTemplates?[index].spec?.volumeMode == nil {
            spec.volumeClaimTemplates?[index].spec?.volumeMode = "Filesystem"
        }
        TemplateRules.applyDefaults(&spec.template, prefix: "template.") { note($0) }
        set.spec = spec
        set.status = StatefulSetStatus()
    }

    func validate(_ set: StatefulSet) -> [FieldError] {
        var errors = TemplateRules.validate(replicas: set.spec.replicas, selector: set.spec.selector, template: set.spec.template)
        if let policy = set.spec.podManagementPolicy, !["OrderedReady", "Parallel"].contains(policy) {
            errors.append(FieldError("spec.podManagementPolicy", .unsupported(value: policy, supported: ["OrderedReady", "Parallel"])))
        }
        if let type = set.spec.updateStrategy?.type, !["RollingUpdate", "OnDelete"].contains(type) {
            errors.append(FieldError("spec.updateStrategy.type", .unsupported(value: type, supported: ["OnDelete", "RollingUpdate"])))
        }
        if let partition = set.spec.updateStrategy?.rollingUpdate?.partition, partition < 0 {
            errors.append(FieldError("spec.updateStrategy.rollingUpdate.partition",
                                     .invalid(value: String(partition), detail: "must be greater than or equal to 0")))
        }
        var names = Set<String>()
        for (index, template) in (set.spec.volumeClaimTemplates ?? []).enumerated() {
            let path = "spec.volumeClaimTemplates[\(index)]"
            let name = template.metadata?.name ?? ""
            if name.isEmpty { errors.append(FieldError("\(path).metadata.name", .required("name or generateName is required"))) }
            if !name.isEmpty, !names.insert(name).inserted { errors.append(FieldError("\(path).metadata.name", .duplicate(value: name))) }
            errors += StorageRules.validateClaimSpec(template.spec ?? PersistentVolumeClaimSpec(), path: "\(path).spec")
        }
        return errors
    }

    /// Only replicas, template, updateStrategy, the claim retention policy and minReadySeconds may change.
    func validateUpdate(_ new: StatefulSet, old: StatefulSet) -> [FieldError] {
        var fixed = new.spec
        fixed.replicas = old.spec.replicas
        fixed.template = old.spec.template
        fixed.updateStrategy = old.spec.updateStrategy
        fixed.persistentVolumeClaimRetentionPolicy = old.spec.persistentVolumeClaimRetentionPolicy
        fixed.minReadySeconds = old.spec.minReadySeconds
        guard fixed == old.spec else {
            return validate(new) + [FieldError("spec", .forbidden("updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))]
        }
        return validate(new)
    }

}

extension StatefulSet: Scalable {
    public var scaleReplicas: Int32 {
        get { spec.replicas ?? 1 }
        set { spec.replicas = newValue }
    }
    public var observedReplicas: Int32 { status?.replicas ?? 0 }
}
