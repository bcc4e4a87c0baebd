import KubeModel

/// What kube-apiserver reaches on a node's kubelet (its port 10250) to serve a Pod's
/// subresources that live on the node, not in etcd.
public protocol KubeletEndpoint: AnyObject {
    /// A container's log lines; nil when the kubelet runs no such Pod.
    func logs(podKey: String, container: String?, previous: Bool) -> [String]?
}

extension APIServer {
    /// `GET pods/NAME/log?container=C&previous=true`: the server finds the Pod's node and proxies
    /// to its kubelet; a container that has not started yet is the server's BadRequest.
    func podLog(_ request: APIRequest, log: inout RequestLog) -> Result<ResponseBody, APIError> {
        let name = request.name ?? ""
        guard let pod = get(Pod.self, namespace: request.namespace, name: name) else { return .failure(.notFound(Pod.type, name)) }
        let names = pod.spec.containers.map(\.name)
        guard let container = request.parameters["container"] ?? (names.count == 1 ? names.first : nil) else {
            return .failure(.badRequest("a container name must be specified for pod \(name), choose one of: [\(names.joined(separator: " "))]"))
        }
        guard names.contains(container) else { return .failure(.badRequest("container \(container) is not valid for pod \(name)")) }
        let previous = request.parameters["previous"] == "true"
        let status = (pod.status?.containerStatuses ?? []).first { $0.name == container }
        if status?.containerID != nil, let node = pod.spec.nodeName,
           let lines = kubeletConnection(node)?.logs(podKey: pod.key, container: container, previous: previous) {
            log.note("proxy", "GET https://\(node):10250/containerLogs/\(pod.key)/\(container)\(previous ? "?previous=true" : "") (kubelet on \(node))")
            return .success(.logLines(lines))
        }
        if previous { return .failure(.badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")) }
        let waiting = status?.state?.waiting?.reason ?? "ContainerCreating"
        let reason = waiting.contains("Image") ? "trying and failing to pull image" : waiting
        return .failure(.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)"))
    }
}
