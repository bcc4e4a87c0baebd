import KubeModel

struct ReplicaSetStrategy: Strategy {
    typealias Object = ReplicaSet
    var tracksGeneration: Bool { true }

    func prepareForCreate(_ replicaSet: inout ReplicaSet, _ context: inout AdmissionContext) {
        if replicaSet.spec.replicas == nil {
            replicaSet.spec.replicas = 1
            context.defaulted.append("replicas=1")
        }
        TemplateRules.applyDefaults(&replicaSet.spec.template, prefix: "template.") { context.defaulted.append($0) }
        replicaSet.status = ReplicaSetStatus(replicas: 0)
    }

    func validate(_ replicaSet: ReplicaSet) -> [FieldError] {
        TemplateRules.validate(replicas: replicaSet.spec.replicas, selector: replicaSet.spec.selector, template: replicaSet.spec.template)
    }


}

/// Workload kinds that stamp out Pods matching a selector, which is fixed once created (apps/v1).
/// kubectl reads the selector too (`logs job/NAME`).
public protocol PodSelecting: APIObject {
    var podSelector: LabelSelector? { get }
    /// The template its Pods are made from.
    var podTemplate: PodTemplateSpec? { get }
}

/// A spec that selects Pods and makes them from a template: the workload kinds' specs.
public protocol WorkloadSpec {
    var selector: LabelSelector? { get }
    var template: PodTemplateSpec? { get }
}

extension PodSelecting where Self: SpecAndStatus, Spec: WorkloadSpec {
    public var podSelector: LabelSelector? { spec.selector }
    public var podTemplate: PodTemplateSpec? { spec.template }
}

extension ReplicaSetSpec: WorkloadSpec {}
extension DeploymentSpec: WorkloadSpec {}
extension DaemonSetSpec: WorkloadSpec {}
extension StatefulSetSpec: WorkloadSpec {}
extension JobSpec: WorkloadSpec {}
extension ReplicaSet: PodSelecting {}
extension Deployment: PodSelecting {}
extension DaemonSet: PodSelecting {}
extension StatefulSet: PodSelecting {}
extension Job: PodSelecting {}

extension Strategy where Object: PodSelecting {
    func validateUpdate(_ new: Object, old: Object) -> [FieldError] {
        guard new.podSelector != old.podSelector else { return validate(new) }
        return validate(new) + [FieldError("spec.selector", .invalid(value: TemplateRules.goSelector(new.podSelector), detail: "field is immutable"))]
    }
}

/// Rules shared by every kind that stamps out Pods from a template.
enum TemplateRules {
    /// The Pod defaults, applied to a template's spec; `note` hears each as `<prefix><field>=<value>`.
    static func applyDefaults(_ template: inout PodTemplateSpec?, prefix: String, note: (String) -> Void) {
        guard var spec = template?.spec else { return }
        PodStrategy.applyDefaults(&spec) { note(prefix + $0) }
        template?.spec = spec
    }

    /// A replica count and a template whose labels the selector matches.
    static func validate(replicas: Int32?, selector: LabelSelector?, template: PodTemplateSpec?) -> [FieldError] {
        var errors: [FieldError] = []
        if let replicas, replicas < 0 {
            errors.append(FieldError("spec.replicas", .invalid(value: String(replicas), detail: "must be greater than or equal to 0")))
        }
        return errors + validate(selector: selector, template: template)
    }

    static func validate(selector: LabelSelector?, template: PodTemplateSpec?, restartPolicies: [String] = ["Always"]) -> [FieldError] {
        var errors: [FieldError] = []
        guard let selector, !selector.isEmpty else {
            errors.append(FieldError("spec.selector", .required()))
            if template == nil { errors.append(FieldError("spec.template", .required())) }
            return errors
        }
        guard let template else { return [FieldError("spec.template", .required())] }
        let labels = template.metadata?.labels ?? [:]
        errors += NameRules.validateLabels(labels, field: "spec.template.metadata.labels")
        if !selector.matches(labels) {
            errors.append(FieldError("spec.template.metadata.labels",
                                     .invalid(value: goMap(labels), detail: "`selector` does not match template `labels`")))
        }
        errors += PodStrategy.validateSpec(template.spec ?? PodSpec(), path: "spec.template.spec", allowedRestartPolicies: restartPolicies)
        return errors
    }

