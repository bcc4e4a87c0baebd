/// A Pod's resource requests as the scheduler counts them: the sum over containers, or the
/// largest init container if that is larger.
public enum PodRequests {
    public static let defaultMilliCPU: Int64 = 100
    public static let defaultMemory: Int64 = 200 * 1024 * 1024 * 1000

    public static func requests(of pod: Pod) -> [String: Int64] { total(pod, \.requests) }

    /// Limits, summed the same way (what `describe node` lists beside the requests).
    public static func limits(of pod: Pod) -> [String: Int64] { total(pod, \.limits) }

    private static func total(_ pod: Pod, _ kind: KeyPath<ResourceRequirements, [String: Quantity]?>) -> [String: Int64] {
        var total: [String: Int64] = [:]
        for container in pod.spec.containers {
            for (resource, quantity) in container.resources?[keyPath: kind] ?? [:] { total[resource, default: 0] += quantity.milliValue }
        }
        for container in pod.spec.initContainers ?? [] {
            for (resource, quantity) in container.resources?[keyPath: kind] ?? [:] where quantity.milliValue > total[resource, default: 0] {
                total[resource] = quantity.milliValue
            }
        }
        return total
    }

    public static func nonZeroRequests(of pod: Pod) -> [String: Int64] {
        var total: [String: Int64] = ["cpu": 0, "memory": 0]
        for container in pod.spec.containers {
            let requests = container.resources?.requests ?? [:]
            total["cpu", default: 0] += requests["cpu"]?.milliValue ?? defaultMilliCPU
            total["memory", default: 0] += requests["memory"]?.milliValue ?? defaultMemory
        }
        return total
    }
}
