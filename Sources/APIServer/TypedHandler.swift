import KubeModel
import SimCore

/// The request pipeline for one kind, typed by its strategy.
struct TypedHandler<S: Strategy>: ResourceHandler {
    typealias Object = S.Object
    let strategy: S

    func handle(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        switch (request.verb, request.subresource) {
        case (.create, nil): return create(request, server: server, log: &log)
        case (.create, "binding"): return bind(request, server: server, log: &log)
        case (.get, nil), (.get, "status"):
            guard let object = current(request, server) else { return .failure(.notFound(Object.type, request.name ?? "")) }
            return .success(object.withTypeMeta())
        case (.get, "scale"), (.update, "scale"), (.patch, "scale"): return scale(request, server: server, log: &log)
        case (.update, _): return update(request, server: server, log: &log)
        case (.patch, _): return patch(request, server: server, log: &log)
        case (.delete, nil): return delete(request, server: server, log: &log)
        default:
            return .failure(.notFound(Object.type, "\(request.name ?? "")/\(request.subresource ?? "")"))
        }
    }

    func current(_ request: APIRequest, _ server: APIServer) -> Object? {
        server.get(Object.type, namespace: request.namespace, name: request.name ?? "") as? Object
    }

    // MARK: create

    private func create(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard let object = request.body as? Object else {
            return .failure(.badRequest("the body of the request was in an unknown format"))
        }
        return create(object, request, ownership: .update(server.fieldManager(request), subresource: nil), server: server, log: &log)
    }

    /// Creates `object` as `request` asks; server-side apply's creation comes here with its
    /// managedFields already set.
    func create(_ object: Object, _ request: APIRequest, ownership: Ownership, server: APIServer,
                log: inout RequestLog) -> Result<any APIObject, APIError> {
        var object = object
        if let error = server.namespaceLifecycle(request) {
            log.note("admission", "NamespaceLifecycle: \(error.message)")
            return .failure(error)
        }
        if Object.type.namespaced {
            if let namespace = object.metadata.namespace, !namespace.isEmpty, namespace != request.namespace {
                return .failure(.badRequest("the namespace of the provided object does not match the namespace sent on the request"))
            }
            object.metadata.namespace = request.namespace
        } else {
            object.metadata.namespace = nil
        }
        var context = server.admissionContext(dryRun: request.dryRun)
        if (object.metadata.name ?? "").isEmpty, let prefix = object.metadata.generateName, !prefix.isEmpty {
            object.metadata.name = prefix + context.random[.objectNames].nameSuffix()
            log.note("naming", "generateName \(prefix) → \(object.name)")
        }
        object.metadata.uid = context.random[.uids].uuid()
        object.metadata.creationTimestamp = server.now
        object.metadata.resourceVersion = nil
        object.metadata.deletionTimestamp = nil
        object.metadata.generation = strategy.tracksGeneration ? 1 : nil
        strategy.prepareForCreate(&object, &context)
        if !context.admission.isEmpty { log.note("admission", context.admission.joined(separator: "; ")) }
        log.note("defaulting", context.defaulted.isEmpty ? "nothing to default" : context.defaulted.joined(separator: ", "))
        recordOwnership(ownership, of: &object, old: nil, server: server, log: &log)
        if (object.metadata.name ?? "").isEmpty {
            log.note("validation", "failed")
            return .failure(.invalid(Object.type, "", [FieldError("metadata.name", .required("name or generateName is required"))]))
        }
        var errors = NameRules.validateObjectName(object.name, label: strategy.nameIsLabel)
        errors += NameRules.validateLabels(object.metadata.labels, field: "metadata.labels")
        errors += strategy.validate(object) + context.errors
        if !errors.isEmpty {
            log.note("validation", "\(errors.count) error(s)")
            return .failure(.invalid(Object.type, object.name, errors))
        }
        log.note("validation", "valid")
        if request.dryRun {
            log.note("etcd", "dry run: not stored")
            return .success(object.withTypeMeta())
        }
        return server.write(object, expecting: 0, log: &log)
    }

    // MARK: update and patch

