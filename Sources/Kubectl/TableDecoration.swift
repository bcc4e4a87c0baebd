import Cluster

/// What `kubectl get` adds to a type's own table: the kind before each name (several types, or
/// `--show-kind`), a column per `-L` key, LABELS (`--show-labels`) and NAMESPACE (`-A`).
struct TableDecoration {
    var withKind: Bool
    var labelColumns: [String]
    var showLabels: Bool
    var withNamespace: Bool

    init(_ arguments: Arguments, withKind: Bool) {
        self.withKind = withKind || arguments.bool("show-kind")
        labelColumns = arguments.all("label-columns").flatMap { $0.split(separator: ",").map(String.init) }
        showLabels = arguments.bool("show-labels")
        withNamespace = arguments.bool("all-namespaces")
    }

    func apply(to table: inout Printer.Table, type: ResourceType, objects: [any APIObject]) {
        if withKind { table.rows = table.rows.map { [type.qualifiedSingular + "/" + $0[0]] + $0.dropFirst() } }
        // -L app,tier: a column per label key, headed by the key's last segment in capitals.
        for key in labelColumns {
            table.header.append(String(key.split(separator: "/").last ?? Substring(key)).uppercased())
            for (index, object) in objects.enumerated() { table.rows[index].append(object.labels[key] ?? "") }
        }
        if showLabels {
            table.header.append("LABELS")
            for (index, object) in objects.enumerated() {
                let labels = object.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                table.rows[index].append(labels.isEmpty ? "<none>" : labels)
            }
        }
        if withNamespace, type.namespaced {
            table.header.insert("NAMESPACE", at: 0)
            for (index, object) in objects.enumerated() { table.rows[index].insert(object.metadata.namespace ?? "", at: 0) }
        }
    }
}
