import Testing
import Cluster

@Suite("kube-apiserver")
struct APIServerTests {
    let simulation = Simulation()
    var server: APIServer { cachedServer }
    let cachedServer: APIServer

    init() {
        cachedServer = APIServer(simulation: simulation)
        _ = cachedServer.handle(.create(Namespace(name: "default"), user: .kubernetesAdmin))
    }

    func create(_ pod: Pod) -> Result<any APIObject, APIError> {
        server.handle(.create(pod, user: .kubernetesAdmin)).result
    }

    /// A patch that names metadata.uid is a precondition (PodGC's status patch relies on it):
    /// a Pod deleted and created again under the same name is not patched by mistake.
    @Test func aPatchNamingAnotherUIDIsAConflict() throws {
        let pod = Pod(metadata: ObjectMeta(name: "web", namespace: "default"), spec: PodSpec(containers: [Container(name: "web", image: "nginx")]))
        let stored = try create(pod).get()
        func patch(uid: String) -> Result<any APIObject, APIError> {
            server.handle(APIRequest(verb: .patch, type: Pod.type, namespace: "default", name: "web", subresource: "status",
                                     patch: .object(["metadata": .object(["uid": .string(uid)]), "status": .object(["phase": .string("Failed")])]),
                                     user: .kubernetesAdmin)).result
        }
        let message = "Operation cannot be fulfilled on pods \"web\": StorageError: invalid object, Code: 4, Key: /registry/pods/default/web, "
            + "ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: other, UID in object meta: \(stored.metadata.uid ?? "")"
        #expect(throws: APIError(code: 409, reason: "Conflict", message: message)) { try patch(uid: "other").get() }
        let patched = try #require(try patch(uid: stored.metadata.uid ?? "").get() as? Pod)
        #expect(patched.phase == "Failed")
    }

    @Test func podsGetTheRealDefaults() throws {
        let pod = Pod(metadata: ObjectMeta(name: "web", namespace: "default"), spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.7.9")]))
        let stored = try #require(try create(pod).get() as? Pod)
        #expect(stored.spec.restartPolicy == "Always")
        #expect(stored.spec.terminationGracePeriodSeconds == 30)
        #expect(stored.spec.dnsPolicy == "ClusterFirst")
        #expect(stored.spec.schedulerName == "default-scheduler")
        #expect(stored.spec.containers[0].imagePullPolicy == "IfNotPresent")
        #expect(stored.spec.tolerations?.count == 2)
        #expect(stored.status?.phase == "Pending")
        #expect(stored.status?.qosClass == "BestEffort")
        #expect(stored.metadata.uid != nil && stored.metadata.resourceVersion != nil && stored.metadata.creationTimestamp != nil)
    }

    @Test func latestOrNoTagMeansAlwaysPull() {
        for (image, policy) in [("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.9.1", "IfNotPresent"), ("localhost:5000/app", "Always")] {
            let pod = Pod(metadata: ObjectMeta(name: "p\(policy.count)\(image.count)", namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: image)]))
            let stored = try? create(pod).get() as? Pod
            #expect(stored?.spec.containers.first?.imagePullPolicy == policy, "\(image)")
        }
    }

    @Test func validationSpeaksTheAPIServersWords() {
        let noImage = Pod(metadata: ObjectMeta(name: "x", namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: nil)]))
        #expect(throws: APIError(code: 422, reason: "Invalid", message: "The Pod \"x\" is invalid: spec.containers[0].image: Required value",
                                   causes: ["spec.containers[0].image: Required value"])) {
            try create(noImage).get()
        }
        var badPolicy = Pod(metadata: ObjectMeta(name: "y", namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        badPolicy.spec.restartPolicy = "Sometimes"
        #expect(throws: APIError(code: 422, reason: "Invalid", message: "The Pod \"y\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                                   causes: ["spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""])) {
            try create(badPolicy).get()
        }
    }

    @Test func aStaleResourceVersionGetsTheRealConflict() throws {
        var rs = ReplicaSet(metadata: ObjectMeta(name: "web", namespace: "default"),
                            spec: ReplicaSetSpec(replicas: 1, selector: LabelSelector(matchLabels: ["app": "web"]),
                                                 template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": "web"]), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))))
        let stored = try #require(try server.handle(.create(rs, user: .kubernetesAdmin)).result.get() as? ReplicaSet)
        rs = stored
        rs.spec.replicas = 3
        _ = try server.handle(.update(rs, user: .kubernetesAdmin)).result.get()
        rs.spec.replicas = 5
        #expect(throws: APIError.conflict(ReplicaSet.type, "web")) { try server.handle(.update(rs, user: .kubernetesAdmin)).result.get() }
        #expect(APIError.conflict(ReplicaSet.type, "web").message == "Operation cannot be fulfilled on replicasets.apps \"web\": the object has been modified; please apply your changes to the latest version and try again")
    }

    @Test func aSelectorThatDoesNotMatchTheTemplateIsRejected() {
        let rs = ReplicaSet(metadata: ObjectMeta(name: "web", namespace: "default"),
                            spec: ReplicaSetSpec(selector: LabelSelector(matchLabels: ["app": "web"]),
                                                 template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": "other"]), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))))
        let result = server.handle(.create(rs, user: .kubernetesAdmin)).result
        #expect(throws: APIError(code: 422, reason: "Invalid", message: "The ReplicaSet \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`",
                                   causes: ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"])) {
            try result.get()
        }
    }

    @Test func aWorkloadSelectorIsImmutable() throws {
        let template = PodTemplateSpec(metadata: ObjectMeta(labels: ["app": "web"]), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        let created = try #require(try server.handle(.create(Deployment(metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: DeploymentSpec(replicas: 1, selector: LabelSelector(matchLabels: ["app": "web"]), template: template)), user: .kubernetesAdmin)).result.get() as? Deployment)
        var changed = created
        changed.spec.selector = LabelSelector(matchLabels: ["app": "web", "tier": "front"])
        changed.spec.template?.metadata?.labels = ["app": "web", "tier": "front"]
        let result = server.handle(.update(changed, user: .kubernetesAdmin)).result
        #expect(throws: APIError.self) { try result.get() }
        if case .failure(let error) = result { #expect(error.message.hasSuffix("field is immutable")) }
    }

    @Test func aMissingNamespaceIsNotFound() {
        let pod = Pod(metadata: ObjectMeta(name: "x", namespace: "nowhere"), spec: PodSpec(containers: [Container(name: "c", image: "nginx")]))
        #expect(throws: APIError.notFound(Namespace.type, "nowhere")) { try create(pod).get() }
    }
}