    private func update(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard var object = request.body as? Object else {
            return .failure(.badRequest("the body of the request was in an unknown format"))
        }
        guard let old = current(request, server) else { return .failure(.notFound(Object.type, request.name ?? "")) }
        if (object.metadata.resourceVersion ?? "").isEmpty {
            guard strategy.allowUnconditionalUpdate else {
                return .failure(.invalid(Object.type, old.name, [FieldError("metadata.resourceVersion", .invalid(value: "0x0", detail: "must be specified for an update"))]))
            }
        } else if object.metadata.resourceVersion != old.metadata.resourceVersion {
            log.note("etcd", "compare failed: resourceVersion \(object.metadata.resourceVersion ?? "") is not the current \(old.metadata.resourceVersion ?? "")")
            return .failure(.conflict(Object.type, old.name))
        }
        return commitUpdate(&object, old: old, subresource: request.subresource,
                            ownership: .update(server.fieldManager(request), subresource: request.subresource),
                            server: server, dryRun: request.dryRun, log: &log)
    }

    private func patch(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard let old = current(request, server) else {
            if request.patchType == .apply { return serverSideApply(request, live: nil, server: server, log: &log) }
            return .failure(.notFound(Object.type, request.name ?? ""))
        }
        guard let patch = request.patch else { return .failure(.badRequest("the request has no patch")) }
        let original: JSONValue
        do { original = try Codec.json(old) } catch { return .failure(.badRequest("\(error)")) }
        let patched: JSONValue
        switch request.patchType {
        case .apply:
            return serverSideApply(request, live: old, server: server, log: &log)
        case .json:
            do {
                patched = try JSONPatch.apply(patch, to: original)
            } catch {
                log.note("patch", "JSON patch failed: \(error.message)")
                if error.malformed { return .failure(.badRequest(error.message)) }
                // The API server keeps the library's reason out of the answer it gives.
                return .failure(APIError(code: 422, reason: "Invalid",
                                         message: "The request is invalid: the server rejected our request due to an error in our request"))
            }
        case .merge, .strategic:
            guard case .object = patch else {
                return .failure(.badRequest("json: cannot unmarshal \(JSONPatch.goKind(patch)) into Go value of type map[string]interface {}"))
            }
            do {
                patched = request.patchType == .merge ? original.mergePatched(with: patch) : try StrategicMerge.apply(patch, to: original)
            } catch {
                log.note("patch", "strategic merge failed: \(error.message)")
                return .failure(.badRequest(error.message))
            }
        }
        log.note("patch", "\(request.patchType == .json ? "JSON" : request.patchType == .merge ? "merge" : "strategic merge") patch applied")
        do {
            var object = try Codec.decode(Object.self, from: patched)
            // A patch that names a resourceVersion is a precondition (`label --resource-version`).
            if let wanted = object.metadata.resourceVersion, wanted != old.metadata.resourceVersion {
                return .failure(.conflict(Object.type, old.name))
            }
            object.metadata.resourceVersion = old.metadata.resourceVersion
            return commitUpdate(&object, old: old, subresource: request.subresource,
                                ownership: .update(server.fieldManager(request), subresource: request.subresource),
                                server: server, dryRun: request.dryRun, log: &log)
        } catch {
            return .failure(.badRequest(Codec.describe(error, kind: Object.type.kind + "." + (Object.type.group.isEmpty ? "" : Object.type.group))))
        }
    }

