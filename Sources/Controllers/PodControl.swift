import ClientKit

/// controller.PodControl: how a controller creates and deletes the Pods it owns, recording the
/// events `describe` shows and telling the controller when a request failed (so that it stops
/// expecting to see it). Each request counts as one of its owner's sync: a failure requeues the
/// owner with back-off.
struct PodControl {
    let client: Client
    let recorder: EventRecorder
    let requests: SyncRequests

    /// A Pod from the owner's template: named after the owner, with its labels and annotations,
    /// controlled by it.
    static func pod(from template: PodTemplateSpec?, owner: any APIObject, extraLabels: [String: String] = [:]) -> Pod {
        let template = template ?? PodTemplateSpec()
        var metadata = ObjectMeta(namespace: owner.namespace, labels: (template.metadata?.labels ?? [:]).merging(extraLabels) { $1 })
        if metadata.labels?.isEmpty == true { metadata.labels = nil }
        metadata.generateName = "\(owner.name)-"
        metadata.annotations = template.metadata?.annotations
        metadata.ownerReferences = [owner.ownerReference(controller: true)]
        return Pod(metadata: metadata, spec: template.spec ?? PodSpec())
    }

    func create(_ pod: Pod, owner: any APIObject, why: String, failed: @escaping () -> Void) {
        client.create(pod, why: why, completion: requests.completion(owner.key) { result in
            switch result {
            case .success(let created):
                recorder.record(owner, reason: "SuccessfulCreate", message: "Created pod: \(created.name)")
            case .failure(let error):
                failed()
                recorder.record(owner, type: "Warning", reason: "FailedCreate", message: "Error creating: \(error.message)")
            }
        })
    }

    func delete(_ pod: Pod, owner: any APIObject, why: String, failed: @escaping () -> Void) {
        client.delete(Pod.type, namespace: pod.namespace, name: pod.name, why: why, completion: requests.completion(owner.key) { result in
            switch result {
            case .success: recorder.record(owner, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)")
            case .failure: failed()
            }
        })
    }
}
