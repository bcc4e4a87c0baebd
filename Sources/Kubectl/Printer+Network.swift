import Cluster

extension Printer {
    /// `kubectl get endpoints` and `kubectl get endpointslices`.
    static func networkTable(for type: ResourceType, objects: [any APIObject], now: Int64) -> Table {
        if type == EndpointSlice.type {
            return Table(header: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], rows: objects.compactMap { $0 as? EndpointSlice }.map { slice in
                let ports = (slice.ports ?? []).map { $0.port.map(String.init) ?? $0.name ?? "*" }
                let addresses = (slice.endpoints ?? []).flatMap(\.addresses)
                return [slice.name, slice.addressType, firstThree(ports, unset: "<unset>"), firstThree(addresses, unset: "<unset>"), age(slice, now: now)]
            })
        }
        return Table(header: ["NAME", "ENDPOINTS", "AGE"], rows: objects.compactMap { $0 as? Endpoints }.map { endpoints in
            [endpoints.name, endpointsText(endpoints), age(endpoints, now: now)]
        })
    }

    /// kubectl's formatEndpoints: `ip:port` of each ready address for each port (only the ports
    /// named `portName` when given), the first three and `+ N more...`; `<none>` without subsets.
    static func endpointsText(_ endpoints: Endpoints?, portName: String? = nil) -> String {
        guard let subsets = endpoints?.subsets, !subsets.isEmpty else { return "<none>" }
        var items: [String] = []
        for subset in subsets {
            let addresses = (subset.addresses ?? []).map(\.ip)
            guard let ports = subset.ports, !ports.isEmpty else { items += addresses; continue }
            for port in ports where portName == nil || (port.name ?? "") == portName {
                items += addresses.map { "\($0):\(port.port)" }
            }
        }
        return firstThree(items, unset: "")
    }

    /// The first three items and `+ N more...`, as kubectl shortens address lists.
    static func firstThree(_ items: [String], unset: String) -> String {
        let text = items.prefix(3).joined(separator: ",")
        if items.count > 3 { return "\(text) + \(items.count - 3) more..." }
        return text.isEmpty ? unset : text
    }
}