    func commitUpdate(_ object: inout Object, old: Object, subresource: String?, ownership: Ownership, server: APIServer, dryRun: Bool,
                      log: inout RequestLog) -> Result<any APIObject, APIError> {
        if let uid = object.metadata.uid, !uid.isEmpty, uid != old.metadata.uid {
            let key = Object.type.storageKey(namespace: old.metadata.namespace, name: old.name)
            log.note("etcd", "precondition failed: metadata.uid \(uid) is not the stored object's \(old.metadata.uid ?? "")")
            return .failure(APIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(Object.type.qualifiedPlural) \"\(old.name)\": "
                + "StorageError: invalid object, Code: 4, Key: \(key), ResourceVersion: 0, AdditionalErrorMsg: "
                + "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.metadata.uid ?? "")"))
        }
        if strategy.hasStatus { strategy.resetForUpdate(&object, old: old, subresource: subresource) }
        object.metadata.uid = old.metadata.uid
        object.metadata.creationTimestamp = old.metadata.creationTimestamp
        object.metadata.namespace = old.metadata.namespace
        object.metadata.name = old.metadata.name
        object.metadata.deletionTimestamp = old.metadata.deletionTimestamp
        object.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds
        object.metadata.generation = old.metadata.generation
        if strategy.tracksGeneration, !strategy.specEqual(object, old) {
            let generation = (old.metadata.generation ?? 0) + 1
            object.metadata.generation = generation
            log.note("generation", "spec changed: generation \(generation - 1) → \(generation)")
        }
        var context = server.admissionContext(dryRun: dryRun)
        strategy.prepareForUpdate(&object, old: old, &context)
        if !context.admission.isEmpty { log.note("admission", context.admission.joined(separator: "; ")) }
        recordOwnership(ownership, of: &object, old: old, server: server, log: &log)
        var errors = NameRules.validateLabels(object.metadata.labels, field: "metadata.labels")
        errors += strategy.validateUpdate(object, old: old) + context.errors
        if !errors.isEmpty {
            log.note("validation", "\(errors.count) error(s)")
            return .failure(.invalid(Object.type, old.name, errors))
        }
        log.note("validation", "valid")
        if dryRun { return .success(object.withTypeMeta()) }
        if object.metadata.deletionTimestamp != nil, strategy.finalized(object) {
            log.note("finalizers", "the last finalizer is gone from an object being deleted: it is removed")
            return server.remove(object, log: &log)
        }
        var comparable = object
        comparable.metadata.resourceVersion = old.metadata.resourceVersion
        if comparable == old {
            log.note("etcd", "no change: nothing written")
            return .success(old.withTypeMeta())
        }
        let modRevision = Int64(old.metadata.resourceVersion ?? "") ?? 0
        return server.write(object, expecting: modRevision, log: &log)
    }

    // MARK: subresources

    private func bind(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard let binding = request.body as? Binding, let pod = current(request, server) as? Pod else {
            return .failure(.notFound(Pod.type, request.name ?? ""))
        }
        let node = binding.target.name ?? ""
        if let assigned = pod.spec.nodeName {
            return .failure(APIError(code: 409, reason: "Conflict",
                                     message: "Operation cannot be fulfilled on pods/binding \"\(pod.name)\": pod \(pod.name) is already assigned to node \"\(assigned)\""))
        }
        if pod.metadata.deletionTimestamp != nil {
            return .failure(APIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on pods/binding \"\(pod.name)\": pod \(pod.name) is being deleted, cannot be assigned to a host"))
        }
        var bound = pod
        bound.spec.nodeName = node
        var conditions = (bound.status?.conditions ?? []).filter { $0.type != "PodScheduled" }
        conditions.append(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: server.now))
        if bound.status == nil { bound.status = PodStatus(phase: "Pending") }
        bound.status?.conditions = conditions
        log.note("binding", "spec.nodeName=\(node), condition PodScheduled=True")
        guard let result = bound as? Object else { return .failure(.badRequest("binding is only for pods")) }
        return server.write(result, expecting: Int64(pod.metadata.resourceVersion ?? "") ?? 0, log: &log)
    }

    private func scale(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard let object = current(request, server), let scalable = object as? any Scalable else {
            return .failure(.notFound(Object.type, request.name ?? ""))
        }
        func scaleObject(_ object: any Scalable) -> Scale {
            var scale = Scale(metadata: ObjectMeta(name: object.name, namespace: object.metadata.namespace), replicas: object.scaleReplicas)
            scale.metadata.uid = object.metadata.uid
            scale.metadata.resourceVersion = object.metadata.resourceVersion
            scale.metadata.creationTimestamp = object.metadata.creationTimestamp
            scale.status = ScaleStatus(replicas: object.observedReplicas, selector: object.podSelector?.text)
            return scale.withTypeMeta()
        }
        if request.verb == .get { return .success(scaleObject(scalable)) }
        var replicas: Int32?
        if let body = request.body as? Scale { replicas = body.spec.replicas }
        if let value = request.patch?["spec"]?["replicas"], case .int(let number) = value { replicas = Int32(clamping: number) }
        guard let replicas else { return .failure(.badRequest("the scale request did not set spec.replicas")) }
        var updated = scalable
        updated.scaleReplicas = replicas
        log.note("scale", "spec.replicas \(scalable.scaleReplicas) → \(replicas)")
        guard var typed = updated as? Object else { return .failure(.badRequest("not scalable")) }
        let result = commitUpdate(&typed, old: object, subresource: nil, ownership: .update(server.fieldManager(request), subresource: "scale"),
                                  server: server, dryRun: request.dryRun, log: &log)
        return result.map { scaleObject(($0 as? any Scalable) ?? scalable) }
    }

    // MARK: delete

    private func delete(_ request: APIRequest, server: APIServer, log: inout RequestLog) -> Result<any APIObject, APIError> {
        guard var object = current(request, server) else { return .failure(.notFound(Object.type, request.name ?? "")) }
        if let uid = request.preconditionUID, uid != object.metadata.uid {
            return .failure(APIError(code: 409, reason: "Conflict", message: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object.metadata.uid ?? "")"))
        }
        if let error = server.namespaceLifecycle(request) {
            log.note("admission", "NamespaceLifecycle: \(error.message)")
            return .failure(error)
        }
        if request.dryRun { return .success(object.withTypeMeta()) }
        if let pod = object as? Pod, pod.spec.nodeName != nil, !pod.isTerminal {
            let requested = request.gracePeriodSeconds ?? pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30
            let grace = min(max(requested, 0), 10 * 365 * 86_400)
            if grace > 0 {
                if object.metadata.deletionTimestamp != nil, let current = object.metadata.deletionGracePeriodSeconds, current <= grace {
                    log.note("graceful", "already terminating")
                    return .success(object.withTypeMeta())
                }
                object.metadata.deletionTimestamp = Timestamp(seconds: server.now.seconds + grace)
                object.metadata.deletionGracePeriodSeconds = grace
                log.note("graceful", "deletionTimestamp set, \(grace)s grace period: the kubelet on \(pod.spec.nodeName ?? "") stops the containers and then deletes the Pod")
                return server.write(object, expecting: Int64(object.metadata.resourceVersion ?? "") ?? 0, log: &log)
            }
        }
        let policy = request.propagationPolicy ?? (Object.type == Job.type ? .orphan : .background)
        if !(object is Pod), !(object is Namespace), let finalizer = policy.finalizer, object.metadata.deletionTimestamp == nil {
            object.metadata.finalizers = (object.metadata.finalizers ?? []).filter { $0 != finalizer } + [finalizer]
            log.note("propagation", "\(policy.rawValue): finalizer \(finalizer) added; the garbage collector "
                + (policy == .orphan ? "removes this owner from its dependents' ownerReferences" : "deletes the dependents first")
                + " and then removes the finalizer")
        }
        if !(object.metadata.finalizers ?? []).isEmpty || object is Namespace {
            if object.metadata.deletionTimestamp == nil {
                object.metadata.deletionTimestamp = server.now
                object.metadata.deletionGracePeriodSeconds = 0
                if var namespace = object as? Namespace {
                    namespace.status = NamespaceStatus(phase: "Terminating")
                    if let typed = namespace as? Object { object = typed }
                }
                log.note("finalizers", "deletionTimestamp set; waiting for finalizers \((object.metadata.finalizers ?? []).joined(separator: ", "))")
                return server.write(object, expecting: Int64(object.metadata.resourceVersion ?? "") ?? 0, log: &log)
            }
            return .success(object.withTypeMeta())
        }
        log.note("propagation", "\(policy.rawValue): the garbage collector deletes the dependents once the owner is gone")
        return server.remove(object, log: &log)
    }
}

