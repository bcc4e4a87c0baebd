import Cluster
import Foundation
import Kubectl

/// The verdict on one check: passed or not, and what was found.
public struct CheckResult: Sendable, Equatable {
    public let check: Check
    public let passed: Bool
    /// What the cluster showed, in a few words (`replicas is "2"`, `3 pods match`).
    public let found: String

    /// The check in one line, as a student reads it: what it wants.
    public var summary: String { check.summary }

    /// `✓` or `✗`.
    public var mark: String { passed ? "✓" : "✗" }

    /// What the check wants, and for a failed one what was found instead.
    public var verdict: String { passed ? summary : "\(summary) (\(found))" }
}

extension Check {
    /// Looks at the cluster, changing nothing (a request check reads the data plane only).
    public func evaluate(in cluster: Cluster) -> CheckResult {
        let client = Client(component: "lesson checks", user: .kubernetesAdmin, server: cluster.server, simulation: cluster.simulation)
        let (passed, found) = verdict(cluster, client)
        return CheckResult(check: self, passed: passed, found: found)
    }

    /// Reads through `client`, as kubectl would.
    private func verdict(_ cluster: Cluster, _ client: Client) -> (Bool, String) {
        switch condition {
        case .exists(let name):
            return Check.object(name, client) == nil ? (false, "\(name) not found") : (true, "\(name) exists")
        case .absent(let name):
            return Check.object(name, client) == nil ? (true, "\(name) is gone") : (false, "\(name) still exists")
        case .field(let name, let path, let expectation):
            guard let object = Check.object(name, client) else { return (false, "\(name) not found") }
            guard let json = try? Codec.json(object.withTypeMeta()), let template = try? JSONPathTemplate(path),
                  let value = try? template.render(json) else {
                return (false, "\(path) could not be read from \(name)")
            }
            let passed = switch expectation {
            case .equals(let expected): value == expected
            case .matches(let pattern): value.range(of: pattern, options: .regularExpression) != nil
            }
            return (passed, "\(path) is \"\(value)\"")
        case .condition(let name, let type, let status):
            guard let object = Check.object(name, client) else { return (false, "\(name) not found") }
            let conditions = (try? Codec.json(object))?["status"]?["conditions"]
            guard case .array(let items) = conditions ?? .null,
                  let found = items.first(where: { $0["type"]?.stringValue == type }) else {
                return (false, "\(name) has no \(type) condition yet")
            }
            let actual = found["status"]?.stringValue ?? ""
            return (actual == status, "\(type) is \(actual)")
        case .count(let typeName, let namespace, let selector, let fieldSelector, let count):
            guard let type = Catalog.type(named: typeName)?.type else { return (false, "the check cannot be read") }
            let listed = client.list(type, namespace: type.namespaced ? namespace : nil, labelSelector: selector, fieldSelector: fieldSelector)
            guard case .success(let matching) = listed else { return (false, "the check cannot be read") }
            return (count.admits(matching.count), matching.count == 1 ? "1 \(type.singular) matches" : "\(matching.count) \(type.plural) match")
        case .request(let url, let from, let namespace, let succeeds):
            guard let target = Network.parseURL(url) else { return (false, "\(url) is not a URL") }
            let origin: Network.Origin
            if let pod = from.split(separator: "/", maxSplits: 1).last, from.contains("/") {
                guard let found = client.get(Pod.self, namespace: namespace, name: String(pod)).value else {
                    return (false, "pod \(pod) to send the request from not found")
                }
                origin = .pod(found)
            } else {
                guard cluster.kubelet(on: from) != nil else { return (false, "node \(from) to send the request from not found") }
                origin = .node(from)
            }
            let trip = cluster.network.request(target.host, port: target.port, path: target.path, from: origin)
            let outcome: (answered: Bool, text: String) = switch trip.outcome {
            case .answered(let listener, .http(let status, _, _)): (status.hasPrefix("2"), "\(listener.pod) answered \(status)")
            case .answered(let listener, .notHTTP): (false, "\(listener.pod) answered, but not in HTTP")
            case .unresolved(let name): (false, "\(name) did not resolve")
            case .refused(let ip, let port): (false, "connection to \(ip):\(port) refused")
            case .timedOut(let ip, let port): (false, "connection to \(ip):\(port) timed out")
            }
            return (outcome.answered == succeeds, outcome.text)
        case .event(let reason, let about, let namespace):
            let events = (client.list(Event.self, namespace: namespace).value ?? []).filter { event in
                event.reason == reason && about.map { name in
                    event.involvedObject.name == name.name
                        && Catalog.type(named: name.type)?.type.kind == event.involvedObject.kind
                } ?? true
            }
            return (!events.isEmpty, events.isEmpty ? "no \(reason) event" : "\(events.count) \(reason) event\(events.count == 1 ? "" : "s")")
        }
    }

    private static func object(_ name: ObjectName, _ client: Client) -> (any APIObject)? {
        guard let type = Catalog.type(named: name.type)?.type else { return nil }
        return client.get(type, namespace: type.namespaced ? name.namespace : nil, name: name.name).value
    }

    /// What the check asks for, in one line: the student's message, or a description.
    public var summary: String {
        if let message { return message }
        switch condition {
        case .exists(let name): return "\(name) exists"
        case .absent(let name): return "\(name) does not exist"
        case .field(let name, let path, .equals(let value)): return "\(name) \(path) is \"\(value)\""
        case .field(let name, let path, .matches(let pattern)): return "\(name) \(path) matches \(pattern)"
        case .condition(let name, let type, let status): return "\(name) has condition \(type)=\(status)"
        case .count(let type, _, let selector, let fieldSelector, let count):
            let filters = [selector.isEmpty ? nil : "-l \(selector)", fieldSelector.isEmpty ? nil : "--field-selector \(fieldSelector)"].compactMap { $0 }
            return "\(count.text) \(type)\(filters.isEmpty ? "" : " (" + filters.joined(separator: " ") + ")")"
        case .request(let url, let from, _, let succeeds): return "a request to \(url) from \(from) \(succeeds ? "is answered" : "is not answered")"
        case .event(let reason, let about, _): return "an event \(reason)\(about.map { " about \($0)" } ?? "")"
        }
    }
}