    /// Labels as Go's %#v prints a map: `map[string]string{"run":"nginx"}`.
    static func goMap(_ labels: [String: String]) -> String {
        "map[string]string{" + labels.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }

    static func goSelector(_ selector: LabelSelector?) -> String {
        "v1.LabelSelector{MatchLabels:\(goMap(selector?.matchLabels ?? [:])), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
    }
}

struct NodeStrategy: Strategy {
    typealias Object = Node
}

struct NamespaceStrategy: Strategy {
    typealias Object = Namespace
    var hasStatus: Bool { true }

    func prepareForCreate(_ namespace: inout Namespace, _ context: inout AdmissionContext) {
        namespace.spec = NamespaceSpec(finalizers: ["kubernetes"])
        namespace.status = NamespaceStatus(phase: "Active")
        var labels = namespace.metadata.labels ?? [:]
        labels["kubernetes.io/metadata.name"] = namespace.name
        namespace.metadata.labels = labels
    }

    var nameIsLabel: Bool { true }

    /// The main resource and `status` may not touch spec.finalizers; the `finalize` subresource may.
    func resetForUpdate(_ new: inout Namespace, old: Namespace, subresource: String?) {
        switch subresource {
        case "status": new.spec = old.spec
        case "finalize": new.status = old.status
        default:
            new.status = old.status
            new.spec = old.spec
        }
    }

    /// A namespace goes once its content is gone and the namespace controller has removed the
    /// `kubernetes` finalizer from spec.finalizers.
    func finalized(_ namespace: Namespace) -> Bool {
        (namespace.metadata.finalizers ?? []).isEmpty && (namespace.spec?.finalizers ?? []).isEmpty
    }
}

/// The API server's rules for Deployments (pkg/registry/apps/deployment).
struct DeploymentAPIStrategy: Strategy {
    typealias Object = Deployment
    var tracksGeneration: Bool { true }

    func prepareForCreate(_ deployment: inout Deployment, _ context: inout AdmissionContext) {
        var spec = deployment.spec
        func note(_ text: String) { context.defaulted.append(text) }
        if spec.replicas == nil { spec.replicas = 1; note("replicas=1") }
        if spec.strategy?.type == nil {
            spec.strategy = DeploymentStrategy(type: "RollingUpdate", rollingUpdate: spec.strategy?.rollingUpdate)
            note("strategy.type=RollingUpdate")
        }
        if spec.strategy?.type == "RollingUpdate" {
            var rolling = spec.strategy?.rollingUpdate ?? RollingUpdateDeployment(maxUnavailable: nil, maxSurge: nil)
            if rolling.maxUnavailable == nil { rolling.maxUnavailable = .string("25%"); note("maxUnavailable=25%") }
            if rolling.maxSurge == nil { rolling.maxSurge = .string("25%"); note("maxSurge=25%") }
            spec.strategy?.rollingUpdate = rolling
        }
        if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10; note("revisionHistoryLimit=10") }
        if spec.progressDeadlineSeconds == nil { spec.progressDeadlineSeconds = 600; note("progressDeadlineSeconds=600") }
        TemplateRules.applyDefaults(&spec.template, prefix: "template.") { note($0) }
        deployment.spec = spec
        deployment.status = DeploymentStatus()
    }

    func validate(_ deployment: Deployment) -> [FieldError] {
        var errors = TemplateRules.validate(replicas: deployment.spec.replicas, selector: deployment.spec.selector, template: deployment.spec.template)
        let strategy = deployment.spec.strategy
        switch strategy?.type {
        case "Recreate":
            if strategy?.rollingUpdate != nil {
                errors.append(FieldError("spec.strategy.rollingUpdate", .forbidden("may not be specified when strategy `type` is 'Recreate'")))
            }
        case "RollingUpdate", nil:
            let surge = strategy?.rollingUpdate?.maxSurge
            let unavailable = strategy?.rollingUpdate?.maxUnavailable
            for (field, value) in [("maxSurge", surge), ("maxUnavailable", unavailable)] {
                guard let value else { continue }
                if value.scaled(total: 100, roundUp: true) == nil {
                    errors.append(FieldError("spec.strategy.rollingUpdate.\(field)", .invalid(value: "\"\(value)\"", detail: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")))
                } else if (value.scaled(total: 100, roundUp: true) ?? 0) < 0 {
                    errors.append(FieldError("spec.strategy.rollingUpdate.\(field)", .invalid(value: value.description, detail: "must be greater than or equal to 0")))
                }
            }
            if surge?.scaled(total: 100, roundUp: true) == 0, unavailable?.scaled(total: 100, roundUp: true) == 0 {
                errors.append(FieldError("spec.strategy.rollingUpdate.maxUnavailable", .invalid(value: "0", detail: "may not be 0 when `maxSurge` is 0")))
            }
        case let other?:
            errors.append(FieldError("spec.strategy.type", .unsupported(value: other, supported: ["Recreate", "RollingUpdate"])))
        }
        return errors
    }


}

/// The API server's rules for DaemonSets.
struct DaemonSetAPIStrategy: Strategy {
    typealias Object = DaemonSet
    var tracksGeneration: Bool { true }

    func prepareForCreate(_ daemonSet: inout DaemonSet, _ context: inout AdmissionContext) {
        if daemonSet.spec.updateStrategy?.type == nil {
            daemonSet.spec.updateStrategy = DaemonSetUpdateStrategy(type: "RollingUpdate", rollingUpdate: nil)
            context.defaulted.append("updateStrategy.type=RollingUpdate")
        }
        if daemonSet.spec.updateStrategy?.type == "RollingUpdate", daemonSet.spec.updateStrategy?.rollingUpdate == nil {
            daemonSet.spec.updateStrategy?.rollingUpdate = RollingUpdateDaemonSet(maxUnavailable: .int(1), maxSurge: .int(0))
            context.defaulted.append("rollingUpdate.maxUnavailable=1, maxSurge=0")
        }
        if daemonSet.spec.revisionHistoryLimit == nil { daemonSet.spec.revisionHistoryLimit = 10 }
        TemplateRules.applyDefaults(&daemonSet.spec.template, prefix: "template.") { context.defaulted.append($0) }
        daemonSet.status = DaemonSetStatus()
        daemonSet.metadata.annotations = (daemonSet.metadata.annotations ?? [:]).merging([DaemonSet.templateGenerationAnnotation: "1"]) { $1 }
    }

    /// The template generation counts template changes (it labels the Pods as pod-template-generation).
    func resetForUpdate(_ new: inout DaemonSet, old: DaemonSet, subresource: String?) {
        if subresource == "status" { new.spec = old.spec } else { new.status = old.status }
        let generation = Int(old.metadata.annotations?[DaemonSet.templateGenerationAnnotation] ?? "") ?? 1
        let next = subresource != "status" && new.spec.template != old.spec.template ? generation + 1 : generation
        new.metadata.annotations = (new.metadata.annotations ?? [:]).merging([DaemonSet.templateGenerationAnnotation: String(next)]) { $1 }
    }

    func validate(_ daemonSet: DaemonSet) -> [FieldError] {
        var errors = TemplateRules.validate(selector: daemonSet.spec.selector, template: daemonSet.spec.template)
        if let type = daemonSet.spec.updateStrategy?.type, !["RollingUpdate", "OnDelete"].contains(type) {
            errors.append(FieldError("spec.updateStrategy.type", .unsupported(value: type, supported: ["OnDelete", "RollingUpdate"])))
        }
        return errors
    }


}
